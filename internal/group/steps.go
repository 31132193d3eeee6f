package group

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/programme"
)

// StepRecord is one formation step as it happened: an FGD is a step of kind fgd.
type StepRecord struct {
	ID            string             `json:"id"`
	GroupID       string             `json:"group_id"`
	Kind          programme.StepKind `json:"kind"`
	Name          string             `json:"name"` // the template's wording, or ""
	Date          time.Time          `json:"date"`
	FacilitatorID string             `json:"facilitator_id,omitempty"`
	Attendance    []string           `json:"attendance"` // registry person ids
	Notes         string             `json:"notes"`
	CreatedAt     time.Time          `json:"created_at"`
}

// StepInput is a formation step as entered. The facilitator defaults to the
// user recording it.
type StepInput struct {
	Kind          string   `json:"kind"`
	Date          string   `json:"date"`
	FacilitatorID string   `json:"facilitator_id"`
	Attendance    []string `json:"attendance"`
	Notes         string   `json:"notes"`
}

// TemplateStep is one step of the programme's template with what was done.
type TemplateStep struct {
	programme.Step
	Required int          `json:"required"` // how many are needed (FGDs: the minimum; others 1)
	Done     []StepRecord `json:"done"`
	// MetBy names what else completed the step, so that the facilitator
	// records nothing twice: "board" when a board has been elected (the
	// board-formation step), "stage" when the group already operates (the
	// operation step); "" otherwise.
	MetBy string `json:"met_by,omitempty"`
}

// Complete reports whether the step needs no more records.
func (t TemplateStep) Complete() bool { return len(t.Done) >= t.Required || t.MetBy != "" }

// Formation is the guided workflow of a group: the template's steps in order
// with their records, and where the group stands against the formed rules.
type Formation struct {
	Steps   []TemplateStep     `json:"steps"`
	Next    programme.StepKind `json:"next"` // the first step not yet done enough, or ""
	FGDs    int                `json:"fgds"`
	FGDMin  int                `json:"fgd_min"`
	Members int                `json:"members"` // counting toward the bounds
	Min     int                `json:"min_members"`
	Max     int                `json:"max_members"` // 0: no upper bound
	// Ready says the group may be marked formed; Problem is the catalogue key
	// of why not, for the page to show before the user tries.
	Ready   bool   `json:"ready"`
	Problem string `json:"problem,omitempty"`
	// ProblemArgs are the numbers the Problem message shows (e.g. FGDs held
	// and needed).
	ProblemArgs []any `json:"problem_args,omitempty"`
}

// RecordStep records a formation step of a kind the programme's template has.
// Steps may be recorded in any order (field work rarely follows the plan);
// Formation shows which comes next.
func (s *Service) RecordStep(ctx context.Context, p access.Principal, groupID string, in StepInput) (StepRecord, error) {
	g, prog, err := s.writable(ctx, p, groupID)
	if err != nil {
		return StepRecord{}, err
	}
	rules, _ := prog.RulesFor(g.Type)
	st, err := s.parseStep(rules, in)
	if err != nil {
		return st, err
	}
	if st.FacilitatorID, err = s.facilitator(ctx, p, "facilitator_id", st.FacilitatorID); err != nil {
		return st, err
	}
	if st.Attendance, err = s.persons(ctx, p, "attendance", in.Attendance); err != nil {
		return st, err
	}
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := s.groupInScope(ctx, tx, p, groupID, true); err != nil {
			return err
		}
		st.ID, st.GroupID, st.CreatedAt = newID(), groupID, s.clock()
		if err := s.store.insertStep(ctx, tx, p.OrgID, st); err != nil {
			return err
		}
		return s.record(ctx, tx, p, "create", "formation_step", st.ID, g.VillageCode, nil, st)
	})
	return st, err
}

func (s *Service) parseStep(rules programme.Rules, in StepInput) (StepRecord, error) {
	f := errs.Fields{}
	st := StepRecord{Kind: programme.StepKind(strings.TrimSpace(in.Kind)), FacilitatorID: strings.TrimSpace(in.FacilitatorID)}
	for _, t := range rules.Steps {
		if t.Kind == st.Kind {
			st.Name = t.Name
		}
	}
	if !rules.HasStep(st.Kind) {
		f.Add("kind", "step.err.not_in_template")
	}
	st.Date = programme.ParseDayField(f, "date", in.Date, true, s.today())
	st.Notes = checkText(f, "notes", in.Notes, false)
	return st, f.Err()
}

// Formation returns a group's formation workflow.
func (s *Service) Formation(ctx context.Context, p access.Principal, groupID string) (Formation, error) {
	g, prog, err := s.readable(ctx, p, groupID)
	if err != nil {
		return Formation{}, err
	}
	steps, err := s.store.steps(ctx, p.OrgID, groupID)
	if err != nil {
		return Formation{}, err
	}
	members, err := s.store.members(ctx, s.db.Reader(), p.OrgID, groupID, false)
	if err != nil {
		return Formation{}, err
	}
	seats, err := s.store.currentSeats(ctx, s.db.Reader(), p.OrgID, groupID)
	if err != nil {
		return Formation{}, err
	}
	rules, _ := prog.RulesFor(g.Type)
	return buildFormation(g, rules, steps, countable(members), len(seats) > 0), nil
}

// buildFormation lays the recorded steps on the template.
func buildFormation(g Group, rules programme.Rules, steps []StepRecord, members int, board bool) Formation {
	f := Formation{FGDs: countKind(steps, programme.StepFGD), FGDMin: rules.FGDMin, Members: members, Min: rules.MinMembers, Max: rules.MaxMembers}
	for _, t := range rules.Steps {
		ts := TemplateStep{Step: t, Required: 1, Done: []StepRecord{}}
		if t.Kind == programme.StepFGD {
			ts.Required = max(rules.FGDMin, 1)
		}
		for _, st := range steps {
			if st.Kind == t.Kind {
				ts.Done = append(ts.Done, st)
			}
		}
		switch {
		case t.Kind == programme.StepBoard && board:
			ts.MetBy = "board"
		case t.Kind == programme.StepOperation && g.Stage.Rank() >= Operating.Rank():
			ts.MetBy = "stage"
		}
		if f.Next == "" && !ts.Complete() {
			f.Next = t.Kind
		}
		f.Steps = append(f.Steps, ts)
	}
	err := CheckFGDs(rules, f.FGDs)
	if err == nil {
		err = CheckBounds(rules, g.Settlement, members)
	}
	f.Ready = err == nil && g.Stage == Forming
	if e, ok := errs.As(err); ok {
		f.Problem, f.ProblemArgs = e.Msg, e.Args
	}
	return f
}

func countKind(steps []StepRecord, k programme.StepKind) int {
	n := 0
	for _, st := range steps {
		if st.Kind == k {
			n++
		}
	}
	return n
}
