package survey

import (
	"errors"
	"math"
	"testing"
)

func TestNormalQuantileKnownValues(t *testing.T) {
	// Printed tables (and R's qnorm) give these to four decimals; the
	// long forms are qnorm's double-precision values.
	for _, c := range []struct{ p, want float64 }{
		{0.5, 0},
		{0.95, 1.6448536269514722},
		{0.975, 1.959963984540054},
		{0.995, 2.5758293035489004},
		{0.05, -1.6448536269514722},
		{0.8413447460685429, 1}, // Φ(1)
		{1e-10, -6.361340902404056},
	} {
		if got := NormalQuantile(c.p); math.Abs(got-c.want) > 1e-12*math.Max(1, math.Abs(c.want)) {
			t.Errorf("NormalQuantile(%v) = %.16g, want %.16g", c.p, got, c.want)
		}
	}
	for conf, want := range map[float64]float64{0.90: 1.6449, 0.95: 1.9600, 0.99: 2.5758} {
		z, err := ZForConfidence(conf)
		if err != nil || math.Round(z*1e4)/1e4 != want {
			t.Errorf("ZForConfidence(%v) = %.6f, %v; want %.4f", conf, z, err, want)
		}
	}
}

// The refined quantile agrees with the standard library's Erfinv
// (Φ⁻¹(p) = √2·erfinv(2p−1)) across the range, and Acklam's unrefined
// approximation keeps its published relative error bound of 1.15e-9.
func TestNormalQuantileAgainstErfinv(t *testing.T) {
	for _, p := range quantileGrid() {
		want := math.Sqrt2 * math.Erfinv(2*p-1)
		if got := NormalQuantile(p); math.Abs(got-want) > 1e-9*math.Max(1, math.Abs(want)) {
			t.Errorf("NormalQuantile(%v) = %.16g, erfinv gives %.16g", p, got, want)
		}
		// Near the centre erfinv itself loses digits to 2p−1; compare there
		// only in absolute terms.
		if got := acklam(p); math.Abs(got-want) > 1.15e-9*math.Abs(want)+1e-12 {
			t.Errorf("acklam(%v) = %.16g, erfinv gives %.16g: beyond the published error", p, got, want)
		}
	}
}

func quantileGrid() []float64 {
	ps := []float64{1e-300, 1e-100, 1e-20, 1e-8, 0.001, acklamLow, 1 - acklamLow, 0.999}
	for i := 1; i < 1000; i++ {
		ps = append(ps, float64(i)/1000)
	}
	return ps
}

func TestNormalQuantileEdges(t *testing.T) {
	if !math.IsInf(NormalQuantile(0), -1) || !math.IsInf(NormalQuantile(1), 1) {
		t.Error("NormalQuantile(0) and (1) must be ∓Inf")
	}
	for _, p := range []float64{-0.1, 1.1, math.NaN()} {
		if !math.IsNaN(NormalQuantile(p)) {
			t.Errorf("NormalQuantile(%v) must be NaN", p)
		}
	}
	for _, conf := range []float64{0, 1, -0.5, 90, math.NaN()} {
		if _, err := ZForConfidence(conf); !errors.Is(err, ErrInvalid) {
			t.Errorf("ZForConfidence(%v) error = %v, want ErrInvalid", conf, err)
		}
	}
}

func TestSampleSize(t *testing.T) {
	cases := []struct {
		name string
		sp   SizeParams
		want int
	}{
		// By hand: z = 1.6449 (90%), n0 = 1.6449²/0.05² · 0.3·0.7
		// = 2.70554/0.0025 · 0.21 = 1082.217 · 0.21 = 227.27;
		// n = 227.27 / (1 + 226.27/10000) = 227.27 / 1.022627 = 222.24 → 223.
		{"issue example", SizeParams{Rate: 0.3, Precision: 0.05, Confidence: 0.90, Population: 10000}, 223},
		// Same without the correction: ⌈227.27⌉ = 228.
		{"infinite population", SizeParams{Rate: 0.3, Precision: 0.05, Confidence: 0.90}, 228},
		// Cochran's classic: z = 1.96, n0 = 3.8415/0.0025 · 0.25 = 384.15 → 385.
		{"cochran 95%", SizeParams{Rate: 0.5, Precision: 0.05, Confidence: 0.95}, 385},
		// Small population: 384.15 / (1 + 383.15/100) = 384.15/4.8315 = 79.51 → 80.
		{"small population", SizeParams{Rate: 0.5, Precision: 0.05, Confidence: 0.95, Population: 100}, 80},
		// α = 2 doubles n0: 454.53 / (1 + 453.53/10000) = 454.53/1.045353 = 434.81 → 435.
		{"alpha 2", SizeParams{Rate: 0.3, Precision: 0.05, Confidence: 0.90, Population: 10000, Alpha: 2}, 435},
		// Explicit α = 1 is the default.
		{"alpha 1", SizeParams{Rate: 0.3, Precision: 0.05, Confidence: 0.90, Population: 10000, Alpha: 1}, 223},
		// Never more than the population, never less than 1.
		{"tiny population", SizeParams{Rate: 0.5, Precision: 0.01, Confidence: 0.99, Population: 3}, 3},
		{"loose precision", SizeParams{Rate: 0.01, Precision: 0.9, Confidence: 0.5}, 1},
	}
	for _, c := range cases {
		got, err := SampleSize(c.sp)
		if err != nil || got != c.want {
			t.Errorf("%s: SampleSize(%+v) = %d, %v; want %d", c.name, c.sp, got, err, c.want)
		}
	}
}

// The size formula and the estimator agree: a sample of the computed size
// whose rate comes out as expected has an interval no wider than asked for.
func TestSampleSizeGivesPrecision(t *testing.T) {
	sp := SizeParams{Rate: 0.3, Precision: 0.05, Confidence: 0.90, Population: 10000}
	n, _ := SampleSize(sp)
	for _, size := range []int{n, n - 1} {
		values := make([]float64, size)
		for i := range values {
			values[i] = 0.3
		}
		e, err := EstimateRate(values, EstimateOptions{Confidence: 0.90, Population: 10000})
		if err != nil {
			t.Fatal(err)
		}
		half := (e.High - e.Low) / 2
		if ok := half <= sp.Precision; ok != (size == n) {
			t.Errorf("n = %d: half-width %.5f, target %.2f", size, half, sp.Precision)
		}
	}
}

func TestSampleSizeInvalid(t *testing.T) {
	ok := SizeParams{Rate: 0.3, Precision: 0.05, Confidence: 0.90}
	for name, change := range map[string]func(*SizeParams){
		"rate 0":          func(s *SizeParams) { s.Rate = 0 },
		"rate 1":          func(s *SizeParams) { s.Rate = 1 },
		"rate percent":    func(s *SizeParams) { s.Rate = 30 },
		"precision 0":     func(s *SizeParams) { s.Precision = 0 },
		"precision 5":     func(s *SizeParams) { s.Precision = 5 },
		"confidence 0":    func(s *SizeParams) { s.Confidence = 0 },
		"confidence 95":   func(s *SizeParams) { s.Confidence = 95 },
		"population < 0":  func(s *SizeParams) { s.Population = -1 },
		"alpha < 0":       func(s *SizeParams) { s.Alpha = -1 },
		"alpha NaN":       func(s *SizeParams) { s.Alpha = math.NaN() },
		"rate NaN":        func(s *SizeParams) { s.Rate = math.NaN() },
		"precision +Inf":  func(s *SizeParams) { s.Precision = math.Inf(1) },
		"confidence -0.9": func(s *SizeParams) { s.Confidence = -0.9 },
	} {
		sp := ok
		change(&sp)
		if _, err := SampleSize(sp); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: error = %v, want ErrInvalid", name, err)
		}
	}
}
