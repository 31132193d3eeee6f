package registry

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/i18n"
)

// nikToday is the fixed "today" of these tests, so the century guesses never
// drift with the calendar.
var nikToday = Date(2026, time.November, 22)

// errKey returns the Msg key of a domain error, "" for nil, and fails the test
// for any other error.
func errKey(t *testing.T, err error) string {
	t.Helper()
	if err == nil {
		return ""
	}
	e, ok := errs.As(err)
	if !ok {
		t.Fatalf("not an *errs.Error: %v", err)
	}
	if e.Code != errs.Invalid {
		t.Errorf("%v: code %q, want %q", err, e.Code, errs.Invalid)
	}
	return e.Msg
}

type nikCase struct {
	name  string
	in    string
	today time.Time // nikToday when zero
	want  NIK       // Number, codes and Serial checked only when err is ""
	err   string
}

var nikCases = []nikCase{
	{name: "man", in: "3204051701900001", want: NIK{BirthDate: Date(1990, 1, 17), Sex: Male}},
	{name: "woman +40", in: "3204055701900002", want: NIK{BirthDate: Date(1990, 1, 17), Sex: Female}},
	{name: "woman day 41 is the 1st", in: "3204054101250003", want: NIK{BirthDate: Date(2025, 1, 1), Sex: Female}},
	{name: "woman day 71 is the 31st", in: "3204057112990004", want: NIK{BirthDate: Date(1999, 12, 31), Sex: Female}},
	{name: "man day 31", in: "3204053112990004", want: NIK{BirthDate: Date(1999, 12, 31), Sex: Male}},
	{name: "surrounding spaces forgiven", in: " 3204051701900001\n", want: NIK{BirthDate: Date(1990, 1, 17), Sex: Male}},
	{name: "leap day 2000 man", in: "3204052902000005", want: NIK{BirthDate: Date(2000, 2, 29), Sex: Male}},
	{name: "leap day 2000 woman", in: "3204056902000006", want: NIK{BirthDate: Date(2000, 2, 29), Sex: Female}},
	{name: "leap day 2024", in: "3204052902240007", want: NIK{BirthDate: Date(2024, 2, 29), Sex: Male}},

	// Century: 20YY unless after today (2026-11-22), then 19YY.
	{name: "born today is this century", in: "3204052211260001", want: NIK{BirthDate: Date(2026, 11, 22), Sex: Male}},
	{name: "tomorrow 2026 means 1926", in: "3204052311260001", want: NIK{BirthDate: Date(1926, 11, 23), Sex: Male}},
	{name: "woman tomorrow 2026 means 1926", in: "3204056311260001", want: NIK{BirthDate: Date(1926, 11, 23), Sex: Female}},
	{name: "YY 25 is 2025", in: "3204050101250001", want: NIK{BirthDate: Date(2025, 1, 1), Sex: Male}},
	{name: "YY 27 is 1927", in: "3204050101270001", want: NIK{BirthDate: Date(1927, 1, 1), Sex: Male}},
	{name: "YY 00 is 2000", in: "3204050101000001", want: NIK{BirthDate: Date(2000, 1, 1), Sex: Male}},
	{name: "YY 27 is 2027 once 2027 has come", in: "3204050101270001", today: Date(2030, 1, 1), want: NIK{BirthDate: Date(2027, 1, 1), Sex: Male}},
	{name: "today's clock and zone do not matter", in: "3204052211260001", today: time.Date(2026, 11, 22, 23, 59, 0, 0, time.FixedZone("WIB", 7*3600)), want: NIK{BirthDate: Date(2026, 11, 22), Sex: Male}},

	// Refusals.
	{name: "empty", in: "", err: "nik.err.empty"},
	{name: "blank", in: "   ", err: "nik.err.empty"},
	{name: "15 digits", in: "320405170190001", err: "nik.err.length"},
	{name: "17 digits", in: "32040517019000012", err: "nik.err.length"},
	{name: "letter O for zero", in: "3204O51701900001", err: "nik.err.digits"},
	{name: "inner spaces", in: "3204 0517 0190 0001", err: "nik.err.digits"},
	{name: "scientific", in: "3.20405E+15", err: "nik.err.digits"},
	{name: "full-width digits", in: "３２０４０５１７０１９００００１", err: "nik.err.digits"},
	{name: "province 00", in: "0004051701900001", err: "nik.err.province"},
	{name: "day 0", in: "3204050001900001", err: "nik.err.date"},
	{name: "day 32", in: "3204053201900001", err: "nik.err.date"},
	{name: "day 40", in: "3204054001900001", err: "nik.err.date"},
	{name: "day 72", in: "3204057201900001", err: "nik.err.date"},
	{name: "day 99", in: "3204059901900001", err: "nik.err.date"},
	{name: "month 0", in: "3204051700900001", err: "nik.err.date"},
	{name: "month 13", in: "3204051713900001", err: "nik.err.date"},
	{name: "31 April", in: "3204053104900001", err: "nik.err.date"},
	{name: "30 February", in: "3204053002000001", err: "nik.err.date"},
	{name: "woman 30 February", in: "3204057002000001", err: "nik.err.date"},
	{name: "29 February 2001", in: "3204052902010001", err: "nik.err.date"},
	{name: "woman 29 February 2001", in: "3204056902010001", err: "nik.err.date"},
	{name: "serial 0000", in: "3204051701900000", err: "nik.err.serial"},
	{name: "both centuries after today", in: "3204051701950001", today: Date(1990, 1, 1), err: "nik.err.future"},
	{name: "leap day 2000 before it came", in: "3204052902000001", today: Date(1999, 6, 1), err: "nik.err.future"},
}

func TestParseNIK(t *testing.T) {
	for _, c := range nikCases {
		t.Run(c.name, func(t *testing.T) {
			today := c.today
			if today.IsZero() {
				today = nikToday
			}
			got, err := ParseNIK(c.in, today)
			if key := errKey(t, err); key != c.err {
				t.Fatalf("ParseNIK(%q) error %q, want %q", c.in, key, c.err)
			}
			if c.err != "" {
				checkFieldKey(t, err, "nik", c.err)
				if got != (NIK{}) {
					t.Errorf("refused NIK came with a value: %+v", got)
				}
				return
			}
			s := strings.TrimSpace(c.in)
			want := c.want
			want.Number, want.Serial = s, s[12:]
			want.ProvinceCode, want.RegencyCode, want.DistrictCode = "32", "32.04", "32.04.05"
			if got != want {
				t.Errorf("ParseNIK(%q) =\n %+v, want\n %+v", c.in, got, want)
			}
		})
	}
}

// checkFieldKey checks the field the error names: the same key as Msg, except
// for the length, whose field message cannot show the count.
func checkFieldKey(t *testing.T, err error, field, key string) {
	t.Helper()
	e, _ := errs.As(err)
	want := key
	if strings.HasSuffix(key, ".err.length") {
		want = key + "_field"
	}
	if got := e.Fields[field]; got != want || len(e.Fields) != 1 {
		t.Errorf("fields %v, want {%s: %s}", e.Fields, field, want)
	}
}

func TestParseIDLengthCountsDigits(t *testing.T) {
	for in, n := range map[string]int{"320405170190001": 15, "32040517019000012": 17, "1": 1} {
		_, err := ParseNIK(in, nikToday)
		e, _ := errs.As(err)
		if e == nil || !slices.Equal(e.Args, []any{n}) {
			t.Errorf("ParseNIK(%q) = %v, want length with arg %d", in, err, n)
			continue
		}
		if got, want := i18n.T("id", e.Msg, e.Args...), "NIK harus 16 angka, tertulis "; !strings.HasPrefix(got, want) || strings.Contains(got, "%!") {
			t.Errorf("message %q", got)
		}
		_, err = ParseKK(in, nikToday)
		if e, _ := errs.As(err); e == nil || e.Msg != "kk.err.length" || !slices.Equal(e.Args, []any{n}) {
			t.Errorf("ParseKK(%q) = %v, want length with arg %d", in, err, n)
		}
	}
}

type kkCase struct {
	name  string
	in    string
	today time.Time
	issue time.Time
	err   string
}

var kkCases = []kkCase{
	{name: "issued 2020", in: "3204051701200001", issue: Date(2020, 1, 17)},
	{name: "leap day 2020", in: "3204052902200002", issue: Date(2020, 2, 29)},
	{name: "issued today", in: "3204052211260003", issue: Date(2026, 11, 22)},
	{name: "tomorrow 2026 means 1926", in: "3204052311260003", issue: Date(1926, 11, 23)},
	{name: "empty", in: "", err: "kk.err.empty"},
	{name: "15 digits", in: "320405170120001", err: "kk.err.length"},
	{name: "dashes", in: "3204-0517-0120-0001", err: "kk.err.digits"},
	{name: "province 00", in: "0004051701200001", err: "kk.err.province"},
	{name: "no +40 on a KK", in: "3204055701200001", err: "kk.err.date"},
	{name: "day 0", in: "3204050001200001", err: "kk.err.date"},
	{name: "day 32", in: "3204053201200001", err: "kk.err.date"},
	{name: "month 13", in: "3204051713200001", err: "kk.err.date"},
	{name: "29 February 2021", in: "3204052902210001", err: "kk.err.date"},
	{name: "serial 0000", in: "3204051701200000", err: "kk.err.serial"},
	{name: "future", in: "3204050101900001", today: Date(1980, 1, 1), err: "kk.err.future"},
}

func TestParseKK(t *testing.T) {
	for _, c := range kkCases {
		t.Run(c.name, func(t *testing.T) {
			today := c.today
			if today.IsZero() {
				today = nikToday
			}
			got, err := ParseKK(c.in, today)
			if key := errKey(t, err); key != c.err {
				t.Fatalf("ParseKK(%q) error %q, want %q", c.in, key, c.err)
			}
			if c.err != "" {
				checkFieldKey(t, err, "kk", c.err)
				return
			}
			want := KK{Number: c.in, ProvinceCode: "32", RegencyCode: "32.04", DistrictCode: "32.04.05",
				IssueDate: c.issue, Serial: c.in[12:]}
			if got != want {
				t.Errorf("ParseKK(%q) =\n %+v, want\n %+v", c.in, got, want)
			}
		})
	}
}

var cleanCases = []struct {
	in, want, err string
}{
	{"3204012345670001", "3204012345670001", ""},
	{"  3204012345670001 \t", "3204012345670001", ""},
	{"3204 0123 4567 0001", "3204012345670001", ""},
	{"3204.0123.4567.0001", "3204012345670001", ""},
	{"3204-0123-4567-0001", "3204012345670001", ""},
	{"320401.234567.0001", "3204012345670001", ""},
	{"32.04.01.234567.0001", "3204012345670001", ""},
	{"3.204.012.345.670.001", "3204012345670001", ""},
	{"3,204,012,345,670,001", "3204012345670001", ""},
	{"3,204,012,345,670,001.00", "3204012345670001", ""},
	{"3.204.012.345.670.001,0", "3204012345670001", ""},
	{"'3204012345670001", "3204012345670001", ""},
	{" '3204 0123 4567 0001", "3204012345670001", ""},
	{"\u20183204012345670001", "3204012345670001", ""},
	{"3204012345670001.0", "3204012345670001", ""},
	{"3204012345670001,0", "3204012345670001", ""},
	{"3204012345670001.00", "3204012345670001", ""},
	{"3204012345670001.000", "3204012345670001", ""},
	{"'3204012345670001.0", "3204012345670001", ""},
	{"320401234567000.0", "320401234567000", ""}, // 15 digits: ParseNIK says so
	{"\u00a03204\u00a00123\u00a04567\u00a00001\u00a0", "3204012345670001", ""},
	{"3204\u202f0123\u202f4567\u202f0001", "3204012345670001", ""},
	{"\ufeff3204012345670001\u200b", "3204012345670001", ""},
	{`"3204012345670001"`, "3204012345670001", ""},
	{`="3204012345670001"`, "3204012345670001", ""},
	{"3204\u20130123\u20134567\u20130001", "3204012345670001", ""},
	{"12345", "12345", ""},
	{"", "", ""},
	{"  \u00a0 ", "", ""},
	{"'", "", ""},

	{"3.20401E+15", "", "id.err.scientific"},
	{"3,20401E+15", "", "id.err.scientific"},
	{"3.2040123456789E+15", "", "id.err.scientific"},
	{"3.20401e+15", "", "id.err.scientific"},
	{"3E+15", "", "id.err.scientific"},
	{" '3,20401E+15 ", "", "id.err.scientific"},
	{"3204012345670001.5", "", "id.err.digits_lost"},
	{"3204012345670000,25", "", "id.err.digits_lost"},
	{"3204012345670000.125", "", "id.err.digits_lost"},
	{"abc", "", "id.err.not_digits"},
	{"3204O12345670001", "", "id.err.not_digits"},
	{"NIK 3204012345670001", "", "id.err.not_digits"},
	{"3204E", "", "id.err.not_digits"},
	{"12.5", "", "id.err.not_digits"},
	{"...", "", "id.err.not_digits"},
	{"-", "", "id.err.not_digits"},
	{"３２０４０１２３４５６７０００１", "", "id.err.not_digits"},
}

func TestCleanID(t *testing.T) {
	for _, c := range cleanCases {
		got, err := CleanID(c.in)
		if key := errKey(t, err); key != c.err || got != c.want {
			t.Errorf("CleanID(%q) = %q, %q; want %q, %q", c.in, got, key, c.want, c.err)
		}
	}
}

func TestMaskID(t *testing.T) {
	cases := map[string]string{
		"3204012345670001":  "3204********0001",
		"32040123456700012": "3204*********0012",
		"123456789012":      "********9012",
		"12345":             "*2345",
		"1234":              "1234",
		"":                  "",
	}
	for in, want := range cases {
		if got := MaskID(in); got != want {
			t.Errorf("MaskID(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMismatches(t *testing.T) {
	woman, err := ParseNIK("3204055701900002", nikToday) // 17/01/1990, P
	if err != nil {
		t.Fatal(err)
	}
	young, err := ParseNIK("3204051701200003", nikToday) // 17/01/2020, L
	if err != nil {
		t.Fatal(err)
	}
	both := []string{FlagNIKBirthDate, FlagNIKSex}
	cases := []struct {
		name  string
		n     NIK
		birth time.Time
		sex   Sex
		want  []string
	}{
		{"agrees", woman, Date(1990, 1, 17), Female, nil},
		{"nothing entered", woman, time.Time{}, "", nil},
		{"other day", woman, Date(1990, 1, 18), Female, []string{FlagNIKBirthDate}},
		{"other month", woman, Date(1990, 2, 17), Female, []string{FlagNIKBirthDate}},
		{"other year", woman, Date(1991, 1, 17), Female, []string{FlagNIKBirthDate}},
		{"50 years off", woman, Date(1940, 1, 17), Female, []string{FlagNIKBirthDate}},
		{"200 years off", woman, Date(1790, 1, 17), Female, []string{FlagNIKBirthDate}},
		{"century guess: NIK says 2020, born 1920", young, Date(1920, 1, 17), Male, nil},
		{"century guess: NIK says 1990, entered 2090", woman, Date(2090, 1, 17), Female, nil},
		{"100 years but other day", young, Date(1920, 1, 18), Male, []string{FlagNIKBirthDate}},
		{"other sex", woman, Date(1990, 1, 17), Male, []string{FlagNIKSex}},
		{"sex only, no date", woman, time.Time{}, Male, []string{FlagNIKSex}},
		{"both", woman, Date(1990, 1, 1), Male, both},
		{"zero NIK has nothing to compare", NIK{}, Date(1990, 1, 1), Male, nil},
	}
	for _, c := range cases {
		if got := c.n.Mismatches(c.birth, c.sex); !slices.Equal(got, c.want) {
			t.Errorf("%s: Mismatches = %v, want %v", c.name, got, c.want)
		}
	}
}

// nikKeys is every message key this file's code can return or needs shown.
var nikKeys = []string{
	"nik.err.empty", "nik.err.length", "nik.err.length_field", "nik.err.digits", "nik.err.province",
	"nik.err.date", "nik.err.serial", "nik.err.future",
	"kk.err.empty", "kk.err.length", "kk.err.length_field", "kk.err.digits", "kk.err.province",
	"kk.err.date", "kk.err.serial", "kk.err.future",
	"id.err.scientific", "id.err.digits_lost", "id.err.not_digits",
	"flag." + FlagNIKBirthDate, "flag." + FlagNIKSex,
}

// TestNIKMessagesInCatalogue checks that every key the tables produced is in
// the catalogue, and that the tables produce every error key listed, so a new
// refusal reason cannot go untested or untranslated.
func TestNIKMessagesInCatalogue(t *testing.T) {
	seen := map[string]bool{}
	note := func(err error) {
		if e, ok := errs.As(err); ok {
			seen[e.Msg] = true
			for _, k := range e.Fields {
				seen[k] = true
			}
		}
	}
	for _, c := range nikCases {
		today := c.today
		if today.IsZero() {
			today = nikToday
		}
		_, err := ParseNIK(c.in, today)
		note(err)
	}
	for _, c := range kkCases {
		today := c.today
		if today.IsZero() {
			today = nikToday
		}
		_, err := ParseKK(c.in, today)
		note(err)
	}
	for _, c := range cleanCases {
		_, err := CleanID(c.in)
		note(err)
	}
	for key := range seen {
		if !i18n.Has(key) {
			t.Errorf("key %q is returned but not in the catalogue", key)
		}
		if !slices.Contains(nikKeys, key) {
			t.Errorf("key %q is returned but missing from nikKeys", key)
		}
	}
	for _, key := range nikKeys {
		if !i18n.Has(key) {
			t.Errorf("key %q is not in the catalogue", key)
		}
		if !strings.HasPrefix(key, "flag.") && !seen[key] {
			t.Errorf("no test case produces %q", key)
		}
		if !strings.HasSuffix(key, ".err.length") && strings.Contains(i18n.T("id", key)+i18n.T("en", key), "%") {
			t.Errorf("key %q has a format verb but is used without arguments", key)
		}
	}
}

// checkParsedNIK is the fuzz property for a successful ParseNIK.
func checkParsedNIK(t *testing.T, n NIK) {
	t.Helper()
	if len(n.Number) != 16 || !allASCIIDigits(n.Number) {
		t.Fatalf("accepted NIK %q is not 16 digits", n.Number)
	}
	if n.DistrictCode != n.Number[:2]+"."+n.Number[2:4]+"."+n.Number[4:6] ||
		!strings.HasPrefix(n.DistrictCode, n.RegencyCode+".") || !strings.HasPrefix(n.RegencyCode, n.ProvinceCode+".") ||
		n.Serial != n.Number[12:] || n.Serial == "0000" || n.ProvinceCode == "00" {
		t.Fatalf("inconsistent NIK %+v", n)
	}
	if n.Sex != Male && n.Sex != Female {
		t.Fatalf("NIK %q has sex %q", n.Number, n.Sex)
	}
	if n.BirthDate.After(nikToday) || n.BirthDate.Location() != time.UTC || n.BirthDate.Hour() != 0 {
		t.Fatalf("NIK %q has birth date %v", n.Number, n.BirthDate)
	}
	again, err := ParseNIK(n.Number, nikToday)
	if err != nil || again != n {
		t.Fatalf("re-parsing %q gave %+v, %v; first %+v", n.Number, again, err, n)
	}
	if got := n.Mismatches(n.BirthDate, n.Sex); got != nil {
		t.Fatalf("NIK %q disagrees with itself: %v", n.Number, got)
	}
}

// checkFuzzErr is the fuzz property for any refusal: a catalogued Invalid error.
func checkFuzzErr(t *testing.T, err error) {
	t.Helper()
	e, ok := errs.As(err)
	if !ok || e.Code != errs.Invalid || !i18n.Has(e.Msg) {
		t.Fatalf("refusal %v is not a catalogued Invalid error", err)
	}
	for _, k := range e.Fields {
		if !i18n.Has(k) {
			t.Fatalf("field key %q not in the catalogue", k)
		}
	}
}

func FuzzParseNIK(f *testing.F) {
	for _, c := range nikCases {
		f.Add(c.in)
	}
	for _, c := range kkCases {
		f.Add(c.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseNIK(s, nikToday)
		if err != nil {
			checkFuzzErr(t, err)
		} else {
			checkParsedNIK(t, n)
		}
		k, err := ParseKK(s, nikToday)
		if err != nil {
			checkFuzzErr(t, err)
			return
		}
		if len(k.Number) != 16 || !allASCIIDigits(k.Number) || k.IssueDate.After(nikToday) {
			t.Fatalf("accepted KK %+v", k)
		}
		if again, err := ParseKK(k.Number, nikToday); err != nil || again != k {
			t.Fatalf("re-parsing KK %q gave %+v, %v; first %+v", k.Number, again, err, k)
		}
	})
}

func FuzzCleanID(f *testing.F) {
	for _, c := range cleanCases {
		f.Add(c.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := CleanID(s)
		if err != nil {
			checkFuzzErr(t, err)
			if d != "" {
				t.Fatalf("CleanID(%q) refused but returned %q", s, d)
			}
			return
		}
		if d != "" && !allASCIIDigits(d) {
			t.Fatalf("CleanID(%q) = %q, not only digits", s, d)
		}
		if again, err := CleanID(d); err != nil || again != d {
			t.Fatalf("CleanID is not idempotent on %q: %q, %v", d, again, err)
		}
		if n, err := ParseNIK(d, nikToday); err == nil {
			checkParsedNIK(t, n)
		}
		if m := MaskID(d); len(m) != len(d) {
			t.Fatalf("MaskID(%q) = %q changes the length", d, m)
		}
	})
}
