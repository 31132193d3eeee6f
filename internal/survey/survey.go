// Package survey holds the statistics of a poverty survey round (issue 5):
// how many households to interview, which ones (a reproducible random draw
// with a reserve list), and what the interviews say about the whole
// population (rates with confidence intervals, stratified estimates,
// breakdowns, change between rounds, score distributions).
//
// Everything here is a pure function of its inputs: no database, no clock, no
// global random state. Scoring (answers to points to likelihoods) belongs to
// internal/ppi; this package starts from the likelihoods.
//
// # The precision factor α
//
// Schreiner ("A Simple Poverty Scorecard for the Philippines", §7, eqs. 2 and
// 4; see ../shared/data/ppi/SOURCES.md) defines α as the ratio between the
// sample size that scoring needs for a given precision and the sample size
// that direct measurement needs. Taken literally, α multiplies a sample size
// and therefore a variance:
//
//	n = α·(z/c)²·p(1−p)        σ = √(α·p(1−p)/n)        (change: σ = √(2α·p(1−p)/n))
//
// This package uses that definition everywhere, so that the size from
// SampleSize gives exactly the target precision when the estimate comes out
// at the expected rate. Later Schreiner papers publish α instead as a ratio
// of confidence-interval widths (a factor on σ); to use such a value a, pass
// α = a². The default is α = 1 (direct-measurement precision), because no
// Indonesia-specific α was found.
package survey

import (
	"errors"
	"fmt"
	"math"
)

// ErrInvalid is wrapped by every error about bad input (a rate outside 0..1,
// a size larger than possible, a confidence of 1.5 ...), so callers can map it
// to their own "invalid" code with errors.Is.
var ErrInvalid = errors.New("survey: invalid input")

// inputError is a bad-input error whose text is only its message (it reads
// well on a terminal) and which matches ErrInvalid.
type inputError struct{ msg string }

func (e *inputError) Error() string        { return e.msg }
func (e *inputError) Is(target error) bool { return target == ErrInvalid }

func invalid(format string, args ...any) error {
	return &inputError{fmt.Sprintf(format, args...)}
}

// SizeParams are the inputs of the sample-size calculator.
type SizeParams struct {
	Rate       float64 // expected poverty rate p, strictly between 0 and 1 (0.5 when nothing is known)
	Precision  float64 // c: the half-width of the confidence interval wanted, e.g. 0.05 for ±5 points
	Confidence float64 // e.g. 0.90; any level strictly between 0 and 1
	Population int     // N, the number of households in the population; 0 means very large (no correction)
	Alpha      float64 // precision factor α (see the package comment); 0 means 1
}

// SampleSize returns the number of households to interview:
//
//	n0 = α·(z/c)²·p(1−p)                 (Schreiner eq. 2; α = 1 is Cochran's formula)
//	n  = ⌈ n0 / (1 + (n0 − 1)/N) ⌉       (finite-population correction; n = ⌈n0⌉ when N = 0)
//
// with z = ZForConfidence(Confidence). The correction is the exact solution of
// z·σ = c for σ² = α·p(1−p)/n·(N−n)/(N−1), the variance EstimateRate uses.
// The result is at least 1 and never more than N.
func SampleSize(sp SizeParams) (int, error) {
	alpha, err := alphaOrDefault(sp.Alpha)
	if err != nil {
		return 0, err
	}
	if !(sp.Rate > 0 && sp.Rate < 1) {
		return 0, invalid("expected rate %v must be between 0 and 1 (use 0.5 when unknown)", sp.Rate)
	}
	if !(sp.Precision > 0 && sp.Precision < 1) {
		return 0, invalid("precision %v must be between 0 and 1 (e.g. 0.05 for ±5 points)", sp.Precision)
	}
	if sp.Population < 0 {
		return 0, invalid("population %d must not be negative", sp.Population)
	}
	z, err := ZForConfidence(sp.Confidence)
	if err != nil {
		return 0, err
	}
	n := alpha * (z / sp.Precision) * (z / sp.Precision) * sp.Rate * (1 - sp.Rate)
	if sp.Population > 0 {
		n /= 1 + (n-1)/float64(sp.Population)
	}
	return clampSize(n, sp.Population), nil
}

// clampSize rounds a computed size up. The small tolerance keeps floating
// noise (384.00000000001 for an exact 384) from adding a household.
func clampSize(n float64, population int) int {
	size := int(math.Ceil(n - 1e-9))
	if size < 1 {
		size = 1
	}
	if population > 0 && size > population {
		size = population
	}
	return size
}

func alphaOrDefault(alpha float64) (float64, error) {
	if alpha == 0 {
		return 1, nil
	}
	if !(alpha > 0) || math.IsInf(alpha, 0) {
		return 0, invalid("precision factor α %v must be positive", alpha)
	}
	return alpha, nil
}
