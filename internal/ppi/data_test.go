package ppi_test

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/berdaya/berdaya/internal/ppi"
)

// The scorecard tables are IPA's and are not in this repository; tests read
// them from the shared data folder beside the repository (../shared, seen
// from the repository root; this package is three levels below that).
const dataDir = "../../../shared/data/ppi"

// editions are the four Indonesian cards in the CSV form.
var editions = []string{"2009", "2012", "2020", "2023"}

// needData returns the data folder or skips the test when it is absent.
func needData(t *testing.T) string {
	t.Helper()
	if _, err := os.Stat(filepath.Join(dataDir, "SOURCES.md")); err != nil {
		t.Skipf("PPI scorecard data not found at %s (relative to internal/ppi): the tables are IPA's and are not committed; put Indonesia's CSV files and workbooks in ../shared/data/ppi to run this test", dataDir)
	}
	return dataDir
}

func scorecardPath(dir, year string) string {
	return filepath.Join(dir, "idn_"+year+"_scorecard.csv")
}

// loadCSV imports an edition through the CSV form.
func loadCSV(t *testing.T, year string) ppi.Scorecard {
	t.Helper()
	dir := needData(t)
	card, err := ppi.ReadFile(scorecardPath(dir, year), "")
	if err != nil {
		t.Fatalf("import %s CSV: %v", year, err)
	}
	return card
}

// rawCSV reads a CSV file as a header and records, independently of the
// importer, to serve as the oracle.
func rawCSV(t *testing.T, path string) ([]string, [][]string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs[0], recs[1:]
}

// publishedLookup is the look-up file as line -> score -> value, parsed
// straight from the decimal text.
func publishedLookup(t *testing.T, dir, year string) map[string][]float64 {
	t.Helper()
	head, recs := rawCSV(t, filepath.Join(dir, "idn_"+year+"_lookup.csv"))
	out := map[string][]float64{}
	for _, r := range recs {
		score, err := strconv.Atoi(r[0])
		if err != nil {
			t.Fatal(err)
		}
		for i, h := range head[1:] {
			if out[h] == nil {
				out[h] = make([]float64, 101)
			}
			v, err := strconv.ParseFloat(r[i+1], 64)
			if err != nil {
				t.Fatal(err)
			}
			out[h][score] = v
		}
	}
	return out
}

// publishedPoints is the scorecard file as question -> code -> line -> points.
func publishedPoints(t *testing.T, dir, year string, lines []string) map[int]map[string]map[string]int {
	t.Helper()
	head, recs := rawCSV(t, scorecardPath(dir, year))
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	out := map[int]map[string]map[string]int{}
	for _, r := range recs {
		q, _ := strconv.Atoi(r[col["question_no"]])
		if out[q] == nil {
			out[q] = map[string]map[string]int{}
		}
		pts := map[string]int{}
		for _, l := range lines {
			c, ok := col["points_"+l]
			if !ok {
				c = col["points"]
			}
			pts[l], _ = strconv.Atoi(strings.TrimSpace(r[c]))
		}
		out[q][r[col["answer_code"]]] = pts
	}
	return out
}
