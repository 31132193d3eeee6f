package ppi_test

import (
	"path/filepath"
	"reflect"
	"testing"

	"github.com/berdaya/berdaya/internal/ppi"
)

// TestWorkbookMatchesCSV reads IPA's own 2020 and 2023 workbooks and checks
// that they give exactly the card of the CSV form: lines and labels,
// questions, answers, guidance, points per line and every likelihood.
func TestWorkbookMatchesCSV(t *testing.T) {
	for _, c := range []struct{ year, file, name string }{
		{"2020", "indonesia2020.xlsx", "IDN 2020"},
		{"2023", "indonesia2023.xlsx", "IDN 2023"},
	} {
		t.Run(c.year, func(t *testing.T) {
			fromCSV := loadCSV(t, c.year)
			wb, err := ppi.ReadFile(filepath.Join(dataDir, "ipa-workbooks", c.file), "")
			if err != nil {
				t.Fatal(err)
			}
			if wb.Name != c.name || fromCSV.Name != c.name || wb.Year != fromCSV.Year {
				t.Errorf("names %q %q, years %d %d; want %q", wb.Name, fromCSV.Name, wb.Year, fromCSV.Year, c.name)
			}
			wb.Source, fromCSV.Source = "", ""
			if !reflect.DeepEqual(wb, fromCSV) {
				reportDiff(t, wb, fromCSV)
			}
		})
	}
}

func reportDiff(t *testing.T, wb, fromCSV ppi.Scorecard) {
	t.Helper()
	if wb.PerLinePoints != fromCSV.PerLinePoints || len(wb.Lines) != len(fromCSV.Lines) || len(wb.Questions) != len(fromCSV.Questions) {
		t.Fatalf("shape differs: workbook %v %d lines %d questions; CSV %v %d %d", wb.PerLinePoints, len(wb.Lines), len(wb.Questions),
			fromCSV.PerLinePoints, len(fromCSV.Lines), len(fromCSV.Questions))
	}
	for i := range wb.Lines {
		a, b := wb.Lines[i], fromCSV.Lines[i]
		if a.Code != b.Code || a.Label != b.Label || a.LabelID != b.LabelID {
			t.Errorf("line %d: workbook %q %q %q, CSV %q %q %q", i, a.Code, a.Label, a.LabelID, b.Code, b.Label, b.LabelID)
		}
		for s := range a.Percent {
			if a.Percent[s] != b.Percent[s] {
				t.Errorf("line %s score %d: workbook %v, CSV %v", a.Code, s, a.Percent[s], b.Percent[s])
			}
		}
	}
	for i := range wb.Questions {
		if !reflect.DeepEqual(wb.Questions[i], fromCSV.Questions[i]) {
			t.Errorf("question %d:\nworkbook %+v\nCSV      %+v", i+1, wb.Questions[i], fromCSV.Questions[i])
		}
	}
}
