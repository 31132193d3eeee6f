package registry

import (
	"strings"
	"unicode"
)

// nameVariants maps spellings of common Indonesian names to one form. Old
// (pre-1972) spelling and Arabic transliteration give many ways to write one
// name; a search must find them all.
var nameVariants = map[string]string{
	"mochammad": "muhamad", "mochamad": "muhamad", "mohammad": "muhamad", "mohamad": "muhamad",
	"mohammed": "muhamad", "muhammed": "muhamad", "muhammad": "muhamad", "moehammad": "muhamad",
	"moch": "muhamad", "moh": "muhamad", "muh": "muhamad", "mhd": "muhamad", "md": "muhamad", "m": "muhamad",
	"achmad": "ahmad", "akhmad": "ahmad", "ahmat": "ahmad",
	"noor": "nur", "nurul": "nurul",
	"abdoel": "abdul",
}

// oldSpelling rewrites letter groups of the pre-1972 spelling (and common
// doubled letters) to the current one, so "Soekarno" matches "Sukarno" and
// "Sitti" matches "Siti".
var oldSpelling = strings.NewReplacer("oe", "u", "dj", "j", "tj", "c", "sj", "sy", "nj", "ny", "ch", "kh")

// NameKey is the form names are stored and searched in: lower case, letters
// only, variant spellings folded, doubled letters collapsed, single spaces.
func NameKey(name string) string {
	var words []string
	for _, w := range strings.FieldsFunc(strings.ToLower(name), func(r rune) bool { return !unicode.IsLetter(r) }) {
		words = append(words, foldWord(w))
	}
	return strings.Join(words, " ")
}

func foldWord(w string) string {
	if v, ok := nameVariants[w]; ok {
		return v
	}
	w = oldSpelling.Replace(w)
	var b strings.Builder
	var prev rune
	for _, r := range w {
		if r != prev {
			b.WriteRune(r)
		}
		prev = r
	}
	w = b.String()
	if v, ok := nameVariants[w]; ok {
		return v
	}
	return w
}
