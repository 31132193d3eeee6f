package programme

import (
	"testing"

	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/i18n"
)

func TestDefaultRules(t *testing.T) {
	kube := DefaultRules(KUBE)
	if kube.MinMembers != 5 || kube.MaxMembers != 10 || kube.FGDMin != 0 || len(kube.Steps) != 4 || kube.Steps[2].Kind != StepGrant {
		t.Errorf("KUBE %+v", kube)
	}
	ksp := DefaultRules(KSP)
	kinds := []StepKind{StepSocialisation, StepApproach, StepDataInterest, StepFGD, StepBoard, StepOperation, StepCoaching}
	if ksp.FGDMin != 3 || len(ksp.Steps) != len(kinds) {
		t.Fatalf("KSP %+v", ksp)
	}
	for i, k := range kinds {
		if ksp.Steps[i].Kind != k || !i18n.Has("step."+string(k)) {
			t.Errorf("KSP step %d = %s, want %s (with a label)", i, ksp.Steps[i].Kind, k)
		}
	}
	for _, gt := range GroupTypes {
		r := DefaultRules(gt)
		f := errs.Fields{}
		r.Validate(f, "rules")
		if len(f) != 0 || !i18n.Has("group_type."+string(gt)) {
			t.Errorf("default rules of %s invalid: %v", gt, f)
		}
	}
}

func TestInputParse(t *testing.T) {
	ok := func() Input {
		return Input{Name: " PEP  Fase II ", Start: "01/01/2026", End: "2027-12-31", Regions: []string{"3204", "32.04", "3204052001"},
			Targets: []string{"pemulung"}, Rules: []Rules{{GroupType: KSP, MinMembers: 5, FGDMin: 3}}}
	}
	p, err := ok().Parse()
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "PEP Fase II" || len(p.Regions) != 2 || p.Regions[0] != "32.04" || len(p.Rules[0].Steps) != 7 || p.Phase != 1 ||
		!p.Covers("32.04.05.2001") || p.Covers("32.01.01.2001") || !p.VisibleTo("32") || !p.VisibleTo("32.04.05") || p.VisibleTo("33") {
		t.Fatalf("parsed %+v", p)
	}
	cases := []struct {
		name   string
		change func(*Input)
		field  string
		key    string
	}{
		{"no name", func(in *Input) { in.Name = " " }, "name", "err.name_required"},
		{"no start", func(in *Input) { in.Start = "" }, "start", "err.date_required"},
		{"end before start", func(in *Input) { in.End = "31/12/2025" }, "end", "programme.err.end_before_start"},
		{"no regions", func(in *Input) { in.Regions = nil }, "regions", "programme.err.regions_required"},
		{"bad region", func(in *Input) { in.Regions = []string{"32.4"} }, "regions", "region.err.code_format"},
		{"unknown target group", func(in *Input) { in.Targets = []string{"pedagang"} }, "target_groups", "person.err.target_group"},
		{"no rules", func(in *Input) { in.Rules = nil }, "rules", "programme.err.rules_required"},
		{"unknown group type", func(in *Input) { in.Rules = []Rules{{GroupType: "arisan"}} }, "rules.group_type", "programme.err.group_type"},
		{"max below min", func(in *Input) { in.Rules = []Rules{{GroupType: KUBE, MinMembers: 5, MaxMembers: 4}} }, "rules.members", "programme.err.member_bounds"},
		{"FGDs without an FGD step", func(in *Input) {
			in.Rules = []Rules{{GroupType: KUBE, FGDMin: 2, Steps: []Step{{Kind: StepTraining}}}}
		}, "rules.steps", "programme.err.fgd_step_missing"},
		{"unknown step", func(in *Input) { in.Rules = []Rules{{GroupType: KUBE, Steps: []Step{{Kind: "doa"}}}} }, "rules.steps", "programme.err.step"},
		{"one type twice", func(in *Input) { in.Rules = []Rules{DefaultRules(KUBE), DefaultRules(KUBE)} }, "rules", "programme.err.group_type_twice"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := ok()
			c.change(&in)
			_, err := in.Parse()
			e, isErr := errs.As(err)
			if !isErr || e.Code != errs.Invalid || e.Fields[c.field] != c.key {
				t.Fatalf("error = %v, want %s on %s", err, c.key, c.field)
			}
			if !i18n.Has(c.key) {
				t.Errorf("no message %s", c.key)
			}
		})
	}
}

func TestCommonRegion(t *testing.T) {
	cases := map[string][]string{
		"32.04":    {"32.04.05", "32.04.06.2003"},
		"32.04.05": {"32.04.05"},
		"":         {"32.04", "33.01"},
		"32":       {"32.01", "32.04.05"},
	}
	for want, codes := range cases {
		if got := CommonRegion(codes); got != want {
			t.Errorf("CommonRegion(%v) = %q, want %q", codes, got, want)
		}
	}
}
