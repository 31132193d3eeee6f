package group

import (
	"context"
	"database/sql"
	"sort"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/programme"
)

// NextPhase is what starting a next phase did.
type NextPhase struct {
	Programme programme.Programme `json:"programme"`
	Groups    int                 `json:"groups"`  // groups carried over
	Members   int                 `json:"members"` // memberships carried over
	// Skipped counts memberships not carried because the person was already
	// carried into another group and the new phase forbids double membership.
	Skipped int `json:"skipped"`
}

// StartNextPhase starts the phase after fromID as a new programme pointing
// back to it. The previous phase's groups in p's scope whose type and village
// the new phase covers are carried over (same stage, each pointing to its
// source) with their active members and current board; the previous phase's
// figures at this moment, by type and stage, are frozen as the baseline.
// All of it is one transaction: a phase starts whole or not at all.
func (s *Service) StartNextPhase(ctx context.Context, p access.Principal, fromID string, in programme.Input) (NextPhase, error) {
	prev, err := s.programmes.GetProgramme(ctx, p, fromID)
	if err != nil {
		return NextPhase{}, err
	}
	next, err := s.programmes.Prepare(ctx, p, in)
	if err != nil {
		return NextPhase{}, err
	}
	next.Phase, next.PreviousID = prev.Phase+1, prev.ID
	res := NextPhase{}
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		groups, members, err := s.phaseGroups(ctx, tx, p, prev.ID)
		if err != nil {
			return err
		}
		if next, err = s.programmes.Insert(ctx, tx, p, next, baseline(groups, members)); err != nil {
			return err
		}
		res.Programme = next
		return s.carry(ctx, tx, p, next, groups, members, &res)
	})
	return res, err
}

// phaseGroups loads a programme's groups in p's scope and their active members.
func (s *Service) phaseGroups(ctx context.Context, tx *sql.Tx, p access.Principal, programmeID string) ([]Group, map[string][]Member, error) {
	all, err := s.store.groupsOfProgramme(ctx, tx, p.OrgID, programmeID)
	if err != nil {
		return nil, nil, err
	}
	var groups []Group
	members := map[string][]Member{}
	for _, g := range all {
		if !p.Covers(g.VillageCode) {
			continue
		}
		groups = append(groups, g)
		if members[g.ID], err = s.store.members(ctx, tx, p.OrgID, g.ID, false); err != nil {
			return nil, nil, err
		}
	}
	return groups, members, nil
}

// baseline counts groups and their members by type and stage.
func baseline(groups []Group, members map[string][]Member) []programme.Baseline {
	cells := map[[2]string]*programme.Baseline{}
	for _, g := range groups {
		key := [2]string{string(g.Type), string(g.Stage)}
		if cells[key] == nil {
			cells[key] = &programme.Baseline{GroupType: g.Type, Stage: string(g.Stage)}
		}
		cells[key].Groups++
		cells[key].Members += countable(members[g.ID])
	}
	out := []programme.Baseline{}
	for _, c := range cells {
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i].GroupType < out[j].GroupType || (out[i].GroupType == out[j].GroupType && out[i].Stage < out[j].Stage)
	})
	return out
}

// carry copies the groups the next phase covers, with members and board.
func (s *Service) carry(ctx context.Context, tx *sql.Tx, p access.Principal, next programme.Programme, groups []Group, members map[string][]Member, res *NextPhase) error {
	placed := map[string]bool{}
	for _, src := range groups {
		if _, ok := next.RulesFor(src.Type); !ok || !next.Covers(src.VillageCode) {
			continue
		}
		g := src
		now := s.clock()
		g.ID, g.ProgrammeID, g.SourceID, g.CreatedAt, g.UpdatedAt = newID(), next.ID, src.ID, now, now
		if err := s.store.insertGroup(ctx, tx, g); err != nil {
			return err
		}
		if err := s.addStageChange(ctx, tx, p, g, StageChange{To: g.Stage, Date: next.Start}); err != nil {
			return err
		}
		if err := s.record(ctx, tx, p, "carry", "group", g.ID, g.VillageCode, nil, g); err != nil {
			return err
		}
		res.Groups++
		carried, err := s.carryMembers(ctx, tx, p, next, g, members[src.ID], placed, res)
		if err != nil {
			return err
		}
		if err := s.carrySeats(ctx, tx, p.OrgID, src.ID, g.ID, carried); err != nil {
			return err
		}
	}
	return nil
}

func (s *Service) carryMembers(ctx context.Context, tx *sql.Tx, p access.Principal, next programme.Programme, g Group, members []Member, placed map[string]bool, res *NextPhase) (map[string]bool, error) {
	carried := map[string]bool{}
	flags := memberFlags{single: !next.AllowDouble, perHousehold: g.Type == programme.KUBE}
	for _, m := range members {
		if placed[m.PersonID] && !next.AllowDouble {
			res.Skipped++
			continue
		}
		m.ID, m.GroupID, m.Joined = newID(), g.ID, next.Start
		if err := s.store.insertMember(ctx, tx, p.OrgID, next.ID, m, flags, s.clock()); err != nil {
			return nil, err
		}
		placed[m.PersonID], carried[m.PersonID] = true, true
		res.Members++
	}
	return carried, nil
}

// carrySeats keeps the current board of the source group for the seats whose
// holders were carried over: their term goes on.
func (s *Service) carrySeats(ctx context.Context, tx *sql.Tx, orgID, srcID, groupID string, carried map[string]bool) error {
	seats, err := s.store.currentSeats(ctx, tx, orgID, srcID)
	if err != nil {
		return err
	}
	now := s.clock()
	for _, seat := range seats {
		if !carried[seat.PersonID] {
			continue
		}
		seat.ID, seat.ElectionID = newID(), ""
		if err := s.store.insertSeat(ctx, tx, orgID, groupID, seat, now); err != nil {
			return err
		}
	}
	return nil
}
