package ppi

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/berdaya/berdaya/internal/csvio"
	"github.com/berdaya/berdaya/internal/errs"
)

// The CSV form (SOURCES.md) is two files: a scorecard with one row per answer
// (question_no, question, answer_code, answer, then either one "points"
// column or one "points_<line>" column per poverty line, and optionally
// guidance) and a look-up table (score, then one column per line code, with
// likelihoods in percent). Optional columns question_id, answer_id and
// guidance_id carry Indonesian wording that overrides ours.

// cellErr is an import error located at a file (or workbook sheet), a row
// and a column, so a user can find the cell; key's format takes those three
// first, then args.
func cellErr(where string, row int, col, key string, args ...any) error {
	return errs.New(errs.Invalid, key, append([]any{where, row, col}, args...)...)
}

// ReadCSVFiles reads a card from its scorecard and look-up CSV files. An
// empty lookupPath means the scorecard's sibling with "scorecard" replaced by
// "lookup" in its name (idn_2023_scorecard.csv -> idn_2023_lookup.csv).
func ReadCSVFiles(scorecardPath, lookupPath string) (Scorecard, error) {
	if lookupPath == "" {
		lookupPath = LookupPathFor(scorecardPath)
		if lookupPath == "" {
			return Scorecard{}, errs.New(errs.Invalid, "ppi.err.lookup_needed", filepath.Base(scorecardPath))
		}
	}
	sf, err := openFile(scorecardPath)
	if err != nil {
		return Scorecard{}, err
	}
	defer sf.Close()
	lf, err := openFile(lookupPath)
	if err != nil {
		return Scorecard{}, err
	}
	defer lf.Close()
	card, err := ReadCSV(sf, filepath.Base(scorecardPath), lf, filepath.Base(lookupPath))
	if err != nil {
		return card, err
	}
	card.Year = yearIn(filepath.Base(scorecardPath))
	card.Name = nameFromFile(scorecardPath)
	card.Source = filepath.Base(scorecardPath) + " + " + filepath.Base(lookupPath)
	return card, nil
}

func openFile(path string) (*os.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, errs.New(errs.Invalid, "ppi.err.open", path)
	}
	return f, nil
}

// LookupPathFor is the look-up file that sits beside a scorecard CSV by the
// naming of SOURCES.md, or "" when the name has no "scorecard" in it.
func LookupPathFor(scorecardPath string) string {
	base := filepath.Base(scorecardPath)
	i := strings.LastIndex(strings.ToLower(base), "scorecard")
	if i < 0 {
		return ""
	}
	return filepath.Join(filepath.Dir(scorecardPath), base[:i]+"lookup"+base[i+len("scorecard"):])
}

var yearRe = regexp.MustCompile(`(?:^|\D)((?:19|20)\d\d)(?:\D|$)`)

func yearIn(s string) int {
	m := yearRe.FindStringSubmatch(s)
	if m == nil {
		return 0
	}
	y, _ := strconv.Atoi(m[1])
	return y
}

// ReadCSV reads a card from the scorecard and look-up CSV forms; the names
// locate errors.
func ReadCSV(scorecard io.Reader, scorecardName string, lookup io.Reader, lookupName string) (Scorecard, error) {
	card, err := readScorecardCSV(scorecard, scorecardName)
	if err != nil {
		return card, err
	}
	if err := readLookupCSV(&card, lookup, lookupName); err != nil {
		return card, err
	}
	translate(&card)
	return card, card.Validate()
}

// csvTable is a CSV file read whole, with its header indexed.
type csvTable struct {
	name  string
	head  []string
	col   map[string]int
	lines []int
	rows  [][]string
}

func readCSVTable(r io.Reader, name string) (*csvTable, error) {
	rd, err := csvio.NewReader(r)
	if err != nil {
		return nil, errs.New(errs.Invalid, "ppi.err.csv_unreadable", name)
	}
	t := &csvTable{name: name, col: map[string]int{}}
	for i, h := range rd.Header() {
		h = strings.ToLower(strings.TrimSpace(h))
		t.head = append(t.head, h)
		if _, dup := t.col[h]; !dup && h != "" {
			t.col[h] = i
		}
	}
	for {
		line, cells, err := rd.Next()
		if errors.Is(err, io.EOF) {
			return t, nil
		}
		if err != nil {
			return nil, errs.New(errs.Invalid, "ppi.err.csv_unreadable", name)
		}
		t.lines, t.rows = append(t.lines, line), append(t.rows, cells)
	}
}

// cell is row i's value in column name, trimmed ("" when absent).
func (t *csvTable) cell(i int, name string) string {
	c, ok := t.col[name]
	if !ok || c >= len(t.rows[i]) {
		return ""
	}
	return strings.TrimSpace(t.rows[i][c])
}

func (t *csvTable) require(cols ...string) error {
	for _, c := range cols {
		if _, ok := t.col[c]; !ok {
			return errs.New(errs.Invalid, "ppi.err.csv_column", t.name, c)
		}
	}
	return nil
}

func readScorecardCSV(r io.Reader, name string) (Scorecard, error) {
	t, err := readCSVTable(r, name)
	if err != nil {
		return Scorecard{}, err
	}
	if err := t.require("question_no", "question", "answer_code", "answer"); err != nil {
		return Scorecard{}, err
	}
	card := Scorecard{}
	pointCols, err := t.pointColumns(&card)
	if err != nil {
		return card, err
	}
	for i := range t.rows {
		if err := t.addAnswer(&card, i, pointCols); err != nil {
			return card, err
		}
	}
	if len(card.Questions) == 0 {
		return card, errs.New(errs.Invalid, "ppi.err.csv_empty", name)
	}
	return card, nil
}

// pointColumns finds the points columns: one per line ("points_nl100" ...),
// which also declares the card's lines, or a single "points" for every line
// (the lines then come from the look-up file).
func (t *csvTable) pointColumns(card *Scorecard) (map[string]string, error) {
	cols := map[string]string{} // line code ("" for all) -> column
	for _, h := range t.head {
		if code, ok := strings.CutPrefix(h, "points_"); ok && code != "" {
			cols[code] = h
			card.Lines = append(card.Lines, newLine(code))
		}
	}
	_, single := t.col["points"]
	switch {
	case single && len(cols) > 0:
		return nil, errs.New(errs.Invalid, "ppi.err.csv_points_both", t.name)
	case single:
		return map[string]string{"": "points"}, nil
	case len(cols) == 0:
		return nil, errs.New(errs.Invalid, "ppi.err.csv_column", t.name, "points")
	}
	card.PerLinePoints = true
	return cols, nil
}

func newLine(code string) Line {
	en, id := LineLabels(code)
	return Line{Code: code, Label: en, LabelID: id}
}

// addAnswer adds row i to its question (starting the question on its first
// row); a question's rows must be together and agree on its wording.
func (t *csvTable) addAnswer(card *Scorecard, i int, pointCols map[string]string) error {
	line := t.lines[i]
	no, err := strconv.Atoi(t.cell(i, "question_no"))
	if err != nil || no < 1 {
		return cellErr(t.name, line, "question_no", "ppi.err.question_no", t.cell(i, "question_no"))
	}
	q, err := t.question(card, i, no)
	if err != nil {
		return err
	}
	a := Answer{Code: t.cell(i, "answer_code"), Text: collapse(t.cell(i, "answer")), TextID: collapse(t.cell(i, "answer_id")), Points: map[string]int{}}
	if a.Code == "" {
		return cellErr(t.name, line, "answer_code", "ppi.err.empty_cell")
	}
	if _, dup := q.Answer(a.Code); dup {
		return cellErr(t.name, line, "answer_code", "ppi.err.answer_twice", a.Code, no)
	}
	for code, col := range pointCols {
		p, err := strconv.Atoi(t.cell(i, col))
		if err != nil || p < 0 {
			return cellErr(t.name, line, col, "ppi.err.points", t.cell(i, col))
		}
		a.Points[code] = p
	}
	q.Answers = append(q.Answers, a)
	return nil
}

// question returns the card's question no, starting it when row i is its
// first row.
func (t *csvTable) question(card *Scorecard, i, no int) (*Question, error) {
	line, text := t.lines[i], collapse(t.cell(i, "question"))
	n := len(card.Questions)
	if n > 0 && card.Questions[n-1].No == no {
		q := &card.Questions[n-1]
		if text != q.Text {
			return nil, cellErr(t.name, line, "question", "ppi.err.question_differs", no)
		}
		q.Guidance = orElse(q.Guidance, collapse(t.cell(i, "guidance")))
		return q, nil
	}
	if no != n+1 || text == "" {
		return nil, cellErr(t.name, line, "question_no", "ppi.err.question_sequence", no, n+1)
	}
	card.Questions = append(card.Questions, Question{No: no, Text: text, TextID: collapse(t.cell(i, "question_id")),
		Guidance: collapse(t.cell(i, "guidance")), GuidanceID: collapse(t.cell(i, "guidance_id"))})
	return &card.Questions[n], nil
}

// readLookupCSV reads the look-up file into card's lines. A card whose
// points are per line must have a look-up column for each of its lines and
// no other; a card with one points column takes its lines from here.
func readLookupCSV(card *Scorecard, r io.Reader, name string) error {
	t, err := readCSVTable(r, name)
	if err != nil {
		return err
	}
	if err := t.require("score"); err != nil {
		return err
	}
	if err := matchLines(card, t); err != nil {
		return err
	}
	for i := range card.Lines {
		card.Lines[i].Percent = make([]float64, MaxScore+1)
	}
	seen := make([]bool, MaxScore+1)
	for i := range t.rows {
		if err := t.lookupRow(card, i, seen); err != nil {
			return err
		}
	}
	if s := slices.Index(seen, false); s >= 0 {
		return errs.New(errs.Invalid, "ppi.err.lookup_missing_score", name, s)
	}
	return nil
}

func matchLines(card *Scorecard, t *csvTable) error {
	var codes []string
	for _, h := range t.head {
		if h != "score" && h != "" {
			codes = append(codes, h)
		}
	}
	if !card.PerLinePoints {
		for _, code := range codes {
			card.Lines = append(card.Lines, newLine(code))
		}
		spreadPoints(card)
		return nil
	}
	for _, l := range card.Lines {
		if !slices.Contains(codes, l.Code) {
			return errs.New(errs.Invalid, "ppi.err.lookup_line_missing", t.name, l.Code)
		}
	}
	for _, code := range codes {
		if _, ok := card.Line(code); !ok {
			return errs.New(errs.Invalid, "ppi.err.lookup_line_extra", t.name, code)
		}
	}
	return nil
}

// spreadPoints copies a one-value card's points (held under "") to each line.
func spreadPoints(card *Scorecard) {
	for qi := range card.Questions {
		for ai := range card.Questions[qi].Answers {
			a := &card.Questions[qi].Answers[ai]
			p := a.Points[""]
			a.Points = make(map[string]int, len(card.Lines))
			for _, l := range card.Lines {
				a.Points[l.Code] = p
			}
		}
	}
}

func (t *csvTable) lookupRow(card *Scorecard, i int, seen []bool) error {
	line := t.lines[i]
	s, err := strconv.Atoi(t.cell(i, "score"))
	if err != nil || s < 0 || s > MaxScore {
		return cellErr(t.name, line, "score", "ppi.err.score", t.cell(i, "score"))
	}
	if seen[s] {
		return cellErr(t.name, line, "score", "ppi.err.score_twice", s)
	}
	seen[s] = true
	for li := range card.Lines {
		l := &card.Lines[li]
		p, err := parsePercent(t.cell(i, l.Code))
		if err != nil {
			return cellErr(t.name, line, l.Code, "ppi.err.likelihood", t.cell(i, l.Code))
		}
		l.Percent[s] = p
	}
	return nil
}

// parsePercent reads a published likelihood in percent. A decimal comma
// (Indonesian Excel) is read as a point; the value must lie in 0..100.
func parsePercent(s string) (float64, error) {
	if !strings.Contains(s, ".") {
		s = strings.Replace(s, ",", ".", 1)
	}
	p, err := strconv.ParseFloat(s, 64)
	if err != nil || !(p >= 0 && p <= 100) {
		return 0, errors.New("not a percentage")
	}
	return p, nil
}

// nameFromFile names a card after its scorecard file: idn_2023_scorecard.csv
// -> "IDN 2023".
func nameFromFile(path string) string {
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	if i := strings.Index(strings.ToLower(base), "scorecard"); i >= 0 {
		base = base[:i] + base[i+len("scorecard"):]
	}
	base = collapse(strings.NewReplacer("_", " ", "-", " ").Replace(base))
	if base == "" {
		return filepath.Base(path)
	}
	return strings.ToUpper(base)
}
