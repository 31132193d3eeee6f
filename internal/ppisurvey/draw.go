package ppisurvey

import (
	"cmp"
	"context"
	"database/sql"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/survey"
)

// DrawSample builds the round's frame (its population's households, as the
// registry and the groups hold them now), draws the sample with the round's
// seed through internal/survey and stores every household of the frame:
// the drawn ones as "sample", the rest as the reserve in its random order.
// N and each stratum's N_h are recorded with the draw.
//
// The frame is ordered by household ID, so the draw depends only on the
// seed, the design and the set of households: drawing again from the same
// population with the same seed chooses the same households.
func (s *Service) DrawSample(ctx context.Context, p access.Principal, roundID string) (Round, error) {
	if err := p.Require(access.ManageSurveys); err != nil {
		return Round{}, err
	}
	r, err := s.roundVisible(ctx, s.db.Reader(), p, roundID, false)
	if err != nil {
		return r, err
	}
	// The frame is read through p's eyes: someone who sees only part of the
	// round's region would draw from part of its population.
	if !p.Covers(r.Region) {
		return r, errs.New(errs.Forbidden, "ppisurvey.err.draw_scope")
	}
	if r.Drawn() {
		return r, errs.New(errs.Conflict, "ppisurvey.err.drawn")
	}
	frame, err := s.frame(ctx, p, r)
	if err != nil {
		return r, err
	}
	units, err := drawUnits(r, frame)
	if err != nil {
		return r, err
	}
	err = s.db.Tx(ctx, func(tx *sql.Tx) error { return s.saveDraw(ctx, tx, p, &r, units) })
	return r, err
}

// saveDraw stores the units and the counts, unless someone drew meanwhile.
func (s *Service) saveDraw(ctx context.Context, tx *sql.Tx, p access.Principal, r *Round, units []Unit) error {
	cur, err := s.store.round(ctx, tx, p.OrgID, r.ID, true)
	if err != nil {
		return err
	}
	if cur.Drawn() {
		return errs.New(errs.Conflict, "ppisurvey.err.drawn")
	}
	now := s.clock()
	r.PopulationSize, r.StrataSizes, r.DrawnAt, r.UpdatedAt = len(units), map[string]int{}, now, now
	for i := range units {
		units[i].ID, units[i].RoundID, units[i].UpdatedAt = newID(), r.ID, now
		r.StrataSizes[units[i].Stratum]++
	}
	if err := s.store.insertUnits(ctx, tx, p.OrgID, units); err != nil {
		return err
	}
	if err := s.store.setDrawn(ctx, tx, *r); err != nil {
		return err
	}
	after := map[string]any{"seed": r.Seed, "method": r.Method, "allocation": r.Allocation, "strata_column": r.StrataColumn,
		"population_size": r.PopulationSize, "strata_sizes": r.StrataSizes, "sample": countStatus(units, StatusSample)}
	return s.record(ctx, tx, p, "draw", "ppi_round", r.ID, r.Region, nil, after)
}

func countStatus(units []Unit, status string) int {
	n := 0
	for _, u := range units {
		if u.Status == status {
			n++
		}
	}
	return n
}

// drawUnits draws from the frame as the round says and numbers the units:
// the drawn ones 1..n in frame order, then the reserve in its random order.
func drawUnits(r Round, frame []Unit) ([]Unit, error) {
	if len(frame) == 0 {
		return nil, errs.New(errs.Invalid, "ppisurvey.err.empty_population")
	}
	labels := make([]string, len(frame))
	for i := range frame {
		frame[i].Stratum = frame[i].Category(r.StrataColumn)
		labels[i] = frame[i].Stratum
	}
	d := survey.Design{Size: r.Size, Seed: uint64(r.Seed), Census: r.Method == Census, Allocation: survey.Allocation(r.Allocation)}
	var smp survey.Sample
	var err error
	if r.Method == Stratified {
		smp, err = survey.DrawStratified(labels, d)
	} else {
		smp, err = survey.Draw(len(frame), d)
	}
	if err != nil {
		return nil, errs.New(errs.Invalid, "ppisurvey.err.draw", err.Error())
	}
	out := make([]Unit, 0, len(frame))
	for _, i := range smp.Selected {
		u := frame[i]
		u.Status, u.Order = StatusSample, len(out)+1
		out = append(out, u)
	}
	for _, i := range smp.Reserve {
		u := frame[i]
		u.Status, u.Order = StatusReserve, len(out)+1
		out = append(out, u)
	}
	return out, nil
}

// frame lists the households of the round's population, one unit each,
// ordered by household ID: one read of the registry, whatever the size of
// the population.
func (s *Service) frame(ctx context.Context, p access.Principal, r Round) ([]Unit, error) {
	var ids []string // nil: every household of the region
	groupOf := map[string]Unit{}
	if r.Population == GroupMembers {
		var err error
		if ids, groupOf, err = s.memberHouseholds(ctx, p, r.GroupIDs); err != nil {
			return nil, err
		}
	}
	households, err := s.registry.HouseholdHeads(ctx, p, r.Region, ids)
	if err != nil {
		return nil, err
	}
	out := make([]Unit, 0, len(households))
	for _, h := range households {
		if h.HeadID == "" && r.Population == RegionHeads {
			continue
		}
		g := groupOf[h.ID]
		out = append(out, Unit{HouseholdID: h.ID, PersonID: cmp.Or(h.HeadID, h.FirstMemberID), HeadSex: string(h.HeadSex),
			VillageCode: h.VillageCode, GroupID: g.GroupID, BranchID: g.BranchID})
	}
	return out, nil
}

// memberHouseholds lists the households of the groups' active members (a
// household in two groups twice) and,
// for each, the first of the groups (in the round's order) it belongs to
// with that group's branch: a Unit holding only GroupID and BranchID.
func (s *Service) memberHouseholds(ctx context.Context, p access.Principal, groupIDs []string) ([]string, map[string]Unit, error) {
	out := []string{} // never nil: nil would ask the registry for the whole region
	groupOf := map[string]Unit{}
	for _, g := range groupIDs {
		branch, err := s.groupBranch(ctx, p, g)
		if err != nil {
			return nil, nil, err
		}
		members, err := s.groups.Members(ctx, p, g, false)
		if err != nil {
			return nil, nil, err
		}
		for _, m := range members {
			if !m.Left.IsZero() {
				continue
			}
			out = append(out, m.HouseholdID)
			if _, ok := groupOf[m.HouseholdID]; !ok {
				groupOf[m.HouseholdID] = Unit{GroupID: g, BranchID: branch}
			}
		}
	}
	return out, groupOf, nil
}

// groupBranch is the organisation unit that runs group g now ("" when
// none). The draw copies it into the units, so that the strata sizes and
// the breakdowns by branch keep the branches of the draw when a group later
// moves to another unit.
func (s *Service) groupBranch(ctx context.Context, p access.Principal, g string) (string, error) {
	det, err := s.groups.GetGroup(ctx, p, g)
	return det.Group.UnitID, err
}

// Reasons a sampled household is replaced.
const (
	ReasonRefused     = "refused"     // the household refused the interview
	ReasonUnreachable = "unreachable" // moved away, not found, never at home
)

// ReplaceRefusal marks a sampled household as refused (or, with reason
// ReasonUnreachable, as replaced) and promotes the next unused household of
// the reserve list of the same stratum, in reserve order, which keeps the
// sample a random draw of the stratum. It returns the replacement.
func (s *Service) ReplaceRefusal(ctx context.Context, p access.Principal, unitID, reason string) (Unit, error) {
	if err := p.Require(access.WriteRecords); err != nil {
		return Unit{}, err
	}
	status := map[string]string{ReasonRefused: StatusRefused, ReasonUnreachable: StatusReplaced}[reason]
	if status == "" {
		return Unit{}, invalid("reason", "ppisurvey.err.reason")
	}
	var next Unit
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		u, err := s.unitInScope(ctx, tx, p, unitID, true)
		if err != nil {
			return err
		}
		if u.Status != StatusSample {
			return errs.New(errs.Conflict, "ppisurvey.err.not_in_sample")
		}
		next, err = s.store.nextReserve(ctx, tx, p.OrgID, u.RoundID, u.Stratum)
		if isNoRows(err) {
			return errs.New(errs.Conflict, "ppisurvey.err.reserve_empty")
		}
		if err != nil {
			return err
		}
		return s.replace(ctx, tx, p, u, &next, status)
	})
	return next, err
}

func (s *Service) replace(ctx context.Context, tx *sql.Tx, p access.Principal, u Unit, next *Unit, status string) error {
	now := s.clock()
	before := u
	u.Status, u.UpdatedAt = status, now
	next.Status, next.ReplacesID, next.UpdatedAt = StatusSample, u.ID, now
	if err := s.store.setUnit(ctx, tx, p.OrgID, u); err != nil {
		return err
	}
	if err := s.store.setUnit(ctx, tx, p.OrgID, *next); err != nil {
		return err
	}
	return s.record(ctx, tx, p, status, "ppi_unit", u.ID, u.VillageCode, before, map[string]any{"status": status, "replacement": next.ID, "replacement_order": next.Order})
}
