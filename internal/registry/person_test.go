package registry

import (
	"testing"

	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/i18n"
)

func TestParseFieldMessagesNeedNoArguments(t *testing.T) {
	in := PersonInput{NIK: "12345", KK: "3204", Name: "", Sex: "?", BirthDate: "31/02/2000", VillageCode: "32.04", Consent: "mungkin"}
	_, _, err := in.Parse(Date(2026, 11, 22))
	e, ok := errs.As(err)
	if !ok {
		t.Fatalf("err = %v", err)
	}
	want := []string{"nik", "kk", "name", "sex", "birth_date", "village_code", "consent"}
	for _, f := range want {
		key, ok := e.Fields[f]
		if !ok {
			t.Errorf("no message for %s: %v", f, e.Fields)
			continue
		}
		if !i18n.Has(key) {
			t.Errorf("%s: key %q not in the catalogue", f, key)
		}
		if msg := i18n.T("id", key); msg == key || containsVerb(msg) {
			t.Errorf("%s: message %q needs arguments or is missing", f, msg)
		}
	}
}

func containsVerb(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '%' && s[i+1] != '%' {
			return true
		}
	}
	return false
}

func TestParseCellDate(t *testing.T) {
	cases := map[string]string{
		"17/08/1985": "1985-08-17", "7/8/1985": "1985-08-07", "17-08-1985": "1985-08-17", "1985-08-17": "1985-08-17",
		"17.08.1985": "1985-08-17", "31138": "1985-04-01", "1985-08-17 00:00:00": "1985-08-17",
	}
	for in, want := range cases {
		d, ok := ParseCellDate(in)
		if !ok || d.Format("2006-01-02") != want {
			t.Errorf("ParseCellDate(%q) = %v %v, want %s", in, d, ok, want)
		}
	}
	for _, bad := range []string{"", "31/02/1985", "1985", "kemarin", "13/13/2000", "0"} {
		if _, ok := ParseCellDate(bad); ok {
			t.Errorf("ParseCellDate(%q) accepted", bad)
		}
	}
}

// A stored person written out (edit form, export) reads back as the same person.
func TestInputOfRoundTrip(t *testing.T) {
	today := Date(2026, 11, 22)
	in := PersonInput{NIK: "3204054107850003", KK: "3204051203100007", Name: "Siti Aminah", Sex: "P", BirthDate: "01/07/1985",
		Relationship: "istri", VillageCode: "3204052001", Address: "Jl. Melati 5", TargetGroup: "fakir miskin",
		Phone: "0812 3456 7890", Consent: "ya", ConsentDate: "20/11/2026"}
	h, p, err := in.Parse(today)
	if err != nil {
		t.Fatal(err)
	}
	out := InputOf(h, p)
	if out.BirthDate != "01/07/1985" || out.Consent != "ya" || out.Relationship != "istri_suami" || out.TargetGroup != "fakir_miskin" {
		t.Errorf("InputOf = %+v", out)
	}
	h2, p2, err := out.Parse(today)
	if err != nil || contentHash(h2, p2) != contentHash(h, p) {
		t.Errorf("round trip changed the person: %+v %v", p2, err)
	}
}
