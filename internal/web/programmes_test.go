package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/group"
	"github.com/berdaya/berdaya/internal/programme"
	"github.com/berdaya/berdaya/internal/registry"
)

// programmeForm is a filled-in programme form in Kecamatan Cileunyi (32.04.05)
// forming KUBEs (5 to 8 families) and waste-picker groups (3 FGDs).
func programmeForm(name string) url.Values {
	return url.Values{"name": {name}, "description": {"Uji halaman"}, "start": {"01/01/2026"}, "end": {"31/12/2027"},
		"regions": {"32.04.05"}, "target_groups": {"pemulung", "fakir_miskin"},
		"rules.kube.on": {"1"}, "rules.kube.min": {"5"}, "rules.kube.max": {"8"}, "rules.kube.fgd_min": {"0"},
		"rules.kube.steps": {"seleksi\npelatihan: Pelatihan anyaman\nbantuan_stimulan\npendampingan"},
		"rules.ksp.on":     {"1"}, "rules.ksp.min": {"5"}, "rules.ksp.fgd_min": {"3"},
		"rules.ksp.steps": {"sosialisasi\npendekatan\npendataan\nfgd\npembentukan_pengurus\noperasional\npembinaan"}}
}

var idInLocation = regexp.MustCompile(`^/(programmes|units|groups)/([0-9a-f-]{36})$`)

// created checks a form post redirected to the new record's page and returns its id.
func created(t *testing.T, what string, res *http.Response, body string) string {
	t.Helper()
	m := idInLocation.FindStringSubmatch(res.Header.Get("Location"))
	if res.StatusCode != http.StatusSeeOther || m == nil {
		t.Fatalf("%s: status %d, location %q: %s", what, res.StatusCode, res.Header.Get("Location"), body)
	}
	return m[2]
}

func TestProgrammePages(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		b := e.browser()
		b.login("admin", adminPassword)
		if status, body := b.get("/programmes"); status != 200 || !strings.Contains(body, "Belum ada program") || !strings.Contains(body, `href="/programmes/new"`) {
			t.Fatalf("empty programmes list = %d", status)
		}
		status, body := b.get("/programmes/new")
		if status != 200 || !strings.Contains(body, `name="rules.kube.max" type="number" min="0" inputmode="numeric" value="10"`) ||
			!strings.Contains(body, "seleksi\npelatihan\nbantuan_stimulan\npendampingan") || !strings.Contains(body, `value="pemulung"`) {
			t.Fatalf("new programme form = %d, without the KUBE defaults:\n%s", status, body)
		}

		// Refused: end before start, no group type, a bad region; shown in
		// Indonesian with what was typed.
		bad := url.Values{"name": {"Program Salah"}, "start": {"01/02/2026"}, "end": {"01/01/2026"}, "regions": {"32.4x"}}
		res, body := b.post("/programmes", bad)
		for _, want := range []string{"Tanggal selesai tidak boleh sebelum tanggal mulai.", "Tentukan minimal satu jenis kelompok yang dibentuk program.",
			"Periksa kembali isian yang ditandai.", `value="Program Salah"`, `value="32.4x"`} {
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, want) {
				t.Errorf("bad programme = %d, lacks %q", res.StatusCode, want)
			}
		}
		bad = programmeForm("Program FGD")
		bad.Set("rules.kube.max", "3")
		bad.Set("rules.ksp.steps", "sosialisasi\noperasional")
		res, body = b.post("/programmes", bad)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Batas jumlah anggota tidak sah") ||
			!strings.Contains(body, "templat tahapan harus memuat tahap FGD") || !strings.Contains(body, "sosialisasi\noperasional") {
			t.Errorf("bad rules = %d:\n%s", res.StatusCode, body)
		}
		if progs, _ := e.m.Programmes.ListProgrammes(ctx, e.admin); len(progs) != 0 {
			t.Fatalf("a refused programme was stored: %+v", progs)
		}

		res, body = b.post("/programmes", programmeForm("Pemberdayaan Pemulung Cileunyi"))
		id := created(t, "POST /programmes", res, body)
		prog, err := e.m.Programmes.GetProgramme(ctx, e.admin, id)
		if err != nil {
			t.Fatal(err)
		}
		kube, _ := prog.RulesFor(programme.KUBE)
		ksp, _ := prog.RulesFor(programme.KSP)
		if prog.Name != "Pemberdayaan Pemulung Cileunyi" || !slices.Equal(prog.Regions, []string{"32.04.05"}) || len(prog.Targets) != 2 ||
			kube.MinMembers != 5 || kube.MaxMembers != 8 || len(kube.Steps) != 4 || kube.Steps[1].Name != "Pelatihan anyaman" ||
			ksp.FGDMin != 3 || len(ksp.Steps) != 7 || len(prog.Rules) != 2 || prog.AllowDouble {
			t.Errorf("stored programme %+v", prog)
		}
		status, body = b.get("/programmes/" + id)
		for _, want := range []string{"Program sudah disimpan.", "Pemberdayaan Pemulung Cileunyi", "Tahap 1", "01/01/2026 – 31/12/2027", "Cileunyi",
			"Anggota paling sedikit 5 dan paling banyak 8", "3 FGD pembentukan", "Pelatihan anyaman", "Pendekatan melalui solidarity maker",
			"Pemulung", "Tidak diperbolehkan", "Belum ada kelompok.", "Mulai tahap berikutnya"} {
			if status != 200 || !strings.Contains(body, want) {
				t.Errorf("programme page = %d, lacks %q", status, want)
			}
		}

		// Edit: the form comes back filled; a change is saved.
		status, body = b.get("/programmes/" + id + "/edit")
		if status != 200 || !strings.Contains(body, `value="Pemberdayaan Pemulung Cileunyi"`) || !strings.Contains(body, `name="rules.kube.on" value="1" checked`) ||
			strings.Contains(body, `name="rules.shg.on" value="1" checked`) || !strings.Contains(body, "pelatihan: Pelatihan anyaman") {
			t.Errorf("edit form = %d", status)
		}
		edit := programmeForm("Pemberdayaan Pemulung Cileunyi I")
		edit.Set("allow_double", "1")
		res, body = b.post("/programmes/"+id, edit)
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/programmes/"+id {
			t.Fatalf("edit = %d %s", res.StatusCode, body)
		}
		if _, body = b.get("/programmes"); !strings.Contains(body, "Pemberdayaan Pemulung Cileunyi I</a>") || !strings.Contains(body, "32.04.05") {
			t.Errorf("list after edit:\n%s", body)
		}

		// A unit of the programme, with a sub-unit and a staff post.
		res, body = b.post("/units", url.Values{"type": {"lpp"}, "name": {""}, "programme_id": {id}, "village_code": {"3204059999"}})
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Nama wajib diisi.") || !strings.Contains(body, "value=\"3204059999\"") {
			t.Errorf("bad unit = %d", res.StatusCode)
		}
		res, body = b.post("/units", url.Values{"type": {"cu_branch"}, "name": {"TP Cileunyi"}, "village_code": {"3204052001"}})
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Tempat pelayanan harus berada di bawah sebuah credit union.") {
			t.Errorf("branch without a union = %d", res.StatusCode)
		}
		res, body = b.post("/units", url.Values{"type": {"lpp"}, "name": {"LPP Cileunyi"}, "programme_id": {id}, "village_code": {"3204052001"},
			"address": {"Jl. Raya Cileunyi 1"}, "head_user_id": {e.admin.UserID}})
		lpp := created(t, "POST /units", res, body)
		res, body = b.post("/units", url.Values{"type": {"mfu"}, "name": {"MFU Cileunyi"}, "programme_id": {id}, "parent_id": {lpp}, "village_code": {"3204052001"}})
		mfu := created(t, "POST /units (sub-unit)", res, body)
		status, body = b.get("/units/" + lpp)
		for _, want := range []string{"LPP Cileunyi", "LPP (Lembaga Pemberdayaan Pemulung)", "Pemberdayaan Pemulung Cileunyi I", "Jl. Raya Cileunyi 1",
			"Admin Nasional", `href="/units/` + mfu + `">MFU Cileunyi`, "Belum ada staf."} {
			if status != 200 || !strings.Contains(body, want) {
				t.Errorf("unit page = %d, lacks %q", status, want)
			}
		}
		res, body = b.post("/units/"+lpp+"/staff", url.Values{"position": {"Manajer"}, "start": {"01/02/2026"}})
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Pilih satu: pengguna atau orang") || !strings.Contains(body, `value="Manajer"`) {
			t.Errorf("staff without a person = %d", res.StatusCode)
		}
		res, _ = b.post("/units/"+lpp+"/staff", url.Values{"user_id": {e.admin.UserID}, "position": {"Manajer LPP"}, "start": {"01/02/2026"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("add staff = %d", res.StatusCode)
		}
		det, _ := e.m.Programmes.GetUnit(ctx, e.admin, lpp)
		if len(det.Staff) != 1 || det.Staff[0].Position != "Manajer LPP" || det.Staff[0].UserID != e.admin.UserID {
			t.Fatalf("staff %+v", det.Staff)
		}
		staffID := det.Staff[0].ID
		if _, body = b.get("/units/" + lpp); !strings.Contains(body, "Manajer LPP") || !strings.Contains(body, "Aktif") || !strings.Contains(body, "/staff/"+staffID+"/end") {
			t.Errorf("unit page without its staff")
		}
		res, body = b.post("/units/"+lpp+"/staff/"+staffID+"/end", url.Values{"end": {"01/01/2026"}})
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "tanggal berakhir sebelum tanggal mulai") {
			t.Errorf("end before start = %d", res.StatusCode)
		}
		// A post ended through another unit's address is not found.
		if res, _ = b.post("/units/"+mfu+"/staff/"+staffID+"/end", url.Values{"end": {"01/03/2026"}}); res.StatusCode != http.StatusNotFound {
			t.Errorf("end through another unit = %d", res.StatusCode)
		}
		if res, _ = b.post("/units/"+lpp+"/staff/"+staffID+"/end", url.Values{"end": {"30/06/2026"}}); res.StatusCode != http.StatusSeeOther {
			t.Errorf("end staff = %d", res.StatusCode)
		}
		if _, body = b.get("/units/" + lpp); !strings.Contains(body, "30/06/2026") || strings.Contains(body, "/staff/"+staffID+"/end") {
			t.Errorf("ended post not shown as ended")
		}
		if _, body = b.get("/units?type=mfu"); !strings.Contains(body, "MFU Cileunyi</a>") || strings.Count(body, `data-label="Nama unit"`) != 1 ||
			!strings.Contains(body, `href="/units/`+lpp+`">LPP Cileunyi</a>`) {
			t.Errorf("units filtered by type:\n%s", body)
		}
		if status, body = b.get("/units/" + lpp + "/edit"); status != 200 || !strings.Contains(body, `value="LPP Cileunyi"`) {
			t.Errorf("unit edit form = %d", status)
		}
		up := url.Values{"type": {"lpp"}, "name": {"LPP Cileunyi Raya"}, "programme_id": {id}, "village_code": {"3204052001"}, "parent_id": {mfu}}
		if res, body = b.post("/units/"+lpp, up); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "unit bawahannya sendiri") {
			t.Errorf("unit under its own sub-unit = %d", res.StatusCode)
		}
		up.Del("parent_id")
		if res, _ = b.post("/units/"+lpp, up); res.StatusCode != http.StatusSeeOther {
			t.Errorf("unit edit = %d", res.StatusCode)
		}

		// Groups: the form, a refusal, a group made.
		status, body = b.get("/groups/new?programme=" + id)
		if status != 200 || !strings.Contains(body, `<option value="`+id+`" selected>`) || !strings.Contains(body, "LPP Cileunyi Raya") || !strings.Contains(body, "Daur ulang") {
			t.Errorf("new group form = %d", status)
		}
		gform := url.Values{"programme_id": {id}, "name": {"KSP Mawar"}, "type": {"ksp"}, "business_field": {"daur_ulang"}, "settlement": {"1"},
			"village_code": {"3204052001"}, "address": {"RW 05"}, "unit_id": {lpp}}
		res, body = b.post("/groups", gform)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Hanya KUBE yang dapat dibentuk sebagai satu unit pemukiman.") ||
			!strings.Contains(body, `value="KSP Mawar"`) {
			t.Errorf("settlement KSP = %d", res.StatusCode)
		}
		gform.Del("settlement")
		gform.Set("type", "shg")
		if res, body = b.post("/groups", gform); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Program ini tidak membentuk kelompok jenis ini.") {
			t.Errorf("group type not in programme = %d", res.StatusCode)
		}
		gform.Set("type", "ksp")
		res, body = b.post("/groups", gform)
		ksp1 := created(t, "POST /groups", res, body)
		g, err := e.m.Groups.GetGroup(ctx, e.admin, ksp1)
		if err != nil || g.Group.Name != "KSP Mawar" || g.Group.UnitID != lpp || g.Group.FacilitatorID != e.admin.UserID || g.Group.Stage != group.Forming {
			t.Errorf("group made %+v, %v", g.Group, err)
		}
		kube1 := createdGroup(t, e, b, id, "KUBE Melati", "kube", "3204052001")
		createdGroup(t, e, b, id, "KUBE Anggrek", "kube", "3204052002")

		// The programme's page counts its groups by type and stage.
		status, body = b.get("/programmes/" + id)
		if status != 200 || !strings.Contains(body, "Jumlah: 3 kelompok, 0 anggota aktif.") || !strings.Contains(body, "KUBE Melati") ||
			!strings.Contains(body, "LPP Cileunyi Raya") {
			t.Errorf("programme page with groups = %d", status)
		}

		// The next phase: carried over, with the baseline.
		res, body = b.post("/programmes/"+id+"/next", url.Values{"name": {"Pemberdayaan Pemulung Cileunyi II"}, "start": {""}})
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Tanggal wajib diisi.") || !strings.Contains(body, "Pemberdayaan Pemulung Cileunyi II") {
			t.Errorf("next phase without a start = %d", res.StatusCode)
		}
		res, body = b.post("/programmes/"+id+"/next", url.Values{"name": {"Pemberdayaan Pemulung Cileunyi II"}, "start": {"01/01/2028"}, "end": {"31/12/2029"}})
		next := created(t, "POST next phase", res, body)
		status, body = b.get("/programmes/" + next)
		for _, want := range []string{"Tahap berikutnya sudah dimulai.", "Tahap 2", "melanjutkan", `href="/programmes/` + id + `"`,
			"Data awal (dari tahap sebelumnya)", "Jumlah: 3 kelompok, 0 anggota aktif.", "KUBE Melati"} {
			if status != 200 || !strings.Contains(body, want) {
				t.Errorf("next phase page = %d, lacks %q", status, want)
			}
		}
		_ = kube1
	})
}

// createdGroup makes a group through the form as b and returns its id.
func createdGroup(t *testing.T, e *env, b *browser, programmeID, name, typ, village string) string {
	t.Helper()
	res, body := b.post("/groups", url.Values{"programme_id": {programmeID}, "name": {name}, "type": {typ}, "business_field": {"kerajinan"},
		"village_code": {village}})
	return created(t, "POST /groups "+name, res, body)
}

// groupFixture is a programme in Cileunyi with groups in two villages, and
// another in Cilacap (33.01) that no one scoped to Bandung may see.
type groupFixture struct {
	prog, far             programme.Programme
	unit, farUnit         programme.Unit
	groups                []group.Group
	farGroup              group.Group
	farStaff              string
	bandungTok, cilacapTk string
}

func newGroupFixture(t *testing.T, e *env) *groupFixture {
	t.Helper()
	ctx := context.Background()
	f := &groupFixture{}
	mkProg := func(name, reg string) programme.Programme {
		p, err := e.m.Programmes.CreateProgramme(ctx, e.admin, programme.Input{Name: name, Start: "01/01/2026", End: "31/12/2027", Regions: []string{reg},
			Rules: []programme.Rules{{GroupType: programme.KUBE, MinMembers: 5, MaxMembers: 10}, {GroupType: programme.KSP, MinMembers: 5, FGDMin: 3}}})
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	f.prog, f.far = mkProg("KUBE Bandung 2026", "32.04"), mkProg("KUBE Cilacap Rahasia", "33.01")
	mkUnit := func(prog, name, village string) programme.Unit {
		u, err := e.m.Programmes.CreateUnit(ctx, e.admin, programme.UnitInput{ProgrammeID: prog, Type: "lpp", Name: name, VillageCode: village})
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	f.unit, f.farUnit = mkUnit(f.prog.ID, "LPP Bandung", "3204052001"), mkUnit(f.far.ID, "LPP Cilacap Rahasia", "3301012001")
	st, err := e.m.Programmes.AddStaff(ctx, e.admin, f.farUnit.ID, programme.StaffInput{UserID: e.admin.UserID, Position: "Ketua", Start: "01/01/2026"})
	if err != nil {
		t.Fatal(err)
	}
	f.farStaff = st.ID
	mkGroup := func(prog, name string, typ programme.GroupType, village string) group.Group {
		g, err := e.m.Groups.CreateGroup(ctx, e.admin, group.Input{ProgrammeID: prog, Name: name, Type: string(typ), Field: "kerajinan", VillageCode: village})
		if err != nil {
			t.Fatal(err)
		}
		return g
	}
	f.groups = []group.Group{
		mkGroup(f.prog.ID, "KUBE Mawar", programme.KUBE, "3204052001"),
		mkGroup(f.prog.ID, "KUBE Melati", programme.KUBE, "3204052001"),
		mkGroup(f.prog.ID, "KSP Kenanga", programme.KSP, "3204052002"),
		mkGroup(f.prog.ID, "KUBE Cimenyan", programme.KUBE, "3204062003"),
	}
	f.farGroup = mkGroup(f.far.ID, "KUBE Cilacap Rahasia", programme.KUBE, "3301012001")
	return f
}

// leaks reports whether a page shows anything of Cilacap's programme.
func (f *groupFixture) leaks(body string) bool {
	for _, s := range []string{"Cilacap Rahasia", f.far.ID, f.farUnit.ID, f.farGroup.ID, f.farStaff, "33.01"} {
		if strings.Contains(body, s) {
			return true
		}
	}
	return false
}

func TestGroupListsAndExports(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *env) {
		f := newGroupFixture(t, e)
		ctx := context.Background()
		b := e.browser()
		b.login("admin", adminPassword)
		names := func(body string) []string {
			var out []string
			for _, g := range append(f.groups, f.farGroup) {
				if strings.Contains(body, ">"+g.Name+"</a>") {
					out = append(out, g.Name)
				}
			}
			return out
		}
		jabar, _ := e.m.Regions.Get(ctx, "32")
		bandung, _ := e.m.Regions.Get(ctx, "32.04")
		cileunyi, _ := e.m.Regions.Get(ctx, "32.04.05")
		kulon, _ := e.m.Regions.Get(ctx, "32.04.05.2001")

		// Nationally: by province, with a drill-down link.
		status, body := b.get("/groups")
		if status != 200 || len(names(body)) != 5 || !strings.Contains(body, "Rekap per Provinsi") || !strings.Contains(body, `href="/groups?region=32">`+jabar.Name) ||
			!strings.Contains(body, "1–5 dari 5 kelompok") {
			t.Errorf("GET /groups = %d, names %v", status, names(body))
		}
		// Drilling down: regency, district, village, and the filters kept.
		status, body = b.get("/groups?region=32&type=kube")
		if status != 200 || !strings.Contains(body, "Rekap per Kabupaten/Kota") || !strings.Contains(body, `href="/groups?region=32.04&amp;type=kube">`+bandung.Name) ||
			!slices.Equal(names(body), []string{"KUBE Mawar", "KUBE Melati", "KUBE Cimenyan"}) {
			t.Errorf("GET /groups?region=32&type=kube = %d, names %v", status, names(body))
		}
		status, body = b.get("/groups?region=32.04")
		if status != 200 || !strings.Contains(body, "Rekap per Kecamatan") || !strings.Contains(body, `href="/groups?region=32.04.05">`+cileunyi.Name) {
			t.Errorf("GET /groups?region=32.04 = %d", status)
		}
		status, body = b.get("/groups?region=32.04.05")
		if status != 200 || !strings.Contains(body, "Rekap per Desa/Kelurahan") || !strings.Contains(body, kulon.Name+` <span class="code muted">32.04.05.2001`) ||
			strings.Contains(body, `href="/groups?region=32.04.05.2001"`) || len(names(body)) != 3 {
			t.Errorf("GET /groups?region=32.04.05 = %d, names %v", status, names(body))
		}
		// The crumbs lead back up.
		if !strings.Contains(body, `<a href="/groups">Indonesia</a> › <a href="/groups?region=32">`+jabar.Name) {
			t.Errorf("crumbs missing")
		}
		// The village row counts 2 KUBE at the forming stage.
		row := regexp.MustCompile(`(?s)` + regexp.QuoteMeta(kulon.Name) + `.*?</tr>`).FindString(body)
		if strings.Count(row, `class="num">2</td>`) != 2 || !strings.Contains(row, `<strong>2</strong>`) {
			t.Errorf("village row %q", row)
		}
		if _, body = b.get("/groups?stage=formed"); len(names(body)) != 0 || !strings.Contains(body, "Tidak ada kelompok yang cocok.") {
			t.Errorf("formed groups: %v", names(body))
		}
		if _, body = b.get("/groups?q=mel"); !slices.Equal(names(body), []string{"KUBE Melati"}) || !strings.Contains(body, `name="q" value="mel"`) {
			t.Errorf("name search: %v", names(body))
		}
		if _, body = b.get("/groups?programme=" + f.far.ID); !slices.Equal(names(body), []string{"KUBE Cilacap Rahasia"}) {
			t.Errorf("by programme: %v", names(body))
		}
		if status, body = b.get("/groups?region=32.4x&stage=nope"); status != http.StatusUnprocessableEntity || !strings.Contains(body, "Tahap kelompok tidak dikenal.") {
			t.Errorf("bad filter = %d", status)
		}

		// Paging: two groups a page is not possible from outside (the page
		// size is fixed), so check the page number is honoured past the end.
		if _, body = b.get("/groups?page=2"); len(names(body)) != 0 || strings.Contains(body, "KUBE Mawar") {
			t.Errorf("page 2 of 5: %v", names(body))
		}

		// Exports, read back.
		status, body = b.get("/groups/export.xlsx?region=32.04")
		rows := xlsxRows(t, body)
		if status != 200 || rows[0][0] != "id" || rows[0][1] != "name" || !slices.Equal(column(rows, 1), []string{"KSP Kenanga", "KUBE Cimenyan", "KUBE Mawar", "KUBE Melati"}) ||
			!slices.Equal(column(rows, 10), []string{"KUBE Bandung 2026", "KUBE Bandung 2026", "KUBE Bandung 2026", "KUBE Bandung 2026"}) {
			t.Errorf("groups export = %d %q", status, rows)
		}
		status, body = b.get("/groups/counts.xlsx?region=32.04.05")
		rows = xlsxRows(t, body)
		want := [][]string{{"Kode wilayah", "Desa/Kelurahan", "Jenis kelompok", "Tahap", "Kelompok", "Anggota aktif"},
			{"32.04.05.2001", kulon.Name, "KUBE (Kelompok Usaha Bersama)", "Pembentukan", "2", "0"}}
		if status != 200 || len(rows) != 3 || !slices.Equal(rows[0], want[0]) || !slices.Equal(rows[1], want[1]) || rows[2][0] != "32.04.05.2002" || rows[2][4] != "1" {
			t.Errorf("counts export = %d %q", status, rows)
		}
	})
}

func TestFacilitatorPage(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		fac, _ := e.addUser("pendamping", access.Facilitator, "32.04")
		fp := e.admin
		fp.UserID, fp.Username, fp.Role, fp.Scope = fac.ID, fac.Username, access.Facilitator, "32.04"
		prog, err := e.m.Programmes.CreateProgramme(ctx, e.admin, programme.Input{Name: "KUBE Cileunyi", Start: "01/01/2026", Regions: []string{"32.04.05"},
			Rules: []programme.Rules{{GroupType: programme.KUBE, MinMembers: 5, MaxMembers: 10}}})
		if err != nil {
			t.Fatal(err)
		}
		// Two groups made 90 days ago; one visited five days ago with a
		// follow-up due two days ago.
		today := time.Now()
		e.m.Groups.SetClock(func() time.Time { return today.AddDate(0, 0, -90) })
		mk := func(name string) group.Group {
			g, err := e.m.Groups.CreateGroup(ctx, fp, group.Input{ProgrammeID: prog.ID, Name: name, Type: "kube", Field: "jasa", VillageCode: "3204052001"})
			if err != nil {
				t.Fatal(err)
			}
			return g
		}
		lost, seen := mk("KUBE Terlupa"), mk("KUBE Dikunjungi")
		other, err := e.m.Groups.CreateGroup(ctx, e.admin, group.Input{ProgrammeID: prog.ID, Name: "KUBE Orang Lain", Type: "kube", Field: "jasa", VillageCode: "3204052001"})
		if err != nil {
			t.Fatal(err)
		}
		e.m.Groups.SetClock(time.Now)
		day := func(n int) string {
			return today.AddDate(0, 0, n).In(time.FixedZone("WIB", 7*3600)).Format("02/01/2006")
		}
		if _, err := e.m.Groups.RecordMeeting(ctx, fp, seen.ID, group.MeetingInput{Kind: "visit", Date: day(-5), Topics: []string{"menabung"},
			FollowUps: []group.FollowUpInput{{Action: "Kumpulkan fotokopi KK anggota", Due: day(-2)}, {Action: "Belum waktunya", Due: day(10)}}}); err != nil {
			t.Fatal(err)
		}
		b := e.browser()
		b.login("pendamping", "sandi-pendamping")
		status, body := b.get("/facilitator")
		for _, want := range []string{"Pendampingan saya", "Kumpulkan fotokopi KK anggota", "batas " + day(-2), `href="/groups/` + seen.ID + `">KUBE Dikunjungi`,
			"Belum dikunjungi 30 hari atau lebih", `href="/groups/` + lost.ID + `">KUBE Terlupa`} {
			if status != 200 || !strings.Contains(body, want) {
				t.Errorf("facilitator page = %d, lacks %q", status, want)
			}
		}
		notVisited := body[strings.Index(body, "Belum dikunjungi 30 hari"):strings.Index(body, "Kelompok dampingan saya")]
		if strings.Contains(notVisited, "KUBE Dikunjungi") || !strings.Contains(notVisited, "KUBE Terlupa") {
			t.Errorf("not visited for 30 days: %s", notVisited)
		}
		if strings.Contains(body, "Belum waktunya") || strings.Contains(body, "KUBE Orang Lain") || strings.Contains(body, other.ID) {
			t.Errorf("the page shows a follow-up not yet due or someone else's group")
		}
		_, body = b.get("/facilitator?days=3")
		notVisited = body[strings.Index(body, "Belum dikunjungi 3 hari"):strings.Index(body, "Kelompok dampingan saya")]
		if !strings.Contains(notVisited, "KUBE Dikunjungi") || !strings.Contains(notVisited, "KUBE Terlupa") {
			t.Errorf("not visited for 3 days: %s", notVisited)
		}
		if _, body = b.get("/facilitator?days=abc"); !strings.Contains(body, "Belum dikunjungi 30 hari") {
			t.Errorf("a bad day count is not the default")
		}
		// The menu shows the page to a facilitator, not to a viewer.
		if _, body = b.get("/"); !strings.Contains(body, `href="/facilitator"`) || !strings.Contains(body, `href="/groups"`) || !strings.Contains(body, `href="/programmes"`) {
			t.Errorf("facilitator's menu lacks the group pages")
		}
		e.addUser("pembaca", access.Viewer, "32.04")
		v := e.browser()
		v.login("pembaca", "sandi-pembaca")
		if _, body = v.get("/"); strings.Contains(body, `href="/facilitator"`) || !strings.Contains(body, `href="/groups"`) {
			t.Errorf("viewer's menu")
		}
	})
}

func TestProgrammePagesScope(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		f := newGroupFixture(t, e)
		e.addUser("bandung", access.Admin, "32.04")
		e.addUser("fasil", access.Facilitator, "32.04")
		e.addUser("pembaca", access.Viewer, "32.04")
		admin, facil, viewer := e.browser(), e.browser(), e.browser()
		admin.login("bandung", "sandi-bandung")
		facil.login("fasil", "sandi-fasil")
		viewer.login("pembaca", "sandi-pembaca")
		far, farUnit := f.far.ID, f.farUnit.ID

		for who, b := range map[string]*browser{"admin 32.04": admin, "facilitator 32.04": facil, "viewer 32.04": viewer} {
			// Lists: Bandung's records, never Cilacap's, whatever the filter.
			for _, path := range []string{"/programmes", "/units", "/units?region=33.01", "/units?programme=" + far, "/groups", "/groups?region=33",
				"/groups?region=33.01.01.2001", "/groups?programme=" + far, "/groups?type=kube", "/facilitator"} {
				status, body := b.get(path)
				if path == "/facilitator" && b == viewer {
					continue
				}
				clean := strings.ReplaceAll(strings.ReplaceAll(body, far, ""), "33.01.01.2001", "")
				clean = strings.ReplaceAll(strings.ReplaceAll(clean, "33.01", ""), "region=33", "")
				if status != http.StatusOK || f.leaks(clean) {
					t.Errorf("%s GET %s = %d, shows Cilacap: %v", who, path, status, f.leaks(clean))
				}
			}
			if _, body := b.get("/groups"); !strings.Contains(body, "KUBE Mawar") || !strings.Contains(body, "1–4 dari 4 kelompok") {
				t.Errorf("%s: Bandung's groups missing", who)
			}
			if _, body := b.get("/programmes"); !strings.Contains(body, "KUBE Bandung 2026") {
				t.Errorf("%s: Bandung's programme missing", who)
			}
			// Exports hold only Bandung.
			_, body := b.get("/groups/export.xlsx?region=33")
			if rows := xlsxRows(t, body); len(rows) != 1 {
				t.Errorf("%s export of 33: %q", who, rows)
			}
			_, body = b.get("/groups/counts.xlsx")
			rows := xlsxRows(t, body)
			if len(rows) < 2 || f.leaks(strings.Join(slices.Concat(rows...), " ")) {
				t.Errorf("%s counts export: %q", who, rows)
			}
			// One record by ID: not found, nothing told.
			for _, path := range []string{"/programmes/" + far, "/programmes/" + far + "/edit", "/units/" + farUnit, "/units/" + farUnit + "/edit"} {
				status, body := b.get(path)
				want := http.StatusNotFound
				if b != admin && strings.HasSuffix(path, "/edit") {
					want = http.StatusForbidden
				}
				if status != want || f.leaks(strings.ReplaceAll(body, path, "")) {
					t.Errorf("%s GET %s = %d, want %d", who, path, status, want)
				}
			}
			// Writes: refused, and nothing changed.
			b.get("/programmes")
			for path, form := range map[string]url.Values{
				"/programmes/" + far:                                  programmeForm("Diubah"),
				"/programmes/" + far + "/next":                        {"name": {"Diubah II"}, "start": {"01/01/2028"}},
				"/units/" + farUnit:                                   {"type": {"lpp"}, "name": {"Diubah"}, "village_code": {"3204052001"}},
				"/units/" + farUnit + "/staff":                        {"user_id": {e.admin.UserID}, "position": {"Penyusup"}, "start": {"01/01/2026"}},
				"/units/" + farUnit + "/staff/" + f.farStaff + "/end": {"end": {"01/02/2026"}},
			} {
				res, body := b.post(path, form)
				want := []int{http.StatusNotFound}
				if b != admin {
					want = []int{http.StatusForbidden}
				}
				if !slices.Contains(want, res.StatusCode) || res.Header.Get("Location") != "" || f.leaks(strings.ReplaceAll(body, path, "")) {
					t.Errorf("%s POST %s = %d, want %v", who, path, res.StatusCode, want)
				}
			}
			// New records in Cilacap or in its programme: refused with the form back.
			res, body := b.post("/groups", url.Values{"programme_id": {far}, "name": {"KUBE Penyusup"}, "type": {"kube"}, "business_field": {"jasa"}, "village_code": {"3301012001"}})
			wantStatus := http.StatusUnprocessableEntity
			if b == viewer {
				wantStatus = http.StatusForbidden
			}
			if res.StatusCode != wantStatus || res.Header.Get("Location") != "" || f.leaks(strings.ReplaceAll(strings.ReplaceAll(body, far, ""), "3301012001", "")) {
				t.Errorf("%s POST /groups in Cilacap's programme = %d", who, res.StatusCode)
			}
			res, _ = b.post("/groups", url.Values{"programme_id": {f.prog.ID}, "name": {"KUBE Penyusup"}, "type": {"kube"}, "business_field": {"jasa"}, "village_code": {"3301012001"}})
			if res.StatusCode != http.StatusForbidden || res.Header.Get("Location") != "" {
				t.Errorf("%s POST /groups in a Cilacap village = %d", who, res.StatusCode)
			}
			res, _ = b.post("/units", url.Values{"type": {"lpp"}, "name": {"LPP Penyusup"}, "village_code": {"3301012001"}})
			if res.StatusCode != http.StatusForbidden || res.Header.Get("Location") != "" {
				t.Errorf("%s POST /units in Cilacap = %d", who, res.StatusCode)
			}
			res, _ = b.post("/programmes", url.Values{"name": {"Program Penyusup"}, "start": {"01/01/2026"}, "regions": {"33.01"}, "rules.kube.on": {"1"}})
			if res.StatusCode != http.StatusForbidden || res.Header.Get("Location") != "" {
				t.Errorf("%s POST /programmes in Cilacap = %d", who, res.StatusCode)
			}
		}
		// Only the manager's permission opens the programme and unit forms.
		for _, b := range []*browser{facil, viewer} {
			for _, path := range []string{"/programmes/new", "/units/new", "/programmes/" + f.prog.ID + "/edit", "/units/" + f.unit.ID + "/edit"} {
				if status, _ := b.get(path); status != http.StatusForbidden {
					t.Errorf("GET %s by a non-manager = %d", path, status)
				}
			}
		}
		if status, _ := viewer.get("/groups/new"); status != http.StatusForbidden {
			t.Errorf("viewer GET /groups/new = %d", status)
		}
		if status, _ := facil.get("/groups/new"); status != http.StatusOK {
			t.Errorf("facilitator GET /groups/new = %d", status)
		}
		// In scope, the Bandung admin sees the programme and unit pages.
		if status, body := admin.get("/programmes/" + f.prog.ID); status != 200 || !strings.Contains(body, "LPP Bandung") || f.leaks(body) {
			t.Errorf("in-scope programme page = %d", status)
		}
		// Nothing of Cilacap changed.
		prog, _ := e.m.Programmes.GetProgramme(ctx, e.admin, far)
		det, _ := e.m.Programmes.GetUnit(ctx, e.admin, farUnit)
		page, _ := e.m.Groups.ListGroups(ctx, e.admin, group.Filter{Region: "33"})
		progs, _ := e.m.Programmes.ListProgrammes(ctx, e.admin)
		units, _ := e.m.Programmes.ListUnits(ctx, e.admin, programme.UnitFilter{})
		if prog.Name != "KUBE Cilacap Rahasia" || det.Unit.Name != "LPP Cilacap Rahasia" || len(det.Staff) != 1 || !det.Staff[0].End.IsZero() ||
			page.Total != 1 || len(progs) != 2 || len(units) != 2 {
			t.Errorf("Cilacap changed: %q, %q, %+v, %d groups, %d programmes, %d units", prog.Name, det.Unit.Name, det.Staff, page.Total, len(progs), len(units))
		}
		_ = registry.TargetGroups
	})
}
