package ppisurvey_test

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/dbtest"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/ppisurvey"
	"github.com/berdaya/berdaya/internal/registry"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func sampled(units []ppisurvey.Unit, stratum string) []ppisurvey.Unit {
	var out []ppisurvey.Unit
	for _, u := range units {
		if u.Status == ppisurvey.StatusSample && (stratum == "" || u.Stratum == stratum) {
			out = append(out, u)
		}
	}
	return out
}

func (f *fixture) units(roundID string, reserve bool) []ppisurvey.Unit {
	f.t.Helper()
	us, err := f.svc.Units(f.ctx, f.fac, roundID, reserve)
	if err != nil {
		f.t.Fatal(err)
	}
	return us
}

// TestWholeRound runs a baseline round and a stratified follow-up from the
// draw to the comparison. The expected numbers were worked out apart from
// the code (see internal/survey for the formulas):
//
//	stratum A (N=12, n=6): 3×0.812007537945362, 2×0.45417298173387, 1×0.0765955477857778
//	  p_A = 0.570160687514934, V_A = p_A(1−p_A)/6 · 6/11
//	stratum B (N=8, n=4): 2×0.812007537945362, 0.45417298173387, 0.0765955477857778 (after the correction)
//	  p_B = 0.5386959013525929, V_B = p_B(1−p_B)/4 · 4/7
//	p = 0.6·p_A + 0.4·p_B = 0.5575747730499976, σ = √(0.36·V_A + 0.16·V_B) = 0.11705032041883538
//	CI 90% = p ± 1.6448536269514722·σ = [0.36504412897324423, 0.7501054171267509]
//	baseline (simple, N=20, n=5, all 0.812007537945362): σ = √(p(1−p)/5 · 15/19) = 0.15525088164777553
//	d = −0.25443276489536437, σ_d = 0.19443151432461672, d·20 = −5.088655297907287
//	households interval [−11.484882928517546, 1.307572332702971]
func TestWholeRound(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		base := f.round("Dasar 2025", ppisurvey.Simple, 5, 7, "")
		for _, u := range sampled(f.units(base.ID, false), "") {
			f.interview(u.ID, poorest)
		}
		follow := f.round("Tindak lanjut 2026", ppisurvey.Stratified, 10, 20261122, base.ID)
		if follow.PopulationSize != 20 || follow.StrataSizes["32.04.05"] != 12 || follow.StrataSizes["32.04.06"] != 8 {
			t.Fatalf("population %d, strata %v", follow.PopulationSize, follow.StrataSizes)
		}
		all := f.units(follow.ID, true)
		if len(all) != 20 || len(sampled(all, "32.04.05")) != 6 || len(sampled(all, "32.04.06")) != 4 {
			t.Fatalf("units %d, A %d, B %d", len(all), len(sampled(all, "32.04.05")), len(sampled(all, "32.04.06")))
		}
		f.refuseAndReplace(all)
		f.interviewFollowUp(follow.ID)
		f.checkEstimate(follow.ID)
		f.checkComparison(base.ID, follow.ID)
	})
}

// refuseAndReplace refuses the first sampled household of district A and
// checks that the first reserve household of A, in reserve order, replaces it.
func (f *fixture) refuseAndReplace(all []ppisurvey.Unit) {
	t := f.t
	refused := sampled(all, "32.04.05")[0]
	var want ppisurvey.Unit
	for _, u := range all { // in sample order: the reserve in its random order
		if u.Status == ppisurvey.StatusReserve && u.Stratum == "32.04.05" {
			want = u
			break
		}
	}
	got, err := f.svc.ReplaceRefusal(f.ctx, f.fac, refused.ID, ppisurvey.ReasonRefused)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != want.ID || got.Status != ppisurvey.StatusSample || got.ReplacesID != refused.ID {
		t.Fatalf("replacement %+v, want %s replacing %s", got, want.ID, refused.ID)
	}
	_, err = f.svc.RecordInterview(f.ctx, f.fac, refused.ID, ppisurvey.InterviewInput{Date: "20/11/2026", Answers: poorest})
	wantErr(t, err, errs.Conflict, "", "ppisurvey.err.not_in_sample")
	_, err = f.svc.ReplaceRefusal(f.ctx, f.fac, refused.ID, ppisurvey.ReasonRefused)
	wantErr(t, err, errs.Conflict, "", "ppisurvey.err.not_in_sample")
}

// interviewFollowUp interviews the sample and corrects one interview.
func (f *fixture) interviewFollowUp(roundID string) {
	t := f.t
	units := f.units(roundID, false)
	a, b := sampled(units, "32.04.05"), sampled(units, "32.04.06")
	for i, answers := range []map[int]string{poorest, poorest, poorest, middle, middle, better} {
		iv := f.interview(a[i].ID, answers)
		if i == 0 && (iv.Answers[1] != "L" || iv.Scores[0].Line != "nl100" || iv.Scores[0].Score != 2 || iv.Scores[0].Likelihood != 81.2007537945362) {
			t.Fatalf("interview scored %+v with answers %v", iv.Scores, iv.Answers)
		}
	}
	var last ppisurvey.Interview
	for i, answers := range []map[int]string{poorest, poorest, middle, middle} {
		last = f.interview(b[i].ID, answers)
	}
	_, err := f.svc.RecordInterview(f.ctx, f.fac, b[3].ID, ppisurvey.InterviewInput{Date: "20/11/2026", Answers: middle})
	wantErr(t, err, errs.Conflict, "", "ppisurvey.err.interviewed")
	_, err = f.svc.CorrectInterview(f.ctx, f.fac, last.ID, ppisurvey.InterviewInput{Date: "21/11/2026", Answers: better})
	wantErr(t, err, errs.Invalid, "reason", "err.text_required")
	fixed, err := f.svc.CorrectInterview(f.ctx, f.fac, last.ID, ppisurvey.InterviewInput{Date: "21/11/2026", Answers: better, Reason: "Q2 salah catat"})
	if err != nil || fixed.ID != last.ID || fixed.Scores[0].Score != 38 {
		t.Fatalf("correction %+v, %v", fixed, err)
	}
	got, cs, err := f.svc.GetInterview(f.ctx, f.viewer, last.ID)
	if err != nil || got.Scores[0].Score != 38 || got.Date.Day() != 21 || len(cs) != 1 ||
		cs[0].Before.Scores[0].Score != 17 || cs[0].After.Scores[0].Score != 38 || cs[0].Reason != "Q2 salah catat" {
		t.Fatalf("interview %+v, corrections %+v, %v", got, cs, err)
	}
}

func (f *fixture) checkEstimate(roundID string) {
	t := f.t
	e, err := f.svc.Estimates(f.ctx, f.manager, roundID, "nl100")
	if err != nil {
		t.Fatal(err)
	}
	r := e.Rate
	if e.Interviewed != 10 || e.Population != 20 || r.N != 10 || !near(r.Rate, 0.5575747730499976) || !near(r.SE, 0.11705032041883538) ||
		!near(r.Low, 0.36504412897324423) || !near(r.High, 0.7501054171267509) || r.Confidence != 0.90 {
		t.Fatalf("estimate %+v", e)
	}
	if len(e.Strata) != 2 || !near(e.Strata[0].Rate, 0.570160687514934) || !near(e.Strata[1].Rate, 0.5386959013525929) || !near(e.Strata[0].Weight, 0.6) {
		t.Fatalf("strata %+v", e.Strata)
	}
	if len(e.ByDistrict) != 2 || e.ByDistrict[0].Population != 12 || e.ByDistrict[1].Population != 8 || e.ByGroup != nil || e.ByBranch != nil {
		t.Fatalf("by district %+v, by group %+v, by branch %+v", e.ByDistrict, e.ByGroup, e.ByBranch)
	}
	n := 0
	for _, g := range e.ByHeadSex {
		n += g.N
	}
	if n != 10 || len(e.ByHeadSex) != 2 {
		t.Fatalf("by sex of head %+v", e.ByHeadSex)
	}
	if e.Scores[0].Count != 5 || e.Scores[3].Count != 3 || e.Scores[7].Count != 2 {
		t.Fatalf("score bands %+v", e.Scores)
	}
	_, err = f.svc.Estimates(f.ctx, f.manager, roundID, "pct20")
	wantErr(t, err, errs.Invalid, "line", "ppisurvey.err.line")
}

func (f *fixture) checkComparison(baseID, followID string) {
	t := f.t
	c, err := f.svc.Compare(f.ctx, f.manager, baseID, followID, "nl100")
	if err != nil {
		t.Fatal(err)
	}
	ch := c.Change
	if !near(c.Baseline.Rate.Rate, 0.812007537945362) || !near(c.Baseline.Rate.SE, 0.15525088164777553) ||
		!near(ch.Difference, -0.25443276489536437) || !near(ch.SE, 0.19443151432461672) || ch.Population != 20 ||
		!near(ch.Households, -5.088655297907287) || !near(ch.HouseholdsLow, -11.484882928517546) || !near(ch.HouseholdsHigh, 1.307572332702971) ||
		len(ch.Assumptions) != 5 {
		t.Fatalf("comparison %+v", c)
	}
}

// TestDrawReproducible draws two rounds with the same design and seed from
// the same households and gets the same units in the same order, and a
// different seed gives another draw.
func TestDrawReproducible(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		one := f.units(f.round("Satu", ppisurvey.Stratified, 7, 99, "").ID, true)
		two := f.units(f.round("Dua", ppisurvey.Stratified, 7, 99, "").ID, true)
		other := f.units(f.round("Lain", ppisurvey.Stratified, 7, 100, "").ID, true)
		if len(one) != 20 || len(two) != 20 {
			t.Fatalf("units %d and %d", len(one), len(two))
		}
		same := true
		for i := range one {
			if one[i].HouseholdID != two[i].HouseholdID || one[i].Status != two[i].Status || one[i].Order != two[i].Order {
				t.Fatalf("unit %d differs: %+v and %+v", i, one[i], two[i])
			}
			same = same && one[i].HouseholdID == other[i].HouseholdID
		}
		if same {
			t.Fatal("another seed gave the very same draw")
		}
		r, err := f.svc.CreateRound(f.ctx, f.manager, ppisurvey.RoundInput{Name: "Acak", Scorecard: cardName, Lines: []string{"nl100"},
			Population: ppisurvey.RegionPersons, Region: "32.04", Method: ppisurvey.Simple, Size: 3})
		if err != nil || r.Seed <= 0 {
			t.Fatalf("chosen seed %d, %v", r.Seed, err)
		}
		_, err = f.svc.DrawSample(f.ctx, f.manager, f.round("Tiga", ppisurvey.Census, 0, 1, "").ID)
		wantErr(t, err, errs.Conflict, "", "ppisurvey.err.drawn")
	})
}

// TestInterviewValidation checks every refusal of an interview, each named
// after its question.
func TestInterviewValidation(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		r := f.round("Uji", ppisurvey.Simple, 4, 5, "")
		all := f.units(r.ID, true)
		unit := sampled(all, "")[0]
		record := func(date string, answers map[int]string) error {
			_, err := f.svc.RecordInterview(f.ctx, f.fac, unit.ID, ppisurvey.InterviewInput{Date: date, Answers: answers})
			return err
		}
		missing := with(poorest, nil)
		delete(missing, 5)
		wantErr(t, record("20/11/2026", missing), errs.Invalid, "q5", "ppisurvey.err.answer_missing")
		wantErr(t, record("20/11/2026", with(poorest, map[int]string{3: "Z"})), errs.Invalid, "q3", "ppisurvey.err.answer_code")
		wantErr(t, record("20/11/2026", with(poorest, map[int]string{11: "A"})), errs.Invalid, "q11", "ppisurvey.err.question_unknown")
		wantErr(t, record("20/11/2026", with(poorest, map[int]string{1: "A"})), errs.Invalid, "q1", "ppisurvey.err.known_mismatch")
		wantErr(t, record("23/11/2026", poorest), errs.Invalid, "date", "ppisurvey.err.date_future")
		wantErr(t, record("", poorest), errs.Invalid, "date", "err.date_required")
		_, err := f.svc.RecordInterview(f.ctx, f.viewer, unit.ID, ppisurvey.InterviewInput{Date: "20/11/2026", Answers: poorest})
		wantErr(t, err, errs.Forbidden, "", "")
		// The province given as printed, in lower case, is accepted.
		if err := record("20/11/2026", with(poorest, map[int]string{1: " l ", 4: "c"})); err != nil {
			t.Fatal(err)
		}
		reserve := all[len(all)-1]
		_, err = f.svc.RecordInterview(f.ctx, f.fac, reserve.ID, ppisurvey.InterviewInput{Date: "20/11/2026", Answers: poorest})
		wantErr(t, err, errs.Conflict, "", "ppisurvey.err.not_in_sample")
	})
}

// TestImportInterviews imports a file with good and bad rows, then the same
// file again: nothing changes the second time.
func TestImportInterviews(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		r := f.round("Impor", ppisurvey.Simple, 4, 11, "")
		all := f.units(r.ID, true)
		s := sampled(all, "")
		answers := "E,B,C,B,B,B,B,B,B"
		lines := []string{
			"nik,unit_id,date,q1,q2,q3,q4,q5,q6,q7,q8,q9,q10",
			f.nik[s[0].HouseholdID] + ",,20/11/2026,," + answers,            // by NIK, Q1 from the registry
			"," + s[1].ID + ",2026-11-19,L," + answers,                      // by unit
			f.nik[s[2].HouseholdID] + ",,20/11/2026,,E,B,X,B,B,B,B,B,B,B",   // Q4 X
			"3204059999800001,,20/11/2026,," + answers,                      // unknown NIK
			f.nik[all[len(all)-1].HouseholdID] + ",,20/11/2026,," + answers, // a reserve household
		}
		path := filepath.Join(t.TempDir(), "wawancara.csv")
		if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		run := func() ppisurvey.ImportResult {
			src, closeFn, err := registry.OpenFile(path)
			if err != nil {
				t.Fatal(err)
			}
			defer closeFn()
			res, err := f.svc.ImportInterviews(f.ctx, f.fac, r.ID, src)
			if err != nil {
				t.Fatal(err)
			}
			return res
		}
		first := run()
		if first.Rows != 5 || first.Imported != 2 || first.Rejected != 3 || len(first.Rejections) != 3 {
			t.Fatalf("first import %+v", first)
		}
		want := []struct{ col, reason string }{{"q4", "ppisurvey.err.answer_code"}, {"nik", "ppisurvey.err.nik_unknown"}, {"nik", "ppisurvey.err.import_reserve"}}
		for i, w := range want {
			if got := first.Rejections[i]; got.Column != w.col || got.Reason != w.reason {
				t.Errorf("rejection %d = %+v, want %v", i, got, w)
			}
		}
		second := run()
		if second.Imported != 0 || second.Unchanged != 2 || second.Rejected != 3 {
			t.Fatalf("second import %+v", second)
		}
		e, err := f.svc.Estimates(f.ctx, f.manager, r.ID, "nl100")
		if err != nil || e.Interviewed != 2 || !near(e.Rate.Rate, 0.812007537945362) {
			t.Fatalf("estimate after import %+v, %v", e, err)
		}
	})
}

// TestScope checks who sees a round and its units.
func TestScope(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		r := f.round("Wilayah", ppisurvey.Stratified, 10, 3, "")
		if _, err := f.svc.GetRound(f.ctx, f.far, r.ID); errs.CodeOf(err) != errs.NotFound {
			t.Fatalf("Cilacap sees the round: %v", err)
		}
		if list, err := f.svc.ListRounds(f.ctx, f.far); err != nil || len(list) != 0 {
			t.Fatalf("Cilacap lists %d rounds, %v", len(list), err)
		}
		if list, err := f.svc.ListRounds(f.ctx, f.district); err != nil || len(list) != 1 {
			t.Fatalf("the district lists %d rounds, %v", len(list), err)
		}
		units, err := f.svc.Units(f.ctx, f.district, r.ID, true)
		if err != nil || len(units) != 12 {
			t.Fatalf("the district sees %d units, %v", len(units), err)
		}
		for _, u := range units {
			if !strings.HasPrefix(u.VillageCode, "32.04.05.") {
				t.Fatalf("unit outside the district: %+v", u)
			}
		}
		b := sampled(f.units(r.ID, false), "32.04.06")[0]
		_, err = f.svc.RecordInterview(f.ctx, f.district, b.ID, ppisurvey.InterviewInput{Date: "20/11/2026", Answers: poorest})
		wantErr(t, err, errs.NotFound, "", "ppisurvey.err.unit_not_found")
		f.interview(b.ID, poorest)
		_, err = f.svc.Estimates(f.ctx, f.district, r.ID, "nl100")
		wantErr(t, err, errs.Forbidden, "", "ppisurvey.err.estimate_scope")
		_, err = f.svc.CreateRound(f.ctx, f.fac, ppisurvey.RoundInput{Name: "x", Scorecard: cardName, Lines: []string{"nl100"},
			Population: ppisurvey.RegionHeads, Method: ppisurvey.Census})
		wantErr(t, err, errs.Forbidden, "", "")
		_, err = f.svc.CreateRound(f.ctx, f.manager, ppisurvey.RoundInput{Name: "Cilacap", Scorecard: cardName, Lines: []string{"nl100"},
			Population: ppisurvey.RegionHeads, Region: "33.01", Method: ppisurvey.Census})
		wantErr(t, err, errs.Forbidden, "region_code", "err.out_of_scope")
		// A well-formed code that names no region is refused when the round
		// is made, not found out at the draw.
		_, err = f.svc.CreateRound(f.ctx, f.manager, ppisurvey.RoundInput{Name: "Kecamatan 99", Scorecard: cardName, Lines: []string{"nl100"},
			Population: ppisurvey.RegionHeads, Region: "32.04.99", Method: ppisurvey.Census})
		wantErr(t, err, errs.Invalid, "region_code", "region.err.not_found")
		// A confidence level outside 50%–99.9% ("2" read as 2%) is refused.
		for _, c := range []float64{0.02, 0.49, 0.9999, 1.5} {
			_, err = f.svc.CreateRound(f.ctx, f.manager, ppisurvey.RoundInput{Name: "Tingkat", Scorecard: cardName, Lines: []string{"nl100"},
				Population: ppisurvey.RegionHeads, Method: ppisurvey.Census, Confidence: c})
			wantErr(t, err, errs.Invalid, "confidence", "ppisurvey.err.confidence")
		}
	})
}
