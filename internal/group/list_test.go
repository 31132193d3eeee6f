package group_test

import (
	"testing"

	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/dbtest"
	"github.com/berdaya/berdaya/internal/group"
	"github.com/berdaya/berdaya/internal/programme"
	"github.com/berdaya/berdaya/internal/region"
)

func TestListsCountsAndNextPhase(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		kube := programme.DefaultRules(programme.KUBE)
		prog := f.programme("KUBE Fase I", false, kube, programme.DefaultRules(programme.SHG))
		a := f.group(f.fac, prog.ID, "KUBE Anggrek", programme.KUBE, false)
		f.join(a.ID, f.persons[:5]...)
		if _, err := f.groups.ChangeStage(f.ctx, f.fac, a.ID, group.StageInput{To: "formed", Date: "01/03/2026", Evidence: "BA"}); err != nil {
			t.Fatal(err)
		}
		b := f.group(f.fac, prog.ID, "KUBE Bougenvil", programme.KUBE, false)
		f.join(b.ID, f.persons[5:8]...)
		in := group.Input{ProgrammeID: prog.ID, Name: "SHG Cempaka", Type: "shg", Field: "jasa", VillageCode: "3204052002"}
		c, err := f.groups.CreateGroup(f.ctx, f.fac, in)
		if err != nil {
			t.Fatal(err)
		}
		f.join(c.ID, f.persons[8])

		page, err := f.groups.ListGroups(f.ctx, f.viewer, group.Filter{Region: "32.04.05", Type: programme.KUBE})
		if err != nil || page.Total != 2 || page.Items[0].Name != "KUBE Anggrek" || page.Items[0].Members != 5 || page.Items[1].Members != 3 {
			t.Fatalf("KUBE list %+v %v", page, err)
		}
		page, _ = f.groups.ListGroups(f.ctx, f.viewer, group.Filter{Stage: group.Formed})
		if page.Total != 1 || page.Items[0].ID != a.ID {
			t.Errorf("formed list %+v", page)
		}
		page, _ = f.groups.ListGroups(f.ctx, f.viewer, group.Filter{Region: "3204052002", ProgrammeID: prog.ID})
		if page.Total != 1 || page.Items[0].ID != c.ID {
			t.Errorf("village list %+v", page)
		}
		page, _ = f.groups.ListGroups(f.ctx, f.viewer, group.Filter{Query: "  kube  BOUGEN "})
		if page.Total != 1 || page.Items[0].ID != b.ID {
			t.Errorf("name search %+v", page)
		}
		page, _ = f.groups.ListGroups(f.ctx, f.viewer, group.Filter{PerPage: 2, Page: 2})
		if page.Total != 3 || len(page.Items) != 1 || page.Items[0].Name != "SHG Cempaka" {
			t.Errorf("second page %+v", page)
		}

		counts, err := f.groups.Counts(f.ctx, f.viewer, group.CountFilter{Level: region.District})
		if err != nil {
			t.Fatal(err)
		}
		want := []group.Count{
			{RegionCode: "32.04.05", RegionName: "Cileunyi", Type: programme.KUBE, Stage: group.Formed, Groups: 1, Members: 5},
			{RegionCode: "32.04.05", RegionName: "Cileunyi", Type: programme.KUBE, Stage: group.Forming, Groups: 1, Members: 3},
			{RegionCode: "32.04.05", RegionName: "Cileunyi", Type: programme.SHG, Stage: group.Forming, Groups: 1, Members: 1},
		}
		if len(counts) != len(want) {
			t.Fatalf("counts %+v", counts)
		}
		for i := range want {
			if counts[i] != want[i] {
				t.Errorf("count %d = %+v, want %+v", i, counts[i], want[i])
			}
		}
		counts, _ = f.groups.Counts(f.ctx, f.viewer, group.CountFilter{Level: region.Village, Type: programme.KUBE})
		if len(counts) != 2 || counts[0].RegionCode != "32.04.05.2001" || counts[0].Groups+counts[1].Groups != 2 {
			t.Errorf("village counts %+v", counts)
		}
		// With no level asked, a district's roll-up is by village.
		counts, _ = f.groups.Counts(f.ctx, f.viewer, group.CountFilter{Region: "320405"})
		if len(counts) != 3 || counts[0].RegionCode != "32.04.05.2001" || counts[2].RegionCode != "32.04.05.2002" {
			t.Errorf("default-level counts %+v", counts)
		}
		if counts, _ := f.groups.Counts(f.ctx, f.far, group.CountFilter{Level: region.Province}); len(counts) != 0 {
			t.Errorf("Cilacap counts %+v", counts)
		}

		// Phase II carries the KUBEs (not the SHG: phase II forms KUBEs only).
		next, err := f.groups.StartNextPhase(f.ctx, f.manager, prog.ID, programme.Input{Name: "KUBE Fase II", Start: "01/01/2027",
			Regions: []string{"32.04.05"}, Rules: []programme.Rules{kube}})
		if err != nil {
			t.Fatal(err)
		}
		if next.Groups != 2 || next.Members != 8 || next.Programme.Phase != 2 || next.Programme.PreviousID != prog.ID {
			t.Fatalf("next phase %+v", next)
		}
		base, err := f.progs.Baseline(f.ctx, f.viewer, next.Programme.ID)
		if err != nil || len(base) != 3 || base[0] != (programme.Baseline{GroupType: programme.KUBE, Stage: "formed", Groups: 1, Members: 5}) {
			t.Fatalf("baseline %+v %v", base, err)
		}
		page, _ = f.groups.ListGroups(f.ctx, f.viewer, group.Filter{ProgrammeID: next.Programme.ID})
		if page.Total != 2 || page.Items[0].SourceID != a.ID || page.Items[0].Stage != group.Formed || page.Items[0].Members != 5 {
			t.Fatalf("phase II groups %+v", page)
		}
		// Phase I's figures stay as they were; the carried group grows on its own.
		f.join(page.Items[1].ID, f.persons[9])
		if base, _ := f.progs.Baseline(f.ctx, f.viewer, next.Programme.ID); base[1].Members != 3 {
			t.Errorf("baseline moved: %+v", base)
		}
		if _, err := f.groups.StartNextPhase(f.ctx, f.fac, prog.ID, programme.Input{Name: "X", Start: "01/01/2027", Regions: []string{"32.04.05"}, Rules: []programme.Rules{kube}}); err == nil {
			t.Error("a facilitator started a phase")
		}
	})
}

func TestCountLevel(t *testing.T) {
	for _, c := range []struct {
		scope, asked string
		want         region.Level
	}{
		{"", "", region.Province},
		{"", "32", region.Regency},
		{"32", "", region.Regency},
		{"32", "3204", region.District},
		{"32.04", "32.04.05", region.Village},
		{"32.04", "32", region.District},    // wider than the scope: the scope's
		{"32.04", "33.01", region.District}, // outside the scope: the scope's
		{"32.04", "not a code", region.District},
		{"32.04.05.2001", "", region.Village},
	} {
		if got := group.CountLevel(c.scope, c.asked); got != c.want {
			t.Errorf("CountLevel(%q, %q) = %s, want %s", c.scope, c.asked, got, c.want)
		}
	}
}
