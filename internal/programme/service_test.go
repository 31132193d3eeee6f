package programme_test

import (
	"context"
	"testing"
	"time"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/audit"
	"github.com/berdaya/berdaya/internal/auth"
	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/dbtest"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/programme"
	"github.com/berdaya/berdaya/internal/region"
	"github.com/berdaya/berdaya/internal/registry"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

type fixture struct {
	ctx                        context.Context
	progs                      *programme.Service
	audit                      *audit.Service
	admin, manager, fac, other access.Principal
	person                     string
}

func newFixture(t *testing.T, d *db.DB) *fixture {
	t.Helper()
	ctx := context.Background()
	a := audit.NewService(d)
	r := region.NewService(d)
	au := auth.NewService(d, a, r)
	org, u, err := au.Bootstrap(ctx, "Yayasan Uji", auth.NewUser{Username: "admin", Password: "rahasia-admin-1"})
	if err != nil {
		t.Fatal(err)
	}
	reg := registry.NewService(d, a, r)
	f := &fixture{ctx: ctx, progs: programme.NewService(d, a, r, reg), audit: a, admin: u.Principal(org)}
	f.progs.SetClock(func() time.Time { return time.Date(2026, 11, 22, 5, 0, 0, 0, time.UTC) })
	mk := func(name string, role access.Role, scope string) access.Principal {
		u, err := au.CreateUser(ctx, f.admin, auth.NewUser{Username: name, Password: "sandi-" + name, Role: role, Scope: scope})
		if err != nil {
			t.Fatal(err)
		}
		return u.Principal(org)
	}
	f.manager = mk("manajer", access.Manager, "32.04")
	f.fac = mk("pendamping", access.Facilitator, "32.04")
	f.other = mk("cilacap", access.Manager, "33.01")
	p, err := reg.CreatePerson(ctx, f.admin, registry.PersonInput{NIK: "3204054107850003", KK: "3204051203100007", Name: "Siti Aminah",
		Sex: "P", BirthDate: "01/07/1985", Relationship: "istri", VillageCode: "3204052001", TargetGroup: "pemulung", Consent: "ya"})
	if err != nil {
		t.Fatal(err)
	}
	f.person = p.ID
	return f
}

func pep() programme.Input {
	return programme.Input{Name: "PEP Fase I", Start: "01/01/2026", Regions: []string{"32.04.05", "32.04.06"}, Targets: []string{"pemulung"},
		Rules: []programme.Rules{programme.DefaultRules(programme.KSP)}}
}

func TestProgrammes(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		if _, err := f.progs.CreateProgramme(f.ctx, f.fac, pep()); errs.CodeOf(err) != errs.Forbidden {
			t.Errorf("facilitator created a programme: %v", err)
		}
		wide := pep()
		wide.Regions = []string{"32"}
		if _, err := f.progs.CreateProgramme(f.ctx, f.manager, wide); errs.CodeOf(err) != errs.Forbidden {
			t.Errorf("regency manager created a province programme: %v", err)
		}
		wide.Regions = []string{"32.04.99"}
		if _, err := f.progs.CreateProgramme(f.ctx, f.manager, wide); errs.CodeOf(err) != errs.Invalid {
			t.Errorf("unknown region accepted: %v", err)
		}
		p, err := f.progs.CreateProgramme(f.ctx, f.manager, pep())
		if err != nil {
			t.Fatal(err)
		}
		got, err := f.progs.GetProgramme(f.ctx, f.fac, p.ID)
		if err != nil || got.Name != "PEP Fase I" || got.Start != registry.Date(2026, 1, 1) || len(got.Regions) != 2 ||
			len(got.Rules) != 1 || got.Rules[0].FGDMin != 3 || len(got.Rules[0].Steps) != 7 || got.Targets[0] != registry.WastePicker {
			t.Fatalf("got %+v %v", got, err)
		}
		if _, err := f.progs.GetProgramme(f.ctx, f.other, p.ID); errs.CodeOf(err) != errs.NotFound {
			t.Errorf("Cilacap sees a Bandung programme: %v", err)
		}
		national, err := f.progs.CreateProgramme(f.ctx, f.admin, programme.Input{Name: "KUBE Nasional", Start: "01/01/2026",
			Regions: []string{"32", "33"}, Rules: []programme.Rules{programme.DefaultRules(programme.KUBE)}})
		if err != nil {
			t.Fatal(err)
		}
		list, err := f.progs.ListProgrammes(f.ctx, f.other)
		if err != nil || len(list) != 1 || list[0].ID != national.ID {
			t.Errorf("Cilacap list %+v %v", list, err)
		}
		if _, err := f.progs.UpdateProgramme(f.ctx, f.manager, national.ID, pep()); errs.CodeOf(err) != errs.Forbidden {
			t.Errorf("regency manager changed a national programme: %v", err)
		}
		in := pep()
		in.Rules[0].FGDMin, in.AllowDouble = 4, true
		up, err := f.progs.UpdateProgramme(f.ctx, f.manager, p.ID, in)
		if err != nil || up.Rules[0].FGDMin != 4 || !up.AllowDouble || up.Phase != 1 {
			t.Fatalf("updated %+v %v", up, err)
		}
		entries, err := f.audit.List(f.ctx, f.admin, audit.Filter{Entity: "programme"})
		if err != nil || len(entries) != 3 || entries[0].Action != "update" || entries[0].RegionCode != "32.04" {
			t.Errorf("audit %+v %v", entries, err)
		}
	})
}

func TestUnits(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		p, err := f.progs.CreateProgramme(f.ctx, f.manager, pep())
		if err != nil {
			t.Fatal(err)
		}
		lpp, err := f.progs.CreateUnit(f.ctx, f.manager, programme.UnitInput{ProgrammeID: p.ID, Type: "lpp", Name: "LPP Cileunyi",
			VillageCode: "3204052001", HeadPersonID: f.person, HeadUserID: f.fac.UserID})
		if err != nil {
			t.Fatal(err)
		}
		mfu, err := f.progs.CreateUnit(f.ctx, f.manager, programme.UnitInput{ProgrammeID: p.ID, ParentID: lpp.ID, Type: "mfu", Name: "Unit Simpan Pinjam", VillageCode: "3204052001"})
		if err != nil {
			t.Fatal(err)
		}
		bad := []struct {
			in    programme.UnitInput
			code  errs.Code
			field string
			key   string
		}{
			{programme.UnitInput{Type: "cu_branch", Name: "TP Cileunyi", VillageCode: "3204052001", ParentID: lpp.ID}, errs.Invalid, "parent_id", "unit.err.branch_parent"},
			{programme.UnitInput{Type: "cu_branch", Name: "TP Cileunyi", VillageCode: "3204052001"}, errs.Invalid, "parent_id", "unit.err.branch_parent"},
			{programme.UnitInput{ProgrammeID: p.ID, Type: "rbu", Name: "RBU", VillageCode: "3204072001"}, errs.Invalid, "village_code", "unit.err.outside_programme"},
			{programme.UnitInput{Type: "rbu", Name: "RBU", VillageCode: "3301012001"}, errs.Forbidden, "village_code", "err.out_of_scope"},
			{programme.UnitInput{Type: "bank", Name: "Bank", VillageCode: "3204052001"}, errs.Invalid, "type", "unit.err.type"},
			{programme.UnitInput{Type: "ss", Name: "SS", VillageCode: "3204052001", HeadUserID: "nobody"}, errs.Invalid, "head_user_id", "user.err.not_found"},
		}
		for _, b := range bad {
			_, err := f.progs.CreateUnit(f.ctx, f.manager, b.in)
			if e, ok := errs.As(err); !ok || e.Code != b.code || e.Fields[b.field] != b.key {
				t.Errorf("%+v: %v, want %s", b.in, err, b.key)
			}
		}
		cu, err := f.progs.CreateUnit(f.ctx, f.manager, programme.UnitInput{Type: "credit_union", Name: "CU Sauyunan", VillageCode: "3204052001"})
		if err != nil {
			t.Fatal(err)
		}
		branch, err := f.progs.CreateUnit(f.ctx, f.manager, programme.UnitInput{Type: "cu_branch", Name: " TP  Cileunyi ", ParentID: cu.ID, VillageCode: "3204052002"})
		if err != nil || branch.ParentID != cu.ID || branch.Name != "TP Cileunyi" || branch.VillageCode != "32.04.05.2002" || branch.ProgrammeID != "" {
			t.Fatalf("branch %+v %v", branch, err)
		}
		// The LPP cannot move under its own MFU.
		_, err = f.progs.UpdateUnit(f.ctx, f.manager, lpp.ID, programme.UnitInput{ProgrammeID: p.ID, ParentID: mfu.ID, Type: "lpp", Name: "LPP Cileunyi", VillageCode: "3204052001"})
		if e, ok := errs.As(err); !ok || e.Fields["parent_id"] != "unit.err.cycle" {
			t.Errorf("cycle: %v", err)
		}
		st, err := f.progs.AddStaff(f.ctx, f.manager, lpp.ID, programme.StaffInput{PersonID: f.person, Position: "Bendahara", Start: "01/02/2026"})
		if err != nil || st.UnitID != lpp.ID || st.PersonID != f.person || st.Position != "Bendahara" || st.Start != registry.Date(2026, 2, 1) || !st.End.IsZero() {
			t.Fatalf("staff %+v %v", st, err)
		}
		if _, err := f.progs.AddStaff(f.ctx, f.manager, lpp.ID, programme.StaffInput{UserID: f.fac.UserID, PersonID: f.person, Position: "x", Start: "01/02/2026"}); errs.CodeOf(err) != errs.Invalid {
			t.Errorf("staff with both a user and a person: %v", err)
		}
		if _, err := f.progs.EndStaff(f.ctx, f.manager, st.ID, "01/01/2026"); errs.CodeOf(err) != errs.Invalid {
			t.Errorf("ended before it began: %v", err)
		}
		if _, err := f.progs.EndStaff(f.ctx, f.manager, st.ID, "30/06/2026"); err != nil {
			t.Fatal(err)
		}
		det, err := f.progs.GetUnit(f.ctx, f.fac, lpp.ID)
		if err != nil || det.Unit.HeadPersonID != f.person || len(det.Staff) != 1 || det.Staff[0].End != registry.Date(2026, 6, 30) ||
			len(det.Children) != 1 || det.Children[0].ID != mfu.ID {
			t.Fatalf("detail %+v %v", det, err)
		}
		if _, err := f.progs.GetUnit(f.ctx, f.other, lpp.ID); errs.CodeOf(err) != errs.NotFound {
			t.Errorf("Cilacap sees a Bandung unit: %v", err)
		}
		list, err := f.progs.ListUnits(f.ctx, f.fac, programme.UnitFilter{Region: "32.04.05.2002"})
		if err != nil || len(list) != 1 || list[0].Type != programme.UnitCUBranch {
			t.Errorf("village list %+v %v", list, err)
		}
		list, _ = f.progs.ListUnits(f.ctx, f.fac, programme.UnitFilter{ProgrammeID: p.ID})
		if len(list) != 2 || list[0].Name != "LPP Cileunyi" {
			t.Errorf("programme list %+v", list)
		}
		if list, _ := f.progs.ListUnits(f.ctx, f.other, programme.UnitFilter{}); len(list) != 0 {
			t.Errorf("Cilacap lists %+v", list)
		}
	})
}
