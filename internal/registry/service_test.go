package registry_test

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/audit"
	"github.com/berdaya/berdaya/internal/auth"
	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/dbtest"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/region"
	"github.com/berdaya/berdaya/internal/registry"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

type fixture struct {
	ctx      context.Context
	reg      *registry.Service
	auth     *auth.Service
	admin    access.Principal
	regional access.Principal // admin scoped to 32.04
	viewer   access.Principal // viewer scoped to 32.04
}

var now = time.Date(2026, 11, 22, 5, 0, 0, 0, time.UTC)

func newFixture(t *testing.T, d *db.DB) *fixture {
	t.Helper()
	ctx := context.Background()
	a := audit.NewService(d)
	r := region.NewService(d)
	au := auth.NewService(d, a, r)
	org, u, err := au.Bootstrap(ctx, "Yayasan Uji", auth.NewUser{Username: "admin", Password: "rahasia-admin-1"})
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{ctx: ctx, reg: registry.NewService(d, a, r), auth: au, admin: u.Principal(org)}
	f.reg.SetClock(func() time.Time { return now })
	mk := func(name string, role access.Role, scope string) access.Principal {
		u, err := au.CreateUser(ctx, f.admin, auth.NewUser{Username: name, Password: "sandi-" + name, Role: role, Scope: scope})
		if err != nil {
			t.Fatal(err)
		}
		return u.Principal(org)
	}
	f.regional = mk("bandung", access.Admin, "32.04")
	f.viewer = mk("pembaca", access.Viewer, "32.04")
	return f
}

// siti is a valid person in Cileunyi Kulon (32.04.05.2001): a woman born
// 01/07/1985, so her NIK's date is 41 07 85.
func siti() registry.PersonInput {
	return registry.PersonInput{NIK: "3204054107850003", KK: "3204051203100007", Name: "Siti Aminah", Sex: "P",
		BirthDate: "01/07/1985", Relationship: "istri", VillageCode: "3204052001", Address: "Jl. Melati 5",
		TargetGroup: "fakir_miskin", Consent: "ya", ConsentDate: "20/11/2026"}
}

func TestCreatePersonRulesAndScope(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		p, err := f.reg.CreatePerson(f.ctx, f.regional, siti())
		if err != nil {
			t.Fatal(err)
		}
		if p.NIK != "3204054107850003" || p.Sex != registry.Female || p.BirthDate != registry.Date(1985, 7, 1) ||
			p.Relationship != registry.Spouse || p.VillageCode != "32.04.05.2001" || len(p.Flags) != 0 {
			t.Errorf("created %+v", p)
		}
		// The same NIK again is a conflict.
		if _, err := f.reg.CreatePerson(f.ctx, f.admin, siti()); errs.CodeOf(err) != errs.Conflict {
			t.Errorf("duplicate NIK: %v", err)
		}
		// A village outside the scope is forbidden; an unknown village is invalid.
		other := siti()
		other.NIK, other.VillageCode = "3204054107850004", "3301012001"
		if _, err := f.reg.CreatePerson(f.ctx, f.regional, other); errs.CodeOf(err) != errs.Forbidden {
			t.Errorf("out of scope: %v", err)
		}
		other.VillageCode = "3204059999"
		if _, err := f.reg.CreatePerson(f.ctx, f.admin, other); errs.CodeOf(err) != errs.Invalid {
			t.Errorf("unknown village: %v", err)
		}
		// A NIK whose date disagrees is accepted with a flag.
		odd := siti()
		odd.NIK, odd.BirthDate, odd.Sex = "3204054107850005", "02/07/1985", "L"
		p2, err := f.reg.CreatePerson(f.ctx, f.admin, odd)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(p2.Flags, ",") != registry.FlagNIKBirthDate+","+registry.FlagNIKSex {
			t.Errorf("flags = %v", p2.Flags)
		}
		// Viewers see masked NIK and KK; the scoped admin sees them whole.
		det, err := f.reg.GetPerson(f.ctx, f.viewer, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if det.Person.NIK != "3204********0003" || det.Household.KK != "3204********0007" || len(det.Members) != 2 {
			t.Errorf("viewer sees %q %q, %d members", det.Person.NIK, det.Household.KK, len(det.Members))
		}
		if _, err := f.reg.CreatePerson(f.ctx, f.viewer, other); errs.CodeOf(err) != errs.Forbidden {
			t.Errorf("viewer may not write: %v", err)
		}
		// Listing is scoped and filtered.
		page, err := f.reg.ListPersons(f.ctx, f.regional, registry.Filter{Query: "sitti aminah"})
		if err != nil || page.Total != 2 {
			t.Fatalf("search with variant spelling: %+v %v", page, err)
		}
		page, _ = f.reg.ListPersons(f.ctx, f.regional, registry.Filter{Flag: registry.FlagNIKSex})
		if page.Total != 1 || page.Items[0].ID != p2.ID {
			t.Errorf("flag filter: %+v", page)
		}
		page, _ = f.reg.ListPersons(f.ctx, f.regional, registry.Filter{Region: "3301"})
		if page.Total != 0 {
			t.Errorf("region outside scope listed %d", page.Total)
		}
		page, _ = f.reg.ListPersons(f.ctx, f.regional, registry.Filter{AgeMin: 41, AgeMax: 41, Sex: registry.Female})
		if page.Total != 1 {
			t.Errorf("age band 41 women: %d", page.Total)
		}
	})
}

func TestUpdatePersonKeepsHistory(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		p, err := f.reg.CreatePerson(f.ctx, f.admin, siti())
		if err != nil {
			t.Fatal(err)
		}
		in := siti()
		in.Name, in.Phone = "Siti Aminah Lestari", "0812-3456-7890"
		up, err := f.reg.UpdatePerson(f.ctx, f.regional, p.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		if up.Name != "Siti Aminah Lestari" || up.Phone != "081234567890" || up.ID != p.ID {
			t.Errorf("updated %+v", up)
		}
		hist, err := f.reg.History(f.ctx, f.viewer, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(hist) != 2 || hist[0].Action != "update" || hist[0].ActorName != "bandung" || hist[1].Action != "create" {
			t.Fatalf("history = %+v", hist)
		}
		if strings.Contains(hist[0].Before, "3204054107850003") || !strings.Contains(hist[0].Before, "3204********0003") {
			t.Errorf("viewer's history shows the NIK: %s", hist[0].Before)
		}
	})
}

// rows is an import source held in memory, for the importer's rules; the file
// readers have their own tests with real files.
type rows struct {
	header []string
	data   [][]string
	i      int
}

func (r *rows) Header() []string { return r.header }
func (r *rows) Next() (int, []string, error) {
	if r.i >= len(r.data) {
		return r.i + 1, nil, io.EOF
	}
	r.i++
	return r.i + 1, r.data[r.i-1], nil
}

func TestImportRules(t *testing.T) {
	header := []string{"NIK", "No KK", "Nama", "Jenis Kelamin", "Tanggal Lahir", "Hubungan", "Kode Wilayah", "Alamat"}
	original := [][]string{
		{"'3204054107850003", "3204051203100007", "Siti Aminah", "P", "01/07/1985", "Istri", "32.04.05.2001", "Jl. Melati 5"},
		{"3204051505800001", "3204051203100007.0", "Budi Santoso", "L", "1980-05-15", "Kepala Keluarga", "3204052001", "Jl. Melati 5"},
		{"3.20401E+15", "3204051203100007", "Rusak", "L", "01/01/1990", "anak", "3204052001", ""},
		{"3204054107850003", "3204051203100007", "Siti Kembar", "P", "01/07/1985", "anak", "3204052001", ""},
		{"3204050101100002", "3204051203100007", "Anak", "X", "31/02/2010", "anak", "3204059999", ""},
		{"3301010101900001", "3301010101150001", "Di Luar", "L", "01/01/1990", "", "3301012001", ""},
	}
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		data := make([][]string, len(original))
		for i, row := range original {
			data[i] = append([]string(nil), row...)
		}
		f := newFixture(t, d)
		var rejected []registry.Rejection
		opts := registry.ImportOptions{FileName: "uji.csv", BatchSize: 2, OnReject: func(r registry.Rejection) error {
			rejected = append(rejected, r)
			return nil
		}}
		res, err := f.reg.Import(f.ctx, f.regional, &rows{header: header, data: data}, opts)
		if err != nil {
			t.Fatal(err)
		}
		if res.Imported != 2 || res.Rejected != 4 || res.Updated != 0 || res.Rows != 6 {
			t.Errorf("result %+v", res)
		}
		want := []struct {
			line   int
			column string
			reason string
		}{
			{4, "NIK", "id.err.scientific"},
			{5, "NIK", "import.err.nik_twice"},
			{6, "Jenis Kelamin", "person.err.sex"},
			{6, "Tanggal Lahir", "person.err.date"},
			{7, "Kode Wilayah", "err.out_of_scope"},
		}
		got := map[string]bool{}
		for _, r := range rejected {
			got[r.Column+"|"+r.Reason] = true
			if r.Line < 2 || r.Line > 7 {
				t.Errorf("line %d out of range", r.Line)
			}
		}
		for _, w := range want {
			found := false
			for _, r := range rejected {
				if r.Line == w.line && r.Column == w.column && r.Reason == w.reason {
					found = true
				}
			}
			if !found {
				t.Errorf("missing rejection line %d %s %s; got %+v", w.line, w.column, w.reason, rejected)
			}
		}
		// Re-import: nothing new, nothing changed.
		rejected = nil
		res, err = f.reg.Import(f.ctx, f.regional, &rows{header: header, data: data}, opts)
		if err != nil || res.Imported != 0 || res.Unchanged != 2 || res.Updated != 0 {
			t.Errorf("re-import %+v %v", res, err)
		}
		// A changed row updates that person.
		data[1][2] = "Budi Santosa"
		res, err = f.reg.Import(f.ctx, f.regional, &rows{header: header, data: data[:2]}, opts)
		if err != nil || res.Updated != 1 || res.Unchanged != 1 {
			t.Errorf("changed row %+v %v", res, err)
		}
		page, _ := f.reg.ListPersons(f.ctx, f.admin, registry.Filter{Query: "budi"})
		if page.Total != 1 || page.Items[0].Name != "Budi Santosa" {
			t.Errorf("after update: %+v", page)
		}
		// Both share one household (same KK, written once with a trailing .0).
		det, err := f.reg.GetPerson(f.ctx, f.admin, page.Items[0].ID)
		if err != nil || len(det.Members) != 2 || det.Household.KK != "3204051203100007" {
			t.Errorf("household %+v %v", det, err)
		}
		// A file without the required columns is refused before anything happens.
		_, err = f.reg.Import(f.ctx, f.regional, &rows{header: []string{"nama", "alamat"}}, opts)
		if e, ok := errs.As(err); !ok || e.Msg != "import.err.missing_columns" {
			t.Errorf("missing columns: %v", err)
		}
	})
}

func TestDuplicatesAndMerge(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		a, err := f.reg.CreatePerson(f.ctx, f.admin, siti())
		if err != nil {
			t.Fatal(err)
		}
		typo := siti()
		typo.NIK, typo.Name = "3204054107850009", "Siti Aminha" // a typo, same village and birth date
		b, err := f.reg.CreatePerson(f.ctx, f.admin, typo)
		if err != nil {
			t.Fatal(err)
		}
		far := siti()
		far.NIK, far.Name, far.KK, far.VillageCode = "3204054107850011", "Sitti Aminah", "3201011203100001", "3201011001"
		c, err := f.reg.CreatePerson(f.ctx, f.admin, far) // same name (variant) elsewhere
		if err != nil {
			t.Fatal(err)
		}
		other := siti()
		other.NIK, other.Name = "3204054107850013", "Dewi Lestari"
		if _, err := f.reg.CreatePerson(f.ctx, f.admin, other); err != nil {
			t.Fatal(err)
		}
		pairs, err := f.reg.Duplicates(f.ctx, f.admin)
		if err != nil {
			t.Fatal(err)
		}
		reasons := map[string]string{}
		for _, pr := range pairs {
			ids := []string{pr.A.ID, pr.B.ID}
			if ids[0] > ids[1] {
				ids[0], ids[1] = ids[1], ids[0]
			}
			reasons[ids[0]+ids[1]] = pr.Reason
		}
		key := func(x, y string) string {
			if x > y {
				x, y = y, x
			}
			return x + y
		}
		if len(pairs) != 2 || reasons[key(a.ID, c.ID)] != "same_name_birth_date" || reasons[key(a.ID, b.ID)] != "similar_name_same_village" {
			t.Fatalf("pairs = %d %v", len(pairs), reasons)
		}
		if _, err := f.reg.Duplicates(f.ctx, f.viewer); errs.CodeOf(err) != errs.Forbidden {
			t.Errorf("viewer reviews duplicates: %v", err)
		}
		if err := f.reg.Merge(f.ctx, f.admin, a.ID, b.ID); err != nil {
			t.Fatal(err)
		}
		page, _ := f.reg.ListPersons(f.ctx, f.admin, registry.Filter{Query: "siti"})
		if page.Total != 2 {
			t.Errorf("after merge %d persons named siti, want 2", page.Total)
		}
		hist, err := f.reg.History(f.ctx, f.admin, b.ID)
		if err != nil || len(hist) != 2 || hist[0].Action != "merge" {
			t.Errorf("merged record history = %+v %v", hist, err)
		}
		if err := f.reg.Merge(f.ctx, f.admin, a.ID, b.ID); errs.CodeOf(err) != errs.Conflict {
			t.Errorf("second merge: %v", err)
		}
	})
}

func TestExportMasksAndAudits(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		if _, err := f.reg.CreatePerson(f.ctx, f.admin, siti()); err != nil {
			t.Fatal(err)
		}
		var rows [][]string
		collect := func(r []string) error { rows = append(rows, append([]string(nil), r...)); return nil }
		if err := f.reg.ExportPersons(f.ctx, f.viewer, registry.Filter{}, true, collect); errs.CodeOf(err) != errs.Forbidden {
			t.Errorf("viewer exporting identifiers: %v", err)
		}
		if err := f.reg.ExportPersons(f.ctx, f.viewer, registry.Filter{}, false, collect); err != nil {
			t.Fatal(err)
		}
		if len(rows) != 2 || rows[0][0] != "nik" || rows[1][0] != "3204********0003" || rows[1][1] != "3204********0007" || rows[1][4] != "01/07/1985" {
			t.Fatalf("masked export = %v", rows)
		}
		rows = nil
		if err := f.reg.ExportPersons(f.ctx, f.regional, registry.Filter{Region: "32.04.05"}, true, collect); err != nil {
			t.Fatal(err)
		}
		if len(rows) != 2 || rows[1][0] != "3204054107850003" || rows[1][6] != "32.04.05.2001" || rows[1][7] != "Jl. Melati 5" {
			t.Fatalf("full export = %v", rows)
		}
		entries, err := f.reg.ExportLog(f.ctx, f.admin)
		if err != nil || len(entries) != 1 || entries[0].ActorName != "bandung" {
			t.Errorf("export audit = %+v %v", entries, err)
		}
	})
}

func TestImportJobsFollowScope(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		src := func() *rows {
			return &rows{header: []string{"nik", "no_kk", "nama", "jenis_kelamin", "tanggal_lahir", "kode_wilayah"},
				data: [][]string{{"3204054107850003", "3204051203100007", "Siti", "P", "01/07/1985", "3204052001"}}}
		}
		national, err := f.reg.Import(f.ctx, f.admin, src(), registry.ImportOptions{FileName: "pusat.csv"})
		if err != nil {
			t.Fatal(err)
		}
		regional, err := f.reg.Import(f.ctx, f.regional, src(), registry.ImportOptions{FileName: "bandung.csv"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.reg.ImportJob(f.ctx, f.regional, national.ID); errs.CodeOf(err) != errs.NotFound {
			t.Errorf("regional admin sees the national import: %v", err)
		}
		if j, err := f.reg.ImportJob(f.ctx, f.admin, regional.ID); err != nil || j.Scope != "32.04" || j.Result.Unchanged != 1 {
			t.Errorf("national admin sees the regional import: %+v %v", j, err)
		}
		list, err := f.reg.RecentImports(f.ctx, f.regional, 10)
		if err != nil || len(list) != 1 || list[0].FileName != "bandung.csv" {
			t.Errorf("regional list = %+v %v", list, err)
		}
		list, _ = f.reg.RecentImports(f.ctx, f.admin, 10)
		if len(list) != 2 {
			t.Errorf("national list = %d", len(list))
		}
	})
}

// TestPersonsByID reads several persons in one call, as the caller may see
// them: masked NIK for a viewer, nothing outside the scope or unknown.
func TestPersonsByID(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		person, err := f.reg.CreatePerson(f.ctx, f.admin, siti())
		if err != nil {
			t.Fatal(err)
		}
		ids := []string{person.ID, "no-such-id"}
		got, err := f.reg.PersonsByID(f.ctx, f.regional, ids)
		if err != nil || len(got) != 1 || got[person.ID].NIK != person.NIK {
			t.Errorf("regional admin: %+v %v", got, err)
		}
		got, _ = f.reg.PersonsByID(f.ctx, f.viewer, ids)
		if got[person.ID].NIK != registry.MaskID(person.NIK) || got[person.ID].Name != person.Name {
			t.Errorf("viewer sees %+v", got[person.ID])
		}
		elsewhere := f.viewer
		elsewhere.Scope = "33.01"
		if got, _ := f.reg.PersonsByID(f.ctx, elsewhere, ids); len(got) != 0 {
			t.Errorf("out of scope: %+v", got)
		}
	})
}
