package ppisurvey_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/audit"
	"github.com/berdaya/berdaya/internal/auth"
	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/dbtest"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/group"
	"github.com/berdaya/berdaya/internal/ppi"
	"github.com/berdaya/berdaya/internal/ppisurvey"
	"github.com/berdaya/berdaya/internal/programme"
	"github.com/berdaya/berdaya/internal/region"
	"github.com/berdaya/berdaya/internal/registry"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// dataDir is the shared PPI data, seen from this package (three levels
// below the folder that holds the repository and ../shared).
const dataDir = "../../../shared/data/ppi"

// cardName is the 2023 card as the tests import it.
const cardName = "IDN 2023"

// now is 22/11/2026 12:00 WIB.
var now = time.Date(2026, 11, 22, 5, 0, 0, 0, time.UTC)

// The two districts of the tests, both in Kabupaten Bandung (Jawa Barat).
const (
	villageA = "3204052001" // Cileunyi Kulon, Kecamatan Cileunyi (32.04.05)
	villageB = "3204061001" // Padasuka, Kecamatan Cimenyan (32.04.06)
)

type fixture struct {
	ctx      context.Context
	t        *testing.T
	reg      *registry.Service
	groups   *group.Service
	progs    *programme.Service
	svc      *ppisurvey.Service
	card     ppi.Scorecard
	admin    access.Principal
	manager  access.Principal // Kabupaten Bandung (32.04)
	fac      access.Principal // facilitator in 32.04
	district access.Principal // facilitator in Kecamatan Cileunyi only (32.04.05)
	far      access.Principal // facilitator in Cilacap (33.01)
	viewer   access.Principal
	nik      map[string]string // household ID -> its head's NIK
	a, b     []string          // household IDs in district A (12) and B (8)
}

// needCard skips a test when the shared scorecard data is absent.
func needCard(t testing.TB) string {
	t.Helper()
	path := filepath.Join(dataDir, "idn_2023_scorecard.csv")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("PPI scorecard data not found at %s (relative to internal/ppisurvey): the tables are IPA's and are not committed; put Indonesia's CSV files in ../shared/data/ppi to run this test", dataDir)
	}
	return path
}

func newFixture(t *testing.T, d *db.DB) *fixture {
	t.Helper()
	path := needCard(t)
	ctx := context.Background()
	a := audit.NewService(d)
	r := region.NewService(d)
	au := auth.NewService(d, a, r)
	org, u, err := au.Bootstrap(ctx, "Koperasi Uji", auth.NewUser{Username: "admin", Password: "rahasia-admin-1"})
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{ctx: ctx, t: t, admin: u.Principal(org), nik: map[string]string{}}
	f.reg = registry.NewService(d, a, r)
	f.progs = programme.NewService(d, a, r, f.reg)
	f.groups = group.NewService(d, a, r, f.reg, f.progs)
	cards := ppi.NewService(d, a)
	f.svc = ppisurvey.NewService(d, a, f.reg, f.groups, f.progs, cards)
	for _, s := range []interface{ SetClock(func() time.Time) }{f.reg, f.progs, f.groups, f.svc} {
		s.SetClock(func() time.Time { return now })
	}
	card, err := ppi.ReadFile(path, "")
	if err != nil {
		t.Fatal(err)
	}
	card.Name = cardName
	if _, err := cards.Import(ctx, f.admin, card); err != nil {
		t.Fatal(err)
	}
	if f.card, err = cards.Get(ctx, cardName); err != nil {
		t.Fatal(err)
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
	f.district = mk("kecamatan", access.Facilitator, "32.04.05")
	f.far = mk("cilacap", access.Facilitator, "33.01")
	f.viewer = mk("pembaca", access.Viewer, "32.04")
	for i := range 12 {
		f.a = append(f.a, f.household("320405", villageA, i))
	}
	for i := range 8 {
		f.b = append(f.b, f.household("320406", villageB, i))
	}
	f.household("330101", "3301012001", 0) // outside the rounds' region
	return f
}

// household registers a household with its head: a man for even i, a woman
// for odd i, born (i+1)/01/1980.
func (f *fixture) household(district, village string, i int) string {
	f.t.Helper()
	day, sex := i+1, "L"
	if i%2 == 1 {
		day, sex = i+41, "P"
	}
	nik := fmt.Sprintf("%s%02d0180%04d", district, day, 1)
	p, err := f.reg.CreatePerson(f.ctx, f.admin, registry.PersonInput{NIK: nik, KK: fmt.Sprintf("%s120310%04d", district, i+1),
		Name: "Kepala " + nik[10:] + nik[6:8], Sex: sex, BirthDate: fmt.Sprintf("%02d/01/1980", i+1), Relationship: "kepala_keluarga",
		VillageCode: village, TargetGroup: "pemulung", Consent: "ya"})
	if err != nil {
		f.t.Fatalf("person %s: %v", nik, err)
	}
	f.nik[p.HouseholdID] = nik
	return p.HouseholdID
}

// round creates a round of the households of Kabupaten Bandung on the
// national line.
func (f *fixture) round(name, method string, size int, seed int64, baseline string) ppisurvey.Round {
	f.t.Helper()
	in := ppisurvey.RoundInput{Name: name, Scorecard: cardName, Lines: []string{"nl100", "ppp365_2017"}, Population: ppisurvey.RegionHeads,
		Region: "32.04", Method: method, Size: size, Seed: seed, BaselineID: baseline}
	if method == ppisurvey.Stratified {
		in.Strata, in.Allocation = ppisurvey.ByDistrict, "proportional"
	}
	r, err := f.svc.CreateRound(f.ctx, f.manager, in)
	if err != nil {
		f.t.Fatalf("round %s: %v", name, err)
	}
	if r, err = f.svc.DrawSample(f.ctx, f.manager, r.ID); err != nil {
		f.t.Fatalf("draw %s: %v", name, err)
	}
	return r
}

// The answer profiles used (2023 card, national line, Jawa Barat: Q1 "L",
// 2 points, filled from the registry):
//
//	poorest: Q2 E, Q3 B, Q4 C, Q5–Q10 B          score  2, likelihood 81.2007537945362%
//	middle:  Q2 C (9), Q3 A (6), rest poorest    score 17, likelihood 45.417298173387%
//	better:  Q2 B (15), Q3–Q5 A (6+7+8), rest    score 38, likelihood 7.65955477857778%
var (
	poorest = map[int]string{2: "E", 3: "B", 4: "C", 5: "B", 6: "B", 7: "B", 8: "B", 9: "B", 10: "B"}
	middle  = with(poorest, map[int]string{2: "C", 3: "A"})
	better  = with(poorest, map[int]string{2: "B", 3: "A", 4: "A", 5: "A"})
)

func with(base, over map[int]string) map[int]string {
	out := map[int]string{}
	for k, v := range base {
		out[k] = v
	}
	for k, v := range over {
		out[k] = v
	}
	return out
}

// interview records answers for a unit as the facilitator.
func (f *fixture) interview(unitID string, answers map[int]string) ppisurvey.Interview {
	f.t.Helper()
	iv, err := f.svc.RecordInterview(f.ctx, f.fac, unitID, ppisurvey.InterviewInput{Date: "20/11/2026", Answers: answers})
	if err != nil {
		f.t.Fatalf("interview %s: %v", unitID, err)
	}
	return iv
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
