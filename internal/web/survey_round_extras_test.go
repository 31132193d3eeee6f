package web_test

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/dbtest"
	"github.com/berdaya/berdaya/internal/ppisurvey"
)

func TestSurveyRoundAlpha(t *testing.T) {
	for _, d := range dbtest.Dialects() {
		t.Run(string(d), func(t *testing.T) { surveyRoundAlpha(t, d) })
	}
}

// surveyRoundAlpha sets a precision factor α per line on the new-round form:
// typed with a comma or a point, refused when it is no number or out of
// range, stored and shown on the round's page.
func surveyRoundAlpha(t *testing.T, d db.Dialect) {
	e := newEnv(t, d)
	svrSetup(t, e)
	ctx := context.Background()
	b := e.browser()
	b.login("admin", adminPassword)
	b.mustGet("/surveys/new", `name="alpha_nl100" inputmode="decimal" value="1"`, `name="alpha_ppp365_2017" inputmode="decimal" value="1"`)

	bad := svrRoundForm("Survei Alfa")
	bad.Set("alpha_nl100", "satu")
	body := b.mustPost("/surveys/new", bad, http.StatusUnprocessableEntity, "")
	wantIn(t, "α not a number", body, "Isi dengan angka, mis. 1 atau 1,2.", `name="alpha_nl100" inputmode="decimal" value="satu"`)
	bad.Set("alpha_nl100", "0")
	body = b.mustPost("/surveys/new", bad, http.StatusUnprocessableEntity, "")
	wantIn(t, "α zero", body, "Faktor presisi α harus lebih dari 0", `value="0"`)
	if rounds, _ := e.m.Surveys.ListRounds(ctx, e.admin); len(rounds) != 0 {
		t.Fatalf("refused forms stored %d rounds", len(rounds))
	}

	good := svrRoundForm("Survei Alfa")
	good.Set("alpha_nl100", "1,2")
	good.Set("alpha_ppp365_2017", "1.5")
	good.Set("alpha_pct20", "abc") // a line not chosen: its α is ignored
	res, _ := b.post("/surveys/new", good)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create round: %d", res.StatusCode)
	}
	id := strings.TrimPrefix(res.Header.Get("Location"), "/surveys/")
	r, err := e.m.Surveys.GetRound(ctx, e.admin, id)
	if err != nil {
		t.Fatal(err)
	}
	if r.Alpha("nl100") != 1.2 || r.Alpha("ppp365_2017") != 1.5 || len(r.Alphas) != 2 {
		t.Fatalf("stored α %v", r.Alphas)
	}
	b.mustGet("/surveys/"+id, "α = 1,2", "α = 1,5")
}

func TestSurveyReserveList(t *testing.T) {
	for _, d := range dbtest.Dialects() {
		t.Run(string(d), func(t *testing.T) { surveyReserveList(t, d) })
	}
}

var svReserveRow = regexp.MustCompile(`<tr data-unit="([^"]+)">`)

// surveyReserveList reads the reserve list on a round's page: in the order
// of the draw, each promoted household marked.
func surveyReserveList(t *testing.T, d db.Dialect) {
	e := newEnv(t, d)
	f := newSurveyFixture(t, e)
	ctx := context.Background()
	base := "/surveys/" + f.round.ID
	b := e.browser()
	b.login("admin", adminPassword)
	all, err := e.m.Surveys.Units(ctx, e.admin, f.round.ID, true)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, u := range all {
		if u.Status == ppisurvey.StatusReserve {
			want = append(want, u.ID)
		}
	}
	if len(want) != 4 {
		t.Fatalf("%d reserve units, want 4", len(want))
	}
	body := b.mustGet(base, `<details class="card sv-reserve" id="reserve-list">`, "Daftar cadangan dalam urutan acak")
	if got := svReserveIDs(body); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("reserve list on the page %v, want %v", got, want)
	}

	// A refusal promotes the first reserve household: it stays on the list,
	// marked, and the order does not change.
	b.mustPost(base+"/units/"+f.units[0].ID+"/replace", map[string][]string{"reason": {"refused"}}, http.StatusSeeOther, base+"#units")
	body = b.mustGet(base)
	if got := svReserveIDs(body); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("reserve list after a refusal %v, want %v", got, want)
	}
	row := body[strings.Index(body, `<tr data-unit="`+want[0]+`">`):]
	row = row[:strings.Index(row, "</tr>")]
	wantIn(t, "promoted reserve row", row, "Masuk sampel", "menggantikan Kepala Keluarga")
	row = body[strings.Index(body, `<tr data-unit="`+want[1]+`">`):]
	row = row[:strings.Index(row, "</tr>")]
	wantIn(t, "waiting reserve row", row, `<span class="tag off">Cadangan</span>`)
	if strings.Contains(row, "Masuk sampel") {
		t.Error("a reserve household not used is marked promoted")
	}
}

func svReserveIDs(body string) []string {
	var out []string
	for _, m := range svReserveRow.FindAllStringSubmatch(body, -1) {
		out = append(out, m[1])
	}
	return out
}

// TestSurveyNoScorecard: with an empty catalogue, the list of rounds and
// the new-round form say where scorecards come from and how to import one.
func TestSurveyNoScorecard(t *testing.T) {
	e := newEnv(t, db.SQLite)
	b := e.browser()
	b.login("admin", adminPassword)
	hint := []string{`id="no-card"`, "Belum ada kartu skor PPI", "Innovations for Poverty Action", "tidak disertakan",
		`href="https://www.povertyindex.org/country/indonesia"`, `href="/scorecards"`, "berdaya ppi import BERKAS.xlsx"}
	b.mustGet("/surveys", hint...)
	body := b.mustGet("/surveys/new", hint...)
	if strings.Contains(body, `name="lines"`) || strings.Contains(body, "svr.") {
		t.Error("the new-round form without a card offers lines or has an untranslated key")
	}
}
