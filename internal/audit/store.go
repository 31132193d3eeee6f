package audit

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/berdaya/berdaya/internal/db"
)

type store struct{ db *db.DB }

const entryColumns = "org_id, seq, id, at, actor_id, actor_name, action, entity, entity_id, region_code, before_json, after_json, prev_hash, hash"

// head returns the last sequence number and hash of org's chain, locking it
// (on PostgreSQL) until tx ends so that appends are serialised.
func (s store) head(ctx context.Context, tx *sql.Tx, orgID string) (int64, string, error) {
	var seq int64
	var hash string
	err := tx.QueryRowContext(ctx, "SELECT seq, hash FROM audit_heads WHERE org_id = $1"+s.db.ForUpdate(), orgID).Scan(&seq, &hash)
	if errors.Is(err, sql.ErrNoRows) {
		_, err = tx.ExecContext(ctx, "INSERT INTO audit_heads (org_id, seq, hash) VALUES ($1, 0, $2)", orgID, genesis)
		return 0, genesis, err
	}
	return seq, hash, err
}

func (s store) append(ctx context.Context, tx *sql.Tx, e Entry) error {
	_, err := tx.ExecContext(ctx, "INSERT INTO audit_log ("+entryColumns+") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)",
		e.OrgID, e.Seq, e.ID, e.At, e.ActorID, e.ActorName, e.Action, e.Entity, e.EntityID, e.RegionCode, e.Before, e.After, e.PrevHash, e.Hash)
	if err != nil {
		return fmt.Errorf("audit append: %w", err)
	}
	_, err = tx.ExecContext(ctx, "UPDATE audit_heads SET seq = $1, hash = $2 WHERE org_id = $3", e.Seq, e.Hash, e.OrgID)
	return err
}

func scanEntry(rows db.Scanner) (Entry, error) {
	var e Entry
	err := rows.Scan(&e.OrgID, &e.Seq, &e.ID, &e.At, &e.ActorID, &e.ActorName, &e.Action, &e.Entity, &e.EntityID,
		&e.RegionCode, &e.Before, &e.After, &e.PrevHash, &e.Hash)
	e.At = e.At.UTC()
	return e, err
}

// chainHead is an organisation's recorded chain head; found is false when the
// organisation has entries or exists but its head row is missing.
type chainHead struct {
	seq   int64
	hash  string
	found bool
}

// heads returns a head for every organisation that has one, has audit entries,
// or exists at all, so that removing a head row cannot hide a chain from Verify.
func (s store) heads(ctx context.Context) (map[string]chainHead, error) {
	out := map[string]chainHead{}
	rows, err := s.db.Reader().QueryContext(ctx,
		"SELECT id FROM orgs UNION SELECT org_id FROM audit_heads UNION SELECT DISTINCT org_id FROM audit_log")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var org string
		if err := rows.Scan(&org); err != nil {
			return nil, err
		}
		out[org] = chainHead{}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	hr, err := s.db.Reader().QueryContext(ctx, "SELECT org_id, seq, hash FROM audit_heads")
	if err != nil {
		return nil, err
	}
	defer hr.Close()
	for hr.Next() {
		var org string
		var h chainHead
		if err := hr.Scan(&org, &h.seq, &h.hash); err != nil {
			return nil, err
		}
		h.found = true
		out[org] = h
	}
	return out, hr.Err()
}

// walk calls fn with every entry of org in sequence order, streaming.
func (s store) walk(ctx context.Context, orgID string, fn func(Entry) error) error {
	rows, err := s.db.Reader().QueryContext(ctx, "SELECT "+entryColumns+" FROM audit_log WHERE org_id = $1 ORDER BY seq", orgID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return err
		}
		if err := fn(e); err != nil {
			return err
		}
	}
	return rows.Err()
}

func (s store) list(ctx context.Context, orgID string, f Filter) ([]Entry, error) {
	where := []string{"org_id = $1"}
	args := []any{orgID}
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, fmt.Sprintf(cond, len(args)))
	}
	if f.Entity != "" {
		add("entity = $%d", f.Entity)
	}
	if f.EntityID != "" {
		add("entity_id = $%d", f.EntityID)
	}
	if f.Actor != "" {
		add("actor_name = $%d", f.Actor)
	}
	if f.Action != "" {
		add("action = $%d", f.Action)
	}
	if !f.From.IsZero() {
		add("at >= $%d", f.From.UTC())
	}
	if !f.To.IsZero() {
		add("at < $%d", f.To.UTC())
	}
	if f.BeforeSeq > 0 {
		add("seq < $%d", f.BeforeSeq)
	}
	if f.Scope != "" {
		args = append(args, f.Scope, f.Scope+".%")
		where = append(where, fmt.Sprintf("(region_code = $%d OR region_code LIKE $%d)", len(args)-1, len(args)))
	}
	args = append(args, f.Limit)
	q := "SELECT " + entryColumns + " FROM audit_log WHERE " + strings.Join(where, " AND ") +
		fmt.Sprintf(" ORDER BY seq DESC LIMIT $%d", len(args))
	return db.Query(ctx, s.db.Reader(), scanEntry, q, args...)
}
