package audit

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/db"
	"github.com/google/uuid"
)

// Service appends to and reads the audit log.
type Service struct {
	store store
	now   func() time.Time
}

// NewService returns the audit service over d.
func NewService(d *db.DB) *Service {
	return &Service{store: store{db: d}, now: time.Now}
}

// Record appends c to its organisation's chain inside the caller's transaction,
// so that the change and its audit entry commit or fail together.
func (s *Service) Record(ctx context.Context, tx *sql.Tx, c Change) error {
	before, err := snapshot(c.Before)
	if err != nil {
		return fmt.Errorf("audit before: %w", err)
	}
	after, err := snapshot(c.After)
	if err != nil {
		return fmt.Errorf("audit after: %w", err)
	}
	seq, prev, err := s.store.head(ctx, tx, c.OrgID)
	if err != nil {
		return fmt.Errorf("audit head: %w", err)
	}
	e := Entry{
		OrgID: c.OrgID, Seq: seq + 1, ID: uuid.Must(uuid.NewV7()).String(),
		// PostgreSQL keeps microseconds; the hash must survive the round trip.
		At:      s.now().UTC().Truncate(time.Microsecond),
		ActorID: c.ActorID, ActorName: c.ActorName, Action: c.Action, Entity: c.Entity,
		EntityID: c.EntityID, RegionCode: c.RegionCode, Before: before, After: after, PrevHash: prev,
	}
	e.Hash = ComputeHash(e)
	return s.store.append(ctx, tx, e)
}

// Verify walks every organisation's chain and reports each break: an entry whose
// hash does not match its content, a gap or reordering in the sequence, or a head
// that does not match the last entry (a removed tail).
func (s *Service) Verify(ctx context.Context) (Report, error) {
	heads, err := s.store.heads(ctx)
	if err != nil {
		return Report{}, err
	}
	var rep Report
	for _, org := range slices.Sorted(maps.Keys(heads)) {
		head := heads[org]
		rep.Orgs++
		if !head.found {
			rep.Breaks = append(rep.Breaks, Break{OrgID: org, Reason: "the chain head is missing (audit_heads row removed)"})
			continue
		}
		if err := s.verifyOrg(ctx, org, head.seq, head.hash, &rep); err != nil {
			return rep, err
		}
	}
	return rep, nil
}

func (s *Service) verifyOrg(ctx context.Context, org string, headSeq int64, headHash string, rep *Report) error {
	var seq int64
	prev := genesis
	broken := false
	err := s.store.walk(ctx, org, func(e Entry) error {
		rep.Entries++
		reason := ""
		switch {
		case e.Seq != seq+1:
			reason = fmt.Sprintf("sequence jumps from %d to %d (entries removed)", seq, e.Seq)
		case e.PrevHash != prev:
			reason = "previous-hash link does not match"
		case ComputeHash(e) != e.Hash:
			reason = "content does not match its hash (entry changed)"
		}
		if reason != "" && !broken {
			rep.Breaks = append(rep.Breaks, Break{OrgID: org, Seq: e.Seq, Reason: reason})
			broken = true // report the first break per chain; the rest follows from it
		}
		seq, prev = e.Seq, e.Hash
		return nil
	})
	if err != nil {
		return err
	}
	if !broken && (seq != headSeq || prev != headHash) {
		rep.Breaks = append(rep.Breaks, Break{OrgID: org, Seq: seq, Reason: fmt.Sprintf("chain ends at %d but its head says %d (entries removed)", seq, headSeq)})
	}
	return nil
}

// MaxList caps one page of the audit list.
const MaxList = 200

// List returns the newest entries of p's organisation matching f, limited to
// p's region scope.
func (s *Service) List(ctx context.Context, p access.Principal, f Filter) ([]Entry, error) {
	if err := p.Require(access.ReadAudit); err != nil {
		return nil, err
	}
	f.Scope = p.Scope
	if f.Limit <= 0 || f.Limit > MaxList {
		f.Limit = MaxList
	}
	return s.store.list(ctx, p.OrgID, f)
}

// ListFor returns the newest entries about one record. The caller's service has
// already checked that the principal may see that record.
func (s *Service) ListFor(ctx context.Context, orgID, entity, entityID string, limit int) ([]Entry, error) {
	if limit <= 0 || limit > MaxList {
		limit = MaxList
	}
	return s.store.list(ctx, orgID, Filter{Entity: entity, EntityID: entityID, Limit: limit})
}
