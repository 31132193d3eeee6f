package app

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/berdaya/berdaya/internal/csvio"
	"github.com/berdaya/berdaya/internal/dbtest"
	"github.com/xuri/excelize/v2"
)

// cliMessyCSV is a clerk's file: BOM, semicolons, CRLF, headers in their own
// words, an apostrophe-prefixed NIK, a ".0" NIK, a NIK Excel turned into
// scientific notation and a row with an impossible date in an unknown village.
const cliMessyCSV = "\ufeffNIK;No. KK;Nama Lengkap;Jenis Kelamin;Tgl Lahir;Hubungan;Kode Desa;Alamat\r\n" +
	"'3204054107850003;3204051203100007;Siti Aminah;Perempuan;01-07-1985;Istri;3204052001;Jl. Melati 5\r\n" +
	"3204051505800001.0;3204051203100007;Budi Santoso;L;1980-05-15;Kepala Keluarga;32.04.05.2001;Jl. Melati 5\r\n" +
	"3.20405E+15;3204051203100007;Rusak Excel;L;01/01/1990;anak;3204052001;\r\n" +
	"3204050101100002;3204051203100007;Ani;P;31/02/2010;anak;3204059999;\r\n"

// cliMessyReport is the English error report of cliMessyCSV.
var cliMessyReport = [][]string{
	{"Line", "Column", "Value", "Reason"},
	{"4", "NIK", "3.20405E+15", "The number is in scientific notation (e.g. 3.20401E+15), so some of its digits are lost. Retype it from the card, and format the column as Text in Excel before filling it in."},
	{"5", "Tgl Lahir", "31/02/2010", "Unreadable date; write dd/mm/yyyy, e.g. 17/08/1985."},
	{"5", "Kode Desa", "3204059999", "No village has this code."},
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return lines[len(lines)-1]
}

func TestCLIImportPersons(t *testing.T) {
	t.Setenv("BERDAYA_LANG", "")
	for _, d := range dbtest.Dialects() {
		t.Run(string(d), func(t *testing.T) {
			source := dbtest.Source(t, d)
			dir := t.TempDir()
			file := filepath.Join(dir, "data desa.csv")
			if err := os.WriteFile(file, []byte(cliMessyCSV), 0o644); err != nil {
				t.Fatal(err)
			}
			// Without an organisation there is nobody to import for.
			code, _, errOut := run(t, "", "import", "persons", file, "--db", source)
			if code != 1 || !strings.Contains(errOut, "no organisation") {
				t.Errorf("import on a database without users = %d %q", code, errOut)
			}
			if code, _, errOut := run(t, "", "users", "add", "--db", source, "--username", "admin", "--password", "rahasia-123", "--role", "admin"); code != 0 {
				t.Fatal(errOut)
			}

			code, out, errOut := run(t, "", "import", "persons", file, "--db", source)
			if code != 0 || lastLine(out) != "imported 2, updated 0, unchanged 0, rejected 2" {
				t.Fatalf("import = %d %q (stderr %q)", code, out, errOut)
			}
			reportPath := filepath.Join(dir, "data desa-errors.csv")
			if !strings.Contains(errOut, reportPath) {
				t.Errorf("stderr does not name the report %s: %q", reportPath, errOut)
			}
			raw, err := os.ReadFile(reportPath)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(raw, []byte("\ufeffLine;Column;Value;Reason\r\n")) ||
				!bytes.Contains(raw, []byte("\r\n5;Tgl Lahir;31/02/2010;\"Unreadable date; write dd/mm/yyyy, e.g. 17/08/1985.\"\r\n")) {
				t.Errorf("report is not Excel's CSV dialect:\n%q", raw)
			}
			rd, err := csvio.NewReader(bytes.NewReader(raw))
			if err != nil {
				t.Fatal(err)
			}
			got := [][]string{rd.Header()}
			for {
				_, cells, err := rd.Next()
				if err != nil {
					break
				}
				got = append(got, cells)
			}
			checkRows(t, "CSV report", got, cliMessyReport)

			// Again, with the report as a workbook: nothing new.
			xlsxPath := filepath.Join(dir, "kesalahan.xlsx")
			code, out, errOut = run(t, "", "import", "persons", file, "--db", source, "--errors", xlsxPath)
			if code != 0 || lastLine(out) != "imported 0, updated 0, unchanged 2, rejected 2" {
				t.Fatalf("re-import = %d %q (stderr %q)", code, out, errOut)
			}
			wb, err := excelize.OpenFile(xlsxPath)
			if err != nil {
				t.Fatal(err)
			}
			defer wb.Close()
			xrows, err := wb.GetRows(wb.GetSheetName(0))
			if err != nil {
				t.Fatal(err)
			}
			checkRows(t, "XLSX report", xrows, cliMessyReport)

			// A changed row updates its person.
			changed := strings.Replace(cliMessyCSV, "Budi Santoso", "Budi Santosa", 1)
			if err := os.WriteFile(file, []byte(changed), 0o644); err != nil {
				t.Fatal(err)
			}
			code, out, errOut = run(t, "", "import", "persons", file, "--db", source)
			if code != 0 || lastLine(out) != "imported 0, updated 1, unchanged 1, rejected 2" {
				t.Errorf("changed import = %d %q (stderr %q)", code, out, errOut)
			}
			// A file the importer cannot use is an error, not a silent zero.
			bad := filepath.Join(dir, "tanpa-kolom.csv")
			os.WriteFile(bad, []byte("nama;alamat\r\nSiti;Jl. Melati\r\n"), 0o644)
			code, out, errOut = run(t, "", "import", "persons", bad, "--db", source)
			if code != 1 || out != "" || !strings.Contains(errOut, "nik") {
				t.Errorf("import without required columns = %d %q %q", code, out, errOut)
			}
		})
	}
}

func checkRows(t *testing.T, what string, got, want [][]string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d rows, want %d: %q", what, len(got), len(want), got)
		return
	}
	for i := range want {
		if !slices.Equal(got[i], want[i]) {
			t.Errorf("%s row %d = %q, want %q", what, i, got[i], want[i])
		}
	}
}

func TestCLINIKCheck(t *testing.T) {
	t.Setenv("BERDAYA_LANG", "")
	for _, d := range dbtest.Dialects() {
		t.Run(string(d), func(t *testing.T) { nikCheck(t, dbtest.Source(t, d)) })
	}
}

func nikCheck(t *testing.T, source string) {
	code, out, errOut := run(t, "", "nik", "check", "3204054107850003", "--db", source)
	if code != 0 {
		t.Fatalf("nik check = %d %q %q", code, out, errOut)
	}
	var rep struct {
		Valid     bool              `json:"valid"`
		NIK       string            `json:"nik"`
		Province  map[string]string `json:"province"`
		Regency   map[string]string `json:"regency"`
		District  map[string]string `json:"district"`
		BirthDate string            `json:"birth_date"`
		Sex       string            `json:"sex"`
		Serial    string            `json:"serial"`
		Warnings  []string          `json:"warnings"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("nik check output is not JSON: %v\n%s", err, out)
	}
	if !rep.Valid || rep.NIK != "3204054107850003" || rep.Province["code"] != "32" || rep.Province["name"] != "Jawa Barat" ||
		rep.Regency["code"] != "32.04" || rep.District["code"] != "32.04.05" || rep.District["name"] == "" ||
		rep.BirthDate != "1985-07-01" || rep.Sex != "P" || rep.Serial != "0003" || rep.Warnings == nil || len(rep.Warnings) != 0 {
		t.Errorf("nik check = %+v", rep)
	}

	code, out, _ = run(t, "", "nik", "check", "3.20401E+15", "--db", source)
	var bad map[string]any
	if err := json.Unmarshal([]byte(out), &bad); err != nil {
		t.Fatalf("nik check (bad) output is not JSON: %v\n%s", err, out)
	}
	if code != 1 || bad["valid"] != false || bad["error"] != "id.err.scientific" || !strings.Contains(bad["message"].(string), "scientific") {
		t.Errorf("nik check 3.20401E+15 = %d %v", code, bad)
	}
}

var demoLine = regexp.MustCompile(`^imported (\d+), updated (\d+), unchanged (\d+), rejected (\d+)$`)

func TestCLIDemo(t *testing.T) {
	for _, d := range dbtest.Dialects() {
		t.Run(string(d), func(t *testing.T) {
			source := dbtest.Source(t, d)
			code, out, errOut := run(t, "", "demo", "--households", "50", "--db", source)
			m := demoLine.FindStringSubmatch(lastLine(out))
			if code != 0 || m == nil || !strings.Contains(errOut, DemoOrg) || !strings.Contains(errOut, DemoPassword) {
				t.Fatalf("demo = %d %q (stderr %q)", code, out, errOut)
			}
			imported, _ := strconv.Atoi(m[1])
			if imported <= 100 || m[2] != "0" || m[3] != "0" || m[4] != "0" {
				t.Errorf("demo imported %q, want more than 100 new persons and nothing else", m[0])
			}
			code, out, errOut = run(t, "", "demo", "--households", "50", "--db", source)
			want := "imported 0, updated 0, unchanged " + m[1] + ", rejected 0"
			if code != 0 || lastLine(out) != want || strings.Contains(errOut, "created") {
				t.Errorf("demo again = %d %q (stderr %q), want %q", code, out, errOut, want)
			}
			code, out, _ = run(t, "", "users", "list", "--db", source)
			if code != 0 || !strings.Contains(out, DemoUser) {
				t.Errorf("users list after demo = %d %q", code, out)
			}
		})
	}
}
