package survey

import "math"

// VarianceMethod chooses the per-household variance behind a standard error.
type VarianceMethod string

// The variance methods. Each carries its own finite-population correction:
// the pairs are the textbook ones, so that with one stratum and a census
// both give a standard error of 0, and otherwise both are (nearly) unbiased.
const (
	// Binomial (the default) uses p̂(1−p̂), the variance of a 0/1 "poor"
	// outcome with mean p̂, as Schreiner's σ = √(α·p̂(1−p̂)/n) does:
	// Var(p̂) = p̂(1−p̂)/n · (N−n)/(N−1). It is the precision of direct
	// measurement, which the sample-size calculator and α refer to; it is
	// never smaller than the sample variance of likelihoods and never zero
	// for 0 < p̂ < 1, which keeps a round whose households all share one
	// likelihood from reporting a zero-width interval.
	Binomial VarianceMethod = "binomial"
	// SampleVariance uses s², the sample variance of the likelihoods
	// (denominator n−1): the empirical standard error of the mean likelihood,
	// Var(p̂) = s²/n · (1 − n/N) (Cochran 1977, §2.5). It measures sampling
	// error only, not the scorecard's own error, and needs n ≥ 2 per group.
	SampleVariance VarianceMethod = "sample"
)

// DefaultConfidence is the confidence level used when none is given: 90%,
// the level of IPA's and Schreiner's PPI tables.
const DefaultConfidence = 0.90

// EstimateOptions are the settings of an estimate. The zero value means:
// 90% confidence, population unknown (no finite-population correction),
// α = 1, Binomial variance.
type EstimateOptions struct {
	Confidence float64        // e.g. 0.90; 0 means DefaultConfidence
	Population int            // N, households in the population; 0 = unknown or very large
	Alpha      float64        // precision factor α (see the package comment); 0 means 1
	Variance   VarianceMethod // "" means Binomial
}

// Estimate is a poverty rate estimated from a sample, as fractions 0..1.
type Estimate struct {
	N          int     `json:"n"`          // households in the sample
	Rate       float64 `json:"rate"`       // p̂
	SE         float64 `json:"se"`         // σ, with α applied
	Low        float64 `json:"ci_low"`     // max(0, p̂ − z·σ)
	High       float64 `json:"ci_high"`    // min(1, p̂ + z·σ)
	Confidence float64 `json:"confidence"` // the level of [Low, High]
}

// settings are EstimateOptions with the defaults filled in and z computed.
type settings struct {
	conf, z, alpha float64
	method         VarianceMethod
}

func (o EstimateOptions) settings() (settings, error) {
	s := settings{conf: o.Confidence, method: o.Variance}
	if s.conf == 0 {
		s.conf = DefaultConfidence
	}
	var err error
	if s.z, err = ZForConfidence(s.conf); err != nil {
		return s, err
	}
	if s.alpha, err = alphaOrDefault(o.Alpha); err != nil {
		return s, err
	}
	switch s.method {
	case "":
		s.method = Binomial
	case Binomial, SampleVariance:
	default:
		return s, invalid("variance method %q must be binomial or sample", o.Variance)
	}
	if o.Population < 0 {
		return s, invalid("population %d must not be negative", o.Population)
	}
	return s, nil
}

// EstimateRate estimates a group's poverty rate from its households'
// likelihoods (fractions 0..1, one per interviewed household). The rate is
// the mean of the likelihoods, never the likelihood of the mean score (IPA,
// "How to use" step 4):
//
//	p̂ = Σ x_i / n
//	σ = √(α · V)          V = p̂(1−p̂)/n · (N−n)/(N−1)   (Binomial)
//	                      V = s²/n · (1 − n/N)          (SampleVariance; s² with n−1)
//	CI = [p̂ − z·σ, p̂ + z·σ] clipped to [0, 1],  z = ZForConfidence(confidence)
//
// The correction factor is 1 when opts.Population is 0. Population, when
// given, must be at least n.
func EstimateRate(values []float64, opts EstimateOptions) (Estimate, error) {
	s, err := opts.settings()
	if err != nil {
		return Estimate{}, err
	}
	g, err := summarize(values, float64(opts.Population))
	if err != nil {
		return Estimate{}, err
	}
	v, err := g.variance(s.method)
	if err != nil {
		return Estimate{}, err
	}
	return s.estimate(g.n, g.mean, v), nil
}

// estimate builds an Estimate from a rate and the variance V of the rate
// before α.
func (s settings) estimate(n int, rate, v float64) Estimate {
	se := math.Sqrt(s.alpha * v)
	return Estimate{
		N: n, Rate: rate, SE: se, Confidence: s.conf,
		Low:  clip(rate-s.z*se, 0, 1),
		High: clip(rate+s.z*se, 0, 1),
	}
}

func clip(x, lo, hi float64) float64 { return math.Min(hi, math.Max(lo, x)) }

// group is one sample's sufficient statistics.
type group struct {
	n    int
	mean float64
	s2   float64 // sample variance, denominator n−1 (0 when n = 1)
	pop  float64 // N (may be fractional when derived from shares); 0 = unknown
}

// summarize checks the likelihoods and computes their mean and variance
// (two passes: exact enough and simple).
func summarize(values []float64, pop float64) (group, error) {
	n := len(values)
	if n == 0 {
		return group{}, invalid("no households: a rate needs at least one likelihood")
	}
	if pop > 0 && pop < float64(n) {
		return group{}, invalid("population %v is smaller than the sample %d", pop, n)
	}
	if err := checkLikelihoods(values); err != nil {
		return group{}, err
	}
	sum := 0.0
	for _, x := range values {
		sum += x
	}
	g := group{n: n, mean: sum / float64(n), pop: pop}
	if n > 1 {
		ss := 0.0
		for _, x := range values {
			ss += (x - g.mean) * (x - g.mean)
		}
		g.s2 = ss / float64(n-1)
	}
	return g, nil
}

// variance is the variance of the group's mean before α (see EstimateRate).
func (g group) variance(m VarianceMethod) (float64, error) {
	census := g.pop > 0 && g.pop <= float64(g.n)
	if census {
		return 0, nil // every household was interviewed: no sampling error
	}
	n := float64(g.n)
	if m == SampleVariance {
		if g.n < 2 {
			return 0, invalid("one household cannot give a sample variance: use the binomial method or a larger sample")
		}
		v := g.s2 / n
		if g.pop > 0 {
			v *= 1 - n/g.pop
		}
		return v, nil
	}
	v := g.mean * (1 - g.mean) / n
	if g.pop > 0 {
		v *= (g.pop - n) / (g.pop - 1)
	}
	return v, nil
}

// checkLikelihoods rejects anything that is not a fraction 0..1 (a NaN, or a
// percentage such as 37.5 passed by mistake).
func checkLikelihoods(values []float64) error {
	for i, x := range values {
		if !(x >= 0 && x <= 1) {
			return invalid("likelihood %v (household %d) must be a fraction between 0 and 1", x, i+1)
		}
	}
	return nil
}
