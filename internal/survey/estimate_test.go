package survey

import (
	"errors"
	"math"
	"slices"
	"testing"
)

// z90 is Φ⁻¹(0.95), the z of a 90% interval.
const z90 = 1.6448536269514722

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

func checkEstimate(t *testing.T, name string, got Estimate, want Estimate) {
	t.Helper()
	if got.N != want.N || !near(got.Rate, want.Rate) || !near(got.SE, want.SE) ||
		!near(got.Low, want.Low) || !near(got.High, want.High) || got.Confidence != want.Confidence {
		t.Errorf("%s:\n got %+v\nwant %+v", name, got, want)
	}
}

// ten holds five households at 0.2 and five at 0.4: p̂ = 0.3.
var ten = []float64{0.2, 0.2, 0.2, 0.2, 0.2, 0.4, 0.4, 0.4, 0.4, 0.4}

func TestEstimateRateByHand(t *testing.T) {
	cases := []struct {
		name string
		opts EstimateOptions
		want Estimate
	}{
		// Binomial, no correction: V = 0.3·0.7/10 = 0.021, σ = 0.144914,
		// z·σ = 1.644854·0.144914 = 0.238362 → [0.061638, 0.538362].
		{"binomial", EstimateOptions{},
			Estimate{N: 10, Rate: 0.3, SE: 0.1449138, Low: 0.3 - 0.2383619, High: 0.3 + 0.2383619, Confidence: 0.9}},
		// Binomial with N = 100: V = 0.021·(100−10)/(100−1) = 0.021·0.909091 = 0.0190909, σ = 0.138170.
		{"binomial fpc", EstimateOptions{Population: 100},
			Estimate{N: 10, Rate: 0.3, SE: 0.1381699, Low: 0.3 - z90*0.1381699, High: 0.3 + z90*0.1381699, Confidence: 0.9}},
		// Sample variance: deviations ±0.1, s² = 10·0.01/9 = 0.011111,
		// V = s²/10 = 0.0011111, σ = 0.0333333.
		{"sample", EstimateOptions{Variance: SampleVariance},
			Estimate{N: 10, Rate: 0.3, SE: 0.0333333, Low: 0.3 - z90*0.0333333, High: 0.3 + z90*0.0333333, Confidence: 0.9}},
		// Sample variance with N = 100: V = 0.0011111·(1 − 10/100) = 0.001,
		// σ = 0.0316228, z·σ = 0.0520148 → [0.2479852, 0.3520148].
		{"sample fpc", EstimateOptions{Variance: SampleVariance, Population: 100},
			Estimate{N: 10, Rate: 0.3, SE: 0.0316228, Low: 0.2479852, High: 0.3520148, Confidence: 0.9}},
		// α = 2 doubles the variance: σ = √(2·0.001) = 0.0447214.
		{"sample fpc alpha", EstimateOptions{Variance: SampleVariance, Population: 100, Alpha: 2},
			Estimate{N: 10, Rate: 0.3, SE: 0.0447214, Low: 0.3 - z90*0.0447214, High: 0.3 + z90*0.0447214, Confidence: 0.9}},
		// 95%: z = 1.959964, z·0.0316228 = 0.0619795.
		{"sample fpc 95", EstimateOptions{Variance: SampleVariance, Population: 100, Confidence: 0.95},
			Estimate{N: 10, Rate: 0.3, SE: 0.0316228, Low: 0.3 - 0.0619795, High: 0.3 + 0.0619795, Confidence: 0.95}},
		// A census has no sampling error.
		{"census", EstimateOptions{Population: 10},
			Estimate{N: 10, Rate: 0.3, SE: 0, Low: 0.3, High: 0.3, Confidence: 0.9}},
	}
	for _, c := range cases {
		got, err := EstimateRate(ten, c.opts)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		checkEstimate(t, c.name, got, c.want)
	}
}

// The rate is the mean of the likelihoods, not the likelihood of the mean
// score, and the interval is clipped to [0, 1].
func TestEstimateRateMeanAndClipping(t *testing.T) {
	// 0.1, 0.2, 0.3, 0.4: p̂ = 0.25, binomial V = 0.1875/4 = 0.046875,
	// σ = 0.2165064, z·σ = 0.3561213: low −0.106 is clipped to 0.
	e, err := EstimateRate([]float64{0.1, 0.2, 0.3, 0.4}, EstimateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	checkEstimate(t, "clipped", e, Estimate{N: 4, Rate: 0.25, SE: 0.2165064, Low: 0, High: 0.6061213, Confidence: 0.9})
	e, _ = EstimateRate([]float64{1, 1, 1, 0.9}, EstimateOptions{})
	if e.High != 1 {
		t.Errorf("high %v not clipped to 1", e.High)
	}
	// One household: binomial works, sample variance cannot.
	if _, err := EstimateRate([]float64{0.3}, EstimateOptions{}); err != nil {
		t.Errorf("one household, binomial: %v", err)
	}
	if _, err := EstimateRate([]float64{0.3}, EstimateOptions{Variance: SampleVariance}); !errors.Is(err, ErrInvalid) {
		t.Errorf("one household, sample variance: %v", err)
	}
}

func TestEstimateRateInvalid(t *testing.T) {
	for name, c := range map[string]struct {
		values []float64
		opts   EstimateOptions
	}{
		"empty":            {nil, EstimateOptions{}},
		"percentage":       {[]float64{37.5}, EstimateOptions{}},
		"negative":         {[]float64{-0.1}, EstimateOptions{}},
		"NaN":              {[]float64{math.NaN()}, EstimateOptions{}},
		"confidence 1":     {ten, EstimateOptions{Confidence: 1}},
		"confidence 90":    {ten, EstimateOptions{Confidence: 90}},
		"alpha negative":   {ten, EstimateOptions{Alpha: -1}},
		"population < n":   {ten, EstimateOptions{Population: 9}},
		"population < 0":   {ten, EstimateOptions{Population: -1}},
		"variance unknown": {ten, EstimateOptions{Variance: "bootstrap"}},
	} {
		if _, err := EstimateRate(c.values, c.opts); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: error = %v, want ErrInvalid", name, err)
		}
	}
}

// Stratum A: 0.2, 0.4 (p̂_A = 0.3, s²_A = 0.02); stratum B below.
var (
	stratA = []float64{0.2, 0.4}
	labA   = []string{"A", "A"}
)

func TestEstimateStratifiedEqualAllocation(t *testing.T) {
	// Equal allocation, 2 per stratum, from N_A = 80 and N_B = 20.
	// B: 0.6, 0.8 (p̂_B = 0.7, s²_B = 0.02). W_A = 0.8, W_B = 0.2.
	// p̂ = 0.8·0.3 + 0.2·0.7 = 0.38 (the plain mean, 0.5, would be wrong).
	values := append(slices.Clone(stratA), 0.6, 0.8)
	labels := append(slices.Clone(labA), "B", "B")
	pops := map[string]int{"A": 80, "B": 20}
	// Sample variance: V_A = 0.02/2·(1 − 2/80) = 0.00975,
	// V_B = 0.02/2·(1 − 2/20) = 0.009; Var = 0.64·0.00975 + 0.04·0.009 = 0.0066,
	// σ = 0.0812404, z·σ = 0.1336285 → [0.2463715, 0.5136285].
	got, err := EstimateStratified(values, labels, pops, EstimateOptions{Variance: SampleVariance})
	if err != nil {
		t.Fatal(err)
	}
	checkEstimate(t, "sample", got.Estimate, Estimate{N: 4, Rate: 0.38, SE: 0.0812404, Low: 0.2463715, High: 0.5136285, Confidence: 0.9})
	if got.SampleWeights || len(got.Strata) != 2 || got.Strata[0].Label != "A" || got.Strata[1].Weight != 0.2 ||
		got.Strata[1].Population != 20 || !near(got.Strata[1].SE, math.Sqrt(0.009)) {
		t.Errorf("strata = %+v", got.Strata)
	}
	// Binomial: V_A = 0.21/2·78/79 = 0.1036709, V_B = 0.21/2·18/19 = 0.0994737;
	// Var = 0.64·0.1036709 + 0.04·0.0994737 = 0.0703283, σ = 0.2651949;
	// z·σ = 0.4362068 → [−0.056, 0.8162068], the low end clipped to 0.
	got, err = EstimateStratified(values, labels, pops, EstimateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	checkEstimate(t, "binomial", got.Estimate, Estimate{N: 4, Rate: 0.38, SE: 0.2651949, Low: 0, High: 0.38 + z90*0.2651949, Confidence: 0.9})
}

func TestEstimateStratifiedProportional(t *testing.T) {
	// Proportional allocation: 2 of N_A = 40 and 3 of N_B = 60.
	// B: 0.5, 0.7, 0.9 (p̂_B = 0.7, s²_B = (0.04+0+0.04)/2 = 0.04).
	// p̂ = 0.4·0.3 + 0.6·0.7 = 0.54 = the plain mean (2.7/5): self-weighting.
	// V_A = 0.02/2·(1 − 2/40) = 0.0095, V_B = 0.04/3·(1 − 3/60) = 0.0126667;
	// Var = 0.16·0.0095 + 0.36·0.0126667 = 0.00152 + 0.00456 = 0.00608, σ = 0.0779744.
	values := append(slices.Clone(stratA), 0.5, 0.7, 0.9)
	labels := append(slices.Clone(labA), "B", "B", "B")
	want := Estimate{N: 5, Rate: 0.54, SE: 0.0779744, Low: 0.54 - z90*0.0779744, High: 0.54 + z90*0.0779744, Confidence: 0.9}
	opts := EstimateOptions{Variance: SampleVariance}
	got, err := EstimateStratified(values, labels, map[string]int{"A": 40, "B": 60}, opts)
	if err != nil {
		t.Fatal(err)
	}
	checkEstimate(t, "known N_h", got.Estimate, want)
	// Without N_h but with N = 100, the strata sizes are taken as
	// 100·2/5 = 40 and 100·3/5 = 60: the same answer, flagged.
	opts.Population = 100
	got, err = EstimateStratified(values, labels, nil, opts)
	if err != nil || !got.SampleWeights {
		t.Fatalf("sample weights: %+v, %v", got, err)
	}
	checkEstimate(t, "sample shares", got.Estimate, want)
	// Binomial: V_A = 0.21/2·38/39 = 0.1023077, V_B = 0.21/3·57/59 = 0.0676271;
	// Var = 0.16·0.1023077 + 0.36·0.0676271 = 0.0407150, σ = 0.2017796.
	got, _ = EstimateStratified(values, labels, map[string]int{"A": 40, "B": 60}, EstimateOptions{})
	checkEstimate(t, "binomial", got.Estimate, Estimate{N: 5, Rate: 0.54, SE: 0.2017796, Low: 0.54 - z90*0.2017796, High: 0.54 + z90*0.2017796, Confidence: 0.9})
}

// With one stratum the stratified estimator is the simple one.
func TestEstimateStratifiedOneStratum(t *testing.T) {
	labels := make([]string, len(ten))
	for _, opts := range []EstimateOptions{{}, {Variance: SampleVariance}, {Population: 100}, {Variance: SampleVariance, Population: 100}} {
		simple, _ := EstimateRate(ten, opts)
		pops := map[string]int(nil)
		if opts.Population > 0 {
			pops = map[string]int{"": opts.Population}
		}
		strat, err := EstimateStratified(ten, labels, pops, opts)
		if err != nil {
			t.Fatal(err)
		}
		checkEstimate(t, "one stratum", strat.Estimate, simple)
	}
}

func TestEstimateStratifiedInvalid(t *testing.T) {
	values, labels := []float64{0.2, 0.4, 0.6}, []string{"A", "A", "B"}
	for name, c := range map[string]struct {
		labels []string
		pops   map[string]int
		opts   EstimateOptions
	}{
		"labels mismatch":     {[]string{"A"}, nil, EstimateOptions{}},
		"stratum without N_h": {labels, map[string]int{"A": 10}, EstimateOptions{}},
		"N_h < n_h":           {labels, map[string]int{"A": 1, "B": 10}, EstimateOptions{}},
		"unsampled stratum":   {labels, map[string]int{"A": 10, "B": 10, "C": 5}, EstimateOptions{}},
		"negative N_h":        {labels, map[string]int{"A": 10, "B": 10, "C": -1}, EstimateOptions{}},
		"one in stratum":      {labels, map[string]int{"A": 10, "B": 10}, EstimateOptions{Variance: SampleVariance}},
		"N < n":               {labels, nil, EstimateOptions{Population: 2}},
	} {
		if _, err := EstimateStratified(values, c.labels, c.pops, c.opts); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: error = %v, want ErrInvalid", name, err)
		}
	}
	if _, err := EstimateStratified([]float64{2}, []string{"A"}, nil, EstimateOptions{}); !errors.Is(err, ErrInvalid) {
		t.Errorf("bad likelihood: %v", err)
	}
	// A stratum interviewed completely is fine even with one household.
	if _, err := EstimateStratified(values, labels, map[string]int{"A": 10, "B": 1}, EstimateOptions{Variance: SampleVariance}); err != nil {
		t.Errorf("census stratum of one: %v", err)
	}
}

func TestBreakdown(t *testing.T) {
	values := []float64{0.2, 0.4, 0.6, 0.8, 0.5}
	sex := []string{"F", "F", "M", "M", "M"}
	got, err := Breakdown(values, sex, map[string]int{"F": 20}, EstimateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// F: p̂ = 0.3, V = 0.21/2·18/19 = 0.0994737, σ = 0.3153945.
	// M: p̂ = 1.9/3 = 0.6333333, V = 0.6333·0.3667/3 = 0.0774074, σ = 0.2782219.
	if len(got) != 2 || got[0].Label != "F" || got[0].Population != 20 || got[0].Weight != 0.4 || got[1].Label != "M" {
		t.Fatalf("breakdown = %+v", got)
	}
	checkEstimate(t, "F", got[0].Estimate, Estimate{N: 2, Rate: 0.3, SE: 0.3153945, Low: 0, High: 0.3 + z90*0.3153945, Confidence: 0.9})
	checkEstimate(t, "M", got[1].Estimate, Estimate{N: 3, Rate: 0.6333333, SE: 0.2782219, Low: 0.6333333 - z90*0.2782219, High: 1, Confidence: 0.9})
	if _, err := Breakdown(values, sex[:2], nil, EstimateOptions{}); !errors.Is(err, ErrInvalid) {
		t.Errorf("mismatch: %v", err)
	}
	if _, err := Breakdown(values, sex, map[string]int{"F": 1}, EstimateOptions{}); !errors.Is(err, ErrInvalid) {
		t.Errorf("population below sample: %v", err)
	}
}

func TestEstimateChangeByHand(t *testing.T) {
	base := Estimate{N: 200, Rate: 0.30, SE: 0.03, Confidence: 0.9}
	follow := Estimate{N: 250, Rate: 0.26, SE: 0.04, Confidence: 0.9}
	// d = 0.26 − 0.30 = −0.04; σ = √(0.03² + 0.04²) = 0.05; z·σ = 0.0822427
	// → [−0.1222427, 0.0422427]; N = 1000: −40 households, [−122.24, 42.24].
	c, err := EstimateChange(base, follow, 1000)
	if err != nil {
		t.Fatal(err)
	}
	if !near(c.Difference, -0.04) || !near(c.SE, 0.05) || !near(c.Low, -0.1222427) || !near(c.High, 0.0422427) ||
		!near(c.Households, -40) || !near(c.HouseholdsLow/1000, -0.1222427) || !near(c.HouseholdsHigh/1000, 0.0422427) ||
		c.Confidence != 0.9 || c.Population != 1000 {
		t.Errorf("change = %+v", c)
	}
	if !slices.Contains(c.Assumptions, AssumeIndependentSamples) || !slices.Contains(c.Assumptions, AssumeSameScorecardLine) ||
		!slices.Contains(c.Assumptions, AssumeNormalApproximation) {
		t.Errorf("assumptions = %v", c.Assumptions)
	}
	// Schreiner's σ = √(2α·p̂(1−p̂)/n) for two rounds of equal n and p̂.
	b, _ := EstimateRate(ten, EstimateOptions{})
	c, _ = EstimateChange(b, b, 0)
	if !near(c.SE, math.Sqrt(2*0.21/10)) || c.Difference != 0 || c.Households != 0 {
		t.Errorf("equal rounds: %+v", c)
	}
	// Clipped to [−1, 1].
	c, _ = EstimateChange(Estimate{N: 1, Rate: 1, SE: 0.5, Confidence: 0.9}, Estimate{N: 1, Rate: 0, SE: 0.5, Confidence: 0.9}, 0)
	if c.Low != -1 {
		t.Errorf("low %v not clipped to −1", c.Low)
	}
}

func TestEstimateChangeInvalid(t *testing.T) {
	a := Estimate{N: 10, Rate: 0.3, SE: 0.03, Confidence: 0.9}
	b := a
	b.Confidence = 0.95
	if _, err := EstimateChange(a, b, 0); !errors.Is(err, ErrInvalid) {
		t.Errorf("different confidence: %v", err)
	}
	if _, err := EstimateChange(a, Estimate{Confidence: 0.9}, 0); !errors.Is(err, ErrInvalid) {
		t.Errorf("empty round: %v", err)
	}
	if _, err := EstimateChange(a, a, -5); !errors.Is(err, ErrInvalid) {
		t.Errorf("negative population: %v", err)
	}
}

func TestScoreBands(t *testing.T) {
	scores := []int{0, 4, 5, 99, 100, 100, 50}
	bands, err := ScoreBands(scores, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(bands) != 20 || bands[0] != (Band{0, 4, 2}) || bands[1] != (Band{5, 9, 1}) ||
		bands[10] != (Band{50, 54, 1}) || bands[19] != (Band{95, 100, 3}) {
		t.Errorf("width 5: %+v", bands)
	}
	bands, _ = ScoreBands(scores, 10)
	if len(bands) != 10 || bands[9] != (Band{90, 100, 3}) {
		t.Errorf("width 10: %+v", bands)
	}
	bands, _ = ScoreBands(scores, 3) // 0–2, …, 96–98, 99–100
	if len(bands) != 34 || bands[33] != (Band{99, 100, 3}) {
		t.Errorf("width 3: %d bands, last %+v", len(bands), bands[len(bands)-1])
	}
	bands, _ = ScoreBands(scores, 1)
	if len(bands) != 101 || bands[100] != (Band{100, 100, 2}) {
		t.Errorf("width 1: %d bands", len(bands))
	}
	for _, c := range []struct {
		scores []int
		width  int
	}{{[]int{-1}, 5}, {[]int{101}, 5}, {nil, -1}, {nil, 102}} {
		if _, err := ScoreBands(c.scores, c.width); !errors.Is(err, ErrInvalid) {
			t.Errorf("ScoreBands(%v, %d) = %v, want ErrInvalid", c.scores, c.width, err)
		}
	}
}

func TestChangeDirection(t *testing.T) {
	for _, c := range []struct {
		low, high float64
		want      string
	}{{-0.2, -0.01, Fell}, {0.01, 0.3, Rose}, {-0.1, 0.05, Uncertain}, {0, 0.1, Uncertain}, {-0.1, 0, Uncertain}} {
		if got := (Change{Low: c.low, High: c.high}).Direction(); got != c.want {
			t.Errorf("Direction of [%v, %v] = %q, want %q", c.low, c.high, got, c.want)
		}
	}
}
