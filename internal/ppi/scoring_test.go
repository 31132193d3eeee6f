package ppi_test

import (
	"maps"
	"slices"
	"testing"

	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/i18n"
	"github.com/berdaya/berdaya/internal/ppi"
)

// TestLookupEveryLineEveryScore checks, for every line of every card, that
// each score 0..100 looks up exactly the value published in the file.
func TestLookupEveryLineEveryScore(t *testing.T) {
	for _, year := range editions {
		t.Run(year, func(t *testing.T) {
			card := loadCSV(t, year)
			want := publishedLookup(t, dataDir, year)
			if got := card.LineCodes(); len(got) != len(want) {
				t.Fatalf("lines %v, file has %d", got, len(want))
			}
			for _, l := range card.Lines {
				for score := 0; score <= ppi.MaxScore; score++ {
					if got := l.Percent[score]; got != want[l.Code][score] {
						t.Errorf("%s score %d = %v, file %v", l.Code, score, got, want[l.Code][score])
					}
				}
			}
		})
	}
}

// TestScoreAgainstFile scores constructed answer sets whose totals are
// computed here from the CSV columns, on every line: all lowest answers,
// all highest (above 100 on some 2020/2023 lines, so capped), and a mixed set.
func TestScoreAgainstFile(t *testing.T) {
	needData(t)
	capped := 0
	for _, year := range editions {
		t.Run(year, func(t *testing.T) {
			card := loadCSV(t, year)
			lookup := publishedLookup(t, dataDir, year)
			points := publishedPoints(t, dataDir, year, card.LineCodes())
			for _, line := range card.LineCodes() {
				for name, pick := range answerSets() {
					answers, total := map[int]string{}, 0
					for q := 1; q <= len(points); q++ {
						code := pick(q, slices.Sorted(maps.Keys(points[q])), points[q], line)
						answers[q], total = code, total+points[q][code][line]
					}
					score, pct, err := ppi.Score(card, line, answers)
					want := min(total, 100)
					if total > 100 {
						capped++
					}
					if err != nil || score != want || pct != lookup[line][want] {
						t.Errorf("%s %s: Score = %d, %v, %v; want %d (total %d), %v", line, name, score, pct, err, want, total, lookup[line][want])
					}
					if got, _ := ppi.Total(card, line, answers); got != total {
						t.Errorf("%s %s: Total = %d, want %d", line, name, got, total)
					}
				}
			}
		})
	}
	if capped == 0 {
		t.Error("no answer set went above 100: the cap was not exercised")
	}
}

type picker func(q int, codes []string, pts map[string]map[string]int, line string) string

func answerSets() map[string]picker {
	best := func(higher bool) picker {
		return func(_ int, codes []string, pts map[string]map[string]int, line string) string {
			out := codes[0]
			for _, c := range codes {
				if (higher && pts[c][line] > pts[out][line]) || (!higher && pts[c][line] < pts[out][line]) {
					out = c
				}
			}
			return out
		}
	}
	return map[string]picker{
		"lowest":  best(false),
		"highest": best(true),
		"mixed": func(q int, codes []string, _ map[string]map[string]int, _ string) string {
			return codes[q%len(codes)]
		},
	}
}

// TestScoreErrors checks the three ways a score fails and their messages.
func TestScoreErrors(t *testing.T) {
	card := loadCSV(t, "2023")
	all := map[int]string{1: "A", 2: "A", 3: "A", 4: "A", 5: "A", 6: "A", 7: "A", 8: "A", 9: "A", 10: "A"}
	without := maps.Clone(all)
	delete(without, 7)
	badCode := maps.Clone(all)
	badCode[2] = "D" // the 2023 Q2 has A, B, C, E
	cases := []struct {
		name, line string
		answers    map[int]string
		key, en    string
	}{
		{"missing", "nl100", without, "ppi.err.missing_answer", "Question 7 has no answer. A PPI score needs every question answered."},
		{"bad code", "nl100", badCode, "ppi.err.unknown_code", `Question 2: there is no answer code "D". Choose one of: A, B, C, E.`},
		{"bad line", "nl125", all, "ppi.err.unknown_line", `The scorecard has no poverty line "nl125". Choose one of: nl100, ppp365_2017, ppp685_2017, ppp320_2011, ppp550_2011, pct20, pct40, pct60, pct80.`},
	}
	for _, c := range cases {
		_, _, err := ppi.Score(card, c.line, c.answers)
		e, ok := errs.As(err)
		if !ok || e.Code != errs.Invalid || e.Msg != c.key {
			t.Errorf("%s: err = %v, want %s", c.name, err, c.key)
			continue
		}
		if got := i18n.T("en", e.Msg, e.Args...); got != c.en {
			t.Errorf("%s: message %q, want %q", c.name, got, c.en)
		}
		if i18n.T("id", e.Msg, e.Args...) == c.en {
			t.Errorf("%s: no Indonesian message", c.name)
		}
	}
}
