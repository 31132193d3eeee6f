package demo

// serials hands out the 4-digit serials of NIK and KK numbers: for each key
// (district prefix and DDMMYY) 1, then 2, 3 ... 9999, so that no number repeats
// within one generator.
//
// A map from key to last serial is exact but costs some 30 bytes per person and
// a cache miss per lookup once it outgrows the caches, which made it a third
// of the generator's time at a million persons. Nearly every key is met only
// once, though, so the first serial of a key is recorded in a Bloom filter
// (about 2 bytes per key, in one cache line) and only keys met again go to the
// map. A false positive merely makes a key start at serial 2; uniqueness holds
// because serial 1 is given only to a key the filter has never seen, and a
// Bloom filter never forgets a key.
type serials struct {
	filters []bloom           // the newest last; older ones are full
	more    map[uint64]uint16 // keys met more than once -> last serial
}

func newSerials(capacity int) serials {
	return serials{filters: []bloom{newBloom(capacity)}, more: map[uint64]uint16{}}
}

// next returns the next serial of key, or false when all 9,999 are taken.
func (s *serials) next(key uint64) (uint16, bool) {
	h1, h2 := mix64(key), mix64(key^0x9e3779b97f4a7c15)
	seen := false
	for i := range s.filters {
		if s.filters[i].has(h1, h2) {
			seen = true
			break
		}
	}
	if !seen {
		cur := &s.filters[len(s.filters)-1]
		if cur.n >= cur.capacity { // full: a bigger one keeps the false-positive rate down
			s.filters = append(s.filters, newBloom(4*cur.capacity))
			cur = &s.filters[len(s.filters)-1]
		}
		cur.add(h1, h2)
		return 1, true
	}
	last := max(s.more[key], 1)
	if last >= 9999 {
		return 0, false
	}
	s.more[key] = last + 1
	return last + 1, true
}

// bloom is a blocked Bloom filter: the bits of a key all lie in one 512-bit
// block (a cache line), 16 bits per key and 7 bits set per key, for a
// false-positive rate of about 0.2%.
type bloom struct {
	blocks      [][8]uint64
	mask        uint64
	n, capacity int
}

func newBloom(capacity int) bloom {
	nb := 1
	for nb*32 < capacity { // 512 bits per block / 16 bits per key
		nb *= 2
	}
	return bloom{blocks: make([][8]uint64, nb), mask: uint64(nb - 1), capacity: nb * 32}
}

func (b *bloom) has(h1, h2 uint64) bool {
	blk := &b.blocks[h1&b.mask]
	for i := range 7 {
		bit := (h2 >> (9 * i)) & 511
		if blk[bit>>6]&(1<<(bit&63)) == 0 {
			return false
		}
	}
	return true
}

func (b *bloom) add(h1, h2 uint64) {
	blk := &b.blocks[h1&b.mask]
	for i := range 7 {
		bit := (h2 >> (9 * i)) & 511
		blk[bit>>6] |= 1 << (bit & 63)
	}
	b.n++
}

// mix64 is the SplitMix64 finaliser: keys are dense decimal numbers and need
// their bits spread before indexing.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}
