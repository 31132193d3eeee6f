package xlsx

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// textFormat is Excel's built-in number format 49, "@": the cell holds text.
const textFormat = 49

// Header column widths, in Excel's character units.
const (
	minColWidth = 10
	maxColWidth = 60
)

// ErrFinished is returned by a Writer used after WriteTo, Save or Close.
var ErrFinished = errors.New("xlsx: writer already finished")

// Writer streams rows into a one-sheet workbook in flat memory (excelize's
// StreamWriter spills rows to a temporary file past a few megabytes).
//
// Every cell is written as a text cell and every column of the sheet carries
// the text format "@". Both matter: text cells keep a 16-digit NIK or KK
// exactly (a number cell would show 3.20401E+15 and lose the last digit), and
// the column format keeps it so when a user types a new NIK into a template.
// Empty strings leave the cell empty. Excel caps a cell at 32,767 characters;
// longer values are cut to that length.
type Writer struct {
	f         *excelize.File
	sw        *excelize.StreamWriter
	row       int
	textStyle int
	headStyle int
	err       error // a failure while setting up, reported by every call
	done      bool
	laidOut   bool
}

// NewWriter starts a workbook with one sheet named sheet. Characters Excel
// forbids in sheet names (: \ / ? * [ ]) become '-', and the name is cut to
// Excel's 31 characters; an empty name becomes "Sheet1". Errors while setting
// up are reported by the first Write, SetHeader, WriteTo or Save, which keeps
// the call site a one-liner.
func NewWriter(sheet string) *Writer {
	w := &Writer{f: excelize.NewFile()}
	w.err = w.init(sheetName(sheet))
	return w
}

func (w *Writer) init(name string) error {
	if name != "Sheet1" {
		if err := w.f.SetSheetName("Sheet1", name); err != nil {
			return err
		}
	}
	var err error
	if w.textStyle, err = w.f.NewStyle(&excelize.Style{NumFmt: textFormat}); err != nil {
		return err
	}
	if w.headStyle, err = w.f.NewStyle(&excelize.Style{NumFmt: textFormat, Font: &excelize.Font{Bold: true}}); err != nil {
		return err
	}
	if w.sw, err = w.f.NewStreamWriter(name); err != nil {
		return err
	}
	return nil
}

// layout formats every column as text, the first ones also with a width. It
// runs once, before the first row; widths set after a sheet-wide style make
// excelize split the whole column range on every call (a second per file).
func (w *Writer) layout(widths []float64) error {
	if w.laidOut {
		return nil
	}
	w.laidOut = true
	for i, width := range widths {
		if err := w.sw.SetColWidth(i+1, i+1, width); err != nil {
			return err
		}
	}
	return w.sw.SetColStyle(1, excelize.MaxColumns, w.textStyle)
}

// sheetName makes name acceptable to Excel.
func sheetName(name string) string {
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) {
			return '-'
		}
		return r
	}, name)
	name = strings.Trim(name, "'")
	for len(utf16.Encode([]rune(name))) > excelize.MaxSheetNameLength {
		_, size := utf8.DecodeLastRuneInString(name)
		name = name[:len(name)-size]
	}
	name = strings.Trim(name, "'")
	if strings.TrimSpace(name) == "" {
		return "Sheet1"
	}
	return name
}

// SetHeader writes cells as the first row, in bold, freezes it so it stays
// visible while scrolling, and sizes each column to its heading. It must come
// before any Write, since a streamed sheet's layout precedes its rows.
func (w *Writer) SetHeader(cells []string) error {
	if err := w.usable(); err != nil {
		return err
	}
	if w.row > 0 {
		return errors.New("xlsx: SetHeader must come before the first Write")
	}
	widths := make([]float64, len(cells))
	for i, c := range cells {
		widths[i] = max(minColWidth, min(maxColWidth, float64(utf8.RuneCountInString(c)+4)))
	}
	if err := w.layout(widths); err != nil {
		return err
	}
	if err := w.sw.SetPanes(&excelize.Panes{
		Freeze:      true,
		YSplit:      1,
		TopLeftCell: "A2",
		ActivePane:  "bottomLeft",
	}); err != nil {
		return err
	}
	return w.writeRow(cells, w.headStyle)
}

// Write appends one row of text cells.
func (w *Writer) Write(cells []string) error {
	if err := w.usable(); err != nil {
		return err
	}
	return w.writeRow(cells, w.textStyle)
}

func (w *Writer) writeRow(cells []string, style int) error {
	if err := w.layout(nil); err != nil {
		return err
	}
	values := make([]any, len(cells))
	for i, c := range cells {
		if c != "" {
			values[i] = excelize.Cell{StyleID: style, Value: c}
		}
	}
	ref, err := excelize.CoordinatesToCellName(1, w.row+1)
	if err != nil {
		return err
	}
	if err := w.sw.SetRow(ref, values); err != nil {
		return fmt.Errorf("xlsx: row %d: %w", w.row+1, err)
	}
	w.row++
	return nil
}

func (w *Writer) usable() error {
	if w.done {
		return ErrFinished
	}
	return w.err
}

// WriteTo finishes the workbook and writes it to out (an HTTP response, say),
// returning the number of bytes written. The Writer cannot be used afterwards.
func (w *Writer) WriteTo(out io.Writer) (int64, error) {
	if err := w.finish(); err != nil {
		return 0, err
	}
	n, err := w.f.WriteTo(out)
	return n, errors.Join(err, w.Close())
}

// Save finishes the workbook and writes it to the file at path. The Writer
// cannot be used afterwards.
func (w *Writer) Save(path string) error {
	if err := w.finish(); err != nil {
		return err
	}
	return errors.Join(w.f.SaveAs(path), w.Close())
}

func (w *Writer) finish() error {
	if err := w.usable(); err != nil {
		_ = w.Close()
		return err
	}
	if err := w.sw.Flush(); err != nil {
		_ = w.Close()
		return err
	}
	return nil
}

// Close discards the workbook and removes its temporary files; WriteTo and
// Save call it, so it is only needed when giving up half-way. It is safe to
// call more than once.
func (w *Writer) Close() error {
	if w.done {
		return nil
	}
	w.done = true
	return w.f.Close()
}
