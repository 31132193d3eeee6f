package survey

import (
	"math/bits"
	"math/rand/v2"
	"slices"
)

// Allocation says how a stratified sample is shared among the strata.
type Allocation string

// The allocations AllocateSizes knows.
const (
	// Proportional gives each stratum a share of the sample in proportion to
	// its size, so the sample is self-weighting (see AllocateProportional).
	Proportional Allocation = "proportional"
	// Equal gives every stratum the same number of interviews, capped at its
	// size (see AllocateEqual); estimates then need the stratified estimator.
	Equal Allocation = "equal"
)

// Design says how to draw a sample.
type Design struct {
	Size       int        // households to draw; ignored for a census
	Seed       uint64     // the same seed and the same list always give the same draw
	Census     bool       // take everyone
	Allocation Allocation // for DrawStratified; "" means Proportional
}

// Sample is the result of a draw. Indices refer to the rows of the input
// (0-based, in input order).
type Sample struct {
	// Selected are the rows to interview, in input order (a list the field
	// team recognises; the order carries no meaning).
	Selected []int
	// Reserve are the rows not drawn, in random order: when a selected
	// household refuses or cannot be found, it is replaced by the first
	// unused reserve row (of the same stratum, in a stratified sample). Any
	// stretch of the list, and its rows of one stratum, is itself a random
	// order, so replacements stay a random draw.
	Reserve []int
	// Strata lists each stratum with its population and sample size, in
	// label order; nil for an unstratified draw.
	Strata []StratumSize
	// Census is true when every row was selected (asked for, or because the
	// size was at least the population).
	Census bool
}

// StratumSize is one stratum's population and allocated sample size.
type StratumSize struct {
	Label      string
	Population int
	Size       int
}

// Draw draws a simple random sample without replacement of d.Size rows out of
// population rows (or all of them for a census, or when d.Size >= population).
//
// Reproducibility: the draw depends only on d.Seed, the population and the
// size. It uses math/rand/v2's PCG (PCG-DXSM, 128-bit state) seeded with
// NewPCG(Seed, seedStream) and nothing else from the package: the bounded
// integers (Lemire's multiply-and-reject method) and the Fisher–Yates shuffle
// are implemented here in integer arithmetic. PCG's output stream is pinned
// by Go's own tests (math/rand/v2 TestPCG) and by TestPCGStreamPinned here,
// so the same seed gives the same draw on every platform and on every Go
// release that keeps that stream; if a release ever changed it, the pinned
// tests would fail rather than the draw silently changing.
func Draw(population int, d Design) (Sample, error) {
	if population < 1 {
		return Sample{}, invalid("the list is empty: nothing to sample")
	}
	all := make([]int, population)
	for i := range all {
		all[i] = i
	}
	s, err := drawGroups([][]int{all}, d, func(sizes []int, n int) ([]int, error) { return []int{min(n, sizes[0])}, nil })
	s.Strata = nil
	return s, err
}

// DrawStratified draws a stratified sample: labels holds each row's stratum
// (one label per input row; "" is a stratum like any other). The sample size
// is allocated as d.Allocation says (see AllocateProportional and
// AllocateEqual), then a simple random sample is drawn in each stratum,
// strata taken in label order, all from one random stream. Reproducibility is
// as for Draw; the draw also depends on the labels of the rows.
func DrawStratified(labels []string, d Design) (Sample, error) {
	if len(labels) == 0 {
		return Sample{}, invalid("the list is empty: nothing to sample")
	}
	allocate, err := allocator(d.Allocation)
	if err != nil {
		return Sample{}, err
	}
	names, groups := groupRows(labels)
	s, err := drawGroups(groups, d, allocate)
	if err != nil {
		return Sample{}, err
	}
	for i := range s.Strata {
		s.Strata[i].Label = names[i]
	}
	return s, nil
}

func allocator(a Allocation) (func([]int, int) ([]int, error), error) {
	switch a {
	case "", Proportional:
		return AllocateProportional, nil
	case Equal:
		return AllocateEqual, nil
	}
	return nil, invalid("allocation %q must be proportional or equal", a)
}

// groupRows returns the distinct labels in sorted order and, for each, its
// row indices in input order. Sorting (not first appearance, not map order)
// makes the draw independent of anything but the rows themselves.
func groupRows(labels []string) ([]string, [][]int) {
	byLabel := map[string][]int{}
	for i, l := range labels {
		byLabel[l] = append(byLabel[l], i)
	}
	names := make([]string, 0, len(byLabel))
	for l := range byLabel {
		names = append(names, l)
	}
	slices.Sort(names)
	groups := make([][]int, len(names))
	for i, l := range names {
		groups[i] = byLabel[l]
	}
	return names, groups
}

// drawGroups allocates the sample among groups and draws it.
func drawGroups(groups [][]int, d Design, allocate func([]int, int) ([]int, error)) (Sample, error) {
	pops := make([]int, len(groups))
	total := 0
	for i, g := range groups {
		pops[i] = len(g)
		total += len(g)
	}
	if d.Census || d.Size >= total {
		return census(groups, pops), nil
	}
	if d.Size < 1 {
		return Sample{}, invalid("sample size %d must be at least 1 (or ask for a census)", d.Size)
	}
	sizes, err := allocate(pops, d.Size)
	if err != nil {
		return Sample{}, err
	}
	r := newRNG(d.Seed)
	s := Sample{Strata: make([]StratumSize, len(groups))}
	for i, g := range groups {
		rows := slices.Clone(g)
		r.shuffle(rows)
		s.Selected = append(s.Selected, rows[:sizes[i]]...)
		s.Reserve = append(s.Reserve, rows[sizes[i]:]...)
		s.Strata[i] = StratumSize{Population: pops[i], Size: sizes[i]}
	}
	slices.Sort(s.Selected)
	// One more shuffle mixes the strata's leftovers into a single random list.
	r.shuffle(s.Reserve)
	return s, nil
}

func census(groups [][]int, pops []int) Sample {
	s := Sample{Census: true, Strata: make([]StratumSize, len(groups))}
	for i, g := range groups {
		s.Selected = append(s.Selected, g...)
		s.Strata[i] = StratumSize{Population: pops[i], Size: pops[i]}
	}
	slices.Sort(s.Selected)
	return s
}

// seedStream is PCG's second seed word, fixed so that a user's seed is one
// number. It spells "berdaya1" in ASCII.
const seedStream = 0x6265726461796131

// rng draws integers from PCG with algorithms owned by this package, so that
// a change in math/rand/v2's Rand methods can never change a draw.
type rng struct{ src *rand.PCG }

func newRNG(seed uint64) rng { return rng{rand.NewPCG(seed, seedStream)} }

// below returns a uniform integer in [0, n), n > 0, by Lemire's
// multiply-and-reject method ("Fast Random Integer Generation in an
// Interval", ACM TOMS 2019): exact, with no modulo bias.
func (r rng) below(n uint64) uint64 {
	hi, lo := bits.Mul64(r.src.Uint64(), n)
	if lo < n {
		threshold := -n % n
		for lo < threshold {
			hi, lo = bits.Mul64(r.src.Uint64(), n)
		}
	}
	return hi
}

// shuffle puts s in uniformly random order (Fisher–Yates, Durstenfeld's
// version: for i from the end, swap s[i] with s[j], j uniform in [0, i]).
func (r rng) shuffle(s []int) {
	for i := len(s) - 1; i > 0; i-- {
		j := int(r.below(uint64(i + 1)))
		s[i], s[j] = s[j], s[i]
	}
}
