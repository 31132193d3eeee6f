package audit_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/audit"
	"github.com/berdaya/berdaya/internal/auth"
	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/dbtest"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/region"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// chain is a database with one organisation whose audit chain has 2 bootstrap
// entries followed by the changes recorded here.
type chain struct {
	t     *testing.T
	ctx   context.Context
	d     *db.DB
	audit *audit.Service
	org   auth.Org
	admin access.Principal
}

func newChain(t *testing.T, d *db.DB) *chain {
	t.Helper()
	ctx := context.Background()
	a := audit.NewService(d)
	org, u, err := auth.NewService(d, a, region.NewService(d)).Bootstrap(ctx, "Yayasan Uji",
		auth.NewUser{Username: "admin", Password: "rahasia-admin-1"})
	if err != nil {
		t.Fatal(err)
	}
	return &chain{t: t, ctx: ctx, d: d, audit: a, org: org, admin: u.Principal(org)}
}

// record appends changes in one transaction.
func (c *chain) record(changes ...audit.Change) {
	c.t.Helper()
	err := c.d.Tx(c.ctx, func(tx *sql.Tx) error {
		for _, ch := range changes {
			ch.OrgID = c.org.ID
			if err := c.audit.Record(c.ctx, tx, ch); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		c.t.Fatal(err)
	}
}

type group struct {
	Name  string `json:"name"`
	Saldo int64  `json:"saldo"`
}

// fill records six changes in three transactions; with the bootstrap entries the
// chain has seq 1..8.
func (c *chain) fill() {
	c.t.Helper()
	c.record(
		audit.Change{ActorID: "u1", ActorName: "siti", Action: "create", Entity: "group", EntityID: "g1", RegionCode: "32.04.05.2001", After: group{"Mawar", 0}},
		audit.Change{ActorID: "u1", ActorName: "siti", Action: "create", Entity: "group", EntityID: "g2", RegionCode: "33.01.01.2001", After: group{"Melati", 0}},
	)
	c.record(audit.Change{ActorID: "u1", ActorName: "siti", Action: "update", Entity: "group", EntityID: "g1", RegionCode: "32.04.05.2001",
		Before: group{"Mawar", 0}, After: group{"Mawar", 150000}})
	c.record(
		audit.Change{ActorID: "u2", ActorName: "budi", Action: "create", Entity: "group", EntityID: "g3", RegionCode: "32.04", After: group{"Anggrek", 0}},
		audit.Change{ActorID: "u2", ActorName: "budi", Action: "update", Entity: "group", EntityID: "g2", RegionCode: "33.01.01.2001",
			Before: group{"Melati", 0}, After: group{"Melati", 5000}},
		audit.Change{ActorID: "u2", ActorName: "budi", Action: "create", Entity: "group", EntityID: "g4", RegionCode: "32.040", After: group{"Tipuan", 0}},
	)
}

func (c *chain) verify() audit.Report {
	c.t.Helper()
	rep, err := c.audit.Verify(c.ctx)
	if err != nil {
		c.t.Fatal(err)
	}
	return rep
}

// exec runs one statement in a write transaction.
func (c *chain) exec(query string, args ...any) error {
	return c.d.Tx(c.ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(c.ctx, query, args...)
		return err
	})
}

// dropGuards removes the append-only triggers, as an attacker with direct
// database access could.
func (c *chain) dropGuards() {
	c.t.Helper()
	stmts := []string{"DROP TRIGGER audit_log_no_update", "DROP TRIGGER audit_log_no_delete"}
	if c.d.Dialect() == db.Postgres {
		stmts = []string{"DROP TRIGGER audit_log_no_change ON audit_log"}
	}
	for _, s := range stmts {
		if err := c.exec(s); err != nil {
			c.t.Fatalf("%s: %v", s, err)
		}
	}
}

// wantBreak fails unless rep has exactly one break, in the test org, at seq.
func (c *chain) wantBreak(rep audit.Report, seq int64, reason string) {
	c.t.Helper()
	if rep.OK() || len(rep.Breaks) != 1 {
		c.t.Fatalf("want one break at %d, got %+v", seq, rep)
	}
	b := rep.Breaks[0]
	if b.OrgID != c.org.ID || b.Seq != seq || !strings.Contains(b.Reason, reason) {
		c.t.Errorf("break = %+v, want seq %d reason containing %q", b, seq, reason)
	}
}

func TestChainVerifies(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		c := newChain(t, d)
		if rep := c.verify(); !rep.OK() || rep.Orgs != 1 || rep.Entries != 2 {
			t.Errorf("after bootstrap: %+v", rep)
		}
		c.fill()
		rep := c.verify()
		if !rep.OK() || rep.Orgs != 1 || rep.Entries != 8 || len(rep.Breaks) != 0 {
			t.Errorf("after fill: %+v", rep)
		}

		entries, err := c.audit.List(c.ctx, c.admin, audit.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != 8 {
			t.Fatalf("List = %d entries, want 8", len(entries))
		}
		// Newest first, sequence without gaps, each linked to the one before.
		for i, e := range entries {
			if e.Seq != int64(8-i) {
				t.Errorf("entry %d has seq %d", i, e.Seq)
			}
			if e.Hash != audit.ComputeHash(e) {
				t.Errorf("entry %d: hash does not match content", e.Seq)
			}
			if i+1 < len(entries) && e.PrevHash != entries[i+1].Hash {
				t.Errorf("entry %d: prev_hash does not link to %d", e.Seq, entries[i+1].Seq)
			}
			if e.OrgID != c.org.ID || e.ID == "" || e.At.IsZero() || e.At.Location().String() != "UTC" {
				t.Errorf("entry %+v", e)
			}
		}
		if entries[7].PrevHash != "" {
			t.Errorf("first entry's prev_hash = %q, want empty", entries[7].PrevHash)
		}
		upd := entries[3] // seq 5: siti's update of g1
		if upd.Seq != 5 || upd.Action != "update" || upd.Before != `{"name":"Mawar","saldo":0}` || upd.After != `{"name":"Mawar","saldo":150000}` ||
			upd.ActorID != "u1" || upd.ActorName != "siti" || upd.RegionCode != "32.04.05.2001" {
			t.Errorf("update entry = %+v", upd)
		}

		// Filters. The entries were recorded just now (the audit clock is real).
		hourAgo, inAnHour := time.Now().Add(-time.Hour), time.Now().Add(time.Hour)
		for _, tc := range []struct {
			f    audit.Filter
			want []int64
		}{
			{audit.Filter{Entity: "group", EntityID: "g1"}, []int64{5, 3}},
			{audit.Filter{Actor: "budi"}, []int64{8, 7, 6}},
			{audit.Filter{Action: "update", Entity: "group"}, []int64{7, 5}},
			{audit.Filter{Limit: 2}, []int64{8, 7}},
			{audit.Filter{BeforeSeq: 3, Limit: 5}, []int64{2, 1}},
			{audit.Filter{From: hourAgo, To: inAnHour, Actor: "siti"}, []int64{5, 4, 3}},
			{audit.Filter{From: inAnHour}, nil},
			{audit.Filter{To: hourAgo}, nil},
		} {
			got, err := c.audit.List(c.ctx, c.admin, tc.f)
			if err != nil {
				t.Fatal(err)
			}
			if s := seqs(got); !equal(s, tc.want) {
				t.Errorf("List(%+v) = %v, want %v", tc.f, s, tc.want)
			}
		}
	})
}

func seqs(entries []audit.Entry) []int64 {
	var out []int64
	for _, e := range entries {
		out = append(out, e.Seq)
	}
	return out
}

func equal(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestRecordRollsBackWithTheChange(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		c := newChain(t, d)
		err := d.Tx(c.ctx, func(tx *sql.Tx) error {
			if err := c.audit.Record(c.ctx, tx, audit.Change{OrgID: c.org.ID, ActorName: "siti", Action: "create", Entity: "group", EntityID: "g1"}); err != nil {
				return err
			}
			return errs.New(errs.Invalid, "err.invalid")
		})
		if errs.CodeOf(err) != errs.Invalid {
			t.Fatalf("tx error = %v", err)
		}
		// The entry and the head moved back together: the next entry is seq 3.
		c.record(audit.Change{ActorName: "siti", Action: "create", Entity: "group", EntityID: "g2"})
		rep := c.verify()
		if !rep.OK() || rep.Entries != 3 {
			t.Errorf("Verify = %+v", rep)
		}
		got, _ := c.audit.List(c.ctx, c.admin, audit.Filter{Limit: 1})
		if len(got) != 1 || got[0].Seq != 3 || got[0].EntityID != "g2" {
			t.Errorf("newest = %+v", got)
		}
	})
}

func TestAppendOnlyTriggers(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		c := newChain(t, d)
		c.fill()
		err := c.exec("UPDATE audit_log SET after_json = $1 WHERE org_id = $2 AND seq = $3", `{"name":"Mawar","saldo":1}`, c.org.ID, 5)
		if err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("UPDATE audit_log: %v, want the append-only refusal", err)
		}
		err = c.exec("DELETE FROM audit_log WHERE org_id = $1 AND seq = $2", c.org.ID, 8)
		if err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("DELETE audit_log: %v, want the append-only refusal", err)
		}
		if rep := c.verify(); !rep.OK() || rep.Entries != 8 {
			t.Errorf("after refused tampering: %+v", rep)
		}
	})
}

func TestTamperChangedRow(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		c := newChain(t, d)
		c.fill()
		c.dropGuards()
		if err := c.exec("UPDATE audit_log SET after_json = $1 WHERE org_id = $2 AND seq = $3", `{"name":"Mawar","saldo":1}`, c.org.ID, 5); err != nil {
			t.Fatal(err)
		}
		rep := c.verify()
		c.wantBreak(rep, 5, "content does not match")
		if rep.Entries != 8 {
			t.Errorf("entries = %d, want 8", rep.Entries)
		}
	})
}

func TestTamperChangedRowRehashed(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		c := newChain(t, d)
		c.fill()
		c.dropGuards()
		// A cleverer attacker also fixes the row's own hash: the next row's link breaks.
		entries, err := c.audit.List(c.ctx, c.admin, audit.Filter{BeforeSeq: 6, Limit: 1})
		if err != nil || len(entries) != 1 || entries[0].Seq != 5 {
			t.Fatalf("entry 5: %+v, %v", entries, err)
		}
		e := entries[0]
		e.After = `{"name":"Mawar","saldo":1}`
		e.Hash = audit.ComputeHash(e)
		if err := c.exec("UPDATE audit_log SET after_json = $1, hash = $2 WHERE org_id = $3 AND seq = $4", e.After, e.Hash, c.org.ID, e.Seq); err != nil {
			t.Fatal(err)
		}
		c.wantBreak(c.verify(), 6, "previous-hash link")
	})
}

func TestTamperDeletedMiddleRow(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		c := newChain(t, d)
		c.fill()
		c.dropGuards()
		if err := c.exec("DELETE FROM audit_log WHERE org_id = $1 AND seq = $2", c.org.ID, 4); err != nil {
			t.Fatal(err)
		}
		rep := c.verify()
		c.wantBreak(rep, 5, "sequence jumps from 3 to 5")
		if rep.Entries != 7 {
			t.Errorf("entries = %d, want 7", rep.Entries)
		}
	})
}

func TestTamperDeletedFirstRow(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		c := newChain(t, d)
		c.fill()
		c.dropGuards()
		if err := c.exec("DELETE FROM audit_log WHERE org_id = $1 AND seq = $2", c.org.ID, 1); err != nil {
			t.Fatal(err)
		}
		c.wantBreak(c.verify(), 2, "sequence jumps from 0 to 2")
	})
}

func TestTamperDeletedLastRow(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		c := newChain(t, d)
		c.fill()
		c.dropGuards()
		if err := c.exec("DELETE FROM audit_log WHERE org_id = $1 AND seq = $2", c.org.ID, 8); err != nil {
			t.Fatal(err)
		}
		rep := c.verify()
		c.wantBreak(rep, 7, "head says 8")
		if rep.Entries != 7 {
			t.Errorf("entries = %d, want 7", rep.Entries)
		}
	})
}

func TestTamperOnlyBreaksItsOwnOrg(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		c := newChain(t, d)
		c.fill()
		// A second organisation with its own chain of 2.
		a := audit.NewService(d)
		if _, _, err := auth.NewService(d, a, region.NewService(d)).Bootstrap(c.ctx, "Lain", auth.NewUser{Username: "lain", Password: "rahasia-lain"}); err != nil {
			t.Fatal(err)
		}
		if rep := c.verify(); !rep.OK() || rep.Orgs != 2 || rep.Entries != 10 {
			t.Fatalf("two orgs: %+v", rep)
		}
		c.dropGuards()
		if err := c.exec("UPDATE audit_log SET actor_name = $1 WHERE org_id = $2 AND seq = $3", "bukan-siti", c.org.ID, 3); err != nil {
			t.Fatal(err)
		}
		rep := c.verify()
		c.wantBreak(rep, 3, "content does not match")
		if rep.Orgs != 2 || rep.Entries != 10 {
			t.Errorf("report = %+v", rep)
		}
	})
}

func TestListScope(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		c := newChain(t, d)
		c.fill()
		ctx := c.ctx
		mk := func(role access.Role, scope string) access.Principal {
			p := c.admin
			p.UserID, p.Username, p.Role, p.Scope = "x-"+string(role)+scope, "x", role, scope
			return p
		}
		for _, tc := range []struct {
			scope string
			want  []int64
		}{
			{"", []int64{8, 7, 6, 5, 4, 3, 2, 1}},
			{"32", []int64{8, 6, 5, 3}}, // "32.040" is below "32" but not below "32.04"
			{"32.04", []int64{6, 5, 3}},
			{"32.04.05", []int64{5, 3}},
			{"32.04.05.2001", []int64{5, 3}},
			{"33.01", []int64{7, 4}},
			{"35", nil},
		} {
			got, err := c.audit.List(ctx, mk(access.Admin, tc.scope), audit.Filter{})
			if err != nil {
				t.Fatal(err)
			}
			if s := seqs(got); !equal(s, tc.want) {
				t.Errorf("scope %q sees %v, want %v", tc.scope, s, tc.want)
			}
			for _, e := range got {
				if !region.InScope(tc.scope, e.RegionCode) {
					t.Errorf("scope %q sees entry at %q", tc.scope, e.RegionCode)
				}
			}
		}
		// The caller's scope cannot be widened through the filter.
		got, err := c.audit.List(ctx, mk(access.Admin, "33.01"), audit.Filter{Scope: ""})
		if err != nil || !equal(seqs(got), []int64{7, 4}) {
			t.Errorf("filter scope override: %v, %v", seqs(got), err)
		}
		// Only roles with audit.read may read it.
		for _, role := range []access.Role{access.Viewer, access.Manager, access.Facilitator, access.Treasurer} {
			if _, err := c.audit.List(ctx, mk(role, ""), audit.Filter{}); errs.CodeOf(err) != errs.Forbidden {
				t.Errorf("%s: %v, want forbidden", role, err)
			}
		}
		if _, err := c.audit.List(ctx, access.Principal{OrgID: c.org.ID}, audit.Filter{}); errs.CodeOf(err) != errs.Unauthorized {
			t.Errorf("no user: %v, want unauthorized", err)
		}
		// Another organisation sees none of these entries.
		other := mk(access.Admin, "")
		other.OrgID = "00000000-0000-0000-0000-000000000000"
		if got, err := c.audit.List(ctx, other, audit.Filter{}); err != nil || len(got) != 0 {
			t.Errorf("other org sees %v, %v", seqs(got), err)
		}
	})
}

// Removing an organisation's head row must not make its chain disappear from
// Verify (audit_heads has no trigger: each append updates it).
func TestTamperRemovedHead(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		c := newChain(t, d)
		c.fill()
		if err := c.exec("DELETE FROM audit_heads WHERE org_id = $1", c.org.ID); err != nil {
			t.Fatal(err)
		}
		c.wantBreak(c.verify(), 0, "head is missing")
	})
}
