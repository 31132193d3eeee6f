// Package xlsx reads and writes Excel workbooks through
// github.com/xuri/excelize/v2, shaped for the registry's imports and exports:
// the Reader streams the rows of one sheet in flat memory (files of a million
// rows), and the Writer streams rows out with every cell stored as text, so
// that 16-digit identifiers (NIK, KK) survive Excel.
package xlsx

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// ErrNoHeader is returned by Open when the sheet holds no non-empty row to
// serve as the header.
var ErrNoHeader = errors.New("xlsx: no header row")

// ErrTooLarge is returned by Open when the workbook would unpack to more than
// the limits below. A zip entry declares its unpacked size, and excelize
// reserves that much memory before reading it, so a few kilobytes of crafted
// upload could otherwise make the server allocate gigabytes.
var ErrTooLarge = errors.New("xlsx: workbook too large when unpacked")

// Unpacked-size limits, checked against the sizes the zip declares (the
// decompressor refuses to produce more than declared, so they are real
// bounds).
const (
	// MaxUnpackedBytes bounds the whole workbook unpacked. A million rows of
	// 25 columns is about 1.2 GB of worksheet XML.
	MaxUnpackedBytes = 4 << 30
	// MaxInMemoryBytes bounds the parts excelize always holds in memory:
	// everything but the worksheets and the shared strings, which it
	// streams from temporary files once they pass 16 MB. Styles, themes and
	// a few pasted photos fit easily.
	MaxInMemoryBytes = 256 << 20
)

// dateMarker is the text that the style-reading iterator produces for a
// number in a date-formatted cell (see Reader). It only has to be something a
// number format can print and a real value will not be.
const dateMarker = "berdaya:date"

// noFormat is a number format id that is neither built in nor defined in any
// workbook, so excelize returns the value without formatting it (cheaply).
const noFormat = -1

// Reader streams the rows of a workbook's first sheet.
//
// What Next returns in cells, precisely:
//   - text cells (shared or inline strings, formula string results): the
//     text as typed, untrimmed, whatever the cell's format;
//   - number cells: the number exactly as stored in the file, not as Excel
//     displays it: "3204012345670001", "3204012345670000" (what Excel keeps
//     of a 16-digit NIK typed as a number), "3.20401E+15" only if that is what
//     the file holds, "1500000.5", "45230" for a date in a cell that is not
//     date-formatted, "0.5" for a time of day;
//   - number cells whose format is a date format (built-in 14–17, 22, the
//     East-Asian date ids, or any custom format with a day, month or year
//     token and no hour/second-only meaning, e.g. "dd/mm/yyyy",
//     "[$-421]dd mmmm yyyy"): "yyyy-mm-dd", or "yyyy-mm-dd hh:mm:ss" when the
//     value has a time of day; the serial is returned instead when it is not a
//     real calendar date (below 1, Excel's fictitious 1900-02-29 = 60, or
//     past 9999-12-31); 1904-based workbooks are converted with their epoch;
//     time-only formats ("hh:mm") are not dates and give the raw fraction;
//   - booleans: "1" or "0"; error cells: the error text ("#N/A");
//   - formulas: the cached result as above ("" if the file has none);
//   - empty cells inside a row: ""; cells is cut after the last non-empty
//     cell, so it may be shorter (or longer) than the header.
//
// Dates cost a second pass: excelize's streaming iterator reports a cell's
// value but not its style, so when (and only when) the workbook's stylesheet
// has any date format, the Reader runs a second iterator in step with the
// first, over a copy of the styles in which date formats print a marker and
// every other format prints nothing special. That doubles the XML parsing
// for such workbooks but keeps memory flat; a workbook without date formats
// is read once.
type Reader struct {
	f        *excelize.File
	rows     *excelize.Rows
	styled   *excelize.Rows // nil when the workbook has no date formats
	date1904 bool
	row      int
	header   []string
	tmp      string // the upload copied by OpenReader, removed by Close
	closed   bool
}

// Open opens the workbook at path and reads the header: the first non-empty
// row (normally row 1) of the first visible sheet (the first sheet in a normal
// workbook; a hidden first sheet is usually a lookup list, not the data the
// user means). excelize keeps the compressed file on disk and unpacks large
// worksheets to temporary files, which Close removes.
func Open(path string) (r *Reader, err error) {
	defer recoverAsError(&err)
	if err := checkSizes(path); err != nil {
		return nil, err
	}
	f, err := excelize.OpenFile(path, excelize.Options{
		RawCellValue:   true,
		UnzipSizeLimit: MaxUnpackedBytes,
	})
	if err != nil {
		if f != nil {
			_ = f.Close() // it may have unpacked parts to temporary files already
		}
		return nil, fmt.Errorf("xlsx: open: %w", err)
	}
	r = &Reader{f: f}
	if err := r.init(); err != nil {
		_ = r.Close()
		return nil, err
	}
	return r, nil
}

// OpenReader reads a workbook from rd (an uploaded multipart file, say). It
// copies rd to a temporary file first and opens that, because the zip format
// needs random access and holding the upload in memory would not be flat;
// Close removes the copy.
func OpenReader(rd io.Reader) (*Reader, error) {
	tmp, err := os.CreateTemp("", "berdaya-upload-*.xlsx")
	if err != nil {
		return nil, fmt.Errorf("xlsx: temporary copy: %w", err)
	}
	name := tmp.Name()
	_, err = io.Copy(tmp, rd)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(name)
		return nil, fmt.Errorf("xlsx: temporary copy: %w", err)
	}
	r, err := Open(name)
	if err != nil {
		_ = os.Remove(name)
		return nil, err
	}
	r.tmp = name
	return r, nil
}

// checkSizes applies MaxUnpackedBytes and MaxInMemoryBytes to the zip at
// path, reading only its central directory. A file that is not a zip is left
// for excelize to reject (or to decrypt, for a password-protected workbook).
func checkSizes(path string) error {
	z, err := zip.OpenReader(path)
	if err != nil {
		return nil
	}
	defer z.Close()
	var total, inMemory uint64
	for _, f := range z.File {
		size := f.UncompressedSize64
		total += size
		name := strings.ToLower(strings.ReplaceAll(f.Name, "\\", "/"))
		streamed := strings.HasPrefix(name, "xl/worksheets/sheet") || name == "xl/sharedstrings.xml"
		if !streamed {
			inMemory += size
		}
		if total > MaxUnpackedBytes || inMemory > MaxInMemoryBytes || size > MaxUnpackedBytes {
			return ErrTooLarge
		}
	}
	return nil
}

func (r *Reader) init() error {
	sheet, err := firstVisibleSheet(r.f)
	if err != nil {
		return err
	}
	if props, err := r.f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		r.date1904 = *props.Date1904
	}
	if r.rows, err = r.f.Rows(sheet); err != nil {
		return fmt.Errorf("xlsx: read sheet %q: %w", sheet, err)
	}
	if markDateStyles(r.f) {
		if r.styled, err = r.f.Rows(sheet); err != nil {
			return fmt.Errorf("xlsx: read sheet %q: %w", sheet, err)
		}
	}
	_, header, err := r.Next()
	if err == io.EOF {
		return ErrNoHeader
	}
	if err != nil {
		return err
	}
	r.header = header
	return nil
}

func firstVisibleSheet(f *excelize.File) (string, error) {
	list := f.GetSheetList()
	if len(list) == 0 {
		return "", fmt.Errorf("xlsx: workbook has no sheets")
	}
	for _, name := range list {
		if visible, err := f.GetSheetVisible(name); err == nil && visible {
			return name, nil
		}
	}
	return list[0], nil
}

// Header returns the header row's cells as typed (same rules as Next), not
// trimmed or normalised.
func (r *Reader) Header() []string { return r.header }

// Next returns the next row that has at least one non-blank cell (cells that
// hold only spaces count as blank). line is the spreadsheet row number, as
// Excel shows it at the left (the header is normally 1), so an error report
// can say "baris 17". cells is a fresh slice the caller may keep; what each
// cell holds is described on Reader. At the end Next returns io.EOF; a
// malformed sheet gives an error with the row it happened on.
func (r *Reader) Next() (line int, cells []string, err error) {
	defer recoverAsError(&err)
	if r.closed {
		return 0, nil, errors.New("xlsx: reader is closed")
	}
	raw := excelize.Options{RawCellValue: true}
	for {
		if !r.rows.Next() {
			if err := r.rows.Error(); err != nil {
				return r.row + 1, nil, fmt.Errorf("xlsx: row %d: %w", r.row+1, err)
			}
			return 0, nil, io.EOF
		}
		r.row++
		cells, err := r.rows.Columns(raw)
		if err != nil {
			return r.row, nil, fmt.Errorf("xlsx: row %d: %w", r.row, err)
		}
		if r.styled != nil && r.styled.Next() {
			// Formatting on (the File was opened with RawCellValue set, so it
			// has to be switched off here explicitly).
			marks, err := r.styled.Columns(excelize.Options{})
			if err != nil {
				return r.row, nil, fmt.Errorf("xlsx: row %d: %w", r.row, err)
			}
			for i := range cells {
				if i < len(marks) && marks[i] == dateMarker {
					cells[i] = serialToDate(cells[i], r.date1904)
				}
			}
		}
		if !blank(cells) {
			return r.row, cells, nil
		}
	}
}

// Close releases the iterators and removes every temporary file the Reader
// made. It is safe to call more than once.
func (r *Reader) Close() error {
	if r.closed {
		return nil
	}
	r.closed = true
	var errs []error
	if r.rows != nil {
		errs = append(errs, r.rows.Close())
	}
	if r.styled != nil {
		errs = append(errs, r.styled.Close())
	}
	errs = append(errs, r.f.Close())
	if r.tmp != "" {
		errs = append(errs, os.Remove(r.tmp))
	}
	return errors.Join(errs...)
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// recoverAsError turns a panic inside excelize into an error: the files come
// from strangers' uploads, and one malformed workbook must fail its import,
// not the server.
func recoverAsError(err *error) {
	if p := recover(); p != nil {
		*err = fmt.Errorf("xlsx: malformed workbook: %v", p)
	}
}

// markDateStyles rewrites the in-memory stylesheet of f (never saved) so that,
// read with formatting on, a number in a date-formatted cell comes out as
// dateMarker and any other number comes out unformatted. It reports whether
// the workbook has any date format at all, and so whether the second
// iterator is needed. Cell style 0 is never consulted by excelize's
// formatter, so a workbook whose default style is a date is read as numbers.
func markDateStyles(f *excelize.File) bool {
	ss := f.Styles
	if ss == nil || ss.CellXfs == nil {
		return false
	}
	custom := map[int]string{}
	if ss.NumFmts != nil {
		for _, nf := range ss.NumFmts.NumFmt {
			if nf == nil {
				continue
			}
			code := nf.FormatCode
			if nf.FormatCode16 != "" {
				code = nf.FormatCode16
			}
			custom[nf.NumFmtID] = code
		}
	}
	isDate := make([]bool, len(ss.CellXfs.Xf))
	found := false
	for i, xf := range ss.CellXfs.Xf {
		if xf.NumFmtID == nil {
			continue
		}
		id := *xf.NumFmtID
		if code, ok := custom[id]; ok {
			isDate[i] = isDateFormat(code)
		} else {
			isDate[i] = builtInDate(id)
		}
		found = found || isDate[i]
	}
	if !found {
		return false
	}
	marker := `"` + dateMarker + `"`
	styleID, err := f.NewStyle(&excelize.Style{CustomNumFmt: &marker})
	if err != nil || styleID >= len(ss.CellXfs.Xf) || ss.CellXfs.Xf[styleID].NumFmtID == nil {
		return false
	}
	markerID := *ss.CellXfs.Xf[styleID].NumFmtID
	for i := range isDate {
		id := noFormat
		if isDate[i] {
			id = markerID
		}
		ss.CellXfs.Xf[i].NumFmtID = &id
	}
	return true
}

// builtInDate reports whether a built-in number format id shows a date: the
// ECMA-376 ids 14–17 and 22, and the East-Asian date ids 27–31, 36 and 50–58.
// Time-only ids (18–21, 45–47) are not dates.
func builtInDate(id int) bool {
	switch {
	case id >= 14 && id <= 17, id == 22, id >= 27 && id <= 31, id == 36, id >= 50 && id <= 58:
		return true
	}
	return false
}

// isDateFormat reports whether a number format code shows a date: its first
// section has a year or day token, or a month token ("m" that is not minutes,
// i.e. with no hour or second beside it). Quoted text, escaped and padding
// characters, AM/PM markers and bracketed parts (colours, locales such as
// [$-421], elapsed [h]) are skipped.
func isDateFormat(code string) bool {
	var y, d, m, h, s bool
	lower := strings.ToLower(code)
	for i := 0; i < len(lower); i++ {
		switch c := lower[i]; c {
		case ';':
			i = len(lower) // first section only
		case '"':
			if j := strings.IndexByte(lower[i+1:], '"'); j >= 0 {
				i += j + 1
			} else {
				i = len(lower)
			}
		case '\\', '_', '*':
			i++
		case '[':
			j := strings.IndexByte(lower[i:], ']')
			if j < 0 {
				i = len(lower)
				continue
			}
			inner := lower[i+1 : i+j]
			if inner != "" && strings.Trim(inner, "hms") == "" {
				h = true // elapsed time: [h], [mm], [ss]
			}
			i += j
		case 'a':
			if strings.HasPrefix(lower[i:], "am/pm") {
				h, i = true, i+4
			} else if strings.HasPrefix(lower[i:], "a/p") {
				h, i = true, i+2
			}
		case 'y':
			y = true
		case 'd':
			d = true
		case 'm':
			m = true
		case 'h':
			h = true
		case 's':
			s = true
		}
	}
	return y || d || (m && !h && !s)
}

// Excel's day count limits: serial 60 is 1900-02-29, which never existed (a
// Lotus 1-2-3 bug Excel keeps); 2958465 is 9999-12-31.
const (
	fakeLeapDay = 60
	maxSerial   = 2958465
)

// serialToDate turns the raw text of a date-formatted number cell into
// "yyyy-mm-dd" (or "yyyy-mm-dd hh:mm:ss" with a time of day). Anything that is
// not a real date is returned unchanged so the importer can complain about
// it with the user's own value.
func serialToDate(v string, date1904 bool) string {
	serial, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(serial) || serial < 1 || serial > maxSerial {
		return v
	}
	days := math.Floor(serial)
	secs := math.Round((serial - days) * 86400)
	if secs >= 86400 {
		days, secs = days+1, 0
	}
	var t time.Time
	switch {
	case date1904:
		t = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(days))
	case days == fakeLeapDay:
		return v
	case days < fakeLeapDay:
		t = time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(days))
	default:
		t = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(days))
	}
	if secs == 0 {
		return t.Format(time.DateOnly)
	}
	return t.Add(time.Duration(secs) * time.Second).Format(time.DateTime)
}
