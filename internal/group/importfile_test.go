package group_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/dbtest"
	"github.com/berdaya/berdaya/internal/group"
	"github.com/berdaya/berdaya/internal/programme"
	"github.com/berdaya/berdaya/internal/registry"
)

// TestImportMembersFile imports a groups-and-members file as a clerk types it
// (semicolons, odd headers, an apostrophe before a NIK) with the usual
// mistakes, checks what was kept and what was refused with line, column and
// reason, then imports it again: nothing changes.
func TestImportMembersFile(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		prog := f.programme("PEP Fase I", false, programme.DefaultRules(programme.KSP))
		nik := func(i int) string {
			p, err := f.reg.GetPerson(f.ctx, f.admin, f.persons[i])
			if err != nil {
				t.Fatal(err)
			}
			return p.Person.NIK
		}
		lines := []string{
			"Nama Kelompok;JENIS;Bidang Usaha;Kode Wilayah;NIK;Tanggal Masuk",
			"KSP Mekar Sari;ksp;daur_ulang;32.04.05.2001;'" + nik(0) + ";01/03/2026", // 2: new group, member
			"KSP Mekar Sari;;;;" + nik(1) + ";01/03/2026",                            // 3: member of the same group
			"ksp mekar sari;;;;" + nik(1) + ";",                                      // 4: already a member: unchanged
			"KSP Sinar Pagi;ksp;daur_ulang;32.04.05.2001;" + nik(1) + ";",            // 5: new group; member of another group of the programme
			"KSP Sinar Pagi;;;;3.20405E+15;",                                         // 6: NIK mangled by Excel
			"KSP Sinar Pagi;;;;3204059999990001;",                                    // 7: nobody with that NIK
			"KSP Tanpa Desa;ksp;daur_ulang;;" + nik(2) + ";",                         // 8: a new group without its village
			"KSP Jauh;ksp;daur_ulang;33.01.01.2001;" + nik(3) + ";",                  // 9: village outside the programme
		}
		path := filepath.Join(t.TempDir(), "kelompok.csv")
		if err := os.WriteFile(path, []byte(strings.Join(lines, "\r\n")+"\r\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		run := func() (group.ImportResult, []registry.Rejection) {
			src, closeSrc, err := registry.OpenFile(path)
			if err != nil {
				t.Fatal(err)
			}
			defer closeSrc()
			var refused []registry.Rejection
			res, err := f.groups.ImportMembers(f.ctx, f.fac, prog.ID, src, func(r registry.Rejection) error {
				refused = append(refused, r)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			return res, refused
		}
		res, refused := run()
		if res != (group.ImportResult{Rows: 8, Groups: 2, Members: 2, Unchanged: 1, Rejected: 5}) {
			t.Errorf("first import %+v", res)
		}
		want := map[int]string{5: "NIK", 6: "NIK", 7: "NIK", 8: "Kode Wilayah", 9: "Kode Wilayah"}
		for _, r := range refused {
			if want[r.Line] != r.Column {
				t.Errorf("line %d refused at %q (%s), want column %q", r.Line, r.Column, r.Reason, want[r.Line])
			}
			delete(want, r.Line)
		}
		if len(want) != 0 {
			t.Errorf("rows not refused: %v (refused %+v)", want, refused)
		}
		page, err := f.groups.ListGroups(f.ctx, f.viewer, group.Filter{ProgrammeID: prog.ID})
		if err != nil || page.Total != 2 {
			t.Fatalf("groups after import %+v %v", page, err)
		}
		members, _ := f.groups.Members(f.ctx, f.viewer, page.Items[0].ID, false)
		if page.Items[0].Name != "KSP Mekar Sari" || len(members) != 2 {
			t.Errorf("KSP Mekar Sari members %+v", members)
		}
		again, refusedAgain := run()
		if again != (group.ImportResult{Rows: 8, Unchanged: 3, Rejected: 5}) || len(refusedAgain) != 5 {
			t.Errorf("second import %+v, refused %+v", again, refusedAgain)
		}
	})
}
