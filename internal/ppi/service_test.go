package ppi_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/audit"
	"github.com/berdaya/berdaya/internal/auth"
	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/dbtest"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/ppi"
	"github.com/berdaya/berdaya/internal/region"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

type fixture struct {
	ctx           context.Context
	svc           *ppi.Service
	admin, viewer access.Principal
	db            *db.DB
}

func newFixture(t *testing.T, d *db.DB) *fixture {
	t.Helper()
	ctx := context.Background()
	a := audit.NewService(d)
	au := auth.NewService(d, a, region.NewService(d))
	org, u, err := au.Bootstrap(ctx, "Koperasi Uji", auth.NewUser{Username: "admin", Password: "rahasia-admin-1"})
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{ctx: ctx, svc: ppi.NewService(d, a), admin: u.Principal(org), db: d}
	v, err := au.CreateUser(ctx, f.admin, auth.NewUser{Username: "pembaca", Password: "sandi-pembaca", Role: access.Viewer})
	if err != nil {
		t.Fatal(err)
	}
	f.viewer = v.Principal(org)
	return f
}

// TestServiceRoundTrip imports every card and reads it back unchanged from
// the database, every likelihood bit for bit.
func TestServiceRoundTrip(t *testing.T) {
	needData(t)
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		if _, err := f.svc.Get(f.ctx, "IDN 2023"); errs.CodeOf(err) != errs.NotFound || err.(*errs.Error).Msg != "ppi.none" {
			t.Fatalf("Get on an empty catalogue = %v, want the where-to-get-one message", err)
		}
		for _, year := range editions {
			card := loadCSV(t, year)
			res, err := f.svc.Import(f.ctx, f.admin, card)
			if err != nil || res.Unchanged || res.Card.Name != "IDN "+year || res.Card.Questions != 10 {
				t.Fatalf("import %s = %+v, %v", year, res, err)
			}
			got, err := f.svc.Get(f.ctx, card.Name)
			if err != nil {
				t.Fatal(err)
			}
			card.ID = got.ID
			if !reflect.DeepEqual(got, card) {
				reportDiff(t, got, card)
			}
		}
		list, err := f.svc.List(f.ctx)
		if err != nil || len(list) != 4 || list[0].Name != "IDN 2023" || len(list[0].Lines) != 9 || len(list[2].Lines) != 11 {
			t.Fatalf("List = %+v, %v", list, err)
		}
		if _, err := f.svc.Get(f.ctx, "IDN 1999"); errs.CodeOf(err) != errs.NotFound || err.(*errs.Error).Msg != "ppi.err.not_found" {
			t.Errorf("Get unknown = %v", err)
		}
		score, pct, err := f.svc.Score(f.ctx, "IDN 2023", "nl100", map[int]string{1: "K", 2: "E", 3: "A", 4: "C", 5: "A", 6: "B", 7: "B", 8: "A", 9: "A", 10: "B"})
		want := publishedLookup(t, dataDir, "2023")["nl100"][11+0+6+0+8+0+0+9+7+0]
		if err != nil || score != 41 || pct != want {
			t.Errorf("Score = %d, %v, %v; want 41, %v", score, pct, err, want)
		}
	})
}

// TestImportRules: re-importing is harmless, a changed card under a taken
// name is refused, only an administrator imports, and the import is audited.
func TestImportRules(t *testing.T) {
	needData(t)
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		card := loadCSV(t, "2012")
		if _, err := f.svc.Import(f.ctx, f.viewer, card); errs.CodeOf(err) != errs.Forbidden {
			t.Fatalf("viewer import = %v, want forbidden", err)
		}
		first, err := f.svc.Import(f.ctx, f.admin, card)
		if err != nil {
			t.Fatal(err)
		}
		again, err := f.svc.Import(f.ctx, f.admin, card)
		if err != nil || !again.Unchanged || again.Card.ID != first.Card.ID {
			t.Fatalf("re-import = %+v, %v", again, err)
		}
		changed := loadCSV(t, "2012")
		changed.Lines[0].Percent[50] = 1
		if _, err := f.svc.Import(f.ctx, f.admin, changed); errs.CodeOf(err) != errs.Conflict {
			t.Fatalf("changed card under the same name = %v, want conflict", err)
		}
		changed.Name = "IDN 2012 koreksi"
		if _, err := f.svc.Import(f.ctx, f.admin, changed); err != nil {
			t.Fatalf("changed card under a new name = %v", err)
		}
		var n int
		err = d.Reader().QueryRowContext(f.ctx, "SELECT COUNT(*) FROM audit_log WHERE org_id = $1 AND entity = 'ppi_scorecard' AND action = 'import'", f.admin.OrgID).Scan(&n)
		if err != nil || n != 2 {
			t.Errorf("audit entries = %d, %v; want 2 (re-import adds none)", n, err)
		}
	})
}
