package registry

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"slices"
	"sync"
	"time"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/audit"
	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/region"
	"github.com/google/uuid"
)

// FlagNIKRegionUnknown marks a NIK whose first six digits name no district in
// the catalogue: only a warning, since codes change when districts are split.
const FlagNIKRegionUnknown = "nik_region_unknown"

// Flags lists every data-quality flag a person can carry.
var Flags = []string{FlagNIKBirthDate, FlagNIKSex, FlagNIKRegionUnknown}

// Service runs the registry.
type Service struct {
	store   store
	db      *db.DB
	audit   *audit.Service
	regions *region.Service
	now     func() time.Time
	// bulk counts this process's imports that run with the list indexes
	// dropped, so that only the last one to end rebuilds them.
	bulk struct {
		sync.Mutex
		active int
	}
}

// NewService wires the registry service.
func NewService(d *db.DB, a *audit.Service, r *region.Service) *Service {
	return &Service{store: store{db: d}, db: d, audit: a, regions: r, now: time.Now}
}

// SetClock replaces the clock (tests of ages and dates use it).
func (s *Service) SetClock(now func() time.Time) { s.now = now }

func (s *Service) clock() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

// today is the current calendar date in Indonesia (WIB), as registry dates are held.
func (s *Service) today() time.Time {
	t := s.now().In(time.FixedZone("WIB", 7*3600))
	return Date(t.Year(), t.Month(), t.Day())
}

func newID() string { return uuid.Must(uuid.NewV7()).String() }

// contentHash fingerprints what an import row sets on a person and household,
// so a re-import of an unchanged row is recognised without comparing fields.
func contentHash(h Household, p Person) string {
	b, _ := json.Marshal([]any{h.KK, h.Address, h.VillageCode, p.NIK, p.Name, p.Sex, dateText(p.BirthDate), p.Relationship,
		p.Education, p.Occupation, p.Disability, p.TargetGroup, p.Phone, p.Consent, dateText(p.ConsentDate)})
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16])
}

// RegionExists reports whether a region code (any level) is in the region
// tables, for areas that record a region without a person in it.
func (s *Service) RegionExists(ctx context.Context, code string) (bool, error) {
	_, err := s.regions.Get(ctx, code)
	if errs.CodeOf(err) == errs.NotFound {
		return false, nil
	}
	return err == nil, err
}

// checkPlace verifies that a village exists and lies in p's scope, and flags a
// NIK whose region prefix is unknown.
func (s *Service) checkPlace(ctx context.Context, p access.Principal, person *Person) error {
	if _, err := s.regions.Get(ctx, person.VillageCode); err != nil {
		return errs.New(errs.Invalid, "err.invalid").Field("village_code", "person.err.village_unknown")
	}
	if err := p.RequireScope(person.VillageCode); err != nil {
		return errs.New(errs.Forbidden, "err.out_of_scope").Field("village_code", "err.out_of_scope")
	}
	if n, err := ParseNIK(person.NIK, s.today()); err == nil {
		if _, err := s.regions.Get(ctx, n.DistrictCode); err != nil && !slices.Contains(person.Flags, FlagNIKRegionUnknown) {
			person.Flags = append(person.Flags, FlagNIKRegionUnknown)
		}
	}
	return nil
}

// CreatePerson records a person and, when its family card is new, the household.
func (s *Service) CreatePerson(ctx context.Context, p access.Principal, in PersonInput) (Person, error) {
	if err := p.Require(access.WriteRecords); err != nil {
		return Person{}, err
	}
	h, person, err := in.Parse(s.today())
	if err != nil {
		return Person{}, err
	}
	if err := s.checkPlace(ctx, p, &person); err != nil {
		return Person{}, err
	}
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		var err error
		person, err = s.insertPerson(ctx, tx, p, h, person, "")
		return err
	})
	return s.present(p, person), err
}

// insertPerson stores a new person, finding or creating its household, and
// audits both. A NIK already in the organisation is a conflict.
func (s *Service) insertPerson(ctx context.Context, tx *sql.Tx, p access.Principal, h Household, person Person, importID string) (Person, error) {
	existing, err := s.store.personsByNIK(ctx, tx, p.OrgID, []string{person.NIK})
	if err != nil {
		return person, err
	}
	if _, dup := existing[person.NIK]; dup {
		return person, errs.New(errs.Conflict, "person.err.nik_taken").Field("nik", "person.err.nik_taken")
	}
	h, err = s.household(ctx, tx, p, h)
	if err != nil {
		return person, err
	}
	now := s.clock()
	person.OrgID, person.ID, person.HouseholdID, person.CreatedAt, person.UpdatedAt = p.OrgID, newID(), h.ID, now, now
	if err := s.store.insertPerson(ctx, tx, person, contentHash(h, person), importID); err != nil {
		if db.IsUniqueViolation(err) {
			return person, errs.New(errs.Conflict, "person.err.nik_taken").Field("nik", "person.err.nik_taken")
		}
		return person, err
	}
	if err := s.store.insertWords(ctx, tx, person); err != nil {
		return person, err
	}
	return person, s.record(ctx, tx, p, "create", "person", person.ID, person.VillageCode, nil, person)
}

// household returns the organisation's household with h's family card, creating
// it when new. A card already registered in another village outside p's scope
// is refused rather than silently joined.
func (s *Service) household(ctx context.Context, tx *sql.Tx, p access.Principal, h Household) (Household, error) {
	found, err := s.store.householdsByKK(ctx, tx, p.OrgID, []string{h.KK})
	if err != nil {
		return h, err
	}
	if old, ok := found[h.KK]; ok {
		if !p.Covers(old.VillageCode) {
			return h, errs.New(errs.Forbidden, "err.out_of_scope").Field("kk", "person.err.kk_out_of_scope")
		}
		return old, nil
	}
	now := s.clock()
	h.OrgID, h.ID, h.CreatedAt, h.UpdatedAt = p.OrgID, newID(), now, now
	if err := s.store.insertHousehold(ctx, tx, h); err != nil {
		return h, err
	}
	return h, s.record(ctx, tx, p, "create", "household", h.ID, h.VillageCode, nil, h)
}

func (s *Service) record(ctx context.Context, tx *sql.Tx, p access.Principal, action, entity, id, regionCode string, before, after any) error {
	return s.audit.Record(ctx, tx, audit.Change{OrgID: p.OrgID, ActorID: p.UserID, ActorName: p.Username, Action: action,
		Entity: entity, EntityID: id, RegionCode: regionCode, Before: before, After: after})
}

// UpdatePerson replaces a person's details (and its household's address and
// village) with in; the change is audited with before and after.
func (s *Service) UpdatePerson(ctx context.Context, p access.Principal, id string, in PersonInput) (Person, error) {
	if err := p.Require(access.WriteRecords); err != nil {
		return Person{}, err
	}
	h, next, err := in.Parse(s.today())
	if err != nil {
		return Person{}, err
	}
	if err := s.checkPlace(ctx, p, &next); err != nil {
		return Person{}, err
	}
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		before, err := s.personInScope(ctx, tx, p, id)
		if err != nil {
			return err
		}
		next, err = s.applyUpdate(ctx, tx, p, before, h, next)
		return err
	})
	return s.present(p, next), err
}

// applyUpdate writes next over before (moving it to another household when the
// family card changed) and audits it.
func (s *Service) applyUpdate(ctx context.Context, tx *sql.Tx, p access.Principal, before personRow, h Household, next Person) (Person, error) {
	if next.NIK != before.NIK {
		taken, err := s.store.personsByNIK(ctx, tx, p.OrgID, []string{next.NIK})
		if err != nil {
			return next, err
		}
		if _, dup := taken[next.NIK]; dup {
			return next, errs.New(errs.Conflict, "person.err.nik_taken").Field("nik", "person.err.nik_taken")
		}
	}
	hh, err := s.household(ctx, tx, p, h)
	if err != nil {
		return next, err
	}
	if hh.Address != h.Address || hh.VillageCode != h.VillageCode {
		old := hh
		hh.Address, hh.VillageCode, hh.UpdatedAt = h.Address, h.VillageCode, s.clock()
		if err := s.store.updateHousehold(ctx, tx, hh); err != nil {
			return next, err
		}
		if err := s.record(ctx, tx, p, "update", "household", hh.ID, hh.VillageCode, old, hh); err != nil {
			return next, err
		}
	}
	next.OrgID, next.ID, next.HouseholdID, next.CreatedAt, next.UpdatedAt = p.OrgID, before.ID, hh.ID, before.CreatedAt, s.clock()
	if err := s.store.updatePerson(ctx, tx, next, contentHash(hh, next)); err != nil {
		return next, err
	}
	if before.MergedInto == "" { // a merged record has no words to search by
		if err := s.store.replaceWords(ctx, tx, next); err != nil {
			return next, err
		}
	}
	return next, s.record(ctx, tx, p, "update", "person", next.ID, next.VillageCode, before.Person, next)
}

// personInScope loads a person of p's organisation; one outside p's scope is
// reported as not found, so that its existence does not leak.
func (s *Service) personInScope(ctx context.Context, r db.Querier, p access.Principal, id string) (personRow, error) {
	row, err := s.store.person(ctx, r, p.OrgID, id)
	if errorsIsNoRows(err) || (err == nil && !p.Covers(row.VillageCode)) {
		return personRow{}, errs.New(errs.NotFound, "person.err.not_found")
	}
	return row, err
}

// PersonDetail is a person with its household, its fellow members and, for a
// merged record, the record it was merged into.
type PersonDetail struct {
	Person     Person    `json:"person"`
	Household  Household `json:"household"`
	Members    []Person  `json:"members"`
	MergedInto string    `json:"merged_into,omitempty"`
	ImportID   string    `json:"import_id,omitempty"`
}

// GetPerson returns one person in p's scope with its household.
func (s *Service) GetPerson(ctx context.Context, p access.Principal, id string) (PersonDetail, error) {
	if err := p.Require(access.ReadRecords); err != nil {
		return PersonDetail{}, err
	}
	row, err := s.personInScope(ctx, s.db.Reader(), p, id)
	if err != nil {
		return PersonDetail{}, err
	}
	h, err := s.store.household(ctx, s.db.Reader(), p.OrgID, row.HouseholdID)
	if err != nil {
		return PersonDetail{}, err
	}
	members, err := s.store.members(ctx, p.OrgID, h.ID)
	if err != nil {
		return PersonDetail{}, err
	}
	for i := range members {
		members[i] = s.present(p, members[i])
	}
	return PersonDetail{Person: s.present(p, row.Person), Household: s.presentHousehold(p, h), Members: members,
		MergedInto: row.MergedInto, ImportID: row.ImportID}, nil
}

// ListPersons returns one page of the persons in p's scope matching f.
func (s *Service) ListPersons(ctx context.Context, p access.Principal, f Filter) (Page, error) {
	if err := p.Require(access.ReadRecords); err != nil {
		return Page{}, err
	}
	if err := f.Normalize(); err != nil {
		return Page{}, err
	}
	page, err := s.store.listPersons(ctx, p.OrgID, p.Scope, f, s.today())
	for i := range page.Items {
		page.Items[i] = s.present(p, page.Items[i])
	}
	return page, err
}

// History lists the audit entries of a person, newest first.
func (s *Service) History(ctx context.Context, p access.Principal, id string) ([]audit.Entry, error) {
	if _, err := s.personInScope(ctx, s.db.Reader(), p, id); err != nil {
		return nil, err
	}
	entries, err := s.audit.ListFor(ctx, p.OrgID, "person", id, audit.MaxList)
	if err != nil || p.Can(access.SeeIdentifiers) {
		return entries, err
	}
	for i := range entries {
		entries[i].Before, entries[i].After = maskJSON(entries[i].Before), maskJSON(entries[i].After)
	}
	return entries, nil
}

// present masks identifiers for roles that may not see them.
func (s *Service) present(p access.Principal, person Person) Person {
	if !p.Can(access.SeeIdentifiers) {
		person.NIK = MaskID(person.NIK)
	}
	return person
}

func (s *Service) presentHousehold(p access.Principal, h Household) Household {
	if !p.Can(access.SeeIdentifiers) {
		h.KK = MaskID(h.KK)
	}
	return h
}

// maskJSON masks the nik and kk of a person or household snapshot.
func maskJSON(snapshot string) string {
	if snapshot == "" {
		return ""
	}
	var m map[string]any
	if json.Unmarshal([]byte(snapshot), &m) != nil {
		return ""
	}
	for _, k := range []string{"nik", "kk"} {
		if v, ok := m[k].(string); ok {
			m[k] = MaskID(v)
		}
	}
	b, _ := json.Marshal(m)
	return string(b)
}

func errorsIsNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

// CloseInterrupted marks import jobs still "running" as interrupted: called at
// start-up, when no import of this process can be running yet. Their committed
// batches stay; importing the same file again completes them.
func (s *Service) CloseInterrupted(ctx context.Context) error {
	return s.db.Tx(ctx, func(tx *sql.Tx) error { return s.store.markInterrupted(ctx, tx) })
}

// PersonsByID returns the persons of p's organisation and scope among ids,
// keyed by id, as p may see them (identifiers masked without the
// permission): one query for a list that shows many persons (a member book,
// a survey's sample). Ids out of scope or unknown are simply absent.
func (s *Service) PersonsByID(ctx context.Context, p access.Principal, ids []string) (map[string]Person, error) {
	if err := p.Require(access.ReadRecords); err != nil {
		return nil, err
	}
	persons, err := s.store.personsByID(ctx, p.OrgID, ids)
	out := make(map[string]Person, len(persons))
	for _, person := range persons {
		if p.Covers(person.VillageCode) {
			out[person.ID] = s.present(p, person)
		}
	}
	return out, err
}
