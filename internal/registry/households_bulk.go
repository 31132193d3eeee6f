package registry

import (
	"cmp"
	"context"
	"slices"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/region"
)

// HouseholdHead is what a sampling frame needs of a household: where it is,
// its first live member (the oldest, as GetHousehold lists them) and its
// live head, if one is registered.
type HouseholdHead struct {
	ID            string `json:"id"`
	VillageCode   string `json:"village_code"`
	FirstMemberID string `json:"first_member_id"`
	HeadID        string `json:"head_id"`  // "" when no live member is the head
	HeadSex       Sex    `json:"head_sex"` // the head's sex ("" without a head)
}

// HouseholdHeads reads, in one query, the households in regionCode (a code
// at any level; "" for p's whole scope) within p's scope that have at least
// one live member, ordered by ID. When ids is not nil only those households
// are read (unknown ones and those out of scope are simply absent). It is
// the bulk form of GetHousehold for a frame of many households: the first
// member and the head are chosen as GetHousehold's member order (birth date)
// would, merged persons left out.
func (s *Service) HouseholdHeads(ctx context.Context, p access.Principal, regionCode string, ids []string) ([]HouseholdHead, error) {
	if err := p.Require(access.ReadRecords); err != nil {
		return nil, err
	}
	out := []HouseholdHead{}
	reg, ok := region.Narrower(p.Scope, regionCode)
	if !ok || (ids != nil && len(ids) == 0) {
		return out, nil
	}
	w := &db.Where{Alias: "h"}
	w.Add("h.org_id = ?", p.OrgID)
	if reg != "" {
		w.Region(reg)
	}
	if ids != nil {
		in, arg := s.db.InList("h.id", len(w.Args)+1, ids)
		w.Add(in)
		w.Args = append(w.Args, arg)
	}
	heads, err := s.store.householdHeads(ctx, w)
	if err != nil {
		return nil, err
	}
	// The query groups the rows by household; the order the frame relies on
	// is the IDs' byte order, whatever the server's collation.
	slices.SortFunc(heads, func(a, b HouseholdHead) int { return cmp.Compare(a.ID, b.ID) })
	return heads, nil
}

// householdHeads reads the live members of the households that match w, each
// household's oldest first (ties in insertion order, as GetHousehold lists
// them on SQLite), and keeps of each household its first member and its
// first head.
func (s store) householdHeads(ctx context.Context, w *db.Where) ([]HouseholdHead, error) {
	rows, err := s.db.Reader().QueryContext(ctx, "SELECT h.id, h.village_code, p.id, p.relationship, p.sex FROM households h "+
		"JOIN persons p ON p.org_id = h.org_id AND p.household_id = h.id AND p.merged_into = '' "+
		"WHERE "+w.SQL()+" ORDER BY h.id, p.birth_date, p."+s.db.RowOrder(), w.Args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []HouseholdHead
	for rows.Next() {
		var hh HouseholdHead
		var person, rel, sex string
		if err := rows.Scan(&hh.ID, &hh.VillageCode, &person, &rel, &sex); err != nil {
			return nil, err
		}
		if n := len(out); n == 0 || out[n-1].ID != hh.ID {
			hh.FirstMemberID = person
			out = append(out, hh)
		}
		if last := &out[len(out)-1]; last.HeadID == "" && Relationship(rel) == Head {
			last.HeadID, last.HeadSex = person, Sex(sex)
		}
	}
	return out, rows.Err()
}
