package demo

import (
	"bytes"
	"encoding/csv"
	"io"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/berdaya/berdaya/internal/region"
	"github.com/berdaya/berdaya/internal/registry"
)

// villages is every village of the embedded catalogue, loaded once.
var villages = sync.OnceValue(func() []region.Region {
	all, err := region.Embedded()
	if err != nil {
		panic(err)
	}
	var out []region.Region
	for _, r := range all {
		if r.Level == region.Village {
			out = append(out, r)
		}
	}
	return out
})

// districtSet is the set of district prefixes (undotted) of the catalogue.
var districtSet = sync.OnceValue(func() map[string]bool {
	all, _ := region.Embedded()
	set := map[string]bool{}
	for _, r := range all {
		if r.Level == region.District {
			set[strings.ReplaceAll(r.Code, ".", "")] = true
		}
	}
	return set
})

// nik is a NIK decoded by the rules independently of the generator: district
// prefix, birth day (women +40), month, two-digit year, serial.
type nik struct {
	prefix            string
	day, month, year2 int
	female            bool
	serial            int
	ok                bool
}

func decodeNIK(s string) nik {
	if len(s) != 16 {
		return nik{}
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return nik{}
		}
	}
	n := func(a, b int) int { v, _ := strconv.Atoi(s[a:b]); return v }
	d := nik{prefix: s[:6], day: n(6, 8), month: n(8, 10), year2: n(10, 12), serial: n(12, 16), ok: true}
	if d.day > 40 {
		d.day, d.female = d.day-40, true
	}
	return d
}

func undotted(villageCode string) string { return strings.ReplaceAll(villageCode[:8], ".", "") }

func TestDeterministic(t *testing.T) {
	vs := villages()
	a, b, c := NewGenerator(42, vs), NewGenerator(42, vs), NewGenerator(43, vs)
	same := true
	for i := range 100 {
		fa, fb, fc := a.Next(), b.Next(), c.Next()
		if !reflect.DeepEqual(fa, fb) {
			t.Fatalf("family %d differs for the same seed:\n%+v\n%+v", i, fa, fb)
		}
		if !reflect.DeepEqual(fa, fc) {
			same = false
		}
	}
	if same {
		t.Fatal("seeds 42 and 43 gave the same 100 families")
	}
}

func TestNewGeneratorPool(t *testing.T) {
	all, err := region.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	// The whole catalogue may be passed: only villages are used.
	g := NewGenerator(1, all)
	for range 50 {
		if f := g.Next(); region.LevelOf(f.Household.VillageCode) != region.Village {
			t.Fatalf("household placed in %q", f.Household.VillageCode)
		}
	}
	// A one-regency pool places every household in that regency.
	var one []region.Region
	for _, r := range villages() {
		if strings.HasPrefix(r.Code, "32.04.") {
			one = append(one, r)
		}
	}
	g = NewGenerator(1, one)
	for range 200 {
		if f := g.Next(); !region.InScope("32.04", f.Household.VillageCode) {
			t.Fatalf("household placed in %q, outside 32.04", f.Household.VillageCode)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("NewGenerator with no village did not panic")
		}
	}()
	NewGenerator(1, all[:10]) // provinces only
}

func TestPoolSizes(t *testing.T) {
	male := len(maleCommon) + len(maleTraditional) + len(maleModern)
	female := len(femaleCommon) + len(femaleTraditional) + len(femaleModern)
	if male < 60 || female < 60 || len(maleSecond) < 50 || len(femaleSecond) < 50 {
		t.Errorf("pools: %d male, %d female given names, %d/%d second names", male, female, len(maleSecond), len(femaleSecond))
	}
	for name, pool := range map[string][]string{"maleCommon": maleCommon, "maleTraditional": maleTraditional, "maleModern": maleModern,
		"femaleCommon": femaleCommon, "femaleTraditional": femaleTraditional, "femaleModern": femaleModern,
		"maleSecond": maleSecond, "femaleSecond": femaleSecond, "marga": marga} {
		seen := map[string]bool{}
		for _, n := range pool {
			if seen[n] {
				t.Errorf("%s lists %q twice", name, n)
			}
			seen[n] = true
		}
	}
}

// TestPersons streams 200,000 persons and checks the identifiers, the family
// structures and the attribute distributions in one pass.
func TestPersons(t *testing.T) {
	const want = 200_000
	g := NewGenerator(7, villages())
	niks := make(map[string]bool, want)
	kks := map[string]bool{}
	var persons, families, local, disabled, consent, adults, phones, elderlyAlone, femaleHeads int
	groups := map[registry.TargetGroup]int{}
	spellings := map[string]int{}
	var prevFamily Family
	for persons < want {
		f := g.Next()
		families++
		hh := f.Household
		if kks[hh.KK] {
			t.Fatalf("duplicate KK %s", hh.KK)
		}
		kks[hh.KK] = true
		kk := decodeNIK(hh.KK)
		if !kk.ok || kk.female || kk.prefix != undotted(hh.VillageCode) {
			t.Fatalf("KK %s does not fit village %s", hh.KK, hh.VillageCode)
		}
		if hh.Address == "" || !strings.Contains(hh.Address, " RT ") {
			t.Fatalf("address %q", hh.Address)
		}
		checkFamily(t, f)
		if len(f.Members) == 1 && ageAt(days(f.Members[0].BirthDate), asOf) >= 60 {
			elderlyAlone++
		}
		if f.Members[0].Sex == registry.Female {
			femaleHeads++
		}
		for _, p := range f.Members {
			persons++
			if niks[p.NIK] {
				t.Fatalf("duplicate NIK %s (%s); previous family %+v", p.NIK, p.Name, prevFamily)
			}
			niks[p.NIK] = true
			d := decodeNIK(p.NIK)
			y, m, day := p.BirthDate.Date()
			if !d.ok || d.day != day || d.month != int(m) || d.year2 != y%100 || d.female != (p.Sex == registry.Female) ||
				d.serial < 1 || d.serial > 9999 {
				t.Fatalf("NIK %s does not decode to %s %s", p.NIK, p.BirthDate.Format(time.DateOnly), p.Sex)
			}
			if d.prefix == undotted(hh.VillageCode) {
				local++
			} else if !districtSet()[d.prefix] {
				t.Fatalf("mover NIK %s names no real district", p.NIK)
			}
			if p.BirthDate.After(ReferenceDate()) || p.BirthDate.Hour() != 0 || p.BirthDate.Location() != time.UTC {
				t.Fatalf("birth date %v", p.BirthDate)
			}
			if p.VillageCode != hh.VillageCode || p.Name == "" || p.Education == "" || p.Occupation == "" {
				t.Fatalf("incomplete person %+v", p)
			}
			if !p.TargetGroup.Valid() || !p.Relationship.Valid() || (p.Sex != registry.Male && p.Sex != registry.Female) {
				t.Fatalf("invalid codes %+v", p)
			}
			groups[p.TargetGroup]++
			if p.Disability != "" {
				disabled++
			}
			if p.Consent {
				consent++
				if p.ConsentDate.IsZero() || p.ConsentDate.After(ReferenceDate()) || p.ConsentDate.Before(p.BirthDate) {
					t.Fatalf("consent date %v for %+v", p.ConsentDate, p)
				}
			} else if !p.ConsentDate.IsZero() {
				t.Fatalf("consent date without consent: %+v", p)
			}
			if ageAt(days(p.BirthDate), asOf) >= 17 {
				adults++
				if p.Phone != "" {
					phones++
					if !strings.HasPrefix(p.Phone, "08") || len(p.Phone) < 11 || len(p.Phone) > 13 {
						t.Fatalf("phone %q", p.Phone)
					}
				}
			} else if p.Phone != "" {
				t.Fatalf("child with a phone: %+v", p)
			}
			for _, w := range strings.Fields(p.Name) {
				spellings[w]++
			}
		}
		prevFamily = f
	}
	pct := func(n, of int) float64 { return 100 * float64(n) / float64(of) }
	t.Logf("%d persons in %d families (%.2f per family); local NIK %.2f%%, disabled %.2f%%, consent %.1f%%, adults with phone %.1f%%, elderly alone %.1f%%, female heads %.1f%%",
		persons, families, float64(persons)/float64(families), pct(local, persons), pct(disabled, persons),
		pct(consent, persons), pct(phones, adults), pct(elderlyAlone, families), pct(femaleHeads, families))
	t.Logf("target groups: %v", groups)
	t.Logf("Muhammad %d, Muhamad %d, Mohammad %d, Mochammad %d; Siti %d, Sitti %d; Nur %d, Noor %d",
		spellings["Muhammad"], spellings["Muhamad"], spellings["Mohammad"], spellings["Mochammad"],
		spellings["Siti"], spellings["Sitti"], spellings["Nur"], spellings["Noor"])
	if p := pct(local, persons); p < 97 || p > 99 {
		t.Errorf("NIK prefix is the household's district for %.2f%% of persons; want about 98%%", p)
	}
	if p := pct(disabled, persons); p < 2 || p > 4.5 {
		t.Errorf("%.2f%% disabled; want about 3%%", p)
	}
	if p := pct(consent, persons); p < 85 || p > 95 {
		t.Errorf("%.1f%% consented; want about 90%%", p)
	}
	if p := pct(phones, adults); p < 60 || p > 90 {
		t.Errorf("%.1f%% of adults have a phone", p)
	}
	if elderlyAlone == 0 {
		t.Error("no elderly person living alone")
	}
	for _, tg := range registry.TargetGroups {
		if groups[tg] == 0 {
			t.Errorf("no person in target group %s", tg)
		}
	}
	if groups[registry.PoorFamily] < persons/3 {
		t.Errorf("only %d of %d persons are fakir_miskin; it should be the bulk", groups[registry.PoorFamily], persons)
	}
	for _, w := range []string{"Muhammad", "Muhamad", "Mohammad", "Mochammad", "Siti", "Sitti", "Nur", "Noor", "Dian"} {
		if spellings[w] == 0 {
			t.Errorf("no name contains %q", w)
		}
	}
	if spellings["Muhamad"] > spellings["Muhammad"]/4 || spellings["Sitti"] > spellings["Siti"]/3 || spellings["Noor"] > spellings["Nur"]/3 {
		t.Error("spelling variants are not rare")
	}
}

// days converts a registry date back to the generator's day count.
func days(t time.Time) int { return int(t.Unix() / 86400) }

// checkFamily checks one family's structure: one head, at most one spouse of
// the other sex, parents older than children by at least 15 years (mothers 17
// to 45 at each birth), grandparents and grandchildren a generation apart.
func checkFamily(t *testing.T, f Family) {
	t.Helper()
	ms := f.Members
	if len(ms) < 1 || len(ms) > 8 {
		t.Fatalf("%d members", len(ms))
	}
	if ms[0].Relationship != registry.Head {
		t.Fatalf("first member is %s", ms[0].Relationship)
	}
	head := ms[0]
	var spouse *registry.Person
	for i := range ms[1:] {
		p := &ms[i+1]
		switch p.Relationship {
		case registry.Head:
			t.Fatalf("two heads in %+v", f)
		case registry.Spouse:
			if spouse != nil {
				t.Fatalf("two spouses in %+v", f)
			}
			if p.Sex == head.Sex {
				t.Fatalf("spouse of the same sex as the head: %+v", f)
			}
			spouse = p
		}
	}
	yearsApart := func(older, younger registry.Person) int { return ageAt(days(older.BirthDate), days(younger.BirthDate)) }
	for _, p := range ms[1:] {
		switch p.Relationship {
		case registry.Child:
			parents := []registry.Person{head}
			if spouse != nil {
				parents = append(parents, *spouse)
			}
			for _, par := range parents {
				gap := yearsApart(par, p)
				if gap < 15 {
					t.Fatalf("child %s born when parent %s was %d: %+v", p.Name, par.Name, gap, f)
				}
				if par.Sex == registry.Female && (gap < 17 || gap > 45) {
					t.Fatalf("mother %s was %d at the birth of %s", par.Name, gap, p.Name)
				}
			}
		case registry.Grandchild:
			if gap := yearsApart(head, p); gap < 30 {
				t.Fatalf("grandchild %s only %d years younger than the head: %+v", p.Name, gap, f)
			}
		case registry.Parent:
			if gap := yearsApart(p, head); gap < 15 {
				t.Fatalf("parent %s only %d years older than the head", p.Name, gap)
			}
		case registry.ParentInLaw:
			if spouse == nil || yearsApart(p, *spouse) < 15 {
				t.Fatalf("parent-in-law %s does not fit the spouse: %+v", p.Name, f)
			}
		}
	}
}

func TestWriteCSV(t *testing.T) {
	for _, delim := range []rune{',', ';', '\t'} {
		var buf bytes.Buffer
		n, err := WriteCSV(&buf, NewGenerator(3, villages()), 500, delim)
		if err != nil {
			t.Fatal(err)
		}
		r := csv.NewReader(&buf)
		r.Comma = delim
		rows, err := r.ReadAll()
		if err != nil {
			t.Fatalf("delimiter %q: %v", delim, err)
		}
		if !slices.Equal(rows[0], registry.HeaderNames()) {
			t.Fatalf("header %v", rows[0])
		}
		if len(rows)-1 != n || n < 500 {
			t.Fatalf("%d rows for %d persons", len(rows)-1, n)
		}
		col := map[string]int{}
		for i, h := range rows[0] {
			col[h] = i
		}
		g := NewGenerator(3, villages())
		var want []registry.Person
		for len(want) < 3 {
			want = append(want, g.Next().Members...)
		}
		for i, row := range rows[1:] {
			birth, err := time.Parse("02/01/2006", row[col["tanggal_lahir"]])
			if err != nil {
				t.Fatalf("row %d: %v", i, err)
			}
			d := decodeNIK(row[col["nik"]])
			if !d.ok || d.day != birth.Day() || len(row[col["no_kk"]]) != 16 {
				t.Fatalf("row %d: NIK %s and birth %s disagree", i, row[col["nik"]], row[col["tanggal_lahir"]])
			}
			if c := row[col["persetujuan"]]; c != "ya" && c != "tidak" {
				t.Fatalf("row %d: persetujuan %q", i, c)
			}
			if c := row[col["tanggal_persetujuan"]]; (c == "") != (row[col["persetujuan"]] == "tidak") {
				t.Fatalf("row %d: persetujuan %q dated %q", i, row[col["persetujuan"]], c)
			}
			if _, err := region.NormalizeCode(row[col["kode_wilayah"]]); err != nil || !strings.Contains(row[col["kode_wilayah"]], ".") {
				t.Fatalf("row %d: kode_wilayah %q", i, row[col["kode_wilayah"]])
			}
			if !registry.Relationship(row[col["hubungan"]]).Valid() || !registry.TargetGroup(row[col["kelompok_sasaran"]]).Valid() {
				t.Fatalf("row %d: codes %v", i, row)
			}
			if i < len(want) && (row[col["nik"]] != want[i].NIK || row[col["nama"]] != want[i].Name) {
				t.Fatalf("row %d is %v; the generator gives %+v", i, row, want[i])
			}
		}
	}
	if _, err := WriteCSV(io.Discard, NewGenerator(3, villages()), 1, '"'); err == nil {
		t.Error("a quote as delimiter was accepted")
	}
}

// TestWriteCSVThroughput measures the import file for 100,000 households.
func TestWriteCSVThroughput(t *testing.T) {
	if testing.Short() {
		t.Skip("throughput measurement")
	}
	g := NewGenerator(11, villages())
	var cw countingWriter
	start := time.Now()
	n, err := WriteCSV(&cw, g, 100_000, ';')
	el := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("WriteCSV: 100,000 households, %d persons, %.1f MB in %v: %.0f persons/s",
		n, float64(cw.n)/1e6, el.Round(time.Millisecond), float64(n)/el.Seconds())
}

type countingWriter struct{ n int64 }

func (c *countingWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

func BenchmarkGenerate(b *testing.B) {
	g := NewGenerator(1, villages())
	persons := 0
	b.ReportAllocs()
	for b.Loop() {
		persons += len(g.Next().Members)
	}
	b.ReportMetric(float64(persons)/float64(b.N), "persons/op")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(persons), "ns/person")
}

func BenchmarkWriteCSV(b *testing.B) {
	g := NewGenerator(1, villages())
	persons := 0
	b.ReportAllocs()
	for b.Loop() {
		n, err := WriteCSV(io.Discard, g, 1000, ',')
		if err != nil {
			b.Fatal(err)
		}
		persons += n
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(persons), "ns/person")
}

// TestSerials drives the serial allocator through Bloom-filter growth, false
// positives (a deliberately tiny first filter) and exhaustion.
func TestSerials(t *testing.T) {
	s := newSerials(32)
	type pair struct {
		key    uint64
		serial uint16
	}
	seen := map[pair]bool{}
	count := map[uint64]int{}
	for i := range 300_000 {
		k := mix64(uint64(i)) % 100_000 // most keys met several times
		n, ok := s.next(k)
		if !ok || n < 1 || n > 9999 {
			t.Fatalf("next(%d) = %d, %v", k, n, ok)
		}
		if seen[pair{k, n}] {
			t.Fatalf("serial %d of key %d handed out twice", n, k)
		}
		seen[pair{k, n}] = true
		count[k]++
	}
	if len(s.filters) < 3 {
		t.Errorf("%d filters; the first should have overflowed", len(s.filters))
	}
	for range 9999 {
		if _, ok := s.next(42_000_000); !ok {
			t.Fatal("ran out before 9,999")
		}
	}
	if n, ok := s.next(42_000_000); ok {
		t.Fatalf("serial %d after 9,999", n)
	}
}

// TestOneDistrict packs 100,000 persons into one district, where many share a
// birth date, so serials run well past 1.
func TestOneDistrict(t *testing.T) {
	var pool []region.Region
	for _, r := range villages() {
		if strings.HasPrefix(r.Code, "32.04.05.") {
			pool = append(pool, r)
		}
	}
	g := NewGenerator(9, pool)
	niks, kks := map[string]bool{}, map[string]bool{}
	maxSerial := 0
	for len(niks) < 100_000 {
		f := g.Next()
		if kks[f.Household.KK] {
			t.Fatalf("duplicate KK %s", f.Household.KK)
		}
		kks[f.Household.KK] = true
		for _, p := range f.Members {
			if niks[p.NIK] {
				t.Fatalf("duplicate NIK %s", p.NIK)
			}
			niks[p.NIK] = true
			d := decodeNIK(p.NIK)
			if y, m, day := p.BirthDate.Date(); d.day != day || d.month != int(m) || d.year2 != y%100 {
				t.Fatalf("NIK %s does not decode to %v", p.NIK, p.BirthDate)
			}
			maxSerial = max(maxSerial, d.serial)
		}
	}
	t.Logf("highest NIK serial %d", maxSerial)
}
