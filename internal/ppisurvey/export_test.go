package ppisurvey

import (
	"context"
	"slices"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/region"
	"github.com/berdaya/berdaya/internal/registry"
)

// Frame is the frame DrawSample would draw round roundID from.
func (s *Service) Frame(ctx context.Context, p access.Principal, roundID string) ([]Unit, error) {
	r, err := s.store.round(ctx, s.db.Reader(), p.OrgID, roundID, false)
	if err != nil {
		return nil, err
	}
	return s.frame(ctx, p, r)
}

// FrameOneByOne is the frame as it was built before the registry's bulk
// read (a page of ListHouseholds after another, then GetHousehold for each
// household): the baseline of BenchmarkDraw, and what TestFrameOneByOne
// checks the bulk read against.
func (s *Service) FrameOneByOne(ctx context.Context, p access.Principal, roundID string) ([]Unit, error) {
	r, err := s.store.round(ctx, s.db.Reader(), p.OrgID, roundID, false)
	if err != nil {
		return nil, err
	}
	var households []string
	groupOf := map[string]Unit{}
	if r.Population == GroupMembers {
		households, groupOf, err = s.memberHouseholds(ctx, p, r.GroupIDs)
	} else {
		for page := 1; ; page++ {
			pg, err := s.registry.ListHouseholds(ctx, p, registry.HouseholdFilter{Region: r.Region, Page: page, PerPage: registry.MaxPerPage})
			if err != nil {
				return nil, err
			}
			for _, h := range pg.Items {
				households = append(households, h.ID)
			}
			if len(pg.Items) < registry.MaxPerPage {
				break
			}
		}
	}
	if err != nil {
		return nil, err
	}
	slices.Sort(households)
	households = slices.Compact(households)
	out := []Unit{}
	for _, h := range households {
		det, err := s.registry.GetHousehold(ctx, p, h)
		if errs.CodeOf(err) == errs.NotFound {
			continue
		}
		if err != nil {
			return nil, err
		}
		if len(det.Members) == 0 || !region.InScope(r.Region, det.Household.VillageCode) {
			continue
		}
		u := Unit{HouseholdID: h, PersonID: det.Members[0].ID, VillageCode: det.Household.VillageCode}
		i := slices.IndexFunc(det.Members, func(m registry.Person) bool { return m.Relationship == registry.Head })
		if i >= 0 {
			u.PersonID, u.HeadSex = det.Members[i].ID, string(det.Members[i].Sex)
		}
		if i >= 0 || r.Population != RegionHeads {
			u.GroupID, u.BranchID = groupOf[h].GroupID, groupOf[h].BranchID
			out = append(out, u)
		}
	}
	return out, nil
}
