package registry

import (
	"context"
	"fmt"
	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/region"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/errs"
)

// HouseholdFilter narrows a list of households.
type HouseholdFilter struct {
	Region  string
	KK      string // a full family-card number
	Page    int
	PerPage int
}

// HouseholdSummary is a household with how many live members it has.
type HouseholdSummary struct {
	Household
	Members int `json:"members"`
}

// HouseholdPage is one page of households.
type HouseholdPage struct {
	Items   []HouseholdSummary `json:"items"`
	Total   int                `json:"total"`
	Page    int                `json:"page"`
	PerPage int                `json:"per_page"`
}

// HouseholdDetail is a household and its live members.
type HouseholdDetail struct {
	Household Household `json:"household"`
	Members   []Person  `json:"members"`
}

// ListHouseholds returns one page of the households in p's scope.
func (s *Service) ListHouseholds(ctx context.Context, p access.Principal, f HouseholdFilter) (HouseholdPage, error) {
	if err := p.Require(access.ReadRecords); err != nil {
		return HouseholdPage{}, err
	}
	pf := Filter{Region: f.Region, Page: f.Page, PerPage: f.PerPage}
	if err := pf.Normalize(); err != nil {
		return HouseholdPage{}, err
	}
	page := HouseholdPage{Page: pf.Page, PerPage: pf.PerPage, Items: []HouseholdSummary{}}
	reg, ok := region.Narrower(p.Scope, pf.Region)
	if !ok {
		return page, nil
	}
	w := &db.Where{}
	w.Add("org_id = ?", p.OrgID)
	if reg != "" {
		w.Region(reg)
	}
	if f.KK != "" {
		kk, err := CleanID(f.KK)
		if err != nil {
			return page, errs.New(errs.Invalid, "err.invalid").Field("kk", "kk.err.length_field")
		}
		w.Add("kk = ?", kk)
	}
	items, total, err := s.store.listHouseholds(ctx, w, pf.PerPage, (pf.Page-1)*pf.PerPage)
	for i := range items {
		items[i].Household = s.presentHousehold(p, items[i].Household)
	}
	page.Items, page.Total = items, total
	return page, err
}

// GetHousehold returns one household in p's scope with its members.
func (s *Service) GetHousehold(ctx context.Context, p access.Principal, id string) (HouseholdDetail, error) {
	if err := p.Require(access.ReadRecords); err != nil {
		return HouseholdDetail{}, err
	}
	h, err := s.store.household(ctx, s.db.Reader(), p.OrgID, id)
	if errorsIsNoRows(err) || (err == nil && !p.Covers(h.VillageCode)) {
		return HouseholdDetail{}, errs.New(errs.NotFound, "household.err.not_found")
	}
	if err != nil {
		return HouseholdDetail{}, err
	}
	members, err := s.store.members(ctx, p.OrgID, h.ID)
	for i := range members {
		members[i] = s.present(p, members[i])
	}
	return HouseholdDetail{Household: s.presentHousehold(p, h), Members: members}, err
}

func (s store) listHouseholds(ctx context.Context, w *db.Where, limit, offset int) ([]HouseholdSummary, int, error) {
	var total int
	if err := s.db.Reader().QueryRowContext(ctx, "SELECT COUNT(*) FROM households WHERE "+w.SQL(), w.Args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	args := append(w.Args, limit, offset)
	q := fmt.Sprintf("SELECT h.org_id, h.id, h.kk, h.address, h.village_code, h.created_at, h.updated_at, "+
		"(SELECT COUNT(*) FROM persons p WHERE p.org_id = h.org_id AND p.household_id = h.id AND p.merged_into = '') "+
		"FROM households h WHERE %s ORDER BY h.village_code, h.kk LIMIT $%d OFFSET $%d", w.SQL(), len(args)-1, len(args))
	rows, err := s.db.Reader().QueryContext(ctx, q, args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	out := []HouseholdSummary{}
	for rows.Next() {
		var h HouseholdSummary
		if err := rows.Scan(&h.OrgID, &h.ID, &h.KK, &h.Address, &h.VillageCode, &h.CreatedAt, &h.UpdatedAt, &h.Members); err != nil {
			return nil, 0, err
		}
		out = append(out, h)
	}
	return out, total, rows.Err()
}

// Counts are the sizes of the registry within a scope, for dashboards.
type Counts struct {
	Persons    int `json:"persons"`
	Households int `json:"households"`
	Flagged    int `json:"flagged"`
}

// Count sizes the registry in p's scope.
func (s *Service) Count(ctx context.Context, p access.Principal) (Counts, error) {
	var c Counts
	persons, err := s.ListPersons(ctx, p, Filter{PerPage: 1})
	if err != nil {
		return c, err
	}
	households, err := s.ListHouseholds(ctx, p, HouseholdFilter{PerPage: 1})
	if err != nil {
		return c, err
	}
	flagged, err := s.store.countFlagged(ctx, p.OrgID, p.Scope)
	c.Persons, c.Households, c.Flagged = persons.Total, households.Total, flagged
	return c, err
}
