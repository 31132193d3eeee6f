package registry

import (
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/berdaya/berdaya/internal/errs"
)

// Data-quality flags raised when a NIK disagrees with what was entered beside
// it. They are flags, not refusals: the NIK may be right and the form wrong, or
// the other way round, and only a look at the card settles it. Labels live in
// the catalogue under "flag.<code>".
const (
	// FlagNIKBirthDate: the entered birth date differs from the one in the NIK.
	FlagNIKBirthDate = "nik_birth_date_mismatch"
	// FlagNIKSex: the entered sex differs from the one in the NIK.
	FlagNIKSex = "nik_sex_mismatch"
)

// NIK is a parsed Nomor Induk Kependudukan. The region is where the person was
// first registered, which need not be where they live now.
type NIK struct {
	Number       string    // the 16 digits
	ProvinceCode string    // dotted Kemendagri code, e.g. "32"
	RegencyCode  string    // e.g. "32.04"
	DistrictCode string    // e.g. "32.04.05"
	BirthDate    time.Time // 00:00 UTC; the century is a guess, see ParseNIK
	Sex          Sex       // from the +40 on the day
	Serial       string    // the last 4 digits, never "0000"
}

// KK is a parsed Kartu Keluarga (family card) number. It has the NIK's layout
// but its date is the issue date and carries no sex.
type KK struct {
	Number       string    // the 16 digits
	ProvinceCode string    // dotted Kemendagri code, e.g. "32"
	RegencyCode  string    // e.g. "32.04"
	DistrictCode string    // e.g. "32.04.05"
	IssueDate    time.Time // 00:00 UTC; the century is a guess, as for NIK
	Serial       string    // the last 4 digits, never "0000"
}

// ParseNIK checks the structure of a NIK and reads what it encodes: digits 1-6
// the region of first registration, 7-12 the birth date as DDMMYY with 40 added
// to the day for women, 13-16 a serial other than 0000. The two-digit year is
// read as 20YY unless that date would be after today, then as 19YY, so a NIK
// cannot tell a newborn from a centenarian; Mismatches allows for that. Only
// surrounding spaces are forgiven: run CleanID first on spreadsheet input.
// Region existence is not checked, because codes change with redistricting and
// an old NIK keeps its old prefix; the service warns about unknown prefixes.
// today's calendar date is read in its own location.
//
// A refusal is an *errs.Error of code errs.Invalid whose Msg key (also set on
// field "nik") names the exact problem.
func ParseNIK(s string, today time.Time) (NIK, error) {
	p, err := parseCardNumber("nik", s, today, true)
	if err != nil {
		return NIK{}, err
	}
	return NIK{Number: p.number, ProvinceCode: p.province, RegencyCode: p.regency, DistrictCode: p.district,
		BirthDate: p.date, Sex: p.sex, Serial: p.serial}, nil
}

// ParseKK checks the structure of a family-card number the way ParseNIK checks
// a NIK, with "kk.err.*" keys on field "kk". Its date is the issue date, written
// without the +40, so a day above 31 is refused.
func ParseKK(s string, today time.Time) (KK, error) {
	p, err := parseCardNumber("kk", s, today, false)
	if err != nil {
		return KK{}, err
	}
	return KK{Number: p.number, ProvinceCode: p.province, RegencyCode: p.regency, DistrictCode: p.district,
		IssueDate: p.date, Serial: p.serial}, nil
}

// cardNumber is what NIK and KK share.
type cardNumber struct {
	number, province, regency, district, serial string
	date                                        time.Time
	sex                                         Sex
}

// idLength is the length of both a NIK and a KK number.
const idLength = 16

// parseCardNumber parses a NIK (withSex: the day may carry +40) or a KK number;
// kind is the key prefix and field name.
func parseCardNumber(kind, s string, today time.Time, withSex bool) (cardNumber, error) {
	fail := func(reason string, args ...any) error {
		key := kind + ".err." + reason
		field := key
		if reason == "length" {
			// Field messages are shown without arguments, so the count stays in Msg.
			field = kind + ".err.length_field"
		}
		return errs.New(errs.Invalid, key, args...).Field(kind, field)
	}
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return cardNumber{}, fail("empty")
	case !allASCIIDigits(s):
		return cardNumber{}, fail("digits")
	case len(s) != idLength:
		return cardNumber{}, fail("length", len(s))
	case s[:2] == "00":
		return cardNumber{}, fail("province")
	}
	day, month, yy := atoi2(s[6:8]), atoi2(s[8:10]), atoi2(s[10:12])
	sex := Male
	if withSex && day > 40 {
		sex, day = Female, day-40
	}
	if day < 1 || day > 31 || month < 1 || month > 12 {
		return cardNumber{}, fail("date")
	}
	date, reason := guessCentury(yy, time.Month(month), day, today)
	if reason != "" {
		return cardNumber{}, fail(reason)
	}
	if s[12:] == "0000" {
		return cardNumber{}, fail("serial")
	}
	p := cardNumber{number: s, province: s[:2], regency: s[:2] + "." + s[2:4],
		district: s[:2] + "." + s[2:4] + "." + s[4:6], serial: s[12:], date: date}
	if withSex {
		p.sex = sex
	}
	return p, nil
}

// guessCentury turns a two-digit year into a date: 20YY unless that is after
// today (or does not exist), else 19YY. It returns a reason key suffix, "date"
// when the day exists in neither century (30 February, 29 February of a common
// year) and "future" when the only possible date is after today.
func guessCentury(yy int, m time.Month, d int, today time.Time) (time.Time, string) {
	ty, tm, td := today.Date()
	limit := Date(ty, tm, td)
	exists := func(y int) bool { t := Date(y, m, d); return t.Month() == m && t.Day() == d }
	in20, in19 := exists(2000+yy), exists(1900+yy)
	switch {
	case !in20 && !in19:
		return time.Time{}, "date"
	case in20 && !Date(2000+yy, m, d).After(limit):
		return Date(2000+yy, m, d), ""
	case in19 && !Date(1900+yy, m, d).After(limit):
		return Date(1900+yy, m, d), ""
	}
	return time.Time{}, "future"
}

// Mismatches compares the NIK with the birth date and sex entered beside it and
// returns the data-quality flags (FlagNIKBirthDate, FlagNIKSex) that apply; nil
// when they agree. A zero birth date or empty sex is not compared, and a zero
// NIK has nothing to compare. Because the NIK only holds a two-digit year, a
// birth date exactly 100 years from the NIK's date, same day and month, agrees.
func (n NIK) Mismatches(birth time.Time, sex Sex) []string {
	if n.Number == "" {
		return nil
	}
	var flags []string
	if !birth.IsZero() {
		by, bm, bd := birth.Date()
		ny, nm, nd := n.BirthDate.Date()
		if bm != nm || bd != nd || (by != ny && by != ny-100 && by != ny+100) {
			flags = append(flags, FlagNIKBirthDate)
		}
	}
	if sex != "" && sex != n.Sex {
		flags = append(flags, FlagNIKSex)
	}
	return flags
}

// scientific matches a number in the exponent form Excel shows for long number
// cells ("3.20401E+15", "3,20401E+15") and Python prints ("3.204e+15").
var scientific = regexp.MustCompile(`^[0-9]+([.,][0-9]*)?[eE][+-]?[0-9]+$`)

// CleanID recovers a NIK or KK number from what spreadsheets and typing do to
// it when no digit was lost: surrounding and inner spaces (including
// non-breaking ones), dots, commas and dashes between digit groups, Excel's
// leading apostrophe, the quotes of a CSV cell or of the ="..." text trick, and
// a zero decimal part (".0", ",0") left by a number cell. It refuses with
// "id.err.scientific" a number in scientific notation and with
// "id.err.digits_lost" a 16+ digit number with a non-zero decimal part: Excel
// keeps only 15 significant digits, so the card must be read again rather than
// the number guessed. Anything else that is not digits is "id.err.not_digits".
// The errors carry no field, since the caller knows which field it cleaned.
// An empty or blank input gives "" and no error, leaving "required" to the
// caller; the length is left to ParseNIK and ParseKK.
func CleanID(raw string) (string, error) {
	s := strings.TrimSpace(strings.Map(normalizeSpace, raw))
	if strings.HasPrefix(s, `="`) && strings.HasSuffix(s, `"`) && len(s) >= 3 {
		s = s[2 : len(s)-1]
	} else if strings.HasPrefix(s, `"`) && strings.HasSuffix(s, `"`) && len(s) >= 2 {
		s = s[1 : len(s)-1]
	}
	s = strings.TrimSpace(s)
	for _, q := range []string{"'", "\u2018", "\u2019", "`"} {
		if strings.HasPrefix(s, q) {
			s = strings.TrimSpace(s[len(q):])
			break
		}
	}
	if s == "" {
		return "", nil
	}
	if strings.ContainsAny(s, "eE") {
		if scientific.MatchString(strings.ReplaceAll(s, " ", "")) {
			return "", errs.New(errs.Invalid, "id.err.scientific")
		}
		return "", errs.New(errs.Invalid, "id.err.not_digits")
	}
	// A decimal part: the last dot or comma, used only once, followed by one or
	// two digits (a number format's decimals) or following 16+ digits (no digit
	// group of an ID is that long). Otherwise a dot or comma is a group
	// separator, as in 3204.0123.4567.0001 or 3.204.012.345.670.001.
	if i := strings.LastIndexAny(s, ".,"); i >= 0 {
		frac, whole := s[i+1:], stripSeparators(s[:i])
		if frac != "" && allASCIIDigits(frac) && strings.Count(s, s[i:i+1]) == 1 &&
			(len(frac) <= 2 || len(whole) >= idLength) {
			if strings.Trim(frac, "0") != "" {
				if len(whole) >= idLength && allASCIIDigits(whole) {
					return "", errs.New(errs.Invalid, "id.err.digits_lost")
				}
				return "", errs.New(errs.Invalid, "id.err.not_digits")
			}
			s = s[:i]
		}
	}
	d := stripSeparators(s)
	if d == "" || !allASCIIDigits(d) {
		return "", errs.New(errs.Invalid, "id.err.not_digits")
	}
	return d, nil
}

// normalizeSpace maps the spaces Excel, Word and phones insert to a plain space
// and drops invisible characters, for strings.Map.
func normalizeSpace(r rune) rune {
	switch r {
	case '\u00a0', '\u2007', '\u202f', '\u2009', '\u3000', '\t':
		return ' '
	case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff':
		return -1
	}
	return r
}

// stripSeparators removes what people put between digit groups.
func stripSeparators(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '.', ',', '-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212':
			return -1
		}
		return r
	}, s)
}

// MaskID hides most of an identifier for screens and exports that need to show
// which one without disclosing it: a 16-digit number keeps its first 4 digits
// (the regency, which the viewer's scope already reveals) and its last 4, as in
// "3204********0001"; a shorter string keeps only its last 4.
func MaskID(id string) string {
	n := utf8.RuneCountInString(id)
	keepStart := 0
	if n >= idLength {
		keepStart = 4
	}
	var b strings.Builder
	i := 0
	for _, r := range id {
		if i < keepStart || i >= n-4 {
			b.WriteRune(r)
		} else {
			b.WriteByte('*')
		}
		i++
	}
	return b.String()
}

// allASCIIDigits reports whether s is non-empty and only 0-9 (not other
// scripts' digits, which would not survive the database's checks).
func allASCIIDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// atoi2 reads two ASCII digits already checked.
func atoi2(s string) int { return int(s[0]-'0')*10 + int(s[1]-'0') }
