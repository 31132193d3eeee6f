package xlsx

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// row is one row as Next returns it.
type row struct {
	line  int
	cells []string
}

func readAll(t testing.TB, r *Reader) []row {
	t.Helper()
	var rows []row
	for {
		line, cells, err := r.Next()
		if err == io.EOF {
			return rows
		}
		if err != nil {
			t.Fatalf("Next: %v", err)
		}
		rows = append(rows, row{line, cells})
	}
}

func openAll(t *testing.T, path string) ([]string, []row) {
	t.Helper()
	r, err := Open(path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer func() {
		if err := r.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	}()
	return r.Header(), readAll(t, r)
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func style(t testing.TB, f *excelize.File, s *excelize.Style) int {
	t.Helper()
	id, err := f.NewStyle(s)
	must(t, err)
	return id
}

func set(t testing.TB, f *excelize.File, cell string, v any, styleID int) {
	t.Helper()
	must(t, f.SetCellValue("Sheet1", cell, v))
	if styleID != 0 {
		must(t, f.SetCellStyle("Sheet1", cell, cell, styleID))
	}
}

func save(t testing.TB, f *excelize.File) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "in.xlsx")
	must(t, f.SaveAs(p))
	must(t, f.Close())
	return p
}

// A workbook typed by hand: numbers where text was meant, dates in several
// formats, blank rows. Written by excelize, read back through Reader.
func TestReaderCellValues(t *testing.T) {
	f := excelize.NewFile()
	ddmmyyyy := "dd/mm/yyyy"
	indo := "[$-421]dd mmmm yyyy"
	dateTime := "dd/mm/yyyy hh:mm"
	dmy := style(t, f, &excelize.Style{CustomNumFmt: &ddmmyyyy})
	long := style(t, f, &excelize.Style{CustomNumFmt: &indo})
	dt := style(t, f, &excelize.Style{CustomNumFmt: &dateTime})
	short := style(t, f, &excelize.Style{NumFmt: 14})
	hhmm := style(t, f, &excelize.Style{NumFmt: 20})
	thousands := style(t, f, &excelize.Style{NumFmt: 3}) // #,##0
	text := style(t, f, &excelize.Style{NumFmt: 49})

	header := []string{"NIK teks", "NIK angka", "Nama", "Lahir", "Lahir panjang", "Lahir default", "Datang", "Jam", "Serial", "Pendapatan", "Lahir teks", "Desimal", "Aktif"}
	must(t, f.SetSheetRow("Sheet1", "A1", &header))

	set(t, f, "A2", "3204012345670001", text)
	set(t, f, "B2", int64(3204012345670001), 0)
	set(t, f, "C2", "Café – Siti ", 0)
	set(t, f, "D2", 45230, dmy)
	set(t, f, "E2", 45230, long)
	set(t, f, "F2", 45230, short)
	set(t, f, "G2", 45230.5, dt)
	set(t, f, "H2", 0.5, hhmm)
	set(t, f, "I2", 45230, 0)
	set(t, f, "J2", 1500000, thousands)
	set(t, f, "K2", "45230", dmy) // text in a date-formatted cell stays text
	set(t, f, "L2", 1500000.5, 0)
	set(t, f, "M2", true, 0)

	// Rows 3 and 4 are missing, row 5 has cells with only spaces, row 6 has
	// one value far to the right, row 7 has a value in a date cell that is
	// not a real date.
	set(t, f, "B5", "   ", 0)
	set(t, f, "E6", "Budi", 0)
	set(t, f, "D7", 60, dmy)
	set(t, f, "E7", float64(3204012345670001), 0)

	gotHeader, rows := openAll(t, save(t, f))
	if !reflect.DeepEqual(gotHeader, header) {
		t.Errorf("header = %q", gotHeader)
	}
	want := []row{
		{2, []string{"3204012345670001", "3204012345670001", "Café – Siti ", "2023-10-31", "2023-10-31", "2023-10-31", "2023-10-31 12:00:00", "0.5", "45230", "1500000", "45230", "1500000.5", "1"}},
		{6, []string{"", "", "", "", "Budi"}},
		{7, []string{"", "", "", "60", "3204012345670000"}}, // excelize, like Excel, keeps 15 digits of a float
	}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("rows =\n%+v\nwant\n%+v", rows, want)
	}
}

// A workbook without any date format is read in a single pass.
func TestReaderNoDateStyles(t *testing.T) {
	f := excelize.NewFile()
	must(t, f.SetSheetRow("Sheet1", "A1", &[]any{"NIK", "Jumlah"}))
	must(t, f.SetSheetRow("Sheet1", "A2", &[]any{"3204012345670001", 45230}))
	r, err := Open(save(t, f))
	must(t, err)
	defer r.Close()
	if r.styled != nil {
		t.Error("second iterator started for a workbook without date formats")
	}
	if got := readAll(t, r); !reflect.DeepEqual(got, []row{{2, []string{"3204012345670001", "45230"}}}) {
		t.Errorf("rows = %v", got)
	}
}

func TestReader1904(t *testing.T) {
	f := excelize.NewFile()
	yes := true
	must(t, f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}))
	d := style(t, f, &excelize.Style{NumFmt: 14})
	must(t, f.SetSheetRow("Sheet1", "A1", &[]any{"Tanggal"}))
	set(t, f, "A2", 43768, d) // 2023-10-31 counted from 1904-01-01
	_, rows := openAll(t, save(t, f))
	if want := []row{{2, []string{"2023-10-31"}}}; !reflect.DeepEqual(rows, want) {
		t.Errorf("rows = %v, want %v", rows, want)
	}
}

// A hidden first sheet (a lookup list) is passed over for the visible one.
func TestReaderFirstVisibleSheet(t *testing.T) {
	f := excelize.NewFile()
	must(t, f.SetCellValue("Sheet1", "A1", "daftar desa"))
	_, err := f.NewSheet("Data")
	must(t, err)
	must(t, f.SetCellValue("Data", "A1", "NIK"))
	must(t, f.SetCellValue("Data", "A2", "3204012345670001"))
	idx, err := f.GetSheetIndex("Data")
	must(t, err)
	f.SetActiveSheet(idx)
	must(t, f.SetSheetVisible("Sheet1", false))
	header, rows := openAll(t, save(t, f))
	if !reflect.DeepEqual(header, []string{"NIK"}) || len(rows) != 1 || rows[0].cells[0] != "3204012345670001" {
		t.Errorf("header %q rows %v", header, rows)
	}
}

func TestReaderNoHeader(t *testing.T) {
	f := excelize.NewFile()
	must(t, f.SetCellValue("Sheet1", "C3", "  "))
	_, err := Open(save(t, f))
	if !errors.Is(err, ErrNoHeader) {
		t.Errorf("err = %v, want ErrNoHeader", err)
	}
}

func TestReaderNotAWorkbook(t *testing.T) {
	p := filepath.Join(t.TempDir(), "a.xlsx")
	must(t, os.WriteFile(p, []byte("NIK;Nama\r\n1;Siti\r\n"), 0o600))
	if _, err := Open(p); err == nil {
		t.Error("a CSV file opened as a workbook")
	}
	if _, err := Open(filepath.Join(t.TempDir(), "missing.xlsx")); err == nil {
		t.Error("a missing file opened")
	}
}

// OpenReader copies the upload to a temporary file and Close removes it.
func TestOpenReader(t *testing.T) {
	w := NewWriter("Data")
	must(t, w.SetHeader([]string{"NIK"}))
	must(t, w.Write([]string{"0012345678901234"}))
	var buf bytes.Buffer
	_, err := w.WriteTo(&buf)
	must(t, err)

	r, err := OpenReader(&buf)
	must(t, err)
	tmp := r.tmp
	if _, err := os.Stat(tmp); err != nil {
		t.Fatalf("temporary copy: %v", err)
	}
	if got := readAll(t, r); !reflect.DeepEqual(got, []row{{2, []string{"0012345678901234"}}}) {
		t.Errorf("rows = %v", got)
	}
	must(t, r.Close())
	must(t, r.Close())
	if _, err := os.Stat(tmp); !os.IsNotExist(err) {
		t.Errorf("temporary copy left behind: %v", err)
	}
	if _, _, err := r.Next(); err == nil {
		t.Error("Next after Close must fail")
	}
}

// A zip entry that declares gigabytes is refused before excelize reserves
// memory for it (the fuzzer found this: a 6 kB file made the reader allocate
// 2 GB).
func TestReaderTooLarge(t *testing.T) {
	f := excelize.NewFile()
	must(t, f.SetCellValue("Sheet1", "A1", "NIK"))
	var good bytes.Buffer
	_, err := f.WriteTo(&good)
	must(t, err)

	for _, tc := range []struct {
		entry string
		size  uint64
	}{
		{"xl/styles.xml", MaxInMemoryBytes + 1},            // held in memory
		{"xl/worksheets/sheet1.xml", MaxUnpackedBytes + 1}, // streamed, but to disk
		{"xl/styles.xml", 1<<64 - 1},
	} {
		zr, err := zip.NewReader(bytes.NewReader(good.Bytes()), int64(good.Len()))
		must(t, err)
		var bad bytes.Buffer
		zw := zip.NewWriter(&bad)
		for _, e := range zr.File {
			raw, err := e.OpenRaw()
			must(t, err)
			h := e.FileHeader
			if h.Name == tc.entry {
				h.UncompressedSize64 = tc.size
			}
			w, err := zw.CreateRaw(&h)
			must(t, err)
			_, err = io.Copy(w, raw)
			must(t, err)
		}
		must(t, zw.Close())
		p := filepath.Join(t.TempDir(), "bomb.xlsx")
		must(t, os.WriteFile(p, bad.Bytes(), 0o600))
		if _, err := Open(p); !errors.Is(err, ErrTooLarge) {
			t.Errorf("%s declaring %d bytes: err = %v, want ErrTooLarge", tc.entry, tc.size, err)
		}
	}
}

func TestIsDateFormat(t *testing.T) {
	for code, want := range map[string]bool{
		"dd/mm/yyyy":                  true,
		"d-mmm-yy":                    true,
		"[$-421]dd mmmm yyyy":         true,
		"[$-F800]dddd, mmmm dd, yyyy": true,
		"mmm":                         true,
		"yyyy-mm-dd hh:mm:ss":         true,
		"hh:mm":                       false,
		"h:mm AM/PM":                  false,
		"[h]:mm:ss":                   false,
		"mm:ss":                       false,
		"[mm]":                        false,
		"0.00E+00":                    false,
		"#,##0":                       false,
		`#,##0 "hari"`:                false,
		`_-[$Rp-421]* #,##0_-`:        false,
		`\d0`:                         false,
		"@":                           false,
		"General":                     false,
		"[Red]0.00;[Blue]-0.00":       false,
		"0;dd/mm/yyyy":                false,
		"[$-421]dd":                   true,
	} {
		if got := isDateFormat(code); got != want {
			t.Errorf("isDateFormat(%q) = %v, want %v", code, got, want)
		}
	}
}

func TestSerialToDate(t *testing.T) {
	for _, tc := range []struct {
		v     string
		d1904 bool
		want  string
	}{
		{"45230", false, "2023-10-31"},
		{"45230.5", false, "2023-10-31 12:00:00"},
		{"45230.99999999", false, "2023-11-01"}, // rounds up to midnight
		{"1", false, "1900-01-01"},
		{"59", false, "1900-02-28"},
		{"60", false, "60"}, // 1900-02-29 never existed
		{"61", false, "1900-03-01"},
		{"2958465", false, "9999-12-31"},
		{"2958466", false, "2958466"},
		{"0", false, "0"},
		{"0.5", false, "0.5"},
		{"-1", false, "-1"},
		{"NaN", false, "NaN"},
		{"abc", false, "abc"},
		{"1", true, "1904-01-02"},
		{"43768", true, "2023-10-31"},
	} {
		if got := serialToDate(tc.v, tc.d1904); got != tc.want {
			t.Errorf("serialToDate(%q, %v) = %q, want %q", tc.v, tc.d1904, got, tc.want)
		}
	}
}

// Streaming must not load the sheet: 200,000 rows, with a date column so the
// two-iterator path is the one measured. The bound is tighter than "under
// 200 MB" because loading these 200,000 rows whole (excelize GetRows) grows
// the heap by only about 90 MB, which a 200 MB bound would not catch; the
// streaming Reader keeps a row or two live, so the heap stays within what the
// garbage collector lets accumulate between cycles.
func TestReaderLargeBoundedMemory(t *testing.T) {
	const maxHeapGrowth = 50 << 20
	if testing.Short() {
		t.Skip("large file")
	}
	const n = 200_000
	p := filepath.Join(t.TempDir(), "big.xlsx")
	f := excelize.NewFile()
	d := style(t, f, &excelize.Style{NumFmt: 14})
	sw, err := f.NewStreamWriter("Sheet1")
	must(t, err)
	must(t, sw.SetRow("A1", []any{"NIK", "Nama", "Alamat", "Lahir", "Pendapatan"}))
	for i := 1; i <= n; i++ {
		must(t, sw.SetRow(fmt.Sprintf("A%d", i+1), []any{
			fmt.Sprintf("3204%012d", i),
			fmt.Sprintf("Warga Nomor %d", i),
			fmt.Sprintf("Jalan Kenari No. %d – RT %02d RW %02d, Desa Sukamaju", i%500, i%20, i%10),
			excelize.Cell{StyleID: d, Value: 30000 + i%20000},
			i * 1000,
		}))
	}
	must(t, sw.Flush())
	must(t, f.SaveAs(p))
	must(t, f.Close())
	fi, err := os.Stat(p)
	must(t, err)

	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	before := ms.HeapInuse
	peak := before
	start := time.Now()

	r, err := Open(p)
	must(t, err)
	count := 0
	var last []string
	for {
		line, cells, err := r.Next()
		if err == io.EOF {
			break
		}
		must(t, err)
		count++
		if line != count+1 {
			t.Fatalf("line %d for data row %d", line, count)
		}
		last = cells
		if count%1000 == 0 {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
		}
	}
	must(t, r.Close())
	runtime.ReadMemStats(&ms)
	peak = max(peak, ms.HeapInuse)
	t.Logf("%d rows, file %.1f MB, read in %v; HeapInuse before %.1f MB, peak %.1f MB (+%.1f MB)",
		count, float64(fi.Size())/1e6, time.Since(start).Round(time.Millisecond),
		float64(before)/1e6, float64(peak)/1e6, float64(peak-before)/1e6)
	if count != n {
		t.Errorf("read %d rows, want %d", count, n)
	}
	wantLast := []string{fmt.Sprintf("3204%012d", n), fmt.Sprintf("Warga Nomor %d", n),
		"Jalan Kenari No. 0 – RT 00 RW 00, Desa Sukamaju", serialToDate(fmt.Sprint(30000+n%20000), false), fmt.Sprint(n * 1000)}
	if !reflect.DeepEqual(last, wantLast) {
		t.Errorf("last row = %q, want %q", last, wantLast)
	}
	if grow := peak - before; grow > maxHeapGrowth {
		t.Errorf("heap grew by %d MB while streaming", grow>>20)
	}
}

// FuzzXLSXReader writes arbitrary bytes to a file and opens it: Open must
// fail cleanly or yield rows with increasing line numbers, never panic.
func FuzzXLSXReader(f *testing.F) {
	seed := excelize.NewFile()
	ddmm := "dd/mm/yyyy"
	d, _ := seed.NewStyle(&excelize.Style{CustomNumFmt: &ddmm})
	_ = seed.SetSheetRow("Sheet1", "A1", &[]any{"NIK", "Nama", "Lahir"})
	_ = seed.SetSheetRow("Sheet1", "A2", &[]any{"3204012345670001", "Siti", 45230})
	_ = seed.SetCellStyle("Sheet1", "C2", "C2", d)
	var buf bytes.Buffer
	if _, err := seed.WriteTo(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte("NIK;Nama\r\n1;Siti\r\n"))
	f.Add([]byte{})

	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(dir, "fuzz.xlsx")
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		r, err := Open(p)
		if err != nil {
			return
		}
		defer r.Close()
		last := 0
		for i := 0; i < 10_000; i++ {
			line, _, err := r.Next()
			if err != nil {
				return
			}
			if line <= last {
				t.Fatalf("line %d after %d", line, last)
			}
			last = line
		}
	})
}
