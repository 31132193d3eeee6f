package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestGroupImportPage uploads a groups-and-members file with a good row, a
// row for a member already in, and two mistakes; the page shows the counts
// and each refused row's line, column and reason in Indonesian.
func TestGroupImportPage(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *env) {
		f := newGroupPageFixture(t, e)
		b := e.browser()
		b.login("admin", adminPassword)
		b.mustGet("/groups/import?programme="+f.prog.ID, "Impor kelompok dan anggota", `value="`+f.prog.ID+`" selected`, "kode_wilayah")
		data := "Kelompok;NIK;Jenis;Kode Wilayah;Bidang Usaha\n" +
			"KSP Mekar Sari;" + f.persons[0].NIK + ";;;\n" +
			"KSP Mekar Sari;" + f.persons[0].NIK + ";;;\n" +
			"KSP Baru;" + f.persons[1].NIK + ";ksp;32.04.05.2001;daur_ulang\n" +
			"KSP Mekar Sari;3.20405E+15;;;\n" +
			"KSP Tanpa Desa;" + f.persons[2].NIK + ";ksp;;daur_ulang\n"
		fields := url.Values{"csrf": {b.csrf}, "programme": {f.prog.ID}}
		res, body := b.uploadTo("/groups/import", fields, "anggota.csv", data)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("upload = %d", res.StatusCode)
		}
		for _, want := range []string{"5 baris: 1 kelompok baru, 2 anggota ditambahkan, 1 tidak berubah, 2 ditolak.",
			"NIK anggota harus 16 angka.", "3.20405E", `data-label="Baris">5<`, `data-label="Baris">6<`} {
			if !strings.Contains(body, want) {
				t.Errorf("result page lacks %q", want)
			}
		}
		res, body = b.uploadTo("/groups/import", fields, "anggota.csv", data)
		if res.StatusCode != http.StatusOK || !strings.Contains(body, "5 baris: 0 kelompok baru, 0 anggota ditambahkan, 3 tidak berubah, 2 ditolak.") {
			t.Errorf("second upload = %d", res.StatusCode)
		}
		if res, _ := b.uploadTo("/groups/import", url.Values{"programme": {f.prog.ID}}, "anggota.csv", data); res.StatusCode != http.StatusForbidden {
			t.Errorf("upload without the CSRF token = %d", res.StatusCode)
		}
		if res, body := b.uploadTo("/groups/import", fields, "anggota.pdf", data); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Impor kelompok dan anggota") {
			t.Errorf("a PDF = %d", res.StatusCode)
		}
	})
}
