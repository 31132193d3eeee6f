package survey

import (
	"math"
	"slices"
)

// Message keys of the assumptions behind a change estimate, for a page or a
// report to print with it (the catalogue holds their wording; the English
// text is given with each key).
const (
	// AssumeSameScorecardLine: "Both rounds used the same scorecard and the same poverty line."
	AssumeSameScorecardLine = "survey.assume.same_scorecard_line"
	// AssumeIndependentSamples: "The two rounds are independent samples (not the same households
	// interviewed twice)."
	AssumeIndependentSamples = "survey.assume.independent_samples"
	// AssumeNormalApproximation: "The interval uses the normal approximation."
	AssumeNormalApproximation = "survey.assume.normal_approximation"
	// AssumeNetChange: "The number of households is the net change in poor households (the
	// difference in rates times the population), not a count of households
	// that individually moved, and assumes a population of the size given."
	AssumeNetChange = "survey.assume.net_change"
	// AssumeNoBiasCorrection: "The scorecard's known bias is not subtracted (Schreiner advises against it)."
	AssumeNoBiasCorrection = "survey.assume.no_bias_correction"
)

// Change is the change in a poverty rate between a baseline and a follow-up
// round. Rates and differences are fractions; a negative Difference means
// the rate fell.
type Change struct {
	Baseline   Estimate `json:"baseline"`
	FollowUp   Estimate `json:"follow_up"`
	Difference float64  `json:"difference"` // d = p̂_follow-up − p̂_baseline
	SE         float64  `json:"se"`         // √(SE_baseline² + SE_follow-up²)
	Low        float64  `json:"ci_low"`     // max(−1, d − z·SE)
	High       float64  `json:"ci_high"`    // min(1, d + z·SE)
	Confidence float64  `json:"confidence"`
	// Population is the N the household figures are for; 0 when not given,
	// and then the Households fields are 0.
	Population int `json:"population"`
	// Households = d·N: the estimated net change in the number of poor
	// households (negative: fewer poor households), with its interval
	// [Low·N, High·N]. Not rounded, so a page can choose its rounding.
	Households     float64 `json:"households"`
	HouseholdsLow  float64 `json:"households_low"`
	HouseholdsHigh float64 `json:"households_high"`
	// Assumptions are message keys (the Assume… constants) to print with it.
	Assumptions []string `json:"assumptions"`
}

// EstimateChange compares two rounds estimated separately (EstimateRate or
// EstimateStratified, each with its own α and corrections) on the same
// scorecard and poverty line. With independent samples the variances add:
//
//	d  = p̂₂ − p̂₁
//	σ  = √(σ₁² + σ₂²)       (Schreiner's σ = √(2α·p̂(1−p̂)/n) when n and p̂ are equal)
//	CI = d ± z·σ clipped to [−1, 1], z for the rounds' common confidence level
//	households = d·N, interval [CI_low·N, CI_high·N]
//
// Both estimates must have the same confidence level; population (N, the
// households the change applies to, usually the follow-up population) may
// be 0 to skip the household figures.
func EstimateChange(baseline, followUp Estimate, population int) (Change, error) {
	if baseline.N < 1 || followUp.N < 1 {
		return Change{}, invalid("both rounds need at least one household")
	}
	if math.Abs(baseline.Confidence-followUp.Confidence) > 1e-12 {
		return Change{}, invalid("the rounds have different confidence levels (%v and %v)", baseline.Confidence, followUp.Confidence)
	}
	if population < 0 {
		return Change{}, invalid("population %d must not be negative", population)
	}
	z, err := ZForConfidence(followUp.Confidence)
	if err != nil {
		return Change{}, err
	}
	d := followUp.Rate - baseline.Rate
	se := math.Hypot(baseline.SE, followUp.SE)
	c := Change{
		Baseline: baseline, FollowUp: followUp,
		Difference: d, SE: se, Confidence: followUp.Confidence,
		Low: clip(d-z*se, -1, 1), High: clip(d+z*se, -1, 1),
		Population:  population,
		Assumptions: slices.Clone(changeAssumptions),
	}
	n := float64(population)
	c.Households, c.HouseholdsLow, c.HouseholdsHigh = d*n, c.Low*n, c.High*n
	return c, nil
}

var changeAssumptions = []string{
	AssumeSameScorecardLine, AssumeIndependentSamples, AssumeNormalApproximation,
	AssumeNetChange, AssumeNoBiasCorrection,
}

// Directions of a change, as Change.Direction reports them.
const (
	Fell      = "fell"      // the whole interval is below zero
	Rose      = "rose"      // the whole interval is above zero
	Uncertain = "uncertain" // the interval holds zero: no change shown at this confidence
)

// Direction tells whether the change is shown at the change's confidence
// level: Fell or Rose when its interval lies wholly on one side of zero,
// else Uncertain. A page states this in words, because readers take a
// point estimate of −3 points as a fall even when its interval is −10 to +4.
func (c Change) Direction() string {
	switch {
	case c.High < 0:
		return Fell
	case c.Low > 0:
		return Rose
	}
	return Uncertain
}
