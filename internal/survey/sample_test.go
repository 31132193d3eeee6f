package survey

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// Go's own test pins PCG's output (math/rand/v2 TestPCG uses these first
// values for NewPCG(1, 2)); repeating it here makes a changed stream fail
// this package's tests too, next to the golden draws that depend on it.
func TestPCGStreamPinned(t *testing.T) {
	p := rand.NewPCG(1, 2)
	for i, want := range []uint64{0xc4f5a58656eef510, 0x9dcec3ad077dec6c, 0xc8d04605312f8088} {
		if got := p.Uint64(); got != want {
			t.Fatalf("PCG(1,2) #%d = %#x, want %#x: math/rand/v2 changed its PCG; seeded draws are no longer reproducible", i, got, want)
		}
	}
}

// Golden draws: these exact lists are what seed 42 gives, on every platform.
// If this test fails, recorded seeds no longer reproduce their samples.
func TestDrawGolden(t *testing.T) {
	s, err := Draw(10, Design{Size: 3, Seed: 42})
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(s.Selected, s.Reserve); got != goldenSimple {
		t.Errorf("Draw(10, 3, seed 42) = %s, want %s", got, goldenSimple)
	}
	labels := []string{"b", "a", "b", "c", "a", "b", "b", "a", "c", "b"}
	st, err := DrawStratified(labels, Design{Size: 5, Seed: 42})
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(st.Selected, st.Reserve, st.Strata); got != goldenStratified {
		t.Errorf("DrawStratified(seed 42) = %s, want %s", got, goldenStratified)
	}
}

const (
	goldenSimple     = "[0 3 4] [9 8 2 7 5 1 6]"
	goldenStratified = "[2 3 4 5 6] [9 7 8 1 0] [{a 3 1} {b 5 3} {c 2 1}]"
)

func TestDrawReproducible(t *testing.T) {
	a, _ := Draw(1000, Design{Size: 50, Seed: 7})
	b, _ := Draw(1000, Design{Size: 50, Seed: 7})
	c, _ := Draw(1000, Design{Size: 50, Seed: 8})
	if !slices.Equal(a.Selected, b.Selected) || !slices.Equal(a.Reserve, b.Reserve) {
		t.Error("same seed, different draw")
	}
	if slices.Equal(a.Selected, c.Selected) || slices.Equal(a.Reserve, c.Reserve) {
		t.Error("different seeds, same draw")
	}
	checkPartition(t, a, 1000, 50)
	labels := make([]string, 1000)
	for i := range labels {
		labels[i] = fmt.Sprint("desa-", i%7)
	}
	for _, alloc := range []Allocation{Proportional, Equal} {
		x, _ := DrawStratified(labels, Design{Size: 60, Seed: 7, Allocation: alloc})
		y, _ := DrawStratified(labels, Design{Size: 60, Seed: 7, Allocation: alloc})
		z, _ := DrawStratified(labels, Design{Size: 60, Seed: 9, Allocation: alloc})
		if !slices.Equal(x.Selected, y.Selected) || !slices.Equal(x.Reserve, y.Reserve) || slices.Equal(x.Selected, z.Selected) {
			t.Errorf("%s: seed does not decide the draw", alloc)
		}
		checkPartition(t, x, 1000, 60)
		checkStrata(t, x, labels)
	}
}

// checkPartition: selected (sorted) and reserve together hold every row once.
func checkPartition(t *testing.T, s Sample, population, size int) {
	t.Helper()
	if len(s.Selected) != size || len(s.Selected)+len(s.Reserve) != population || !slices.IsSorted(s.Selected) {
		t.Fatalf("selected %d (sorted %v), reserve %d; want %d of %d", len(s.Selected), slices.IsSorted(s.Selected), len(s.Reserve), size, population)
	}
	all := slices.Sorted(slices.Values(append(slices.Clone(s.Selected), s.Reserve...)))
	for i, r := range all {
		if r != i {
			t.Fatalf("row %d missing or repeated", i)
		}
	}
}

// checkStrata: each stratum got exactly its allocated size.
func checkStrata(t *testing.T, s Sample, labels []string) {
	t.Helper()
	got := map[string]int{}
	for _, r := range s.Selected {
		got[labels[r]]++
	}
	for _, st := range s.Strata {
		if got[st.Label] != st.Size {
			t.Errorf("stratum %s: %d selected, allocated %d", st.Label, got[st.Label], st.Size)
		}
	}
}

// Every row is equally likely to be drawn: over 20000 draws of 3 of 10 with
// different seeds, each row's frequency is near 0.3 (σ ≈ 0.0032).
func TestDrawUniform(t *testing.T) {
	counts := make([]int, 10)
	first := make([]int, 10) // first reserve position, 1/7 each
	const runs = 20000
	for seed := range uint64(runs) {
		s, _ := Draw(10, Design{Size: 3, Seed: seed})
		for _, r := range s.Selected {
			counts[r]++
		}
		first[s.Reserve[0]]++
	}
	for i, c := range counts {
		if f := float64(c) / runs; f < 0.285 || f > 0.315 {
			t.Errorf("row %d drawn with frequency %.4f, want 0.3", i, f)
		}
	}
	for i, c := range first {
		if f := float64(c) / runs; f < 0.07 {
			t.Errorf("row %d first in reserve with frequency %.4f", i, f)
		}
	}
}

func TestDrawEdgeCases(t *testing.T) {
	// n > N and n = N: everyone, no reserve, no randomness needed.
	for _, n := range []int{10, 11, 1000} {
		s, err := Draw(10, Design{Size: n, Seed: 1})
		if err != nil || !s.Census || len(s.Selected) != 10 || len(s.Reserve) != 0 {
			t.Errorf("size %d of 10: %+v, %v", n, s, err)
		}
	}
	s, err := Draw(5, Design{Census: true})
	if err != nil || !s.Census || !slices.Equal(s.Selected, []int{0, 1, 2, 3, 4}) {
		t.Errorf("census: %+v, %v", s, err)
	}
	st, err := DrawStratified([]string{"x", "y", "x"}, Design{Census: true})
	if err != nil || !st.Census || len(st.Strata) != 2 || st.Strata[0] != (StratumSize{"x", 2, 2}) {
		t.Errorf("stratified census: %+v, %v", st, err)
	}
	// Fewer households than strata: some strata get none.
	labels := []string{"a", "a", "a", "b", "b", "c"}
	st, err = DrawStratified(labels, Design{Size: 2, Seed: 3})
	if err != nil || len(st.Selected) != 2 {
		t.Fatalf("n < strata: %+v, %v", st, err)
	}
	checkStrata(t, st, labels)
	for name, c := range map[string]struct {
		pop int
		d   Design
	}{
		"empty list": {0, Design{Size: 1}},
		"size 0":     {10, Design{Size: 0}},
		"size < 0":   {10, Design{Size: -3}},
	} {
		if _, err := Draw(c.pop, c.d); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: error = %v, want ErrInvalid", name, err)
		}
	}
	if _, err := DrawStratified(nil, Design{Size: 1}); !errors.Is(err, ErrInvalid) {
		t.Errorf("empty stratified: %v", err)
	}
	if _, err := DrawStratified(labels, Design{Size: 2, Allocation: "optimal"}); !errors.Is(err, ErrInvalid) {
		t.Errorf("unknown allocation: %v", err)
	}
}

func TestAllocateProportional(t *testing.T) {
	for _, c := range []struct {
		sizes []int
		n     int
		want  []int
	}{
		{[]int{50, 30, 20}, 10, []int{5, 3, 2}}, // exact quotas
		// Quotas 3.85, 2.1, 1.05: whole parts 3+2+1 = 6, the 7th to the
		// largest remainder (0.85).
		{[]int{55, 30, 15}, 7, []int{4, 2, 1}},
		// Quotas 3.33 each: the tie goes to the earlier stratum.
		{[]int{10, 10, 10}, 10, []int{4, 3, 3}},
		// Quotas 1.5, 2.5, 1.0: whole parts 1+2+1 = 4; remainders tie at 0.5,
		// so the 5th unit goes to the larger stratum.
		{[]int{3, 5, 2}, 5, []int{1, 3, 1}},
		// Quotas 1.5 and 0.5: the small stratum is raised to 1, the other
		// gets the 1 left.
		{[]int{30, 10}, 2, []int{1, 1}},
		// Minimum 1: quotas 9.92, 0.05, 0, 0.03; strata 1 and 3 are set to
		// 1, the remaining 8 go to stratum 0; the empty stratum gets 0.
		{[]int{1000, 5, 0, 3}, 10, []int{8, 1, 0, 1}},
		// n smaller than the 4 strata: quotas 1.0, 0.5, 0.3, 0.2; whole parts
		// 1,0,0,0; the last unit to the largest remainder (0.5).
		{[]int{100, 50, 30, 20}, 2, []int{1, 1, 0, 0}},
		// n ≥ N: everyone.
		{[]int{3, 2}, 10, []int{3, 2}},
		{[]int{3, 2}, 5, []int{3, 2}},
	} {
		got, err := AllocateProportional(c.sizes, c.n)
		if err != nil || !slices.Equal(got, c.want) {
			t.Errorf("AllocateProportional(%v, %d) = %v, %v; want %v", c.sizes, c.n, got, err, c.want)
		}
	}
}

func TestAllocateEqual(t *testing.T) {
	for _, c := range []struct {
		sizes []int
		n     int
		want  []int
	}{
		{[]int{100, 100, 100}, 9, []int{3, 3, 3}},
		// 10/3: the leftover unit to the earlier of equal strata.
		{[]int{100, 100, 100}, 10, []int{4, 3, 3}},
		// Stratum 0 has only 2: taken whole, its surplus 2 shared by the others.
		{[]int{2, 100, 100}, 12, []int{2, 5, 5}},
		{[]int{2, 100, 100}, 13, []int{2, 6, 5}},
		// The leftover goes to the larger stratum.
		{[]int{100, 200}, 5, []int{2, 3}},
		// Empty strata get nothing.
		{[]int{0, 10, 10}, 4, []int{0, 2, 2}},
		// n smaller than the strata: the largest get one each.
		{[]int{10, 50, 30}, 2, []int{0, 1, 1}},
		{[]int{4, 1}, 9, []int{4, 1}},
	} {
		got, err := AllocateEqual(c.sizes, c.n)
		if err != nil || !slices.Equal(got, c.want) {
			t.Errorf("AllocateEqual(%v, %d) = %v, %v; want %v", c.sizes, c.n, got, err, c.want)
		}
	}
}

// Whatever the sizes, an allocation sums to min(n, N) and respects each
// stratum's size; proportional gives every non-empty stratum one when it can.
func TestAllocationInvariants(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	for range 2000 {
		sizes := make([]int, 1+r.IntN(8))
		total, nonEmpty := 0, 0
		for i := range sizes {
			sizes[i] = r.IntN(4) * r.IntN(60) // some zeros, some small
			total += sizes[i]
			if sizes[i] > 0 {
				nonEmpty++
			}
		}
		if total == 0 {
			continue
		}
		n := 1 + r.IntN(total+5)
		for name, allocate := range map[string]func([]int, int) ([]int, error){"proportional": AllocateProportional, "equal": AllocateEqual} {
			got, err := allocate(sizes, n)
			sum := 0
			for h, k := range got {
				sum += k
				if k < 0 || k > sizes[h] {
					t.Fatalf("%s(%v, %d) = %v: stratum %d out of range", name, sizes, n, got, h)
				}
				if name == "proportional" && n >= nonEmpty && sizes[h] > 0 && k == 0 {
					t.Fatalf("%s(%v, %d) = %v: non-empty stratum %d got none", name, sizes, n, got, h)
				}
			}
			if err != nil || sum != min(n, total) {
				t.Fatalf("%s(%v, %d) = %v (sum %d), %v", name, sizes, n, got, sum, err)
			}
		}
	}
}

func TestAllocateInvalid(t *testing.T) {
	for _, allocate := range []func([]int, int) ([]int, error){AllocateProportional, AllocateEqual} {
		for _, c := range []struct {
			sizes []int
			n     int
		}{{[]int{5, -1}, 2}, {[]int{0, 0}, 1}, {nil, 1}, {[]int{5}, 0}} {
			if _, err := allocate(c.sizes, c.n); !errors.Is(err, ErrInvalid) {
				t.Errorf("allocate(%v, %d) = %v, want ErrInvalid", c.sizes, c.n, err)
			}
		}
	}
}
