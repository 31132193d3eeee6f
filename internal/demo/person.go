package demo

import (
	"strconv"

	"github.com/berdaya/berdaya/internal/registry"
)

// person fills one member's record from the skeleton.
func (g *Generator) person(h *household, m *member, p *registry.Person) {
	r := g.rng
	v := h.v
	age := ageAt(m.birth, asOf)
	prefix := v.prefix
	if r.IntN(50) == 0 { // 2%: the NIK was issued in the district the person came from
		prefix = g.moverPrefix(v)
	}
	birth := m.birth
	nik := g.nik16(prefix, &birth, m.sex)
	disability := g.disability(age)
	edu := g.education(age)
	*p = registry.Person{
		NIK:          nik,
		Name:         g.name(h, m),
		Sex:          m.sex,
		BirthDate:    dayTime(birth),
		Relationship: m.rel,
		Education:    edu,
		Occupation:   g.occupation(h, m, age, edu),
		Disability:   disability,
		TargetGroup:  g.personGroup(h, age, disability != ""),
		Phone:        g.phone(age),
		VillageCode:  v.code,
	}
	// Children are covered by the parent's consent; a few adults decline.
	if h.consent && (age < 17 || r.IntN(100) >= 2) {
		p.Consent, p.ConsentDate = true, dayTime(h.regDay)
	}
}

// moverPrefix is the district a mover's NIK was issued in: half the time a
// neighbouring district of the same regency, otherwise anywhere in Indonesia;
// never the district they live in now.
func (g *Generator) moverPrefix(v *village) uint32 {
	pool := g.national
	if len(v.nearby) > 1 && g.rng.IntN(2) == 0 {
		pool = v.nearby
	}
	for range 16 {
		if p := pick(g.rng, pool); p != v.prefix {
			return p
		}
	}
	return v.prefix // only when the catalogue knows no other district
}

// nik16 hands out the next NIK of a district, birth day and sex. In the
// unthinkable case that all 9,999 serials of that day are taken, the person is
// born a day earlier (birth is updated) so that the NIK still decodes to the
// recorded birth date.
func (g *Generator) nik16(prefix uint32, birth *int, sex registry.Sex) string {
	for {
		y, m, d := civilFromDays(*birth)
		if sex == registry.Female {
			d += 40
		}
		date := d*10000 + m*100 + y%100
		if s, ok := g.nik.next(key(prefix, date)); ok {
			return digits16(prefix, date, s)
		}
		*birth--
	}
}

// kk16 hands out the next family-card number of a district and issue day.
func (g *Generator) kk16(prefix uint32, issue int) string {
	for {
		y, m, d := civilFromDays(issue)
		date := d*10000 + m*100 + y%100
		if s, ok := g.kk.next(key(prefix, date)); ok {
			return digits16(prefix, date, s)
		}
		issue--
	}
}

// key is the first twelve digits of a NIK or KK as a number.
func key(prefix uint32, date int) uint64 { return uint64(prefix)*1_000_000 + uint64(date) }

// digits16 formats prefix (6 digits), date (6) and serial (4).
func digits16(prefix uint32, date int, serial uint16) string {
	var b [16]byte
	putDigits(b[0:6], int(prefix))
	putDigits(b[6:12], date)
	putDigits(b[12:16], int(serial))
	return string(b[:])
}

// putDigits writes n zero-padded into b.
func putDigits(b []byte, n int) {
	for i := len(b) - 1; i >= 0; i-- {
		b[i] = byte('0' + n%10)
		n /= 10
	}
}

// Education levels (the last one completed, as on the KK).
const (
	eduNotYet   = "Belum sekolah"
	eduNone     = "Tidak sekolah"
	eduPrimaryX = "Belum tamat SD"
	eduSD       = "SD"
	eduSMP      = "SMP"
	eduSMA      = "SMA"
	eduD3       = "D3"
	eduS1       = "S1"
)

// Adult education by generation, in per mille: the programmes' beneficiaries
// are poorer than average, and older cohorts had far less schooling.
var (
	eduOld   = tab(choice[string]{eduNone, 300}, choice[string]{eduPrimaryX, 250}, choice[string]{eduSD, 300}, choice[string]{eduSMP, 80}, choice[string]{eduSMA, 60}, choice[string]{eduD3, 5}, choice[string]{eduS1, 5})
	eduMid   = tab(choice[string]{eduNone, 80}, choice[string]{eduPrimaryX, 150}, choice[string]{eduSD, 400}, choice[string]{eduSMP, 200}, choice[string]{eduSMA, 140}, choice[string]{eduD3, 15}, choice[string]{eduS1, 15})
	eduYoung = tab(choice[string]{eduNone, 20}, choice[string]{eduPrimaryX, 50}, choice[string]{eduSD, 230}, choice[string]{eduSMP, 300}, choice[string]{eduSMA, 330}, choice[string]{eduD3, 30}, choice[string]{eduS1, 40})
)

// education is the last level completed at this age.
func (g *Generator) education(age int) string {
	r := g.rng
	switch {
	case age < 7:
		return eduNotYet
	case age < 13:
		return eduPrimaryX
	case age < 16:
		if r.IntN(100) < 90 {
			return eduSD
		}
		return eduPrimaryX
	case age < 19:
		switch x := r.IntN(100); {
		case x < 75:
			return eduSMP
		case x < 95:
			return eduSD
		}
		return eduPrimaryX
	case age < 40:
		return eduYoung.pick(r)
	case age < 60:
		return eduMid.pick(r)
	}
	return eduOld.pick(r)
}

// Occupations by sex, place and age (weights in per cent).
var (
	occMaleRural = tab(choice[string]{"Petani", 25}, choice[string]{"Buruh tani", 15}, choice[string]{"Buruh harian lepas", 18},
		choice[string]{"Pedagang", 7}, choice[string]{"Nelayan", 4}, choice[string]{"Wiraswasta", 5}, choice[string]{"Tukang bangunan", 8},
		choice[string]{"Sopir", 3}, choice[string]{"Tukang ojek", 4}, choice[string]{"Karyawan swasta", 3}, choice[string]{"Buruh pabrik", 2},
		choice[string]{"Pemulung", 1}, choice[string]{"Tidak bekerja", 5})
	occMaleUrban = tab(choice[string]{"Petani", 2}, choice[string]{"Buruh harian lepas", 26}, choice[string]{"Pedagang", 14},
		choice[string]{"Wiraswasta", 8}, choice[string]{"Tukang bangunan", 10}, choice[string]{"Sopir", 6}, choice[string]{"Tukang ojek", 10},
		choice[string]{"Karyawan swasta", 7}, choice[string]{"Buruh pabrik", 6}, choice[string]{"Pemulung", 4}, choice[string]{"Nelayan", 1},
		choice[string]{"Tidak bekerja", 6})
	occFemaleRural = tab(choice[string]{"Ibu rumah tangga", 45}, choice[string]{"Petani", 12}, choice[string]{"Buruh tani", 10},
		choice[string]{"Pedagang", 9}, choice[string]{"Buruh harian lepas", 6}, choice[string]{"Wiraswasta", 4},
		choice[string]{"Pembantu rumah tangga", 3}, choice[string]{"Karyawan swasta", 2}, choice[string]{"Buruh pabrik", 3},
		choice[string]{"Tidak bekerja", 6})
	occFemaleUrban = tab(choice[string]{"Ibu rumah tangga", 42}, choice[string]{"Pedagang", 15}, choice[string]{"Buruh harian lepas", 8},
		choice[string]{"Pembantu rumah tangga", 7}, choice[string]{"Wiraswasta", 6}, choice[string]{"Karyawan swasta", 6},
		choice[string]{"Buruh pabrik", 6}, choice[string]{"Pemulung", 3}, choice[string]{"Tidak bekerja", 7})
	occMaleOld = tab(choice[string]{"Tidak bekerja", 45}, choice[string]{"Petani", 25}, choice[string]{"Pedagang", 8},
		choice[string]{"Buruh harian lepas", 8}, choice[string]{"Buruh tani", 8}, choice[string]{"Wiraswasta", 3}, choice[string]{"Pemulung", 3})
	occFemaleOld = tab(choice[string]{"Tidak bekerja", 40}, choice[string]{"Ibu rumah tangga", 30}, choice[string]{"Petani", 12},
		choice[string]{"Pedagang", 10}, choice[string]{"Buruh tani", 5}, choice[string]{"Pemulung", 3})
)

// occupation draws a plausible occupation for the member.
func (g *Generator) occupation(h *household, m *member, age int, edu string) string {
	r := g.rng
	pickers := h.group == registry.WastePicker
	switch {
	case age < 7:
		return "Belum bekerja"
	case age < 13:
		return "Pelajar"
	case age < 18 && !m.married:
		switch x := r.IntN(100); {
		case pickers && x < 20:
			return "Pemulung"
		case x < 85:
			return "Pelajar"
		case x < 93:
			return "Tidak bekerja"
		}
		return "Buruh harian lepas"
	case age >= 65:
		if m.sex == registry.Male {
			return occMaleOld.pick(r)
		}
		return occFemaleOld.pick(r)
	}
	if pickers && r.IntN(100) < 70 {
		return "Pemulung"
	}
	if h.group == registry.IsolatedCommunity && r.IntN(100) < 60 {
		return "Petani"
	}
	if age < 25 && m.rel == registry.Child {
		if (edu == eduSMA || edu == eduD3 || edu == eduS1) && r.IntN(100) < 30 {
			return "Mahasiswa"
		}
		if r.IntN(100) < 25 {
			return "Tidak bekerja"
		}
	}
	if m.sex == registry.Male {
		if h.v.urban {
			return occMaleUrban.pick(r)
		}
		return occMaleRural.pick(r)
	}
	t := occFemaleRural
	if h.v.urban {
		t = occFemaleUrban
	}
	o := t.pick(r)
	if o == "Ibu rumah tangga" && !m.married && r.IntN(100) < 60 { // women on their own mostly earn
		o = t.pick(r)
	}
	return o
}

// Disabilities, as the social-welfare registers name them.
var disabilities = tab(choice[string]{"Tunadaksa", 35}, choice[string]{"Tunanetra", 18}, choice[string]{"Tunarungu", 12},
	choice[string]{"Tunawicara", 6}, choice[string]{"Tunagrahita", 12}, choice[string]{"Disabilitas mental", 10},
	choice[string]{"Disabilitas ganda", 7})

// disability is "" for most; about 3% overall, more among the old.
func (g *Generator) disability(age int) string {
	pm := 25 // per mille
	switch {
	case age < 18:
		pm = 15
	case age >= 60:
		pm = 70
	}
	if g.rng.IntN(1000) >= pm {
		return ""
	}
	return disabilities.pick(g.rng)
}

// personGroup is the member's target group: the household's programme, unless
// the person is served for being old, disabled, a neglected child or a youth.
func (g *Generator) personGroup(h *household, age int, disabled bool) registry.TargetGroup {
	x := g.rng.IntN(100)
	switch {
	case disabled && x < 70:
		return registry.Disability
	case age >= 60 && x < 70:
		return registry.Elderly
	case age < 18 && (h.group == registry.PoorFamily || h.group == registry.SlumFamily) && x < 4:
		return registry.NeglectedChild
	case age >= 15 && age <= 30 && x < 6:
		return registry.Youth
	}
	return h.group
}

// Mobile prefixes (after the 0) of the Indonesian operators.
var mobilePrefixes = []string{"811", "812", "813", "821", "822", "823", "851", "852", "853", "814", "815", "816",
	"855", "856", "857", "858", "817", "818", "819", "859", "877", "878", "895", "896", "897", "898", "899",
	"881", "882", "883", "831", "838"}

// phone is a mobile number for most adults (fewer of the old), "" otherwise.
func (g *Generator) phone(age int) string {
	r := g.rng
	if age < 17 || r.IntN(100) >= 85 || (age >= 60 && r.IntN(100) >= 50) {
		return ""
	}
	n := 8 // subscriber digits: 0812 3456 7890
	switch x := r.IntN(10); {
	case x == 0:
		n = 7
	case x < 3:
		n = 9
	}
	b := append(g.buf[:0], '0')
	b = append(b, pick(r, mobilePrefixes)...)
	for range n {
		b = append(b, byte('0'+r.IntN(10)))
	}
	g.buf = b
	return string(b)
}

// address is the household's street or hamlet address: streets in towns,
// hamlets (dusun, kampung, banjar, jorong) in the countryside.
func (g *Generator) address(v *village, f flavour) string {
	r := g.rng
	b := g.buf[:0]
	if v.urban || r.IntN(100) < 25 {
		if r.IntN(100) < 80 {
			b = append(b, "Jl. "...)
		} else {
			b = append(b, "Gg. "...)
		}
		b = append(b, pick(r, streets)...)
		b = append(b, " No. "...)
		b = strconv.AppendInt(b, int64(1+r.IntN(150)), 10)
	} else {
		switch {
		case f == bali:
			b = append(b, "Banjar "...)
		case v.province == 13:
			b = append(b, "Jorong "...)
		case v.province == 32 || v.province == 36:
			b = append(b, "Kp. "...)
		default:
			b = append(b, "Dusun "...)
		}
		b = append(b, pick(r, hamlets)...)
	}
	b = append(b, " RT "...)
	b = appendTwo(b, 1+r.IntN(12))
	b = append(b, " RW "...)
	b = appendTwo(b, 1+r.IntN(8))
	g.buf = b
	return string(b)
}

// appendTwo appends n (< 100) as two digits.
func appendTwo(b []byte, n int) []byte { return append(b, byte('0'+n/10), byte('0'+n%10)) }
