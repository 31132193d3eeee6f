package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/dbtest"
)

// ppiData is the shared folder with IPA's tables (not in this repository).
const ppiData = "../../../shared/data/ppi"

func TestCLIPPI(t *testing.T) {
	if _, err := os.Stat(filepath.Join(ppiData, "SOURCES.md")); err != nil {
		t.Skipf("PPI scorecard data not found at %s: IPA's tables are not committed; put them in ../shared/data/ppi to run this test", ppiData)
	}
	for _, d := range dbtest.Dialects() {
		t.Run(string(d), func(t *testing.T) {
			source := filepath.Join(t.TempDir(), "berdaya.db")
			if d == db.Postgres {
				source = dbtest.Source(t, d)
			}
			cliPPI(t, source)
		})
	}
}

func cliPPI(t *testing.T, source string) {
	t.Setenv("BERDAYA_LANG", "en")
	code, out, _ := run(t, "", "ppi", "list", "--db", source)
	if code != 0 || !strings.Contains(out, "povertyindex.org") {
		t.Fatalf("empty list = %d %q, want where to get a scorecard", code, out)
	}
	if code, out, errOut := run(t, "", "users", "add", "--db", source, "--username", "admin", "--password", "rahasia-123", "--role", "admin"); code != 0 {
		t.Fatalf("users add = %d %q %q", code, out, errOut)
	}
	steps := []struct {
		args []string
		want string
	}{
		{[]string{filepath.Join(ppiData, "idn_2023_scorecard.csv")}, "imported scorecard IDN 2023: 10 questions, 9 poverty lines\n"},
		{[]string{filepath.Join(ppiData, "ipa-workbooks", "indonesia2023.xlsx")}, "scorecard IDN 2023 is already there with the same content: 10 questions, 9 poverty lines\n"},
		{[]string{filepath.Join(ppiData, "ipa-workbooks", "indonesia2020.xlsx")}, "imported scorecard IDN 2020: 10 questions, 19 poverty lines\n"},
		{[]string{filepath.Join(ppiData, "idn_2009_scorecard.csv"), "--lookup", filepath.Join(ppiData, "idn_2009_lookup.csv"), "--name", "Indonesia 2009"},
			"imported scorecard Indonesia 2009: 10 questions, 6 poverty lines\n"},
	}
	for _, s := range steps {
		code, out, errOut := run(t, "", append([]string{"ppi", "import", "--db", source}, s.args...)...)
		if code != 0 || out != s.want {
			t.Fatalf("ppi import %v = %d %q %q, want %q", s.args, code, out, errOut, s.want)
		}
	}
	code, out, _ = run(t, "", "ppi", "list", "--db", source)
	if code != 0 || !strings.HasPrefix(out, "IDN 2023 (2023): 10 questions; poverty lines: nl100, ppp365_2017") || strings.Count(out, "\n") != 3 {
		t.Errorf("list = %d %q", code, out)
	}
	// A scorecard CSV whose look-up file cannot be found by name.
	bad := filepath.Join(t.TempDir(), "kartu.csv")
	os.WriteFile(bad, []byte("question_no,question,answer_code,answer,points\n1,Q,A,Yes,1\n"), 0o600)
	code, _, errOut := run(t, "", "ppi", "import", "--db", source, bad)
	if code != 1 || !strings.Contains(errOut, "kartu.csv: name its look-up table file with --lookup FILE.csv.") {
		t.Errorf("import without look-up = %d %q", code, errOut)
	}
}
