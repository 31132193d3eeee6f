// Package demo generates realistic synthetic households for the demo data,
// tests and benchmarks: Indonesian names, family structures, NIK and KK numbers
// consistent with the village and birth dates, and the attributes the registry
// records. Output is deterministic from a seed and streamed one household at a
// time, so a million persons cost a few seconds and little memory.
package demo

import (
	"math/rand/v2"
	"sync"

	"github.com/berdaya/berdaya/internal/region"
	"github.com/berdaya/berdaya/internal/registry"
)

// Family is one generated household and its members, the head first. IDs,
// OrgID and timestamps are left empty: the service that stores a family
// assigns them.
type Family struct {
	Household registry.Household
	Members   []registry.Person
}

// maxMembers bounds a household: larger ones exist but are rare among the
// programmes' beneficiaries and would only skew the demo.
const maxMembers = 8

// pcgStream is the second PCG word; fixed so that the seed alone decides the
// output.
const pcgStream = 0x6265726461796121 // "berdaya!"

// Generator produces families one at a time. It remembers which NIK and KK
// serials it has handed out (about 2 bytes per person, see serials, not the
// persons themselves), so that every number one generator produces is unique.
// A Generator is not safe for concurrent use.
type Generator struct {
	rng      *rand.Rand
	villages []village
	national []uint32  // every district prefix in the catalogue, for movers
	nik      serials   // NIK serials by district prefix and DDMMYY
	kk       serials   // KK serials by district prefix and DDMMYY
	ms       []member  // scratch skeleton of the family being built
	buf      []byte    // scratch for building strings
	hh       household // scratch household context
}

// village is a pool entry with what generation needs precomputed.
type village struct {
	code     string   // dotted, as stored
	prefix   uint32   // district digits, 32.04.05.2001 -> 320405
	province int      // 32
	urban    bool     // a kelurahan (code 1xxx) rather than a desa (2xxx)
	nearby   []uint32 // the districts of the same regency, where most movers come from
}

// NewGenerator returns a generator whose output depends only on seed and on
// villages (their order included). Households are placed uniformly in the
// villages; entries that are not villages with a well-formed code are ignored,
// so the whole catalogue may be passed. It panics when no village remains,
// since there is nowhere to place a family.
func NewGenerator(seed uint64, villages []region.Region) *Generator {
	cat := catalogue()
	g := &Generator{
		rng:      rand.New(rand.NewPCG(seed, pcgStream)),
		national: cat.all,
		nik:      newSerials(1 << 18),
		kk:       newSerials(1 << 16),
		ms:       make([]member, 0, 16),
		buf:      make([]byte, 0, 64),
	}
	for _, r := range villages {
		if r.Level != region.Village {
			continue
		}
		p, ok := districtPrefix(r.Code)
		if !ok {
			continue
		}
		g.villages = append(g.villages, village{code: r.Code, prefix: p, province: int(p / 10000),
			urban: r.Code[9] == '1', nearby: cat.byRegency[p/100]})
	}
	if len(g.villages) == 0 {
		panic("demo: NewGenerator needs at least one village")
	}
	if len(g.national) == 0 { // only if the embedded catalogue failed to load
		for _, v := range g.villages {
			g.national = append(g.national, v.prefix)
		}
	}
	return g
}

// districtPrefix reads the six district digits of a dotted village code.
func districtPrefix(code string) (uint32, bool) {
	if len(code) != 13 || code[2] != '.' || code[5] != '.' || code[8] != '.' {
		return 0, false
	}
	var p uint32
	for i, c := range []byte(code) {
		if i == 2 || i == 5 || i == 8 {
			continue
		}
		if c < '0' || c > '9' {
			return 0, false
		}
		if i < 8 {
			p = p*10 + uint32(c-'0')
		}
	}
	return p, true
}

// districtCatalogue is every real district, for the NIK prefixes of people
// registered elsewhere: a mover's NIK must name a district that exists.
type districtCatalogue struct {
	all       []uint32
	byRegency map[uint32][]uint32
}

// catalogue loads the districts once per process; they come from the embedded
// regions, not from the pool, because a pool may be a single district.
var catalogue = sync.OnceValue(func() districtCatalogue {
	cat := districtCatalogue{byRegency: map[uint32][]uint32{}}
	regions, err := region.Embedded()
	if err != nil {
		return cat
	}
	for _, r := range regions {
		if r.Level != region.District {
			continue
		}
		p, ok := districtPrefix(r.Code + ".0000")
		if !ok {
			continue
		}
		cat.all = append(cat.all, p)
		cat.byRegency[p/100] = append(cat.byRegency[p/100], p)
	}
	return cat
})

// Next generates one household (1 to 8 members, the head first).
func (g *Generator) Next() Family {
	r := g.rng
	v := &g.villages[r.IntN(len(g.villages))]
	h := &g.hh
	*h = household{v: v, kind: kinds.pick(r), flav: g.flavour(v.province)}
	g.skeleton(h)
	ms := g.ms

	// The KK is reissued whenever the family changes, so its date is after the
	// youngest member's birth; registration (and consent) came after that.
	youngest := ms[0].birth
	for _, m := range ms[1:] {
		youngest = max(youngest, m.birth)
	}
	issue := max(youngest, daysFromCivil(2005, 1, 1))
	issue += r.IntN(asOf - issue + 1)
	regFrom := max(issue, asOf-3*365)
	h.regDay = regFrom + r.IntN(asOf-regFrom+1)
	h.consent = r.IntN(100) < 92
	h.group = g.householdGroup(h)
	switch h.flav {
	case batak:
		h.surname = pick(r, marga)
	case ntt, minahasa, maluku, papua:
		h.surname = pick(r, famPool(h.flav))
	}

	f := Family{
		Household: registry.Household{KK: g.kk16(v.prefix, issue), Address: g.address(v, h.flav), VillageCode: v.code},
		Members:   make([]registry.Person, len(ms)),
	}
	for i := range ms {
		g.person(h, &ms[i], &f.Members[i])
	}
	return f
}

// household is what every member of a family being generated shares.
type household struct {
	v        *village
	kind     kind
	flav     flavour
	headMale bool
	headAge  int
	group    registry.TargetGroup
	surname  string // family name where the region's families carry one
	consent  bool
	regDay   int
}

// member is one person of the skeleton: who they are to the head and when they
// were born; everything else is derived from these.
type member struct {
	rel     registry.Relationship
	sex     registry.Sex
	birth   int  // days since 1970-01-01
	order   int  // birth order among siblings (1 = eldest), 0 when unknown
	married bool // lives with a spouse (for the occupation "Ibu rumah tangga")
}

// kind is the shape of a household.
type kind uint8

const (
	couple       kind = iota // a married couple, with children and maybe others
	widow                    // a widow heading the family
	widower                  // a widower heading the family
	singleMother             // a divorced or abandoned mother with young children
	elderlyAlone             // an old person living alone
	adultAlone               // a working-age person living alone
)

var kinds = tab(
	choice[kind]{couple, 72}, choice[kind]{widow, 11}, choice[kind]{widower, 3},
	choice[kind]{singleMother, 4}, choice[kind]{elderlyAlone, 6}, choice[kind]{adultAlone, 4},
)

// Age bands of heads (lower bound, upper bound, weight): beneficiary heads are
// mostly of working age, widows older.
var (
	coupleHeadAges = tab(band(20, 29, 16), band(30, 39, 28), band(40, 49, 26),
		band(50, 59, 18), band(60, 75, 12))
	widowAges = tab(band(30, 49, 25), band(50, 64, 40), band(65, 88, 35))
	// Children ever born to a mother (those grown up may have left home).
	childrenBorn = tab(choice[int]{0, 6}, choice[int]{1, 14}, choice[int]{2, 28}, choice[int]{3, 25},
		choice[int]{4, 15}, choice[int]{5, 12})
)

// band is an age band lo..hi (inclusive) drawn with weight w.
func band(lo, hi, w int) choice[[2]int] { return choice[[2]int]{[2]int{lo, hi}, w} }

// birthAtAge is a birth day of someone aged exactly age on asOf.
func (g *Generator) birthAtAge(age int) int {
	return addYears(asOf, -age) - g.rng.IntN(365)
}

// ageIn is a birth day for an age drawn from a band.
func (g *Generator) ageIn(band [2]int) int {
	return g.birthAtAge(band[0] + g.rng.IntN(band[1]-band[0]+1))
}

// sex draws a sex with the given per-cent chance of male.
func (g *Generator) sex(malePct int) registry.Sex {
	if g.rng.IntN(100) < malePct {
		return registry.Male
	}
	return registry.Female
}

// skeleton builds g.ms: the members' relationships, sexes and birth days.
func (g *Generator) skeleton(h *household) {
	r := g.rng
	ms := g.ms[:0]
	var motherBirth, fatherBirth int
	switch h.kind {
	case couple:
		husband := g.ageIn(coupleHeadAges.pick(r))
		hAge := ageAt(husband, asOf)
		// Wives are a few years younger on average, sometimes older.
		wAge := hAge - 4 + r.IntN(5) - r.IntN(4) - r.IntN(4) + r.IntN(3)
		wAge = min(max(wAge, 17), 90)
		wife := g.birthAtAge(wAge)
		if r.IntN(100) < 1 { // a wife registered as head of the family card
			ms = append(ms, member{rel: registry.Head, sex: registry.Female, birth: wife, married: true},
				member{rel: registry.Spouse, sex: registry.Male, birth: husband, married: true})
		} else {
			ms = append(ms, member{rel: registry.Head, sex: registry.Male, birth: husband, married: true},
				member{rel: registry.Spouse, sex: registry.Female, birth: wife, married: true})
		}
		motherBirth, fatherBirth = wife, husband
	case widow, singleMother:
		ages := [2]int{20, 45}
		if h.kind == widow {
			ages = widowAges.pick(r)
		}
		b := g.ageIn(ages)
		ms = append(ms, member{rel: registry.Head, sex: registry.Female, birth: b})
		// The absent father was a few years older.
		motherBirth, fatherBirth = b, b-r.IntN(8*365)
	case widower:
		b := g.ageIn([2]int{40, 85})
		ms = append(ms, member{rel: registry.Head, sex: registry.Male, birth: b})
		motherBirth, fatherBirth = b+r.IntN(6*365), b
	case elderlyAlone:
		ms = append(ms, member{rel: registry.Head, sex: g.sex(30), birth: g.ageIn([2]int{60, 92})})
	case adultAlone:
		ms = append(ms, member{rel: registry.Head, sex: g.sex(65), birth: g.ageIn([2]int{18, 55})})
	}
	h.headMale = ms[0].sex == registry.Male
	h.headAge = ageAt(ms[0].birth, asOf)
	if h.kind == elderlyAlone || h.kind == adultAlone {
		g.ms = ms
		return
	}

	want := childrenBorn.pick(r)
	if h.kind == singleMother {
		want = 1 + r.IntN(3)
	}
	var eldest int
	ms, eldest = g.children(ms, registry.Child, motherBirth, fatherBirth, want)

	// A widowed parent of the head (or of the spouse) often lives with them.
	if h.headAge <= 62 && r.IntN(100) < 10 {
		of, rel := 0, registry.Parent
		if h.kind == couple && r.IntN(100) < 40 {
			of, rel = 1, registry.ParentInLaw
		}
		b := addYears(ms[of].birth, -(18+r.IntN(23))) - r.IntN(365)
		if ageAt(b, asOf) <= 95 && len(ms) < maxMembers {
			ms = append(ms, member{rel: rel, sex: g.sex(25), birth: b})
		}
	}

	// Grandchildren: a married child living in with spouse and children, or
	// grandchildren left with their grandparents while the parents work away.
	if eldest != 0 && ageAt(eldest, asOf) >= 20 {
		adult := -1
		for i, m := range ms {
			if m.rel == registry.Child && ageAt(m.birth, asOf) >= 20 {
				adult = i
				break
			}
		}
		switch p := r.IntN(100); {
		case adult >= 0 && p < 35 && len(ms) < maxMembers:
			c := ms[adult]
			inLaw := member{rel: registry.ChildInLaw, sex: registry.Female, birth: c.birth + r.IntN(5*365) - r.IntN(3*365), married: true}
			if c.sex == registry.Female {
				inLaw.sex, inLaw.birth = registry.Male, c.birth-r.IntN(6*365)+r.IntN(365)
			}
			inLaw.birth = min(inLaw.birth, addYears(asOf, -18))
			ms[adult].married = true
			ms = append(ms, inLaw)
			mother, father := c.birth, inLaw.birth
			if c.sex == registry.Male {
				mother, father = inLaw.birth, c.birth
			}
			ms, _ = g.children(ms, registry.Grandchild, mother, father, r.IntN(4))
		case p >= 35 && p < 50:
			ms, _ = g.children(ms, registry.Grandchild, eldest, eldest, 1+r.IntN(2))
		}
	}

	if r.IntN(100) < 3 && len(ms) < maxMembers { // a niece, nephew or cousin
		ms = append(ms, member{rel: registry.OtherFamily, sex: g.sex(50), birth: g.ageIn([2]int{5, 30})})
	}
	g.ms = ms
}

// children appends the children born to a mother (born on motherBirth) and a
// father (born on fatherBirth) who still live at home, up to want births, and
// returns the eldest's birth day (0 when none was born). The mother is 17 to 45
// at each birth and the father at least 16, so that parents are always
// plausibly older than their children; grown children have often left.
func (g *Generator) children(ms []member, rel registry.Relationship, motherBirth, fatherBirth, want int) ([]member, int) {
	r := g.rng
	if want == 0 {
		return ms, 0
	}
	t := addYears(motherBirth, 17+r.IntN(6)+r.IntN(7)) + r.IntN(365)
	t = max(t, addYears(fatherBirth, 16)+r.IntN(365))
	last := addYears(motherBirth, 46) - 1 // the day before her 46th birthday
	eldest := 0
	for born := 1; born <= want && t <= asOf && t <= last; born++ {
		if eldest == 0 {
			eldest = t
		}
		if g.staysHome(ageAt(t, asOf)) && len(ms) < maxMembers {
			ms = append(ms, member{rel: rel, sex: g.sex(51), birth: t, order: born})
		}
		t += 420 + r.IntN(1800) // 14 months to about 6 years apart
	}
	return ms, eldest
}

// staysHome decides whether a child of this age still lives with the parents.
func (g *Generator) staysHome(age int) bool {
	p := 100
	switch {
	case age >= 30:
		p = 22
	case age >= 25:
		p = 50
	case age >= 18:
		p = 80
	}
	return g.rng.IntN(100) < p
}

// householdGroup is the programme a household was registered under; members
// then mostly share it (see personGroup).
func (g *Generator) householdGroup(h *household) registry.TargetGroup {
	groups := [...]registry.TargetGroup{registry.PoorFamily, registry.CreditUnionMember, registry.WastePicker,
		registry.SlumFamily, registry.IsolatedCommunity, registry.YoungFamily, registry.VulnerableWoman}
	w := [len(groups)]int{55, 10, 3, 1, 2, 0, 0}
	if h.v.urban {
		w[2], w[3], w[4] = 14, 7, 0
	}
	if h.v.province >= 91 && !h.v.urban { // Papua: remote communities
		w[4] = 10
	}
	if h.kind == couple && h.headAge < 35 {
		w[5] = 10
	}
	if !h.headMale && h.headAge < 60 {
		w[6] = 25
	}
	total := 0
	for _, x := range w {
		total += x
	}
	x := g.rng.IntN(total)
	for i, wi := range w {
		if x < wi {
			return groups[i]
		}
		x -= wi
	}
	return registry.PoorFamily
}

// choice is one weighted value of a table.
type choice[T any] struct {
	v T
	w int
}

// table draws values in proportion to their weights.
type table[T any] struct {
	vals  []T
	cum   []int
	total int
}

func tab[T any](cs ...choice[T]) table[T] {
	t := table[T]{vals: make([]T, len(cs)), cum: make([]int, len(cs))}
	for i, c := range cs {
		t.total += c.w
		t.vals[i], t.cum[i] = c.v, t.total
	}
	return t
}

func (t table[T]) pick(r *rand.Rand) T {
	x := r.IntN(t.total)
	for i, c := range t.cum {
		if x < c {
			return t.vals[i]
		}
	}
	return t.vals[len(t.vals)-1]
}

// pick draws uniformly from a pool.
func pick[T any](r *rand.Rand, pool []T) T { return pool[r.IntN(len(pool))] }
