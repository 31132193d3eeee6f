package ppi

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// The CSV form names poverty lines by code (points_nl100, nl100 ...) and the
// workbooks by label ("National Poverty Line"). Codes follow SOURCES.md, so a
// card imported from either form is the same card; labels are the sources'.

var (
	pppCode    = regexp.MustCompile(`^ppp(\d+)_(\d{4})$`)
	pctCode    = regexp.MustCompile(`^pct(\d+)$`)
	nlCode     = regexp.MustCompile(`^nl(\d+)$`)
	pppLabel   = regexp.MustCompile(`^\$(\d+)\.(\d\d)\s*/\s*day\s*\(?(\d{4}) ppp\)?$`)
	pctLabel   = regexp.MustCompile(`^bottom (\d+)(?:st|nd|rd|th) percentile$`)
	nlLabel    = regexp.MustCompile(`^(\d+)% national(?: poverty line)?$`)
	notSlugRun = regexp.MustCompile(`[^a-z0-9]+`)
)

// fixedLines are the lines whose labels follow no pattern.
var fixedLines = map[string][2]string{
	"nl100":         {"National Poverty Line", "Garis Kemiskinan Nasional"},
	"extreme":       {"Extreme Poverty Line", "Garis Kemiskinan Ekstrem"},
	"food":          {"National Food", "Garis Kemiskinan Makanan Nasional"},
	"usaid_extreme": {"USAID 'Extreme'", "Garis 'Ekstrem' USAID"},
}

// LineLabels returns the English (source) and Indonesian labels of a line
// code; an unknown code is its own label.
func LineLabels(code string) (en, id string) {
	if base, ok := strings.CutPrefix(code, "legacy2007_"); ok {
		en, id = LineLabels(base)
		return "Legacy 2007: " + en, id + " (versi lama 2007)"
	}
	if l, ok := fixedLines[code]; ok {
		return l[0], l[1]
	}
	if m := nlCode.FindStringSubmatch(code); m != nil {
		return m[1] + "% National", m[1] + "% Garis Kemiskinan Nasional"
	}
	if m := pppCode.FindStringSubmatch(code); m != nil {
		d, c := dollars(m[1])
		return fmt.Sprintf("$%s.%s/day %s PPP", d, c, m[2]), fmt.Sprintf("$%s,%s/hari (PPP %s)", d, c, m[2])
	}
	if m := pctCode.FindStringSubmatch(code); m != nil {
		return "Bottom " + m[1] + "th Percentile", m[1] + "% termiskin (persentil ke-" + m[1] + ")"
	}
	return code, code
}

// dollars splits a code's cents ("365", "2170") into dollars and cents.
func dollars(cents string) (string, string) {
	n, _ := strconv.Atoi(cents)
	return strconv.Itoa(n / 100), fmt.Sprintf("%02d", n%100)
}

// LineCode turns a workbook's column label into the code the CSV form uses:
// "$3.65/day 2017 PPP" -> "ppp365_2017", "Bottom 20th Percentile" -> "pct20",
// "150% National" -> "nl150"; an unknown label becomes a lower-case slug.
func LineCode(label string) string {
	l := strings.ToLower(collapse(label))
	switch l {
	case "national poverty line":
		return "nl100"
	case "extreme poverty line":
		return "extreme"
	}
	if m := nlLabel.FindStringSubmatch(l); m != nil {
		return "nl" + m[1]
	}
	if m := pppLabel.FindStringSubmatch(l); m != nil {
		d, _ := strconv.Atoi(m[1])
		return fmt.Sprintf("ppp%d%s_%s", d, m[2], m[3])
	}
	if m := pctLabel.FindStringSubmatch(l); m != nil {
		return "pct" + m[1]
	}
	return strings.Trim(notSlugRun.ReplaceAllString(l, "_"), "_")
}

// collapse trims s and turns every run of white space into one space, as the
// CSV form was written from the workbooks.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }
