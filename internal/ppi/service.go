package ppi

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"time"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/audit"
	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/google/uuid"
)

// Service keeps the scorecard catalogue. Reading and scoring are open to any
// caller, as for regions (cards are public reference data); importing needs
// access.ImportScorecards and is audited under the importer's organisation.
type Service struct {
	store store
	db    *db.DB
	audit *audit.Service
	now   func() time.Time
}

// NewService wires the scorecard service.
func NewService(d *db.DB, a *audit.Service) *Service {
	return &Service{store: store{db: d}, db: d, audit: a, now: time.Now}
}

// ImportResult tells what an import did.
type ImportResult struct {
	Card Summary
	// Unchanged is true when a card with the same name and the very same
	// content was already there (importing a file twice is harmless).
	Unchanged bool
}

// Import adds card to the catalogue under its Name. A card of that name with
// the same content is left as it is; with different content it is a
// conflict, never a replacement, because survey rounds scored with the old
// tables must keep them. The import is recorded in the audit log of p's
// organisation: the catalogue has no owner, but the act has an actor.
func (s *Service) Import(ctx context.Context, p access.Principal, card Scorecard) (ImportResult, error) {
	if err := p.Require(access.ImportScorecards); err != nil {
		return ImportResult{}, err
	}
	if card.Name == "" {
		return ImportResult{}, errs.New(errs.Invalid, "ppi.err.name_empty")
	}
	if err := card.Validate(); err != nil {
		return ImportResult{}, err
	}
	fp := Fingerprint(card)
	var res ImportResult
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		id, old, found, err := s.store.byName(ctx, tx, card.Name)
		if err != nil {
			return err
		}
		if found && old != fp {
			return errs.New(errs.Conflict, "ppi.err.name_taken", card.Name)
		}
		if found {
			card.ID, res.Unchanged = id, true
			return nil
		}
		return s.insert(ctx, tx, p, &card, fp)
	})
	res.Card = summarise(card)
	return res, err
}

// ImportFile reads a card from a file (see ReadFile: IPA's workbook, or the
// CSV form with its look-up file at lookupPath) and imports it, named name
// when that is not "" and else as the file names it. The permission is
// checked before the file is read, so that a caller who may not import
// spends no work on parsing it.
func (s *Service) ImportFile(ctx context.Context, p access.Principal, path, lookupPath, name string) (ImportResult, error) {
	if err := p.Require(access.ImportScorecards); err != nil {
		return ImportResult{}, err
	}
	card, err := ReadFile(path, lookupPath)
	if err != nil {
		return ImportResult{}, err
	}
	if name != "" {
		card.Name = name
	}
	return s.Import(ctx, p, card)
}

func (s *Service) insert(ctx context.Context, tx *sql.Tx, p access.Principal, card *Scorecard, fp string) error {
	card.ID = uuid.Must(uuid.NewV7()).String()
	at := s.now().UTC().Truncate(time.Microsecond)
	if err := s.store.insert(ctx, tx, *card, fp, at, p.Username); err != nil {
		return err
	}
	// The audit entry holds what identifies the card, not its tables: the
	// fingerprint pins the content.
	after := map[string]any{"name": card.Name, "year": card.Year, "source": card.Source, "fingerprint": fp,
		"questions": len(card.Questions), "lines": card.LineCodes()}
	return s.audit.Record(ctx, tx, audit.Change{OrgID: p.OrgID, ActorID: p.UserID, ActorName: p.Username,
		Action: "import", Entity: "ppi_scorecard", EntityID: card.ID, After: after})
}

func summarise(c Scorecard) Summary {
	return Summary{ID: c.ID, Name: c.Name, Year: c.Year, Source: c.Source, Questions: len(c.Questions), Lines: c.LineCodes()}
}

// Fingerprint hashes a card's content (lines, questions, answers, points,
// likelihoods; not its name or source), so that the same tables are
// recognised whichever file form they came from.
func Fingerprint(c Scorecard) string {
	c.ID, c.Name, c.Source, c.Year = "", "", "", 0
	b, _ := json.Marshal(c) // maps marshal with sorted keys: stable
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// List returns the catalogue, newest first. An empty catalogue is no error;
// callers show the "ppi.none" message, which says where to get a card.
func (s *Service) List(ctx context.Context) ([]Summary, error) { return s.store.list(ctx) }

// Get returns the card called name (or with that ID), complete.
func (s *Service) Get(ctx context.Context, name string) (Scorecard, error) {
	id, _, found, err := s.store.byName(ctx, s.db.Reader(), name)
	if err != nil {
		return Scorecard{}, err
	}
	if !found {
		id = name
	}
	c, err := s.store.get(ctx, id)
	if err == sql.ErrNoRows {
		return c, s.notFound(ctx, name)
	}
	return c, err
}

// notFound says the card is missing, and where to get one when the
// catalogue is empty.
func (s *Service) notFound(ctx context.Context, name string) error {
	all, err := s.store.list(ctx)
	if err != nil {
		return err
	}
	if len(all) == 0 {
		return errs.New(errs.NotFound, "ppi.none")
	}
	return errs.New(errs.NotFound, "ppi.err.not_found", name)
}

// Score scores one household on the card called name; see the function Score.
func (s *Service) Score(ctx context.Context, name, line string, answers map[int]string) (int, float64, error) {
	c, err := s.Get(ctx, name)
	if err != nil {
		return 0, 0, err
	}
	return Score(c, line, answers)
}
