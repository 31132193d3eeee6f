package csvio

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"
)

// row is one record as Next returns it.
type row struct {
	line  int
	cells []string
}

// writeFile puts content in a real file, as an upload lands on disk.
func writeFile(t *testing.T, name string, content []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, content, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// readAll opens path and reads every record after the header.
func readAll(t *testing.T, path string) (*Reader, []row) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := NewReader(f)
	if err != nil {
		t.Fatalf("NewReader: %v", err)
	}
	var rows []row
	for {
		line, cells, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("Next: %v", err)
		}
		rows = append(rows, row{line, cells})
	}
	return r, rows
}

func check(t *testing.T, r *Reader, rows []row, delim rune, header []string, want []row) {
	t.Helper()
	if r.Delimiter() != delim {
		t.Errorf("delimiter = %q, want %q", r.Delimiter(), delim)
	}
	if !reflect.DeepEqual(r.Header(), header) {
		t.Errorf("header = %q, want %q", r.Header(), header)
	}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("rows =\n%+v\nwant\n%+v", rows, want)
	}
}

func TestSemicolonBOMCRLF(t *testing.T) {
	content := "\xEF\xBB\xBFNIK;Nama;Tanggal Lahir\r\n" +
		"3204012345670001;Siti Aminah;17/08/1985\r\n" +
		"3204012345670002;Budi;01/01/1990\r\n"
	r, rows := readAll(t, writeFile(t, "a.csv", []byte(content)))
	check(t, r, rows, ';', []string{"NIK", "Nama", "Tanggal Lahir"}, []row{
		{2, []string{"3204012345670001", "Siti Aminah", "17/08/1985"}},
		{3, []string{"3204012345670002", "Budi", "01/01/1990"}},
	})
}

func TestComma(t *testing.T) {
	content := "NIK,Nama,Alamat\n3204012345670001,Siti,\"Jl. Kenari, No. 5\"\n"
	r, rows := readAll(t, writeFile(t, "a.csv", []byte(content)))
	check(t, r, rows, ',', []string{"NIK", "Nama", "Alamat"}, []row{
		{2, []string{"3204012345670001", "Siti", "Jl. Kenari, No. 5"}},
	})
}

func TestTab(t *testing.T) {
	content := "NIK\tNama\tPendapatan\n3204012345670001\tSiti\t1.500.000,50\n"
	r, rows := readAll(t, writeFile(t, "a.txt", []byte(content)))
	check(t, r, rows, '\t', []string{"NIK", "Nama", "Pendapatan"}, []row{
		{2, []string{"3204012345670001", "Siti", "1.500.000,50"}},
	})
}

// A quoted field may hold the delimiter and line breaks; the next record's
// line number must still be where it starts in the file.
func TestQuotedDelimiterAndNewline(t *testing.T) {
	content := "Nama;Alamat;Catatan\r\n" +
		"Siti;\"Jl. Kenari; RT 01\r\nRW 02\r\nDesa Sukamaju\";ok\r\n" +
		"Budi;\"kata \"\"pak\"\" RT\";\r\n" +
		"Ani;Jl. Mawar;\"baris\nkedua\"\r\n" +
		"Dewi;Jl. Melati;x\r\n"
	r, rows := readAll(t, writeFile(t, "a.csv", []byte(content)))
	check(t, r, rows, ';', []string{"Nama", "Alamat", "Catatan"}, []row{
		{2, []string{"Siti", "Jl. Kenari; RT 01\nRW 02\nDesa Sukamaju", "ok"}},
		{5, []string{"Budi", "kata \"pak\" RT", ""}},
		{6, []string{"Ani", "Jl. Mawar", "baris\nkedua"}},
		{8, []string{"Dewi", "Jl. Melati", "x"}},
	})
}

// A header with a quoted field holding ';' and ',' counts only what is
// outside the quotes.
func TestHeaderQuotesIgnoredWhenSniffing(t *testing.T) {
	content := "\"Nama; lengkap\",\"Alamat; RT; RW\",Umur\nSiti,Jl. Kenari,40\n"
	r, rows := readAll(t, writeFile(t, "a.csv", []byte(content)))
	check(t, r, rows, ',', []string{"Nama; lengkap", "Alamat; RT; RW", "Umur"}, []row{
		{2, []string{"Siti", "Jl. Kenari", "40"}},
	})
}

func TestWindows1252(t *testing.T) {
	// 0x96 is the en dash and 0xE9 is "é" in Windows-1252; neither is valid
	// UTF-8 on its own, as old Excel on Indonesian Windows writes them.
	content := []byte("Nama;Alamat\r\n" +
		"Caf\xE9 Melati;Jalan Kenari No. 5 \x96 RT 01\r\n" +
		"Budi;Jalan Mawar \xE2\x80\x93 RT 02\r\n") // UTF-8 en dash in the same file
	r, rows := readAll(t, writeFile(t, "a.csv", content))
	check(t, r, rows, ';', []string{"Nama", "Alamat"}, []row{
		{2, []string{"Café Melati", "Jalan Kenari No. 5 – RT 01"}},
		{3, []string{"Budi", "Jalan Mawar – RT 02"}},
	})
}

func TestEmptyRowsSkipped(t *testing.T) {
	content := "\r\n\r\nNIK;Nama\r\n" +
		"1;A\r\n" +
		";\r\n" +
		"\r\n" +
		" ; \t \r\n" +
		"\"\";\"\"\r\n" +
		"2;B\r\n" +
		";;;\r\n"
	r, rows := readAll(t, writeFile(t, "a.csv", []byte(content)))
	check(t, r, rows, ';', []string{"NIK", "Nama"}, []row{
		{4, []string{"1", "A"}},
		{9, []string{"2", "B"}},
	})
}

func TestRaggedRows(t *testing.T) {
	content := "A;B;C\n1\n1;2;3;4;5\n1;2\n"
	r, rows := readAll(t, writeFile(t, "a.csv", []byte(content)))
	check(t, r, rows, ';', []string{"A", "B", "C"}, []row{
		{2, []string{"1"}},
		{3, []string{"1", "2", "3", "4", "5"}},
		{4, []string{"1", "2"}},
	})
}

func TestLazyQuotes(t *testing.T) {
	content := "Nama;Julukan\nSiti;Si \"Ani\" kecil\nBudi;\"tidak ditutup\n"
	r, rows := readAll(t, writeFile(t, "a.csv", []byte(content)))
	check(t, r, rows, ';', []string{"Nama", "Julukan"}, []row{
		{2, []string{"Siti", "Si \"Ani\" kecil"}},
		{3, []string{"Budi", "tidak ditutup\n"}},
	})
}

// Excel writes and honours a "sep=;" first line; it names the delimiter and
// still counts as line 1.
func TestSepDirective(t *testing.T) {
	content := "\xEF\xBB\xBFsep=;\r\nNama,Gelar;Umur\r\nSiti, S.Pd.;40\r\n"
	r, rows := readAll(t, writeFile(t, "a.csv", []byte(content)))
	check(t, r, rows, ';', []string{"Nama,Gelar", "Umur"}, []row{
		{3, []string{"Siti, S.Pd.", "40"}},
	})
}

// Excel's "Unicode Text" export is UTF-16LE with a BOM, tab-separated.
func TestUTF16(t *testing.T) {
	enc := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder()
	content, err := enc.Bytes([]byte("NIK\tNama\r\n3204012345670001\tCafé – Siti\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	r, rows := readAll(t, writeFile(t, "a.txt", content))
	check(t, r, rows, '\t', []string{"NIK", "Nama"}, []row{
		{2, []string{"3204012345670001", "Café – Siti"}},
	})
}

func TestNoHeader(t *testing.T) {
	for _, content := range []string{"", "\xEF\xBB\xBF", "\r\n\r\n", ";;\r\n;\r\n"} {
		_, err := NewReader(strings.NewReader(content))
		if !errors.Is(err, ErrNoHeader) {
			t.Errorf("%q: err = %v, want ErrNoHeader", content, err)
		}
	}
}

// An unclosed quote must not swallow the rest of a big file into memory.
func TestRecordTooLong(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("Nama;Alamat\n")
	b.WriteString("Siti;Jl. Kenari\n")
	b.WriteString("Budi;\"Jl. Mawar tanpa tutup\n")
	for b.Len() < MaxRecordBytes+(1<<20) {
		b.WriteString("Ani;Jl. Melati No. 1234567890\n")
	}
	r, err := NewReader(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	line, _, err := r.Next()
	if err != nil || line != 2 {
		t.Fatalf("first row: line %d, err %v", line, err)
	}
	_, _, err = r.Next()
	if !errors.Is(err, ErrRecordTooLong) {
		t.Fatalf("err = %v, want ErrRecordTooLong", err)
	}
	if !strings.Contains(err.Error(), "line 2") {
		t.Errorf("error %q should name the last good line", err)
	}
}

func TestDelimiterOf(t *testing.T) {
	for _, tc := range []struct {
		line string
		want rune
	}{
		{"NIK;Nama;Alamat", ';'},
		{"NIK,Nama,Alamat", ','},
		{"NIK\tNama\tAlamat", '\t'},
		{"NIK", ','},
		{"", ','},
		{"Nama;Alamat, RT", ';'},           // tie: Indonesian Excel wins
		{"\"a,b,c\";d", ';'},               // commas inside quotes do not count
		{"a,b,c;d", ','},                   // majority
		{"a\tb,c", '\t'},                   // tie between tab and comma
		{"\"unclosed;a,b", ','},            // everything after an open quote is inside it
		{"Nama\tUmur;Tahun\tAlamat", '\t'}, // majority tab
	} {
		if got := DelimiterOf(tc.line); got != tc.want {
			t.Errorf("DelimiterOf(%q) = %q, want %q", tc.line, got, tc.want)
		}
	}
}

// The writer's output opens in Excel as UTF-8 and reads back unchanged, both
// through Reader and through plain encoding/csv.
func TestWriterRoundTrip(t *testing.T) {
	records := [][]string{
		{"NIK", "Nama", "Alamat", "Catatan"},
		{"3204012345670001", "Café Melati", "Jalan Kenari No. 5 – RT 01", "ada \"kutip\""},
		{"0012345678901234", "Budi; S.Pd.", "baris satu\nbaris dua", ""},
		{"3204012345670003", " spasi ", "", "x"},
	}
	for _, delim := range []rune{';', ',', '\t'} {
		p := filepath.Join(t.TempDir(), "out.csv")
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		w := NewWriter(f, delim)
		for _, rec := range records {
			if err := w.Write(rec); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}

		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(raw, utf8BOM) {
			t.Errorf("%q: no BOM", delim)
		}
		if !bytes.Contains(raw, []byte("\r\n")) {
			t.Errorf("%q: no CRLF", delim)
		}

		cr := csv.NewReader(bytes.NewReader(raw[len(utf8BOM):]))
		cr.Comma = delim
		got, err := cr.ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, records) {
			t.Errorf("%q: encoding/csv read %q", delim, got)
		}

		r, rows := readAll(t, p)
		check(t, r, rows, delim, records[0], []row{
			{2, records[1]},
			{3, records[2]},
			{5, records[3]},
		})
	}
}

func TestWriterInvalidDelimiter(t *testing.T) {
	var b bytes.Buffer
	w := NewWriter(&b, '"')
	if err := w.Write([]string{"a"}); err == nil {
		t.Error("a quote as delimiter must be refused")
	}
}

func TestEmptyWriterStillHasBOM(t *testing.T) {
	var b bytes.Buffer
	if err := NewWriter(&b, ';').Flush(); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), utf8BOM) {
		t.Errorf("got %q", b.Bytes())
	}
}

// FuzzCSVReader feeds arbitrary bytes: the reader must never panic, every
// returned cell must be valid UTF-8, and line numbers must increase.
func FuzzCSVReader(f *testing.F) {
	for _, s := range []string{
		"\xEF\xBB\xBFNIK;Nama\r\n1;Siti\r\n",
		"a,b\n\"x,\ny\",z\n",
		"a\tb\n1\t2\n",
		"sep=;\na;b\n1;2\n",
		"Nama;Alamat\nCaf\xE9;Jl \x96 1\n",
		"\xFF\xFEa\x00;\x00b\x00\n\x001\x00;\x002\x00",
		"\"unclosed;a\nb;c\n",
		"",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := NewReader(bytes.NewReader(data))
		if err != nil {
			return
		}
		for _, c := range r.Header() {
			if !utf8.ValidString(c) {
				t.Fatalf("header cell %q is not UTF-8", c)
			}
		}
		last := 0
		for {
			line, cells, err := r.Next()
			if err != nil {
				return
			}
			if line <= last {
				t.Fatalf("line %d after %d", line, last)
			}
			last = line
			blank := true
			for _, c := range cells {
				if !utf8.ValidString(c) {
					t.Fatalf("cell %q is not UTF-8", c)
				}
				if strings.TrimSpace(c) != "" {
					blank = false
				}
			}
			if blank {
				t.Fatalf("blank row returned at line %d: %q", line, cells)
			}
		}
	})
}
