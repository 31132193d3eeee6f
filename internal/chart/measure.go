package chart

import "strings"

// Measure returns the width of s printed at font size size, in the same
// units as size.
type Measure func(s string, size float64) float64

// EstimateWidth is the default Measure: a per-character estimate close to
// Helvetica and to the sans-serif fonts of phones, rounded up a little so
// that a label judged to fit does fit. A renderer that can measure exactly
// (the PDF one) passes its own Measure instead.
func EstimateWidth(s string, size float64) float64 {
	w := 0.0
	for _, c := range s {
		w += charWidth(c)
	}
	return w * size * 1.05
}

// charWidth is a character's advance as a fraction of the font size.
func charWidth(c rune) float64 {
	switch {
	case strings.ContainsRune("iljtfrI.,:;'!|() ", c):
		return 0.30
	case strings.ContainsRune("mwMW%", c):
		return 0.86
	case c >= '0' && c <= '9':
		return 0.556
	case c >= 'A' && c <= 'Z':
		return 0.68
	case c == '–' || c == '—':
		return 0.6
	case c < 0x80:
		return 0.54
	}
	return 0.62
}

// fit returns s, or s cut and ended with "…" so that it is at most width
// wide; "" when not even "…" fits.
func fit(s string, width, size float64, m Measure) string {
	if m(s, size) <= width {
		return s
	}
	r := []rune(s)
	for n := len(r) - 1; n > 0; n-- {
		t := strings.TrimRight(string(r[:n]), " ") + "…"
		if m(t, size) <= width {
			return t
		}
	}
	if m("…", size) <= width {
		return "…"
	}
	return ""
}

// wrap breaks s at spaces into at most maxLines lines no wider than width;
// the last line is cut with "…" when the text does not fit.
func wrap(s string, width, size float64, m Measure, maxLines int) []string {
	words := strings.Fields(s)
	if len(words) == 0 {
		return nil
	}
	var lines []string
	line := words[0]
	for i, w := range words[1:] {
		if m(line+" "+w, size) <= width {
			line += " " + w
			continue
		}
		if len(lines) == maxLines-1 {
			rest := strings.Join(words[i+1:], " ")
			return append(lines, fit(line+" "+rest, width, size, m))
		}
		lines = append(lines, fit(line, width, size, m))
		line = w
	}
	return append(lines, fit(line, width, size, m))
}
