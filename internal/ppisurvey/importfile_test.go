package ppisurvey_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/dbtest"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/ppisurvey"
	"github.com/berdaya/berdaya/internal/registry"
	"github.com/xuri/excelize/v2"
)

// importHeader is the template's header for the 2023 card.
const importHeader = "unit_id,nik,name,village,date,q1,q2,q3,q4,q5,q6,q7,q8,q9,q10"

// poorestCells are the poorest answers for q2..q10, as a CSV's cells.
const poorestCells = "E,B,C,B,B,B,B,B,B"

// importCSV writes lines to a CSV file and imports it as p.
func (f *fixture) importCSV(p access.Principal, roundID string, lines ...string) (ppisurvey.ImportResult, error) {
	f.t.Helper()
	path := filepath.Join(f.t.TempDir(), "wawancara.csv")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		f.t.Fatal(err)
	}
	return f.importFile(p, roundID, path, ppisurvey.ImportOptions{})
}

func (f *fixture) importFile(p access.Principal, roundID, path string, opts ppisurvey.ImportOptions) (ppisurvey.ImportResult, error) {
	f.t.Helper()
	src, closeFn, err := registry.OpenFile(path)
	if err != nil {
		f.t.Fatal(err)
	}
	defer closeFn()
	return f.svc.ImportInterviewsWith(f.ctx, p, roundID, src, opts)
}

// wantRejections checks the refused rows: line, column and reason, in order.
func wantRejections(t *testing.T, res ppisurvey.ImportResult, want ...string) {
	t.Helper()
	var got []string
	for _, r := range res.Rejections {
		got = append(got, fmt.Sprintf("%d %s %s", r.Line, r.Column, r.Reason))
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rejections:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestImportClerkMistakes imports what a clerk typing paper forms produces:
// what can only mean one thing is read, the rest refused with the reason.
func TestImportClerkMistakes(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		r := f.round("Kertas", ppisurvey.Simple, 8, 11, "")
		all := f.units(r.ID, true)
		s := sampled(all, "")
		var reserve ppisurvey.Unit
		for _, u := range all {
			if u.Status == ppisurvey.StatusReserve {
				reserve = u
			}
		}
		refusedUnit := s[7]
		if _, err := f.svc.ReplaceRefusal(f.ctx, f.fac, refusedUnit.ID, ppisurvey.ReasonRefused); err != nil {
			t.Fatal(err)
		}
		other := f.round("Lain", ppisurvey.Simple, 2, 3, "")
		newcomer := f.household("320405", villageA, 20) // registered after the draw
		nik := func(u ppisurvey.Unit) string { return f.nik[u.HouseholdID] }
		res, err := f.importCSV(f.fac, r.ID,
			importHeader+",catatan,q11",
			s[0].ID+",,,,20/11/2026,, e , b ,c,b,b,b,b,b,b,ditulis ulang,",                   // 2 lower case and spaces
			","+nik(s[1])+",,,5/11/26,L,"+poorestCells+",,",                                  // 3 d/m/yy, by NIK
			s[2].ID+",,,,46345,,"+poorestCells+",,",                                          // 4 an Excel day number (19/11/2026)
			s[3].ID+",,,,2026-11-18 00:00:00,,E,2,C,B,B,B,B,B,B,,",                           // 5 an answer as a number
			",3.20405E+15,,,20/11/2026,,"+poorestCells+",,",                                  // 6 NIK in scientific notation
			",3204050101800000,,,20/11/2026,,"+poorestCells+",,",                             // 7 NIK cut by Excel
			",320405010180001,,,20/11/2026,,"+poorestCells+",,",                              // 8 15 digits
			reserve.ID+",,,,20/11/2026,,"+poorestCells+",,",                                  // 9 a reserve household
			refusedUnit.ID+",,,,20/11/2026,,"+poorestCells+",,",                              // 10 refused and replaced
			sampled(f.units(other.ID, false), "")[0].ID+",,,,20/11/2026,,"+poorestCells+",,", // 11 another round's
			","+f.nik[newcomer]+",,,20/11/2026,,"+poorestCells+",,",                          // 12 not in the round
			s[0].ID+",,,,20/11/2026,,"+poorestCells+",,",                                     // 13 s[0] again
			s[4].ID+","+nik(s[4])+",Kepala,Cileunyi Kulon,,L,,,,,,,,,,,",                     // 14 not filled in
			",,,,,,,,,,,,,,,,", // 15 blank
			s[5].ID+",,,,31/11/2026,,"+poorestCells+",,",  // 16 no such day
			s[6].ID+",,,,20/11/2026,,"+poorestCells+",,A", // 17 q11 filled
		)
		if err != nil {
			t.Fatal(err)
		}
		if res.Rows != 15 || res.Imported != 3 || res.Skipped != 1 || res.Rejected != 11 {
			t.Errorf("result %+v", res)
		}
		wantRejections(t, res,
			"5 q3 ppisurvey.err.answer_number",
			"6 nik id.err.scientific",
			"7 nik ppisurvey.err.nik_excel",
			"8 nik nik.err.length",
			"9 unit_id ppisurvey.err.import_reserve",
			"10 unit_id ppisurvey.err.import_replaced",
			"11 unit_id ppisurvey.err.import_unit",
			"12 nik ppisurvey.err.nik_not_in_round",
			"13 unit_id ppisurvey.err.import_duplicate",
			"16 date err.date",
			"17 q11 ppisurvey.err.question_unknown",
		)
		if a := res.Rejections[8].Args; len(a) != 1 || a[0] != 2 {
			t.Errorf("the duplicate names line %v, want 2", a)
		}
		dates := map[string]int{}
		for _, u := range s[:3] {
			iv, _, err := f.svc.InterviewOfUnit(f.ctx, f.fac, u.ID)
			if err != nil {
				t.Fatalf("unit %s: %v", u.ID, err)
			}
			dates[iv.Date.Format("02/01/2006")]++
			if iv.Scores[0].Score != 2 || iv.Answers[1] != "L" || iv.EnumeratorID != f.fac.UserID {
				t.Errorf("interview %+v", iv)
			}
		}
		if dates["20/11/2026"] != 1 || dates["05/11/2026"] != 1 || dates["19/11/2026"] != 1 {
			t.Errorf("dates %v", dates)
		}
	})
}

// TestImportHeader checks what stops an import before any row.
func TestImportHeader(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		r := f.round("Judul", ppisurvey.Simple, 4, 5, "")
		s := sampled(f.units(r.ID, false), "")
		row := s[0].ID + ",20/11/2026," + poorestCells
		_, err := f.importCSV(f.fac, r.ID, "unit_id,date,q2,q3,q4,q5,q6,q8,q9", s[0].ID+",20/11/2026,E,B,C,B,B,B,B")
		wantErr(t, err, errs.Invalid, "", "ppisurvey.err.import_question_columns")
		if e, _ := errs.As(err); len(e.Args) != 2 || e.Args[0] != "q7, q10" || e.Args[1] != 10 {
			t.Errorf("missing columns named %v", e.Args)
		}
		_, err = f.importCSV(f.fac, r.ID, "unit_id,date,Tanggal,q2,q3,q4,q5,q6,q7,q8,q9,q10", row)
		wantErr(t, err, errs.Invalid, "", "ppisurvey.err.import_column_twice")
		_, err = f.importCSV(f.fac, r.ID, "nama,date,q2,q3,q4,q5,q6,q7,q8,q9,q10", row)
		wantErr(t, err, errs.Invalid, "", "ppisurvey.err.import_columns")
		_, err = f.importCSV(f.viewer, r.ID, "unit_id,date,q2,q3,q4,q5,q6,q7,q8,q9,q10", row)
		wantErr(t, err, errs.Forbidden, "", "")
		_, err = f.importCSV(f.far, r.ID, "unit_id,date,q2,q3,q4,q5,q6,q7,q8,q9,q10", row)
		wantErr(t, err, errs.NotFound, "", "ppisurvey.err.round_not_found")
		undrawn, err := f.svc.CreateRound(f.ctx, f.manager, ppisurvey.RoundInput{Name: "Belum", Scorecard: cardName, Lines: []string{"nl100"},
			Population: ppisurvey.RegionHeads, Region: "32.04", Method: ppisurvey.Census})
		if err != nil {
			t.Fatal(err)
		}
		_, err = f.importCSV(f.fac, undrawn.ID, "unit_id,date,q2,q3,q4,q5,q6,q7,q8,q9,q10", row)
		wantErr(t, err, errs.Conflict, "", "ppisurvey.err.not_drawn")

		// Headings in other words: "Unit ID", "Tanggal", "Q02"; no q1 (the
		// province comes from the registry).
		res, err := f.importCSV(f.fac, r.ID, "Unit ID;Tanggal;Q02;Q3;q4;q5;q6;q7;q8;q9;q10", strings.ReplaceAll(row, ",", ";"))
		if err != nil || res.Imported != 1 {
			t.Fatalf("import with other headings %+v, %v", res, err)
		}
	})
}

// TestImportEnumerator imports as the administrator on behalf of a
// facilitator, who is recorded as the enumerator.
func TestImportEnumerator(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		r := f.round("Pencacah", ppisurvey.Simple, 4, 5, "")
		s := sampled(f.units(r.ID, false), "")
		path := filepath.Join(t.TempDir(), "w.csv")
		os.WriteFile(path, []byte("unit_id,date,q2,q3,q4,q5,q6,q7,q8,q9,q10\n"+s[0].ID+",20/11/2026,"+poorestCells+"\n"), 0o600)
		_, err := f.importFile(f.admin, r.ID, path, ppisurvey.ImportOptions{Enumerator: "no-such-user"})
		wantErr(t, err, errs.Invalid, "", "ppisurvey.err.import_enumerator")
		res, err := f.importFile(f.admin, r.ID, path, ppisurvey.ImportOptions{Enumerator: f.fac.UserID})
		if err != nil || res.Imported != 1 {
			t.Fatalf("import %+v, %v", res, err)
		}
		iv, _, err := f.svc.InterviewOfUnit(f.ctx, f.admin, s[0].ID)
		if err != nil || iv.EnumeratorID != f.fac.UserID {
			t.Fatalf("enumerator %q, %v", iv.EnumeratorID, err)
		}
		// The same file imported by the facilitator: unchanged, whoever imports.
		if res, err := f.importFile(f.fac, r.ID, path, ppisurvey.ImportOptions{}); err != nil || res.Unchanged != 1 {
			t.Fatalf("again %+v, %v", res, err)
		}
	})
}

// TestImportXLSX reads what Excel stores: a date in a date cell, a day
// number in a General cell, a NIK typed as a number.
func TestImportXLSX(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		r := f.round("Excel", ppisurvey.Simple, 4, 5, "")
		s := sampled(f.units(r.ID, false), "")
		x := excelize.NewFile()
		dateStyle, _ := x.NewStyle(&excelize.Style{NumFmt: 14})
		x.SetSheetRow("Sheet1", "A1", &[]any{"unit_id", "nik", "date", "q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9", "q10"})
		row := func(cells ...any) *[]any {
			out := append(cells, "e", "b", "c", "b", "b", "b", "b", "b", "b")
			return &out
		}
		x.SetSheetRow("Sheet1", "A2", row(s[0].ID, nil, 46346, "L"))
		x.SetCellStyle("Sheet1", "C2", "C2", dateStyle)
		x.SetSheetRow("Sheet1", "A3", row(s[1].ID, nil, 46344, nil))
		lost := f.nik[s[2].HouseholdID][:15] + "0" // what Excel keeps of a NIK typed as a number
		var asNumber int64
		fmt.Sscan(lost, &asNumber)
		x.SetSheetRow("Sheet1", "A4", row(nil, asNumber, time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC), nil))
		path := filepath.Join(t.TempDir(), "wawancara.xlsx")
		if err := x.SaveAs(path); err != nil {
			t.Fatal(err)
		}
		for round, want := range []string{"imported 2", "unchanged 2"} {
			res, err := f.importFile(f.fac, r.ID, path, ppisurvey.ImportOptions{})
			if err != nil {
				t.Fatal(err)
			}
			got := fmt.Sprintf("imported %d", res.Imported)
			if round == 1 {
				got = fmt.Sprintf("unchanged %d", res.Unchanged)
			}
			if got != want || res.Rejected != 1 {
				t.Errorf("import %d: %+v", round+1, res)
			}
			wantRejections(t, res, "4 nik ppisurvey.err.nik_excel")
		}
		for i, want := range []string{"20/11/2026", "18/11/2026"} {
			iv, _, err := f.svc.InterviewOfUnit(f.ctx, f.fac, s[i].ID)
			if err != nil || iv.Date.Format("02/01/2006") != want || iv.Scores[0].Score != 2 {
				t.Errorf("interview %d: %v %+v", i, err, iv)
			}
		}
	})
}

// TestImportTemplate checks the template's rows (the sampled households in
// the user's scope still to interview, the province filled in), and that
// the template filled in imports.
func TestImportTemplate(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		r := f.round("Templat", ppisurvey.Stratified, 10, 9, "")
		s := sampled(f.units(r.ID, false), "")
		f.interview(s[0].ID, poorest)
		tpl, err := f.svc.ImportTemplate(f.ctx, f.fac, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(tpl.Header(), ","); got != importHeader {
			t.Errorf("header %s", got)
		}
		if len(tpl.Rows) != 9 {
			t.Fatalf("%d rows, want the 9 not interviewed", len(tpl.Rows))
		}
		for i, row := range tpl.Rows {
			u := s[i+1]
			if row.UnitID != u.ID || row.NIK != f.nik[u.HouseholdID] || row.Known[1] != "L" || !strings.HasPrefix(row.Name, "Kepala") {
				t.Errorf("row %d = %+v, want unit %s", i, row, u.ID)
			}
		}
		want := 0
		for _, u := range s[1:] {
			if u.Stratum == "32.04.05" {
				want++
			}
		}
		district, err := f.svc.ImportTemplate(f.ctx, f.district, r.ID)
		if err != nil || len(district.Rows) != want {
			t.Errorf("the district's template has %d rows, %v", len(district.Rows), err)
		}
		if _, err := f.svc.ImportTemplate(f.ctx, f.viewer, r.ID); errs.CodeOf(err) != errs.Forbidden {
			t.Errorf("a viewer's template: %v", err)
		}
		codes := tpl.CodeRows()
		if codes[0][0] != "q1" || codes[0][1] == "" || codes[0][3] != "A" || len(codes) < 40 {
			t.Errorf("codes start %v, %d rows", codes[0], len(codes))
		}
		// Fill in two rows; the others stay as the template made them.
		lines := []string{strings.Join(tpl.Header(), ",")}
		for i, cells := range tpl.Cells(func(string) string { return "Cileunyi Kulon" }) {
			if i < 2 {
				cells[4] = "21/11/2026"
				copy(cells[6:], strings.Split(poorestCells, ","))
			}
			lines = append(lines, strings.Join(cells, ","))
		}
		res, err := f.importCSV(f.fac, r.ID, lines...)
		if err != nil || res.Rows != 9 || res.Imported != 2 || res.Skipped != 7 || res.Rejected != 0 {
			t.Fatalf("filled template %+v, %v", res, err)
		}
	})
}
