// Package pdftext reads back the text that internal/pdf writes, so that tests
// of any area can check what a printed document says rather than only that a
// file came out. It knows fpdf's output (one content stream per page, in page
// order, core fonts, no images), not PDF in general.
package pdftext

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"regexp"
	"strings"

	"golang.org/x/text/encoding/charmap"
)

var (
	streamRe = regexp.MustCompile(`(?s)stream\r?\n(.*?)\r?\nendstream`)
	// A string shown by Tj, or an array of strings shown by TJ. fpdf escapes
	// every "(", ")" and "\" in a string, so an unescaped ")" ends it.
	showRe   = regexp.MustCompile(`\(((?:\\.|[^\\)])*)\)\s*Tj|\[((?:\\.|[^\]\\])*)\]\s*TJ`)
	tjPartRe = regexp.MustCompile(`\(((?:\\.|[^\\)])*)\)`)
	pageRe   = regexp.MustCompile(`/Type /Page[^s]`)
)

// RawPages returns, for each page, the strings its content stream shows, in
// the file's own cp1252 bytes. Compressed streams are inflated first.
func RawPages(file []byte) ([][]string, error) {
	var pages [][]string
	for _, m := range streamRe.FindAllSubmatch(file, -1) {
		content, err := inflate(m[1])
		if err != nil {
			return nil, err
		}
		var shown []string
		for _, s := range showRe.FindAllSubmatch(content, -1) {
			shown = append(shown, showText(s))
		}
		pages = append(pages, shown)
	}
	if n := len(pageRe.FindAll(file, -1)); n != len(pages) {
		return nil, fmt.Errorf("pdftext: %d content streams for %d pages", len(pages), n)
	}
	return pages, nil
}

// Pages returns each page's shown strings decoded to UTF-8.
func Pages(file []byte) ([][]string, error) {
	pages, err := RawPages(file)
	if err != nil {
		return nil, err
	}
	dec := charmap.Windows1252.NewDecoder()
	for _, page := range pages {
		for i, s := range page {
			if page[i], err = dec.String(s); err != nil {
				return nil, err
			}
		}
	}
	return pages, nil
}

// Text is every page's strings, one a line, pages in order.
func Text(file []byte) (string, error) {
	pages, err := Pages(file)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for _, page := range pages {
		for _, s := range page {
			b.WriteString(s)
			b.WriteByte('\n')
		}
	}
	return b.String(), nil
}

// inflate returns a stream's content, decompressed when it is zlib data.
func inflate(stream []byte) ([]byte, error) {
	if len(stream) < 2 || stream[0] != 0x78 {
		return stream, nil
	}
	r, err := zlib.NewReader(bytes.NewReader(stream))
	if err != nil {
		return nil, fmt.Errorf("pdftext: %w", err)
	}
	return io.ReadAll(r)
}

// showText joins the string (Tj) or the strings of an array (TJ) of a match.
func showText(m [][]byte) string {
	if m[2] == nil {
		return unescape(string(m[1]))
	}
	var b strings.Builder
	for _, p := range tjPartRe.FindAllSubmatch(m[2], -1) {
		b.WriteString(unescape(string(p[1])))
	}
	return b.String()
}

// unescape undoes PDF string escapes: \\ \( \) \r \n and octal \ddd.
func unescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch c := s[i]; {
		case c == 'r':
			b.WriteByte('\r')
		case c == 'n':
			b.WriteByte('\n')
		case c >= '0' && c <= '7':
			n, j := 0, i
			for ; j < len(s) && j < i+3 && s[j] >= '0' && s[j] <= '7'; j++ {
				n = n*8 + int(s[j]-'0')
			}
			b.WriteByte(byte(n))
			i = j - 1
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
