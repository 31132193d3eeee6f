// Package csvio reads and writes the CSV files that field staff exchange with
// Excel. It wraps encoding/csv with what Excel's habits need: Indonesian Excel
// saves "CSV" with ';' because the decimal separator is ','; it puts a UTF-8
// byte-order mark in front (or, in older versions, writes Windows-1252); it
// ends lines with CRLF; hand-edited rows have too few or too many fields. The
// reader copes with all of that and streams one record at a time, so a file of
// a million rows is read in flat memory.
package csvio

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// ErrNoHeader is returned by NewReader when the input holds no non-empty
// record to serve as the header (an empty file, or only blank lines).
var ErrNoHeader = errors.New("csvio: no header row")

// ErrRecordTooLong is returned by Next when one record grows past
// MaxRecordBytes. It almost always means a field opens a quote that is never
// closed, which would otherwise swallow the rest of the file into one field.
var ErrRecordTooLong = errors.New("csvio: record too long (unclosed quote?)")

// MaxRecordBytes bounds the size of one record (one row, possibly spanning
// several lines inside quotes). It keeps memory flat even for a malformed
// file: without it an unclosed quote turns the rest of the file into a single
// field held in memory.
const MaxRecordBytes = 4 << 20

// sniffBytes is how much of the input NewReader looks at to find the
// delimiter. A header line longer than this is sniffed on its first part only.
const sniffBytes = 64 << 10

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// Reader reads records from a CSV file one at a time.
//
// Encoding: the input is taken as UTF-8. A UTF-8 BOM is dropped. A UTF-16
// BOM (Excel's "Unicode Text" export) switches to UTF-16 decoding of the whole
// stream. Otherwise each field that is not valid UTF-8 is decoded as
// Windows-1252, which is what older Excel writes on Indonesian Windows. The
// decision is made per field, not per file, so it costs nothing up front,
// needs no second pass, and a file that mixes both (rows pasted from two
// sources) still reads right; the price is that a field which happens to be
// valid UTF-8 is never reinterpreted, which for real Windows-1252 text
// (where accented letters stand alone, not in UTF-8 byte pairs) does not
// happen in practice.
type Reader struct {
	cr       *csv.Reader
	guard    *guardReader
	delim    rune
	header   []string
	lastLine int
	offset   int // lines consumed before csv saw the input (a "sep=" line)
}

// NewReader prepares to read CSV from r and reads the header: the first
// record that is not empty (normally line 1).
//
// The delimiter is found from the header line: ';', ',' or '\t', whichever
// occurs most often outside quotes (ties go to ';', then '\t', since the files
// come from Indonesian Excel), ',' when none occurs. An Excel "sep=X" first
// line names the delimiter explicitly and is skipped (it still counts as line
// 1). Rows may have fewer or more fields than the header; quotes are lenient
// (a stray '"' inside an unquoted field is kept as text); CRLF and LF both
// end a line.
func NewReader(r io.Reader) (*Reader, error) {
	br := bufio.NewReaderSize(r, sniffBytes)
	start, _ := br.Peek(3)
	switch {
	case bytes.HasPrefix(start, utf8BOM):
		_, _ = br.Discard(len(utf8BOM))
	case bytes.HasPrefix(start, []byte{0xFF, 0xFE}) || bytes.HasPrefix(start, []byte{0xFE, 0xFF}):
		// ExpectBOM reads the mark, picks the byte order from it and drops it.
		dec := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		br = bufio.NewReaderSize(transform.NewReader(br, dec), sniffBytes)
	}
	// Peek blocks until it has sniffBytes or the input ends; either way it is
	// the start of the file, and an error here will surface again on Read.
	head, _ := br.Peek(sniffBytes)
	delim, sepLine := sniff(head)
	if sepLine > 0 {
		_, _ = br.Discard(sepLine)
	}

	g := &guardReader{r: br, limit: MaxRecordBytes}
	cr := csv.NewReader(g)
	cr.Comma = delim
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = true
	rd := &Reader{cr: cr, guard: g, delim: delim}
	if sepLine > 0 {
		// The sep= line is not part of what csv sees, but people count it.
		rd.offset, rd.lastLine = 1, 1
	}
	_, header, err := rd.Next()
	if err == io.EOF {
		return nil, ErrNoHeader
	}
	if err != nil {
		return nil, err
	}
	rd.header = header
	return rd, nil
}

// Header returns the header cells as read: decoded to UTF-8, but not trimmed,
// case-folded or otherwise normalised (that is the importer's business, and it
// needs the original text to quote back in error messages).
func (r *Reader) Header() []string { return r.header }

// Delimiter returns the delimiter in use, so an error report can be written
// back in the same dialect the user sent.
func (r *Reader) Delimiter() rune { return r.delim }

// Next returns the next record that has at least one non-blank cell. line is
// the 1-based line number in the file where the record starts (the header is
// normally line 1; a quoted field with line breaks makes the following record
// start further down), so error reports can say "baris 17" and the user finds
// it in a text editor or in Excel. cells is a fresh slice the caller may keep;
// its length is whatever the row had, which may differ from the header's.
// Cells are returned exactly as in the file (no trimming) except for the
// encoding repair described on Reader.
//
// At the end Next returns io.EOF. Other errors are I/O errors from the
// underlying reader or ErrRecordTooLong (wrapped, with the line the previous
// record started on); line is 0 for them when the position is unknown.
func (r *Reader) Next() (line int, cells []string, err error) {
	for {
		r.guard.mark = r.cr.InputOffset()
		rec, err := r.cr.Read()
		if err != nil {
			if err == io.EOF {
				return 0, nil, io.EOF
			}
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return pe.StartLine + r.offset, nil, err
			}
			if errors.Is(err, ErrRecordTooLong) {
				return 0, nil, fmt.Errorf("csvio: record after line %d: %w", r.lastLine, ErrRecordTooLong)
			}
			return 0, nil, err
		}
		line, _ := r.cr.FieldPos(0)
		line += r.offset
		r.lastLine = line
		blank := true
		cells = make([]string, len(rec))
		for i, f := range rec {
			cells[i] = decodeField(f)
			if blank && strings.TrimSpace(cells[i]) != "" {
				blank = false
			}
		}
		if blank {
			continue
		}
		return line, cells, nil
	}
}

// decodeField returns f as UTF-8, reading it as Windows-1252 when it is not
// valid UTF-8 already.
func decodeField(f string) string {
	if utf8.ValidString(f) {
		return f
	}
	s, err := charmap.Windows1252.NewDecoder().String(f)
	if err != nil {
		return strings.ToValidUTF8(f, "\uFFFD")
	}
	return s
}

// DelimiterOf returns the delimiter a header line uses: ';', ',' or '\t',
// whichever occurs most often outside double quotes, with ties going to ';'
// and then '\t' (Indonesian Excel's choices), and ',' when none occurs.
// Callers that already hold the first line (a preview in the web upload form)
// use it to show the user which dialect was recognised.
func DelimiterOf(headerLine string) rune {
	var semi, comma, tab int
	inQuote := false
	for i := 0; i < len(headerLine); i++ {
		switch headerLine[i] {
		case '"':
			inQuote = !inQuote
		case ';':
			if !inQuote {
				semi++
			}
		case ',':
			if !inQuote {
				comma++
			}
		case '\t':
			if !inQuote {
				tab++
			}
		}
	}
	switch {
	case semi > 0 && semi >= comma && semi >= tab:
		return ';'
	case tab > 0 && tab >= comma:
		return '\t'
	default:
		return ','
	}
}

// sniff finds the delimiter from the start of the input. It skips blank
// lines, honours Excel's "sep=X" directive (returning how many bytes that line
// takes, so the caller can drop it), and otherwise applies DelimiterOf to the
// first line, where "line" ends at a newline outside quotes.
func sniff(head []byte) (delim rune, sepLen int) {
	// Excel's directive: exactly "sep=X" on the first line.
	if nl := bytes.IndexByte(head, '\n'); nl >= 0 || len(head) < sniffBytes {
		first := head
		if nl >= 0 {
			first = head[:nl]
		}
		t := strings.TrimSpace(string(first))
		if len(t) == 5 && strings.EqualFold(t[:4], "sep=") {
			switch t[4] {
			case ';', ',', '\t', '|':
				n := len(first)
				if nl >= 0 {
					n++
				}
				return rune(t[4]), n
			}
		}
	}
	inQuote := false
	lineStart := 0
	for i := 0; i < len(head); i++ {
		switch head[i] {
		case '"':
			inQuote = !inQuote
		case '\n':
			if inQuote {
				continue
			}
			line := string(head[lineStart:i])
			if strings.TrimSpace(line) != "" {
				return DelimiterOf(line), 0
			}
			lineStart = i + 1
		}
	}
	return DelimiterOf(string(head[lineStart:])), 0
}

// guardReader stops a runaway record: it fails a Read once more than limit
// bytes have been consumed since mark, the input offset at which the current
// record began. encoding/csv reads ahead by at most its own buffer, so the
// bound holds to within a few kilobytes.
type guardReader struct {
	r     io.Reader
	n     int64
	mark  int64
	limit int64
}

func (g *guardReader) Read(p []byte) (int, error) {
	if g.n-g.mark > g.limit {
		return 0, ErrRecordTooLong
	}
	n, err := g.r.Read(p)
	g.n += int64(n)
	return n, err
}

// Writer writes CSV that Excel opens correctly: a UTF-8 BOM first (without
// it Excel assumes the ANSI code page and garbles "é" and "–"), CRLF line
// ends, and fields quoted only when they need to be.
type Writer struct {
	bw *bufio.Writer
	cw *csv.Writer
}

// NewWriter returns a Writer to w using delimiter between fields; pass ';'
// for files meant for Indonesian Excel, or Reader.Delimiter() to answer in
// the user's own dialect. The BOM is buffered at once and reaches w with the
// first flush. An invalid delimiter (a quote, a line break, the replacement
// character) is reported by the first Write. Cells are written verbatim:
// nothing guards against a cell that Excel would read as a formula.
func NewWriter(w io.Writer, delimiter rune) *Writer {
	bw := bufio.NewWriter(w)
	_, _ = bw.Write(utf8BOM)
	// csv.NewWriter reuses bw instead of wrapping it again, so the BOM and
	// the records share one buffer and one flush.
	cw := csv.NewWriter(bw)
	cw.Comma = delimiter
	cw.UseCRLF = true
	return &Writer{bw: bw, cw: cw}
}

// Write writes one record. Output is buffered; call Flush at the end.
func (w *Writer) Write(cells []string) error {
	return w.cw.Write(cells)
}

// Flush writes any buffered data to the underlying writer and reports any
// error from this or an earlier Write.
func (w *Writer) Flush() error {
	w.cw.Flush()
	if err := w.cw.Error(); err != nil {
		return err
	}
	return w.bw.Flush()
}
