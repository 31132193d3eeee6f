package pdf

import (
	"bytes"
	"fmt"
	"github.com/berdaya/berdaya/internal/pdf/pdftext"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/text/encoding/charmap"
)

// fixed is the creation date of every test document, for repeatable bytes.
var fixed = time.Date(2026, 11, 22, 7, 5, 0, 0, time.UTC)

// halaman is the Indonesian page label a caller would take from its catalogue.
func halaman(page, total int) string { return fmt.Sprintf("Halaman %d dari %d", page, total) }

// render writes d and returns the file's bytes.
func render(t *testing.T, d *Doc) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := d.Write(&buf); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return buf.Bytes()
}

// pageTexts returns, for each page, the strings its content stream shows,
// still in the cp1252 bytes of the file.
func pageTexts(t *testing.T, file []byte) [][]string {
	t.Helper()
	pages, err := pdftext.RawPages(file)
	if err != nil {
		t.Fatal(err)
	}
	return pages
}

// utf8Text decodes cp1252 text shown in the file back to UTF-8.
func utf8Text(t *testing.T, s string) string {
	t.Helper()
	out, err := charmap.Windows1252.NewDecoder().String(s)
	if err != nil {
		t.Fatalf("decode %q: %v", s, err)
	}
	return out
}

// count is how many shown strings on a page contain sub.
func count(page []string, sub string) int {
	n := 0
	for _, s := range page {
		if strings.Contains(s, sub) {
			n++
		}
	}
	return n
}

// all flattens the pages' strings.
func all(pages [][]string) []string {
	var out []string
	for _, p := range pages {
		out = append(out, p...)
	}
	return out
}

// memberBook builds a sample "Buku Anggota" with rows members, the way the
// groups area will.
func memberBook(rows int, compressed bool) *Doc {
	d := New(Options{
		Title: "Buku Anggota",
		Subtitle: []string{
			"Yayasan Berdaya Nusantara",
			"Kelompok Swadaya Masyarakat \u201cMaju Bersama\u201d",
			"Desa Sukamaju, Kecamatan Cibeunying, Kota Bandung, Provinsi Jawa Barat",
		},
		Author:       "Yayasan Berdaya Nusantara",
		Lang:         "id-ID",
		Footer:       "Dicetak 22/11/2026 14:05 WIB",
		PageLabel:    halaman,
		Created:      fixed,
		Uncompressed: !compressed,
	})
	d.KeyValues([][2]string{
		{"Nama kelompok", "Maju Bersama"},
		{"Tanggal berdiri", "12/03/2021"},
		{"Alamat sekretariat", "Jl. Cempaka No. 7, RT 02/RW 05, Desa Sukamaju"},
	})
	d.Heading("Daftar Anggota")
	d.Paragraph("Daftar ini memuat seluruh anggota kelompok yang tercatat sampai dengan tanggal cetak. " +
		"Setiap perubahan keanggotaan dicatat dalam buku ini dan disahkan oleh pengurus.")
	d.Table(memberColumns(), memberRows(rows))
	d.Signatures("Bandung, 22 November 2026", []Signature{
		{Role: "Ketua", Name: "Siti Rahmawati"},
		{Role: "Sekretaris", Name: "Désirée Ṣāliḥ"},
		{Caption: "Mengetahui,", Role: "Kepala Desa Sukamaju", Name: "H. Ujang Suryana"},
	})
	return d
}

// memberColumns are the columns of the sample member book.
func memberColumns() []Column {
	return []Column{
		{Title: "No.", Width: 0.6, Align: AlignRight},
		{Title: "Nama Lengkap", Width: 3},
		{Title: "Nomor Induk Kependudukan", Width: 2.4, Align: AlignCenter},
		{Title: "Jenis Kelamin", Width: 1.2, Align: AlignCenter},
		{Title: "Alamat", Width: 3.2},
		{Title: "Tanggal Masuk", Width: 1.6, Align: AlignCenter},
	}
}

// memberRows makes n rows; the fifth holds non-cp1252 and cp1252 accents.
func memberRows(n int) [][]string {
	rows := make([][]string, n)
	for i := range rows {
		name := fmt.Sprintf("Anggota %03d", i+1)
		if i == 4 {
			name = "Anggota 005 Désirée Ṣāliḥ – O’Neil"
		}
		sex := "P"
		if i%3 == 0 {
			sex = "L"
		}
		rows[i] = []string{fmt.Sprint(i + 1), name, fmt.Sprintf("3273%012d", 100000+i), sex,
			fmt.Sprintf("Dusun %d, RT %02d/RW %02d", i%4+1, i%9+1, i%5+1), "01/02/2024"}
	}
	return rows
}

func TestMemberBookText(t *testing.T) {
	file := render(t, memberBook(120, false))
	pages := pageTexts(t, file)
	n := len(pages)
	if n < 3 {
		t.Fatalf("120 rows on %d pages, want at least 3", n)
	}
	first := pages[0]
	for _, want := range []string{"Buku Anggota", "Yayasan Berdaya Nusantara", "Desa Sukamaju, Kecamatan Cibeunying"} {
		if count(first, want) == 0 {
			t.Errorf("first page lacks %q", want)
		}
	}
	if count(first, "Kelompok Swadaya Masyarakat \x93Maju Bersama\x94") != 1 {
		t.Errorf("curly quotes not printed as cp1252 0x93/0x94: %q", first)
	}
	text := all(pages)
	for i := 1; i <= 120; i++ {
		if got := count(text, fmt.Sprintf("Anggota %03d", i)); got != 1 {
			t.Errorf("row %d shown %d times, want once", i, got)
		}
	}
	for p, page := range pages {
		if count(page, "Anggota ") > 0 && count(page, "Nama Lengkap") != 1 {
			t.Errorf("page %d has rows but %d header rows", p+1, count(page, "Nama Lengkap"))
		}
		if label := halaman(p+1, n); count(page, label) != 1 {
			t.Errorf("page %d lacks %q", p+1, label)
		}
		if count(page, "Dicetak 22/11/2026 14:05 WIB") != 1 {
			t.Errorf("page %d lacks the footer", p+1)
		}
	}
	if count(pages[1], "Buku Anggota") != 1 {
		t.Errorf("page 2 lacks the running title")
	}
	last := pages[n-1]
	for _, want := range []string{"Bandung, 22 November 2026", "Ketua", "Sekretaris", "Siti Rahmawati",
		"H. Ujang Suryana", "Mengetahui,"} {
		if count(last, want) != 1 {
			t.Errorf("last page lacks signature text %q", want)
		}
	}
}

func TestNonASCIIText(t *testing.T) {
	file := render(t, memberBook(10, false))
	// cp1252: é is 0xE9, the en dash 0x96, the right quote 0x92; Ṣ ā ḥ have
	// no cp1252 glyph and lose their accents.
	want := "Anggota 005 D\xe9sir\xe9e Salih \x96 O\x92Neil"
	for _, part := range []string{"D\xe9sir\xe9e", "Salih", "\x96", "O\x92Neil"} {
		if !bytes.Contains(file, []byte(part)) {
			t.Errorf("file lacks %q", part)
		}
	}
	text := all(pageTexts(t, file))
	if joined := strings.Join(text, " "); strings.Count(joined, want) != 1 {
		t.Errorf("row with accents not shown once (the cell may wrap): %q", joined)
	}
	if got := utf8Text(t, want); got != "Anggota 005 Désirée Salih – O’Neil" {
		t.Errorf("decoded %q", got)
	}
	if count(text, "D\xe9sir\xe9e Salih") != 2 { // the row and the signature
		t.Errorf("signature name with accents missing")
	}
}

func TestLongCellWraps(t *testing.T) {
	words := strings.Repeat("kata panjang sekali ", 25) // 500 characters
	token := strings.Repeat("x", 500)                   // no space to break at
	d := New(Options{Title: "Bungkus", Created: fixed, Uncompressed: true})
	d.Table([]Column{{Title: "No.", Width: 1}, {Title: "Uraian", Width: 4}, {Title: "Kode", Width: 2}},
		[][]string{{"1", words, token}, {"2", "pendek", "ok"}})
	text := all(pageTexts(t, render(t, d)))

	var wordLines, tokenLines []string
	for _, s := range text {
		switch {
		case strings.HasPrefix(s, "kata") || strings.HasPrefix(s, "panjang") || strings.HasPrefix(s, "sekali"):
			wordLines = append(wordLines, s)
		case strings.HasPrefix(s, "x"):
			tokenLines = append(tokenLines, s)
		}
	}
	if len(wordLines) < 4 || strings.TrimSpace(strings.Join(wordLines, " ")) != strings.TrimSpace(words) {
		t.Errorf("words wrapped into %d lines: %q", len(wordLines), wordLines)
	}
	if len(tokenLines) < 4 || strings.Join(tokenLines, "") != token {
		t.Errorf("token wrapped into %d lines", len(tokenLines))
	}
	if count(text, "pendek") != 1 {
		t.Errorf("row after the long row missing")
	}
}

func TestRowTallerThanPage(t *testing.T) {
	long := strings.Repeat("sangat panjang ", 1200) // far more than a page
	d := New(Options{Title: "Panjang", Created: fixed, Uncompressed: true})
	d.Table([]Column{{Title: "Kolom", Width: 1}}, [][]string{{"awal"}, {long}, {"akhir"}})
	pages := pageTexts(t, render(t, d))
	if len(pages) < 2 {
		t.Fatalf("%d pages, want the long row split over several", len(pages))
	}
	var got []string
	for _, s := range all(pages) {
		if strings.HasPrefix(s, "sangat") || strings.HasPrefix(s, "panjang") {
			got = append(got, s)
		}
	}
	if strings.Join(strings.Fields(strings.Join(got, " ")), " ") != strings.TrimSpace(long) {
		t.Errorf("text of the split row changed")
	}
	for p, page := range pages {
		if count(page, "Kolom") != 1 {
			t.Errorf("page %d: header shown %d times", p+1, count(page, "Kolom"))
		}
	}
	if count(pages[len(pages)-1], "akhir") != 1 {
		t.Errorf("row after the split row missing")
	}
}

func TestDefaultPageLabelAndLandscape(t *testing.T) {
	d := New(Options{Orientation: Landscape, Created: fixed, Uncompressed: true})
	d.Paragraph("satu")
	d.PageBreak()
	d.Paragraph("dua")
	file := render(t, d)
	pages := pageTexts(t, file)
	if len(pages) != 2 || count(pages[1], "2/2") != 1 {
		t.Fatalf("pages %q", pages)
	}
	if !bytes.Contains(file, []byte("/MediaBox [0 0 841.89 595.28]")) {
		t.Errorf("not landscape A4")
	}
}

func TestDeterministicAndCompressed(t *testing.T) {
	a, b := render(t, memberBook(30, true)), render(t, memberBook(30, true))
	if !bytes.Equal(a, b) {
		t.Errorf("equal input gave different files")
	}
	plain := render(t, memberBook(30, false))
	if !bytes.HasPrefix(a, []byte("%PDF-")) || len(a) >= len(plain) {
		t.Errorf("compressed %d bytes, uncompressed %d", len(a), len(plain))
	}
	if bytes.Contains(a, []byte("Anggota 001")) {
		t.Errorf("compressed file shows plain text")
	}
}

func TestFold(t *testing.T) {
	enc := newEncoder(fpdf.New("P", "mm", "A4", ""))
	for in, want := range map[string]string{
		"Budi":                "Budi",
		"Ṣāliḥ":               "Salih",
		"Désirée":             "D\xe9sir\xe9e",
		"De\u0301sire\u0301e": "D\xe9sir\xe9e", // decomposed accents
		"a–b’c€":              "a\x96b\x92c\x80",
		"ﬁsik":                "fisik",
		"x\u2212y":            "x-y",
		"中文":                  "??",
		"a\u200bb":            "ab",
	} {
		if got := enc(in); got != want {
			t.Errorf("encode %q = %q, want %q", in, got, want)
		}
	}
}

func TestSample(t *testing.T) {
	path := filepath.Join(t.TempDir(), "buku-anggota.pdf")
	if err := os.WriteFile(path, render(t, memberBook(45, true)), 0o644); err != nil {
		t.Fatal(err)
	}
	checkWithPdftotext(t, path)
	if dir := os.Getenv("BERDAYA_PDF_SAMPLES"); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		data, _ := os.ReadFile(path)
		if err := os.WriteFile(filepath.Join(dir, "buku-anggota.pdf"), data, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("sample written to %s", dir)
	}
}

// checkWithPdftotext reads the compressed sample with poppler's pdftotext,
// an independent reader, when it is installed.
func checkWithPdftotext(t *testing.T, path string) {
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Log("pdftotext not installed; skipping the poppler cross-check")
		return
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	for _, want := range []string{"Buku Anggota", "Anggota 045", "Désirée Salih –", "O’Neil", "Halaman 2 dari"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("pdftotext output lacks %q", want)
		}
	}
}
