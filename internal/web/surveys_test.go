package web_test

import (
	"context"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/dbtest"
	"github.com/berdaya/berdaya/internal/i18n"
	"github.com/berdaya/berdaya/internal/ppi"
	"github.com/berdaya/berdaya/internal/ppisurvey"
	"github.com/berdaya/berdaya/internal/registry"
	"github.com/chromedp/chromedp"
)

// svDataDir is the shared PPI data, seen from internal/web.
const svDataDir = "../../../shared/data/ppi"

// svPoorest answers the 2023 card for a poor household; Q1 (the province)
// is left to the registry.
var svPoorest = map[int]string{2: "E", 3: "B", 4: "C", 5: "B", 6: "B", 7: "B", 8: "B", 9: "B", 10: "B"}

type svFixture struct {
	card  ppi.Scorecard
	round ppisurvey.Round
	units []ppisurvey.Unit // the drawn sample, in order
}

// newSurveyFixture imports the 2023 card, registers ten households in
// Kecamatan Cileunyi and draws a simple random sample of six, all through
// the services as the national admin.
func newSurveyFixture(t *testing.T, e *env) svFixture {
	t.Helper()
	path := filepath.Join(svDataDir, "idn_2023_scorecard.csv")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("PPI scorecard data not found at %s (relative to internal/web): the tables are IPA's and are not committed; put Indonesia's CSV files in ../shared/data/ppi to run this test", svDataDir)
	}
	ctx := context.Background()
	card, err := ppi.ReadFile(path, "")
	if err != nil {
		t.Fatal(err)
	}
	card.Name = "IDN 2023"
	if _, err := e.m.PPI.Import(ctx, e.admin, card); err != nil {
		t.Fatal(err)
	}
	f := svFixture{}
	if f.card, err = e.m.PPI.Get(ctx, "IDN 2023"); err != nil {
		t.Fatal(err)
	}
	for i := range 10 {
		_, err := e.m.Registry.CreatePerson(ctx, e.admin, registry.PersonInput{NIK: fmt.Sprintf("320405%02d0180%04d", i+1, i+1),
			KK: fmt.Sprintf("320405120310%04d", i+1), Name: fmt.Sprintf("Kepala Keluarga %02d", i+1), Sex: "L", BirthDate: fmt.Sprintf("%02d/01/1980", i+1),
			Relationship: "kepala_keluarga", VillageCode: "3204052001", TargetGroup: "pemulung", Consent: "ya"})
		if err != nil {
			t.Fatal(err)
		}
	}
	r, err := e.m.Surveys.CreateRound(ctx, e.admin, ppisurvey.RoundInput{Name: "Survei PPI 2026", Scorecard: "IDN 2023",
		Lines: []string{"nl100", "ppp365_2017"}, Population: ppisurvey.RegionHeads, Region: "32.04.05", Method: ppisurvey.Simple, Size: 6, Seed: 20261122})
	if err != nil {
		t.Fatal(err)
	}
	if f.round, err = e.m.Surveys.DrawSample(ctx, e.admin, r.ID); err != nil {
		t.Fatal(err)
	}
	units, err := e.m.Surveys.Units(ctx, e.admin, r.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range units {
		if u.Status == ppisurvey.StatusSample {
			f.units = append(f.units, u)
		}
	}
	if len(f.units) != 6 {
		t.Fatalf("drawn %d units, want 6", len(f.units))
	}
	return f
}

func TestSurveyPages(t *testing.T) {
	for _, d := range dbtest.Dialects() {
		t.Run(string(d), func(t *testing.T) { surveyPages(t, d) })
	}
}

// svForm is a full interview form: today's date and the answers.
func svForm(answers map[int]string) url.Values {
	f := url.Values{"date": {i18n.Date(time.Now())}}
	for no, code := range answers {
		f.Set(ppisurvey.QuestionField(no), code)
	}
	return f
}

// pctID formats a fraction as the pages do in Indonesian: 45,4%.
func pctID(f float64) string {
	return strings.Replace(strconv.FormatFloat(f*100, 'f', 1, 64), ".", ",", 1) + "%"
}

func surveyPages(t *testing.T, d db.Dialect) {
	e := newEnv(t, d)
	f := newSurveyFixture(t, e)
	ctx := context.Background()
	r := f.round
	base := "/surveys/" + r.ID
	b := e.browser()
	b.login("admin", adminPassword)

	home := b.mustGet("/", `href="/surveys"`, "Survei PPI")
	_ = home
	b.mustGet("/surveys", "Survei PPI 2026", `href="`+base+`"`, "IDN 2023", "Acak sederhana")
	page := b.mustGet(base, "Survei PPI 2026", "nl100", "ppp365_2017", "Rumah tangga yang kepalanya terdaftar di wilayah", "20261122",
		"Sudah diwawancarai: 0 dari 6", "Kepala Keluarga", "Cileunyi Kulon")
	for _, u := range f.units {
		wantIn(t, "round page", page, base+"/units/"+u.ID+"/interview")
	}
	if strings.Contains(page, "svp.") {
		t.Error("round page has an untranslated key")
	}

	// The interview form: each question in Indonesian with its guidance and
	// answers; the province pre-selected from the registry (Jawa Barat).
	form := base + "/units/" + f.units[0].ID + "/interview"
	body := b.mustGet(form)
	for _, q := range f.card.Questions {
		if q.TextID == "" {
			t.Fatalf("question %d has no Indonesian wording", q.No)
		}
		wantIn(t, "interview form", body, template.HTMLEscapeString(q.TextID))
		if q.GuidanceID != "" {
			wantIn(t, "interview form", body, template.HTMLEscapeString(q.GuidanceID))
		}
		for _, a := range q.Answers {
			wantIn(t, "interview form", body, fmt.Sprintf(`name="q%d" value="%s"`, q.No, a.Code), template.HTMLEscapeString(a.TextID))
		}
	}
	wantIn(t, "interview form", body, "Diisi dari data registrasi rumah tangga.")
	q1 := f.card.Questions[0]
	province := ""
	for _, a := range q1.Answers {
		if strings.EqualFold(strings.ReplaceAll(a.Text, " ", ""), "JawaBarat") {
			province = a.Code
		}
	}
	wantIn(t, "interview form", body, fmt.Sprintf(`name="q1" value="%s" checked`, province))

	// A missing answer is refused next to its question; nothing typed is lost.
	partial := svForm(svPoorest)
	partial.Del("q5")
	body = b.mustPost(form, partial, http.StatusUnprocessableEntity, "")
	i := strings.Index(body, `id="q5"`)
	if i < 0 {
		t.Fatal("refused form lacks question 5")
	}
	q5 := body[i:]
	q5 = q5[:strings.Index(q5, "</fieldset>")]
	wantIn(t, "question 5 after refusal", q5, "Pertanyaan ini belum dijawab")
	wantIn(t, "refused form", body, `name="q2" value="E" checked`, `name="q10" value="B" checked`)
	if n := strings.Count(body, "belum dijawab"); n != 1 {
		t.Errorf("refused form has %d missing-answer messages, want 1", n)
	}

	// A full form is saved, scored and the round page says so.
	b.mustPost(form, svForm(svPoorest), http.StatusSeeOther, base+"#units")
	b.mustGet(base, "Wawancara disimpan", "Sudah diwawancarai: 1 dari 6")
	units, err := e.m.Surveys.Units(ctx, e.admin, r.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range units {
		if u.ID == f.units[0].ID && u.Status != ppisurvey.StatusInterviewed {
			t.Errorf("unit status after the interview = %s", u.Status)
		}
	}
	for i, u := range f.units[1:4] {
		answers := map[int]string{}
		for k, v := range svPoorest {
			answers[k] = v
		}
		if i > 0 {
			answers[2], answers[3] = "B", "A"
		}
		b.mustPost(base+"/units/"+u.ID+"/interview", svForm(answers), http.StatusSeeOther, base+"#units")
	}

	// The estimate page shows the service's estimate, formatted.
	est, err := e.m.Surveys.Estimates(ctx, e.admin, r.ID, "nl100")
	if err != nil {
		t.Fatal(err)
	}
	if est.Interviewed != 4 {
		t.Fatalf("interviewed = %d, want 4", est.Interviewed)
	}
	body = b.mustGet(base+"/estimate?line=nl100", pctID(est.Rate.Rate), pctID(est.Rate.Low)+" – "+pctID(est.Rate.High),
		"Selang kepercayaan 90,0%", "<svg", "Sebaran skor PPI", "Per kecamatan", "Cileunyi", "Laki-laki")
	wantIn(t, "estimate page", body, `<strong>4</strong>`, `<strong>`+i18n.Number("id", int64(est.Population))+`</strong>`)
	if strings.Contains(body, "svp.") || strings.Contains(body, "ppisurvey.") {
		t.Error("estimate page has an untranslated key")
	}
	// The switcher links the round's other line, and the chart of every
	// line is drawn from the same estimates.
	other, err := e.m.Surveys.Estimates(ctx, e.admin, r.ID, "ppp365_2017")
	if err != nil {
		t.Fatal(err)
	}
	wantIn(t, "estimate page", body, `href="`+base+`/estimate?line=ppp365_2017"`, pctID(other.Rate.Rate))
	// The first line is the default; a line the round does not use is not
	// found, and said so.
	b.mustGet(base+"/estimate", `<span class="code muted">nl100</span>`, pctID(est.Rate.Rate))
	status, raw := b.get(base + "/estimate?line=bogus")
	if status != http.StatusNotFound {
		t.Errorf("estimate on a line the round does not use = %d, want 404", status)
	}
	wantIn(t, "estimate on a bogus line", raw, i18n.T("id", "svp.err.line_absent"))
}

// TestBrowserSurveyInterview opens a sampled household's interview form at
// phone width in headless Chromium, answers it and saves it, then reads the
// estimate (screenshots when BERDAYA_SCREENSHOTS names a folder).
func TestBrowserSurveyInterview(t *testing.T) {
	e := newEnv(t, db.SQLite)
	f := newSurveyFixture(t, e)
	ctx := newChrome(t, 360, 780)
	base := e.srv.URL + "/surveys/" + f.round.ID
	do(t, ctx, chromedp.EmulateViewport(360, 780),
		chromedp.Navigate(e.srv.URL+"/login"), chromedp.WaitVisible(css(`input[name=username]`)),
		chromedp.SendKeys(css(`input[name=username]`), "admin"),
		chromedp.SendKeys(css(`input[name=password]`), adminPassword),
		chromedp.Submit(css(`input[name=password]`)),
		chromedp.WaitVisible(css(`nav.mainnav`)),
		chromedp.Navigate(base+"/units/"+f.units[0].ID+"/interview"),
		chromedp.WaitVisible(css(`fieldset#q10`)),
	)
	shot(t, ctx, "survey-phone-interview")
	var clicks []chromedp.Action[chromedp.Void]
	for no, code := range svPoorest {
		clicks = append(clicks, chromedp.Click(css(fmt.Sprintf(`input[name=q%d][value=%s]`, no, code))))
	}
	do(t, ctx, clicks...)
	do(t, ctx, chromedp.Click(css(`form.sv-form button.primary`)), chromedp.WaitVisible(css(`#units`)))
	if got := text(t, ctx, `p.flash`); !strings.Contains(got, "Wawancara disimpan") {
		t.Fatalf("after saving the flash is %q", got)
	}
	do(t, ctx, chromedp.Navigate(base+"/estimate?line=nl100"), chromedp.WaitVisible(css(`svg.sv-chart`)))
	shot(t, ctx, "survey-phone-estimate")

	// Correct the interview on the phone: the recorded answers are there,
	// a reason is required, and the history shows the change.
	do(t, ctx, chromedp.Navigate(base+"/units/"+f.units[0].ID+"/interview"), chromedp.WaitVisible(css(`#result`)),
		chromedp.Click(css(`input[name=q2][value=B]`)),
		chromedp.SendKeys(css(`input[name=reason]`), "Pertanyaan 2 salah catat"),
		chromedp.Click(css(`form.sv-form button.primary`)), chromedp.WaitVisible(css(`li.sv-correction`)))
	if got := text(t, ctx, `p.flash`); !strings.Contains(got, "Koreksi disimpan") {
		t.Fatalf("after correcting the flash is %q", got)
	}
	shot(t, ctx, "survey-phone-correct")

	// The round page at desktop width, the reserve list open.
	do(t, ctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(base), chromedp.WaitVisible(css(`#reserve-list summary`)),
		chromedp.Click(css(`#reserve-list summary`)), chromedp.WaitVisible(css(`#reserve-list table`)))
	shot(t, ctx, "survey-desktop-round")
}
