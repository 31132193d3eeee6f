package web_test

import (
	"context"
	"html"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/dbtest"
	"github.com/berdaya/berdaya/internal/i18n"
	"github.com/berdaya/berdaya/internal/ppisurvey"
)

func TestSurveyComparePage(t *testing.T) {
	for _, d := range dbtest.Dialects() {
		t.Run(string(d), func(t *testing.T) { surveyComparePage(t, d) })
	}
}

// ppID formats a difference of fractions as the comparison page does in
// Indonesian, in percentage points with its sign: -25,4 or +6,5.
func ppID(f float64) string {
	v := math.Round(f*1000) / 10
	s := strings.Replace(strconv.FormatFloat(v, 'f', 1, 64), ".", ",", 1)
	if v > 0 {
		s = "+" + s
	}
	return s
}

// hhID rounds a number of households as the page does: -5, +1, 0.
func hhID(f float64) string {
	n := int64(math.Round(f))
	if n > 0 {
		return "+" + i18n.Number("id", n)
	}
	return i18n.Number("id", n)
}

func surveyComparePage(t *testing.T, d db.Dialect) {
	e := newEnv(t, d)
	f := newSurveyFixture(t, e)
	ctx := context.Background()
	today := i18n.Date(time.Now())
	interview := func(u ppisurvey.Unit, answers map[int]string) {
		t.Helper()
		if _, err := e.m.Surveys.RecordInterview(ctx, e.admin, u.ID, ppisurvey.InterviewInput{Date: today, Answers: answers}); err != nil {
			t.Fatal(err)
		}
	}
	// The baseline: every sampled household as poor as the card allows.
	base := f.round
	for _, u := range f.units {
		interview(u, svPoorest)
	}
	// The follow-up round on the same card, with the baseline; half of its
	// households better off.
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
	i := 0
	for _, u := range units {
		if u.Status != ppisurvey.StatusSample {
			continue
		}
		answers := map[int]string{}
		for k, v := range svPoorest {
			answers[k] = v
		}
		if i%2 == 1 {
			answers[2], answers[3] = "B", "A"
		}
		interview(u, answers)
		i++
	}
	if i != 6 {
		t.Fatalf("follow-up sample of %d, want 6", i)
	}

	b := e.browser()
	b.login("admin", adminPassword)
	compare := "/surveys/" + fr.ID + "/compare"

	// The estimate page links to the comparison only for a round with a baseline.
	b.mustGet("/surveys/"+fr.ID+"/estimate?line=nl100", `href="`+compare+`?line=nl100"`, "Bandingkan dengan putaran dasar")
	if body := b.mustGet("/surveys/" + base.ID + "/estimate"); strings.Contains(body, "/compare") {
		t.Error("the baseline's estimate page links to a comparison")
	}

	for _, line := range []string{"nl100", "ppp365_2017"} {
		c, err := e.m.Surveys.Compare(ctx, e.admin, base.ID, fr.ID, line)
		if err != nil {
			t.Fatal(err)
		}
		ch := c.Change
		if ch.Population == 0 || len(ch.Assumptions) == 0 {
			t.Fatalf("comparison %+v", c)
		}
		status, raw := b.get(compare + "?line=" + line)
		if status != http.StatusOK {
			t.Fatalf("GET %s?line=%s = %d: %s", compare, line, status, raw)
		}
		body := html.UnescapeString(raw)
		what := "comparison page (" + line + ")"
		wantIn(t, what, body, "Perbandingan dengan putaran dasar", "Survei PPI 2026", "Survei PPI 2027",
			// both rounds' rates with their intervals
			`<strong class="sv-rate">`+pctID(c.Baseline.Rate.Rate)+`</strong>`, pctID(c.Baseline.Rate.Low)+" – "+pctID(c.Baseline.Rate.High),
			`<strong class="sv-rate">`+pctID(c.FollowUp.Rate.Rate)+`</strong>`, pctID(c.FollowUp.Rate.Low)+" – "+pctID(c.FollowUp.Rate.High),
			// the change in percentage points with its interval
			`<strong class="sv-change">`+ppID(ch.Difference)+` poin persen</strong>`,
			`<strong class="sv-change-ci">`+ppID(ch.Low)+" – "+ppID(ch.High)+` poin persen</strong>`,
			// households: the net change and its interval, rounded
			`<strong class="sv-households">`+hhID(ch.Households)+`</strong>`,
			`<strong class="sv-households-ci">`+hhID(ch.HouseholdsLow)+" – "+hhID(ch.HouseholdsHigh)+`</strong>`,
			`<strong class="sv-population">`+i18n.Number("id", int64(ch.Population))+`</strong>`,
			`<strong class="sv-confidence">`+pctID(ch.Confidence)+`</strong>`, "Selang kepercayaan "+pctID(ch.Confidence),
			`<strong>`+i18n.Number("id", int64(c.Baseline.Interviewed))+`</strong>`,
			// whether the interval shows a change, in words, and the charts
			i18n.T("id", "svc.direction."+ch.Direction(), pctID(ch.Confidence)), `<svg`)
		for _, key := range ch.Assumptions {
			id := i18n.T("id", key)
			if id == key || id == i18n.T("en", key) {
				t.Fatalf("assumption %s has no Indonesian wording", key)
			}
			wantIn(t, what, body, "<li>"+id+"</li>")
		}
		if strings.Contains(body, "svc.") || strings.Contains(body, "svp.") || strings.Contains(body, "survey.assume") {
			t.Errorf("%s has an untranslated key", what)
		}
	}
	// The first line is the default, and the switcher offers the other.
	b.mustGet(compare, `<span class="code muted">nl100</span>`, `href="`+compare+`?line=ppp365_2017"`)
	// A line the rounds do not share is not found, and said so: not a form error.
	status, raw := b.get(compare + "?line=bogus")
	if status != http.StatusNotFound {
		t.Errorf("comparison on a line of neither round = %d, want 404", status)
	}
	wantIn(t, "comparison on a bogus line", raw, i18n.T("id", "svc.err.line_absent"))

	// A unit of the baseline is no unit of the follow-up: its form and its
	// replacement under the follow-up's address are not found.
	other := "/surveys/" + fr.ID + "/units/" + f.units[0].ID
	if status, _ := b.get(other + "/interview"); status != http.StatusNotFound {
		t.Errorf("interview form of another round's unit = %d, want 404", status)
	}
	b.mustPost(other+"/replace", url.Values{"reason": {"refused"}}, http.StatusNotFound, "")

	// A round without a baseline says so, with a 404.
	status, body := b.get("/surveys/" + base.ID + "/compare?line=nl100")
	if status != http.StatusNotFound {
		t.Errorf("comparison of a round without a baseline = %d, want 404", status)
	}
	wantIn(t, "comparison without a baseline", body, "Putaran ini tidak memiliki putaran dasar")
}
