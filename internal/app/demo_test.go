package app

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/dbtest"
	"github.com/berdaya/berdaya/internal/group"
	"github.com/berdaya/berdaya/internal/pdf/pdftext"
	"github.com/berdaya/berdaya/internal/programme"
	"github.com/berdaya/berdaya/internal/registry"
)

// TestServeDemoHasGroupsInEveryStage starts the demo on an empty database and
// checks that a newcomer finds programmes, units, a facilitator with work to
// do, and groups in every stage whose books print.
func TestServeDemoHasGroupsInEveryStage(t *testing.T) {
	for _, d := range dbtest.Dialects() {
		t.Run(string(d), func(t *testing.T) {
			ctx := context.Background()
			m, err := Open(ctx, dbtest.EmptySource(t, d), nil)
			if err != nil {
				t.Fatal(err)
			}
			defer m.Close()
			if err := m.startDemo(ctx, io.Discard); err != nil {
				t.Fatal(err)
			}
			p, err := m.System(ctx, "")
			if err != nil {
				t.Fatal(err)
			}
			progs, err := m.Programmes.ListProgrammes(ctx, p)
			if err != nil || len(progs) != 2 {
				t.Fatalf("programmes %d, %v", len(progs), err)
			}
			units, err := m.Programmes.ListUnits(ctx, p, programme.UnitFilter{})
			if err != nil || len(units) != 4 {
				t.Errorf("units %d, %v", len(units), err)
			}
			page, err := m.Groups.ListGroups(ctx, p, group.Filter{PerPage: group.MaxPerPage})
			if err != nil || page.Total != len(demoWastePickerGroups)+len(demoKUBEGroups) {
				t.Fatalf("groups %d, %v", page.Total, err)
			}
			stages := map[group.Stage]int{}
			for _, g := range page.Items {
				stages[g.Stage]++
			}
			for _, s := range group.Stages {
				if stages[s] == 0 {
					t.Errorf("no demo group in stage %s: %v", s, stages)
				}
			}
			var coop group.Summary
			for _, g := range page.Items {
				if g.Stage == group.Cooperative {
					coop = g
				}
			}
			if coop.Members != 10 || coop.Type != programme.Cooperative {
				t.Errorf("cooperative %+v", coop)
			}
			if d == db.SQLite {
				checkDemoFacilitator(t, m, coop.ID)
			}
		})
	}
}

func checkDemoFacilitator(t *testing.T, m *Main, coopID string) {
	ctx := context.Background()
	session, err := m.Auth.Login(ctx, DemoFacilitator, DemoPassword, "127.0.0.1")
	if err != nil {
		t.Fatalf("demo facilitator login: %v", err)
	}
	fac := session.Principal
	ov, err := m.Groups.FacilitatorOverview(ctx, fac, "", 30)
	if err != nil || len(ov.Groups) != 7 || len(ov.Overdue) != 4 || len(ov.NotVisited) == 0 {
		t.Errorf("facilitator overview: %d groups, %d overdue, %d not visited, %v", len(ov.Groups), len(ov.Overdue), len(ov.NotVisited), err)
	}
	var buf bytes.Buffer
	if err := m.Groups.WriteBook(ctx, fac, coopID, group.BookBoard, "id", &buf); err != nil {
		t.Fatal(err)
	}
	text, err := pdftext.Text(buf.Bytes())
	if err != nil || !strings.Contains(text, "KSP Mekar Sari") || !strings.Contains(text, "Pengawas") {
		t.Errorf("board list of the demo cooperative:\n%s %v", text, err)
	}
}

// TestCLIImportGroups imports a groups file into the demo's KUBE programme
// from the command line, twice: the second run changes nothing.
func TestCLIImportGroups(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "berdaya.db")
	ctx := context.Background()
	m, err := Open(ctx, dbPath, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := m.startDemo(ctx, io.Discard); err != nil {
		t.Fatal(err)
	}
	p, _ := m.System(ctx, "")
	persons, err := m.Registry.ListPersons(ctx, p, registry.Filter{TargetGroup: registry.Elderly, PerPage: 1})
	if err != nil || len(persons.Items) != 1 {
		t.Fatalf("a person outside the demo groups: %v", err)
	}
	full, _ := m.Registry.GetPerson(ctx, p, persons.Items[0].ID)
	m.Close()
	csvPath := filepath.Join(dir, "kube.csv")
	data := "kelompok,jenis,bidang_usaha,kode_wilayah,nik\n" +
		"KUBE Lansia Sehat,kube,jasa,32.04.05.2001," + full.Person.NIK + "\n" +
		"KUBE Lansia Sehat,,,,12345\n"
	if err := os.WriteFile(csvPath, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{"groups created 1, members added 1, unchanged 0, rejected 1\n", "groups created 0, members added 0, unchanged 1, rejected 1\n"} {
		code, out, errOut := run(t, "", "import", "groups", csvPath, "--db", dbPath, "--programme", "KUBE Kabupaten Bandung 2026")
		if code != 0 || !strings.HasSuffix(out, want) {
			t.Fatalf("run %d: import groups = %d %q %q", i+1, code, out, errOut)
		}
		report, err := os.ReadFile(filepath.Join(dir, "kube-errors.csv"))
		if err != nil || !strings.Contains(string(report), "3;nik;12345;The member's NIK must be 16 digits.") {
			t.Errorf("error report %q %v", report, err)
		}
	}
	if code, _, errOut := run(t, "", "import", "groups", csvPath, "--db", dbPath, "--programme", "Tidak Ada"); code == 0 || !strings.Contains(errOut, "Programme not found") {
		t.Errorf("unknown programme: %d %q", code, errOut)
	}
}
