// Package i18n is the message catalogue (Bahasa Indonesia first, English second)
// and the Indonesian number, money and date formats. No user-facing string lives
// outside this catalogue.
package i18n

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"
)

// Default is the language for anyone who has not chosen.
const Default = "id"

// Langs are the supported languages, the default first.
var Langs = []string{"id", "en"}

var matcher = language.NewMatcher([]language.Tag{language.Indonesian, language.English})

// Match picks the supported language that best fits an Accept-Language header;
// Indonesian when nothing fits.
func Match(acceptLanguage string) string {
	tags, _, err := language.ParseAcceptLanguage(acceptLanguage)
	if err != nil || len(tags) == 0 {
		return Default
	}
	_, i, conf := matcher.Match(tags...)
	if conf == language.No {
		return Default
	}
	return Langs[i]
}

// Supported reports whether lang is one of Langs.
func Supported(lang string) bool { return lang == "id" || lang == "en" }

// T translates key into lang, formatting args into it. A key missing in English
// falls back to Indonesian; a key missing everywhere shows itself, which the
// catalogue test prevents.
func T(lang, key string, args ...any) string {
	m, ok := catalogue[key]
	if !ok {
		return key
	}
	s := m.id
	if lang == "en" && m.en != "" {
		s = m.en
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// Has reports whether key is in the catalogue.
func Has(key string) bool {
	_, ok := catalogue[key]
	return ok
}

// Keys lists every catalogue key (for tests).
func Keys() []string {
	out := make([]string, 0, len(catalogue))
	for k := range catalogue {
		out = append(out, k)
	}
	return out
}

// Zone is the time zone dates are shown in (WIB).
var Zone = mustZone("Asia/Jakarta", 7*3600)

func mustZone(name string, offset int) *time.Location {
	if loc, err := time.LoadLocation(name); err == nil {
		return loc
	}
	// A machine without tzdata still shows WIB correctly: Jakarta has no DST.
	return time.FixedZone("WIB", offset)
}

// Number groups digits in thousands: 1.234.567 in Indonesian, 1,234,567 in English.
func Number(lang string, n int64) string {
	sep := "."
	if lang == "en" {
		sep = ","
	}
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// Rupiah formats whole rupiah: Rp 1.234.567 (negative: -Rp 1.234.567).
func Rupiah(lang string, n int64) string {
	if n < 0 {
		return "-Rp " + Number(lang, -n)
	}
	return "Rp " + Number(lang, n)
}

// Date shows a moment as dd/mm/yyyy in WIB; the zero time shows as "-".
func Date(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.In(Zone).Format("02/01/2006")
}

// monthNames are the months as written in letters and signed documents.
var monthNames = map[string][12]string{
	"id": {"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"},
	"en": {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
}

// LongDate shows a moment's day in WIB with the month's name, as a signed
// document dates itself: 22 November 2026; the zero time shows as "-".
func LongDate(lang string, t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	names, ok := monthNames[lang]
	if !ok {
		names = monthNames[Default]
	}
	t = t.In(Zone)
	return fmt.Sprintf("%d %s %d", t.Day(), names[t.Month()-1], t.Year())
}

// DateTime shows a moment as dd/mm/yyyy hh:mm in WIB.
func DateTime(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.In(Zone).Format("02/01/2006 15:04") + " WIB"
}

// ParseDate reads a dd/mm/yyyy date (as typed in the Indonesian UI) or an ISO
// yyyy-mm-dd date (as sent by an <input type=date>), as midnight WIB.
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"02/01/2006", "2006-01-02", "2/1/2006"} {
		if t, err := time.ParseInLocation(layout, s, Zone); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("not a date: %q", s)
}
