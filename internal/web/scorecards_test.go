package web_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"html/template"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/audit"
	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/dbtest"
	"github.com/berdaya/berdaya/internal/i18n"
	"github.com/berdaya/berdaya/internal/ppi"
)

// scDataDir is the shared PPI data, seen from internal/web.
const scDataDir = "../../../shared/data/ppi"

// scFile is one file of an upload: the form field, the name and the bytes.
type scFile struct{ field, name, content string }

// scNeed returns the path of a shared PPI file, skipping the test when the
// data is absent.
func scNeed(t *testing.T, name string) string {
	t.Helper()
	path := filepath.Join(scDataDir, name)
	if _, err := os.Stat(path); err != nil {
		t.Skipf("PPI scorecard data not found at %s (relative to internal/web): the tables are IPA's and are not committed; put Indonesia's CSV files and IPA's workbooks in ../shared/data/ppi to run this test", scDataDir)
	}
	return path
}

func scRead(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// scUpload posts the catalogue's upload form with fields and files, as the
// same site would.
func (b *browser) scUpload(fields url.Values, files ...scFile) (*http.Response, string) {
	b.e.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	if fields.Get("csrf") == "" {
		fields.Set("csrf", b.csrf)
	}
	for k, vs := range fields {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	for _, f := range files {
		fw, _ := mw.CreateFormFile(f.field, f.name)
		io.WriteString(fw, f.content)
	}
	mw.Close()
	req, _ := http.NewRequest("POST", b.e.srv.URL+"/scorecards", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Origin", b.e.srv.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	res, err := b.c.Do(req)
	if err != nil {
		b.e.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	return res, string(raw)
}

// scCSV reads a CSV file of the shared data: its header and rows.
func scCSV(t *testing.T, content string) ([]string, [][]string) {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(content)).ReadAll()
	if err != nil || len(rows) < 2 {
		t.Fatalf("reading CSV: %v", err)
	}
	return rows[0], rows[1:]
}

// scColumn is the index of column name in head.
func scColumn(t *testing.T, head []string, name string) int {
	t.Helper()
	for i, h := range head {
		if h == name {
			return i
		}
	}
	t.Fatalf("no column %s in %v", name, head)
	return -1
}

// scWithout drops column name from a CSV file.
func scWithout(t *testing.T, content, name string) string {
	t.Helper()
	head, rows := scCSV(t, content)
	drop := scColumn(t, head, name)
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	for _, row := range append([][]string{head}, rows...) {
		w.Write(append(append([]string{}, row[:drop]...), row[drop+1:]...))
	}
	w.Flush()
	return buf.String()
}

var (
	scAnswerRow = regexp.MustCompile(`(?s)<tr>\s*<td><span class="code">([A-Z]+)</span></td>(.*?)</tr>`)
	scPoints    = regexp.MustCompile(`<strong>(\d+)</strong>`)
	scLookupRow = regexp.MustCompile(`<tr><th class="num">(\d+)</th>(.*?)</tr>`)
	scLookupTD  = regexp.MustCompile(`<td class="num">([^<]*)</td>`)
)

// scQuestion is the HTML of question no's section on a card's page.
func scQuestion(t *testing.T, page string, no int) string {
	t.Helper()
	start := strings.Index(page, `id="q`+strconv.Itoa(no)+`"`)
	if start < 0 {
		t.Fatalf("page has no question %d", no)
	}
	end := strings.Index(page[start:], "</section>")
	return page[start : start+end]
}

// scCheckPoints checks that the page shows every answer of the CSV scorecard
// (its English text) with its points on the lines of columns, in order.
func scCheckPoints(t *testing.T, page, scorecardCSV string, columns []string) {
	t.Helper()
	head, rows := scCSV(t, scorecardCSV)
	noCol, codeCol, textCol := scColumn(t, head, "question_no"), scColumn(t, head, "answer_code"), scColumn(t, head, "answer")
	byQuestion := map[string][][]string{}
	for _, row := range rows {
		byQuestion[row[noCol]] = append(byQuestion[row[noCol]], row)
	}
	for no := 1; byQuestion[strconv.Itoa(no)] != nil; no++ {
		want := byQuestion[strconv.Itoa(no)]
		got := scAnswerRow.FindAllStringSubmatch(scQuestion(t, page, no), -1)
		if len(got) != len(want) {
			t.Fatalf("question %d shows %d answers, the CSV has %d", no, len(got), len(want))
		}
		for i, row := range want {
			if got[i][1] != row[codeCol] || !strings.Contains(got[i][2], template.HTMLEscapeString(row[textCol])) {
				t.Errorf("question %d answer %d = %q, want %s %q", no, i, got[i][0], row[codeCol], row[textCol])
			}
			var pts []string
			for _, m := range scPoints.FindAllStringSubmatch(got[i][2], -1) {
				pts = append(pts, m[1])
			}
			var wantPts []string
			for _, c := range columns {
				wantPts = append(wantPts, row[scColumn(t, head, c)])
			}
			if strings.Join(pts, ",") != strings.Join(wantPts, ",") {
				t.Errorf("question %d answer %s: points %v, want %v (%v)", no, row[codeCol], pts, wantPts, columns)
			}
		}
	}
}

// scCheckLookup checks the look-up table on the page against the CSV, with
// one decimal when the CSV has no more (as published) and else two.
func scCheckLookup(t *testing.T, page, lookupCSV string) {
	t.Helper()
	_, rows := scCSV(t, lookupCSV)
	decimals := 1
	for _, row := range rows {
		for _, v := range row[1:] {
			if _, frac, ok := strings.Cut(v, "."); ok && len(frac) > 1 {
				decimals = 2
			}
		}
	}
	got := scLookupRow.FindAllStringSubmatch(page, -1)
	if len(got) != len(rows) {
		t.Fatalf("look-up table has %d rows, the CSV %d", len(got), len(rows))
	}
	for i, row := range rows {
		cells := scLookupTD.FindAllStringSubmatch(got[i][2], -1)
		if got[i][1] != row[0] || len(cells) != len(row)-1 {
			t.Fatalf("look-up row %d = %q, want score %s with %d lines", i, got[i][0], row[0], len(row)-1)
		}
		for j, v := range row[1:] {
			p, _ := strconv.ParseFloat(v, 64)
			want := strings.Replace(strconv.FormatFloat(p, 'f', decimals, 64), ".", ",", 1)
			if cells[j][1] != want {
				t.Errorf("look-up score %s, line %d: %q, want %q (from %s)", row[0], j+1, cells[j][1], want, v)
			}
		}
	}
}

// scImport uploads files that must be accepted and returns the card's page
// the answer redirects to.
func (b *browser) scImport(fields url.Values, files ...scFile) string {
	b.e.t.Helper()
	res, body := b.scUpload(fields, files...)
	loc := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/scorecards/") {
		b.e.t.Fatalf("upload = %d %q: %s", res.StatusCode, loc, body)
	}
	return loc
}

func TestScorecardPages(t *testing.T) {
	for _, d := range dbtest.Dialects() {
		t.Run(string(d), func(t *testing.T) { scorecardPages(t, d) })
	}
}

func scorecardPages(t *testing.T, d db.Dialect) {
	e := newEnv(t, d)
	ctx := context.Background()
	admin := e.browser()
	admin.login("admin", adminPassword)
	e.addUser("pembaca", access.Viewer, "")
	viewer := e.browser()
	viewer.login("pembaca", "sandi-pembaca")
	esc := template.HTMLEscapeString

	t.Run("empty catalogue", func(t *testing.T) {
		admin.mustGet("/", `href="/scorecards"`)
		page := admin.mustGet("/scorecards", esc(i18n.T("id", "scp.none")), esc(i18n.T("id", "scp.licence")),
			"https://www.povertyindex.org", `enctype="multipart/form-data"`, `name="lookup"`)
		if strings.Contains(page, "berdaya ppi import") {
			t.Error("an administrator is sent to the command line instead of the form")
		}
		page = viewer.mustGet("/scorecards", esc(i18n.T("id", "scp.licence")), "https://www.povertyindex.org", "berdaya ppi import")
		if strings.Contains(page, `enctype="multipart/form-data"`) || strings.Contains(page, `action="/scorecards"`) {
			t.Error("a viewer is shown the upload form")
		}
	})

	t.Run("refused", func(t *testing.T) {
		workbook := scRead(t, scNeed(t, "ipa-workbooks/indonesia2023.xlsx"))
		card23, lookup23 := scRead(t, scNeed(t, "idn_2023_scorecard.csv")), scRead(t, scNeed(t, "idn_2023_lookup.csv"))
		res, body := viewer.scUpload(url.Values{}, scFile{"file", "indonesia2023.xlsx", workbook})
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("viewer upload = %d, want 403", res.StatusCode)
		}
		cases := []struct {
			name   string
			status int
			want   string
			files  []scFile
		}{
			{"text renamed .xlsx", 422, i18n.T("id", "ppi.err.wb_unreadable", "catatan.xlsx"), []scFile{{"file", "catatan.xlsx", "ini bukan buku kerja\n"}}},
			{"missing column", 422, i18n.T("id", "ppi.err.csv_column", "idn_2023_scorecard.csv", "answer"),
				[]scFile{{"file", "idn_2023_scorecard.csv", scWithout(t, card23, "answer")}, {"lookup", "idn_2023_lookup.csv", lookup23}}},
			{"CSV without its look-up", 422, i18n.T("id", "scp.err.lookup_needed", "idn_2023_scorecard.csv"), []scFile{{"file", "idn_2023_scorecard.csv", card23}}},
			{"look-up with a workbook", 422, i18n.T("id", "scp.err.lookup_with_workbook"),
				[]scFile{{"file", "indonesia2023.xlsx", workbook}, {"lookup", "idn_2023_lookup.csv", lookup23}}},
			{"no file", 422, i18n.T("id", "scp.err.no_file"), nil},
			{"wrong type", 422, i18n.T("id", "ppi.err.file_type", "kartu.pdf"), []scFile{{"file", "kartu.pdf", "%PDF-1.4"}}},
		}
		for _, c := range cases {
			res, body = admin.scUpload(url.Values{"name": {"Uji " + c.name}}, c.files...)
			if res.StatusCode != c.status || !strings.Contains(body, esc(c.want)) {
				t.Errorf("%s: %d, want %d with %q", c.name, res.StatusCode, c.status, c.want)
			}
			if !strings.Contains(body, `value="Uji `+esc(c.name)+`"`) {
				t.Errorf("%s: the name typed is not kept", c.name)
			}
		}
		if cards, err := e.m.PPI.List(ctx); err != nil || len(cards) != 0 {
			t.Fatalf("after refused uploads the catalogue holds %d cards (%v)", len(cards), err)
		}
	})

	var id23 string
	t.Run("workbook", func(t *testing.T) {
		workbook := scRead(t, scNeed(t, "ipa-workbooks/indonesia2023.xlsx"))
		card23, lookup23 := scRead(t, scNeed(t, "idn_2023_scorecard.csv")), scRead(t, scNeed(t, "idn_2023_lookup.csv"))
		loc := admin.scImport(url.Values{}, scFile{"file", "indonesia2023.xlsx", workbook})
		id23 = strings.TrimPrefix(loc, "/scorecards/")
		page := admin.mustGet(loc, esc(i18n.T("id", "scp.imported")), "IDN 2023", esc(i18n.T("id", "scp.per_line_help")))
		head, rows := scCSV(t, card23)
		// The first line is shown first; another is chosen with the switcher,
		// and "all" puts every line side by side.
		scCheckPoints(t, page, card23, []string{"points_nl100"})
		scCheckPoints(t, admin.mustGet(loc+"?line=ppp365_2017"), card23, []string{"points_ppp365_2017"})
		var all []string
		for _, h := range head {
			if strings.HasPrefix(h, "points_") {
				all = append(all, h)
			}
		}
		scCheckPoints(t, admin.mustGet(loc+"?line=all"), card23, all)
		scCheckLookup(t, page, lookup23)
		// Indonesian first, the English and the enumerator's guidance beneath.
		q := rows[0][scColumn(t, head, "question")]
		guide := rows[0][scColumn(t, head, "guidance")]
		wantIn(t, "card page", page, esc(ppi.Indonesian(q)), esc(q), esc(ppi.Indonesian(guide)), esc(guide), "Garis Kemiskinan Nasional", "National Poverty Line")

		// The same workbook again changes nothing, and says so.
		loc2 := admin.scImport(url.Values{}, scFile{"file", "indonesia2023.xlsx", workbook})
		if loc2 != loc {
			t.Errorf("re-import went to %s, want %s", loc2, loc)
		}
		admin.mustGet(loc2, esc(i18n.T("id", "scp.unchanged")))
		entries, err := e.m.Audit.List(ctx, e.admin, audit.Filter{Entity: "ppi_scorecard", Limit: 10})
		if err != nil || len(entries) != 1 || entries[0].EntityID != id23 || entries[0].ActorName != "admin" {
			t.Errorf("audit of the import = %+v, %v", entries, err)
		}
	})

	t.Run("CSV pair", func(t *testing.T) {
		card12, lookup12 := scRead(t, scNeed(t, "idn_2012_scorecard.csv")), scRead(t, scNeed(t, "idn_2012_lookup.csv"))
		files := []scFile{{"file", "idn_2012_scorecard.csv", card12}, {"lookup", "idn_2012_lookup.csv", lookup12}}
		// Another card under a name taken is refused, and the form says what to do.
		res, body := admin.scUpload(url.Values{"name": {"IDN 2023"}}, files...)
		if res.StatusCode != http.StatusConflict || !strings.Contains(body, esc(i18n.T("id", "scp.err.name_taken", "IDN 2023"))) ||
			!strings.Contains(body, i18n.T("id", "scp.err.name_other")) {
			t.Errorf("name taken: %d", res.StatusCode)
		}
		loc := admin.scImport(url.Values{"name": {"IDN 2012 (uji)"}}, files...)
		page := admin.mustGet(loc, "IDN 2012 (uji)", esc(i18n.T("id", "scp.same_all")))
		scCheckPoints(t, page, card12, []string{"points"})
		scCheckLookup(t, page, lookup12)
		if strings.Contains(page, `name="line"`) {
			t.Error("a card with one value per answer has a line switcher")
		}
	})

	t.Run("catalogue", func(t *testing.T) {
		if id23 == "" {
			t.Skip("no card imported")
		}
		list := viewer.mustGet("/scorecards", `href="/scorecards/`+id23+`"`, "IDN 2023", "IDN 2012 (uji)", "Garis Kemiskinan Nasional")
		if strings.Contains(list, `enctype="multipart/form-data"`) || strings.Contains(list, esc(i18n.T("id", "scp.none"))) {
			t.Error("the viewer's catalogue shows the form or the empty hint")
		}
		viewer.mustGet("/scorecards/"+id23, "IDN 2023")
		if status, _ := viewer.get("/scorecards/tidak-ada"); status != http.StatusNotFound {
			t.Errorf("unknown card = %d, want 404", status)
		}
		en := e.browser()
		en.login("admin", adminPassword)
		en.post("/lang", url.Values{"lang": {"en"}, "next": {"/"}})
		en.mustGet("/scorecards/"+id23, "Points for the line", "National Poverty Line")
	})
}
