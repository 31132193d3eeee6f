package web_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/ppisurvey"
	"github.com/berdaya/berdaya/internal/survey"
	"github.com/chromedp/chromedp"
)

// svRichest answers every question of the 2023 card but the province with
// its first answer.
var svRichest = map[int]string{2: "A", 3: "A", 4: "A", 5: "A", 6: "A", 7: "A", 8: "A", 9: "A", 10: "A"}

// TestBrowserSurveyRound runs a PPI round on a phone-sized screen as a
// credit union's social-performance officer would, from the sample to the
// report: the sample size from the calculator, the round against last year's
// baseline, the draw, a refusal replaced from the reserve, every interview
// question by question, the rate with its interval, the comparison with the
// baseline, and the reports. The card, the households and the baseline round
// are made through the services first.
func TestBrowserSurveyRound(t *testing.T) {
	e := newEnv(t, db.SQLite)
	svrSetup(t, e)
	bg := context.Background()
	baseline := svBrowserBaseline(t, e)

	ctx := newChrome(t, 360, 780)
	start := time.Now()
	do(t, ctx, chromedp.EmulateViewport(360, 780), chromedp.Navigate(e.srv.URL+"/surveys"), chromedp.WaitVisible(css(`input[name=username]`)),
		chromedp.SendKeys(css(`input[name=username]`), "admin"),
		chromedp.SendKeys(css(`input[name=password]`), adminPassword),
		chromedp.Submit(css(`input[name=password]`)),
		chromedp.WaitVisible(css(`a[href="/surveys/new"]`)),
		chromedp.Click(css(`a[href="/surveys/new"]`)),
		chromedp.WaitVisible(css(`input[name=rate]`)))

	// The sample size for ±20 points at 90% among 10 households.
	want, err := survey.SampleSize(survey.SizeParams{Rate: 0.5, Precision: 0.2, Confidence: 0.9, Population: 10})
	if err != nil {
		t.Fatal(err)
	}
	do(t, ctx, chromedp.SetValue(css(`input[name=precision]`), "0,2"),
		chromedp.SetValue(css(`input[name=population]`), "10"),
		chromedp.Click(css(`#calc button`)),
		chromedp.WaitVisible(css(`#calc-result`)))
	shot(t, ctx, "survey-phone-calc")
	if got, _ := chromedp.Run(ctx, chromedp.Value(css(`input[name=sample_size]`))); got != strconv.Itoa(want) {
		t.Fatalf("sample size field after the calculator = %q, want %d", got, want)
	}

	// The round: the first line, the households of Kecamatan Cileunyi,
	// against last year's round.
	do(t, ctx, chromedp.SendKeys(css(`input[name=name]`), "Survei PPI 2026"),
		chromedp.Click(css(`input[name=lines][value=nl100]`)),
		chromedp.SendKeys(css(`input[name=region_code]`), "32.04.05"),
		chromedp.SetValue(css(`select[name=baseline_id]`), baseline.ID),
		chromedp.SetValue(css(`input[name=seed]`), "2026"))
	shot(t, ctx, "survey-phone-new")
	do(t, ctx, chromedp.Click(css(`form[action="/surveys/new"] button.primary`)), chromedp.WaitVisible(css(`form#draw`)))
	rounds, err := e.m.Surveys.ListRounds(bg, e.admin)
	if err != nil {
		t.Fatal(err)
	}
	var round ppisurvey.Round
	for _, r := range rounds {
		if r.Name == "Survei PPI 2026" {
			round = r
		}
	}
	if round.ID == "" || round.Size != want || round.Seed != 2026 || round.BaselineID != baseline.ID || len(round.Lines) != 1 {
		t.Fatalf("round made by the form = %+v", round)
	}

	// The draw, then a refusal replaced by the first reserve household.
	do(t, ctx, chromedp.Click(css(`form#draw button.primary`)), chromedp.WaitVisible(css(`#units table`)),
		chromedp.Click(css(`#units summary.sv-replace-open`)),
		chromedp.Click(css(`#units button[name=reason][value=refused]`)), chromedp.WaitVisible(css(`#units td small`)))
	if got := text(t, ctx, `#units`); !strings.Contains(got, "Menolak") || !strings.Contains(got, "menggantikan") {
		t.Fatalf("units after a refusal: %q", got)
	}
	shot(t, ctx, "survey-phone-units")

	// Every household of the sample, question by question: Q1 (the
	// province) comes from the registry.
	for i := 0; ; i++ {
		links, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('#units a.primary[href$="/interview"]').length`))
		if err != nil {
			t.Fatal(err)
		}
		if links == 0 {
			break
		}
		if i >= want {
			t.Fatalf("still %d households to interview after %d interviews", links, i)
		}
		answers := svPoorest
		if i%2 == 1 {
			answers = svRichest
		}
		t.Logf("interview %d at %s", i, time.Since(start))
		do(t, ctx, chromedp.Click(css(`#units a.primary[href$="/interview"]`)), chromedp.WaitVisible(css(`form.sv-form button.primary`)))
		if checked, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector('input[name=q1]:checked') !== null`)); !checked {
			t.Fatal("the province is not filled from the registry")
		}
		for no := 2; no <= 10; no++ {
			do(t, ctx, chromedp.Click(css(`input[name=`+ppisurvey.QuestionField(no)+`][value=`+answers[no]+`]`)))
		}
		if i == 0 {
			shot(t, ctx, "survey-phone-interview")
		}
		do(t, ctx, chromedp.Click(css(`form.sv-form button.primary`)), chromedp.WaitVisible(css(`#units, .field-error`)))
		if got := text(t, ctx, `main`); strings.Contains(got, "Wawancara:") {
			t.Fatalf("interview %d refused: %q", i, got)
		}
	}
	est, err := e.m.Surveys.Estimates(bg, e.admin, round.ID, "nl100")
	if err != nil {
		t.Fatal(err)
	}
	if est.Interviewed != want {
		t.Fatalf("interviewed %d, want %d", est.Interviewed, want)
	}

	// The rate with its interval, as the service computes it.
	do(t, ctx, chromedp.Click(css(`a[href$="/estimate?line=nl100"]`)), chromedp.WaitVisible(css(`.sv-rate`)))
	if got := text(t, ctx, `.sv-rate`); got != pctID(est.Rate.Rate) {
		t.Fatalf("rate shown %q, want %q", got, pctID(est.Rate.Rate))
	}
	if got := text(t, ctx, `ul.stats`); !strings.Contains(got, pctID(est.Rate.Low)+" – "+pctID(est.Rate.High)) {
		t.Fatalf("interval not shown as %s – %s: %q", pctID(est.Rate.Low), pctID(est.Rate.High), got)
	}
	shot(t, ctx, "survey-phone-estimate")

	// The comparison with last year's round.
	cmp, err := e.m.Surveys.Compare(bg, e.admin, baseline.ID, round.ID, "nl100")
	if err != nil {
		t.Fatal(err)
	}
	do(t, ctx, chromedp.Click(css(`a[href*="/compare"]`)), chromedp.WaitVisible(css(`main`)))
	page := text(t, ctx, `main`)
	wantIn(t, "comparison page", page, pctID(cmp.Baseline.Rate.Rate), pctID(cmp.FollowUp.Rate.Rate), "Asumsi")
	shot(t, ctx, "survey-phone-compare")

	// The reports answer with a PDF and a workbook.
	do(t, ctx, chromedp.Navigate(e.srv.URL+"/surveys/"+round.ID+"/estimate?line=nl100"), chromedp.WaitVisible(css(`.sv-rate`)))
	for _, link := range []struct{ css, want string }{
		{`a[href$="/report.pdf"]`, "200 application/pdf"},
		{`a[href$="/report.xlsx"]`, "200 application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
	} {
		got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`fetch(document.querySelector('`+link.css+`').href).then(r => r.status + " " + r.headers.get("content-type"))`,
			chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("report %s: %v", link.css, err)
		}
		if got != link.want {
			t.Fatalf("report %s: %q, want %q", link.css, got, link.want)
		}
	}

	// The same pages at desktop width, for people to look at.
	do(t, ctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(e.srv.URL+"/surveys/"+round.ID), chromedp.WaitVisible(css(`#units`)))
	shot(t, ctx, "survey-desktop-round")
	do(t, ctx, chromedp.Navigate(e.srv.URL+"/surveys/"+round.ID+"/estimate?line=nl100"), chromedp.WaitVisible(css(`.sv-rate`)))
	shot(t, ctx, "survey-desktop-estimate")
}

// svBrowserBaseline is last year's round on the same households and line:
// six of them drawn and interviewed, all poor but one, through the services.
func svBrowserBaseline(t *testing.T, e *env) ppisurvey.Round {
	t.Helper()
	ctx := context.Background()
	r, err := e.m.Surveys.CreateRound(ctx, e.admin, ppisurvey.RoundInput{Name: "Survei PPI 2025", Scorecard: "IDN 2023",
		Lines: []string{"nl100"}, Population: ppisurvey.RegionHeads, Region: "32.04.05", Method: ppisurvey.Simple, Size: 6, Seed: 2025})
	if err != nil {
		t.Fatal(err)
	}
	if r, err = e.m.Surveys.DrawSample(ctx, e.admin, r.ID); err != nil {
		t.Fatal(err)
	}
	units, err := e.m.Surveys.Units(ctx, e.admin, r.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	for i, u := range units {
		answers := svPoorest
		if i == 0 {
			answers = svRichest
		}
		if _, err := e.m.Surveys.RecordInterview(ctx, e.admin, u.ID, ppisurvey.InterviewInput{Date: "15/11/2025", Answers: answers}); err != nil {
			t.Fatal(err)
		}
	}
	return r
}
