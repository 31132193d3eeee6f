package registry

import (
	"context"
	"database/sql"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/errs"
)

// DuplicatePair is two persons that are probably one: same name and birth date,
// or nearly the same name with the same birth date in one village.
type DuplicatePair struct {
	A      Person `json:"a"`
	B      Person `json:"b"`
	Reason string `json:"reason"` // "same_name_birth_date" or "similar_name_same_village"
}

// MaxDuplicates caps one review list.
const MaxDuplicates = 200

// maxNameDistance is how many letters two names in one village may differ by
// and still be shown as a likely duplicate (typos, one missing letter).
const maxNameDistance = 2

// Duplicates lists likely duplicate persons in p's scope for a manager to review.
func (s *Service) Duplicates(ctx context.Context, p access.Principal) ([]DuplicatePair, error) {
	if err := p.Require(access.MergeRecords); err != nil {
		return nil, err
	}
	pairs, err := s.store.duplicateCandidates(ctx, p.OrgID, p.Scope, MaxDuplicates*4)
	if err != nil {
		return nil, err
	}
	out := []DuplicatePair{}
	for _, c := range pairs {
		switch {
		case NameKey(c.A.Name) == NameKey(c.B.Name):
			c.Reason = "same_name_birth_date"
		case c.A.VillageCode == c.B.VillageCode && levenshtein(NameKey(c.A.Name), NameKey(c.B.Name)) <= maxNameDistance:
			c.Reason = "similar_name_same_village"
		default:
			continue
		}
		c.A, c.B = s.present(p, c.A), s.present(p, c.B)
		out = append(out, c)
		if len(out) == MaxDuplicates {
			break
		}
	}
	return out, nil
}

// Merge folds the person drop into keep: drop leaves every list and points to
// keep; both records and their histories stay, and the merge is audited on both.
func (s *Service) Merge(ctx context.Context, p access.Principal, keepID, dropID string) error {
	if err := p.Require(access.MergeRecords); err != nil {
		return err
	}
	if keepID == dropID {
		return errs.New(errs.Invalid, "person.err.merge_self")
	}
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		keep, err := s.personInScope(ctx, tx, p, keepID)
		if err != nil {
			return err
		}
		drop, err := s.personInScope(ctx, tx, p, dropID)
		if err != nil {
			return err
		}
		if keep.MergedInto != "" || drop.MergedInto != "" {
			return errs.New(errs.Conflict, "person.err.already_merged")
		}
		if err := s.store.setMerged(ctx, tx, p.OrgID, drop.ID, keep.ID, s.clock()); err != nil {
			return err
		}
		if err := s.store.deleteWords(ctx, tx, p.OrgID, drop.ID); err != nil {
			return err
		}
		if err := s.record(ctx, tx, p, "merge", "person", drop.ID, drop.VillageCode, drop.Person, map[string]string{"merged_into": keep.ID}); err != nil {
			return err
		}
		return s.record(ctx, tx, p, "merge", "person", keep.ID, keep.VillageCode, nil, map[string]string{"merged_from": drop.ID})
	})
}

// levenshtein is the edit distance between two short strings.
func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
