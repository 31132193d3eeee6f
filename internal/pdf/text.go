package pdf

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/text/unicode/norm"
)

// substitutes print common characters that cp1252 lacks as their nearest
// cp1252 look-alike, rather than as fpdf's "." for an unknown character.
var substitutes = map[rune]string{
	'\u2010': "-", '\u2011': "-", '\u2012': "-", '\u2212': "-", // hyphens, minus
	'\u00ad': "", '\u200b': "", '\u200c': "", '\u200d': "", '\ufeff': "", // invisible
	'\u2009': " ", '\u202f': " ", '\u2007': " ", '\u2002': " ", '\u2003': " ", // spaces
	'\u2032': "'", '\u2033': "\"", '\u02bc': "'", '\u02bb': "'", // primes, modifier apostrophes
	'\u2264': "<=", '\u2265': ">=", '\u2260': "!=",
}

// newEncoder returns a function that turns UTF-8 text into the cp1252 bytes
// the core fonts print. Characters outside cp1252 degrade gracefully:
// "Ṣāliḥ" prints as "Salih" (accents dropped after Unicode decomposition),
// a few look-alikes are substituted, and anything else prints as "?".
//
// Embedding a Unicode TrueType font would print every name exactly, but it
// costs hundreds of kilobytes per font and per file; names in the programme
// areas are Latin script, where cp1252 covers Indonesian and most loan names.
func newEncoder(f *fpdf.Fpdf) func(string) string {
	tr := f.UnicodeTranslatorFromDescriptor("cp1252")
	ok := func(c rune) bool { return c < utf8.RuneSelf || c == '.' || tr(string(c)) != "." }
	return func(s string) string {
		if isASCII(s) {
			return s
		}
		return tr(fold(norm.NFC.String(s), ok))
	}
}

// isASCII reports whether s needs no translation at all (the common case).
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// fold replaces each rune that ok rejects by its substitute, by its
// decomposed base letters, or by "?"; stray combining marks are dropped.
func fold(s string, ok func(rune) bool) string {
	var b strings.Builder
	for _, c := range s {
		switch {
		case ok(c):
			b.WriteRune(c)
		case hasSubstitute(c):
			b.WriteString(substitutes[c])
		case unicode.Is(unicode.Mn, c):
			// a combining accent left over after composition: drop it
		default:
			b.WriteString(baseLetters(c, ok))
		}
	}
	return b.String()
}

// hasSubstitute reports whether c maps to a (possibly empty) substitute.
func hasSubstitute(c rune) bool {
	_, found := substitutes[c]
	return found
}

// baseLetters decomposes c (e.g. "ḥ" to "h" and a dot below) and keeps the
// printable parts, or returns "?" when nothing printable is left.
func baseLetters(c rune, ok func(rune) bool) string {
	var b strings.Builder
	for _, d := range norm.NFKD.String(string(c)) {
		if ok(d) && !unicode.Is(unicode.Mn, d) {
			b.WriteRune(d)
		}
	}
	if b.Len() == 0 {
		return "?"
	}
	return b.String()
}
