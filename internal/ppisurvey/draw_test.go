package ppisurvey_test

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/audit"
	"github.com/berdaya/berdaya/internal/auth"
	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/dbtest"
	"github.com/berdaya/berdaya/internal/demo"
	"github.com/berdaya/berdaya/internal/group"
	"github.com/berdaya/berdaya/internal/ppi"
	"github.com/berdaya/berdaya/internal/ppisurvey"
	"github.com/berdaya/berdaya/internal/programme"
	"github.com/berdaya/berdaya/internal/region"
	"github.com/berdaya/berdaya/internal/registry"
)

// bandungVillages are the villages of Kabupaten Bandung (32.04), where the
// rounds of the tests are.
func bandungVillages(tb testing.TB) []region.Region {
	tb.Helper()
	all, err := region.Embedded()
	if err != nil {
		tb.Fatal(err)
	}
	var out []region.Region
	for _, r := range all {
		if r.Level == region.Village && strings.HasPrefix(r.Code, "32.04.") {
			out = append(out, r)
		}
	}
	return out
}

// TestFrameOneByOne checks the frame read in bulk against the frame read
// household by household (GetHousehold), for each kind of population, on
// generated families (members who are not the head, households without a
// registered head) beside the fixture's.
func TestFrameOneByOne(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		if _, err := f.reg.Import(f.ctx, f.admin, demo.NewRows(demo.NewGenerator(5, bandungVillages(t)), 150), registry.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		bf := f.newBranchFixture()
		in := []ppisurvey.RoundInput{
			{Population: ppisurvey.RegionHeads, Region: "32.04"},
			{Population: ppisurvey.RegionPersons, Region: "32.04"},
			{Population: ppisurvey.RegionHeads, Region: "32.04.05"},
			{Population: ppisurvey.GroupMembers, Region: "32.04", GroupIDs: []string{bf.groups[2].ID, bf.groups[0].ID, bf.groups[1].ID}},
			{Population: ppisurvey.GroupMembers, Region: "32.04.06", GroupIDs: []string{bf.groups[0].ID, bf.groups[1].ID}},
		}
		for i, ri := range in {
			ri.Name, ri.Scorecard, ri.Lines, ri.Method, ri.Size = fmt.Sprintf("Bingkai %d", i), cardName, []string{"nl100"}, ppisurvey.Simple, 5
			r, err := f.svc.CreateRound(f.ctx, f.manager, ri)
			if err != nil {
				t.Fatalf("round %d: %v", i, err)
			}
			for _, p := range []access.Principal{f.manager, f.district} {
				if !p.Covers(r.Region) {
					continue // DrawSample refuses it
				}
				got, err := f.svc.Frame(f.ctx, p, r.ID)
				if err != nil {
					t.Fatal(err)
				}
				want, err := f.svc.FrameOneByOne(f.ctx, p, r.ID)
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(got, want) || len(got) == 0 {
					t.Errorf("%s %s as %s: %d units in bulk, %d one by one", ri.Population, ri.Region, p.Username, len(got), len(want))
				}
				if !slices.IsSortedFunc(got, func(a, b ppisurvey.Unit) int { return strings.Compare(a.HouseholdID, b.HouseholdID) }) {
					t.Errorf("%s %s: frame not in household order", ri.Population, ri.Region)
				}
			}
		}
	})
}

// BenchmarkDraw draws a simple random sample of 400 from the heads of
// BENCH_DRAW_HOUSEHOLDS (default 20,000) generated households of Kabupaten
// Bandung, on SQLite: "draw" is DrawSample, "frame/bulk" the frame it reads
// (one registry read), "frame/one_by_one" the same frame read as it was
// before (a page of households after another, then one GetHousehold per
// household).
//
//	go test ./internal/ppisurvey/ -run '^$' -bench Draw -benchtime 3x
func BenchmarkDraw(b *testing.B) {
	path := needCard(b)
	households, err := strconv.Atoi(os.Getenv("BENCH_DRAW_HOUSEHOLDS"))
	if err != nil || households <= 0 {
		households = 20000
	}
	ctx := context.Background()
	d := dbtest.Open(b, db.SQLite)
	a := audit.NewService(d)
	rs := region.NewService(d)
	au := auth.NewService(d, a, rs)
	org, u, err := au.Bootstrap(ctx, "Koperasi Uji", auth.NewUser{Username: "admin", Password: "rahasia-admin-1"})
	if err != nil {
		b.Fatal(err)
	}
	admin := u.Principal(org)
	reg := registry.NewService(d, a, rs)
	progs := programme.NewService(d, a, rs, reg)
	cards := ppi.NewService(d, a)
	svc := ppisurvey.NewService(d, a, reg, group.NewService(d, a, rs, reg, progs), progs, cards)
	card, err := ppi.ReadFile(path, "")
	if err != nil {
		b.Fatal(err)
	}
	card.Name = cardName
	if _, err := cards.Import(ctx, admin, card); err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	res, err := reg.Import(ctx, admin, demo.NewRows(demo.NewGenerator(1, bandungVillages(b)), households), registry.ImportOptions{})
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("%d households, %d persons imported in %s", households, res.Imported, time.Since(start).Round(time.Millisecond))
	n := 0
	round := func(b *testing.B) string {
		n++
		r, err := svc.CreateRound(ctx, admin, ppisurvey.RoundInput{Name: fmt.Sprintf("Survei %d", n), Scorecard: cardName, Lines: []string{"nl100"},
			Population: ppisurvey.RegionHeads, Region: "32.04", Method: ppisurvey.Simple, Size: 400, Seed: 7})
		if err != nil {
			b.Fatal(err)
		}
		return r.ID
	}
	b.Run("draw", func(b *testing.B) {
		for range b.N {
			b.StopTimer()
			id := round(b)
			b.StartTimer()
			r, err := svc.DrawSample(ctx, admin, id)
			if err != nil || r.PopulationSize == 0 {
				b.Fatalf("draw: %d households, %v", r.PopulationSize, err)
			}
		}
	})
	id := round(b)
	for _, c := range []struct {
		name  string
		frame func(context.Context, access.Principal, string) ([]ppisurvey.Unit, error)
	}{{"frame/bulk", svc.Frame}, {"frame/one_by_one", svc.FrameOneByOne}} {
		b.Run(c.name, func(b *testing.B) {
			for range b.N {
				units, err := c.frame(ctx, admin, id)
				if err != nil || len(units) == 0 {
					b.Fatalf("frame: %d units, %v", len(units), err)
				}
			}
		})
	}
}
