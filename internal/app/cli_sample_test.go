package app

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/berdaya/berdaya/internal/csvio"
)

func TestCLISampleSize(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		// z = 1.6449: n0 = 1.6449²/0.05²·0.21 = 227.27; 227.27/(1 + 226.27/10000) = 222.24 → 223.
		{[]string{"--rate", "0.3", "--precision", "0.05", "--confidence", "0.90", "--population", "10000"}, "223"},
		{[]string{"--rate", "0.3", "--precision", "0.05", "--population", "10000", "--alpha", "1"}, "223"},
		{[]string{"--rate", "0.5", "--precision", "0.05", "--confidence", "0.95"}, "385"},
	} {
		code, out, errOut := run(t, "", append([]string{"sample", "size"}, c.args...)...)
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if code != 0 || lines[len(lines)-1] != c.want {
			t.Errorf("sample size %v = %d %q (stderr %q), want last line %s", c.args, code, out, errOut, c.want)
		}
	}
	for _, args := range [][]string{
		{"--rate", "0.3"}, // no precision
		{"--rate", "30", "--precision", "0.05"},
		{"--rate", "0.3", "--precision", "0.05", "--confidence", "95"},
		{"--rate", "0.3", "--precision", "0.05", "--alpha", "0"},
	} {
		if code, _, errOut := run(t, "", append([]string{"sample", "size"}, args...)...); code != 1 || errOut == "" {
			t.Errorf("sample size %v = %d %q, want an error", args, code, errOut)
		}
	}
}

// writeList writes a member list of n rows in Indonesian Excel's dialect
// (BOM, semicolons, CRLF), with a branch column: 60% Bandung, 30% Garut, 10% Cianjur.
func writeList(t *testing.T, n int) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("\ufeffid;nama;cabang\r\n")
	for i := range n {
		branch := "Bandung"
		switch {
		case i%10 == 9:
			branch = "Cianjur"
		case i%10 >= 6:
			branch = "Garut"
		}
		fmt.Fprintf(&b, "A%04d;Anggota %d;%s\r\n", i, i, branch)
	}
	path := filepath.Join(t.TempDir(), "anggota.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// readOut reads OUT.csv back: header and rows.
func readOut(t *testing.T, path string) ([]string, [][]string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rd, err := csvio.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	if rd.Delimiter() != ';' {
		t.Errorf("OUT.csv delimiter %q, want the input's ';'", rd.Delimiter())
	}
	var rows [][]string
	for {
		_, cells, err := rd.Next()
		if err != nil {
			break
		}
		rows = append(rows, cells)
	}
	return slices.Clone(rd.Header()), rows
}

func TestCLISampleDraw(t *testing.T) {
	in := writeList(t, 100)
	dir := t.TempDir()
	out1, out2, out3 := filepath.Join(dir, "s1.csv"), filepath.Join(dir, "s2.csv"), filepath.Join(dir, "s3.csv")
	code, out, errOut := run(t, "", "sample", "--size", "10", "--seed", "42", in, out1)
	if code != 0 || !strings.HasSuffix(out, "sampled 10 of 100 (reserve 90), seed 42\n") {
		t.Fatalf("sample = %d %q %q", code, out, errOut)
	}
	header, rows := readOut(t, out1)
	if !slices.Equal(header, []string{"id", "nama", "cabang", "sample_order", "status"}) || len(rows) != 100 {
		t.Fatalf("OUT.csv header %q, %d rows", header, len(rows))
	}
	seen := map[string]bool{}
	for i, r := range rows {
		wantStatus := "sample"
		if i >= 10 {
			wantStatus = "reserve"
		}
		if r[3] != fmt.Sprint(i+1) || r[4] != wantStatus || seen[r[0]] || !strings.HasPrefix(r[1], "Anggota ") {
			t.Fatalf("row %d = %q", i, r)
		}
		seen[r[0]] = true
	}
	// Same seed, same file; another seed, another sample.
	run(t, "", "sample", "--size", "10", "--seed", "42", in, out2)
	run(t, "", "sample", "--size", "10", "--seed", "43", in, out3)
	b1, _ := os.ReadFile(out1)
	b2, _ := os.ReadFile(out2)
	b3, _ := os.ReadFile(out3)
	if string(b1) != string(b2) {
		t.Error("the same seed gave a different OUT.csv")
	}
	if string(b1) == string(b3) {
		t.Error("seeds 42 and 43 gave the same OUT.csv")
	}
}

func TestCLISampleStratified(t *testing.T) {
	in := writeList(t, 100)
	out := filepath.Join(t.TempDir(), "s.csv")
	// Proportional: 20 of 60/30/10 → 12/6/2.
	code, stdout, errOut := run(t, "", "sample", "--size", "20", "--seed", "7", "--strata", "Cabang", in, out)
	want := "stratum Bandung: 12 of 60\nstratum Cianjur: 2 of 10\nstratum Garut: 6 of 30\nsampled 20 of 100 (reserve 80), seed 7\n"
	if code != 0 || stdout != want {
		t.Fatalf("stratified = %d %q %q, want %q", code, stdout, errOut, want)
	}
	_, rows := readOut(t, out)
	if got := countSampled(rows); got["Bandung"] != 12 || got["Garut"] != 6 || got["Cianjur"] != 2 {
		t.Errorf("sampled per branch = %v", got)
	}
	// Equal: 21 → 7 each.
	code, stdout, _ = run(t, "", "sample", "--size", "21", "--seed", "7", "--strata", "cabang", "--allocation", "equal", in, out)
	_, rows = readOut(t, out)
	if got := countSampled(rows); code != 0 || got["Bandung"] != 7 || got["Garut"] != 7 || got["Cianjur"] != 7 {
		t.Errorf("equal = %d %q, per branch %v", code, stdout, got)
	}
}

func countSampled(rows [][]string) map[string]int {
	got := map[string]int{}
	for _, r := range rows {
		if r[4] == "sample" {
			got[r[2]]++
		}
	}
	return got
}

func TestCLISampleCensusAndErrors(t *testing.T) {
	in := writeList(t, 5)
	out := filepath.Join(t.TempDir(), "s.csv")
	code, stdout, errOut := run(t, "", "sample", "--census", in, out)
	if code != 0 || stdout != "sampled 5 of 5 (census)\n" {
		t.Errorf("census = %d %q %q", code, stdout, errOut)
	}
	code, stdout, _ = run(t, "", "sample", "--size", "9", "--seed", "1", in, out)
	if code != 0 || !strings.Contains(stdout, "sampled 5 of 5 (census") {
		t.Errorf("size > N = %d %q", code, stdout)
	}
	// A comma file with a short row is fine too.
	comma := filepath.Join(t.TempDir(), "comma.csv")
	os.WriteFile(comma, []byte("id,name\n1,a\n2\n3,c\n"), 0o644)
	if code, stdout, errOut := run(t, "", "sample", "--size", "2", "--seed", "1", comma, out); code != 0 || !strings.Contains(stdout, "sampled 2 of 3") {
		t.Errorf("comma file = %d %q %q", code, stdout, errOut)
	}
	already := filepath.Join(t.TempDir(), "already.csv")
	os.WriteFile(already, []byte("id;Status\n1;x\n"), 0o644)
	for name, args := range map[string][]string{
		"no size":          {"--seed", "1", in, out},
		"no seed":          {"--size", "2", in, out},
		"size 0":           {"--size", "0", "--seed", "1", in, out},
		"unknown column":   {"--size", "2", "--seed", "1", "--strata", "desa", in, out},
		"bad allocation":   {"--size", "2", "--seed", "1", "--strata", "cabang", "--allocation", "optimal", in, out},
		"allocation alone": {"--size", "2", "--seed", "1", "--allocation", "equal", in, out},
		"missing file":     {"--size", "2", "--seed", "1", filepath.Join(t.TempDir(), "none.csv"), out},
		"out is in":        {"--size", "2", "--seed", "1", in, in},
		"has status":       {"--size", "1", "--seed", "1", already, out},
		"one argument":     {"--size", "2", "--seed", "1", in},
	} {
		if code, _, errOut := run(t, "", append([]string{"sample"}, args...)...); code != 1 || errOut == "" {
			t.Errorf("%s: exit %d, stderr %q; want an error", name, code, errOut)
		}
	}
	if b, _ := os.ReadFile(in); !strings.HasPrefix(string(b), "\ufeffid;nama;cabang") {
		t.Error("IN.csv was changed")
	}
}
