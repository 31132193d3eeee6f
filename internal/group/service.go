package group

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/audit"
	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/programme"
	"github.com/berdaya/berdaya/internal/region"
	"github.com/berdaya/berdaya/internal/registry"
	"github.com/google/uuid"
)

// Service runs groups. It reads programmes (their regions and rules) and
// persons (membership, attendance) through those areas' services.
type Service struct {
	store      store
	db         *db.DB
	audit      *audit.Service
	regions    *region.Service
	registry   *registry.Service
	programmes *programme.Service
	now        func() time.Time
}

// NewService wires the group service.
func NewService(d *db.DB, a *audit.Service, r *region.Service, reg *registry.Service, progs *programme.Service) *Service {
	return &Service{store: store{db: d}, db: d, audit: a, regions: r, registry: reg, programmes: progs, now: time.Now}
}

// SetClock replaces the clock (tests of dates use it).
func (s *Service) SetClock(now func() time.Time) { s.now = now }

func (s *Service) clock() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

func (s *Service) today() time.Time { return programme.Today(s.now()) }

func newID() string { return uuid.Must(uuid.NewV7()).String() }

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

func invalid(field, key string) error { return errs.New(errs.Invalid, "err.invalid").Field(field, key) }

func (s *Service) record(ctx context.Context, tx *sql.Tx, p access.Principal, action, entity, id, regionCode string, before, after any) error {
	return s.audit.Record(ctx, tx, audit.Change{OrgID: p.OrgID, ActorID: p.UserID, ActorName: p.Username, Action: action,
		Entity: entity, EntityID: id, RegionCode: regionCode, Before: before, After: after})
}

// groupInScope loads a group of p's organisation in p's scope; one outside it
// is not found, so that its existence does not leak. In a write transaction
// the row is locked, so that rules counting a group's members or seats see
// no concurrent change on PostgreSQL (SQLite's one writer already ensures it).
func (s *Service) groupInScope(ctx context.Context, r db.Querier, p access.Principal, id string, lock bool) (Group, error) {
	g, err := s.store.group(ctx, r, p.OrgID, id, lock)
	if isNoRows(err) || (err == nil && !p.Covers(g.VillageCode)) {
		return Group{}, errs.New(errs.NotFound, "group.err.not_found")
	}
	return g, err
}

// writable checks p may do group work and loads the group and its programme.
func (s *Service) writable(ctx context.Context, p access.Principal, id string) (Group, programme.Programme, error) {
	if err := p.Require(access.WriteRecords); err != nil {
		return Group{}, programme.Programme{}, err
	}
	return s.readable(ctx, p, id)
}

// readable checks p may read records and loads the group and its programme.
func (s *Service) readable(ctx context.Context, p access.Principal, id string) (Group, programme.Programme, error) {
	if err := p.Require(access.ReadRecords); err != nil {
		return Group{}, programme.Programme{}, err
	}
	g, err := s.groupInScope(ctx, s.db.Reader(), p, id, false)
	if err != nil {
		return g, programme.Programme{}, err
	}
	prog, err := s.programmes.GetProgramme(ctx, p, g.ProgrammeID)
	return g, prog, err
}

// person returns a registry person in p's scope who is not a merged
// duplicate; otherwise a field problem on field.
func (s *Service) person(ctx context.Context, p access.Principal, field, id string) (registry.Person, error) {
	det, err := s.registry.GetPerson(ctx, p, id)
	if errs.CodeOf(err) == errs.NotFound || (err == nil && det.MergedInto != "") {
		return registry.Person{}, invalid(field, "person.err.not_found")
	}
	return det.Person, err
}

// persons checks a list of person ids (an attendance list) and drops repeats.
func (s *Service) persons(ctx context.Context, p access.Principal, field string, ids []string) ([]string, error) {
	out := []string{}
	seen := map[string]bool{}
	for _, id := range ids {
		if id == "" || seen[id] {
			continue
		}
		seen[id] = true
		if _, err := s.person(ctx, p, field, id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, nil
}

// facilitator resolves who facilitates: the user named, which must exist, or
// else the acting user when it is a real user (the command line's system
// principal is not), or nobody.
func (s *Service) facilitator(ctx context.Context, p access.Principal, field, id string) (string, error) {
	if id == "" {
		ok, err := s.store.userExists(ctx, p.OrgID, p.UserID)
		if err != nil || !ok {
			return "", err
		}
		return p.UserID, nil
	}
	ok, err := s.store.userExists(ctx, p.OrgID, id)
	if err == nil && !ok {
		return "", invalid(field, "user.err.not_found")
	}
	return id, err
}

// checkPlace verifies that a group's village exists, lies in p's scope and
// inside its programme's regions, and that its unit (if any) is in reach.
func (s *Service) checkPlace(ctx context.Context, p access.Principal, g Group, prog programme.Programme) error {
	if _, err := s.regions.Get(ctx, g.VillageCode); err != nil {
		return invalid("village_code", "person.err.village_unknown")
	}
	if !p.Covers(g.VillageCode) {
		return errs.New(errs.Forbidden, "err.out_of_scope").Field("village_code", "err.out_of_scope")
	}
	if !prog.Covers(g.VillageCode) {
		return invalid("village_code", "group.err.outside_programme")
	}
	if g.UnitID != "" {
		if _, err := s.programmes.GetUnit(ctx, p, g.UnitID); errs.CodeOf(err) == errs.NotFound {
			return invalid("unit_id", "unit.err.not_found")
		} else if err != nil {
			return err
		}
	}
	return nil
}

// prepare checks a new or changed group against its programme and places.
func (s *Service) prepare(ctx context.Context, p access.Principal, in Input) (Group, programme.Programme, error) {
	g, err := in.Parse()
	if err != nil {
		return g, programme.Programme{}, err
	}
	prog, err := s.programmes.GetProgramme(ctx, p, g.ProgrammeID)
	if errs.CodeOf(err) == errs.NotFound {
		return g, prog, invalid("programme_id", "programme.err.not_found")
	}
	if err != nil {
		return g, prog, err
	}
	if _, ok := prog.RulesFor(g.Type); !ok {
		return g, prog, invalid("type", "group.err.type_not_in_programme")
	}
	if err := s.checkPlace(ctx, p, g, prog); err != nil {
		return g, prog, err
	}
	g.FacilitatorID, err = s.facilitator(ctx, p, "facilitator_id", g.FacilitatorID)
	return g, prog, err
}

// CreateGroup records a new group at the forming stage; the creation opens
// its stage history.
func (s *Service) CreateGroup(ctx context.Context, p access.Principal, in Input) (Group, error) {
	if err := p.Require(access.WriteRecords); err != nil {
		return Group{}, err
	}
	g, _, err := s.prepare(ctx, p, in)
	if err != nil {
		return g, err
	}
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		now := s.clock()
		g.OrgID, g.ID, g.Stage, g.CreatedAt, g.UpdatedAt = p.OrgID, newID(), Forming, now, now
		if err := s.store.insertGroup(ctx, tx, g); err != nil {
			return err
		}
		if err := s.addStageChange(ctx, tx, p, g, StageChange{To: Forming, Date: s.today()}); err != nil {
			return err
		}
		return s.record(ctx, tx, p, "create", "group", g.ID, g.VillageCode, nil, g)
	})
	return g, err
}

// UpdateGroup changes a group's name, business field, place, unit,
// facilitator and settlement flag. Its programme and type are fixed: a type
// changes only by the upgrade to a cooperative, so history stays one line.
func (s *Service) UpdateGroup(ctx context.Context, p access.Principal, id string, in Input) (Group, error) {
	if err := p.Require(access.WriteRecords); err != nil {
		return Group{}, err
	}
	next, _, err := s.prepare(ctx, p, in)
	if err != nil {
		return next, err
	}
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		before, err := s.groupInScope(ctx, tx, p, id, true)
		if err != nil {
			return err
		}
		if before.ProgrammeID != next.ProgrammeID || before.Type != next.Type {
			return invalid("type", "group.err.type_fixed")
		}
		next.OrgID, next.ID, next.SourceID, next.Stage, next.CreatedAt, next.UpdatedAt = p.OrgID, id, before.SourceID, before.Stage, before.CreatedAt, s.clock()
		if err := s.store.updateGroup(ctx, tx, next); err != nil {
			return err
		}
		return s.record(ctx, tx, p, "update", "group", id, next.VillageCode, before, next)
	})
	return next, err
}

// GetGroup returns a group in p's scope with its stage history.
func (s *Service) GetGroup(ctx context.Context, p access.Principal, id string) (Detail, error) {
	if err := p.Require(access.ReadRecords); err != nil {
		return Detail{}, err
	}
	g, err := s.groupInScope(ctx, s.db.Reader(), p, id, false)
	if err != nil {
		return Detail{}, err
	}
	d := Detail{Group: g}
	if d.Stages, err = s.store.stageChanges(ctx, p.OrgID, id); err != nil {
		return d, err
	}
	if d.Cooperative, err = s.store.cooperative(ctx, p.OrgID, id); err != nil {
		return d, err
	}
	active, err := s.store.members(ctx, s.db.Reader(), p.OrgID, id, false)
	d.ActiveMembers = countable(active)
	return d, err
}

// History lists the audit entries of a group, newest first.
func (s *Service) History(ctx context.Context, p access.Principal, id string) ([]audit.Entry, error) {
	if _, _, err := s.readable(ctx, p, id); err != nil {
		return nil, err
	}
	return s.audit.ListFor(ctx, p.OrgID, "group", id, audit.MaxList)
}
