package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/dbtest"
	"github.com/berdaya/berdaya/internal/group"
	"github.com/berdaya/berdaya/internal/programme"
)

func TestGroupPages(t *testing.T) {
	for _, d := range dbtest.Dialects() {
		t.Run(string(d), func(t *testing.T) { groupPages(t, d) })
	}
}

// mustPost submits a form and checks the answer's status and, for a
// redirect, where it leads.
func (b *browser) mustPost(path string, form url.Values, status int, location string) string {
	b.e.t.Helper()
	res, body := b.post(path, form)
	if res.StatusCode != status {
		b.e.t.Fatalf("POST %s = %d, want %d: %s", path, res.StatusCode, status, body)
	}
	if location != "" && res.Header.Get("Location") != location {
		b.e.t.Fatalf("POST %s went to %q, want %q", path, res.Header.Get("Location"), location)
	}
	return body
}

// mustGet fetches a page and checks it is there and holds each of want.
func (b *browser) mustGet(path string, want ...string) string {
	b.e.t.Helper()
	status, body := b.get(path)
	if status != http.StatusOK {
		b.e.t.Fatalf("GET %s = %d: %s", path, status, body)
	}
	for _, w := range want {
		if !strings.Contains(body, w) {
			b.e.t.Errorf("GET %s lacks %q", path, w)
		}
	}
	if strings.Contains(body, "%!") || strings.Contains(body, "gp.") {
		b.e.t.Errorf("GET %s has a broken or untranslated string", path)
	}
	return body
}

func wantIn(t *testing.T, what, body string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
}

func groupPages(t *testing.T, d db.Dialect) {
	e := newEnv(t, d)
	f := newGroupPageFixture(t, e)
	g, ps := f.group, f.persons
	base := "/groups/" + g.ID
	b := e.browser()
	b.login("admin", adminPassword)

	// The page of a new group: its summary, region names and the template.
	b.mustGet(base, "KSP Mekar Sari", "Pemberdayaan Pemulung Fase II", "KSP (Kelompok Swadaya Pemulung)", "Daur ulang",
		"Kabupaten Bandung", "Cileunyi", "Pembentukan", "Sosialisasi program", "Pendekatan melalui solidarity maker",
		"FGD pembentukan: 0 dari minimal 3", base+"/books/anggota", base+"/books/peraturan", base+"/books/pengurus")
	b.mustGet(base+"/steps/new?kind=sosialisasi", "Catat tahap pembentukan", ps[0].Name, `value="sosialisasi" selected`)

	// A socialisation with two of the village's people present.
	b.mustPost(base+"/steps", url.Values{"kind": {"sosialisasi"}, "date": {"01/09/2026"}, "attendance": {ps[0].ID, ps[1].ID},
		"notes": {"Sosialisasi di pos RW"}}, http.StatusSeeOther, base+"#formation")
	b.mustGet(base, "2 hadir", "Sosialisasi di pos RW", ps[1].Name)

	// A wrong date is refused in Indonesian and nothing typed is lost.
	body := b.mustPost(base+"/steps", url.Values{"kind": {"pendekatan"}, "date": {"31/02/2026"}, "attendance": {ps[2].ID},
		"notes": {"Lewat bandar Pak Haji"}}, http.StatusUnprocessableEntity, "")
	wantIn(t, "refused step", body, "Tanggal tidak sah", "Lewat bandar Pak Haji", `value="31/02/2026"`, `value="`+ps[2].ID+`" checked`)
	// Searching the attendance list keeps what was typed too and saves nothing.
	body = b.mustPost(base+"/steps", url.Values{"kind": {"pendekatan"}, "date": {"02/09/2026"}, "attendance": {ps[2].ID},
		"notes": {"Lewat bandar"}, "q": {"Agus Salim"}, "find": {"1"}}, http.StatusOK, "")
	wantIn(t, "attendance search", body, "Agus Salim", "Lewat bandar", `value="`+ps[2].ID+`" checked`)

	// Members joined by NIK and by name, the search offering add buttons.
	b.mustGet(base+"/members/new?q="+ps[0].NIK, ps[0].Name, `name="person_id" value="`+ps[0].ID+`"`)
	b.mustGet(base+"/members/new?q=Dedi", ps[1].Name)
	for _, p := range ps[:6] {
		b.mustPost(base+"/members", url.Values{"person_id": {p.ID}, "role": {"member"}, "joined": {"05/09/2026"}, "q": {p.Name}},
			http.StatusSeeOther, "")
	}
	b.mustPost(base+"/members", url.Values{"person_id": {ps[6].ID}, "role": {"candidate"}, "joined": {"05/09/2026"}}, http.StatusSeeOther, "")
	body = b.mustPost(base+"/members", url.Values{"person_id": {ps[0].ID}, "role": {"member"}, "joined": {"05/09/2026"}}, http.StatusConflict, "")
	wantIn(t, "second join", body, "sudah menjadi anggota aktif kelompok ini")
	b.mustGet(base, "Anggota: 6 (minimal 5)", ps[5].Name, "Calon anggota")

	// Two FGDs are not enough to be formed: the Indonesian rule says why.
	for _, day := range []string{"10/09/2026", "17/09/2026"} {
		b.mustPost(base+"/steps", url.Values{"kind": {"fgd"}, "date": {day}, "attendance": {ps[0].ID, ps[1].ID, ps[2].ID, ps[3].ID, ps[4].ID}},
			http.StatusSeeOther, base+"#formation")
	}
	b.mustGet(base, "FGD pembentukan: 2 dari minimal 3", "Baru 2 FGD pembentukan tercatat; program meminta paling sedikit 3.")
	body = b.mustPost(base+"/stage", url.Values{"to": {"formed"}, "date": {"20/09/2026"}, "evidence": {"Berita acara"}}, http.StatusUnprocessableEntity, "")
	wantIn(t, "formed too early", body, "Baru 2 FGD pembentukan tercatat; program meminta paling sedikit 3.", "Berita acara")
	b.mustPost(base+"/steps", url.Values{"kind": {"fgd"}, "date": {"24/09/2026"}, "attendance": {ps[0].ID, ps[1].ID, ps[2].ID}},
		http.StatusSeeOther, base+"#formation")
	b.mustGet(base, "FGD pembentukan: 3 dari minimal 3", "Syarat kelompok terbentuk sudah terpenuhi.")
	b.mustPost(base+"/stage", url.Values{"to": {"formed"}, "date": {"25/09/2026"}, "evidence": {"FGD ke-3, berita acara pembentukan"}},
		http.StatusSeeOther, base+"#stage")
	b.mustGet(base, "Terbentuk", "FGD ke-3, berita acara pembentukan")

	// Operating needs a board first.
	body = b.mustPost(base+"/stage", url.Values{"to": {"operating"}, "date": {"26/09/2026"}, "evidence": {"Mulai"}}, http.StatusUnprocessableEntity, "")
	wantIn(t, "operating without board", body, "belum memiliki ketua, sekretaris dan bendahara")

	// The election: a prospective member cannot sit on the board.
	b.mustGet(base+"/board/election", "Ketua", "Sekretaris", "Bendahara", `name="votes.chair.`+ps[0].ID+`"`)
	election := url.Values{"date": {"28/09/2026"}, "method": {"votes"}, "minutes": {"Rapat anggota di balai RW"},
		"votes.chair." + ps[0].ID: {"4"}, "votes.chair." + ps[1].ID: {"2"}, "elected.chair": {ps[0].ID},
		"votes.secretary." + ps[6].ID: {"5"}, "elected.secretary": {ps[6].ID},
		"votes.treasurer." + ps[2].ID: {"6"}, "elected.treasurer": {ps[2].ID}}
	body = b.mustPost(base+"/board/election", election, http.StatusUnprocessableEntity, "")
	wantIn(t, "candidate on the board", body, "Pengurus dan calon pengurus harus anggota aktif kelompok.", "Rapat anggota di balai RW", `value="4"`)
	election.Del("votes.secretary." + ps[6].ID)
	election.Set("votes.secretary."+ps[1].ID, "5")
	election.Set("elected.secretary", ps[1].ID)
	b.mustPost(base+"/board/election", election, http.StatusSeeOther, base+"#board")
	body = b.mustGet(base, "Ketua", "Bendahara", "Pemungutan suara")
	wantIn(t, "board", body, ps[0].Name, ps[2].Name)
	b.mustPost(base+"/stage", url.Values{"to": {"operating"}, "date": {"01/10/2026"}, "evidence": {"Mulai menabung dan jual bersama"}},
		http.StatusSeeOther, base+"#stage")
	b.mustGet(base, "Beroperasi")

	// A coaching visit with attendance and a follow-up, later done.
	b.mustGet(base+"/meetings/new", "Menabung", "Kredit keluarga", ps[0].Name)
	body = b.mustPost(base+"/meetings", url.Values{"kind": {"visit"}, "date": {"05/10/2026"}, "topics": {"menabung"}, "attendance": {ps[7].ID},
		"follow_action": {"Buka rekening kelompok", ""}, "follow_due": {"01/11/2026", ""}}, http.StatusUnprocessableEntity, "")
	wantIn(t, "non-member attending", body, "Daftar hadir hanya dapat memuat anggota", "Buka rekening kelompok")
	b.mustPost(base+"/meetings", url.Values{"kind": {"visit"}, "date": {"05/10/2026"}, "topics": {"menabung", "kredit_keluarga"},
		"other_topics": {"harga kardus"}, "attendance": {ps[0].ID, ps[1].ID}, "notes": {"Kunjungan pertama"},
		"follow_action": {"Buka rekening kelompok", "", ""}, "follow_due": {"01/11/2026", "", ""}}, http.StatusSeeOther, base+"#meetings")
	b.mustGet(base, "Kunjungan pendamping", "Menabung, Kredit keluarga, harga kardus", "Buka rekening kelompok", "Tandai selesai")
	ms, err := e.m.Groups.Meetings(context.Background(), e.admin, g.ID)
	if err != nil || len(ms) != 1 || len(ms[0].FollowUps) != 1 {
		t.Fatalf("meetings: %v %+v", err, ms)
	}
	fu := ms[0].FollowUps[0].ID
	// Another group's address does not reach this group's follow-up.
	other, err := e.m.Groups.CreateGroup(context.Background(), e.admin, group.Input{ProgrammeID: f.prog.ID, Name: "KSP Lain",
		Type: string(programme.KSP), Field: string(group.Recycling), VillageCode: "3204052001"})
	if err != nil {
		t.Fatal(err)
	}
	otherBase := "/groups/" + other.ID
	if res, _ := b.post(otherBase+"/followups/"+fu+"/done", url.Values{"done": {"20/10/2026"}}); res.StatusCode != http.StatusNotFound {
		t.Errorf("follow-up done through another group = %d", res.StatusCode)
	}
	body = b.mustPost(base+"/followups/"+fu+"/done", url.Values{"done": {"99/99/2026"}}, http.StatusUnprocessableEntity, "")
	wantIn(t, "bad done date", body, "Tanggal tidak sah", "KSP Mekar Sari")
	b.mustPost(base+"/followups/"+fu+"/done", url.Values{"done": {"20/10/2026"}}, http.StatusSeeOther, base+"#meetings")
	b.mustGet(base, "selesai 20/10/2026")

	// Rules book versions.
	b.mustPost(base+"/rules", url.Values{"text": {"1. Iuran wajib Rp 5.000 per minggu."}, "adopted_on": {"28/09/2026"}}, http.StatusSeeOther, base+"/rules")
	b.mustPost(base+"/rules", url.Values{"text": {"1. Iuran wajib Rp 10.000 per minggu."}, "adopted_on": {"10/10/2026"}}, http.StatusSeeOther, base+"/rules")
	b.mustGet(base+"/rules", "Versi 2, disahkan 10/10/2026", "Versi 1, disahkan 28/09/2026", "Rp 10.000", "Rp 5.000")

	// A member leaves; the history toggle shows it.
	members, _ := e.m.Groups.Members(context.Background(), e.admin, g.ID, false)
	var leaver string
	for _, m := range members {
		if m.PersonID == ps[5].ID {
			leaver = m.ID
		}
	}
	b.mustGet(base+"/members/"+leaver+"/leave", ps[5].Name, "Tanggal keluar")
	body = b.mustPost(base+"/members/"+leaver+"/leave", url.Values{"date": {"01/01/2020"}, "reason": {"Pindah"}}, http.StatusUnprocessableEntity, "")
	wantIn(t, "leave before join", body, "Tanggal keluar tidak boleh sebelum tanggal masuk", "Pindah")
	for _, form := range []url.Values{{"date": {"15/10/2026"}}, {"date": {"01/01/2020"}}} {
		if res, _ := b.post(otherBase+"/members/"+leaver+"/leave", form); res.StatusCode != http.StatusNotFound {
			t.Errorf("leave through another group (%v) = %d", form, res.StatusCode)
		}
	}
	b.mustPost(base+"/members/"+leaver+"/leave", url.Values{"date": {"15/10/2026"}, "reason": {"Pindah ke Bekasi"}}, http.StatusSeeOther, base+"#members")
	if body := b.mustGet(base); strings.Contains(body, "Pindah ke Bekasi") {
		t.Error("a member who left is listed without the history toggle")
	}
	b.mustGet(base+"?history=1", "15/10/2026 · Pindah ke Bekasi", "Hanya anggota aktif")

	// The stage page and its history; the history of the group.
	b.mustGet(base+"/stage", "Riwayat tahap", "Pembentukan → Terbentuk", "Terbentuk → Beroperasi")
	b.mustGet(base+"/upgrade", "Hanya kelompok pada tahap berkembang")
	b.mustGet(base, "Riwayat perubahan", "Pemilihan pengurus", "Ubah tahap")

	// The member book prints.
	res, err := b.c.Get(e.srv.URL + base + "/books/anggota")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "application/pdf" || !strings.Contains(res.Header.Get("Content-Disposition"), ".pdf") {
		t.Errorf("member book: %d %q %q", res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("Content-Disposition"))
	}
	if status, _ := b.get(base + "/books/keuangan"); status != http.StatusNotFound {
		t.Errorf("unknown book: %d", status)
	}

	// The same page in English.
	b.mustPost("/lang", url.Values{"lang": {"en"}, "next": {base}}, http.StatusSeeOther, base)
	b.mustGet(base, "Formation", "Forming FGDs: 3 of at least 3", "Member book", "Operating")
	b.mustGet(base+"/board/election", "Board election", "Chair")

	// A form without its CSRF token is refused.
	res2, _ := b.post(base+"/steps", url.Values{"csrf": {"wrong"}, "kind": {"pembinaan"}, "date": {"01/11/2026"}})
	if res2.StatusCode != http.StatusForbidden {
		t.Errorf("POST without the CSRF token: %d", res2.StatusCode)
	}
}

// TestGroupPagesScope checks that a user scoped to another regency can neither
// see nor change a group, and that a viewer in scope can see but not change.
func TestGroupPagesScope(t *testing.T) {
	e := newEnv(t, db.SQLite)
	f := newGroupPageFixture(t, e)
	base := "/groups/" + f.group.ID
	m, err := e.m.Groups.AddMember(context.Background(), e.admin, f.group.ID, groupPageMember(f.persons[0].ID))
	if err != nil {
		t.Fatal(err)
	}
	e.addUser("cilacap", access.Facilitator, "33.01")
	e.addUser("pembaca", access.Viewer, "32.04")
	far := e.browser()
	far.login("cilacap", "sandi-cilacap")
	gets := []string{base, base + "/steps/new", base + "/members/new", base + "/members/" + m.ID + "/leave", base + "/board/election",
		base + "/rules", base + "/meetings/new", base + "/stage", base + "/upgrade", base + "/books/anggota"}
	for _, path := range gets {
		if status, body := far.get(path); status != http.StatusNotFound && status != http.StatusForbidden {
			t.Errorf("out-of-scope GET %s = %d", path, status)
		} else if strings.Contains(body, "KSP Mekar Sari") {
			t.Errorf("out-of-scope GET %s shows the group", path)
		}
	}
	posts := map[string]url.Values{
		base + "/steps":                      {"kind": {"sosialisasi"}, "date": {"01/09/2026"}},
		base + "/members":                    {"person_id": {f.persons[1].ID}},
		base + "/members/" + m.ID + "/leave": {"date": {"01/10/2026"}},
		base + "/board/election":             {"date": {"01/10/2026"}, "method": {"consensus"}},
		base + "/rules":                      {"text": {"x"}, "adopted_on": {"01/10/2026"}},
		base + "/meetings":                   {"kind": {"visit"}, "date": {"01/10/2026"}},
		base + "/stage":                      {"to": {"formed"}, "date": {"01/10/2026"}, "evidence": {"x"}},
		base + "/upgrade":                    {"date": {"01/10/2026"}},
		base + "/followups/0190f000-0000-7000-8000-000000000000/done": {"done": {"01/10/2026"}},
	}
	for path, form := range posts {
		res, body := far.post(path, form)
		if res.StatusCode != http.StatusNotFound && res.StatusCode != http.StatusForbidden {
			t.Errorf("out-of-scope POST %s = %d", path, res.StatusCode)
		} else if strings.Contains(body, "KSP Mekar Sari") {
			t.Errorf("out-of-scope POST %s shows the group", path)
		}
	}
	viewer := e.browser()
	viewer.login("pembaca", "sandi-pembaca")
	if body := viewer.mustGet(base, "KSP Mekar Sari"); strings.Contains(body, base+"/steps/new") || strings.Contains(body, base+"/members/new") {
		t.Error("a viewer is offered the forms")
	}
	for _, path := range []string{base + "/steps/new", base + "/members/new", base + "/board/election"} {
		if status, _ := viewer.get(path); status != http.StatusForbidden {
			t.Errorf("viewer GET %s = %d", path, status)
		}
	}
	for path, form := range posts {
		if res, _ := viewer.post(path, form); res.StatusCode != http.StatusForbidden && res.StatusCode != http.StatusNotFound {
			t.Errorf("viewer POST %s = %d", path, res.StatusCode)
		}
	}
	if ms, _ := e.m.Groups.Members(context.Background(), e.admin, f.group.ID, true); len(ms) != 1 || !ms[0].Left.IsZero() {
		t.Errorf("members changed by refused requests: %+v", ms)
	}
}
