package ppisurvey

import (
	"context"
	"database/sql"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/i18n"
	"github.com/berdaya/berdaya/internal/ppi"
)

// QuestionField is the field name of question no in errors and files: "q3".
func QuestionField(no int) string { return "q" + strconv.Itoa(no) }

// CheckAnswers validates a household's answers against card, filling in
// the answers the registry already knows (known, e.g. the province): a
// known answer left blank is taken from the registry, and one given that
// differs from it is refused, since the score must be of the household as
// registered. Every question must be answered with one of its codes (IPA
// scores all ten). Problems are field errors named after the question
// ("q3"). Codes are read without regard to case or spaces.
func CheckAnswers(card ppi.Scorecard, answers, known map[int]string) (map[int]string, error) {
	f := errs.Fields{}
	out := map[int]string{}
	for no := range answers {
		if no < 1 || no > len(card.Questions) {
			f.Add(QuestionField(no), "ppisurvey.err.question_unknown")
		}
	}
	for _, q := range card.Questions {
		field := QuestionField(q.No)
		code := strings.ToUpper(strings.TrimSpace(answers[q.No]))
		k, isKnown := known[q.No]
		switch {
		case isKnown && code == "":
			code = k
		case isKnown && code != k:
			f.Add(field, "ppisurvey.err.known_mismatch")
		}
		if code == "" {
			f.Add(field, "ppisurvey.err.answer_missing")
		} else if _, ok := q.Answer(code); !ok {
			f.Add(field, "ppisurvey.err.answer_code")
		}
		out[q.No] = code
	}
	return out, f.Err()
}

// ScoreLines scores complete answers on each line, with internal/ppi.
func ScoreLines(card ppi.Scorecard, lines []string, answers map[int]string) ([]LineScore, error) {
	out := make([]LineScore, 0, len(lines))
	for _, l := range lines {
		total, err := ppi.Total(card, l, answers)
		if err != nil {
			return nil, err
		}
		score, pct, err := ppi.Score(card, l, answers)
		if err != nil {
			return nil, err
		}
		out = append(out, LineScore{Line: l, Total: total, Score: score, Likelihood: pct})
	}
	return out, nil
}

// interviewContext is what checking an interview needs.
type interviewContext struct {
	round Round
	card  ppi.Scorecard
	unit  Unit
}

func (s *Service) loadContext(ctx context.Context, p access.Principal, unitID string) (interviewContext, error) {
	var c interviewContext
	var err error
	if c.unit, err = s.unitInScope(ctx, s.db.Reader(), p, unitID, false); err != nil {
		return c, err
	}
	if c.round, err = s.store.round(ctx, s.db.Reader(), p.OrgID, c.unit.RoundID, false); err != nil {
		return c, err
	}
	c.card, err = s.cards.Get(ctx, c.round.ScorecardID)
	return c, err
}

// prepare turns an input into a scored interview of c's unit; enumerator is
// the default enumerator ("" for none).
func (s *Service) prepare(ctx context.Context, p access.Principal, c interviewContext, in InterviewInput, enumerator string) (Interview, error) {
	f := errs.Fields{}
	iv := Interview{RoundID: c.round.ID, UnitID: c.unit.ID, VillageCode: c.unit.VillageCode, EnumeratorID: in.EnumeratorID}
	s.parseDate(in.Date, &iv, f)
	if iv.EnumeratorID == "" {
		iv.EnumeratorID = enumerator
	}
	if ok, err := s.store.userExists(ctx, p.OrgID, iv.EnumeratorID); err != nil {
		return iv, err
	} else if !ok {
		f.Add("enumerator_id", "user.err.not_found")
	}
	answers, err := CheckAnswers(c.card, in.Answers, KnownAnswers(c.card, c.unit.VillageCode))
	if e, ok := errs.As(err); ok {
		for k, v := range e.Fields {
			f.Add(k, v)
		}
	}
	if err := f.Err(); err != nil {
		return iv, err
	}
	iv.Answers = answers
	iv.Scores, err = ScoreLines(c.card, c.round.Lines, answers)
	return iv, err
}

// parseDate reads the interview date: required, and not after today (WIB).
func (s *Service) parseDate(raw string, iv *Interview, f errs.Fields) {
	if strings.TrimSpace(raw) == "" {
		f.Add("date", "err.date_required")
		return
	}
	d, err := i18n.ParseDate(raw)
	if err != nil {
		f.Add("date", "err.date")
		return
	}
	iv.Date = time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
	today := s.now().In(i18n.Zone)
	if iv.Date.After(time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)) {
		f.Add("date", "ppisurvey.err.date_future")
	}
}

// RecordInterview saves a sampled household's interview, scored on each of
// the round's lines when saved. The enumerator defaults to the acting user.
// A household interviewed already is corrected with CorrectInterview.
func (s *Service) RecordInterview(ctx context.Context, p access.Principal, unitID string, in InterviewInput) (Interview, error) {
	if err := p.Require(access.WriteRecords); err != nil {
		return Interview{}, err
	}
	c, err := s.loadContext(ctx, p, unitID)
	if err != nil {
		return Interview{}, err
	}
	iv, err := s.prepare(ctx, p, c, in, p.UserID)
	if err != nil {
		return iv, err
	}
	err = s.db.Tx(ctx, func(tx *sql.Tx) error { return s.insertInterview(ctx, tx, p, &iv) })
	return iv, err
}

func (s *Service) insertInterview(ctx context.Context, tx *sql.Tx, p access.Principal, iv *Interview) error {
	u, err := s.store.unit(ctx, tx, p.OrgID, iv.UnitID, true)
	if err != nil {
		return err
	}
	switch u.Status {
	case StatusSample:
	case StatusInterviewed:
		return errs.New(errs.Conflict, "ppisurvey.err.interviewed")
	default:
		return errs.New(errs.Conflict, "ppisurvey.err.not_in_sample")
	}
	now := s.clock()
	iv.ID, iv.CreatedAt, iv.UpdatedAt = newID(), now, now
	if err := s.store.insertInterview(ctx, tx, p.OrgID, *iv); err != nil {
		return err
	}
	u.Status, u.UpdatedAt = StatusInterviewed, now
	if err := s.store.setUnit(ctx, tx, p.OrgID, u); err != nil {
		return err
	}
	return s.record(ctx, tx, p, "create", "ppi_interview", iv.ID, iv.VillageCode, nil, iv)
}

// GetInterview returns an interview in p's scope with its corrections,
// oldest first.
func (s *Service) GetInterview(ctx context.Context, p access.Principal, id string) (Interview, []Correction, error) {
	if err := p.Require(access.ReadRecords); err != nil {
		return Interview{}, nil, err
	}
	iv, err := s.interviewInScope(ctx, p, "id", id)
	if err != nil {
		return iv, nil, err
	}
	cs, err := s.store.corrections(ctx, p.OrgID, id)
	return iv, cs, err
}

// InterviewOfUnit returns the interview of a sampled household in p's scope
// with its corrections, oldest first, so that a form can show what was
// recorded and correct it. A household not interviewed yet has none: the
// error is not found.
func (s *Service) InterviewOfUnit(ctx context.Context, p access.Principal, unitID string) (Interview, []Correction, error) {
	if err := p.Require(access.ReadRecords); err != nil {
		return Interview{}, nil, err
	}
	iv, err := s.interviewInScope(ctx, p, "unit_id", unitID)
	if err != nil {
		return iv, nil, err
	}
	cs, err := s.store.corrections(ctx, p.OrgID, iv.ID)
	return iv, cs, err
}

func (s *Service) interviewInScope(ctx context.Context, p access.Principal, by, key string) (Interview, error) {
	iv, err := s.store.interview(ctx, s.db.Reader(), p.OrgID, by, key)
	if isNoRows(err) || (err == nil && !p.Covers(iv.VillageCode)) {
		return Interview{}, errs.New(errs.NotFound, "ppisurvey.err.interview_not_found")
	}
	if err != nil {
		return iv, err
	}
	r, err := s.store.round(ctx, s.db.Reader(), p.OrgID, iv.RoundID, false)
	iv.Scores = inLineOrder(iv.Scores, r.Lines)
	return iv, err
}

// inLineOrder puts scores in the round's line order.
func inLineOrder(scores []LineScore, lines []string) []LineScore {
	out := make([]LineScore, 0, len(scores))
	for _, l := range lines {
		for _, sc := range scores {
			if sc.Line == l {
				out = append(out, sc)
			}
		}
	}
	return out
}

// CorrectInterview replaces an interview's date, enumerator and answers
// and scores it again; a reason is required. The interview keeps its ID;
// the correction is kept with its before and after, and audited. A
// correction that would change nothing stores nothing and returns the
// interview as it was (the caller tells with Interview.Same).
func (s *Service) CorrectInterview(ctx context.Context, p access.Principal, id string, in InterviewInput) (Interview, error) {
	if err := p.Require(access.WriteRecords); err != nil {
		return Interview{}, err
	}
	before, err := s.interviewInScope(ctx, p, "id", id)
	if err != nil {
		return before, err
	}
	if strings.TrimSpace(in.Reason) == "" {
		return before, invalid("reason", "err.text_required")
	}
	c, err := s.loadContext(ctx, p, before.UnitID)
	if err != nil {
		return before, err
	}
	next, err := s.prepare(ctx, p, c, in, before.EnumeratorID)
	if err != nil || before.Same(next) {
		return before, err
	}
	next.ID, next.CreatedAt, next.UpdatedAt = before.ID, before.CreatedAt, s.clock()
	err = s.db.Tx(ctx, func(tx *sql.Tx) error { return s.correct(ctx, tx, p, before, next, strings.TrimSpace(in.Reason)) })
	return next, err
}

func (s *Service) correct(ctx context.Context, tx *sql.Tx, p access.Principal, before, next Interview, reason string) error {
	// Lock the unit, so two corrections of one interview follow each other.
	if _, err := s.store.unit(ctx, tx, p.OrgID, before.UnitID, true); err != nil {
		return err
	}
	if err := s.store.updateInterview(ctx, tx, p.OrgID, next); err != nil {
		return err
	}
	c := Correction{ID: newID(), UserID: p.UserID, Reason: reason, Before: before, After: next, CreatedAt: next.UpdatedAt}
	if err := s.store.insertCorrection(ctx, tx, p.OrgID, c); err != nil {
		return err
	}
	return s.record(ctx, tx, p, "correct", "ppi_interview", next.ID, next.VillageCode, before, next)
}

// Same reports whether two versions of an interview hold the same date,
// enumerator and answers: what a correction can change (the scores follow
// from the answers).
func (iv Interview) Same(o Interview) bool {
	return iv.Date.Equal(o.Date) && iv.EnumeratorID == o.EnumeratorID && maps.Equal(iv.Answers, o.Answers)
}

// AnswerChange is one answer a correction changed.
type AnswerChange struct {
	No     int    `json:"no"`     // the question's number
	Before string `json:"before"` // answer code before ("" when there was none)
	After  string `json:"after"`
}

// Changes lists the answers the correction changed, by question number.
func (c Correction) Changes() []AnswerChange {
	nos := slices.Collect(maps.Keys(c.Before.Answers))
	for no := range c.After.Answers {
		if _, ok := c.Before.Answers[no]; !ok {
			nos = append(nos, no)
		}
	}
	slices.Sort(nos)
	out := []AnswerChange{}
	for _, no := range nos {
		if b, a := c.Before.Answers[no], c.After.Answers[no]; a != b {
			out = append(out, AnswerChange{No: no, Before: b, After: a})
		}
	}
	return out
}
