package programme

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/audit"
	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/region"
	"github.com/berdaya/berdaya/internal/registry"
	"github.com/google/uuid"
)

// Service runs programmes and organisation units.
type Service struct {
	store    store
	db       *db.DB
	audit    *audit.Service
	regions  *region.Service
	registry *registry.Service
	now      func() time.Time
}

// NewService wires the programme service; it asks the registry about persons
// (unit heads and staff) and the region catalogue about places.
func NewService(d *db.DB, a *audit.Service, r *region.Service, reg *registry.Service) *Service {
	return &Service{store: store{db: d}, db: d, audit: a, regions: r, registry: reg, now: time.Now}
}

// SetClock replaces the clock (tests of dates use it).
func (s *Service) SetClock(now func() time.Time) { s.now = now }

func (s *Service) clock() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

func newID() string { return uuid.Must(uuid.NewV7()).String() }

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

func (s *Service) record(ctx context.Context, tx *sql.Tx, p access.Principal, action, entity, id, regionCode string, before, after any) error {
	return s.audit.Record(ctx, tx, audit.Change{OrgID: p.OrgID, ActorID: p.UserID, ActorName: p.Username, Action: action,
		Entity: entity, EntityID: id, RegionCode: regionCode, Before: before, After: after})
}

// CommonRegion is the narrowest region code that covers every code given
// ("" for the whole country): where a programme's audit entries sit, so that
// a regency officer reads those of a programme in the regency.
func CommonRegion(codes []string) string {
	if len(codes) == 0 {
		return ""
	}
	common := codes[0]
	for _, c := range codes[1:] {
		for common != "" && !region.InScope(common, c) {
			common = region.ParentOf(common)
		}
	}
	return common
}

// Prepare checks that p may create the programme described by in and builds
// it: the form, and that its regions exist and lie in p's scope. Insert then
// stores it; CreateProgramme does both, and the group service uses the pair
// to start a next phase together with the groups it carries over.
func (s *Service) Prepare(ctx context.Context, p access.Principal, in Input) (Programme, error) {
	if err := p.Require(access.ManageProgrammes); err != nil {
		return Programme{}, err
	}
	prog, err := in.Parse()
	if err != nil {
		return prog, err
	}
	return prog, s.checkRegions(ctx, p, prog.Regions)
}

func (s *Service) checkRegions(ctx context.Context, p access.Principal, codes []string) error {
	for _, code := range codes {
		if _, err := s.regions.Get(ctx, code); err != nil {
			return errs.New(errs.Invalid, "err.invalid").Field("regions", "programme.err.region_unknown")
		}
		if !p.Covers(code) {
			return errs.New(errs.Forbidden, "err.out_of_scope").Field("regions", "err.out_of_scope")
		}
	}
	return nil
}

// Insert stores a prepared programme and its baseline (the previous phase's
// figures, or none) inside the caller's transaction, and audits it.
func (s *Service) Insert(ctx context.Context, tx *sql.Tx, p access.Principal, prog Programme, baseline []Baseline) (Programme, error) {
	if err := p.Require(access.ManageProgrammes); err != nil {
		return prog, err
	}
	now := s.clock()
	prog.OrgID, prog.ID, prog.CreatedAt, prog.UpdatedAt = p.OrgID, newID(), now, now
	if prog.Phase < 1 {
		prog.Phase = 1
	}
	if err := s.store.insertProgramme(ctx, tx, prog); err != nil {
		return prog, err
	}
	if err := s.store.insertBaseline(ctx, tx, p.OrgID, prog.ID, baseline); err != nil {
		return prog, err
	}
	return prog, s.record(ctx, tx, p, "create", "programme", prog.ID, CommonRegion(prog.Regions), nil, prog)
}

// CreateProgramme records a new programme (a first phase).
func (s *Service) CreateProgramme(ctx context.Context, p access.Principal, in Input) (Programme, error) {
	prog, err := s.Prepare(ctx, p, in)
	if err != nil {
		return prog, err
	}
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		prog, err = s.Insert(ctx, tx, p, prog, nil)
		return err
	})
	return prog, err
}

// UpdateProgramme replaces a programme's details, regions and rules. Groups
// already formed keep their stage; the new rules apply to what happens next.
// Only a user whose scope covers the whole programme may change it.
func (s *Service) UpdateProgramme(ctx context.Context, p access.Principal, id string, in Input) (Programme, error) {
	next, err := s.Prepare(ctx, p, in)
	if err != nil {
		return next, err
	}
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		before, err := s.visible(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if err := s.checkRegions(ctx, p, before.Regions); err != nil {
			return err
		}
		next.OrgID, next.ID, next.Phase, next.PreviousID, next.CreatedAt, next.UpdatedAt = p.OrgID, id, before.Phase, before.PreviousID, before.CreatedAt, s.clock()
		if err := s.store.updateProgramme(ctx, tx, next); err != nil {
			return err
		}
		return s.record(ctx, tx, p, "update", "programme", id, CommonRegion(next.Regions), before, next)
	})
	return next, err
}

// visible loads a programme p may see; one outside p's scope is not found.
func (s *Service) visible(ctx context.Context, r db.Querier, p access.Principal, id string) (Programme, error) {
	prog, err := s.store.programme(ctx, r, p.OrgID, id)
	if isNoRows(err) || (err == nil && !prog.VisibleTo(p.Scope)) {
		return Programme{}, errs.New(errs.NotFound, "programme.err.not_found")
	}
	return prog, err
}

// GetProgramme returns one programme whose regions overlap p's scope.
func (s *Service) GetProgramme(ctx context.Context, p access.Principal, id string) (Programme, error) {
	if err := p.Require(access.ReadRecords); err != nil {
		return Programme{}, err
	}
	return s.visible(ctx, s.db.Reader(), p, id)
}

// ListProgrammes returns the programmes whose regions overlap p's scope,
// newest first.
func (s *Service) ListProgrammes(ctx context.Context, p access.Principal) ([]Programme, error) {
	if err := p.Require(access.ReadRecords); err != nil {
		return nil, err
	}
	all, err := s.store.programmes(ctx, p.OrgID)
	out := []Programme{}
	for _, prog := range all {
		if prog.VisibleTo(p.Scope) {
			out = append(out, prog)
		}
	}
	return out, err
}

// Baseline returns the figures a phase started from (empty for a first phase).
func (s *Service) Baseline(ctx context.Context, p access.Principal, id string) ([]Baseline, error) {
	if _, err := s.GetProgramme(ctx, p, id); err != nil {
		return nil, err
	}
	return s.store.baseline(ctx, p.OrgID, id)
}

// checkPerson verifies that a registry person exists in p's scope and is not
// a merged duplicate; problems are reported on field.
func (s *Service) checkPerson(ctx context.Context, p access.Principal, field, id string) error {
	det, err := s.registry.GetPerson(ctx, p, id)
	if errs.CodeOf(err) == errs.NotFound || (err == nil && det.MergedInto != "") {
		return errs.New(errs.Invalid, "err.invalid").Field(field, "person.err.not_found")
	}
	return err
}

// checkUser verifies that a user id names an enabled user of p's organisation.
func (s *Service) checkUser(ctx context.Context, p access.Principal, field, id string) error {
	ok, err := s.store.userExists(ctx, p.OrgID, id)
	if err == nil && !ok {
		return errs.New(errs.Invalid, "err.invalid").Field(field, "user.err.not_found")
	}
	return err
}
