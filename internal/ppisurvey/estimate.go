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
	all, err := s.estimates(ctx, p, roundID, []string{line})
	if err != nil {
		return RoundEstimate{}, err
	}
	return all[0], nil
}

// estimates is Estimates on each of lines, reading the round's frame and
// interviews once for all of them.
func (s *Service) estimates(ctx context.Context, p access.Principal, roundID string, lines []string) ([]RoundEstimate, error) {
	if err := p.Require(access.ReadRecords); err != nil {
		return nil, err
	}
	r, err := s.roundVisible(ctx, s.db.Reader(), p, roundID, false)
	if err != nil {
		return nil, err
	}
	if !p.Covers(r.Region) {
		return nil, errs.New(errs.Forbidden, "ppisurvey.err.estimate_scope")
	}
	for _, line := range lines {
		if !r.HasLine(line) {
			return nil, invalid("line", "ppisurvey.err.line")
		}
	}
	if !r.Drawn() {
		return nil, errs.New(errs.Invalid, "ppisurvey.err.not_drawn")
	}
	frame, err := s.store.units(ctx, s.db.Reader(), p.OrgID, r.ID)
	if err != nil {
		return nil, err
	}
	ivs, err := s.store.interviews(ctx, p.OrgID, r.ID)
	if err != nil {
		return nil, err
	}
	out := make([]RoundEstimate, 0, len(lines))
	for _, line := range lines {
		data, err := sampleOn(frame, ivs, line)
		if err != nil {
			return nil, err
		}
		e, err := estimate(r, line, frame, data)
		if errors.Is(err, survey.ErrInvalid) {
			return nil, errs.New(errs.Invalid, "ppisurvey.err.estimate", err.Error())
		}
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

// sampleOn is the round's interviews' results on line, unit by unit.
func sampleOn(frame []Unit, ivs []Interview, line string) (sampleData, error) {
	var d sampleData
	byID := make(map[string]Unit, len(frame))
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
		return d, errs.New(errs.Invalid, "ppisurvey.err.no_interviews")
	}
	return d, nil
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
	all, err := s.compare(ctx, p, baselineID, followUpID, []string{line})
	if err != nil {
		return Comparison{}, err
	}
	return all[0], nil
}

// compare is Compare on each of lines, reading each round once.
func (s *Service) compare(ctx context.Context, p access.Principal, baselineID, followUpID string, lines []string) ([]Comparison, error) {
	base, err := s.GetRound(ctx, p, baselineID)
	if err != nil {
		return nil, err
	}
	follow, err := s.GetRound(ctx, p, followUpID)
	if err != nil {
		return nil, err
	}
	if base.ScorecardID != follow.ScorecardID {
		return nil, invalid("baseline_id", "ppisurvey.err.baseline_card")
	}
	bases, err := s.estimates(ctx, p, baselineID, lines)
	if err != nil {
		return nil, err
	}
	follows, err := s.estimates(ctx, p, followUpID, lines)
	if err != nil {
		return nil, err
	}
	out := make([]Comparison, len(lines))
	for i := range lines {
		c := Comparison{Baseline: bases[i], FollowUp: follows[i]}
		c.Change, err = survey.EstimateChange(c.Baseline.Rate, c.FollowUp.Rate, c.FollowUp.Population)
		if errors.Is(err, survey.ErrInvalid) {
			return nil, errs.New(errs.Invalid, "ppisurvey.err.estimate", err.Error())
		}
		if err != nil {
			return nil, err
		}
		out[i] = c
	}
	return out, nil
}
