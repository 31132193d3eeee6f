package app

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/auth"
	"github.com/berdaya/berdaya/internal/dbtest"
	"github.com/berdaya/berdaya/internal/i18n"
	"github.com/berdaya/berdaya/internal/ppi"
	"github.com/berdaya/berdaya/internal/ppisurvey"
	"github.com/berdaya/berdaya/internal/registry"
	"github.com/xuri/excelize/v2"
)

// cliRound is a drawn round with its sampled units, made through the
// services: the 2023 card, eight households in Kecamatan Cileunyi, a
// simple random sample of four, and a facilitator to be the enumerator.
type cliRound struct {
	round ppisurvey.Round
	units []ppisurvey.Unit
	nik   map[string]string // person ID -> NIK
	fac   string            // the facilitator's user ID
}

func newCLIRound(t *testing.T, source string) cliRound {
	t.Helper()
	ctx := context.Background()
	m, err := Open(ctx, source, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	org, u, err := m.Auth.Bootstrap(ctx, "Koperasi Uji", auth.NewUser{Username: "admin", Password: "rahasia-admin-1"})
	if err != nil {
		t.Fatal(err)
	}
	admin := u.Principal(org)
	fac, err := m.Auth.CreateUser(ctx, admin, auth.NewUser{Username: "pendamping", Password: "sandi-pendamping", Role: access.Facilitator, Scope: "32.04"})
	if err != nil {
		t.Fatal(err)
	}
	card, err := ppi.ReadFile(filepath.Join(ppiData, "idn_2023_scorecard.csv"), "")
	if err != nil {
		t.Fatal(err)
	}
	card.Name = "IDN 2023"
	if _, err := m.PPI.Import(ctx, admin, card); err != nil {
		t.Fatal(err)
	}
	r := cliRound{nik: map[string]string{}, fac: fac.ID}
	for i := range 8 {
		nik := fmt.Sprintf("320405%02d0180%04d", i+1, i+1)
		person, err := m.Registry.CreatePerson(ctx, admin, registry.PersonInput{NIK: nik, KK: fmt.Sprintf("320405120310%04d", i+1),
			Name: fmt.Sprintf("Kepala %d", i+1), Sex: "L", BirthDate: fmt.Sprintf("%02d/01/1980", i+1), Relationship: "kepala_keluarga",
			VillageCode: "3204052001", TargetGroup: "pemulung", Consent: "ya"})
		if err != nil {
			t.Fatal(err)
		}
		r.nik[person.ID] = nik
	}
	round, err := m.Surveys.CreateRound(ctx, admin, ppisurvey.RoundInput{Name: "Survei 2026", Scorecard: "IDN 2023", Lines: []string{"nl100"},
		Population: ppisurvey.RegionHeads, Region: "32.04.05", Method: ppisurvey.Simple, Size: 4, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	if r.round, err = m.Surveys.DrawSample(ctx, admin, round.ID); err != nil {
		t.Fatal(err)
	}
	if r.units, err = m.Surveys.Units(ctx, admin, round.ID, false); err != nil {
		t.Fatal(err)
	}
	return r
}

func TestCLIImportInterviews(t *testing.T) {
	if _, err := os.Stat(filepath.Join(ppiData, "idn_2023_scorecard.csv")); err != nil {
		t.Skipf("PPI scorecard data not found at %s: IPA's tables are not committed; put them in ../shared/data/ppi to run this test", ppiData)
	}
	t.Setenv("BERDAYA_LANG", "en")
	for _, d := range dbtest.Dialects() {
		t.Run(string(d), func(t *testing.T) {
			source := dbtest.Source(t, d)
			r := newCLIRound(t, source)
			dir := t.TempDir()
			file := filepath.Join(dir, "wawancara kertas.csv")
			u, days := r.units, cliDays()
			data := "unit_id;nik;date;q1;q2;q3;q4;q5;q6;q7;q8;q9;q10\r\n" +
				u[0].ID + ";;" + days[0].Format("02/01/2006") + ";;E;B;C;B;B;B;B;B;B\r\n" +
				";" + r.nik[u[1].PersonID] + ";" + days[1].Format("2/1/06") + ";L;e;b;c;b;b;b;b;b;b\r\n" +
				u[2].ID + ";;" + days[0].Format("02/01/2006") + ";;E;2;C;B;B;B;B;B;B\r\n" +
				u[3].ID + ";;;L;;;;;;;;;\r\n"
			if err := os.WriteFile(file, []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
			args := []string{"ppi", "interviews", "import", "--db", source, "--round", "survei 2026", "--enumerator", "pendamping", file}
			code, out, errOut := run(t, "", args...)
			if code != 0 || lastLine(out) != "read 4, imported 2, unchanged 0, skipped 1, rejected 1" {
				t.Fatalf("import = %d %q (stderr %q)", code, out, errOut)
			}
			report := filepath.Join(dir, "wawancara kertas-errors.csv")
			if !strings.Contains(errOut, "refused rows: "+report) {
				t.Errorf("stderr does not name the report: %q", errOut)
			}
			raw, err := os.ReadFile(report)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(raw), "Line;Column;Value;Reason\r\n4;q3;2;Write the answer's letter code (A, B, C ...), not a number") {
				t.Errorf("report:\n%s", raw)
			}

			// Again by the round's ID, the report as a workbook: nothing new.
			xlsxPath := filepath.Join(dir, "kesalahan.xlsx")
			args[6], args = r.round.ID, append(args[:len(args)-1], "--errors", xlsxPath, file)
			code, out, errOut = run(t, "", args...)
			if code != 0 || lastLine(out) != "read 4, imported 0, unchanged 2, skipped 1, rejected 1" {
				t.Fatalf("again = %d %q (stderr %q)", code, out, errOut)
			}
			wb, err := excelize.OpenFile(xlsxPath)
			if err != nil {
				t.Fatal(err)
			}
			defer wb.Close()
			if rows, _ := wb.GetRows(wb.GetSheetName(0)); len(rows) != 2 || rows[1][0] != "4" || rows[1][1] != "q3" {
				t.Errorf("xlsx report %q", rows)
			}
			r.checkStored(t, source)

			for _, bad := range []struct{ flag, value, want string }{
				{"--round", "Survei 2025", "Survey round not found."},
				{"--enumerator", "siapa", "User not found."},
			} {
				args := []string{"ppi", "interviews", "import", "--db", source, "--round", "Survei 2026", "--enumerator", "pendamping", file}
				for i := range args {
					if args[i] == bad.flag {
						args[i+1] = bad.value
					}
				}
				if code, _, errOut := run(t, "", args...); code != 1 || !strings.Contains(errOut, bad.want) {
					t.Errorf("%s %s = %d %q", bad.flag, bad.value, code, errOut)
				}
			}
		})
	}
}

// cliDays are the interview dates: two and three days ago (WIB), as stored
// (midnight UTC).
func cliDays() []time.Time {
	now := time.Now().In(i18n.Zone)
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	return []time.Time{today.AddDate(0, 0, -2), today.AddDate(0, 0, -3)}
}

// checkStored checks the two imported interviews: scored, dated, and
// recorded with the facilitator as enumerator.
func (r cliRound) checkStored(t *testing.T, source string) {
	t.Helper()
	ctx := context.Background()
	m, err := Open(ctx, source, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	p, err := m.System(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	for i, day := range cliDays() {
		iv, _, err := m.Surveys.InterviewOfUnit(ctx, p, r.units[i].ID)
		if err != nil || iv.EnumeratorID != r.fac || !iv.Date.Equal(day) || iv.Scores[0].Score != 2 {
			t.Errorf("interview %d: %+v, %v", i, iv, err)
		}
	}
}
