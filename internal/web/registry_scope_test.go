package web_test

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/csvio"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/i18n"
	"github.com/berdaya/berdaya/internal/registry"
	"github.com/xuri/excelize/v2"
)

// Names and numbers of the records outside Kabupaten Bandung: none of them may
// show up anywhere a user scoped to 32.04 looks.
const (
	outName = "Soekardjo" // "Wagino Soekardjo", two records in Cilacap (33.01)
	outNIK1 = "3301010101900001"
	outNIK2 = "3301010101900002"
	outKK   = "3301010101150001"
	sitiNIK = "3204054107850003"
	sitiKK  = "3204051203100007"
	// What roles without identifier access see.
	sitiNIKMasked = "3204********0003"
	sitiKKMasked  = "3204********0007"
)

// regFixture is a registry with records in and out of Kabupaten Bandung, and
// three users scoped to it: an admin, a facilitator and a viewer.
type regFixture struct {
	e                                   *env
	adminTok, facilTok, viewerTok       string
	siti, sitti, wagino, out1, out2     registry.Person
	sitiHousehold, outHousehold, inside string
}

func newRegFixture(t *testing.T, e *env) *regFixture {
	t.Helper()
	f := &regFixture{e: e}
	_, f.adminTok = e.addUser("bandung", access.Admin, "32.04")
	_, f.facilTok = e.addUser("fasil", access.Facilitator, "32.04")
	_, f.viewerTok = e.addUser("pembaca", access.Viewer, "32.04")
	mk := func(nik, kk, name, sex, birth, village string) registry.Person {
		p, err := e.m.Registry.CreatePerson(context.Background(), e.admin, registry.PersonInput{NIK: nik, KK: kk, Name: name, Sex: sex,
			BirthDate: birth, VillageCode: village, Address: "Jl. Uji 1"})
		if err != nil {
			t.Fatalf("create %s: %v", name, err)
		}
		return p
	}
	// Wagino Sukarjo in Cileunyi is made first: his name folds to the same key as
	// the Cilacap records' and he has the smaller ID, so a duplicate search that
	// filters only one side of a pair would pair him with them.
	f.wagino = mk("3204050101900003", "3204050101150002", "Wagino Sukarjo", "L", "01/01/1990", "3204052001")
	f.siti = mk(sitiNIK, sitiKK, "Siti Aminah", "P", "01/07/1985", "3204052001")
	f.sitti = mk("3204054107850005", sitiKK, "Sitti Aminah", "P", "01/07/1985", "3204052001")
	time.Sleep(2 * time.Millisecond)
	f.out1 = mk(outNIK1, outKK, "Wagino "+outName, "L", "01/01/1990", "3301012001")
	f.out2 = mk(outNIK2, outKK, "Wagino "+outName, "L", "01/01/1990", "3301012001")
	f.sitiHousehold, f.outHousehold, f.inside = f.siti.HouseholdID, f.out1.HouseholdID, f.wagino.HouseholdID
	return f
}

// leaks reports whether a response shows anything of the Cilacap records.
func (f *regFixture) leaks(body string) bool {
	for _, s := range []string{outName, outNIK1, outNIK2, outKK, f.out1.ID, f.out2.ID, f.outHousehold, "33.01.01"} {
		if strings.Contains(body, s) {
			return true
		}
	}
	return false
}

// leaksOn is leaks for a page, which may echo its own path and query (in
// links, the search box and the language form's "next").
func (f *regFixture) leaksOn(path, body string) bool {
	u, err := url.Parse(path)
	if err != nil {
		panic(err)
	}
	body = strings.ReplaceAll(body, u.Path, "")
	for _, vs := range u.Query() {
		for _, v := range vs {
			body = strings.ReplaceAll(body, v, "")
		}
	}
	return f.leaks(body)
}

// unchanged checks, as the national admin, that the Cilacap records are as made.
func (f *regFixture) unchanged(t *testing.T) {
	t.Helper()
	for _, p := range []registry.Person{f.out1, f.out2} {
		det, err := f.e.m.Registry.GetPerson(context.Background(), f.e.admin, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if det.Person.Name != p.Name || det.Person.VillageCode != "33.01.01.2001" || det.Person.NIK != p.NIK || det.MergedInto != "" ||
			!det.Person.UpdatedAt.Equal(p.UpdatedAt) || det.Household.KK != outKK || len(det.Members) != 2 {
			t.Errorf("out-of-scope record changed: %+v (merged into %q, %d members)", det.Person, det.MergedInto, len(det.Members))
		}
	}
	page, err := f.e.m.Registry.ListPersons(context.Background(), f.e.admin, registry.Filter{Region: "33"})
	if err != nil || page.Total != 2 {
		t.Errorf("persons in 33 = %d, %v; want the two made", page.Total, err)
	}
}

// csvRows parses a downloaded CSV (Excel's dialect).
func csvRows(t *testing.T, body string) [][]string {
	t.Helper()
	rd, err := csvio.NewReader(strings.NewReader(body))
	if err != nil {
		t.Fatalf("not a CSV: %v\n%s", err, body)
	}
	out := [][]string{rd.Header()}
	for {
		_, cells, err := rd.Next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, cells)
	}
}

// xlsxRows parses a downloaded workbook's first sheet.
func xlsxRows(t *testing.T, body string) [][]string {
	t.Helper()
	wb, err := excelize.OpenReader(strings.NewReader(body))
	if err != nil {
		t.Fatalf("not a workbook: %v", err)
	}
	defer wb.Close()
	rows, err := wb.GetRows(wb.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// column returns column i of rows after the header.
func column(rows [][]string, i int) []string {
	var out []string
	for _, r := range rows[1:] {
		if i < len(r) {
			out = append(out, r[i])
		}
	}
	slices.Sort(out)
	return out
}

func wantTotal(t *testing.T, what string, status int, body map[string]any, want int) {
	t.Helper()
	if status != http.StatusOK || body["total"] != float64(want) {
		t.Errorf("%s = %d total %v, want %d", what, status, body["total"], want)
	}
}

// personForm is a filled-in person form.
func personForm(in registry.PersonInput) url.Values {
	return url.Values{"nik": {in.NIK}, "kk": {in.KK}, "name": {in.Name}, "sex": {in.Sex}, "birth_date": {in.BirthDate},
		"village_code": {in.VillageCode}, "address": {in.Address}, "consent": {"1"}, "consent_date": {"01/11/2026"}}
}

func TestRegistryAPIScope(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *env) {
		f := newRegFixture(t, e)
		status, body := e.api("GET", "/api/v1/persons", e.adminToken, nil)
		wantTotal(t, "national GET /persons", status, body, 5)

		for who, tok := range map[string]string{"admin 32.04": f.adminTok, "facilitator 32.04": f.facilTok} {
			// Lists hold only Bandung, whatever the filter.
			for path, want := range map[string]int{
				"/api/v1/persons": 3, "/api/v1/persons?region=33.01": 0, "/api/v1/persons?region=3301012001": 0,
				"/api/v1/persons?q=" + outNIK1: 0, "/api/v1/persons?q=wagino": 1, "/api/v1/persons?q=" + outName: 1, // a spelling variant of Wagino Sukarjo
				"/api/v1/persons?per_page=200&sort=updated&desc=1": 3,
				"/api/v1/households": 2, "/api/v1/households?kk=" + outKK: 0, "/api/v1/households?region=33": 0,
			} {
				code, raw := e.fetch("GET", path, tok, nil)
				status, body := e.api("GET", path, tok, nil)
				wantTotal(t, who+" GET "+path, status, body, want)
				if code != http.StatusOK || f.leaks(raw) {
					t.Errorf("%s GET %s = %d and shows a Cilacap record: %s", who, path, code, raw)
				}
			}
			// By ID: not found, in the API's error shape, and nothing told.
			for _, path := range []string{"/api/v1/persons/" + f.out1.ID, "/api/v1/persons/" + f.out2.ID, "/api/v1/households/" + f.outHousehold} {
				code, raw := e.fetch("GET", path, tok, nil)
				status, body := e.api("GET", path, tok, nil)
				wantAPIError(t, who+" GET "+path, status, body, http.StatusNotFound, errs.NotFound)
				if code != http.StatusNotFound || f.leaks(raw) {
					t.Errorf("%s GET %s = %d %s", who, path, code, raw)
				}
			}
			// Changing them: moved into Bandung or left in Cilacap, both refused.
			moved := registry.PersonInput{NIK: outNIK1, KK: sitiKK, Name: "Diubah", Sex: "L", BirthDate: "01/01/1990", VillageCode: "3204052001"}
			status, body = e.api("PUT", "/api/v1/persons/"+f.out1.ID, tok, moved)
			wantAPIError(t, who+" PUT out-of-scope person into scope", status, body, http.StatusNotFound, errs.NotFound)
			stay := registry.PersonInput{NIK: outNIK1, KK: outKK, Name: "Diubah", Sex: "L", BirthDate: "01/01/1990", VillageCode: "3301012001"}
			status, body = e.api("PUT", "/api/v1/persons/"+f.out1.ID, tok, stay)
			if status != http.StatusNotFound && status != http.StatusForbidden {
				t.Errorf("%s PUT out-of-scope person in place = %d %v", who, status, body)
			}
			// Moving an own record out, or creating one outside, is forbidden.
			away := registry.PersonInput{NIK: sitiNIK, KK: sitiKK, Name: "Siti Aminah", Sex: "P", BirthDate: "01/07/1985", VillageCode: "3301012001"}
			status, body = e.api("PUT", "/api/v1/persons/"+f.siti.ID, tok, away)
			wantAPIError(t, who+" PUT move out of scope", status, body, http.StatusForbidden, errs.Forbidden)
			status, body = e.api("POST", "/api/v1/persons", tok, registry.PersonInput{NIK: "3301014101920002", KK: outKK, Name: "Sri Banyumas",
				Sex: "P", BirthDate: "01/01/1992", VillageCode: "33.01.01.2001"})
			wantAPIError(t, who+" POST in 33.01", status, body, http.StatusForbidden, errs.Forbidden)
			// Joining the Cilacap family card from Bandung is refused too.
			status, body = e.api("POST", "/api/v1/persons", tok, registry.PersonInput{NIK: "3204056203950004", KK: outKK, Name: "Rina Wati",
				Sex: "P", BirthDate: "22/03/1995", VillageCode: "3204052001"})
			if status != http.StatusForbidden || f.leaks(strings.Join(mapValues(body), " ")) {
				t.Errorf("%s POST into an out-of-scope family card = %d %v", who, status, body)
			}
		}
		f.unchanged(t)
		status, body = e.api("GET", "/api/v1/persons", e.adminToken, nil)
		wantTotal(t, "national GET /persons afterwards", status, body, 5)
		if status, body := e.api("GET", "/api/v1/persons/"+f.siti.ID, e.adminToken, nil); status != http.StatusOK ||
			body["person"].(map[string]any)["village_code"] != "32.04.05.2001" {
			t.Errorf("Siti after refused move = %d %v", status, body)
		}
	})
}

func mapValues(m map[string]any) []string {
	var out []string
	for _, v := range m {
		if mm, ok := v.(map[string]any); ok {
			out = append(out, mapValues(mm)...)
		} else if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func TestRegistryPagesScope(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *env) {
		f := newRegFixture(t, e)
		admin, facil := e.browser(), e.browser()
		admin.login("bandung", "sandi-bandung")
		facil.login("fasil", "sandi-fasil")

		for who, b := range map[string]*browser{"admin 32.04": admin, "facilitator 32.04": facil} {
			for _, path := range []string{"/persons", "/persons?region=33.01", "/persons?q=" + outNIK1, "/persons?q=wagino", "/persons?sort=updated&desc=1"} {
				status, body := b.get(path)
				if status != http.StatusOK || f.leaksOn(path, body) {
					t.Errorf("%s GET %s = %d, shows a Cilacap record: %v", who, path, status, f.leaksOn(path, body))
				}
			}
			if _, body := b.get("/persons"); !strings.Contains(body, "Siti Aminah") || !strings.Contains(body, "Wagino Sukarjo") {
				t.Errorf("%s: the list misses Bandung records", who)
			}
			// Exports: the same three records, as CSV and as a workbook (one
			// workbook only: excelize makes each cost about a second).
			paths := []string{"/persons/export.csv", "/persons/export.csv?region=33"}
			if b == admin {
				paths = append(paths, "/persons/export.xlsx")
			}
			for _, path := range paths {
				status, body := b.get(path)
				if status != http.StatusOK || f.leaks(body) && !strings.HasSuffix(path, "xlsx") {
					t.Errorf("%s GET %s = %d", who, path, status)
					continue
				}
				var rows [][]string
				if strings.Contains(path, "xlsx") {
					rows = xlsxRows(t, body)
				} else {
					rows = csvRows(t, body)
				}
				want := []string{"Siti Aminah", "Sitti Aminah", "Wagino Sukarjo"}
				if strings.Contains(path, "region=33") {
					want = nil
				}
				if got := column(rows, 2); rows[0][0] != "nik" || !slices.Equal(got, want) || f.leaks(strings.Join(slices.Concat(rows...), " ")) {
					t.Errorf("%s GET %s names %q, want %q", who, path, got, want)
				}
			}
			// One record by ID, its form and its household: not found.
			for _, path := range []string{"/persons/" + f.out1.ID, "/persons/" + f.out1.ID + "/edit", "/households/" + f.outHousehold} {
				status, body := b.get(path)
				if status != http.StatusNotFound || f.leaksOn(path, body) {
					t.Errorf("%s GET %s = %d", who, path, status)
				}
			}
			b.get("/persons/new")
			// Editing one: refused, whether moved into Bandung or left where it is.
			for _, v := range []string{"3204052001", "3301012001"} {
				res, body := b.post("/persons/"+f.out1.ID, personForm(registry.PersonInput{NIK: outNIK1, KK: outKK, Name: "Diubah Web",
					Sex: "L", BirthDate: "01/01/1990", VillageCode: v}))
				if res.StatusCode != http.StatusNotFound && res.StatusCode != http.StatusForbidden || res.Header.Get("Location") != "" {
					t.Errorf("%s POST /persons/{out} village %s = %d %s", who, v, res.StatusCode, res.Header.Get("Location"))
				}
				_ = body
			}
			// Creating one in Cilacap: forbidden, and the form comes back.
			res, body := b.post("/persons", personForm(registry.PersonInput{NIK: "3301014101920002", KK: "3301010101150003", Name: "Sri Banyumas",
				Sex: "P", BirthDate: "01/01/1992", VillageCode: "33.01.01.2001"}))
			if res.StatusCode != http.StatusForbidden || res.Header.Get("Location") != "" || !strings.Contains(body, "Sri Banyumas") {
				t.Errorf("%s POST /persons in 33.01 = %d %s", who, res.StatusCode, res.Header.Get("Location"))
			}
		}
		if page, _ := e.m.Registry.ListPersons(context.Background(), e.admin, registry.Filter{Query: "Sri Banyumas"}); page.Total != 0 {
			t.Error("a person was created outside the scope through the web")
		}

		// Duplicates: the Bandung admin sees the Bandung pair, never a Cilacap record.
		status, body := admin.get("/duplicates")
		if status != http.StatusOK || !strings.Contains(body, "Sitti Aminah") || f.leaks(body) {
			t.Errorf("admin 32.04 GET /duplicates = %d, Bandung pair shown %v, Cilacap shown %v", status, strings.Contains(body, "Sitti Aminah"), f.leaks(body))
		}
		pairs, err := e.m.Registry.Duplicates(context.Background(), access.Principal{OrgID: e.admin.OrgID, UserID: "x", Role: access.Admin, Scope: "32.04"})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range pairs {
			if !strings.HasPrefix(p.A.VillageCode, "32.04.") || !strings.HasPrefix(p.B.VillageCode, "32.04.") {
				t.Errorf("scoped duplicate pair %s (%s) / %s (%s)", p.A.Name, p.A.VillageCode, p.B.Name, p.B.VillageCode)
			}
		}
		// Merging: an out-of-scope pair, or a pair with one out-of-scope record, is not found.
		for _, pair := range [][2]string{{f.out1.ID, f.out2.ID}, {f.wagino.ID, f.out1.ID}, {f.out1.ID, f.wagino.ID}} {
			res, body := admin.post("/duplicates/merge", url.Values{"keep": {pair[0]}, "drop": {pair[1]}})
			if res.StatusCode != http.StatusNotFound || res.Header.Get("Location") != "" || f.leaks(body) {
				t.Errorf("merge %v = %d %s", pair, res.StatusCode, res.Header.Get("Location"))
			}
		}
		// The facilitator may neither review nor merge.
		if status, _ := facil.get("/duplicates"); status != http.StatusForbidden {
			t.Errorf("facilitator GET /duplicates = %d", status)
		}
		res, _ := facil.post("/duplicates/merge", url.Values{"keep": {f.siti.ID}, "drop": {f.sitti.ID}})
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("facilitator merge = %d", res.StatusCode)
		}
		f.unchanged(t)
		if det, _ := e.m.Registry.GetPerson(context.Background(), e.admin, f.sitti.ID); det.MergedInto != "" {
			t.Error("the facilitator merged a pair")
		}
		// In scope, merging works.
		res, _ = admin.post("/duplicates/merge", url.Values{"keep": {f.siti.ID}, "drop": {f.sitti.ID}})
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/persons/"+f.siti.ID {
			t.Errorf("in-scope merge = %d %s", res.StatusCode, res.Header.Get("Location"))
		}
	})
}

// upload posts a file to /import as the page's form does; withToken false
// leaves the CSRF token out.
func (b *browser) upload(name, content string, withToken bool) (*http.Response, string) {
	b.e.t.Helper()
	fields := url.Values{}
	if withToken {
		fields.Set("csrf", b.csrf)
	}
	return b.uploadTo("/import", fields, name, content)
}

// uploadTo posts a multipart form with fields and one file to path.
func (b *browser) uploadTo(path string, fields url.Values, name, content string) (*http.Response, string) {
	b.e.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range fields {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	fw, _ := mw.CreateFormFile("file", name)
	io.WriteString(fw, content)
	mw.Close()
	req, _ := http.NewRequest("POST", b.e.srv.URL+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Origin", b.e.srv.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	res, err := b.c.Do(req)
	if err != nil {
		b.e.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	return res, string(raw)
}

// waitImport waits for a background import to end and returns the job.
func (e *env) waitImport(id string) registry.ImportJob {
	e.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		job, err := e.m.Registry.ImportJob(context.Background(), e.admin, id)
		if err != nil {
			e.t.Fatal(err)
		}
		if job.Status != "running" {
			return job
		}
		if time.Now().After(deadline) {
			e.t.Fatalf("import %s did not finish", id)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// scopeImportCSV: one good row, then a row in Cilacap, a row that reuses a
// Cilacap person's NIK and a row that joins a Cilacap family card.
const scopeImportCSV = "NIK;No KK;Nama;Jenis Kelamin;Tanggal Lahir;Kode Wilayah\r\n" +
	"3204051203880001;3204051203100007;Rahmat Hidayat;L;12/03/1988;3204052001\r\n" +
	"3301014101920002;3301010101150001;Sri Banyumas;P;01/01/1992;3301012001\r\n" +
	"3301010101900001;3204051203100007;Wagino Pindah;L;01/01/1990;3204052001\r\n" +
	"3204056203950004;3301010101150001;Rina Wati;P;22/03/1995;3204052001\r\n"

func TestRegistryImportScope(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *env) {
		f := newRegFixture(t, e)
		facil := e.browser()
		facil.login("fasil", "sandi-fasil")
		if status, _ := facil.get("/import"); status != http.StatusOK || facil.csrf == "" {
			t.Fatalf("GET /import = %d", status)
		}
		res, body := facil.upload("data.csv", scopeImportCSV, true)
		id := strings.TrimPrefix(res.Header.Get("Location"), "/import/")
		if res.StatusCode != http.StatusSeeOther || id == "" || strings.Contains(id, "/") {
			t.Fatalf("POST /import = %d %q %s", res.StatusCode, res.Header.Get("Location"), body)
		}
		job := e.waitImport(id)
		if job.Status != "done" || job.Result.Imported != 1 || job.Result.Rejected != 3 || job.Result.Updated != 0 {
			t.Errorf("job = %+v", job)
		}
		if status, body := facil.get("/import/" + id); status != http.StatusOK || !strings.Contains(body, "data.csv") {
			t.Errorf("own import page = %d", status)
		}
		status, body := facil.get("/import/" + id + "/errors.csv")
		want := [][]string{
			{"Baris", "Kolom", "Isi", "Alasan"},
			{"3", "Kode Wilayah", "3301012001", "Di luar wilayah kerja Anda."},
			{"4", "NIK", outNIK1, i18n.T("id", "import.err.nik_out_of_scope")},
			{"5", "No KK", outKK, i18n.T("id", "person.err.kk_out_of_scope")},
		}
		if status != http.StatusOK {
			t.Fatalf("errors.csv = %d", status)
		}
		// Rows refused on reading come first, those refused on writing after.
		if got := csvRows(t, body); !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("error report:\n%q\nwant\n%q", got, want)
		}
		if status, body := facil.get("/import/" + id + "/errors.xlsx"); status != http.StatusOK || len(xlsxRows(t, body)) != 4 {
			t.Errorf("errors.xlsx = %d", status)
		}
		f.unchanged(t)
		for _, name := range []string{"Sri Banyumas", "Rina Wati", "Wagino Pindah"} {
			if page, _ := e.m.Registry.ListPersons(context.Background(), e.admin, registry.Filter{Query: name}); page.Total != 0 {
				t.Errorf("refused row %s was stored", name)
			}
		}
		if page, _ := e.m.Registry.ListPersons(context.Background(), e.admin, registry.Filter{Query: "Rahmat Hidayat"}); page.Total != 1 {
			t.Error("the good row was not imported")
		}

		// Someone else's import: not found for a facilitator, page and reports alike.
		path := filepath.Join(t.TempDir(), "nasional.csv")
		os.WriteFile(path, []byte("NIK;No KK;Nama;Jenis Kelamin;Tanggal Lahir;Kode Wilayah\r\n"+
			"3204056203950004;3204050101200003;Rina Wati;P;22/03/1995;3204059999\r\n"), 0o644)
		other, err := e.m.Registry.ImportFile(context.Background(), e.admin, path, "nasional.csv", nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{"/import/" + other.ID, "/import/" + other.ID + "/errors.csv", "/import/" + other.ID + "/errors.xlsx"} {
			status, body := facil.get(p)
			if status != http.StatusNotFound || strings.Contains(body, "nasional.csv") {
				t.Errorf("facilitator GET %s = %d", p, status)
			}
		}
		if _, body := facil.get("/import"); strings.Contains(body, other.ID) || strings.Contains(body, "nasional.csv") || !strings.Contains(body, id) {
			t.Error("the facilitator's recent imports show another user's import, or miss their own")
		}
		// The viewer may not import at all.
		viewer := e.browser()
		viewer.login("pembaca", "sandi-pembaca")
		for _, p := range []string{"/import", "/import/" + id, "/import/" + id + "/errors.csv"} {
			if status, _ := viewer.get(p); status != http.StatusForbidden {
				t.Errorf("viewer GET %s = %d", p, status)
			}
		}
	})
}

func TestRegistryRolesAndValidation(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *env) {
		f := newRegFixture(t, e)
		// The viewer sees masked identifiers in the API...
		for _, path := range []string{"/api/v1/persons", "/api/v1/persons/" + f.siti.ID, "/api/v1/households", "/api/v1/households/" + f.sitiHousehold} {
			status, raw := e.fetch("GET", path, f.viewerTok, nil)
			if status != http.StatusOK || strings.Contains(raw, sitiNIK) || strings.Contains(raw, sitiKK) || f.leaks(raw) {
				t.Errorf("viewer GET %s = %d shows an identifier: %s", path, status, raw)
			}
		}
		_, body := e.api("GET", "/api/v1/persons/"+f.siti.ID, f.viewerTok, nil)
		if body["person"].(map[string]any)["nik"] != sitiNIKMasked || body["household"].(map[string]any)["kk"] != sitiKKMasked {
			t.Errorf("viewer's person = %v", body)
		}
		_, body = e.api("GET", "/api/v1/persons?q=siti", f.viewerTok, nil)
		if items, _ := body["items"].([]any); len(items) != 2 || !slices.ContainsFunc(items, func(it any) bool { return it.(map[string]any)["nik"] == sitiNIKMasked }) {
			t.Errorf("viewer's list = %v", body)
		}
		// ...and may not write.
		status, body := e.api("POST", "/api/v1/persons", f.viewerTok, registry.PersonInput{NIK: "3204051203880001", KK: sitiKK, Name: "Rahmat",
			Sex: "L", BirthDate: "12/03/1988", VillageCode: "3204052001"})
		wantAPIError(t, "viewer POST /persons", status, body, http.StatusForbidden, errs.Forbidden)
		status, body = e.api("PUT", "/api/v1/persons/"+f.siti.ID, f.viewerTok, registry.PersonInput{NIK: sitiNIK, KK: sitiKK, Name: "Siti Diubah",
			Sex: "P", BirthDate: "01/07/1985", VillageCode: "3204052001"})
		wantAPIError(t, "viewer PUT /persons", status, body, http.StatusForbidden, errs.Forbidden)

		// The viewer's pages and exports are masked too.
		viewer := e.browser()
		viewer.login("pembaca", "sandi-pembaca")
		for _, path := range []string{"/persons", "/persons/" + f.siti.ID, "/households/" + f.sitiHousehold, "/persons/export.csv"} {
			status, body := viewer.get(path)
			if status != http.StatusOK || !strings.Contains(body, sitiNIKMasked) || strings.Contains(body, sitiNIK) || strings.Contains(body, sitiKK) {
				t.Errorf("viewer GET %s = %d, masked %v, whole %v", path, status, strings.Contains(body, sitiNIKMasked), strings.Contains(body, sitiNIK))
			}
		}
		if _, body := viewer.get("/households/" + f.sitiHousehold); !strings.Contains(body, sitiKKMasked) {
			t.Error("viewer's household page does not show the masked KK")
		}
		for _, path := range []string{"/persons/export.csv?ids=1", "/persons/export.xlsx?ids=1", "/persons/new", "/persons/" + f.siti.ID + "/edit", "/duplicates"} {
			if status, body := viewer.get(path); status != http.StatusForbidden || strings.Contains(body, sitiNIK) {
				t.Errorf("viewer GET %s = %d", path, status)
			}
		}
		// The facilitator may not export identifiers nor review duplicates.
		facil := e.browser()
		facil.login("fasil", "sandi-fasil")
		for _, path := range []string{"/persons/export.xlsx?ids=1", "/persons/export.csv?ids=1", "/duplicates"} {
			if status, body := facil.get(path); status != http.StatusForbidden || strings.Contains(body, sitiNIK) {
				t.Errorf("facilitator GET %s = %d", path, status)
			}
		}
		if status, body := facil.get("/persons/export.csv"); status != http.StatusOK || strings.Contains(body, sitiNIK) || !strings.Contains(body, sitiNIKMasked) {
			t.Errorf("facilitator's plain export = %d", status)
		}
		// Refused and masked exports leave no export entry; a whole one does.
		status, body = e.api("GET", "/api/v1/audit?action=export", e.adminToken, nil)
		if items, _ := body["items"].([]any); status != http.StatusOK || len(items) != 0 {
			t.Errorf("export audit before any identifier export = %d %v", status, body)
		}
		admin := e.browser()
		admin.login("admin", adminPassword)
		status, raw := admin.get("/persons/export.csv?ids=1")
		rows := csvRows(t, raw)
		if status != http.StatusOK || !slices.Equal(column(rows, 0), []string{"3204050101900003", sitiNIK, "3204054107850005", outNIK1, outNIK2}) ||
			!slices.Contains(column(rows, 1), sitiKK) {
			t.Errorf("admin export with identifiers = %d %q", status, rows)
		}
		status, raw = admin.get("/persons/export.csv?ids=1&region=32.04")
		if rows := csvRows(t, raw); status != http.StatusOK || !slices.Contains(column(rows, 0), sitiNIK) || len(rows) != 4 {
			t.Errorf("admin export of 32.04 with identifiers = %d %q", status, rows)
		}
		status, body = e.api("GET", "/api/v1/audit?action=export", e.adminToken, nil)
		items, _ := body["items"].([]any)
		if status != http.StatusOK || len(items) != 2 {
			t.Fatalf("export audit = %d %v", status, body)
		}
		for _, it := range items {
			m := it.(map[string]any)
			if m["action"] != "export" || m["entity"] != "persons" || m["actor_name"] != "admin" || !strings.Contains(m["after"].(string), `"identifiers":true`) {
				t.Errorf("export audit entry = %v", m)
			}
		}
		if !strings.Contains(items[0].(map[string]any)["after"].(string), "32.04") {
			t.Errorf("the newest export entry does not record its filter: %v", items[0])
		}

		// Validation: every bad field named at once; a NIK taken is a conflict.
		status, body = e.api("POST", "/api/v1/persons", e.adminToken, registry.PersonInput{NIK: "12345", KK: sitiKK, Name: "Salah Isi",
			Sex: "X", BirthDate: "31/02/1985", VillageCode: "3204052001"})
		if er := wantAPIError(t, "invalid person", status, body, http.StatusUnprocessableEntity, errs.Invalid); er != nil {
			fields, _ := er["fields"].(map[string]any)
			for _, k := range []string{"nik", "birth_date", "sex"} {
				if msg, _ := fields[k].(string); msg == "" || strings.Contains(msg, ".err.") {
					t.Errorf("field %s: %q in %v", k, fields[k], fields)
				}
			}
			if len(fields) != 3 {
				t.Errorf("fields = %v, want nik, birth_date and sex", fields)
			}
		}
		status, body = e.api("POST", "/api/v1/persons", e.adminToken, registry.PersonInput{NIK: sitiNIK, KK: sitiKK, Name: "Siti Lain",
			Sex: "P", BirthDate: "01/07/1985", VillageCode: "3204052001"})
		if er := wantAPIError(t, "duplicate NIK", status, body, http.StatusConflict, errs.Conflict); er != nil {
			if fields, _ := er["fields"].(map[string]any); fields["nik"] == nil {
				t.Errorf("duplicate NIK fields = %v", er["fields"])
			}
		}
		// A taken NIK is a conflict for a scoped user too, even when held in Cilacap,
		// but the answer does not show the record.
		code, raw := e.fetch("POST", "/api/v1/persons", f.adminTok, strings.NewReader(`{"nik":"`+outNIK1+`","kk":"`+sitiKK+
			`","name":"Wagino Baru","sex":"L","birth_date":"01/01/1990","village_code":"3204052001"}`))
		if code != http.StatusConflict || f.leaks(strings.ReplaceAll(raw, outNIK1, "")) {
			t.Errorf("scoped POST with a Cilacap NIK = %d %s", code, raw)
		}

		// CSRF: the person form and the upload without the token are refused.
		admin.get("/persons/new")
		res, _ := admin.do("POST", "/persons", personForm(registry.PersonInput{NIK: "3204051203880001", KK: sitiKK, Name: "Rahmat Palsu",
			Sex: "L", BirthDate: "12/03/1988", VillageCode: "3204052001"}), map[string]string{"Origin": e.srv.URL, "Sec-Fetch-Site": "same-origin"})
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("POST /persons without csrf = %d", res.StatusCode)
		}
		admin.get("/import")
		res, _ = admin.upload("data.csv", scopeImportCSV, false)
		if res.StatusCode != http.StatusForbidden || res.Header.Get("Location") != "" {
			t.Errorf("POST /import without csrf = %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		if page, _ := e.m.Registry.ListPersons(context.Background(), e.admin, registry.Filter{Query: "Rahmat"}); page.Total != 0 {
			t.Error("a forged request stored a person")
		}
		if jobs, _ := e.m.Registry.RecentImports(context.Background(), e.admin, 10); len(jobs) != 0 {
			t.Errorf("a forged upload started an import: %+v", jobs)
		}
		// With the token both work.
		res, _ = admin.post("/persons", personForm(registry.PersonInput{NIK: "3204051203880001", KK: sitiKK, Name: "Rahmat Hidayat",
			Sex: "L", BirthDate: "12/03/1988", VillageCode: "3204052001"}))
		if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/persons/") {
			t.Errorf("POST /persons with csrf = %d %s", res.StatusCode, res.Header.Get("Location"))
		}
	})
}
