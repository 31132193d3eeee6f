package registry_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/csvio"
	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/dbtest"
	"github.com/berdaya/berdaya/internal/demo"
	"github.com/berdaya/berdaya/internal/region"
	"github.com/berdaya/berdaya/internal/registry"
	"github.com/xuri/excelize/v2"
)

// messyHeader is a header as typed by hand: odd case, stray and doubled spaces,
// a dot in "No. KK".
var messyHeader = []string{" NAMA ", "nik", "No. KK", "JENIS kelamin", "Tanggal Lahir", "Kode  Wilayah", "Hubungan", "alamat "}

// messyData are the rows of the messy file, lines 2-9:
//
//	2 imported: NIK with Excel's apostrophe, date dd-mm-yyyy, sex "Perempuan"
//	3 imported: NIK with a ".0" left by a number cell, date yyyy-mm-dd, dotted village
//	4 refused: NIK in scientific notation
//	5 imported: birth date as an Excel serial (40410 = 20/08/2010)
//	6 refused: unknown village
//	7 refused: NIK of line 3 again
//	8 refused: NIK of a person already registered outside the importer's scope
//	9 refused: village outside the importer's scope
var messyData = [][]string{
	{"Siti Aminah", "'3204054107850003", "3204051203100007", "Perempuan", "01-07-1985", "3204052001", "Istri", "Jl. Melati 5"},
	{"Budi Santoso", "3204051505800001.0", "3204051203100007", "L", "1980-05-15", "32.04.05.2001", "Kepala Keluarga", "Jl. Melati 5"},
	{"Rusak Excel", "3.20405E+15", "3204051203100007", "L", "01/01/1990", "3204052001", "anak", ""},
	{"Dimas Pratama", "3204052008100002", "3204051203100007", "L", "40410", "3204052001", "anak", "Jl. Melati 5"},
	{"Rina Wati", "3204056203950004", "3204050101200003", "P", "22/03/1995", "3204059999", "kepala keluarga", ""},
	{"Budi Kembar", "3204051505800001", "3204051203100007", "L", "15/05/1980", "3204052001", "anak", ""},
	{"Darsono Pindah", "3301010101900001", "3204051203100007", "L", "01/01/1990", "3204052001", "famili lain", ""},
	{"Sri Cilacap", "3301014101920002", "3301010101150001", "P", "01/01/1992", "3301012001", "anak", ""},
}

// messyReport is the error report of the messy file in English and Indonesian.
var messyReport = map[string][][]string{
	"en": {
		{"Line", "Column", "Value", "Reason"},
		{"4", "nik", "3.20405E+15", "The number is in scientific notation (e.g. 3.20401E+15), so some of its digits are lost. Retype it from the card, and format the column as Text in Excel before filling it in."},
		{"6", "Kode  Wilayah", "3204059999", "No village has this code."},
		{"7", "nik", "3204051505800001", "This NIK already appears on line 3 of the same file."},
		{"9", "Kode  Wilayah", "3301012001", "Outside your region scope."},
		{"8", "nik", "3301010101900001", "This NIK belongs to a person outside your region scope."},
	},
	"id": {
		{"Baris", "Kolom", "Isi", "Alasan"},
		{"4", "nik", "3.20405E+15", "Nomor tertulis dalam notasi ilmiah (mis. 3,20401E+15), jadi sebagian angkanya sudah hilang. Ketik ulang dari kartu, dan jadikan kolomnya Teks di Excel sebelum mengisi."},
		{"6", "Kode  Wilayah", "3204059999", "Tidak ada desa/kelurahan dengan kode ini."},
		{"7", "nik", "3204051505800001", "NIK ini sudah muncul di baris 3 berkas yang sama."},
		{"9", "Kode  Wilayah", "3301012001", "Di luar wilayah kerja Anda."},
		{"8", "nik", "3301010101900001", "NIK ini milik orang di luar wilayah kerja Anda."},
	},
}

// writeMessyCSV writes rows as Indonesian Excel saves CSV: BOM, semicolons, CRLF.
func writeMessyCSV(t *testing.T, dir, name string, data [][]string) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("\ufeff")
	for _, row := range append([][]string{messyHeader}, data...) {
		b.WriteString(strings.Join(row, ";"))
		b.WriteString("\r\n")
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// writeMessyXLSX writes the same rows as a workbook the way Excel holds them:
// text cells, Siti's NIK as a number cell and Dimas's birth date as a
// date-formatted number.
func writeMessyXLSX(t *testing.T, dir, name string, data [][]string) string {
	t.Helper()
	x := excelize.NewFile()
	defer x.Close()
	sheet := x.GetSheetName(0)
	for r, row := range append([][]string{messyHeader}, data...) {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if err := x.SetCellStr(sheet, cell, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := x.SetCellInt(sheet, "B2", 3204054107850003); err != nil {
		t.Fatal(err)
	}
	format := "dd/mm/yyyy"
	style, err := x.NewStyle(&excelize.Style{CustomNumFmt: &format})
	if err != nil {
		t.Fatal(err)
	}
	if err := x.SetCellFloat(sheet, "E5", 40410, -1, 64); err != nil {
		t.Fatal(err)
	}
	if err := x.SetCellStyle(sheet, "E5", "E5", style); err != nil {
		t.Fatal(err)
	}
	// A date cell as Excel's own date type writes it (a serial with a date format).
	if err := x.SetCellValue(sheet, "E3", time.Date(1980, 5, 15, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := x.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	// The workbook really holds numbers where the test means it to.
	if typ, _ := x.GetCellType(sheet, "B2"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Fatalf("B2 type %v, want a number cell", typ)
	}
	return path
}

// darsono registers a person in Kabupaten Cilacap (33.01), outside the
// regional admin's scope, as the national admin.
func darsono(t *testing.T, f *fixture) registry.Person {
	t.Helper()
	p, err := f.reg.CreatePerson(f.ctx, f.admin, registry.PersonInput{NIK: "3301010101900001", KK: "3301010101150001",
		Name: "Darsono", Sex: "L", BirthDate: "01/01/1990", VillageCode: "3301012001", Relationship: "kepala_keluarga"})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// report collects an import's error report.
func report(t *testing.T, f *fixture, p access.Principal, id, lang string) [][]string {
	t.Helper()
	var out [][]string
	err := f.reg.WriteRejections(f.ctx, p, id, lang, func(row []string) error {
		out = append(out, append([]string(nil), row...))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// personByNIK finds a person as the national admin sees it, with its household.
func personByNIK(t *testing.T, f *fixture, nik string) (registry.PersonDetail, bool) {
	t.Helper()
	page, err := f.reg.ListPersons(f.ctx, f.admin, registry.Filter{Query: nik})
	if err != nil {
		t.Fatal(err)
	}
	if page.Total == 0 {
		return registry.PersonDetail{}, false
	}
	if page.Total != 1 {
		t.Fatalf("%d persons with NIK %s", page.Total, nik)
	}
	det, err := f.reg.GetPerson(f.ctx, f.admin, page.Items[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	return det, true
}

// checkMessyStored checks what the messy file leaves in the database.
func checkMessyStored(t *testing.T, f *fixture, d *db.DB) {
	t.Helper()
	want := []struct {
		nik, name string
		sex       registry.Sex
		birth     time.Time
		rel       registry.Relationship
	}{
		{"3204054107850003", "Siti Aminah", registry.Female, registry.Date(1985, 7, 1), registry.Spouse},
		{"3204051505800001", "Budi Santoso", registry.Male, registry.Date(1980, 5, 15), registry.Head},
		{"3204052008100002", "Dimas Pratama", registry.Male, registry.Date(2010, 8, 20), registry.Child},
	}
	household := ""
	for _, w := range want {
		det, ok := personByNIK(t, f, w.nik)
		if !ok {
			t.Errorf("%s (%s) was not imported", w.name, w.nik)
			continue
		}
		p, h := det.Person, det.Household
		if p.Name != w.name || p.Sex != w.sex || !p.BirthDate.Equal(w.birth) || p.Relationship != w.rel ||
			p.VillageCode != "32.04.05.2001" || len(p.Flags) != 0 || det.ImportID == "" {
			t.Errorf("stored %+v (import %q), want %+v", p, det.ImportID, w)
		}
		if h.KK != "3204051203100007" || h.Address != "Jl. Melati 5" || h.VillageCode != "32.04.05.2001" || len(det.Members) != 3 {
			t.Errorf("%s's household %+v with %d members", w.name, h, len(det.Members))
		}
		if household == "" {
			household = h.ID
		} else if h.ID != household {
			t.Errorf("%s is in household %s, not %s", w.name, h.ID, household)
		}
	}
	// The person outside the scope is untouched, and nothing refused was stored.
	det, ok := personByNIK(t, f, "3301010101900001")
	if !ok || det.Person.Name != "Darsono" || det.Person.VillageCode != "33.01.01.2001" || det.Household.KK != "3301010101150001" {
		t.Errorf("out-of-scope person after the import: %+v", det)
	}
	for _, nik := range []string{"3204056203950004", "3301014101920002"} {
		if _, ok := personByNIK(t, f, nik); ok {
			t.Errorf("refused NIK %s was stored", nik)
		}
	}
	all, err := f.reg.ListPersons(f.ctx, f.admin, registry.Filter{})
	if err != nil || all.Total != 4 {
		t.Errorf("persons after the import: %d, %v; want 4", all.Total, err)
	}
	for _, it := range all.Items {
		if slices.Contains([]string{"Rusak Excel", "Rina Wati", "Budi Kembar", "Darsono Pindah", "Sri Cilacap"}, it.Name) {
			t.Errorf("refused row stored: %+v", it)
		}
	}
	if n := count(t, d, "SELECT COUNT(*) FROM households WHERE kk = $1", "3204050101200003"); n != 0 {
		t.Errorf("household of a refused row was stored (%d)", n)
	}
	if n := count(t, d, "SELECT COUNT(*) FROM households"); n != 2 {
		t.Errorf("%d households, want 2", n)
	}
}

func count(t *testing.T, d *db.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := d.Reader().QueryRowContext(context.Background(), query, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func wantResult(t *testing.T, what string, got registry.ImportResult, rows, imported, updated, unchanged, rejected int) {
	t.Helper()
	if got.Rows != rows || got.Imported != imported || got.Updated != updated || got.Unchanged != unchanged || got.Rejected != rejected || got.ID == "" {
		t.Errorf("%s: %+v, want rows %d imported %d updated %d unchanged %d rejected %d", what, got, rows, imported, updated, unchanged, rejected)
	}
}

func wantReport(t *testing.T, what string, got, want [][]string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d rows, want %d:\n%q", what, len(got), len(want), got)
		return
	}
	for i := range want {
		if !slices.Equal(got[i], want[i]) {
			t.Errorf("%s row %d = %q, want %q", what, i, got[i], want[i])
		}
	}
}

func TestImportMessyCSVFile(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		darsono(t, f)
		dir := t.TempDir()
		path := writeMessyCSV(t, dir, "data desa.csv", messyData)
		res, err := f.reg.ImportFile(f.ctx, f.regional, path, "", nil)
		if err != nil {
			t.Fatal(err)
		}
		wantResult(t, "messy CSV", res, 8, 3, 0, 0, 5)
		checkMessyStored(t, f, d)
		job, err := f.reg.ImportJob(f.ctx, f.regional, res.ID)
		if err != nil || job.Status != "done" || job.FileName != "data desa.csv" || job.Result.Imported != 3 || job.Result.Rejected != 5 || job.Error != "" {
			t.Errorf("job = %+v, %v", job, err)
		}
		// (e) the report, translated, with the file's own line numbers and headers.
		for _, lang := range []string{"en", "id"} {
			wantReport(t, "report "+lang, report(t, f, f.regional, res.ID, lang), messyReport[lang])
		}

		// (c) The same file again changes nothing.
		res, err = f.reg.ImportFile(f.ctx, f.regional, path, "", nil)
		if err != nil {
			t.Fatal(err)
		}
		wantResult(t, "re-import", res, 8, 0, 0, 3, 5)
		wantReport(t, "re-import report", report(t, f, f.regional, res.ID, "en"), messyReport["en"])
		checkMessyStored(t, f, d)

		// One changed cell updates that person, audited with before and after.
		changed := make([][]string, len(messyData))
		for i, row := range messyData {
			changed[i] = slices.Clone(row)
		}
		changed[1][0] = "Budi  Santosa" // and a double space the importer folds
		path2 := writeMessyCSV(t, dir, "data desa (2).csv", changed)
		res, err = f.reg.ImportFile(f.ctx, f.regional, path2, "", nil)
		if err != nil {
			t.Fatal(err)
		}
		wantResult(t, "changed cell", res, 8, 0, 1, 2, 5)
		budi, ok := personByNIK(t, f, "3204051505800001")
		if !ok || budi.Person.Name != "Budi Santosa" || !budi.Person.BirthDate.Equal(registry.Date(1980, 5, 15)) {
			t.Fatalf("Budi after the change: %+v", budi.Person)
		}
		hist, err := f.reg.History(f.ctx, f.admin, budi.Person.ID)
		if err != nil || len(hist) == 0 {
			t.Fatalf("history = %v, %v", hist, err)
		}
		var before, after map[string]any
		json.Unmarshal([]byte(hist[0].Before), &before)
		json.Unmarshal([]byte(hist[0].After), &after)
		if hist[0].Action != "update" || hist[0].Entity != "person" || hist[0].ActorName != "bandung" ||
			before["name"] != "Budi Santoso" || after["name"] != "Budi Santosa" || before["nik"] != "3204051505800001" {
			t.Errorf("update audit = %+v", hist[0])
		}
		updates := 0
		for _, h := range hist {
			if h.Action == "update" {
				updates++
			}
		}
		if updates != 1 {
			t.Errorf("%d update entries, want 1: %+v", updates, hist)
		}
		// The others are untouched by the update.
		if siti, _ := personByNIK(t, f, "3204054107850003"); !siti.Person.UpdatedAt.Equal(siti.Person.CreatedAt) {
			t.Errorf("Siti was rewritten: created %v updated %v", siti.Person.CreatedAt, siti.Person.UpdatedAt)
		}
		// A viewer may not read import reports.
		if err := f.reg.WriteRejections(f.ctx, f.viewer, res.ID, "en", func([]string) error { return nil }); err == nil {
			t.Error("viewer read an import report")
		}
	})
}

func TestImportMessyXLSXFile(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		darsono(t, f)
		dir := t.TempDir()
		xpath := writeMessyXLSX(t, dir, "data desa.xlsx", messyData)
		res, err := f.reg.ImportFile(f.ctx, f.regional, xpath, "", nil)
		if err != nil {
			t.Fatal(err)
		}
		wantResult(t, "messy XLSX", res, 8, 3, 0, 0, 5)
		checkMessyStored(t, f, d)
		wantReport(t, "xlsx report", report(t, f, f.regional, res.ID, "en"), messyReport["en"])

		// The CSV of the same rows holds the same records: nothing to change.
		res, err = f.reg.ImportFile(f.ctx, f.regional, writeMessyCSV(t, dir, "data desa.csv", messyData), "", nil)
		if err != nil {
			t.Fatal(err)
		}
		wantResult(t, "CSV after XLSX", res, 8, 0, 0, 3, 5)
		// And the workbook again: unchanged too.
		res, err = f.reg.ImportFile(f.ctx, f.regional, xpath, "", nil)
		if err != nil {
			t.Fatal(err)
		}
		wantResult(t, "XLSX again", res, 8, 0, 0, 3, 5)
	})
}

// demoFile writes exactly persons rows of generated households in Kabupaten
// Bandung to a CSV and returns its path and the distinct family cards in it.
func demoFile(t *testing.T, persons int) (string, int) {
	t.Helper()
	all, err := region.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	var villages []region.Region
	for _, r := range all {
		if strings.HasPrefix(r.Code, "32.04.") && r.Level == region.Village {
			villages = append(villages, r)
		}
	}
	var buf bytes.Buffer
	n, err := demo.WriteCSV(&buf, demo.NewGenerator(7, villages), persons/2, ',')
	if err != nil {
		t.Fatal(err)
	}
	if n < persons {
		t.Fatalf("generated %d persons, want at least %d", n, persons)
	}
	lines := strings.SplitAfter(buf.String(), "\n")[:persons+1]
	kks := map[string]bool{}
	for _, l := range lines[1:] {
		kks[strings.Split(l, ",")[1]] = true
	}
	path := filepath.Join(t.TempDir(), "demo.csv")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "")), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, len(kks)
}

// TestImportCrashSafety stops an import after its second batch, checks that
// only whole batches were kept, then completes it by importing the file again.
func TestImportCrashSafety(t *testing.T) {
	const persons, batch = 5000, 500
	path, families := demoFile(t, persons)
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		src, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer src.Close()
		ctx, cancel := context.WithCancel(f.ctx)
		defer cancel()
		batches := 0
		var stopped registry.ImportResult
		var started string
		indexes := registryIndexes(t, d)
		// Big enough for a bulk load: the indexes it drops must come back.
		opts := registry.ImportOptions{FileName: "demo.csv", BatchSize: batch, TotalRows: persons, BulkMin: 1000, Progress: func(r registry.ImportResult) {
			batches++
			started = r.ID
			if batches == 2 {
				stopped = r
				cancel()
			}
		}}
		rd := newCSVSource(t, src)
		res, err := f.reg.Import(ctx, f.admin, rd, opts)
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("cancelled import returned %v", err)
		}
		if batches != 2 || res.ID != started || stopped.Imported != 2*batch {
			t.Errorf("batches %d, result %+v, at the stop %+v", batches, res, stopped)
		}
		if n := registryIndexes(t, d); n != indexes {
			t.Errorf("%d indexes after the cancelled bulk import, want %d", n, indexes)
		}
		kept := count(t, d, "SELECT COUNT(*) FROM persons")
		if kept < 2*batch || kept%batch != 0 || kept != res.Imported {
			t.Errorf("after the stop %d persons (result %+v), want whole batches of %d", kept, res, batch)
		}
		if n := count(t, d, "SELECT COUNT(*) FROM households h WHERE NOT EXISTS (SELECT 1 FROM persons p WHERE p.household_id = h.id)"); n != 0 {
			t.Errorf("%d households without persons after the stop", n)
		}
		job, err := f.reg.ImportJob(f.ctx, f.admin, res.ID)
		if err != nil || job.Status != "failed" || job.Error == "" || job.FinishedAt.IsZero() || job.Result.Imported != kept {
			t.Errorf("cancelled job = %+v, %v; want status failed", job, err)
		}

		// The same file again, to the end: the rest comes in, nothing twice.
		res2, err := f.reg.ImportFile(f.ctx, f.admin, path, "demo.csv", nil)
		if err != nil {
			t.Fatal(err)
		}
		if res2.Rows != persons || res2.Imported != persons-kept || res2.Unchanged != kept || res2.Updated != 0 || res2.Rejected != 0 {
			t.Errorf("completing import = %+v, want %d new and %d unchanged", res2, persons-kept, kept)
		}
		if n := count(t, d, "SELECT COUNT(*) FROM persons"); n != persons {
			t.Errorf("%d persons after completing, want %d", n, persons)
		}
		if n := count(t, d, "SELECT COUNT(*) - COUNT(DISTINCT nik) FROM persons"); n != 0 {
			t.Errorf("%d duplicate NIKs", n)
		}
		if n := count(t, d, "SELECT COUNT(*) FROM households"); n != families {
			t.Errorf("%d households, want %d", n, families)
		}
		if n := count(t, d, "SELECT COUNT(*) - COUNT(DISTINCT kk) FROM households"); n != 0 {
			t.Errorf("%d duplicate family cards", n)
		}
		job, err = f.reg.ImportJob(f.ctx, f.admin, res2.ID)
		if err != nil || job.Status != "done" || job.Error != "" || job.Result.Imported != persons-kept || job.Result.Unchanged != kept {
			t.Errorf("completed job = %+v, %v; want status done", job, err)
		}
		if got := report(t, f, f.admin, res.ID, "en"); len(got) != 1 {
			t.Errorf("cancelled import's report = %q, want the header only", got)
		}
	})
}

func newCSVSource(t *testing.T, r io.Reader) *csvio.Reader {
	t.Helper()
	rd, err := csvio.NewReader(r)
	if err != nil {
		t.Fatal(err)
	}
	return rd
}

// registryIndexes counts the indexes on the persons and households tables.
func registryIndexes(t *testing.T, d *db.DB) int {
	t.Helper()
	q := "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('persons', 'households')"
	if d.Dialect() == db.Postgres {
		q = "SELECT COUNT(*) FROM pg_indexes WHERE tablename IN ('persons', 'households')"
	}
	return count(t, d, q)
}

// TestBulkImportDefersListIndexes imports a file big enough to defer the list
// indexes: they are gone while it runs, back when it ends (also when it is
// cancelled), and a killed import's missing indexes come back at the next start.
func TestBulkImportDefersListIndexes(t *testing.T) {
	const persons, batch = 1200, 300
	path, _ := demoFile(t, persons)
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		all := registryIndexes(t, d)
		during := -1
		opts := registry.ImportOptions{FileName: "demo.csv", TotalRows: persons, BatchSize: batch, BulkMin: 500,
			Progress: func(registry.ImportResult) {
				if during < 0 {
					during = registryIndexes(t, d)
				}
			}}
		src, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer src.Close()
		res, err := f.reg.Import(f.ctx, f.admin, newCSVSource(t, src), opts)
		if err != nil || res.Imported != persons {
			t.Fatalf("bulk import = %+v, %v", res, err)
		}
		if during != all-9 || registryIndexes(t, d) != all {
			t.Errorf("indexes before %d, during the bulk import %d, after %d; want the 9 list indexes dropped, then back", all, during, registryIndexes(t, d))
		}
		page, err := f.reg.ListPersons(f.ctx, f.admin, registry.Filter{Region: "32.04", PerPage: 5})
		if err != nil || page.Total != persons || len(page.Items) != 5 || registry.NameKey(page.Items[0].Name) > registry.NameKey(page.Items[4].Name) {
			t.Errorf("list after the bulk import: %d of %d, %v", len(page.Items), page.Total, err)
		}

		// The same file again: the table is more than half the file, so no
		// bulk load; the indexes stay.
		during = -1
		if _, err := src.Seek(0, io.SeekStart); err != nil {
			t.Fatal(err)
		}
		if _, err := f.reg.Import(f.ctx, f.admin, newCSVSource(t, src), opts); err != nil {
			t.Fatal(err)
		}
		if during != all {
			t.Errorf("the re-import dropped indexes: %d of %d", during, all)
		}

		// A process killed mid-load leaves them dropped; opening again restores them.
		if err := d.Tx(f.ctx, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(f.ctx, "DROP INDEX persons_name")
			return err
		}); err != nil {
			t.Fatal(err)
		}
		if err := f.reg.EnsureIndexes(f.ctx); err != nil || registryIndexes(t, d) != all {
			t.Errorf("after EnsureIndexes %d indexes of %d, %v", registryIndexes(t, d), all, err)
		}
	})
}

// TestListPagingOrderAndTotals pages through a filtered list in every sort
// order: pages join up without a gap or a repeat, in order, and the total is
// exact on the last page and past the end.
func TestListPagingOrderAndTotals(t *testing.T) {
	const persons = 400
	path, _ := demoFile(t, persons)
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		if _, err := f.reg.ImportFile(f.ctx, f.admin, path, "demo.csv", nil); err != nil {
			t.Fatal(err)
		}
		all, err := f.reg.ListPersons(f.ctx, f.admin, registry.Filter{Sex: registry.Female, AgeMin: 18, PerPage: registry.MaxPerPage})
		if err != nil || all.Total == 0 || all.Total > registry.MaxPerPage || all.TotalMore {
			t.Fatalf("women of 18 and over: %d (more %v), %v", all.Total, all.TotalMore, err)
		}
		key := map[string]func(registry.Person) string{
			"name": func(p registry.Person) string {
				return registry.NameKey(p.Name) + "\x00" + string(p.Sex) + "\x00" + p.BirthDate.Format("2006-01-02")
			},
			"birth_date": func(p registry.Person) string { return p.BirthDate.Format("2006-01-02") },
			"updated":    func(p registry.Person) string { return p.UpdatedAt.Format(time.RFC3339Nano) },
		}
		for sort, k := range key {
			for _, desc := range []bool{false, true} {
				var got []registry.Person
				for n := 1; ; n++ {
					page, err := f.reg.ListPersons(f.ctx, f.admin, registry.Filter{Sex: registry.Female, AgeMin: 18, Sort: sort, Desc: desc, Page: n, PerPage: 7})
					if err != nil {
						t.Fatal(err)
					}
					if page.Total != all.Total || page.TotalMore {
						t.Errorf("%s page %d: total %d (more %v), want %d", sort, n, page.Total, page.TotalMore, all.Total)
					}
					if len(page.Items) == 0 {
						break
					}
					got = append(got, page.Items...)
				}
				seen := map[string]bool{}
				for i, p := range got {
					if seen[p.ID] || p.Sex != registry.Female {
						t.Fatalf("%s desc=%v: %s twice or not a woman", sort, desc, p.Name)
					}
					seen[p.ID] = true
					if i > 0 && (k(got[i-1]) > k(p)) != desc && k(got[i-1]) != k(p) {
						t.Errorf("%s desc=%v: %q before %q", sort, desc, k(got[i-1]), k(p))
					}
				}
				if len(got) != all.Total {
					t.Errorf("%s desc=%v: %d persons over all pages, want %d", sort, desc, len(got), all.Total)
				}
			}
		}
	})
}
