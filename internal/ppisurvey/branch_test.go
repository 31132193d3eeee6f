package ppisurvey_test

import (
	"testing"

	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/dbtest"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/group"
	"github.com/berdaya/berdaya/internal/ppisurvey"
	"github.com/berdaya/berdaya/internal/programme"
	"github.com/berdaya/berdaya/internal/survey"
)

// branchFixture is a credit union with two branches (TP) and three KSP
// groups: Cileunyi (run by TP Cileunyi) with the heads of households A0–A7,
// Cimenyan (run by TP Cimenyan) with A0 again, A8 and B0–B4, and Mandiri
// (run by no unit) with B5–B7. A0 belongs to the first group of the round,
// so the branches hold 8, 6 and 3 households (N = 17).
type branchFixture struct {
	cileunyi, cimenyan programme.Unit
	groups             []group.Group     // Cileunyi, Cimenyan, Mandiri
	branchOf           map[string]string // household ID -> branch ID ("" for Mandiri)
}

func (f *fixture) newBranchFixture() branchFixture {
	t := f.t
	t.Helper()
	prog, err := f.progs.CreateProgramme(f.ctx, f.admin, programme.Input{Name: "Layanan Anggota CU", Start: "01/01/2026", End: "31/12/2027",
		Regions: []string{"32.04"}, Targets: []string{"pemulung"}, AllowDouble: true, Rules: []programme.Rules{programme.DefaultRules(programme.KSP)}})
	if err != nil {
		t.Fatalf("programme: %v", err)
	}
	unit := func(in programme.UnitInput) programme.Unit {
		u, err := f.progs.CreateUnit(f.ctx, f.admin, in)
		if err != nil {
			t.Fatalf("unit %s: %v", in.Name, err)
		}
		return u
	}
	cu := unit(programme.UnitInput{Type: string(programme.UnitCreditUnion), Name: "CU Sauyunan", VillageCode: villageA})
	bf := branchFixture{branchOf: map[string]string{},
		cileunyi: unit(programme.UnitInput{ParentID: cu.ID, Type: string(programme.UnitCUBranch), Name: "TP Cileunyi", VillageCode: villageA}),
		cimenyan: unit(programme.UnitInput{ParentID: cu.ID, Type: string(programme.UnitCUBranch), Name: "TP Cimenyan", VillageCode: villageB})}
	members := [][]string{f.a[:8], append([]string{f.a[0], f.a[8]}, f.b[:5]...), f.b[5:]}
	for i, name := range []string{"KSP Cileunyi", "KSP Cimenyan", "KSP Mandiri"} {
		unitID := []string{bf.cileunyi.ID, bf.cimenyan.ID, ""}[i]
		g, err := f.groups.CreateGroup(f.ctx, f.admin, group.Input{ProgrammeID: prog.ID, UnitID: unitID, Name: name, Type: string(programme.KSP),
			Field: "daur_ulang", VillageCode: []string{villageA, villageB, villageB}[i], Address: "RW 01"})
		if err != nil {
			t.Fatalf("group %s: %v", name, err)
		}
		bf.groups = append(bf.groups, g)
		for _, h := range members[i] {
			f.joinHead(g.ID, h)
			if _, ok := bf.branchOf[h]; !ok {
				bf.branchOf[h] = unitID
			}
		}
	}
	return bf
}

// joinHead adds household h's head to group g.
func (f *fixture) joinHead(g, h string) {
	f.t.Helper()
	det, err := f.reg.GetHousehold(f.ctx, f.admin, h)
	if err != nil {
		f.t.Fatal(err)
	}
	if _, err := f.groups.AddMember(f.ctx, f.admin, g, group.MemberInput{PersonID: det.Members[0].ID, Joined: "01/02/2026"}); err != nil {
		f.t.Fatalf("join %s: %v", h, err)
	}
}

// TestStrataByBranch refuses strata by branch for a region's population and
// draws a round of the three groups' members stratified
// by branch, proportionally, n = 10 of N = 17: the quotas 10·8/17 = 4.71,
// 10·6/17 = 3.53 and 10·3/17 = 1.76 give 4, 3 and 1 and the two left go to
// the largest remainders (no branch, then TP Cileunyi): 5, 3 and 2.
//
// In each branch the sampled households are interviewed in sample order
// as poorest, middle, better, poorest, middle (likelihoods on the national
// line P = 0.812007537945362, M = 0.45417298173387, B = 0.0765955477857778;
// see fixture_test.go). Worked apart from the code (binomial variance with
// the finite-population correction, z = 1.6448536269514722):
//
//	TP Cileunyi (N=8, n=5: P M B P M): p = 0.5217913174288483,
//	  σ = √(p(1−p)/5 · 3/7) = 0.14624591964555997, CI [0.28123818607299544, 0.7623444487847012]
//	TP Cimenyan (N=6, n=3: P M B): p = 0.44759202248833657,
//	  σ = √(p(1−p)/3 · 3/5) = 0.22237509028357336, CI [0.08181754869173985, 0.8133664962849333]
//	no branch (N=3, n=2: P M): p = 0.633090259839616,
//	  σ = √(p(1−p)/2 · 1/2) = 0.240980799409322, CI [0.23671211790552754, 1] (clipped)
//	round: p = (8·p_C + 6·p_M + 3·p_0)/17 = 0.5152443208164502, σ = 0.11271567309826637,
//	  CI [0.3298435371064903, 0.7006451045264102]
func TestStrataByBranch(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		// A household of a region's population has no group, hence no branch.
		for _, pop := range []string{ppisurvey.RegionHeads, ppisurvey.RegionPersons} {
			_, err := f.svc.CreateRound(f.ctx, f.manager, ppisurvey.RoundInput{Name: "Wilayah", Scorecard: cardName, Lines: []string{"nl100"},
				Population: pop, Region: "32.04", Method: ppisurvey.Stratified, Strata: ppisurvey.ByBranch, Size: 5})
			wantErr(t, err, errs.Invalid, "strata_column", "ppisurvey.err.strata_branch")
		}
		bf := f.newBranchFixture()
		r, err := f.svc.CreateRound(f.ctx, f.manager, ppisurvey.RoundInput{Name: "Survei cabang 2026", Scorecard: cardName, Lines: []string{"nl100"},
			Population: ppisurvey.GroupMembers, GroupIDs: []string{bf.groups[0].ID, bf.groups[1].ID, bf.groups[2].ID}, Region: "32.04",
			Method: ppisurvey.Stratified, Strata: ppisurvey.ByBranch, Allocation: "proportional", Size: 10, Seed: 515})
		if err != nil {
			t.Fatal(err)
		}
		if r, err = f.svc.DrawSample(f.ctx, f.manager, r.ID); err != nil {
			t.Fatal(err)
		}
		want := map[string]int{bf.cileunyi.ID: 8, bf.cimenyan.ID: 6, "": 3}
		if r.PopulationSize != 17 || len(r.StrataSizes) != 3 || r.StrataSizes[bf.cileunyi.ID] != 8 || r.StrataSizes[bf.cimenyan.ID] != 6 || r.StrataSizes[""] != 3 {
			t.Fatalf("population %d, strata %v, want %v", r.PopulationSize, r.StrataSizes, want)
		}
		f.checkBranchUnits(r.ID, bf)
		// The branches are those of the draw: moving a group to another
		// unit afterwards changes neither the strata nor the breakdown.
		g := bf.groups[0]
		if _, err := f.groups.UpdateGroup(f.ctx, f.admin, g.ID, group.Input{ProgrammeID: g.ProgrammeID, UnitID: bf.cimenyan.ID, Name: g.Name,
			Type: string(g.Type), Field: string(g.Field), VillageCode: g.VillageCode, Address: g.Address}); err != nil {
			t.Fatal(err)
		}
		f.interviewByBranch(r.ID)
		f.checkBranchEstimate(r.ID, bf)
	})
}

// checkBranchUnits checks every unit's branch and group against the
// fixture, and the allocation 5, 3, 2.
func (f *fixture) checkBranchUnits(roundID string, bf branchFixture) {
	t := f.t
	all := f.units(roundID, true)
	if len(all) != 17 {
		t.Fatalf("%d units, want 17", len(all))
	}
	for _, u := range all {
		if u.BranchID != bf.branchOf[u.HouseholdID] || u.Stratum != u.BranchID {
			t.Errorf("unit of household %s: branch %q, stratum %q, want %q", u.HouseholdID, u.BranchID, u.Stratum, bf.branchOf[u.HouseholdID])
		}
		if u.HouseholdID == f.a[0] && u.GroupID != bf.groups[0].ID {
			t.Errorf("household A0 in group %s, want its first group %s", u.GroupID, bf.groups[0].ID)
		}
	}
	n := map[string]int{}
	for _, u := range sampled(all, "") {
		n[u.BranchID]++
	}
	if n[bf.cileunyi.ID] != 5 || n[bf.cimenyan.ID] != 3 || n[""] != 2 {
		t.Fatalf("sampled per branch %v, want TP Cileunyi 5, TP Cimenyan 3, none 2", n)
	}
}

// interviewByBranch interviews each branch's sample in sample order as
// poorest, middle, better, poorest, middle.
func (f *fixture) interviewByBranch(roundID string) {
	profiles := []map[int]string{poorest, middle, better}
	seen := map[string]int{}
	for _, u := range sampled(f.units(roundID, false), "") {
		f.interview(u.ID, profiles[seen[u.BranchID]%3])
		seen[u.BranchID]++
	}
}

func (f *fixture) checkBranchEstimate(roundID string, bf branchFixture) {
	t := f.t
	e, err := f.svc.Estimates(f.ctx, f.manager, roundID, "nl100")
	if err != nil {
		t.Fatal(err)
	}
	r := e.Rate
	if !near(r.Rate, 0.5152443208164502) || !near(r.SE, 0.11271567309826637) || !near(r.Low, 0.3298435371064903) || !near(r.High, 0.7006451045264102) {
		t.Fatalf("round estimate %+v", r)
	}
	want := map[string]survey.GroupEstimate{
		bf.cileunyi.ID: {Population: 8, Estimate: survey.Estimate{N: 5, Rate: 0.5217913174288483, SE: 0.14624591964555997, Low: 0.28123818607299544, High: 0.7623444487847012}},
		bf.cimenyan.ID: {Population: 6, Estimate: survey.Estimate{N: 3, Rate: 0.44759202248833657, SE: 0.22237509028357336, Low: 0.08181754869173985, High: 0.8133664962849333}},
		"":             {Population: 3, Estimate: survey.Estimate{N: 2, Rate: 0.633090259839616, SE: 0.240980799409322, Low: 0.23671211790552754, High: 1}},
	}
	if len(e.ByBranch) != 3 || len(e.Strata) != 3 {
		t.Fatalf("by branch %+v, strata %+v", e.ByBranch, e.Strata)
	}
	for i, g := range e.ByBranch {
		w, ok := want[g.Label]
		if !ok || g.Population != w.Population || g.N != w.N || !near(g.Rate, w.Rate) || !near(g.SE, w.SE) || !near(g.Low, w.Low) || !near(g.High, w.High) {
			t.Errorf("branch %q: %+v, want %+v", g.Label, g, w)
		}
		if s := e.Strata[i]; s.Label != g.Label || !near(s.Rate, g.Rate) || !near(s.SE, g.SE) {
			t.Errorf("stratum %+v differs from the branch's breakdown %+v", s, g)
		}
	}
	if len(e.ByGroup) != 3 {
		t.Errorf("by group %+v", e.ByGroup)
	}
}
