package ppisurvey

import (
	"context"
	"errors"
	"slices"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/survey"
)

// RoundEstimate is a round's poverty rate on one line, with its breakdowns
// and score distribution. Rates are fractions 0..1 (see internal/survey for
// every formula).
type RoundEstimate struct {
	RoundID     string  `json:"round_id"`
	Line        string  `json:"line"`
	Alpha       float64 `json:"alpha"`
	Population  int     `json:"population"`  // N, counted at the draw
	Interviewed int     `json:"interviewed"` // n
	// Rate is the round's estimate: survey.EstimateStratified with the
	// strata's N_h for a stratified round, else survey.EstimateRate with N.
	Rate survey.Estimate `json:"rate"`
	// Strata are the strata's own estimates (stratified rounds only).
	Strata []survey.GroupEstimate `json:"strata,omitempty"`
	// Breakdowns by district, by group (group rounds only), by branch (group
	// rounds where some group has a unit; "" is the households whose group
	// has none) and by sex of the household head ("" where the head is not
	// registered), each category with its own N counted in the frame
	// (survey.Breakdown).
	ByDistrict []survey.GroupEstimate `json:"by_district"`
	ByGroup    []survey.GroupEstimate `json:"by_group,omitempty"`
	ByBranch   []survey.GroupEstimate `json:"by_branch,omitempty"`
	ByHeadSex  []survey.GroupEstimate `json:"by_head_sex"`
	Scores     []survey.Band          `json:"scores"` // survey.ScoreBands, width 5
}

// sampleData is a round's interviews on one line, unit by unit.
type sampleData struct {
	values []float64 // likelihoods as fractions
	scores []int
	units  []Unit
}

// Estimates estimates the round's poverty rate on line from its interviews:
// the mean of the households' likelihoods, never the likelihood of the mean
// score. It needs a view of the whole round: a user whose scope covers only
// part of the round's region would get an estimate of part of the sample
// weighted as if it were all of it, so that is refused.
func (s *Service) Estimates(ctx context.Context, p access.Principal, roundID, line string) (RoundEstimate, error) {
	if err := p.Require(access.ReadRecords); err != nil {
		return RoundEstimate{}, err
	}
	r, err := s.roundVisible(ctx, s.db.Reader(), p, roundID, false)
	if err != nil {
		return RoundEstimate{}, err
	}
	if !p.Covers(r.Region) {
		return RoundEstimate{}, errs.New(errs.Forbidden, "ppisurvey.err.estimate_scope")
	}
	if !r.HasLine(line) {
		return RoundEstimate{}, invalid("line", "ppisurvey.err.line")
	}
	if !r.Drawn() {
		return RoundEstimate{}, errs.New(errs.Invalid, "ppisurvey.err.not_drawn")
	}
	frame, data, err := s.sample(ctx, p, r, line)
	if err != nil {
		return RoundEstimate{}, err
	}
	out, err := estimate(r, line, frame, data)
	if errors.Is(err, survey.ErrInvalid) {
		return out, errs.New(errs.Invalid, "ppisurvey.err.estimate", err.Error())
	}
	return out, err
}

// sample loads the round's frame and its interviews' results on line.
func (s *Service) sample(ctx context.Context, p access.Principal, r Round, line string) ([]Unit, sampleData, error) {
	var d sampleData
	frame, err := s.store.units(ctx, s.db.Reader(), p.OrgID, r.ID)
	if err != nil {
		return nil, d, err
	}
	ivs, err := s.store.interviews(ctx, p.OrgID, r.ID)
	if err != nil {
		return nil, d, err
	}
	byID := map[string]Unit{}
	for _, u := range frame {
		byID[u.ID] = u
	}
	for _, iv := range ivs {
		sc, ok := iv.Score(line)
		if !ok {
			continue
		}
		d.values = append(d.values, sc.Likelihood/100)
		d.scores = append(d.scores, sc.Score)
		d.units = append(d.units, byID[iv.UnitID])
	}
	if len(d.values) == 0 {
		return nil, d, errs.New(errs.Invalid, "ppisurvey.err.no_interviews")
	}
	return frame, d, nil
}

// estimate computes a round's estimate from its frame and sample (pure).
func estimate(r Round, line string, frame []Unit, d sampleData) (RoundEstimate, error) {
	out := RoundEstimate{RoundID: r.ID, Line: line, Alpha: r.Alpha(line), Population: r.PopulationSize, Interviewed: len(d.values)}
	opts := survey.EstimateOptions{Confidence: r.Confidence, Alpha: out.Alpha, Population: r.PopulationSize}
	var err error
	if r.Method == Stratified {
		var st survey.StratifiedEstimate
		st, err = survey.EstimateStratified(d.values, categories(d.units, r.StrataColumn), r.StrataSizes, opts)
		out.Rate, out.Strata = st.Estimate, st.Strata
	} else {
		out.Rate, err = survey.EstimateRate(d.values, opts)
	}
	if err != nil {
		return out, err
	}
	if out.ByDistrict, err = breakdown(frame, d, ByDistrict, opts); err != nil {
		return out, err
	}
	if out.ByGroup, out.ByBranch, err = groupBreakdowns(r, frame, d, opts); err != nil {
		return out, err
	}
	if out.ByHeadSex, err = breakdown(frame, d, ByHeadSex, opts); err != nil {
		return out, err
	}
	out.Scores, err = survey.ScoreBands(d.scores, 5)
	return out, err
}

// groupBreakdowns are the breakdowns of a group round by group and by
// branch; a round none of whose groups has a unit has no breakdown by
// branch (it would be one row, the whole round, named "no branch").
func groupBreakdowns(r Round, frame []Unit, d sampleData, opts survey.EstimateOptions) (byGroup, byBranch []survey.GroupEstimate, err error) {
	if r.Population != GroupMembers {
		return nil, nil, nil
	}
	if byGroup, err = breakdown(frame, d, ByGroup, opts); err != nil {
		return nil, nil, err
	}
	if !slices.ContainsFunc(frame, func(u Unit) bool { return u.BranchID != "" }) {
		return byGroup, nil, nil
	}
	byBranch, err = breakdown(frame, d, ByBranch, opts)
	return byGroup, byBranch, err
}

func categories(units []Unit, column string) []string {
	out := make([]string, len(units))
	for i, u := range units {
		out[i] = u.Category(column)
	}
	return out
}

// breakdown estimates per category of column, each with its N counted in
// the frame.
func breakdown(frame []Unit, d sampleData, column string, opts survey.EstimateOptions) ([]survey.GroupEstimate, error) {
	pops := map[string]int{}
	for _, u := range frame {
		pops[u.Category(column)]++
	}
	return survey.Breakdown(d.values, categories(d.units, column), pops, opts)
}

// Comparison is the change between a baseline and a follow-up round on
// one line.
type Comparison struct {
	Baseline RoundEstimate `json:"baseline"`
	FollowUp RoundEstimate `json:"follow_up"`
	// Change is survey.EstimateChange of the two rates with N the
	// follow-up's population: the difference, its interval, the net change
	// in poor households d·N, and the assumptions (message keys) to print.
	Change survey.Change `json:"change"`
}

// Compare estimates the change in the poverty rate on line between a
// baseline round and a follow-up round, which must use the same scorecard
// and the same confidence level.
func (s *Service) Compare(ctx context.Context, p access.Principal, baselineID, followUpID, line string) (Comparison, error) {
	var c Comparison
	base, err := s.GetRound(ctx, p, baselineID)
	if err != nil {
		return c, err
	}
	follow, err := s.GetRound(ctx, p, followUpID)
	if err != nil {
		return c, err
	}
	if base.ScorecardID != follow.ScorecardID {
		return c, invalid("baseline_id", "ppisurvey.err.baseline_card")
	}
	if c.Baseline, err = s.Estimates(ctx, p, baselineID, line); err != nil {
		return c, err
	}
	if c.FollowUp, err = s.Estimates(ctx, p, followUpID, line); err != nil {
		return c, err
	}
	c.Change, err = survey.EstimateChange(c.Baseline.Rate, c.FollowUp.Rate, c.FollowUp.Population)
	if errors.Is(err, survey.ErrInvalid) {
		return c, errs.New(errs.Invalid, "ppisurvey.err.estimate", err.Error())
	}
	return c, err
}
