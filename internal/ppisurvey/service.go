package ppisurvey

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/binary"
	"errors"
	"slices"
	"time"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/audit"
	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/group"
	"github.com/berdaya/berdaya/internal/ppi"
	"github.com/berdaya/berdaya/internal/programme"
	"github.com/berdaya/berdaya/internal/region"
	"github.com/berdaya/berdaya/internal/registry"
	"github.com/google/uuid"
)

// Service runs survey rounds. It reads households and persons through the
// registry service, group members through the group service, programmes
// through theirs and scorecards through the PPI catalogue.
type Service struct {
	store      store
	db         *db.DB
	audit      *audit.Service
	registry   *registry.Service
	groups     *group.Service
	programmes *programme.Service
	cards      *ppi.Service
	now        func() time.Time
}

// NewService wires the survey-round service.
func NewService(d *db.DB, a *audit.Service, reg *registry.Service, groups *group.Service, progs *programme.Service, cards *ppi.Service) *Service {
	return &Service{store: store{db: d}, db: d, audit: a, registry: reg, groups: groups, programmes: progs, cards: cards, now: time.Now}
}

// SetClock replaces the clock (tests of dates use it).
func (s *Service) SetClock(now func() time.Time) { s.now = now }

func (s *Service) clock() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

func newID() string { return uuid.Must(uuid.NewV7()).String() }

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

func invalid(field, key string) error { return errs.New(errs.Invalid, "err.invalid").Field(field, key) }

func (s *Service) record(ctx context.Context, tx *sql.Tx, p access.Principal, action, entity, id, regionCode string, before, after any) error {
	return s.audit.Record(ctx, tx, audit.Change{OrgID: p.OrgID, ActorID: p.UserID, ActorName: p.Username, Action: action,
		Entity: entity, EntityID: id, RegionCode: regionCode, Before: before, After: after})
}

// overlaps reports whether a round's region and a user's scope overlap: a
// district officer sees a regency's round (and only its own units of it), a
// regency officer sees its districts' rounds.
func overlaps(scope, roundRegion string) bool {
	_, ok := region.Narrower(scope, roundRegion)
	return ok
}

// roundVisible loads a round of p's organisation whose region overlaps p's
// scope; any other is not found, so that its existence does not leak.
func (s *Service) roundVisible(ctx context.Context, q db.Querier, p access.Principal, id string, lock bool) (Round, error) {
	r, err := s.store.round(ctx, q, p.OrgID, id, lock)
	if isNoRows(err) || (err == nil && !overlaps(p.Scope, r.Region)) {
		return Round{}, errs.New(errs.NotFound, "ppisurvey.err.round_not_found")
	}
	return r, err
}

// CreateRound records a round's design. The sample is drawn later by
// DrawSample, so that a round can be checked before anyone is chosen.
func (s *Service) CreateRound(ctx context.Context, p access.Principal, in RoundInput) (Round, error) {
	if err := p.Require(access.ManageSurveys); err != nil {
		return Round{}, err
	}
	r, err := in.parse()
	if err != nil {
		return r, err
	}
	if err := s.checkRound(ctx, p, &r); err != nil {
		return r, err
	}
	if r.Seed == 0 {
		r.Seed = randomSeed()
	}
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		now := s.clock()
		r.OrgID, r.ID, r.CreatedBy, r.CreatedAt, r.UpdatedAt = p.OrgID, newID(), p.UserID, now, now
		r.StrataSizes = map[string]int{}
		if err := s.store.insertRound(ctx, tx, r); err != nil {
			if db.IsUniqueViolation(err) {
				return invalid("name", "ppisurvey.err.name_taken")
			}
			return err
		}
		return s.record(ctx, tx, p, "create", "ppi_round", r.ID, r.Region, nil, r)
	})
	return r, err
}

// randomSeed draws a seed in 1..2⁶³−1 (it fits a signed 64-bit column on
// both engines).
func randomSeed() int64 {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return int64(binary.BigEndian.Uint64(b[:])>>1) | 1
}

// checkRound checks a round against the catalogue, p's scope, its
// programme, its groups and its baseline.
func (s *Service) checkRound(ctx context.Context, p access.Principal, r *Round) error {
	if r.Region == "" {
		r.Region = p.Scope
	}
	if !p.Covers(r.Region) {
		return errs.New(errs.Forbidden, "err.out_of_scope").Field("region_code", "err.out_of_scope")
	}
	if r.Region != "" {
		// A code of the right shape that names no region would make a round
		// whose population is empty, found out only at the draw.
		if ok, err := s.registry.RegionExists(ctx, r.Region); err != nil {
			return err
		} else if !ok {
			return invalid("region_code", "region.err.not_found")
		}
	}
	if err := s.checkCard(ctx, r); err != nil {
		return err
	}
	if r.ProgrammeID != "" {
		if _, err := s.programmes.GetProgramme(ctx, p, r.ProgrammeID); errs.CodeOf(err) == errs.NotFound {
			return invalid("programme_id", "programme.err.not_found")
		} else if err != nil {
			return err
		}
	}
	for _, g := range r.GroupIDs {
		if _, err := s.groups.GetGroup(ctx, p, g); errs.CodeOf(err) == errs.NotFound {
			return invalid("group_ids", "group.err.not_found")
		} else if err != nil {
			return err
		}
	}
	return s.checkBaseline(ctx, p, *r)
}

// checkCard resolves the scorecard and checks the lines and their α.
func (s *Service) checkCard(ctx context.Context, r *Round) error {
	card, err := s.cards.Get(ctx, r.ScorecardName)
	if r.ScorecardName == "" || errs.CodeOf(err) == errs.NotFound {
		return invalid("scorecard", "ppisurvey.err.scorecard")
	}
	if err != nil {
		return err
	}
	r.ScorecardID, r.ScorecardName = card.ID, card.Name
	for _, l := range r.Lines {
		if _, ok := card.Line(l); !ok {
			return invalid("lines", "ppisurvey.err.line")
		}
	}
	for l := range r.Alphas {
		if !slices.Contains(r.Lines, l) {
			return invalid("alphas", "ppisurvey.err.line")
		}
	}
	return nil
}

// checkBaseline requires a baseline round visible to p on the same card.
func (s *Service) checkBaseline(ctx context.Context, p access.Principal, r Round) error {
	if r.BaselineID == "" {
		return nil
	}
	b, err := s.roundVisible(ctx, s.db.Reader(), p, r.BaselineID, false)
	if errs.CodeOf(err) == errs.NotFound {
		return invalid("baseline_id", "ppisurvey.err.round_not_found")
	}
	if err == nil && b.ScorecardID != r.ScorecardID {
		return invalid("baseline_id", "ppisurvey.err.baseline_card")
	}
	return err
}

// GetRound returns a round visible to p.
func (s *Service) GetRound(ctx context.Context, p access.Principal, id string) (Round, error) {
	if err := p.Require(access.ReadRecords); err != nil {
		return Round{}, err
	}
	return s.roundVisible(ctx, s.db.Reader(), p, id, false)
}

// ListRounds lists the rounds visible to p, newest first.
func (s *Service) ListRounds(ctx context.Context, p access.Principal) ([]Round, error) {
	if err := p.Require(access.ReadRecords); err != nil {
		return nil, err
	}
	all, err := s.store.rounds(ctx, p.OrgID)
	out := []Round{}
	for _, r := range all {
		if overlaps(p.Scope, r.Region) {
			out = append(out, r)
		}
	}
	return out, err
}

// Units lists the round's units in p's scope in sample order; reserve
// units only when reserve is true (a field team works from the sample).
func (s *Service) Units(ctx context.Context, p access.Principal, roundID string, reserve bool) ([]Unit, error) {
	if err := p.Require(access.ReadRecords); err != nil {
		return nil, err
	}
	if _, err := s.roundVisible(ctx, s.db.Reader(), p, roundID, false); err != nil {
		return nil, err
	}
	all, err := s.store.units(ctx, s.db.Reader(), p.OrgID, roundID)
	out := []Unit{}
	for _, u := range all {
		if p.Covers(u.VillageCode) && (reserve || u.Status != StatusReserve) {
			out = append(out, u)
		}
	}
	return out, err
}

// RoundUnit returns one unit of round roundID in p's scope; a unit of
// another round, or outside p's scope, is not found. Pages that act on a
// unit under a round's address use it, so an address cannot mix rounds.
func (s *Service) RoundUnit(ctx context.Context, p access.Principal, roundID, unitID string) (Unit, error) {
	if err := p.Require(access.ReadRecords); err != nil {
		return Unit{}, err
	}
	u, err := s.unitInScope(ctx, s.db.Reader(), p, unitID, false)
	if err == nil && u.RoundID != roundID {
		return Unit{}, errs.New(errs.NotFound, "ppisurvey.err.unit_not_found")
	}
	return u, err
}

// unitInScope loads a unit of p's organisation in p's scope; one outside it
// is not found.
func (s *Service) unitInScope(ctx context.Context, q db.Querier, p access.Principal, id string, lock bool) (Unit, error) {
	u, err := s.store.unit(ctx, q, p.OrgID, id, lock)
	if isNoRows(err) || (err == nil && !p.Covers(u.VillageCode)) {
		return Unit{}, errs.New(errs.NotFound, "ppisurvey.err.unit_not_found")
	}
	return u, err
}
