package xlsx

import (
	"bytes"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// Writer then Reader: identifiers stay exact text, and the file is what Excel
// needs (text cells, text-formatted columns, bold frozen header).
func TestWriterRoundTrip(t *testing.T) {
	header := []string{"NIK", "No. KK", "Nama", "Alamat", "Tanggal Lahir"}
	data := [][]string{
		{"3204012345670001", "3204010101010001", "Café – Siti", "Jalan Kenari No. 5 – RT 01", "17/08/1985"},
		{"0012345678901234", "0000000000000001", " Budi ", "baris satu\nbaris dua", ""},
		{"", "", "", "", ""}, // written, but skipped on reading
		{"3204012345670003", "", "Ani"},
		{"=1+1", "45230", "1.5E+3", "TRUE", "2023-10-31"}, // stays text, never a formula or number
	}
	w := NewWriter("Daftar Warga: Desa [Sukamaju]/2025 yang panjang sekali")
	must(t, w.SetHeader(header))
	for _, d := range data {
		must(t, w.Write(d))
	}
	p := filepath.Join(t.TempDir(), "out.xlsx")
	must(t, w.Save(p))
	if err := w.Write([]string{"x"}); !errors.Is(err, ErrFinished) {
		t.Errorf("Write after Save: %v", err)
	}

	gotHeader, rows := openAll(t, p)
	if !reflect.DeepEqual(gotHeader, header) {
		t.Errorf("header = %q", gotHeader)
	}
	want := []row{
		{2, data[0]},
		{3, []string{"0012345678901234", "0000000000000001", " Budi ", "baris satu\nbaris dua"}},
		{5, data[3]},
		{6, data[4]},
	}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("rows =\n%+v\nwant\n%+v", rows, want)
	}

	// Inspect the file the way Excel would see it.
	f, err := excelize.OpenFile(p)
	must(t, err)
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) != 1 || sheets[0] != "Daftar Warga- Desa -Sukamaju--2" {
		t.Errorf("sheets = %q", sheets)
	}
	sheet := sheets[0]
	for _, cell := range []string{"A2", "B3", "A6", "B6", "C6", "D6"} {
		typ, err := f.GetCellType(sheet, cell)
		must(t, err)
		if typ != excelize.CellTypeInlineString {
			t.Errorf("%s has type %v, want a string", cell, typ)
		}
		if formula, _ := f.GetCellFormula(sheet, cell); formula != "" {
			t.Errorf("%s has formula %q", cell, formula)
		}
	}
	textFmt := func(what string, styleID int) {
		t.Helper()
		st, err := f.GetStyle(styleID)
		must(t, err)
		if st.NumFmt != textFormat {
			t.Errorf("%s: number format %d, want 49 (@)", what, st.NumFmt)
		}
	}
	for _, col := range []string{"A", "E", "Z", "XFD"} { // header columns and beyond
		id, err := f.GetColStyle(sheet, col)
		must(t, err)
		textFmt("column "+col, id)
	}
	id, err := f.GetCellStyle(sheet, "A2")
	must(t, err)
	textFmt("cell A2", id)
	id, err = f.GetCellStyle(sheet, "A1")
	must(t, err)
	textFmt("header A1", id)
	if st, _ := f.GetStyle(id); st.Font == nil || !st.Font.Bold {
		t.Error("header is not bold")
	}
	panes, err := f.GetPanes(sheet)
	must(t, err)
	if !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
		t.Errorf("panes = %+v, want row 1 frozen", panes)
	}
	if width, _ := f.GetColWidth(sheet, "E"); width != float64(len("Tanggal Lahir")+4) {
		t.Errorf("column E width %v", width)
	}
	if width, _ := f.GetColWidth(sheet, "A"); width != minColWidth {
		t.Errorf("column A width %v", width)
	}
}

// A template is a header and nothing else; WriteTo serves it over HTTP.
func TestWriterTemplateWriteTo(t *testing.T) {
	w := NewWriter("")
	must(t, w.SetHeader([]string{"NIK", "Nama"}))
	var buf bytes.Buffer
	n, err := w.WriteTo(&buf)
	must(t, err)
	if n != int64(buf.Len()) || n == 0 {
		t.Errorf("WriteTo reported %d bytes, wrote %d", n, buf.Len())
	}
	if _, err := w.WriteTo(&buf); !errors.Is(err, ErrFinished) {
		t.Errorf("second WriteTo: %v", err)
	}
	r, err := OpenReader(&buf)
	must(t, err)
	defer r.Close()
	if !reflect.DeepEqual(r.Header(), []string{"NIK", "Nama"}) {
		t.Errorf("header = %q", r.Header())
	}
	if got := readAll(t, r); len(got) != 0 {
		t.Errorf("rows = %v", got)
	}
}

func TestWriterHeaderAfterRows(t *testing.T) {
	w := NewWriter("Data")
	defer w.Close()
	must(t, w.Write([]string{"a"}))
	if err := w.SetHeader([]string{"NIK"}); err == nil {
		t.Error("SetHeader after Write must fail")
	}
	must(t, w.Close())
	must(t, w.Close())
}

func TestWriterLongCell(t *testing.T) {
	w := NewWriter("Data")
	must(t, w.SetHeader([]string{"Catatan"}))
	must(t, w.Write([]string{strings.Repeat("a", 40000)}))
	p := filepath.Join(t.TempDir(), "out.xlsx")
	must(t, w.Save(p))
	_, rows := openAll(t, p)
	if len(rows) != 1 || len(rows[0].cells[0]) != excelize.TotalCellChars {
		t.Errorf("cell length %d, want Excel's cap %d", len(rows[0].cells[0]), excelize.TotalCellChars)
	}
}

func TestSheetName(t *testing.T) {
	for in, want := range map[string]string{
		"Data":                     "Data",
		"":                         "Sheet1",
		"   ":                      "Sheet1",
		"'Warga'":                  "Warga",
		"a/b\\c:d?e*f[g]h":         "a-b-c-d-e-f-g-h",
		strings.Repeat("é", 40):    strings.Repeat("é", 31),
		strings.Repeat("😀", 20):    strings.Repeat("😀", 15), // two UTF-16 units each
		"Laporan Kesalahan Impor ": "Laporan Kesalahan Impor ",
	} {
		if got := sheetName(in); got != want {
			t.Errorf("sheetName(%q) = %q, want %q", in, got, want)
		}
	}
}
