package app

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// cardColumn reads, from the shared CSV form, each question's answer codes in
// order and the points of every answer on one line, and the look-up column of
// that line: an oracle for the CLI that shares no code with internal/ppi.
func cardColumn(t *testing.T, year, line string) (map[int][]string, map[string]int, []float64) {
	t.Helper()
	read := func(name string) [][]string {
		f, err := os.Open(filepath.Join(ppiData, name))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, err := csv.NewReader(f).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return rows
	}
	card := read("idn_" + year + "_scorecard.csv")
	col := func(header []string, name string) int {
		for i, h := range header {
			if h == name {
				return i
			}
		}
		t.Fatalf("no column %s", name)
		return -1
	}
	pc := col(card[0], "points_"+line)
	codes, points := map[int][]string{}, map[string]int{}
	for _, r := range card[1:] {
		q, _ := strconv.Atoi(r[0])
		codes[q] = append(codes[q], r[2])
		points[r[0]+r[2]], _ = strconv.Atoi(r[pc])
	}
	lookup := read("idn_" + year + "_lookup.csv")
	lc := col(lookup[0], line)
	likelihood := make([]float64, 101)
	for _, r := range lookup[1:] {
		s, _ := strconv.Atoi(r[0])
		likelihood[s], _ = strconv.ParseFloat(r[lc], 64)
	}
	return codes, points, likelihood
}

// TestCLIPPIEstimate scores four households on the 2023 card's national line
// and checks the rate and interval against a hand computation from the CSV
// tables; then a census (no sampling error), strata, --out, and a bad row.
func TestCLIPPIEstimate(t *testing.T) {
	if _, err := os.Stat(filepath.Join(ppiData, "SOURCES.md")); err != nil {
		t.Skipf("PPI scorecard data not found at %s: IPA's tables are not committed", ppiData)
	}
	t.Setenv("BERDAYA_LANG", "en")
	dir := t.TempDir()
	source := filepath.Join(dir, "berdaya.db")
	if code, _, errOut := run(t, "", "users", "add", "--db", source, "--username", "admin", "--password", "rahasia-123", "--role", "admin"); code != 0 {
		t.Fatal(errOut)
	}
	if code, _, errOut := run(t, "", "ppi", "import", "--db", source, filepath.Join(ppiData, "idn_2023_scorecard.csv")); code != 0 {
		t.Fatal(errOut)
	}
	codes, points, lookup := cardColumn(t, "2023", "nl100")
	// Household h answers question q with its (h+q) mod k-th code.
	var lines []string
	want := []float64{}
	header := "id;q1;q2;q3;q4;q5;q6;q7;q8;q9;q10;stratum"
	for h := range 4 {
		cells, total := []string{fmt.Sprintf("rt%d", h+1)}, 0
		for q := 1; q <= 10; q++ {
			c := codes[q][(h+q)%len(codes[q])]
			cells = append(cells, strings.ToLower(c)) // codes in any case
			total += points[strconv.Itoa(q)+c]
		}
		want = append(want, lookup[min(total, 100)]/100)
		lines = append(lines, strings.Join(append(cells, []string{"kota", "desa"}[h%2]), ";"))
	}
	answers := filepath.Join(dir, "jawaban.csv")
	os.WriteFile(answers, []byte(header+"\n"+strings.Join(lines, "\n")+"\n"), 0o644)

	p := (want[0] + want[1] + want[2] + want[3]) / 4
	z := 1.6448536269514722
	se := math.Sqrt(p * (1 - p) / 4)
	var got estimateLine
	estimateRun := func(extra ...string) {
		t.Helper()
		args := append([]string{"ppi", "estimate", "--db", source, "--scorecard", "IDN 2023", "--line", "nl100"}, extra...)
		code, out, errOut := run(t, "", append(args, answers)...)
		outLines := strings.Split(strings.TrimSpace(out), "\n")
		if code != 0 || json.Unmarshal([]byte(outLines[len(outLines)-1]), &got) != nil {
			t.Fatalf("%v = %d %q %q", extra, code, out, errOut)
		}
	}
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-12 }
	// Without strata: drop the column by naming it otherwise.
	os.WriteFile(answers, []byte(strings.Replace(header, "stratum", "catatan", 1)+"\n"+strings.Join(lines, "\n")+"\n"), 0o644)
	estimateRun()
	if got.N != 4 || got.Line != "nl100" || !near(got.Rate, p) || !near(got.Low, max(0, p-z*se)) || !near(got.High, min(1, p+z*se)) || got.Confidence != 0.90 {
		t.Errorf("estimate = %+v, want rate %v ± %v", got, p, z*se)
	}
	estimateRun("--population", "4") // a census: no sampling error
	if !near(got.Low, p) || !near(got.High, p) {
		t.Errorf("census = %+v", got)
	}
	out := filepath.Join(dir, "skor.csv")
	os.WriteFile(answers, []byte(header+"\n"+strings.Join(lines, "\n")+"\n"), 0o644)
	estimateRun("--out", out, "--confidence", "0.95")
	// Two strata of two, weighted by their sample shares: the plain mean again.
	if got.N != 4 || !near(got.Rate, p) || got.Confidence != 0.95 || got.High <= got.Rate {
		t.Errorf("stratified = %+v", got)
	}
	raw, _ := os.ReadFile(out)
	rows := strings.Split(strings.ReplaceAll(strings.TrimSpace(strings.TrimPrefix(string(raw), "\ufeff")), "\r", ""), "\n")
	if len(rows) != 5 || !strings.HasSuffix(rows[0], ";score;likelihood") || !strings.HasSuffix(rows[1], ";"+strconv.FormatFloat(want[0], 'f', -1, 64)) {
		t.Errorf("--out file:\n%s", raw)
	}
	// A wrong code: the row and column are named, nothing is estimated.
	bad := strings.Replace(lines[2], ";", ";z", 2)
	os.WriteFile(answers, []byte(header+"\n"+lines[0]+"\n"+lines[1]+"\n"+bad+"\n"), 0o644)
	code, stdout, errOut := run(t, "", "ppi", "estimate", "--db", source, "--scorecard", "IDN 2023", "--line", "nl100", answers)
	if code == 0 || stdout != "" || !strings.Contains(errOut, "row 4") || !strings.Contains(errOut, "q1") {
		t.Errorf("bad row = %d %q %q", code, stdout, errOut)
	}
}
