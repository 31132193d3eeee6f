package ppi_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/i18n"
	"github.com/berdaya/berdaya/internal/ppi"
	"github.com/xuri/excelize/v2"
)

// tinyLookup is a valid look-up CSV for lines a and b.
func tinyLookup() string {
	var b strings.Builder
	b.WriteString("score,a,b\n")
	for s := 0; s <= 100; s++ {
		fmt.Fprintf(&b, "%d,%d.5,%d\n", s, (100-s)*99/100, 100-s)
	}
	return b.String()
}

const tinyCard = "question_no,question,answer_code,answer,points_a,points_b,guidance\n" +
	"1,Does the household own a car ?,A,Yes,60,70,\n" +
	"1,Does the household own a car ?,B,No,0,0,\n" +
	"2,Does the household own a refrigerator ?,A,Yes,45,50,Look at it.\n" +
	"2,Does the household own a refrigerator ?,B,No,0,0,\n"

// TestCSVErrors checks that each broken file is refused with a message that
// points at the file, row and column.
func TestCSVErrors(t *testing.T) {
	card, err := ppi.ReadCSV(strings.NewReader(tinyCard), "k.csv", strings.NewReader(tinyLookup()), "l.csv")
	if err != nil {
		t.Fatalf("tiny card: %v", err)
	}
	if s, pct, _ := ppi.Score(card, "b", map[int]string{1: "A", 2: "A"}); s != 100 || pct != 0 {
		t.Errorf("capped score = %d, %v; want 100, 0", s, pct)
	}
	if card.Questions[0].TextID != "Apakah rumah tangga memiliki mobil?" || card.Questions[1].Guidance != "Look at it." {
		t.Errorf("wording: %+v", card.Questions)
	}
	cases := []struct{ name, card, lookup, en string }{
		{"bad points", strings.Replace(tinyCard, "60,70", "60,x", 1), tinyLookup(),
			`k.csv, row 2, column points_b: points must be a whole number, 0 or more; found "x".`},
		{"no answer column", strings.Replace(tinyCard, ",answer,", ",jawaban,", 1), tinyLookup(),
			"k.csv: the header row has no column answer."},
		{"question split", tinyCard + "1,Does the household own a car ?,C,Two,1,1,\n", tinyLookup(),
			"k.csv, row 6, column question_no: question 1 comes where question 3 was expected; a question's rows must be together, numbered in order from 1."},
		{"duplicate code", strings.Replace(tinyCard, "B,No,0,0,\n2", "A,No,0,0,\n2", 1), tinyLookup(),
			"k.csv, row 3, column answer_code: answer code A appears twice in question 1."},
		{"missing score", tinyCard, strings.Replace(tinyLookup(), "\n50,", "\n500,", 1),
			`l.csv, row 52, column score: a score is a whole number from 0 to 100, given once; found "500".`},
		{"bad likelihood", tinyCard, strings.Replace(tinyLookup(), "\n7,92.5,", "\n7,192.5,", 1),
			`l.csv, row 9, column a: a likelihood is a percentage between 0 and 100; found "192.5".`},
		{"line missing", tinyCard, strings.Replace(tinyLookup(), "score,a,b", "score,a,c", 1),
			"l.csv: there is no column for the scorecard's poverty line b."},
		{"short table", tinyCard, strings.Split(tinyLookup(), "100,")[0],
			"l.csv: score 100 is missing from the look-up table (it needs 0 to 100)."},
	}
	for _, c := range cases {
		_, err := ppi.ReadCSV(strings.NewReader(c.card), "k.csv", strings.NewReader(c.lookup), "l.csv")
		checkMessage(t, c.name, err, c.en)
	}
}

func checkMessage(t *testing.T, name string, err error, en string) {
	t.Helper()
	e, ok := errs.As(err)
	if !ok {
		t.Errorf("%s: err = %v, want a domain error", name, err)
		return
	}
	if got := i18n.T("en", e.Msg, e.Args...); got != en {
		t.Errorf("%s:\n got %q\nwant %q", name, got, en)
	}
	if id := i18n.T("id", e.Msg, e.Args...); id == en || !i18n.Has(e.Msg) {
		t.Errorf("%s: no Indonesian message for %s", name, e.Msg)
	}
}

// TestWorkbookErrors breaks copies of a workbook and checks the messages
// name the sheet, row and column.
func TestWorkbookErrors(t *testing.T) {
	src := filepath.Join(needData(t), "ipa-workbooks", "indonesia2023.xlsx")
	dir := t.TempDir()
	cases := []struct {
		name  string
		spoil func(f *excelize.File)
		en    string
	}{
		{"points", func(f *excelize.File) { f.SetCellValue("Scorecard", "E12", "tujuh") },
			`x.xlsx [Scorecard], row 12, column E: points must be a whole number, 0 or more; found "tujuh".`},
		{"response", func(f *excelize.File) { f.SetCellValue("Scorecard", "C45", "Four") },
			`x.xlsx [Scorecard], row 45, column C: a response must start with its code, e.g. "A. Yes"; found "Four".`},
		{"likelihood", func(f *excelize.File) { f.SetCellValue("Look-up Table", "C20", "n/a") },
			`x.xlsx [Look-up Table], row 20, column C: a likelihood is a percentage between 0 and 100; found "n/a".`},
		{"no lookup", func(f *excelize.File) { f.DeleteSheet("Look-up Table") },
			`x.xlsx: no look-up table sheet found (a header row with "PPI Score" followed by the poverty-line names).`},
	}
	for _, c := range cases {
		f, err := excelize.OpenFile(src)
		if err != nil {
			t.Fatal(err)
		}
		c.spoil(f)
		path := filepath.Join(dir, "x.xlsx")
		if err := f.SaveAs(path); err != nil {
			t.Fatal(err)
		}
		f.Close()
		_, err = ppi.ReadFile(path, "")
		checkMessage(t, c.name, err, c.en)
	}
	notXLSX := filepath.Join(dir, "rusak.xlsx")
	os.WriteFile(notXLSX, []byte("bukan zip"), 0o600)
	_, err := ppi.ReadFile(notXLSX, "")
	checkMessage(t, "not a workbook", err, "rusak.xlsx cannot be read as an Excel workbook (.xlsx).")
}

// TestIndonesianWording checks that every question, answer and guidance of
// the four cards has Indonesian wording.
func TestIndonesianWording(t *testing.T) {
	for _, year := range editions {
		card := loadCSV(t, year)
		for _, l := range card.Lines {
			if l.LabelID == "" || l.LabelID == l.Code {
				t.Errorf("%s line %s has no Indonesian label", year, l.Code)
			}
		}
		for _, q := range card.Questions {
			if q.TextID == "" || (q.Guidance != "" && q.GuidanceID == "") {
				t.Errorf("%s question %d lacks Indonesian wording", year, q.No)
			}
			for _, a := range q.Answers {
				if a.TextID == "" {
					t.Errorf("%s question %d answer %s (%q) lacks Indonesian wording", year, q.No, a.Code, a.Text)
				}
			}
		}
	}
}

// TestScoreRows scores a small table of households and reports every bad
// cell by row and column.
func TestScoreRows(t *testing.T) {
	card := loadCSV(t, "2023")
	lookup := publishedLookup(t, dataDir, "2023")
	row := func(codes string) map[string]string {
		out := map[string]string{"stratum": "x"}
		for i, c := range strings.Split(codes, ",") {
			out[fmt.Sprintf("q%d", i+1)] = c
		}
		return out
	}
	// Q1 K (DKI Jakarta) 11 + Q2 E 0 + Q3 A 6 + Q4 C 0 + Q5 A 8 + Q6 B 0 +
	// Q7 B 0 + Q8 A 9 + Q9 A 7 + Q10 B 0 = 41 on nl100.
	got, err := ppi.ScoreRows(card, "nl100", []map[string]string{row("K,E,A,C,A,B,B,A,A,B"), row(" k , e ,a,c,a,b,b,a,a,b")})
	if err != nil || len(got) != 2 || got[1].Score != 41 || got[0].LikelihoodPercent != lookup["nl100"][41] || got[0].Likelihood != lookup["nl100"][41]/100 {
		t.Fatalf("ScoreRows = %v, %v", got, err)
	}
	_, err = ppi.ScoreRows(card, "nl100", []map[string]string{row("K,E,A,C,A,B,B,A,A,B"), row("K,D,A,C,A,B,B,A,A,"), row("ZZ,E,A,C,A,B,B,A,A,B")})
	rowErrs, ok := err.(ppi.RowErrors)
	if !ok || len(rowErrs) != 3 {
		t.Fatalf("ScoreRows errors = %v", err)
	}
	want := []string{
		`row 2, column q2: no answer code "D" (choose one of: A, B, C, E)`,
		"row 2, column q10: no answer",
		`row 3, column q1: no answer code "ZZ" (choose one of: A, B, C, D, E, F, G, H, I, J, K, L, M, N, O, P, Q, R, S, T, U, V, W, X, Y, Z, AA, AB, AC, AD, AE, AF, AG, AH)`,
	}
	for i, m := range rowErrs.Messages("en") {
		if m != want[i] {
			t.Errorf("error %d = %q, want %q", i, m, want[i])
		}
	}
	if _, err := ppi.ScoreRows(card, "npl", nil); errs.CodeOf(err) != errs.Invalid {
		t.Errorf("unknown line = %v", err)
	}
}
