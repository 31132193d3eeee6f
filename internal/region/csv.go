package region

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// SourceFiles are the CSV files of an idn-area-data release, top level first.
// Each has a header; the first column is the code and the last the name.
var SourceFiles = []string{"provinces.csv", "regencies.csv", "districts.csv", "villages.csv"}

// ReadCSVDir reads an idn-area-data data folder (its four CSV files) and checks
// that every code is well formed, sits at the right level and has a known parent.
func ReadCSVDir(dir string) ([]Region, error) {
	var all []Region
	known := map[string]bool{"": true}
	for i, name := range SourceFiles {
		rows, err := readCSV(filepath.Join(dir, name))
		if err != nil {
			return nil, err
		}
		for n, row := range rows {
			r, err := regionFromRow(row, Levels[i])
			if err != nil {
				return nil, fmt.Errorf("%s row %d: %w", name, n+2, err)
			}
			if !known[r.Parent] {
				return nil, fmt.Errorf("%s row %d: parent %q of %s is unknown", name, n+2, r.Parent, r.Code)
			}
			known[r.Code] = true
			all = append(all, r)
		}
	}
	return all, nil
}

func readCSV(path string) ([][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rd := csv.NewReader(f)
	rd.FieldsPerRecord = -1
	if _, err := rd.Read(); err != nil { // header
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var rows [][]string
	for {
		row, err := rd.Read()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		rows = append(rows, row)
	}
}

func regionFromRow(row []string, want Level) (Region, error) {
	if len(row) < 2 {
		return Region{}, fmt.Errorf("expected code and name, got %d columns", len(row))
	}
	code, err := NormalizeCode(row[0])
	if err != nil {
		return Region{}, fmt.Errorf("bad code %q", row[0])
	}
	r := New(code, row[len(row)-1])
	if r.Level != want {
		return Region{}, fmt.Errorf("code %s is a %s, expected a %s", code, r.Level, want)
	}
	if r.Name == "" {
		return Region{}, fmt.Errorf("code %s has no name", code)
	}
	return r, nil
}
