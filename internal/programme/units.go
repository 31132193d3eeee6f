package programme

import (
	"context"
	"database/sql"
	"time"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/region"
)

// UnitDetail is a unit with its staff (past and present) and its sub-units.
type UnitDetail struct {
	Unit     Unit    `json:"unit"`
	Staff    []Staff `json:"staff"`
	Children []Unit  `json:"children"`
}

// UnitFilter narrows a list of units; every field is optional.
type UnitFilter struct {
	ProgrammeID string
	ParentID    string
	Region      string // a region code at any level
	Type        UnitType
}

// CreateUnit records a new organisation unit.
func (s *Service) CreateUnit(ctx context.Context, p access.Principal, in UnitInput) (Unit, error) {
	if err := p.Require(access.ManageProgrammes); err != nil {
		return Unit{}, err
	}
	u, err := in.Parse()
	if err != nil {
		return u, err
	}
	if err := s.checkUnit(ctx, p, u); err != nil {
		return u, err
	}
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		now := s.clock()
		u.OrgID, u.ID, u.CreatedAt, u.UpdatedAt = p.OrgID, newID(), now, now
		if err := s.store.insertUnit(ctx, tx, u); err != nil {
			return err
		}
		return s.record(ctx, tx, p, "create", "org_unit", u.ID, u.VillageCode, nil, u)
	})
	return u, err
}

// UpdateUnit replaces a unit's details. Moving it under one of its own
// sub-units is refused, so that the tree stays a tree.
func (s *Service) UpdateUnit(ctx context.Context, p access.Principal, id string, in UnitInput) (Unit, error) {
	if err := p.Require(access.ManageProgrammes); err != nil {
		return Unit{}, err
	}
	next, err := in.Parse()
	if err != nil {
		return next, err
	}
	if err := s.checkUnit(ctx, p, next); err != nil {
		return next, err
	}
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		before, err := s.unitInScope(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if err := s.checkNoCycle(ctx, tx, p.OrgID, id, next.ParentID); err != nil {
			return err
		}
		next.OrgID, next.ID, next.CreatedAt, next.UpdatedAt = p.OrgID, id, before.CreatedAt, s.clock()
		if err := s.store.updateUnit(ctx, tx, next); err != nil {
			return err
		}
		return s.record(ctx, tx, p, "update", "org_unit", id, next.VillageCode, before, next)
	})
	return next, err
}

// checkUnit verifies a unit's references: its village exists in p's scope and
// in its programme's regions; its parent, head user and head person exist and
// are in reach; a CU branch hangs under a credit union.
func (s *Service) checkUnit(ctx context.Context, p access.Principal, u Unit) error {
	if err := s.checkVillage(ctx, p, u.VillageCode); err != nil {
		return err
	}
	if u.ProgrammeID != "" {
		prog, err := s.visible(ctx, s.db.Reader(), p, u.ProgrammeID)
		if err != nil {
			return errs.New(errs.Invalid, "err.invalid").Field("programme_id", "programme.err.not_found")
		}
		if !prog.Covers(u.VillageCode) {
			return errs.New(errs.Invalid, "err.invalid").Field("village_code", "unit.err.outside_programme")
		}
	}
	if err := s.checkParent(ctx, p, u); err != nil {
		return err
	}
	if u.HeadUserID != "" {
		if err := s.checkUser(ctx, p, "head_user_id", u.HeadUserID); err != nil {
			return err
		}
	}
	if u.HeadPersonID != "" {
		return s.checkPerson(ctx, p, "head_person_id", u.HeadPersonID)
	}
	return nil
}

// checkVillage verifies that a village exists and lies in p's scope.
func (s *Service) checkVillage(ctx context.Context, p access.Principal, code string) error {
	if _, err := s.regions.Get(ctx, code); err != nil {
		return errs.New(errs.Invalid, "err.invalid").Field("village_code", "person.err.village_unknown")
	}
	if !p.Covers(code) {
		return errs.New(errs.Forbidden, "err.out_of_scope").Field("village_code", "err.out_of_scope")
	}
	return nil
}

func (s *Service) checkParent(ctx context.Context, p access.Principal, u Unit) error {
	if u.ParentID == "" {
		return nil
	}
	parent, err := s.unitInScope(ctx, s.db.Reader(), p, u.ParentID)
	if errs.CodeOf(err) == errs.NotFound {
		return errs.New(errs.Invalid, "err.invalid").Field("parent_id", "unit.err.not_found")
	}
	if err != nil {
		return err
	}
	if u.Type == UnitCUBranch && parent.Type != UnitCreditUnion {
		return errs.New(errs.Invalid, "err.invalid").Field("parent_id", "unit.err.branch_parent")
	}
	return nil
}

// checkNoCycle walks up from the new parent; meeting the unit itself means
// the unit would sit under its own sub-unit.
func (s *Service) checkNoCycle(ctx context.Context, r db.Querier, orgID, id, parent string) error {
	for seen := 0; parent != "" && seen < 100; seen++ {
		if parent == id {
			return errs.New(errs.Invalid, "err.invalid").Field("parent_id", "unit.err.cycle")
		}
		u, err := s.store.unit(ctx, r, orgID, parent)
		if err != nil {
			return err
		}
		parent = u.ParentID
	}
	return nil
}

// unitInScope loads a unit of p's organisation in p's scope; others are not found.
func (s *Service) unitInScope(ctx context.Context, r db.Querier, p access.Principal, id string) (Unit, error) {
	u, err := s.store.unit(ctx, r, p.OrgID, id)
	if isNoRows(err) || (err == nil && !p.Covers(u.VillageCode)) {
		return Unit{}, errs.New(errs.NotFound, "unit.err.not_found")
	}
	return u, err
}

// GetUnit returns a unit in p's scope with its staff and sub-units.
func (s *Service) GetUnit(ctx context.Context, p access.Principal, id string) (UnitDetail, error) {
	if err := p.Require(access.ReadRecords); err != nil {
		return UnitDetail{}, err
	}
	u, err := s.unitInScope(ctx, s.db.Reader(), p, id)
	if err != nil {
		return UnitDetail{}, err
	}
	staff, err := s.store.staff(ctx, p.OrgID, id)
	if err != nil {
		return UnitDetail{}, err
	}
	children, err := s.ListUnits(ctx, p, UnitFilter{ParentID: id})
	return UnitDetail{Unit: u, Staff: staff, Children: children}, err
}

// ListUnits returns the units in p's scope matching f, by name.
func (s *Service) ListUnits(ctx context.Context, p access.Principal, f UnitFilter) ([]Unit, error) {
	if err := p.Require(access.ReadRecords); err != nil {
		return nil, err
	}
	w := &db.Where{}
	w.Add("org_id = ?", p.OrgID)
	filter := ""
	if f.Region != "" {
		code, err := region.NormalizeCode(f.Region)
		if err != nil {
			return nil, errs.New(errs.Invalid, "err.invalid").Field("region", "region.err.code_format")
		}
		filter = code
	}
	reg, ok := region.Narrower(p.Scope, filter)
	if !ok {
		return []Unit{}, nil
	}
	if reg != "" {
		w.Region(reg)
	}
	if f.ProgrammeID != "" {
		w.Add("programme_id = ?", f.ProgrammeID)
	}
	if f.ParentID != "" {
		w.Add("parent_id = ?", f.ParentID)
	}
	if f.Type != "" {
		w.Add("unit_type = ?", string(f.Type))
	}
	return s.store.units(ctx, w)
}

// AddStaff records a staff post in a unit.
func (s *Service) AddStaff(ctx context.Context, p access.Principal, unitID string, in StaffInput) (Staff, error) {
	if err := p.Require(access.ManageProgrammes); err != nil {
		return Staff{}, err
	}
	st, err := in.Parse()
	if err != nil {
		return st, err
	}
	if st.UserID != "" {
		err = s.checkUser(ctx, p, "user_id", st.UserID)
	} else {
		err = s.checkPerson(ctx, p, "person_id", st.PersonID)
	}
	if err != nil {
		return st, err
	}
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		u, err := s.unitInScope(ctx, tx, p, unitID)
		if err != nil {
			return err
		}
		st.ID, st.UnitID = newID(), u.ID
		if err := s.store.insertStaff(ctx, tx, p.OrgID, st, s.clock()); err != nil {
			return err
		}
		return s.record(ctx, tx, p, "create", "unit_staff", st.ID, u.VillageCode, nil, st)
	})
	return st, err
}

// EndStaff closes a staff post on a date; the post stays in the unit's history.
func (s *Service) EndStaff(ctx context.Context, p access.Principal, staffID, end string) (Staff, error) {
	if err := p.Require(access.ManageProgrammes); err != nil {
		return Staff{}, err
	}
	f := errs.Fields{}
	day := ParseDayField(f, "end", end, true, time.Time{})
	if err := f.Err(); err != nil {
		return Staff{}, err
	}
	var st Staff
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		before, err := s.store.staffMember(ctx, tx, p.OrgID, staffID)
		if isNoRows(err) {
			return errs.New(errs.NotFound, "unit.err.staff_not_found")
		}
		if err != nil {
			return err
		}
		u, err := s.unitInScope(ctx, tx, p, before.UnitID)
		if err != nil {
			return err
		}
		if !before.End.IsZero() || day.Before(before.Start) {
			return errs.New(errs.Invalid, "err.invalid").Field("end", "unit.err.staff_end")
		}
		st = before
		st.End = day
		if err := s.store.endStaff(ctx, tx, p.OrgID, st); err != nil {
			return err
		}
		return s.record(ctx, tx, p, "end", "unit_staff", st.ID, u.VillageCode, before, st)
	})
	return st, err
}
