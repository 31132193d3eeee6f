package group_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/audit"
	"github.com/berdaya/berdaya/internal/auth"
	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/dbtest"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/group"
	"github.com/berdaya/berdaya/internal/programme"
	"github.com/berdaya/berdaya/internal/region"
	"github.com/berdaya/berdaya/internal/registry"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// now is 22/11/2026 12:00 WIB.
var now = time.Date(2026, 11, 22, 5, 0, 0, 0, time.UTC)

type fixture struct {
	ctx     context.Context
	t       *testing.T
	reg     *registry.Service
	progs   *programme.Service
	groups  *group.Service
	admin   access.Principal // national admin
	manager access.Principal // manager of Kabupaten Bandung (32.04)
	fac     access.Principal // facilitator in 32.04
	viewer  access.Principal // viewer in 32.04
	far     access.Principal // facilitator in Cilacap (33.01)
	persons []string         // 14 persons of Cileunyi Kulon, each in its own household
	spouse  string           // shares persons[0]'s household
	outside string           // a person in Cilacap
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
	progs := programme.NewService(d, a, r, reg)
	f := &fixture{ctx: ctx, t: t, reg: reg, progs: progs, groups: group.NewService(d, a, r, reg, progs), admin: u.Principal(org)}
	for _, s := range []interface{ SetClock(func() time.Time) }{reg, progs, f.groups} {
		s.SetClock(func() time.Time { return now })
	}
	mk := func(name string, role access.Role, scope string) access.Principal {
		u, err := au.CreateUser(ctx, f.admin, auth.NewUser{Username: name, Password: "sandi-" + name, Role: role, Scope: scope})
		if err != nil {
			t.Fatal(err)
		}
		return u.Principal(org)
	}
	f.manager = mk("manajer", access.Manager, "32.04")
	f.fac = mk("pendamping", access.Facilitator, "32.04")
	f.viewer = mk("pembaca", access.Viewer, "32.04")
	f.far = mk("cilacap", access.Facilitator, "33.01")
	for i := range 14 {
		f.persons = append(f.persons, f.person(fmt.Sprintf("320405%02d0180%04d", i+1, 1), fmt.Sprintf("320405120310%04d", i+1), "3204052001", i+1))
	}
	f.spouse = f.person("3204054101800001", "3204051203100001", "3204052001", 1)
	f.outside = f.person("3301010101800001", "3301011203100001", "3301012001", 1)
	return f
}

// person registers a man born day/01/1980 (a woman for a NIK day above 40).
func (f *fixture) person(nik, kk, village string, day int) string {
	f.t.Helper()
	sex := "L"
	if nik[6] >= '4' {
		sex = "P"
	}
	p, err := f.reg.CreatePerson(f.ctx, f.admin, registry.PersonInput{NIK: nik, KK: kk, Name: "Warga " + nik[10:] + nik[6:8], Sex: sex,
		BirthDate: fmt.Sprintf("%02d/01/1980", day), Relationship: "kepala_keluarga", VillageCode: village, TargetGroup: "pemulung", Consent: "ya"})
	if err != nil {
		f.t.Fatalf("person %s: %v", nik, err)
	}
	return p.ID
}

// programme creates a programme in Kecamatan Cileunyi (32.04.05) forming groups of type t.
func (f *fixture) programme(name string, allowDouble bool, rules ...programme.Rules) programme.Programme {
	f.t.Helper()
	p, err := f.progs.CreateProgramme(f.ctx, f.manager, programme.Input{Name: name, Start: "01/01/2026", End: "31/12/2027",
		Regions: []string{"32.04.05"}, Targets: []string{"pemulung"}, AllowDouble: allowDouble, Rules: rules})
	if err != nil {
		f.t.Fatalf("programme: %v", err)
	}
	return p
}

func (f *fixture) group(p access.Principal, programmeID, name string, t programme.GroupType, settlement bool) group.Group {
	f.t.Helper()
	g, err := f.groups.CreateGroup(f.ctx, p, group.Input{ProgrammeID: programmeID, Name: name, Type: string(t), Field: "daur_ulang",
		Settlement: settlement, VillageCode: "3204052001", Address: "RW 05"})
	if err != nil {
		f.t.Fatalf("group %s: %v", name, err)
	}
	return g
}

func (f *fixture) join(groupID string, persons ...string) []group.Member {
	f.t.Helper()
	var out []group.Member
	for _, id := range persons {
		m, err := f.groups.AddMember(f.ctx, f.fac, groupID, group.MemberInput{PersonID: id, Joined: "01/02/2026"})
		if err != nil {
			f.t.Fatalf("join %s: %v", id, err)
		}
		out = append(out, m)
	}
	return out
}

// wantErr checks a domain error's code and the message key on field ("" for
// the error's own message).
func wantErr(t *testing.T, err error, code errs.Code, field, key string) {
	t.Helper()
	e, ok := errs.As(err)
	if !ok || e.Code != code {
		t.Fatalf("error = %v, want %s", err, code)
	}
	got := e.Msg
	if field != "" {
		got = e.Fields[field]
	}
	if key != "" && got != key {
		t.Fatalf("error = %v, want %s on %q", err, key, field)
	}
}
