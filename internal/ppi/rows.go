package ppi

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/i18n"
)

// Scored is one household's result on one poverty line.
type Scored struct {
	Row   int // 1-based position in the rows given to ScoreRows
	Total int // the points added up, before the cap
	Score int // Total capped at MaxScore: the score looked up
	// Likelihood is the poverty likelihood as a fraction 0..1 (for averaging
	// into a poverty rate); LikelihoodPercent is the published value, 0..100.
	Likelihood        float64
	LikelihoodPercent float64
}

// RowError is one problem in one row: Row as in Scored, Column the answer
// column ("q3"), Msg and Args a catalogue message for the reason.
type RowError struct {
	Row    int
	Column string
	Msg    string
	Args   []any
}

// Message is the problem in lang, e.g. "row 4, column q3: no answer".
func (e RowError) Message(lang string) string {
	return i18n.T(lang, "ppi.err.row", e.Row, e.Column, i18n.T(lang, e.Msg, e.Args...))
}

// RowErrors lists every row that could not be scored, in row order.
type RowErrors []RowError

func (r RowErrors) Error() string {
	lines := []string{i18n.T("en", "ppi.err.rows", len(r))}
	for _, e := range r {
		lines = append(lines, e.Message("en"))
	}
	return strings.Join(lines, "\n")
}

// Messages lists the problems in lang, one per row and column.
func (r RowErrors) Messages(lang string) []string {
	out := make([]string, len(r))
	for i, e := range r {
		out[i] = e.Message(lang)
	}
	return out
}

// ScoreRows scores households given as rows with columns q1..qN holding
// answer codes (A, B ...; case and spaces ignored; other columns are
// ignored) on the poverty line with code line. Every row is checked: when any
// fails, the error is a RowErrors listing each bad cell, and no results are
// returned, so that a rate is never computed from part of a sample. An
// unknown line is a plain domain error.
func ScoreRows(card Scorecard, line string, rows []map[string]string) ([]Scored, error) {
	if _, ok := card.Line(line); !ok {
		return nil, errs.New(errs.Invalid, "ppi.err.unknown_line", line, joinCodes(card.LineCodes()))
	}
	out := make([]Scored, 0, len(rows))
	var bad RowErrors
	for i, row := range rows {
		answers, problems := rowAnswers(card, i+1, row)
		if len(problems) > 0 {
			bad = append(bad, problems...)
			continue
		}
		total, _ := Total(card, line, answers)
		score, pct, _ := Score(card, line, answers)
		out = append(out, Scored{Row: i + 1, Total: total, Score: score, Likelihood: pct / 100, LikelihoodPercent: pct})
	}
	if len(bad) > 0 {
		return nil, bad
	}
	return out, nil
}

// rowAnswers reads one row's answer codes, reporting each missing or unknown
// code.
func rowAnswers(card Scorecard, n int, row map[string]string) (map[int]string, RowErrors) {
	byCol := make(map[string]string, len(row))
	for k, v := range row {
		byCol[strings.ToLower(strings.TrimSpace(k))] = strings.ToUpper(strings.TrimSpace(v))
	}
	answers := map[int]string{}
	var bad RowErrors
	for _, q := range card.Questions {
		col := "q" + strconv.Itoa(q.No)
		code := byCol[col]
		if code == "" {
			bad = append(bad, RowError{Row: n, Column: col, Msg: "ppi.err.row_missing"})
			continue
		}
		if _, ok := q.Answer(code); !ok {
			bad = append(bad, RowError{Row: n, Column: col, Msg: "ppi.err.row_code", Args: []any{code, joinCodes(answerCodes(q))}})
			continue
		}
		answers[q.No] = code
	}
	return answers, bad
}

// String shows a result for logs and tests.
func (s Scored) String() string {
	return fmt.Sprintf("row %d: score %d (total %d), likelihood %v%%", s.Row, s.Score, s.Total, s.LikelihoodPercent)
}
