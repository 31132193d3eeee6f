package group

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/programme"
)

// StageInput is a stage change as entered. Evidence says what shows the group
// reached the stage (e.g. "FGD ke-3, berita acara pembentukan"). A correction
// moves a stage set by mistake, backwards if need be.
type StageInput struct {
	To         string `json:"to"`
	Date       string `json:"date"`
	Evidence   string `json:"evidence"`
	Correction bool   `json:"correction"`
}

// StageChoices are the stages a stage change may name from the stage from
// (every other one but cooperative, reached only by the upgrade), and the
// one a form proposes: the next, or "" when there is none to move to.
func StageChoices(from Stage) (choices []Stage, next Stage) {
	for _, st := range Stages {
		if st != Cooperative && st != from {
			choices = append(choices, st)
		}
	}
	if i := from.Rank() + 1; i < len(Stages) && Stages[i] != Cooperative {
		next = Stages[i]
	}
	return choices, next
}

// ChangeStage moves a group to another stage under the rules of CheckStage.
// Corrections are a manager's (programmes.manage): a facilitator moves groups
// forward only.
func (s *Service) ChangeStage(ctx context.Context, p access.Principal, groupID string, in StageInput) (Group, error) {
	perm := access.WriteRecords
	if in.Correction {
		perm = access.ManageProgrammes
	}
	if err := p.Require(perm); err != nil {
		return Group{}, err
	}
	g, prog, err := s.readable(ctx, p, groupID)
	if err != nil {
		return g, err
	}
	f := errs.Fields{}
	ch := StageChange{To: Stage(strings.TrimSpace(in.To)), Correction: in.Correction}
	ch.Date = programme.ParseDayField(f, "date", in.Date, true, s.today())
	ch.Evidence = checkText(f, "evidence", in.Evidence, true)
	if err := f.Err(); err != nil {
		return g, err
	}
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		if g, err = s.groupInScope(ctx, tx, p, groupID, true); err != nil {
			return err
		}
		g, err = s.moveStage(ctx, tx, p, g, prog, ch)
		return err
	})
	return g, err
}

func (s *Service) moveStage(ctx context.Context, tx *sql.Tx, p access.Principal, g Group, prog programme.Programme, ch StageChange) (Group, error) {
	facts, err := s.facts(ctx, tx, p.OrgID, g, prog)
	if err != nil {
		return g, err
	}
	if err := CheckStage(g.Stage, ch.To, ch.Correction, facts); err != nil {
		return g, err
	}
	if err := s.checkAfterLast(ctx, tx, p.OrgID, g.ID, ch.Date); err != nil {
		return g, err
	}
	before := g
	ch.From, g.Stage, g.UpdatedAt = g.Stage, ch.To, s.clock()
	if err := s.store.setStage(ctx, tx, g); err != nil {
		return g, err
	}
	if err := s.addStageChange(ctx, tx, p, g, ch); err != nil {
		return g, err
	}
	action := "stage"
	if ch.Correction {
		action = "stage_correction"
	}
	return g, s.record(ctx, tx, p, action, "group", g.ID, g.VillageCode, before, ch)
}

// facts gathers what the stage rules look at.
func (s *Service) facts(ctx context.Context, tx *sql.Tx, orgID string, g Group, prog programme.Programme) (Facts, error) {
	rules, _ := prog.RulesFor(g.Type)
	f := Facts{Rules: rules, Settlement: g.Settlement}
	steps, err := s.store.steps(ctx, orgID, g.ID)
	if err != nil {
		return f, err
	}
	members, err := s.store.members(ctx, tx, orgID, g.ID, false)
	if err != nil {
		return f, err
	}
	seats, err := s.store.currentSeats(ctx, tx, orgID, g.ID)
	f.FGDs, f.Members, f.Board = countKind(steps, programme.StepFGD), countable(members), HasCoreBoard(seats)
	return f, err
}

// checkAfterLast refuses a change dated before any earlier change, so that
// the history reads in order.
func (s *Service) checkAfterLast(ctx context.Context, r db.Querier, orgID, groupID string, day time.Time) error {
	changes, err := s.store.stageChangesIn(ctx, r, orgID, groupID)
	if err != nil {
		return err
	}
	for _, ch := range changes {
		// The opening entry (creation, carry-over) is dated when it was
		// typed, often after the field work it records: it does not count.
		if ch.From != "" && day.Before(ch.Date) {
			return invalid("date", "stage.err.before_last")
		}
	}
	return nil
}

func (s *Service) addStageChange(ctx context.Context, tx *sql.Tx, p access.Principal, g Group, ch StageChange) error {
	ch.ID, ch.UserID, ch.CreatedAt = newID(), p.UserID, s.clock()
	return s.store.insertStageChange(ctx, tx, p.OrgID, g.ID, ch)
}

// UpgradeInput is what a developed group becomes a legal cooperative with.
type UpgradeInput struct {
	Date        string   `json:"date"`
	Statutes    string   `json:"statutes"` // AD/ART
	LegalNumber string   `json:"legal_number"`
	LegalDate   string   `json:"legal_date"`
	Supervisors []string `json:"supervisors"` // person ids of members
	Evidence    string   `json:"evidence"`
}

func (in UpgradeInput) parse(today time.Time) (CooperativeInfo, StageChange, error) {
	f := errs.Fields{}
	c := CooperativeInfo{Statutes: checkText(f, "statutes", in.Statutes, true), LegalNumber: programme.CleanText(in.LegalNumber)}
	if c.LegalNumber == "" {
		f.Add("legal_number", "group.err.legal_number")
	}
	c.LegalDate = programme.ParseDayField(f, "legal_date", in.LegalDate, true, today)
	c.UpgradedOn = programme.ParseDayField(f, "date", in.Date, true, today)
	ch := StageChange{To: Cooperative, Date: c.UpgradedOn, Evidence: checkText(f, "evidence", in.Evidence, false)}
	if ch.Evidence == "" {
		ch.Evidence = c.LegalNumber
	}
	if len(in.Supervisors) == 0 {
		f.Add("supervisors", "board.err.supervisor_required")
	}
	return c, ch, f.Err()
}

// Upgrade turns a developing group into a cooperative: the same record
// changes type and stage (so its history stays one line), keeps its statutes
// and legal registration, and its board gains the supervisors, who must be
// members.
func (s *Service) Upgrade(ctx context.Context, p access.Principal, groupID string, in UpgradeInput) (Group, error) {
	g, _, err := s.writable(ctx, p, groupID)
	if err != nil {
		return g, err
	}
	c, ch, err := in.parse(s.today())
	if err != nil {
		return g, err
	}
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		if g, err = s.groupInScope(ctx, tx, p, groupID, true); err != nil {
			return err
		}
		g, err = s.upgrade(ctx, tx, p, g, c, ch, in.Supervisors)
		return err
	})
	return g, err
}

func (s *Service) upgrade(ctx context.Context, tx *sql.Tx, p access.Principal, g Group, c CooperativeInfo, ch StageChange, supervisors []string) (Group, error) {
	if g.Stage != Developing {
		return g, errs.New(errs.Conflict, "group.err.upgrade_stage").Field("stage", "group.err.upgrade_stage")
	}
	if err := s.checkAfterLast(ctx, tx, p.OrgID, g.ID, ch.Date); err != nil {
		return g, err
	}
	seats, err := s.supervisorSeats(ctx, tx, p.OrgID, g, ch.Date, supervisors)
	if err != nil {
		return g, err
	}
	before := g
	c.FormerType, c.UserID = g.Type, p.UserID
	ch.From, g.Type, g.Stage, g.UpdatedAt = g.Stage, programme.Cooperative, Cooperative, s.clock()
	if err := s.store.upgrade(ctx, tx, p.OrgID, g, c); err != nil {
		return g, err
	}
	for _, seat := range seats {
		if err := s.store.insertSeat(ctx, tx, p.OrgID, g.ID, seat, g.UpdatedAt); err != nil {
			return g, err
		}
	}
	if err := s.addStageChange(ctx, tx, p, g, ch); err != nil {
		return g, err
	}
	return g, s.record(ctx, tx, p, "upgrade", "group", g.ID, g.VillageCode, before, map[string]any{"group": g, "cooperative": c})
}

// supervisorSeats builds the supervisors' seats and checks the whole board a
// cooperative will have.
func (s *Service) supervisorSeats(ctx context.Context, tx *sql.Tx, orgID string, g Group, day time.Time, ids []string) ([]Seat, error) {
	members, err := s.store.members(ctx, tx, orgID, g.ID, false)
	if err != nil {
		return nil, err
	}
	current, err := s.store.currentSeats(ctx, tx, orgID, g.ID)
	if err != nil {
		return nil, err
	}
	active := activeMap(members)
	var added []Seat
	for _, id := range ids {
		added = append(added, Seat{ID: newID(), PersonID: id, Name: active[id].Name, Role: Supervisor, TermStart: day})
	}
	return added, CheckSeats(programme.Cooperative, append(current, added...), active)
}
