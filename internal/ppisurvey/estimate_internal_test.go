package ppisurvey

import "testing"

// TestBranchBreakdownNeedsABranch gives a group round a breakdown by branch
// only when some group of its frame has a unit: with none it would be one
// row, the whole round, named "no branch".
func TestBranchBreakdownNeedsABranch(t *testing.T) {
	r := Round{Population: GroupMembers, Method: Simple, PopulationSize: 4, Confidence: 0.90, Lines: []string{"nl100"}}
	frame := []Unit{{ID: "1", GroupID: "g1"}, {ID: "2", GroupID: "g1"}, {ID: "3", GroupID: "g2"}, {ID: "4", GroupID: "g2"}}
	d := sampleData{values: []float64{0.8, 0.4, 0.2}, scores: []int{2, 17, 38}, units: frame[:3]}
	e, err := estimate(r, "nl100", frame, d)
	if err != nil || len(e.ByGroup) != 2 || e.ByBranch != nil {
		t.Fatalf("without branches: by group %+v, by branch %+v, %v", e.ByGroup, e.ByBranch, err)
	}
	for i := range frame[2:] {
		frame[2+i].BranchID = "b2"
	}
	d.units = frame[:3]
	e, err = estimate(r, "nl100", frame, d)
	if err != nil || len(e.ByBranch) != 2 || e.ByBranch[0].Label != "" || e.ByBranch[0].Population != 2 || e.ByBranch[0].N != 2 ||
		e.ByBranch[1].Label != "b2" || e.ByBranch[1].N != 1 || e.ByBranch[1].Rate != 0.2 {
		t.Fatalf("with a branch: %+v, %v", e.ByBranch, err)
	}
	r.Population = RegionHeads
	if e, err = estimate(r, "nl100", frame, d); err != nil || e.ByGroup != nil || e.ByBranch != nil {
		t.Fatalf("region round: by group %+v, by branch %+v, %v", e.ByGroup, e.ByBranch, err)
	}
}
