package registry_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/dbtest"
	"github.com/berdaya/berdaya/internal/demo"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/region"
	"github.com/berdaya/berdaya/internal/registry"
)

// headsOneByOne is what HouseholdHeads must agree with: GetHousehold for each
// household, its first member and its first head.
func headsOneByOne(t *testing.T, f *fixture, p access.Principal, ids []string) []registry.HouseholdHead {
	t.Helper()
	out := []registry.HouseholdHead{}
	for _, id := range ids {
		det, err := f.reg.GetHousehold(f.ctx, p, id)
		if errs.CodeOf(err) == errs.NotFound || (err == nil && len(det.Members) == 0) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		h := registry.HouseholdHead{ID: id, VillageCode: det.Household.VillageCode, FirstMemberID: det.Members[0].ID}
		if i := slices.IndexFunc(det.Members, func(m registry.Person) bool { return m.Relationship == registry.Head }); i >= 0 {
			h.HeadID, h.HeadSex = det.Members[i].ID, det.Members[i].Sex
		}
		out = append(out, h)
	}
	return out
}

func TestHouseholdHeads(t *testing.T) {
	all, err := region.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	var villages []region.Region
	for _, r := range all {
		if r.Level == region.Village && (strings.HasPrefix(r.Code, "32.04.05.") || strings.HasPrefix(r.Code, "32.01.01.")) {
			villages = append(villages, r)
		}
	}
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		res, err := f.reg.Import(f.ctx, f.admin, demo.NewRows(demo.NewGenerator(3, villages), 120), registry.ImportOptions{})
		if err != nil || res.Imported == 0 {
			t.Fatalf("import %+v: %v", res, err)
		}
		// A household whose only member is merged away has no live member;
		// one whose head is merged away has no head.
		alone, err := f.reg.CreatePerson(f.ctx, f.admin, siti())
		if err != nil {
			t.Fatal(err)
		}
		keep := siti()
		keep.NIK, keep.KK, keep.Relationship = "3204054107850011", "3204051203100009", "kepala_keluarga"
		kept, err := f.reg.CreatePerson(f.ctx, f.admin, keep)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.reg.Merge(f.ctx, f.admin, kept.ID, alone.ID); err != nil {
			t.Fatal(err)
		}
		var ids []string
		for page := 1; ; page++ {
			pg, err := f.reg.ListHouseholds(f.ctx, f.admin, registry.HouseholdFilter{Page: page, PerPage: registry.MaxPerPage})
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range pg.Items {
				ids = append(ids, h.ID)
			}
			if len(pg.Items) < registry.MaxPerPage {
				break
			}
		}
		slices.Sort(ids)

		got, err := f.reg.HouseholdHeads(f.ctx, f.admin, "", nil)
		if err != nil {
			t.Fatal(err)
		}
		want := headsOneByOne(t, f, f.admin, ids)
		if !slices.Equal(got, want) {
			t.Fatalf("HouseholdHeads differs from GetHousehold one by one:\n got %d %+v\nwant %d %+v", len(got), got[:min(3, len(got))], len(want), want[:min(3, len(want))])
		}
		if len(got) != len(ids)-1 || slices.ContainsFunc(got, func(h registry.HouseholdHead) bool { return h.ID == alone.HouseholdID }) {
			t.Errorf("%d households of %d, want all but the one without a live member", len(got), len(ids))
		}
		i := slices.IndexFunc(got, func(h registry.HouseholdHead) bool { return h.ID == kept.HouseholdID })
		if i < 0 || got[i].HeadID != kept.ID || got[i].HeadSex != registry.Female || got[i].FirstMemberID != kept.ID {
			t.Errorf("kept household = %+v", got)
		}
		heads := 0
		for _, h := range got {
			if h.HeadID != "" {
				heads++
			}
		}
		if heads < len(got)/2 {
			t.Errorf("only %d of %d households have a head", heads, len(got))
		}

		// Scope and region narrow the households in SQL.
		regional, err := f.reg.HouseholdHeads(f.ctx, f.regional, "", nil)
		if err != nil {
			t.Fatal(err)
		}
		if want := headsOneByOne(t, f, f.regional, ids); !slices.Equal(regional, want) || len(regional) == 0 || len(regional) == len(got) {
			t.Errorf("scope 32.04: %d households, want %d of %d", len(regional), len(want), len(got))
		}
		for _, h := range regional {
			if !strings.HasPrefix(h.VillageCode, "32.04.") {
				t.Errorf("out of scope: %+v", h)
			}
		}
		if out, err := f.reg.HouseholdHeads(f.ctx, f.regional, "32.01", nil); err != nil || len(out) != 0 {
			t.Errorf("region outside the scope: %d households, %v", len(out), err)
		}
		district, err := f.reg.HouseholdHeads(f.ctx, f.admin, "32.04.05", nil)
		if err != nil || !slices.Equal(district, regional) {
			t.Errorf("region 32.04.05: %d households, want %d: %v", len(district), len(regional), err)
		}

		// A list of IDs: unknown, out of scope and empty ones are absent.
		some := []string{got[0].ID, got[len(got)-1].ID, "no-such-id", alone.HouseholdID}
		picked, err := f.reg.HouseholdHeads(f.ctx, f.admin, "", some)
		if err != nil || !slices.Equal(picked, []registry.HouseholdHead{got[0], got[len(got)-1]}) {
			t.Errorf("by IDs = %+v, %v", picked, err)
		}
		if out, err := f.reg.HouseholdHeads(f.ctx, f.admin, "", []string{}); err != nil || len(out) != 0 {
			t.Errorf("no IDs: %d households, %v", len(out), err)
		}
		if _, err := f.reg.HouseholdHeads(f.ctx, access.Principal{OrgID: f.admin.OrgID}, "", nil); err == nil {
			t.Error("read without a user's permission")
		}
	})
}
