package registry

import (
	"strconv"
	"strings"
	"time"

	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/region"
)

// PersonInput is a person as typed into a form, sent to the API or read from a
// row of an import file: every value a string, exactly as given. Parse turns it
// into records or says, field by field, what is wrong.
type PersonInput struct {
	NIK          string `json:"nik"`
	KK           string `json:"kk"`
	Name         string `json:"name"`
	Sex          string `json:"sex"`
	BirthDate    string `json:"birth_date"`
	Relationship string `json:"relationship"`
	VillageCode  string `json:"village_code"`
	Address      string `json:"address"`
	TargetGroup  string `json:"target_group"`
	Education    string `json:"education"`
	Occupation   string `json:"occupation"`
	Disability   string `json:"disability"`
	Phone        string `json:"phone"`
	Consent      string `json:"consent"`
	ConsentDate  string `json:"consent_date"`
}

// FieldColumns maps PersonInput's field names (as used in errors) to the import
// file's canonical headers, so a refused row can name its column.
var FieldColumns = map[string]string{
	"nik": "nik", "kk": "no_kk", "name": "nama", "sex": "jenis_kelamin", "birth_date": "tanggal_lahir",
	"relationship": "hubungan", "village_code": "kode_wilayah", "address": "alamat", "target_group": "kelompok_sasaran",
	"education": "pendidikan", "occupation": "pekerjaan", "disability": "disabilitas", "phone": "telepon",
	"consent": "persetujuan", "consent_date": "tanggal_persetujuan",
}

// MaxNameLength bounds names (the KTP allows far less; this only stops garbage).
const MaxNameLength = 100

// Parse checks the input's form and builds the household and person it
// describes, with data-quality flags for what is suspicious but not refused
// (a NIK whose date or sex disagrees with the entered ones). Whether the village
// and the NIK's region exist is checked by the service, which has the catalogue.
func (in PersonInput) Parse(today time.Time) (Household, Person, error) {
	f := errs.Fields{}
	var h Household
	var p Person
	nik, nikErr := parseID(in.NIK, today, ParseNIKNumber)
	if nikErr != "" {
		f.Add("nik", nikErr)
	}
	kk, kkErr := parseID(in.KK, today, ParseKKNumber)
	if kkErr != "" {
		f.Add("kk", kkErr)
	}
	p.NIK, h.KK = nik, kk
	p.Name = strings.Join(strings.Fields(in.Name), " ")
	switch {
	case p.Name == "":
		f.Add("name", "person.err.name_required")
	case len([]rune(p.Name)) > MaxNameLength:
		f.Add("name", "person.err.name_long")
	}
	sex, ok := ParseSex(in.Sex)
	if !ok {
		f.Add("sex", "person.err.sex")
	}
	p.Sex = sex
	p.BirthDate = parseDateField(f, "birth_date", in.BirthDate, today, true)
	if p.Relationship, ok = ParseRelationship(in.Relationship); !ok {
		f.Add("relationship", "person.err.relationship")
	}
	if p.TargetGroup, ok = ParseTargetGroup(in.TargetGroup); !ok {
		f.Add("target_group", "person.err.target_group")
	}
	village, err := region.NormalizeCode(in.VillageCode)
	switch {
	case strings.TrimSpace(in.VillageCode) == "":
		f.Add("village_code", "person.err.village_required")
	case err != nil || region.LevelOf(village) != region.Village:
		f.Add("village_code", "person.err.village_code")
	}
	h.VillageCode, p.VillageCode = village, village
	h.Address = strings.Join(strings.Fields(in.Address), " ")
	p.Education = strings.TrimSpace(in.Education)
	p.Occupation = strings.TrimSpace(in.Occupation)
	p.Disability = strings.TrimSpace(in.Disability)
	p.Phone = normalizePhone(in.Phone)
	if p.Consent, ok = ParseYesNo(in.Consent); !ok {
		f.Add("consent", "person.err.consent")
	}
	p.ConsentDate = parseDateField(f, "consent_date", in.ConsentDate, today, false)
	if err := f.Err(); err != nil {
		return h, p, err
	}
	p.Flags = []string{}
	if n, err := ParseNIK(p.NIK, today); err == nil {
		p.Flags = append(p.Flags, n.Mismatches(p.BirthDate, p.Sex)...)
	}
	return h, p, nil
}

// ParseNIKNumber and ParseKKNumber check an already cleaned number.
func ParseNIKNumber(s string, today time.Time) error { _, err := ParseNIK(s, today); return err }

// ParseKKNumber checks an already cleaned family-card number.
func ParseKKNumber(s string, today time.Time) error { _, err := ParseKK(s, today); return err }

// parseID cleans an identifier mangled by Excel and checks it; it returns the
// digits and "" or a message key.
func parseID(raw string, today time.Time, check func(string, time.Time) error) (string, string) {
	clean, err := CleanID(raw)
	if err == nil {
		err = check(clean, today)
	}
	if err != nil {
		e, ok := errs.As(err)
		if !ok {
			return clean, "err.invalid"
		}
		// A field message never carries arguments (e.Msg may, e.g. a digit count).
		for _, key := range e.Fields {
			return clean, key
		}
		return clean, e.Msg
	}
	return clean, ""
}

func parseDateField(f errs.Fields, field, raw string, today time.Time, required bool) time.Time {
	if strings.TrimSpace(raw) == "" {
		if required {
			f.Add(field, "person.err.date_required")
		}
		return time.Time{}
	}
	d, ok := ParseCellDate(raw)
	switch {
	case !ok:
		f.Add(field, "person.err.date")
	case d.After(today):
		f.Add(field, "person.err.date_future")
	case d.Year() < 1900:
		f.Add(field, "person.err.date_old")
	}
	return d
}

// ParseSex reads L/P, laki-laki/perempuan, pria/wanita, M/F, male/female.
func ParseSex(s string) (Sex, bool) {
	switch strings.ToLower(strings.Trim(strings.TrimSpace(s), ".")) {
	case "l", "lk", "laki-laki", "laki laki", "lakilaki", "laki", "pria", "m", "male":
		return Male, true
	case "p", "pr", "perempuan", "wanita", "f", "female", "w":
		return Female, true
	}
	return "", false
}

// excelEpoch is day 0 of Excel's date serials (1899-12-30, which absorbs Excel's
// fictitious 29 February 1900).
var excelEpoch = Date(1899, time.December, 30)

// ParseCellDate reads a date as field files write it: dd/mm/yyyy, dd-mm-yyyy,
// dd.mm.yyyy, yyyy-mm-dd (also with a time after it), or an Excel date serial.
func ParseCellDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, " T"); i > 0 && strings.Count(s[:i], "-") == 2 {
		s = s[:i] // "2001-07-01 00:00:00" from a date-time cell
	}
	for _, layout := range []string{"02/01/2006", "2/1/2006", "02-01-2006", "2-1-2006", "02.01.2006", "2006-01-02", "2006/01/02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	// A serial up to 2100 is more likely a bare year than a date in 1900-1905.
	if serial, err := strconv.ParseFloat(s, 64); err == nil && serial > 2100 && serial < 100000 && serial == float64(int(serial)) {
		return excelEpoch.AddDate(0, 0, int(serial)), true
	}
	return time.Time{}, false
}

// relationshipWords maps what people write in the "hubungan" column to a code.
var relationshipWords = map[string]Relationship{
	"kepala keluarga": Head, "kepala": Head, "kk": Head, "head": Head, "suami": Spouse, "istri": Spouse, "isteri": Spouse,
	"istri/suami": Spouse, "suami/istri": Spouse, "spouse": Spouse, "wife": Spouse, "husband": Spouse,
	"anak": Child, "child": Child, "son": Child, "daughter": Child, "menantu": ChildInLaw, "cucu": Grandchild,
	"grandchild": Grandchild, "orang tua": Parent, "orangtua": Parent, "ayah": Parent, "ibu": Parent, "parent": Parent,
	"mertua": ParentInLaw, "famili lain": OtherFamily, "family": OtherFamily, "lainnya": Other, "other": Other,
}

// ParseRelationship reads a relationship code or a common word for it; empty is
// allowed (unknown).
func ParseRelationship(s string) (Relationship, bool) {
	key := strings.ToLower(strings.Join(strings.Fields(s), " "))
	if key == "" {
		return "", true
	}
	if r := Relationship(strings.ReplaceAll(key, " ", "_")); r.Valid() {
		return r, true
	}
	r, ok := relationshipWords[key]
	return r, ok
}

// ParseTargetGroup reads a target-group code, with spaces or dashes for the
// underscores; empty is allowed.
func ParseTargetGroup(s string) (TargetGroup, bool) {
	key := HeaderKey(s)
	if key == "" {
		return "", true
	}
	g := TargetGroup(key)
	return g, g.Valid()
}

// ParseYesNo reads a yes/no cell: ya/tidak, y/t, yes/no, 1/0, true/false; empty is no.
func ParseYesNo(s string) (bool, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "ya", "y", "yes", "1", "true", "setuju", "v", "✓":
		return true, true
	case "", "tidak", "t", "n", "no", "0", "false", "tidak setuju":
		return false, true
	}
	return false, false
}

// normalizePhone keeps digits and a leading +; Indonesian numbers typed with
// spaces or dashes are one number.
func normalizePhone(s string) string {
	var b strings.Builder
	for i, r := range strings.TrimSpace(s) {
		if (r >= '0' && r <= '9') || (r == '+' && i == 0) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
