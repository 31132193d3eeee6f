package survey

import "math"

// Coefficients of Acklam's rational approximations to the inverse of the
// standard normal distribution function: Peter J. Acklam, "An algorithm for
// computing the inverse normal cumulative distribution function" (2003; web
// page, archived at web.archive.org/web/2007/home.online.no/~pjacklam/notes/invnorm/).
// The central region uses a rational function in q = p-1/2, the two tails a
// rational function in sqrt(-2 log p); the relative error is below 1.15e-9.
var (
	acklamA = [6]float64{-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
		1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00}
	acklamB = [5]float64{-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
		6.680131188771972e+01, -1.328068155288572e+01}
	acklamC = [6]float64{-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
		-2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00}
	acklamD = [4]float64{7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
		3.754408661907416e+00}
)

// acklamLow is where Acklam's tail approximation takes over from the central one.
const acklamLow = 0.02425

// NormalQuantile returns z such that P(Z <= z) = p for a standard normal Z,
// for 0 < p < 1 (it returns -Inf and +Inf at 0 and 1, NaN outside).
//
// Algorithm: Acklam's rational approximation (see acklamA), followed by one
// step of Halley's method on Φ(z) - p using math.Erfc, as Acklam recommends;
// the refinement brings the result to about full double precision, so the
// z values agree with printed tables (1.644854 for 0.95, 1.959964 for 0.975,
// 2.575829 for 0.995).
func NormalQuantile(p float64) float64 {
	switch {
	case math.IsNaN(p) || p < 0 || p > 1:
		return math.NaN()
	case p == 0:
		return math.Inf(-1)
	case p == 1:
		return math.Inf(1)
	}
	return halley(acklam(p), p)
}

// acklam is the unrefined approximation, kept apart so a test can check its
// published error bound.
func acklam(p float64) float64 {
	a, b, c, d := acklamA, acklamB, acklamC, acklamD
	switch {
	case p < acklamLow:
		q := math.Sqrt(-2 * math.Log(p))
		return (((((c[0]*q+c[1])*q+c[2])*q+c[3])*q+c[4])*q + c[5]) /
			((((d[0]*q+d[1])*q+d[2])*q+d[3])*q + 1)
	case p > 1-acklamLow:
		q := math.Sqrt(-2 * math.Log1p(-p))
		return -(((((c[0]*q+c[1])*q+c[2])*q+c[3])*q+c[4])*q + c[5]) /
			((((d[0]*q+d[1])*q+d[2])*q+d[3])*q + 1)
	default:
		q := p - 0.5
		r := q * q
		return (((((a[0]*r+a[1])*r+a[2])*r+a[3])*r+a[4])*r + a[5]) * q /
			(((((b[0]*r+b[1])*r+b[2])*r+b[3])*r+b[4])*r + 1)
	}
}

// halley does one Halley step towards Φ(x) = p, where Φ(x) = erfc(-x/√2)/2.
func halley(x, p float64) float64 {
	e := 0.5*math.Erfc(-x/math.Sqrt2) - p
	u := e * math.Sqrt(2*math.Pi) * math.Exp(x*x/2)
	return x - u/(1+x*u/2)
}

// ZForConfidence returns the two-sided normal critical value for a confidence
// level: z = Φ⁻¹((1+confidence)/2), e.g. 1.6449 for 0.90, 1.9600 for 0.95 and
// 2.5758 for 0.99. Exact quantiles are used, not the rounded 1.64/1.96/2.58
// of Schreiner's tables. confidence must lie strictly between 0 and 1.
func ZForConfidence(confidence float64) (float64, error) {
	if !(confidence > 0 && confidence < 1) {
		return 0, invalid("confidence %v must be between 0 and 1 (e.g. 0.90)", confidence)
	}
	return NormalQuantile((1 + confidence) / 2), nil
}
