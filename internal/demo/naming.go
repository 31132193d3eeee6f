package demo

import (
	"strings"

	"github.com/berdaya/berdaya/internal/registry"
)

// flavour is a regional naming custom a household follows.
type flavour uint8

const (
	general flavour = iota // given names only, Javanese/Malay/Arabic mix
	sunda                  // general plus Sundanese names
	batak                  // given name + marga; women "br." + marga
	bali                   // I/Ni + birth-order name + given name
	ntt                    // the eastern flavours: Christian given names + fam name
	minahasa
	maluku
	papua
)

// flavour draws the naming custom of a household in a province: most regions
// are mixed, so the regional custom is only the most likely one.
func (g *Generator) flavour(prov int) flavour {
	x := g.rng.IntN(100)
	switch {
	case prov == 12 && x < 45:
		return batak
	case prov == 51 && x < 85:
		return bali
	case (prov == 32 || prov == 36) && x < 50:
		return sunda
	case prov == 53 && x < 75:
		return ntt
	case prov == 71 && x < 60:
		return minahasa
	case prov == 81 && x < 50:
		return maluku
	case prov >= 91 && x < 60:
		return papua
	}
	return general
}

// famPool is the family names of an eastern flavour.
func famPool(f flavour) []string {
	switch f {
	case minahasa:
		return famMinahasa
	case maluku:
		return famMaluku
	case papua:
		return famPapua
	}
	return famNTT
}

// name is a member's full name in the household's custom.
func (g *Generator) name(h *household, m *member) string {
	y, _, _ := civilFromDays(m.birth)
	switch h.flav {
	case bali:
		return g.baliName(m)
	case batak:
		return g.clanName(h, m, maleBatak, femaleBatak, marga, true)
	case ntt, minahasa, maluku, papua:
		return g.clanName(h, m, maleEast, femaleEast, famPool(h.flav), false)
	}
	return g.generalName(m.sex, y, h.v.province, h.flav == sunda)
}

// Name habits by generation (born before 1965, 1965-84, 1985-99, 2000 on).
var (
	malePoolPct   = [4][2]int{{60, 40}, {25, 65}, {5, 60}, {0, 40}} // % traditional, % common; the rest modern
	femalePoolPct = [4][2]int{{60, 40}, {25, 65}, {5, 60}, {0, 45}}
	muhammadPct   = [4]int{8, 12, 18, 25}
	secondPct     = [4]int{55, 65, 80, 88} // chance of a second name after a given one
	sitiPct       = [4]int{22, 14, 8, 5}
	sriPct        = [4]int{12, 9, 5, 2}
)

func era(birthYear int) int {
	switch {
	case birthYear < 1965:
		return 0
	case birthYear < 1985:
		return 1
	case birthYear < 2000:
		return 2
	}
	return 3
}

// generalName builds the names most Indonesians carry: one to three given
// names, no family name.
func (g *Generator) generalName(sex registry.Sex, birthYear, prov int, sundanese bool) string {
	r := g.rng
	e := era(birthYear)
	b := g.buf[:0]
	var given string
	var second []string
	single := false
	if sex == registry.Male {
		second = maleSecond
		x := r.IntN(100)
		switch pct := malePoolPct[e]; {
		case sundanese && r.IntN(100) < 40-8*e:
			given, single = pick(r, maleSunda), r.IntN(100) < 50
		case x < pct[0]:
			given, single = pick(r, maleTraditional), r.IntN(100) < 65
		case x < pct[0]+pct[1]:
			given, single = pick(r, maleCommon), e < 2 && r.IntN(100) < 15
		default:
			given = pick(r, maleModern)
		}
		if !single {
			switch x := r.IntN(100); {
			case x < muhammadPct[e]:
				b = append(append(b, g.variant("Muhammad", prov)...), ' ')
			case x < muhammadPct[e]+5:
				b = append(b, "Ahmad "...)
			}
		}
	} else {
		second = femaleSecond
		sri := sriPct[e]
		if prov >= 33 && prov <= 35 { // Central/East Java, Yogyakarta
			sri *= 2
		}
		x := r.IntN(100)
		switch pct := femalePoolPct[e]; {
		case x < sitiPct[e]:
			given = g.variant("Siti", prov)
		case x < sitiPct[e]+sri:
			given = "Sri"
		case x < sitiPct[e]+sri+6:
			given = g.variant("Nur", prov)
		case sundanese && r.IntN(100) < 40-8*e:
			given, single = pick(r, femaleSunda), r.IntN(100) < 50
		default:
			switch y := r.IntN(100); {
			case y < pct[0]:
				given, single = pick(r, femaleTraditional), r.IntN(100) < 65
			case y < pct[0]+pct[1]:
				given, single = pick(r, femaleCommon), e < 2 && r.IntN(100) < 20
			default:
				given = pick(r, femaleModern)
			}
		}
		if given == "Siti" || given == "Sitti" || given == "Sri" || given == "Nur" || given == "Noor" {
			// A prefix name is followed by another: Siti Aminah, Sri Wahyuni, Nur Aisyah.
			b = append(append(b, given...), ' ')
			for range 4 { // not Nur Nurhayati
				if r.IntN(100) < 80 {
					given = pick(r, femaleSecond)
				} else {
					given = pick(r, femaleCommon)
				}
				if !strings.HasPrefix(given, "Nur") {
					break
				}
			}
		}
	}
	prefixed := len(b) > 0
	b = append(b, given...)
	switch {
	case single:
	case prefixed && r.IntN(100) < 40: // Muhammad Rizky Pratama, Siti Aminah Lestari
		b = g.appendSecond(b, given, second)
	case !prefixed && r.IntN(100) < secondPct[e]:
		b = g.appendSecond(b, given, second)
		if e == 3 && r.IntN(100) < 12 { // Rizky Pratama Putra
			b = g.appendSecond(b, given, second)
		}
	}
	g.buf = b
	return string(b)
}

// appendSecond appends a second name other than given.
func (g *Generator) appendSecond(b []byte, given string, pool []string) []byte {
	s := pick(g.rng, pool)
	if s == given {
		s = pick(g.rng, pool)
	}
	return append(append(b, ' '), s...)
}

// variant respells the names that have several common spellings, at about the
// rates they occur, so that name search and duplicate detection meet them.
func (g *Generator) variant(name string, prov int) string {
	x := g.rng.IntN(100)
	switch name {
	case "Muhammad":
		switch {
		case x < 8:
			return "Muhamad"
		case x < 13:
			return "Mohammad"
		case x < 17:
			return "Mochammad"
		}
	case "Siti":
		rate := 3
		if prov >= 72 && prov <= 76 { // Sulawesi spells it Sitti more often
			rate = 20
		}
		if x < rate {
			return "Sitti"
		}
	case "Nur":
		rate := 3
		if prov >= 61 && prov <= 65 { // Kalimantan (Banjar) writes Noor
			rate = 15
		}
		if x < rate {
			return "Noor"
		}
	}
	return name
}

// baliName follows the Balinese custom: I (men) or Ni (women), a name for the
// birth order (the fifth child starts again at Wayan), then a given name.
func (g *Generator) baliName(m *member) string {
	r := g.rng
	order := m.order
	if order == 0 {
		order = 1 + r.IntN(4)
	}
	b := g.buf[:0]
	if m.sex == registry.Male {
		b = append(b, "I "...)
		b = append(b, pick(r, baliOrderMale[(order-1)%4])...)
		b = append(append(b, ' '), pick(r, maleBali)...)
	} else {
		b = append(b, "Ni "...)
		b = append(b, pick(r, baliOrderFemale[(order-1)%4])...)
		b = append(append(b, ' '), pick(r, femaleBali)...)
	}
	g.buf = b
	return string(b)
}

// clanName is a given name followed by a family name, for the regions whose
// families carry one (Batak marga, eastern fam names). Children carry the
// father's name; wives, in-laws and women heading a family carry their own.
// Batak women are often written "br." (boru) before the marga.
func (g *Generator) clanName(h *household, m *member, male, female, fams []string, boru bool) string {
	r := g.rng
	b := g.buf[:0]
	if m.sex == registry.Male {
		b = append(b, g.regionalGiven(male, maleCommon)...)
	} else {
		b = append(b, g.regionalGiven(female, femaleCommon)...)
	}
	if !boru && r.IntN(100) < 30 { // Yohanes Petrus, Maria Magdalena
		if m.sex == registry.Male {
			b = append(append(b, ' '), pick(r, maleEast)...)
		} else {
			b = append(append(b, ' '), pick(r, femaleEast)...)
		}
	}
	inherit := false
	switch m.rel {
	case registry.Head:
		inherit = m.sex == registry.Male
	case registry.Child:
		inherit = true
	case registry.Parent:
		inherit = m.sex == registry.Male && h.headMale
	case registry.Grandchild, registry.OtherFamily:
		inherit = r.IntN(2) == 0
	}
	fam := h.surname
	if !inherit {
		if fam = pick(r, fams); fam == h.surname {
			fam = pick(r, fams)
		}
	}
	if boru && m.sex == registry.Female && r.IntN(100) < 60 {
		b = append(b, " br."...)
	}
	b = append(append(b, ' '), fam...)
	g.buf = b
	return string(b)
}

// regionalGiven is a given name, mostly from the regional pool.
func (g *Generator) regionalGiven(regional, common []string) string {
	if g.rng.IntN(100) < 75 {
		return pick(g.rng, regional)
	}
	return pick(g.rng, common)
}
