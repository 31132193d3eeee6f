package web_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/berdaya/berdaya/internal/db"
	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// messyCSV is a file as a clerk sends it: semicolons, a BOM, CRLF, headers in
// their own words, an apostrophe-prefixed NIK, a NIK Excel turned into
// scientific notation, an impossible date and an unknown village.
const messyCSV = "\ufeffNIK;No. KK;Nama Lengkap;Jenis Kelamin;Tgl Lahir;Hubungan;Kode Desa;Alamat\r\n" +
	"'3204054107850003;3204051203100007;Siti Aminah;Perempuan;01-07-1985;Istri;3204052001;Jl. Melati 5\r\n" +
	"3204051505800001;3204051203100007;Budi Santoso;L;15/05/1980;Kepala Keluarga;32.04.05.2001;Jl. Melati 5\r\n" +
	"3.20405E+15;3204051203100007;Rusak Excel;L;01/01/1990;anak;3204052001;\r\n" +
	"3204050101100002;3204051203100007;Ani;P;31/02/2010;anak;3204059999;\r\n"

// TestBrowserImportAndFind imports a messy file on the web page, watches the
// import finish, downloads the error report and finds an imported person.
func TestBrowserImportAndFind(t *testing.T) {
	e := newEnv(t, db.SQLite)
	file := filepath.Join(t.TempDir(), "data-desa.csv")
	if err := os.WriteFile(file, []byte(messyCSV), 0o644); err != nil {
		t.Fatal(err)
	}
	downloads := t.TempDir()
	ctx := newChrome(t, 1280, 900)
	do(t, ctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(e.srv.URL+"/login"), chromedp.WaitVisible(css(`input[name=username]`)),
		chromedp.SendKeys(css(`input[name=username]`), "admin"),
		chromedp.SendKeys(css(`input[name=password]`), adminPassword),
		chromedp.Submit(css(`input[name=password]`)),
		chromedp.WaitVisible(css(`nav.mainnav`)),
		chromedp.Click(css(`nav.mainnav a[href="/import"]`)),
		chromedp.WaitVisible(css(`input[type=file]`)),
		chromedp.SetUploadFiles(css(`input[type=file]`), []string{file}),
	)
	shot(t, ctx, "import-form")
	do(t, ctx, chromedp.Submit(css(`input[type=file]`)), chromedp.WaitVisible(css(`progress`)))
	// The page refreshes itself until the import is done.
	deadline := time.Now().Add(30 * time.Second)
	// Read the page by script, not by node: a node read while the page
	// reloads is gone before its text comes back ("No node with given id").
	section := func() string {
		got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector('main section') || {}).innerText || ''`))
		if err != nil {
			return "" // mid-reload; the next poll reads the new page
		}
		return got
	}
	for !strings.Contains(section(), "Selesai") {
		if time.Now().After(deadline) {
			t.Fatalf("import did not finish: %q", section())
		}
		time.Sleep(300 * time.Millisecond)
	}
	// Once done the page stops refreshing; wait for the finished page's
	// summary to be there before reading it.
	do(t, ctx, chromedp.WaitVisible(css(`ul.stats`)))
	shot(t, ctx, "import-done")
	summary := strings.Join(strings.Fields(text(t, ctx, `ul.stats`)), " ")
	if !strings.Contains(summary, "2 baru") || !strings.Contains(summary, "2 ditolak") {
		t.Errorf("import summary %q, want 2 new and 2 refused", summary)
	}

	progress := chromedp.Events(ctx, cdpbrowser.DownloadProgress)
	do(t, ctx, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
			Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: downloads, EventsEnabled: ptr(true)})
		return err
	}), chromedp.Click(css(`a[href$="errors.csv"]`)))
	var report []byte
	for ev, err := range progress {
		if err != nil {
			t.Fatal(err)
		}
		if ev.State == cdpbrowser.DownloadProgressStateCompleted {
			if report, err = os.ReadFile(filepath.Join(downloads, ev.GUID)); err != nil {
				t.Fatal(err)
			}
			break
		}
	}
	got := string(report)
	for _, want := range []string{"Baris;Kolom;Isi;Alasan", "4;NIK;3.20405E+15;", "5;Tgl Lahir;31/02/2010;", "5;Kode Desa;3204059999;"} {
		if !strings.Contains(got, want) {
			t.Errorf("error report lacks %q:\n%s", want, got)
		}
	}

	do(t, ctx, chromedp.Click(css(`nav.mainnav a[href="/persons"]`)), chromedp.WaitVisible(css(`input[name=q]`)),
		chromedp.SendKeys(css(`input[name=q]`), "sitti aminah"), // a spelling variant
		chromedp.Submit(css(`input[name=q]`)),
		chromedp.WaitVisible(css(`table.list`)),
	)
	shot(t, ctx, "persons-search")
	if got := text(t, ctx, `table.list tbody`); !strings.Contains(got, "Siti Aminah") || !strings.Contains(got, "3204054107850003") {
		t.Fatalf("search result %q", got)
	}
	do(t, ctx, chromedp.Click(css(`table.list tbody a`)), chromedp.WaitVisible(css(`ul.members`)))
	shot(t, ctx, "person")
	if got := text(t, ctx, `ul.members`); !strings.Contains(got, "Budi Santoso") {
		t.Errorf("household members %q", got)
	}
}

func ptr[T any](v T) *T { return &v }
