package i18n

import (
	"testing"
	"time"
)

func TestFormats(t *testing.T) {
	cases := []struct{ got, want string }{
		{Rupiah("id", 1234567), "Rp 1.234.567"},
		{Rupiah("id", 0), "Rp 0"},
		{Rupiah("id", -1500), "-Rp 1.500"},
		{Rupiah("en", 1234567), "Rp 1,234,567"},
		{Number("id", 999), "999"},
		{Number("id", 1000), "1.000"},
		{Number("id", 83762), "83.762"},
		{Date(time.Date(2026, 11, 22, 18, 0, 0, 0, time.UTC)), "23/11/2026"}, // 01:00 WIB next day
		{DateTime(time.Date(2026, 11, 22, 12, 30, 0, 0, time.UTC)), "22/11/2026 19:30 WIB"},
		{Date(time.Time{}), "-"},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
	d, err := ParseDate("22/11/2026")
	if err != nil || Date(d) != "22/11/2026" {
		t.Errorf("ParseDate = %v, %v", d, err)
	}
	if _, err := ParseDate("31/02/2026"); err == nil {
		t.Error("31 February accepted")
	}
}

func TestMatch(t *testing.T) {
	cases := map[string]string{
		"":                        "id",
		"en-US,en;q=0.9":          "en",
		"id-ID,id;q=0.9,en;q=0.8": "id",
		"fr-FR":                   "id",
		"fr-FR,en;q=0.5":          "en",
		"garbage;;;":              "id",
	}
	for header, want := range cases {
		if got := Match(header); got != want {
			t.Errorf("Match(%q) = %q, want %q", header, got, want)
		}
	}
}

func TestCatalogueComplete(t *testing.T) {
	for key, m := range catalogue {
		if m.id == "" || m.en == "" {
			t.Errorf("message %q lacks a translation: %+v", key, m)
		}
	}
	if T("en", "nav.home") == T("id", "nav.home") {
		t.Error("English and Indonesian home label are the same")
	}
}

func TestLongDate(t *testing.T) {
	day := time.Date(2026, 3, 4, 20, 0, 0, 0, time.UTC) // 5 March in WIB
	if got := LongDate("id", day); got != "5 Maret 2026" {
		t.Errorf("id: %q", got)
	}
	if got := LongDate("en", day); got != "5 March 2026" {
		t.Errorf("en: %q", got)
	}
	if got := LongDate("id", time.Time{}); got != "-" {
		t.Errorf("zero: %q", got)
	}
}
