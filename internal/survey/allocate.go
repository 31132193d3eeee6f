package survey

import "slices"

// AllocateProportional shares a sample of n among strata of the given sizes
// in proportion to their sizes, n_h ≈ n·N_h/N, rounded so the n_h sum to n
// exactly. The rules, in order:
//
//   - n ≥ N: everyone (a census of every stratum).
//   - A stratum of size 0 gets 0.
//   - When n is at least the number of non-empty strata, every non-empty
//     stratum gets at least 1, so that each can be estimated: strata whose
//     quota n·N_h/N is below 1 are set to 1, and the rest of the sample is
//     shared proportionally among the other strata (repeated until no quota
//     is below 1). This slightly over-represents tiny strata; the stratified
//     estimator weights them back.
//   - When n is smaller than the number of non-empty strata, some strata get
//     0 and plain proportional rounding decides which.
//   - Rounding is by largest remainder (Hamilton's method): each stratum
//     gets the whole part of its quota, and the units still missing go to
//     the largest fractional parts; ties go to the larger stratum, then to the
//     earlier one. Quotas are compared in exact integer arithmetic.
//
// No stratum ever gets more than its size.
func AllocateProportional(sizes []int, n int) ([]int, error) {
	total, nonEmpty, err := checkAllocation(sizes, n)
	if err != nil || n >= total {
		return slices.Clone(sizes), err
	}
	out := make([]int, len(sizes))
	open := make([]bool, len(sizes)) // strata still shared proportionally
	for h, size := range sizes {
		open[h] = size > 0
	}
	if n >= nonEmpty {
		n = fixTinyStrata(sizes, n, out, open)
	}
	largestRemainder(sizes, n, out, open)
	return out, nil
}

// fixTinyStrata gives 1 to each open stratum whose quota is below 1, closes
// it, and repeats with what is left; it returns the sample left to share.
// Quotas are compared exactly: n·N_h < N_open means n·N_h/N_open < 1.
func fixTinyStrata(sizes []int, n int, out []int, open []bool) int {
	for {
		pop := int64(openTotal(sizes, open))
		fixed := 0
		for h, size := range sizes {
			if open[h] && int64(n)*int64(size) < pop {
				out[h], open[h] = 1, false
				fixed++
			}
		}
		if fixed == 0 {
			return n
		}
		n -= fixed
	}
}

// largestRemainder shares n among the open strata by Hamilton's method.
func largestRemainder(sizes []int, n int, out []int, open []bool) {
	pop := int64(openTotal(sizes, open))
	if pop == 0 || n <= 0 {
		return
	}
	rem := make([]int64, len(sizes))
	var cands []int
	left := n
	for h, size := range sizes {
		if !open[h] {
			continue
		}
		q := int64(n) * int64(size)
		out[h], rem[h] = int(q/pop), q%pop
		left -= out[h]
		if out[h] < size {
			cands = append(cands, h)
		}
	}
	slices.SortStableFunc(cands, func(a, b int) int {
		if rem[a] != rem[b] {
			return cmpDesc(rem[a], rem[b])
		}
		return cmpDesc(int64(sizes[a]), int64(sizes[b]))
	})
	for _, h := range cands[:left] {
		out[h]++
	}
}

func cmpDesc(a, b int64) int {
	switch {
	case a > b:
		return -1
	case a < b:
		return 1
	}
	return 0
}

func openTotal(sizes []int, open []bool) int {
	t := 0
	for h, size := range sizes {
		if open[h] {
			t += size
		}
	}
	return t
}

// AllocateEqual shares a sample of n equally among the non-empty strata:
// n/K each for K strata. A stratum smaller than its share is taken whole and
// the surplus is shared equally among the others (water-filling), so the
// sizes always sum to n (or to N when n ≥ N: a census). When n does not
// divide evenly, the units left over go to the largest strata, and between
// strata of equal size to the earlier one in label order; in particular when
// n is smaller than K, the n largest strata get one each and the others none.
func AllocateEqual(sizes []int, n int) ([]int, error) {
	total, _, err := checkAllocation(sizes, n)
	if err != nil || n >= total {
		return slices.Clone(sizes), err
	}
	order := make([]int, 0, len(sizes))
	for h, size := range sizes {
		if size > 0 {
			order = append(order, h)
		}
	}
	// Smallest first, so a capped stratum passes its surplus on; among equal
	// sizes the later label first, so the earlier one receives the leftover.
	slices.SortStableFunc(order, func(a, b int) int {
		if sizes[a] != sizes[b] {
			return sizes[a] - sizes[b]
		}
		return b - a
	})
	out := make([]int, len(sizes))
	left := n
	for i, h := range order {
		share := left / (len(order) - i)
		out[h] = min(share, sizes[h])
		left -= out[h]
	}
	return out, nil
}

// checkAllocation validates the inputs shared by the allocations and returns
// the population and the number of non-empty strata.
func checkAllocation(sizes []int, n int) (total, nonEmpty int, err error) {
	for _, size := range sizes {
		if size < 0 {
			return 0, 0, invalid("stratum size %d must not be negative", size)
		}
		total += size
		if size > 0 {
			nonEmpty++
		}
	}
	if total == 0 {
		return 0, 0, invalid("all strata are empty: nothing to sample")
	}
	if n < 1 {
		return 0, 0, invalid("sample size %d must be at least 1", n)
	}
	return total, nonEmpty, nil
}
