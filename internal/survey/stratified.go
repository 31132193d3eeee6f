package survey

import (
	"fmt"
	"slices"
)

// GroupEstimate is the estimate for one stratum or one category of a
// breakdown.
type GroupEstimate struct {
	Label      string  `json:"label"`
	Population int     `json:"population,omitempty"` // N_h when known
	Weight     float64 `json:"weight"`               // W_h: N_h/N, or the sample share n_h/n
	Estimate
}

// StratifiedEstimate is a stratified estimate with its strata.
type StratifiedEstimate struct {
	Estimate
	Strata []GroupEstimate `json:"strata"` // in label order
	// SampleWeights is true when the strata's population sizes were not
	// given and each stratum was weighted by its share of the sample,
	// W_h = n_h/n. That is right only for a proportionally allocated sample
	// (then p̂ is the plain mean); a page should say so.
	SampleWeights bool `json:"sample_weights"`
}

// EstimateStratified estimates a poverty rate from a stratified sample:
// values[i] is household i's likelihood and strata[i] its stratum label.
// populations gives N_h, the number of households in each stratum; pass nil
// when unknown. The estimator (Cochran 1977, §5.2–5.3):
//
//	p̂ = Σ_h W_h·p̂_h          W_h = N_h/N,  p̂_h = mean likelihood in stratum h
//	σ = √(α · Σ_h W_h²·V_h)   V_h as in EstimateRate for stratum h (its own
//	                           variance method and correction with N_h, n_h)
//	CI = p̂ ± z·σ clipped to [0, 1]
//
// Each stratum's own estimate (with its own interval) is returned as well.
//
// With populations nil, W_h = n_h/n (see SampleWeights); if opts.Population
// is given, the strata sizes are then taken as N·n_h/n for the correction,
// which is what proportional allocation implies. With populations given,
// opts.Population is ignored; every sampled stratum needs its N_h ≥ n_h, and
// a stratum with households (N_h > 0) but no interviews is an error, because
// the estimate would silently leave it out.
func EstimateStratified(values []float64, strata []string, populations map[string]int, opts EstimateOptions) (StratifiedEstimate, error) {
	s, err := opts.settings()
	if err != nil {
		return StratifiedEstimate{}, err
	}
	if len(strata) != len(values) {
		return StratifiedEstimate{}, invalid("%d strata labels for %d likelihoods", len(strata), len(values))
	}
	if len(values) == 0 {
		return StratifiedEstimate{}, invalid("no households: a rate needs at least one likelihood")
	}
	if err := checkLikelihoods(values); err != nil {
		return StratifiedEstimate{}, err
	}
	names, rows := groupRows(strata)
	weights, pops, err := stratumWeights(names, rows, populations, opts.Population, len(values))
	if err != nil {
		return StratifiedEstimate{}, err
	}
	out := StratifiedEstimate{SampleWeights: populations == nil}
	var rate, v float64
	for h, name := range names {
		g, err := summarize(pick(values, rows[h]), pops[h])
		if err != nil {
			return StratifiedEstimate{}, err
		}
		vh, err := g.variance(s.method)
		if err != nil {
			return StratifiedEstimate{}, fmt.Errorf("stratum %q: %w", name, err)
		}
		rate += weights[h] * g.mean
		v += weights[h] * weights[h] * vh
		out.Strata = append(out.Strata, GroupEstimate{Label: name, Population: populations[name], Weight: weights[h], Estimate: s.estimate(g.n, g.mean, vh)})
	}
	out.Estimate = s.estimate(len(values), rate, v)
	return out, nil
}

// stratumWeights returns W_h and the N_h to correct with (0 = none) for the
// sampled strata, in the order of names.
func stratumWeights(names []string, rows [][]int, populations map[string]int, total, n int) ([]float64, []float64, error) {
	weights := make([]float64, len(names))
	pops := make([]float64, len(names))
	if populations == nil {
		for h := range names {
			weights[h] = float64(len(rows[h])) / float64(n)
			pops[h] = float64(total) * weights[h]
		}
		if total > 0 && total < n {
			return nil, nil, invalid("population %d is smaller than the sample %d", total, n)
		}
		return weights, pops, nil
	}
	sum, err := checkPopulations(names, populations)
	if err != nil {
		return nil, nil, err
	}
	for h, name := range names {
		pops[h] = float64(populations[name])
		weights[h] = pops[h] / float64(sum)
	}
	return weights, pops, nil
}

// checkPopulations checks that every sampled stratum has a size and that no
// unsampled stratum has households; it returns N = Σ N_h.
func checkPopulations(names []string, populations map[string]int) (int, error) {
	sum := 0
	for label, size := range populations {
		if size < 0 {
			return 0, invalid("stratum %q: population %d must not be negative", label, size)
		}
		if size > 0 && !slices.Contains(names, label) {
			return 0, invalid("stratum %q has %d households but no interviews: the estimate would leave it out", label, size)
		}
		sum += size
	}
	for _, name := range names {
		if populations[name] == 0 {
			return 0, invalid("stratum %q has interviews but no population size", name)
		}
	}
	return sum, nil
}

func pick(values []float64, rows []int) []float64 {
	out := make([]float64, len(rows))
	for i, r := range rows {
		out[i] = values[r]
	}
	return out
}

// Breakdown estimates the rate separately for each category of a column
// (region, group, branch, sex of the head ...): categories[i] is household
// i's category. Each category gets EstimateRate over its own households,
// with populations[category] as its N when given (nil: no correction), and
// Weight set to its share of the sample. Results are in label order.
//
// Within a category the households are not weighted: for a sample
// stratified by the same column each category is one stratum and this is
// exact; for a category cutting across strata sampled at different rates it
// is only approximate.
func Breakdown(values []float64, categories []string, populations map[string]int, opts EstimateOptions) ([]GroupEstimate, error) {
	if len(categories) != len(values) {
		return nil, invalid("%d categories for %d likelihoods", len(categories), len(values))
	}
	names, rows := groupRows(categories)
	out := make([]GroupEstimate, 0, len(names))
	for h, name := range names {
		o := opts
		o.Population = populations[name]
		e, err := EstimateRate(pick(values, rows[h]), o)
		if err != nil {
			return nil, fmt.Errorf("category %q: %w", name, err)
		}
		out = append(out, GroupEstimate{Label: name, Population: o.Population, Weight: float64(len(rows[h])) / float64(len(values)), Estimate: e})
	}
	return out, nil
}
