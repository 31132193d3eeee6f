package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/dbtest"
	"github.com/berdaya/berdaya/internal/i18n"
	"github.com/berdaya/berdaya/internal/ppi"
	"github.com/berdaya/berdaya/internal/ppisurvey"
	"github.com/berdaya/berdaya/internal/registry"
	"github.com/berdaya/berdaya/internal/survey"
)

// svrSetup imports the 2023 card and registers ten households (heads) in
// Kecamatan Cileunyi, with no round yet.
func svrSetup(t *testing.T, e *env) {
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
	for i := range 10 {
		_, err := e.m.Registry.CreatePerson(ctx, e.admin, registry.PersonInput{NIK: fmt.Sprintf("320405%02d0180%04d", i+1, i+1),
			KK: fmt.Sprintf("320405120310%04d", i+1), Name: fmt.Sprintf("Kepala Keluarga %02d", i+1), Sex: "L", BirthDate: fmt.Sprintf("%02d/01/1980", i+1),
			Relationship: "kepala_keluarga", VillageCode: "3204052001", TargetGroup: "pemulung", Consent: "ya"})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func TestSurveyRoundPages(t *testing.T) {
	for _, d := range dbtest.Dialects() {
		t.Run(string(d), func(t *testing.T) { surveyRoundPages(t, d) })
	}
}

// svrRoundForm is a complete new-round form.
func svrRoundForm(name string) url.Values {
	return url.Values{"name": {name}, "scorecard": {"IDN 2023"}, "lines": {"nl100", "ppp365_2017"},
		"population_kind": {ppisurvey.RegionHeads}, "region_code": {"32.04.05"}, "method": {ppisurvey.Simple},
		"allocation": {"proportional"}, "sample_size": {"6"}, "seed": {"777"}, "confidence": {"0,90"}}
}

func surveyRoundPages(t *testing.T, d db.Dialect) {
	e := newEnv(t, d)
	svrSetup(t, e)
	ctx := context.Background()
	b := e.browser()
	b.login("admin", adminPassword)

	// The form: the only card is chosen already and its lines are offered.
	b.mustGet("/surveys", `href="/surveys/new"`)
	body := b.mustGet("/surveys/new", "Putaran survei baru", `name="lines" value="nl100"`, `name="lines" value="ppp365_2017"`,
		"Kalkulator ukuran sampel", `name="seed"`)
	if strings.Contains(body, "svr.") || strings.Contains(body, "ppisurvey.") {
		t.Error("new-round form has an untranslated key")
	}

	// The sample-size helper shows survey.SampleSize's answer and puts it in
	// the size field.
	want, err := survey.SampleSize(survey.SizeParams{Rate: 0.3, Precision: 0.05, Confidence: 0.9, Population: 10000})
	if err != nil {
		t.Fatal(err)
	}
	body = b.mustGet("/surveys/new?scorecard=IDN+2023&rate=0%2C3&precision=0%2C05&confidence=0%2C90&population=10000",
		"Ukuran sampel yang diperlukan: "+i18n.Number("id", int64(want))+" rumah tangga", fmt.Sprintf(`name="sample_size" inputmode="numeric" value="%d"`, want))
	body = b.mustGet("/surveys/new?scorecard=IDN+2023&rate=150&precision=0%2C05&confidence=0%2C90", "Tingkat kemiskinan harus di antara 0 dan 1")
	_ = body
	// A confidence level typed as a percentage is read as one; "2" (2%) is
	// no confidence level, and gives no sample size.
	b.mustGet("/surveys/new?scorecard=IDN+2023&rate=0%2C3&precision=0%2C05&confidence=90%25&population=10000",
		fmt.Sprintf(`name="sample_size" inputmode="numeric" value="%d"`, want))
	body = b.mustGet("/surveys/new?scorecard=IDN+2023&rate=0%2C3&precision=0%2C05&confidence=2&population=10000",
		"Tingkat kepercayaan harus di antara 50% dan 99,9%", `name="sample_size" inputmode="numeric" value=""`)
	if strings.Contains(body, "Ukuran sampel yang diperlukan") {
		t.Error("the helper computed a size at a confidence of 2%")
	}

	// A refused form: the errors in Indonesian next to their fields, and
	// everything typed is kept.
	bad := svrRoundForm("Survei Anggota 2026")
	bad.Del("lines")
	bad.Set("sample_size", "0")
	body = b.mustPost("/surveys/new", bad, http.StatusUnprocessableEntity, "")
	i := strings.Index(body, `id="lines"`)
	if i < 0 {
		t.Fatal("refused form lacks the lines")
	}
	wantIn(t, "lines after refusal", body[i:i+strings.Index(body[i:], "</fieldset>")], "Pilih minimal satu garis kemiskinan.")
	wantIn(t, "refused form", body, "Ukuran sampel minimal 1.", `value="Survei Anggota 2026"`, `value="777"`, `value="32.04.05"`)
	bad = svrRoundForm("Survei Anggota 2026")
	bad.Set("confidence", "2")
	body = b.mustPost("/surveys/new", bad, http.StatusUnprocessableEntity, "")
	wantIn(t, "refused confidence", body, "Tingkat kepercayaan harus di antara 50% dan 99,9%")
	bad = svrRoundForm("Survei Anggota 2026")
	bad.Set("sample_size", "enam")
	body = b.mustPost("/surveys/new", bad, http.StatusUnprocessableEntity, "")
	wantIn(t, "refused form", body, "Isi dengan bilangan bulat", `value="enam"`, `name="lines" value="nl100" checked`)
	if rounds, _ := e.m.Surveys.ListRounds(ctx, e.admin); len(rounds) != 0 {
		t.Fatalf("refused forms stored %d rounds", len(rounds))
	}

	// A good form creates the round.
	res, _ := b.post("/surveys/new", svrRoundForm("Survei Anggota 2026"))
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/surveys/") {
		t.Fatalf("create round: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	id := strings.TrimPrefix(res.Header.Get("Location"), "/surveys/")
	r, err := e.m.Surveys.GetRound(ctx, e.admin, id)
	if err != nil {
		t.Fatal(err)
	}
	if r.Name != "Survei Anggota 2026" || r.Size != 6 || r.Seed != 777 || r.Method != ppisurvey.Simple || len(r.Lines) != 2 ||
		r.ScorecardName != "IDN 2023" || r.Confidence != 0.9 || r.Drawn() {
		t.Errorf("stored round = %+v", r)
	}
	base := "/surveys/" + id
	b.mustGet(base, "Putaran survei dibuat", "Tarik sampel", `action="`+base+`/draw"`)

	// Users without the permission: a facilitator may not create or draw, a
	// viewer may not replace.
	e.addUser("fasil", access.Facilitator, "32.04")
	e.addUser("pembaca", access.Viewer, "32.04")
	fb := e.browser()
	fb.login("fasil", "sandi-fasil")
	if status, _ := fb.get("/surveys/new"); status != http.StatusForbidden {
		t.Errorf("facilitator GET /surveys/new = %d, want 403", status)
	}
	if res, _ := fb.post("/surveys/new", svrRoundForm("Survei Fasilitator")); res.StatusCode != http.StatusForbidden {
		t.Errorf("facilitator POST /surveys/new = %d, want 403", res.StatusCode)
	}
	if res, _ := fb.post(base+"/draw", url.Values{}); res.StatusCode != http.StatusForbidden {
		t.Errorf("facilitator POST draw = %d, want 403", res.StatusCode)
	}
	if strings.Contains(fb.mustGet(base), "Tarik sampel") {
		t.Error("the facilitator is offered the draw button")
	}

	// The draw button draws the sample.
	b.mustPost(base+"/draw", url.Values{}, http.StatusSeeOther, base+"#units")
	units, err := e.m.Surveys.Units(ctx, e.admin, id, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(units) != 6 {
		t.Fatalf("after the draw %d units, want 6", len(units))
	}
	page := b.mustGet(base, "Sampel ditarik.", "Sudah diwawancarai: 0 dari 6", "Daftar cadangan tersisa: 4 rumah tangga", "Menolak", "Tidak dapat dihubungi")
	if strings.Contains(page, `action="`+base+`/draw"`) {
		t.Error("the drawn round still offers the draw button")
	}
	b.mustPost(base+"/draw", url.Values{}, http.StatusConflict, "")

	// A viewer may not replace a household.
	vb := e.browser()
	vb.login("pembaca", "sandi-pembaca")
	vb.get(base)
	if res, _ := vb.post(base+"/units/"+units[0].ID+"/replace", url.Values{"reason": {"refused"}}); res.StatusCode != http.StatusForbidden {
		t.Errorf("viewer POST replace = %d, want 403", res.StatusCode)
	}

	// Refusing one promotes the next reserve household.
	b.mustPost(base+"/units/"+units[0].ID+"/replace", url.Values{"reason": {"refused"}}, http.StatusSeeOther, base+"#units")
	after, err := e.m.Surveys.Units(ctx, e.admin, id, false)
	if err != nil {
		t.Fatal(err)
	}
	var refused, promoted *ppisurvey.Unit
	for i := range after {
		switch {
		case after[i].ID == units[0].ID:
			refused = &after[i]
		case after[i].ReplacesID == units[0].ID:
			promoted = &after[i]
		}
	}
	if refused == nil || refused.Status != ppisurvey.StatusRefused {
		t.Fatalf("refused unit = %+v", refused)
	}
	if promoted == nil || promoted.Status != ppisurvey.StatusSample || promoted.Order != 7 {
		t.Fatalf("replacement = %+v, want the first reserve unit (order 7) in the sample", promoted)
	}
	refusedName, err := e.m.Registry.GetPerson(ctx, e.admin, refused.PersonID)
	if err != nil {
		t.Fatal(err)
	}
	b.mustGet(base, "Rumah tangga diganti dengan rumah tangga berikutnya", "menggantikan "+refusedName.Person.Name,
		"Daftar cadangan tersisa: 3 rumah tangga", `<span class="tag off">Menolak</span>`)
	// The refused household cannot be replaced twice.
	b.mustPost(base+"/units/"+units[0].ID+"/replace", url.Values{"reason": {"unreachable"}}, http.StatusConflict, "")
}
