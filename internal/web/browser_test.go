package web_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/berdaya/berdaya/internal/db"
	"github.com/chromedp/chromedp"
)

// chromiumPath finds Debian's chromium (or BERDAYA_CHROMIUM). Without one the
// browser test is skipped on a developer's machine but fails under CI, where
// .ci/run installs it.
func chromiumPath(t *testing.T) string {
	if p := os.Getenv("BERDAYA_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("no chromium found; .ci/run should have installed it (apt-get install -y chromium)")
	}
	t.Skip("browser test skipped: no chromium on PATH (apt-get install chromium, or set BERDAYA_CHROMIUM)")
	return ""
}

func newChrome(t *testing.T, width, height int) context.Context {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(width, height),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	ctx, cancelTimeout := context.WithTimeout(ctx, 180*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	return ctx
}

// shot saves the page when BERDAYA_SCREENSHOTS names a folder (for people to
// look at; the test does not judge pictures).
func shot(t *testing.T, ctx context.Context, name string) {
	dir := os.Getenv("BERDAYA_SCREENSHOTS")
	if dir == "" {
		return
	}
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), buf, 0o644); err != nil {
		t.Fatal(err)
	}
}

// text reads the visible text of the first element matching a CSS selector.
func text(t *testing.T, ctx context.Context, css string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(css)))
	if err != nil {
		t.Fatalf("text of %s: %v", css, err)
	}
	return s
}

func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

type css = chromedp.CSS

// TestBrowserMainFlow drives the real server in headless Chromium: log in, switch
// the language, browse and search the regions, at phone and desktop width.
func TestBrowserMainFlow(t *testing.T) {
	e := newEnv(t, db.SQLite)
	for _, size := range []struct {
		name          string
		width, height int
	}{{"phone", 360, 780}, {"desktop", 1280, 860}} {
		t.Run(size.name, func(t *testing.T) {
			ctx := newChrome(t, size.width, size.height)
			do(t, ctx, chromedp.EmulateViewport(int64(size.width), int64(size.height)),
				chromedp.Navigate(e.srv.URL+"/"), chromedp.WaitVisible(css(`input[name=username]`)))
			shot(t, ctx, size.name+"-login")
			do(t, ctx,
				chromedp.SendKeys(css(`input[name=username]`), "admin"),
				chromedp.SendKeys(css(`input[name=password]`), adminPassword),
				chromedp.Submit(css(`input[name=password]`)),
				chromedp.WaitVisible(css(`nav.mainnav`)),
			)
			if h := text(t, ctx, `main h1`); !strings.Contains(h, "Selamat datang") {
				t.Fatalf("after login the heading is %q, want the Indonesian welcome", h)
			}
			shot(t, ctx, size.name+"-home-id")
			do(t, ctx,
				chromedp.Click(css(`form.lang button[value=en]`)),
				chromedp.WaitVisible(css(`form.lang button[value=en][aria-current]`)),
			)
			lang, err := chromedp.Run(ctx, chromedp.AttributeValue(css(`html`), "lang"))
			if h := text(t, ctx, `main h1`); err != nil || !strings.Contains(h, "Welcome") || lang.Value != "en" {
				t.Fatalf("after switching to English: heading %q, lang %+v, %v", h, lang, err)
			}
			shot(t, ctx, size.name+"-home-en")
			do(t, ctx,
				chromedp.Click(css(`nav.mainnav a[href="/regions"]`)),
				chromedp.WaitVisible(css(`table.list`)),
				chromedp.Click(css(`a[href="/regions?parent=32"]`)),
				chromedp.WaitVisible(css(`a[href="/regions?parent=32.04"]`)),
			)
			if got := text(t, ctx, `table.list`); !strings.Contains(got, "Kabupaten Bandung") || !strings.Contains(got, "Regency/City") {
				t.Errorf("West Java's regencies (English labels) not listed: %.200q", got)
			}
			shot(t, ctx, size.name+"-regions")
			do(t, ctx,
				chromedp.SendKeys(css(`input[name=q]`), "cileunyi"),
				chromedp.Submit(css(`input[name=q]`)),
				chromedp.WaitVisible(css(`ul.results`)),
			)
			if got := text(t, ctx, `ul.results`); !strings.Contains(got, "Cileunyi") || !strings.Contains(got, "Kabupaten Bandung") {
				t.Errorf("search for Cileunyi inside Jawa Barat: %.300q", got)
			}
			shot(t, ctx, size.name+"-search")
			// The other pages of the shell render at this width with their headings.
			for _, pg := range []struct{ path, heading string }{
				{"/admin/users", "Users"}, {"/admin/users/new", "New user"}, {"/admin/audit", "Audit trail"},
				{"/account", "My account"}, {"/about", "About Berdaya"},
				{"/persons", "Beneficiaries"}, {"/persons/new", "Add a person"}, {"/import", "Import data"}, {"/duplicates", "Possible duplicates"},
			} {
				do(t, ctx, chromedp.Navigate(e.srv.URL+pg.path), chromedp.WaitVisible(css(`main h1`)))
				if h := text(t, ctx, `main h1`); !strings.Contains(h, pg.heading) {
					t.Errorf("%s: heading %q, want %q", pg.path, h, pg.heading)
				}
				shot(t, ctx, size.name+strings.ReplaceAll(pg.path, "/", "-"))
			}
			// Switch back so the next width starts in Indonesian again.
			do(t, ctx, chromedp.Click(css(`form.lang button[value=id]`)), chromedp.WaitVisible(css(`form.lang button[value=id][aria-current]`)))
		})
	}
}
