package group_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/dbtest"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/group"
	"github.com/berdaya/berdaya/internal/pdf/pdftext"
	"github.com/berdaya/berdaya/internal/programme"
	"github.com/berdaya/berdaya/internal/registry"
)

// TestBooksPrint prints the three books of a KUBE with members (one of whom
// left), an elected board and two versions of its rules, and reads the text
// back: titles, place, members with masked or plain NIKs by role, seats and
// signatures, the rules in force.
func TestBooksPrint(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		prog := f.programme("KUBE Cileunyi 2026", false, programme.DefaultRules(programme.KUBE))
		g := f.group(f.fac, prog.ID, "KUBE Maju Bersama", programme.KUBE, false)
		members := f.join(g.ID, f.persons[:6]...)
		if _, err := f.groups.LeaveMember(f.ctx, f.fac, g.ID, members[5].ID, group.LeaveInput{Date: "01/06/2026", Reason: "pindah"}); err != nil {
			t.Fatal(err)
		}
		_, err := f.groups.ElectBoard(f.ctx, f.fac, g.ID, group.ElectionInput{Date: "05/03/2026", Method: "consensus", Minutes: "Musyawarah di balai RW",
			TermEnd: "05/03/2029", Elected: []group.Nominee{{PersonID: f.persons[0], Role: group.Chair}, {PersonID: f.persons[1], Role: group.Secretary},
				{PersonID: f.persons[2], Role: group.Treasurer}}})
		if err != nil {
			t.Fatal(err)
		}
		for _, text := range []string{"Iuran Rp 5.000 sebulan.", "Iuran Rp 10.000 sebulan. Rapat anggota tiap tanggal 5."} {
			if _, err := f.groups.AddRules(f.ctx, f.fac, g.ID, group.RulesInput{Text: text, AdoptedOn: "10/03/2026"}); err != nil {
				t.Fatal(err)
			}
		}
		chair, _ := f.reg.GetPerson(f.ctx, f.admin, f.persons[0])
		left, _ := f.reg.GetPerson(f.ctx, f.admin, f.persons[5])

		book := func(b group.Book, lang string) string {
			t.Helper()
			var buf bytes.Buffer
			if err := f.groups.WriteBook(f.ctx, f.fac, g.ID, b, lang, &buf); err != nil {
				t.Fatalf("%s: %v", b, err)
			}
			if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
				t.Fatalf("%s is not a PDF", b)
			}
			if dir := os.Getenv("BERDAYA_PDF_SAMPLES"); dir != "" && d.Dialect() == db.SQLite {
				// For a person to look at: BERDAYA_PDF_SAMPLES=/tmp/books go test ./internal/group
				if err := os.WriteFile(filepath.Join(dir, "buku-"+string(b)+".pdf"), buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			text, err := pdftext.Text(buf.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			return text
		}
		members1 := book(group.BookMembers, "id")
		for _, want := range []string{"Buku Anggota", "KUBE Maju Bersama", "KUBE Cileunyi 2026", "Cileunyi Kulon, Cileunyi, Kabupaten Bandung, Jawa Barat",
			"Yayasan Uji", "Daftar anggota (6 orang)", chair.Person.Name, chair.Person.NIK, left.Person.Name, "01/06/2026", "Ketua", "Sekretaris",
			"Bandung, 22 November 2026", "Halaman 1 dari 1"} {
			if !strings.Contains(members1, want) {
				t.Errorf("member book lacks %q:\n%s", want, members1)
			}
		}
		if strings.Count(members1, "\nAnggota\n") != 6 {
			t.Errorf("member book: want 6 rows with role Anggota:\n%s", members1)
		}
		viewerBook := func() string {
			var buf bytes.Buffer
			if err := f.groups.WriteBook(f.ctx, f.viewer, g.ID, group.BookMembers, "en", &buf); err != nil {
				t.Fatal(err)
			}
			text, _ := pdftext.Text(buf.Bytes())
			return text
		}()
		if strings.Contains(viewerBook, chair.Person.NIK) || !strings.Contains(viewerBook, registry.MaskID(chair.Person.NIK)) || !strings.Contains(viewerBook, "Member Book") {
			t.Errorf("a viewer's member book must mask NIKs and be in English:\n%s", viewerBook)
		}
		board := book(group.BookBoard, "id")
		for _, want := range []string{"Daftar Pengurus", "Susunan pengurus", "Bendahara", chair.Person.Name, "05/03/2026 – 05/03/2029",
			"Musyawarah mufakat", "Musyawarah di balai RW", "5 Maret 2026"} {
			if !strings.Contains(board, want) {
				t.Errorf("board list lacks %q:\n%s", want, board)
			}
		}
		rules := book(group.BookRules, "id")
		if !strings.Contains(rules, "Peraturan versi 2, berlaku sejak 10 Maret 2026") || !strings.Contains(rules, "Rapat anggota tiap tanggal 5.") ||
			strings.Contains(rules, "Iuran Rp 5.000 sebulan.") {
			t.Errorf("rules book must print version 2 only:\n%s", rules)
		}
		var buf bytes.Buffer
		wantErr(t, f.groups.WriteBook(f.ctx, f.far, g.ID, group.BookMembers, "id", &buf), errs.NotFound, "", "group.err.not_found")
		wantErr(t, f.groups.WriteBook(f.ctx, f.fac, g.ID, group.Book("keuangan"), "id", &buf), errs.NotFound, "", "book.err.unknown")
	})
}
