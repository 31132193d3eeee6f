package web_test

import (
	"bytes"
	"context"
	"html/template"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/i18n"
	"github.com/berdaya/berdaya/internal/ppisurvey"
	"github.com/xuri/excelize/v2"
)

// TestSurveyImportPage downloads a round's template, uploads a workbook
// with good and bad rows, checks what the page says and what was stored,
// uploads it again, and checks who may not.
func TestSurveyImportPage(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *env) {
		f := newSurveyFixture(t, e)
		base := "/surveys/" + f.round.ID + "/import"
		b := e.browser()
		b.login("admin", adminPassword)
		page := b.mustGet(base, "Impor wawancara", base+"/template.xlsx", `enctype="multipart/form-data"`, "Kolom berkas",
			"diisi dari registrasi", template.HTMLEscapeString(f.card.Questions[1].TextID))
		if strings.Contains(page, "svi.") {
			t.Error("import page has an untranslated key")
		}
		checkTemplate(t, b, base+"/template.xlsx", e, f)

		data := svImportWorkbook(t, e, f)
		fields := url.Values{"csrf": {b.csrf}}
		res, body := b.uploadTo(base, fields, "wawancara.xlsx", string(data))
		if res.StatusCode != http.StatusOK {
			t.Fatalf("upload = %d: %s", res.StatusCode, body)
		}
		wantIn(t, "result", body, "6 baris dibaca: 2 diimpor, 0 tidak berubah, 1 dilewati (belum diisi), 3 ditolak.",
			`data-label="Baris">4<`, `data-label="Baris">5<`, `data-label="Baris">6<`, svEscape("3.20405E+15"),
			svEscape(i18n.T("id", "ppisurvey.err.answer_number")), svEscape(i18n.T("id", "id.err.scientific")),
			svEscape(i18n.T("id", "ppisurvey.err.import_duplicate", 2)))
		svCheckStored(t, e, f)

		res, body = b.uploadTo(base, fields, "wawancara.xlsx", string(data))
		if res.StatusCode != http.StatusOK || !strings.Contains(body, "6 baris dibaca: 0 diimpor, 2 tidak berubah, 1 dilewati (belum diisi), 3 ditolak.") {
			t.Errorf("second upload = %d", res.StatusCode)
		}
		svCheckStored(t, e, f)

		// A file without a question's column is refused as a whole, naming it.
		res, body = b.uploadTo(base, fields, "wawancara.csv", "unit_id;date;q2;q3\n"+f.units[5].ID+";01/11/2026;E;B\n")
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Kolom q4, q5, q6, q7, q8, q9, q10 tidak ada di berkas") {
			t.Errorf("file without q4..q10 = %d", res.StatusCode)
		}

		// A viewer may not import, nor fetch the template.
		e.addUser("pembaca", access.Viewer, "32.04")
		v := e.browser()
		v.login("pembaca", "sandi-pembaca")
		for _, path := range []string{base, base + "/template.xlsx"} {
			if status, _ := v.get(path); status != http.StatusForbidden {
				t.Errorf("viewer GET %s = %d", path, status)
			}
		}
		if res, _ := v.uploadTo(base, url.Values{"csrf": {v.csrf}}, "wawancara.xlsx", string(data)); res.StatusCode != http.StatusForbidden {
			t.Errorf("viewer upload = %d", res.StatusCode)
		}
	})
}

// svEscape is text as html/template writes it between tags.
func svEscape(s string) string {
	return strings.ReplaceAll(template.HTMLEscapeString(s), "+", "&#43;")
}

// svYesterday is a date every engine's clock accepts as past, dd/mm/yyyy.
func svYesterday() string { return i18n.Date(time.Now().AddDate(0, 0, -1)) }

// svImportWorkbook is a clerk's workbook: two good rows (one in lower case,
// one by NIK), an answer as a number, a NIK Excel ruined, a household
// twice, and one not filled in.
func svImportWorkbook(t *testing.T, e *env, f svFixture) []byte {
	t.Helper()
	x := excelize.NewFile()
	defer x.Close()
	rows := [][]any{
		{"unit_id", "nik", "date", "q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9", "q10", "catatan"},
		{f.units[0].ID, nil, svYesterday(), nil, "e", "b", "c", "b", "b", "b", "b", "b", "b", "kertas"},
		{nil, svNIK(t, e, f.units[1]), svYesterday(), nil, "C", "A", "C", "B", "B", "B", "B", "B", "B"},
		{f.units[2].ID, nil, svYesterday(), nil, "E", "2", "C", "B", "B", "B", "B", "B", "B"},
		{nil, "3.20405E+15", svYesterday(), nil, "E", "B", "C", "B", "B", "B", "B", "B", "B"},
		{f.units[0].ID, nil, svYesterday(), nil, "E", "B", "C", "B", "B", "B", "B", "B", "B"},
		{f.units[4].ID, nil, nil, "L"},
	}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := x.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if _, err := x.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// svNIK is the NIK of the head of a sampled household.
func svNIK(t *testing.T, e *env, u ppisurvey.Unit) string {
	t.Helper()
	persons, err := e.m.Registry.PersonsByID(context.Background(), e.admin, []string{u.PersonID})
	if err != nil || persons[u.PersonID].NIK == "" {
		t.Fatalf("head of %s: %v", u.ID, err)
	}
	return persons[u.PersonID].NIK
}

// svCheckStored checks the two good rows' interviews and their scores on
// the national line (Jawa Barat: poorest 2, middle 17; see
// internal/ppisurvey's tests), and that the refused row left none.
func svCheckStored(t *testing.T, e *env, f svFixture) {
	t.Helper()
	ctx := context.Background()
	for i, want := range []int{2, 17} {
		iv, _, err := e.m.Surveys.InterviewOfUnit(ctx, e.admin, f.units[i].ID)
		if err != nil || iv.Scores[0].Line != "nl100" || iv.Scores[0].Score != want || i18n.Date(iv.Date) != svYesterday() {
			t.Errorf("interview of unit %d: %+v, %v; want score %d", i, iv, err, want)
		}
	}
	if _, _, err := e.m.Surveys.InterviewOfUnit(ctx, e.admin, f.units[2].ID); err == nil {
		t.Error("the refused row was stored")
	}
}

// checkTemplate downloads the template and checks its sheets: the sampled
// households not interviewed yet with the province filled in, then the
// answer codes.
func checkTemplate(t *testing.T, b *browser, path string, e *env, f svFixture) {
	t.Helper()
	res, err := b.c.Get(b.e.srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK || !strings.Contains(res.Header.Get("Content-Disposition"), "wawancara-survei-ppi-2026.xlsx") {
		t.Fatalf("template = %d %q", res.StatusCode, res.Header.Get("Content-Disposition"))
	}
	x, err := excelize.OpenReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if got := strings.Join(x.GetSheetList(), "|"); got != "Wawancara|Kode jawaban" {
		t.Fatalf("sheets %s", got)
	}
	rows, _ := x.GetRows("Wawancara")
	if got := strings.Join(rows[0], ","); got != "unit_id,nik,name,village,date,q1,q2,q3,q4,q5,q6,q7,q8,q9,q10" {
		t.Errorf("header %s", got)
	}
	if len(rows) != 1+len(f.units) {
		t.Fatalf("%d rows, want the %d sampled households", len(rows)-1, len(f.units))
	}
	for i, u := range f.units {
		row := rows[i+1]
		if row[0] != u.ID || row[1] != svNIK(t, e, u) || !strings.HasPrefix(row[2], "Kepala Keluarga") || row[3] != "Cileunyi Kulon" ||
			row[4] != "" || row[5] != svProvince(f) {
			t.Errorf("row %d = %v, want unit %s", i+1, row, u.ID)
		}
	}
	codes, _ := x.GetRows("Kode jawaban")
	if len(codes) < 40 || codes[0][0] != "Kolom" || codes[1][0] != "q1" || codes[1][3] != "A" || codes[1][1] != f.card.Questions[0].TextID {
		t.Errorf("codes sheet starts %v", codes[:2])
	}
}

// svProvince is the 2023 card's code for Jawa Barat.
func svProvince(f svFixture) string {
	for _, a := range f.card.Questions[0].Answers {
		if strings.EqualFold(strings.ReplaceAll(a.Text, " ", ""), "JawaBarat") {
			return a.Code
		}
	}
	return ""
}
