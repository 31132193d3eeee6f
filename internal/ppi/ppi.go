// Package ppi holds Poverty Probability Index scorecards: their questions,
// answers, points and look-up tables, how a household is scored, and the
// importers for IPA's workbooks and the CSV form. Scorecards are a shared
// reference catalogue (no org_id), like the regions.
//
// Likelihoods are kept as float64 percentages (0..100) parsed from the
// published decimal text. That is exact in the sense that matters: the
// float64 nearest to each published decimal is kept bit for bit through both
// databases (REAL / DOUBLE PRECISION), so the look-up returns exactly what
// parsing the published table gives. A fixed-point int64 cannot hold them: the
// 2020/2023 tables carry up to 17 significant digits (about 1e-15 resolution
// on values up to 100), which needs more than 63 bits.
package ppi

import (
	"slices"

	"github.com/berdaya/berdaya/internal/errs"
)

// MaxScore is the top of every look-up table. Totals above it (possible on the
// 2020 and 2023 cards) are looked up as MaxScore; see Score.
const MaxScore = 100

// Scorecard is one version of a country's PPI: its questions and, for each
// poverty line, the points and the look-up table.
type Scorecard struct {
	ID     string
	Name   string // e.g. "IDN 2023", unique in the catalogue
	Year   int    // the year the PPI was created (0 when unknown)
	Source string // where it came from (file names, the workbook's note)
	// PerLinePoints is true when points differ per poverty line (2020, 2023);
	// older cards have one value per answer, copied to every line.
	PerLinePoints bool
	Lines         []Line
	Questions     []Question
}

// Line is one poverty line of a card with its look-up table.
type Line struct {
	Code    string // column code, e.g. "nl100", "ppp365_2017"
	Label   string // the source's label, e.g. "National Poverty Line"
	LabelID string // Indonesian label
	// Percent holds the poverty likelihood in percent (0..100) for each score,
	// indexed by score 0..MaxScore.
	Percent []float64
}

// Question is one scorecard question with its answers.
type Question struct {
	No         int // 1..n, as printed
	Text       string
	TextID     string // Indonesian wording (ours; IPA published none)
	Guidance   string // enumerator note printed under the question ("" if none)
	GuidanceID string
	Answers    []Answer
}

// Answer is one response option.
type Answer struct {
	Code   string // "A", "B" ... "AH", as printed (the 2023 Q2 has no "D")
	Text   string
	TextID string
	Points map[string]int // line code -> points
}

// Line returns the card's line with code.
func (c Scorecard) Line(code string) (Line, bool) {
	i := slices.IndexFunc(c.Lines, func(l Line) bool { return l.Code == code })
	if i < 0 {
		return Line{}, false
	}
	return c.Lines[i], true
}

// LineCodes lists the card's line codes in order.
func (c Scorecard) LineCodes() []string {
	out := make([]string, len(c.Lines))
	for i, l := range c.Lines {
		out[i] = l.Code
	}
	return out
}

// Answer returns question q's answer with code.
func (q Question) Answer(code string) (Answer, bool) {
	i := slices.IndexFunc(q.Answers, func(a Answer) bool { return a.Code == code })
	if i < 0 {
		return Answer{}, false
	}
	return q.Answers[i], true
}

// Validate checks that a card is complete and consistent: every answer has
// points for every line, points are not negative, and every line has a
// likelihood for each score 0..MaxScore within 0..100.
func (c Scorecard) Validate() error {
	if len(c.Lines) == 0 {
		return errs.New(errs.Invalid, "ppi.err.no_lines")
	}
	if len(c.Questions) == 0 {
		return errs.New(errs.Invalid, "ppi.err.no_questions")
	}
	for _, l := range c.Lines {
		if err := l.validate(); err != nil {
			return err
		}
	}
	for i, q := range c.Questions {
		if err := c.validateQuestion(i, q); err != nil {
			return err
		}
	}
	return nil
}

func (l Line) validate() error {
	if len(l.Percent) != MaxScore+1 {
		return errs.New(errs.Invalid, "ppi.err.lookup_scores", l.Code, len(l.Percent))
	}
	for s, p := range l.Percent {
		if !(p >= 0 && p <= 100) { // also refuses NaN
			return errs.New(errs.Invalid, "ppi.err.lookup_range", l.Code, s)
		}
	}
	return nil
}

func (c Scorecard) validateQuestion(i int, q Question) error {
	if q.No != i+1 {
		return errs.New(errs.Invalid, "ppi.err.question_order", i+1, q.No)
	}
	if len(q.Answers) < 2 {
		return errs.New(errs.Invalid, "ppi.err.few_answers", q.No)
	}
	seen := map[string]bool{}
	for _, a := range q.Answers {
		if a.Code == "" || seen[a.Code] {
			return errs.New(errs.Invalid, "ppi.err.answer_code_dup", q.No, a.Code)
		}
		seen[a.Code] = true
		for _, l := range c.Lines {
			if p, ok := a.Points[l.Code]; !ok || p < 0 {
				return errs.New(errs.Invalid, "ppi.err.answer_points", q.No, a.Code, l.Code)
			}
		}
	}
	return nil
}

// Score adds up the points of answers (question number -> answer code) for the
// poverty line with code line and looks the total up. It returns the score
// (the total, capped at MaxScore) and the likelihood in percent (0..100)
// exactly as published. Every question must be answered: IPA's method scores
// all ten, and a partial score would understate the household's points.
//
// The cap is our inference, not a published rule: on the 2020 and 2023 cards
// the per-line maxima sum to up to 103 while the tables stop at 100, and a
// likelihood is non-increasing in score, so 100 is the nearest defined value.
func Score(card Scorecard, line string, answers map[int]string) (int, float64, error) {
	total, err := Total(card, line, answers)
	if err != nil {
		return 0, 0, err
	}
	l, _ := card.Line(line)
	score := min(total, MaxScore)
	return score, l.Percent[score], nil
}

// Total is the uncapped sum of points of answers for line (see Score).
func Total(card Scorecard, line string, answers map[int]string) (int, error) {
	if _, ok := card.Line(line); !ok {
		return 0, errs.New(errs.Invalid, "ppi.err.unknown_line", line, joinCodes(card.LineCodes()))
	}
	total := 0
	for _, q := range card.Questions {
		code, ok := answers[q.No]
		if !ok || code == "" {
			return 0, errs.New(errs.Invalid, "ppi.err.missing_answer", q.No)
		}
		a, ok := q.Answer(code)
		if !ok {
			return 0, errs.New(errs.Invalid, "ppi.err.unknown_code", q.No, code, joinCodes(answerCodes(q)))
		}
		total += a.Points[line]
	}
	return total, nil
}

func answerCodes(q Question) []string {
	out := make([]string, len(q.Answers))
	for i, a := range q.Answers {
		out[i] = a.Code
	}
	return out
}

func joinCodes(codes []string) string {
	out := ""
	for i, c := range codes {
		if i > 0 {
			out += ", "
		}
		out += c
	}
	return out
}
