package ppisurvey_test

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/dbtest"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/i18n"
	"github.com/berdaya/berdaya/internal/pdf/pdftext"
	"github.com/berdaya/berdaya/internal/ppisurvey"
	"github.com/xuri/excelize/v2"
)

// reportRounds interviews a simple baseline round (all poorest) and a
// stratified follow-up round of Kabupaten Bandung.
func (f *fixture) reportRounds() (base, follow ppisurvey.Round) {
	base = f.round("Dasar 2025", ppisurvey.Simple, 5, 7, "")
	for _, u := range sampled(f.units(base.ID, false), "") {
		f.interview(u.ID, poorest)
	}
	follow = f.round("Tindak lanjut 2026", ppisurvey.Stratified, 10, 20261122, base.ID)
	units := f.units(follow.ID, false)
	for i, u := range sampled(units, "32.04.05") {
		f.interview(u.ID, []map[int]string{poorest, poorest, poorest, middle, middle, better}[i])
	}
	for i, u := range sampled(units, "32.04.06") {
		f.interview(u.ID, []map[int]string{poorest, poorest, middle, better}[i])
	}
	return base, follow
}

// keep saves a report in the folder BERDAYA_REPORTS names, if any, so that
// a person can look at what the tests produce.
func keep(t *testing.T, name string, file []byte) {
	t.Helper()
	dir := os.Getenv("BERDAYA_REPORTS")
	if dir == "" {
		return
	}
	if err := os.WriteFile(filepath.Join(dir, name), file, 0o644); err != nil {
		t.Fatal(err)
	}
}

// pdfText writes a report's PDF (kept as name) and reads its text back.
func pdfText(t *testing.T, name string, write func(*bytes.Buffer) error) string {
	t.Helper()
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		t.Fatal(err)
	}
	keep(t, name, buf.Bytes())
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
		t.Fatal("not a PDF")
	}
	text, err := pdftext.Text(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return text
}

func wantText(t *testing.T, what, text string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
}

// TestRoundReport checks that the report holds the service's estimates
// unchanged, that the PDF prints them as the pages do, and that the
// workbook holds them as numbers with its charts.
func TestRoundReport(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		_, follow := f.reportRounds()
		rep, err := f.svc.RoundReport(f.ctx, f.manager, follow.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Lines) != 2 || rep.Lines[0].Line.Code != "nl100" || rep.Lines[1].Line.Code != "ppp365_2017" || rep.Lines[0].Line.LabelID == "" {
			t.Fatalf("lines %+v", rep.Lines)
		}
		for _, l := range rep.Lines {
			e, err := f.svc.Estimates(f.ctx, f.manager, follow.ID, l.Line.Code)
			if err != nil || !reflect.DeepEqual(e, l.RoundEstimate) {
				t.Fatalf("line %s: report %+v, service %+v (%v)", l.Line.Code, l.RoundEstimate, e, err)
			}
		}
		rep.Names["32.04.05"], rep.Names["32.04.06"] = "Cileunyi", "Cimenyan"
		f.checkRoundPDF(rep)
		f.checkRoundXLSX(rep)

		_, err = f.svc.RoundReport(f.ctx, f.far, follow.ID)
		wantErr(t, err, errs.NotFound, "", "ppisurvey.err.round_not_found")
		_, err = f.svc.RoundReport(f.ctx, f.district, follow.ID)
		wantErr(t, err, errs.Forbidden, "", "ppisurvey.err.estimate_scope")
	})
}

func (f *fixture) checkRoundPDF(rep ppisurvey.RoundReport) {
	t := f.t
	nl := rep.Lines[0]
	text := pdfText(t, "round-id.pdf", func(b *bytes.Buffer) error { return rep.WritePDF(b, "id") })
	wantText(t, "round PDF", text, "Laporan survei PPI", "Tindak lanjut 2026", cardName, "Koperasi Uji", "20261122",
		"Acak berstrata", "Selang kepercayaan 90,0%", "Halaman 1 dari ", "Dicetak 22/11/2026 12:00 WIB oleh manajer",
		"Sebaran skor PPI", "Tingkat kemiskinan per strata", "Per kecamatan", "Cileunyi", "Cimenyan", "Laki-laki", "Perempuan",
		"Garis hitam: selang kepercayaan 90,0%", "100%", "akar(alpha", "z = 1,645")
	for _, l := range rep.Lines {
		wantText(t, "round PDF", text, l.Line.Name("id")+" ("+l.Line.Code+")", ppisurvey.Percent("id", l.Rate.Rate),
			ppisurvey.Percent("id", l.Rate.Low)+" – "+ppisurvey.Percent("id", l.Rate.High))
		for _, s := range l.Strata {
			wantText(t, "round PDF", text, ppisurvey.Percent("id", s.Rate))
		}
	}
	// The numbers of the worked example (TestWholeRound), as printed.
	if ppisurvey.Percent("id", nl.Rate.Rate) != "55,8%" || ppisurvey.Percent("id", nl.Rate.Low) != "36,5%" {
		t.Errorf("national line printed as %s from %s", ppisurvey.Percent("id", nl.Rate.Rate), ppisurvey.Percent("id", nl.Rate.Low))
	}
	wantText(t, "round PDF", text, "55,8%", "36,5% – 75,0%", "Rumah tangga dalam populasi (N)\n:\n20", "Rumah tangga diwawancarai (n)\n:\n10")
	// Score bands: the first band by its range, and a count.
	wantText(t, "round PDF", text, "\n0–4\n", "\n5\n")
	if strings.Contains(text, "svrep.") || strings.Contains(text, "svp.") || strings.Contains(text, "ppisurvey.") {
		t.Error("round PDF has an untranslated key")
	}
	en := pdfText(t, "round-en.pdf", func(b *bytes.Buffer) error { return rep.WritePDF(b, "en") })
	wantText(t, "English round PDF", en, "PPI survey report", "55.8%", "36.5% – 75.0%", "Poverty rate per stratum", "Page 1 of ")
}

func (f *fixture) checkRoundXLSX(rep ppisurvey.RoundReport) {
	t := f.t
	var buf bytes.Buffer
	if err := rep.WriteXLSX(&buf, "id"); err != nil {
		t.Fatal(err)
	}
	keep(t, "round-id.xlsx", buf.Bytes())
	wantParts(t, buf.Bytes(), "xl/charts/chart1.xml", "xl/charts/chart2.xml")
	x, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if got := x.GetSheetList(); !reflect.DeepEqual(got, []string{"Ringkasan", "Rincian", "Sebaran skor"}) {
		t.Fatalf("sheets %q", got)
	}
	for _, l := range rep.Lines {
		row := findRow(t, x, "Ringkasan", l.Line.Code)
		wantNumber(t, x, "Ringkasan", "C", row, l.Rate.Rate, "0.0%")
		wantNumber(t, x, "Ringkasan", "D", row, l.Rate.Low, "0.0%")
		wantNumber(t, x, "Ringkasan", "E", row, l.Rate.High, "0.0%")
		wantNumber(t, x, "Ringkasan", "G", row, float64(l.Interviewed), "")
		wantNumber(t, x, "Ringkasan", "H", row, float64(l.Population), "")
		total := 0.0
		for i, b := range l.Scores {
			col := string(rune('D' + indexOf(rep, l.Line.Code)))
			wantNumber(t, x, "Sebaran skor", col, i+2, float64(b.Count), "")
			total += float64(b.Count)
		}
		if total != float64(l.Interviewed) {
			t.Errorf("score bands of %s count %v households", l.Line.Code, total)
		}
	}
	// The first stratum's row of the breakdowns.
	s := rep.Lines[0].Strata[0]
	row := findRow(t, x, "Rincian", "nl100")
	if v, _ := x.GetCellValue("Rincian", "D"+strconv.Itoa(row)); v != "Cileunyi" {
		t.Errorf("first breakdown row is %q", v)
	}
	wantNumber(t, x, "Rincian", "F", row, s.Rate, "0.0%")
	wantNumber(t, x, "Rincian", "J", row, float64(s.Population), "")
	seed, _ := x.GetCellValue("Ringkasan", "B8")
	if seed != "20261122" {
		t.Errorf("seed cell %q", seed)
	}
}

func indexOf(rep ppisurvey.RoundReport, code string) int {
	for i, l := range rep.Lines {
		if l.Line.Code == code {
			return i
		}
	}
	return -1
}

// wantParts checks that an xlsx file (a zip) holds the named parts.
func wantParts(t *testing.T, file []byte, parts ...string) {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(file), int64(len(file)))
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, f := range z.File {
		have[f.Name] = true
	}
	for _, p := range parts {
		if !have[p] {
			t.Errorf("workbook lacks %s", p)
		}
	}
}

// findRow is the first row whose column A is value.
func findRow(t *testing.T, x *excelize.File, sheet, value string) int {
	t.Helper()
	rows, err := x.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if len(r) > 0 && r[0] == value {
			return i + 1
		}
	}
	t.Fatalf("sheet %s has no row %q", sheet, value)
	return 0
}

// wantNumber checks that a cell is a number equal to want, with the number
// format format ("" for any).
func wantNumber(t *testing.T, x *excelize.File, sheet, col string, row int, want float64, format string) {
	t.Helper()
	ref := col + strconv.Itoa(row)
	typ, err := x.GetCellType(sheet, ref)
	if err != nil || (typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset) {
		t.Errorf("%s!%s is of type %v, want a number (%v)", sheet, ref, typ, err)
	}
	raw, err := x.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
	got, perr := strconv.ParseFloat(raw, 64)
	if err != nil || perr != nil || !near(got, want) {
		t.Errorf("%s!%s = %q, want %v", sheet, ref, raw, want)
	}
	if format == "" {
		return
	}
	style, err := x.GetCellStyle(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	st, err := x.GetStyle(style)
	if err != nil || st.CustomNumFmt == nil || *st.CustomNumFmt != format {
		t.Errorf("%s!%s has style %+v, want format %s", sheet, ref, st, format)
	}
}

// TestComparisonReport checks the comparison's report against Compare.
func TestComparisonReport(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		base, follow := f.reportRounds()
		rep, err := f.svc.ComparisonReport(f.ctx, f.manager, follow.ID)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Baseline.ID != base.ID || rep.FollowUp.ID != follow.ID || len(rep.Lines) != 2 {
			t.Fatalf("report %+v", rep)
		}
		for _, l := range rep.Lines {
			c, err := f.svc.Compare(f.ctx, f.manager, base.ID, follow.ID, l.Line.Code)
			if err != nil || !reflect.DeepEqual(c, l.Comparison) {
				t.Fatalf("line %s: report %+v, service %+v (%v)", l.Line.Code, l.Comparison, c, err)
			}
		}
		ch := rep.Lines[0].Change
		text := pdfText(t, "compare-id.pdf", func(b *bytes.Buffer) error { return rep.WritePDF(b, "id") })
		wantText(t, "comparison PDF", text, "Laporan perbandingan survei PPI", "Dari Dasar 2025 ke Tindak lanjut 2026", "Perubahan (poin",
			"-25,4", "-5", "Perubahan tingkat kemiskinan (poin persen)", "Tingkat kemiskinan putaran dasar dan putaran tindak lanjut",
			ppisurvey.Points("id", ch.Low)+" – "+ppisurvey.Points("id", ch.High),
			ppisurvey.Households("id", ch.HouseholdsLow)+" – "+ppisurvey.Households("id", ch.HouseholdsHigh),
			"81,2%", "55,8%", "akar(SE dasar²")
		// Assumptions are long enough to wrap: compare them with the lines joined.
		joined := strings.Join(strings.Fields(text), " ")
		for _, key := range ch.Assumptions {
			wantText(t, "comparison PDF", joined, i18n.T("id", key))
		}
		if strings.Contains(text, "svrep.") || strings.Contains(text, "svc.") || strings.Contains(text, "survey.assume") {
			t.Error("comparison PDF has an untranslated key")
		}

		var buf bytes.Buffer
		if err := rep.WriteXLSX(&buf, "en"); err != nil {
			t.Fatal(err)
		}
		keep(t, "compare-en.xlsx", buf.Bytes())
		wantParts(t, buf.Bytes(), "xl/charts/chart1.xml", "xl/charts/chart2.xml")
		x, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		defer x.Close()
		for _, l := range rep.Lines {
			row := findRow(t, x, "Summary", l.Line.Code)
			wantNumber(t, x, "Summary", "C", row, l.Baseline.Rate.Rate, "0.0%")
			wantNumber(t, x, "Summary", "H", row, l.FollowUp.Rate.Rate, "0.0%")
			wantNumber(t, x, "Summary", "M", row, l.Change.Difference, "+0.0%;-0.0%;0.0%")
			wantNumber(t, x, "Summary", "N", row, l.Change.Low, "+0.0%;-0.0%;0.0%")
			wantNumber(t, x, "Summary", "O", row, l.Change.High, "+0.0%;-0.0%;0.0%")
			wantNumber(t, x, "Summary", "Q", row, l.Change.Households, "+#,##0;-#,##0;0")
			wantNumber(t, x, "Summary", "S", row, l.Change.HouseholdsHigh, "+#,##0;-#,##0;0")
		}

		_, err = f.svc.ComparisonReport(f.ctx, f.manager, base.ID)
		wantErr(t, err, errs.NotFound, "", "svc.no_baseline")
		_, err = f.svc.ComparisonReport(f.ctx, f.far, follow.ID)
		wantErr(t, err, errs.NotFound, "", "ppisurvey.err.round_not_found")
	})
}
