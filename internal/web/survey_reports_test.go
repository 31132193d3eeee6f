package web_test

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/dbtest"
	"github.com/berdaya/berdaya/internal/i18n"
	"github.com/berdaya/berdaya/internal/pdf/pdftext"
	"github.com/berdaya/berdaya/internal/ppisurvey"
	"github.com/berdaya/berdaya/internal/registry"
	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"
)

func TestSurveyReports(t *testing.T) {
	for _, d := range dbtest.Dialects() {
		t.Run(string(d), func(t *testing.T) { surveyReports(t, d) })
	}
}

// svFile fetches a file and checks its status and content type.
func (b *browser) svFile(path string, status int, contentType string) (*http.Response, []byte) {
	b.e.t.Helper()
	res, err := b.c.Get(b.e.srv.URL + path)
	if err != nil {
		b.e.t.Fatal(err)
	}
	defer res.Body.Close()
	var buf bytes.Buffer
	buf.ReadFrom(res.Body)
	if res.StatusCode != status {
		b.e.t.Fatalf("GET %s = %d, want %d: %.300s", path, res.StatusCode, status, buf.String())
	}
	if contentType != "" && res.Header.Get("Content-Type") != contentType {
		b.e.t.Errorf("GET %s: content type %q, want %q", path, res.Header.Get("Content-Type"), contentType)
	}
	return res, buf.Bytes()
}

const svXLSXMime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

func surveyReports(t *testing.T, d db.Dialect) {
	e := newEnv(t, d)
	f := newSurveyFixture(t, e)
	ctx := context.Background()
	today := i18n.Date(time.Now())
	interview := func(u ppisurvey.Unit, better bool) {
		t.Helper()
		answers := map[int]string{}
		for k, v := range svPoorest {
			answers[k] = v
		}
		if better {
			answers[2], answers[3] = "B", "A"
		}
		if _, err := e.m.Surveys.RecordInterview(ctx, e.admin, u.ID, ppisurvey.InterviewInput{Date: today, Answers: answers}); err != nil {
			t.Fatal(err)
		}
	}
	base := f.round
	for _, u := range f.units {
		interview(u, false)
	}
	fr, err := e.m.Surveys.CreateRound(ctx, e.admin, ppisurvey.RoundInput{Name: "Survei PPI 2027", Scorecard: "IDN 2023",
		Lines: []string{"nl100", "ppp365_2017"}, Population: ppisurvey.RegionHeads, Region: "32.04.05", Method: ppisurvey.Simple,
		Size: 6, Seed: 20271122, BaselineID: base.ID})
	if err != nil {
		t.Fatal(err)
	}
	if fr, err = e.m.Surveys.DrawSample(ctx, e.admin, fr.ID); err != nil {
		t.Fatal(err)
	}
	units, err := e.m.Surveys.Units(ctx, e.admin, fr.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	for i, u := range units {
		interview(u, i%2 == 1)
	}

	b := e.browser()
	b.login("admin", adminPassword)
	round := "/surveys/" + fr.ID

	// The estimate page links to the reports and draws the rate per line.
	page := b.mustGet(round+"/estimate", round+"/report.pdf", round+"/report.xlsx", "Unduh laporan PDF",
		"Tingkat kemiskinan per garis, dengan selang kepercayaan", `aria-label="Tingkat kemiskinan per garis, dengan selang kepercayaan"`,
		`aria-label="Sebaran skor PPI"`)
	if strings.Contains(page, "svrep.") {
		t.Error("estimate page has an untranslated key")
	}
	b.mustGet(round+"/compare", round+"/compare/report.pdf", round+"/compare/report.xlsx")

	// The round's PDF prints the service's estimates as the page does.
	res, file := b.svFile(round+"/report.pdf", http.StatusOK, "application/pdf")
	if cd := res.Header.Get("Content-Disposition"); cd != `attachment; filename="laporan-ppi-survei-ppi-2027.pdf"` {
		t.Errorf("Content-Disposition %q", cd)
	}
	text, err := pdftext.Text(file)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range fr.Lines {
		est, err := e.m.Surveys.Estimates(ctx, e.admin, fr.ID, line)
		if err != nil {
			t.Fatal(err)
		}
		wantIn(t, "round PDF", text, pctID(est.Rate.Rate), pctID(est.Rate.Low)+" – "+pctID(est.Rate.High), "("+line+")")
	}
	wantIn(t, "round PDF", text, "Survei PPI 2027", "Cileunyi", "Sebaran skor PPI")

	res, file = b.svFile(round+"/report.xlsx", http.StatusOK, svXLSXMime)
	if cd := res.Header.Get("Content-Disposition"); cd != `attachment; filename="laporan-ppi-survei-ppi-2027.xlsx"` {
		t.Errorf("Content-Disposition %q", cd)
	}
	wantWorkbook(t, file, "Ringkasan")

	// The comparison's reports.
	_, file = b.svFile(round+"/compare/report.pdf", http.StatusOK, "application/pdf")
	text, err = pdftext.Text(file)
	if err != nil {
		t.Fatal(err)
	}
	c, err := e.m.Surveys.Compare(ctx, e.admin, base.ID, fr.ID, "nl100")
	if err != nil {
		t.Fatal(err)
	}
	wantIn(t, "comparison PDF", text, "Survei PPI 2026", "Survei PPI 2027", ppID(c.Change.Difference), hhID(c.Change.Households),
		i18n.T("id", c.Change.Assumptions[0]))
	res, file = b.svFile(round+"/compare/report.xlsx", http.StatusOK, svXLSXMime)
	if cd := res.Header.Get("Content-Disposition"); cd != `attachment; filename="perbandingan-ppi-survei-ppi-2027.xlsx"` {
		t.Errorf("Content-Disposition %q", cd)
	}
	wantWorkbook(t, file, "Ringkasan")
	// A round without a baseline has no comparison.
	b.svFile("/surveys/"+base.ID+"/compare/report.pdf", http.StatusNotFound, "")

	// Out of scope: Cilacap does not see the round at all; a village
	// officer sees it but not the whole of its sample, so no estimate.
	paths := []string{"/report.pdf", "/report.xlsx", "/compare/report.pdf", "/compare/report.xlsx"}
	for who, want := range map[string]int{"cilacap": http.StatusNotFound, "desa": http.StatusForbidden} {
		scope := map[string]string{"cilacap": "33.01", "desa": "32.04.05.2001"}[who]
		e.addUser(who, access.Viewer, scope)
		o := e.browser()
		o.login(who, "sandi-"+who)
		for _, p := range paths {
			o.svFile(round+p, want, "")
		}
	}
	// Guests are sent to the login page.
	if res, _ := e.browser().svFile(round+"/report.pdf", http.StatusSeeOther, ""); !strings.Contains(res.Header.Get("Location"), "/login") {
		t.Errorf("guest sent to %q", res.Header.Get("Location"))
	}
}

// wantWorkbook opens an xlsx file and checks its first sheet and charts.
func wantWorkbook(t *testing.T, file []byte, sheet string) {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(file), int64(len(file)))
	if err != nil {
		t.Fatal(err)
	}
	charts := 0
	for _, f := range z.File {
		if strings.HasPrefix(f.Name, "xl/charts/chart") {
			charts++
		}
	}
	if charts < 2 {
		t.Errorf("workbook has %d charts", charts)
	}
	x, err := excelize.OpenReader(bytes.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if x.GetSheetList()[0] != sheet {
		t.Errorf("sheets %q", x.GetSheetList())
	}
}

// TestBrowserSurveyReportCharts opens the estimate page of a stratified
// round at phone width: the rate per line, score and stratum charts are
// drawn and none makes the page wider than the phone (screenshots when
// BERDAYA_SCREENSHOTS names a folder).
func TestBrowserSurveyReportCharts(t *testing.T) {
	e := newEnv(t, db.SQLite)
	newSurveyFixture(t, e)
	ctx := context.Background()
	for i := range 6 { // households in a second district, Cimenyan
		_, err := e.m.Registry.CreatePerson(ctx, e.admin, registry.PersonInput{NIK: fmt.Sprintf("320406%02d0180%04d", i+1, i+1),
			KK: fmt.Sprintf("320406120310%04d", i+1), Name: fmt.Sprintf("Kepala Cimenyan %02d", i+1), Sex: "P", BirthDate: fmt.Sprintf("%02d/01/1980", i+1),
			Relationship: "kepala_keluarga", VillageCode: "3204061001", TargetGroup: "pemulung", Consent: "ya"})
		if err != nil {
			t.Fatal(err)
		}
	}
	r, err := e.m.Surveys.CreateRound(ctx, e.admin, ppisurvey.RoundInput{Name: "Survei berstrata 2026", Scorecard: "IDN 2023",
		Lines: []string{"nl100", "ppp365_2017", "ppp685_2017"}, Population: ppisurvey.RegionHeads, Region: "32.04", Method: ppisurvey.Stratified,
		Strata: ppisurvey.ByDistrict, Size: 8, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.m.Surveys.DrawSample(ctx, e.admin, r.ID); err != nil {
		t.Fatal(err)
	}
	units, err := e.m.Surveys.Units(ctx, e.admin, r.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	for i, u := range units {
		answers := map[int]string{}
		for k, v := range svPoorest {
			answers[k] = v
		}
		if i%3 == 1 {
			answers[2], answers[3] = "B", "A"
		}
		if _, err := e.m.Surveys.RecordInterview(ctx, e.admin, u.ID, ppisurvey.InterviewInput{Date: i18n.Date(time.Now()), Answers: answers}); err != nil {
			t.Fatal(err)
		}
	}
	cx := newChrome(t, 360, 780)
	do(t, cx, chromedp.EmulateViewport(360, 780),
		chromedp.Navigate(e.srv.URL+"/login"), chromedp.WaitVisible(css(`input[name=username]`)),
		chromedp.SendKeys(css(`input[name=username]`), "admin"),
		chromedp.SendKeys(css(`input[name=password]`), adminPassword),
		chromedp.Submit(css(`input[name=password]`)),
		chromedp.WaitVisible(css(`nav.mainnav`)),
		chromedp.Navigate(e.srv.URL+"/surveys/"+r.ID+"/estimate"),
		chromedp.WaitVisible(css(`svg.sv-chart`)),
	)
	n, err := chromedp.Run(cx, chromedp.Evaluate[int](`document.querySelectorAll('svg.sv-chart').length`))
	if err != nil || n != 3 {
		t.Errorf("%d charts on the estimate page, want 3 (%v)", n, err)
	}
	wide, err := chromedp.Run(cx, chromedp.Evaluate[int](`Math.max(...[...document.querySelectorAll('svg.sv-chart')].map(s => s.getBoundingClientRect().right))`))
	if err != nil || wide > 360 {
		t.Errorf("a chart reaches %d px on a 360 px screen (%v)", wide, err)
	}
	shot(t, cx, "survey-phone-report-charts")
}
