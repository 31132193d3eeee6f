package ppisurvey

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/berdaya/berdaya/internal/ppi"
	"github.com/berdaya/berdaya/internal/region"
)

// TestProvinceAnswers maps every province of the embedded region list to
// exactly the printed answer of the 2020 and 2023 cards' Q1, typos included,
// and checks that every printed province is reached.
func TestProvinceAnswers(t *testing.T) {
	regions, err := region.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	want2023 := map[string]string{"17": "G", "21": "J", "31": "K", "34": "N", "64": "W", "91": "AH", "93": "AH", "96": "AG"}
	for _, year := range []string{"2020", "2023"} {
		path := filepath.Join("../../../shared/data/ppi", "idn_"+year+"_scorecard.csv")
		if _, err := os.Stat(path); err != nil {
			t.Skipf("PPI scorecard data not found at %s: put Indonesia's CSV files in ../shared/data/ppi to run this test", path)
		}
		card, err := ppi.ReadFile(path, "")
		if err != nil {
			t.Fatal(err)
		}
		q, ok := provinceQuestion(card)
		if !ok || q.No != 1 {
			t.Fatalf("%s: no province question", year)
		}
		reached := map[string]bool{}
		for _, r := range regions {
			if region.LevelOf(r.Code) != region.LevelOf("32") {
				continue
			}
			code := provinceAnswer(q, r.Code)
			if code == "" {
				t.Errorf("%s: province %s %s has no answer", year, r.Code, r.Name)
			}
			if w, ok := want2023[r.Code]; ok && year == "2023" && code != w {
				t.Errorf("2023: province %s answers %s, want %s", r.Code, code, w)
			}
			reached[code] = true
		}
		if len(reached) != len(q.Answers) {
			t.Errorf("%s: %d of %d printed provinces reached", year, len(reached), len(q.Answers))
		}
	}
}
