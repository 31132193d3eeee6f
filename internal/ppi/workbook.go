package ppi

import (
	"fmt"
	"math"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/berdaya/berdaya/internal/errs"
	"github.com/xuri/excelize/v2"
)

// IPA's workbook ("Scorecard + Look-up Tables") is read by content, not by
// sheet name or position, because the 2020 and 2023 editions already differ
// (an extra blank first column, "Look-up Tables" vs "Look-up Table"): the
// scorecard is the sheet with a header row holding "Responses" followed by the
// poverty-line labels, the look-up table the sheet with a header row holding
// "PPI Score" followed by the same labels. The package's own reader
// (internal/xlsx) streams one sheet; a scorecard workbook is small and needs
// several, so excelize is used directly here, with the same unpacking limit.

// maxWorkbookBytes bounds the unpacked workbook (the real ones are ~2 MB).
const maxWorkbookBytes = 64 << 20

var (
	responseRe = regexp.MustCompile(`^([A-Z]{1,2})\s*[.)]\s*(.*)$`)
	createdRe  = regexp.MustCompile(`(?i)created in\s+\w+\s+((?:19|20)\d\d)`)
	titleRe    = regexp.MustCompile(`^(\w[\w ]*?)\s+\d{4}\s+PPI`)
)

// sheet is one worksheet's cells, raw.
type sheet struct {
	where string // "file.xlsx [Sheet]" for error messages
	rows  [][]string
}

func (s sheet) cell(r, c int) string {
	if r >= len(s.rows) || c >= len(s.rows[r]) {
		return ""
	}
	return strings.TrimSpace(s.rows[r][c])
}

func colName(c int) string {
	n, _ := excelize.ColumnNumberToName(c + 1)
	return n
}

// ReadWorkbook reads a card from IPA's .xlsx workbook.
func ReadWorkbook(path string) (Scorecard, error) {
	sheets, err := readSheets(path)
	if err != nil {
		return Scorecard{}, err
	}
	base := filepath.Base(path)
	card, err := readWorkbookCard(sheets, base)
	if err != nil {
		return card, err
	}
	translate(&card)
	return card, card.Validate()
}

func readWorkbookCard(sheets []sheet, base string) (Scorecard, error) {
	sc, hr, ok := findHeader(sheets, "responses", "response", "response options")
	if !ok {
		return Scorecard{}, errs.New(errs.Invalid, "ppi.err.wb_no_scorecard", base)
	}
	card, err := readScorecardSheet(sc, hr)
	if err != nil {
		return card, err
	}
	lk, lr, ok := findHeader(sheets, "ppi score", "score")
	if !ok {
		return card, errs.New(errs.Invalid, "ppi.err.wb_no_lookup", base)
	}
	if err := readLookupSheet(&card, lk, lr); err != nil {
		return card, err
	}
	describeWorkbook(&card, sheets, base)
	return card, nil
}

func readSheets(path string) (out []sheet, err error) {
	defer func() {
		if recover() != nil { // excelize panics on some malformed parts
			out, err = nil, errs.New(errs.Invalid, "ppi.err.wb_unreadable", filepath.Base(path))
		}
	}()
	f, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true, UnzipSizeLimit: maxWorkbookBytes, UnzipXMLSizeLimit: maxWorkbookBytes})
	if err != nil {
		return nil, errs.New(errs.Invalid, "ppi.err.wb_unreadable", filepath.Base(path))
	}
	defer f.Close()
	for _, name := range f.GetSheetList() {
		rows, err := f.GetRows(name, excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, errs.New(errs.Invalid, "ppi.err.wb_unreadable", filepath.Base(path))
		}
		out = append(out, sheet{where: filepath.Base(path) + " [" + name + "]", rows: rows})
	}
	return out, nil
}

// header is where a table's header row is: its row, the key column, and the
// poverty-line labels to the key's right by column.
type header struct {
	row, key int
	labels   map[int]string
	cols     []int
}

// findHeader finds the first sheet with a row whose cell is one of keys
// (case and spacing ignored) followed by at least one label.
func findHeader(sheets []sheet, keys ...string) (sheet, header, bool) {
	for _, s := range sheets {
		for r, row := range s.rows {
			for c, v := range row {
				if !isKey(v, keys) {
					continue
				}
				if h := labelsRight(s, r, c); len(h.cols) > 0 {
					return s, h, true
				}
			}
		}
	}
	return sheet{}, header{}, false
}

func isKey(v string, keys []string) bool {
	v = strings.ToLower(collapse(v))
	for _, k := range keys {
		if v == k {
			return true
		}
	}
	return false
}

func labelsRight(s sheet, r, c int) header {
	h := header{row: r, key: c, labels: map[int]string{}}
	for cc := c + 1; cc < len(s.rows[r]); cc++ {
		if l := collapse(s.rows[r][cc]); l != "" {
			h.labels[cc] = l
			h.cols = append(h.cols, cc)
		}
	}
	return h
}

// readScorecardSheet reads the questions: a row with a number in the "No."
// column (left of the question column) starts a question; further text in the
// question column of its later rows is the enumerator's guidance.
func readScorecardSheet(s sheet, h header) (Scorecard, error) {
	card := Scorecard{PerLinePoints: len(h.cols) > 1}
	for _, c := range h.cols {
		code := LineCode(h.labels[c])
		if _, dup := card.Line(code); dup {
			return card, cellErr(s.where, h.row+1, colName(c), "ppi.err.wb_line_twice", h.labels[c])
		}
		_, id := LineLabels(code)
		card.Lines = append(card.Lines, Line{Code: code, Label: h.labels[c], LabelID: id})
	}
	textCol, noCol := h.key-1, h.key-2
	for r := h.row + 1; r < len(s.rows); r++ {
		if s.cell(r, h.key) == "" {
			continue // blank or a note below the table
		}
		if err := addWorkbookAnswer(&card, s, h, r, noCol, textCol); err != nil {
			return card, err
		}
	}
	if len(card.Questions) == 0 {
		return card, errs.New(errs.Invalid, "ppi.err.wb_no_questions", s.where)
	}
	return card, nil
}

func addWorkbookAnswer(card *Scorecard, s sheet, h header, r, noCol, textCol int) error {
	if no := s.cell(r, noCol); no != "" {
		n, err := strconv.Atoi(no)
		if err != nil || n != len(card.Questions)+1 {
			return cellErr(s.where, r+1, colName(noCol), "ppi.err.question_sequence", n, len(card.Questions)+1)
		}
		card.Questions = append(card.Questions, Question{No: n, Text: collapse(s.cell(r, textCol))})
	} else if len(card.Questions) == 0 {
		return cellErr(s.where, r+1, colName(noCol), "ppi.err.empty_cell")
	} else if g := collapse(s.cell(r, textCol)); g != "" {
		q := &card.Questions[len(card.Questions)-1]
		q.Guidance = strings.TrimSpace(q.Guidance + " " + g)
	}
	m := responseRe.FindStringSubmatch(collapse(s.cell(r, h.key)))
	if m == nil {
		return cellErr(s.where, r+1, colName(h.key), "ppi.err.wb_response", s.cell(r, h.key))
	}
	q := &card.Questions[len(card.Questions)-1]
	if _, dup := q.Answer(m[1]); dup {
		return cellErr(s.where, r+1, colName(h.key), "ppi.err.answer_twice", m[1], q.No)
	}
	a := Answer{Code: m[1], Text: m[2], Points: map[string]int{}}
	for i, c := range h.cols {
		p, err := wholeNumber(s.cell(r, c))
		if err != nil {
			return cellErr(s.where, r+1, colName(c), "ppi.err.points", s.cell(r, c))
		}
		a.Points[card.Lines[i].Code] = p
	}
	q.Answers = append(q.Answers, a)
	return nil
}

// wholeNumber reads a points cell: a non-negative whole number, which Excel
// may store as "5" or "5.0".
func wholeNumber(v string) (int, error) {
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f < 0 || f != math.Trunc(f) || f > 1000 {
		return 0, fmt.Errorf("not a whole number: %q", v)
	}
	return int(f), nil
}

// readLookupSheet reads the look-up table. Its columns must be the
// scorecard's lines; rows are scores 0..100 in the key column.
func readLookupSheet(card *Scorecard, s sheet, h header) error {
	cols, err := lookupColumns(card, s, h)
	if err != nil {
		return err
	}
	raw, rowOf := make([][]string, MaxScore+1), make([]int, MaxScore+1)
	for r := h.row + 1; r < len(s.rows); r++ {
		v := s.cell(r, h.key)
		score, err := strconv.Atoi(v)
		if err != nil {
			continue // a note below the table
		}
		if score < 0 || score > MaxScore || raw[score] != nil {
			return cellErr(s.where, r+1, colName(h.key), "ppi.err.score", v)
		}
		raw[score], rowOf[score] = make([]string, len(cols)), r+1
		for i, c := range cols {
			raw[score][i] = s.cell(r, c)
		}
	}
	for score, vals := range raw {
		if vals == nil {
			return errs.New(errs.Invalid, "ppi.err.lookup_missing_score", s.where, score)
		}
	}
	return fillLikelihoods(card, s, rowOf, cols, raw)
}

// lookupColumns maps each of the card's lines to its look-up column.
func lookupColumns(card *Scorecard, s sheet, h header) ([]int, error) {
	byCode := map[string]int{}
	for _, c := range h.cols {
		byCode[LineCode(h.labels[c])] = c
	}
	cols := make([]int, len(card.Lines))
	for i, l := range card.Lines {
		c, ok := byCode[l.Code]
		if !ok {
			return nil, errs.New(errs.Invalid, "ppi.err.lookup_line_missing", s.where, l.Label)
		}
		cols[i] = c
	}
	if len(byCode) != len(card.Lines) {
		return nil, errs.New(errs.Invalid, "ppi.err.wb_lines_differ", s.where)
	}
	return cols, nil
}

// fillLikelihoods stores the table in percent. IPA's workbooks hold
// proportions (0..1) although the header says "%"; a table whose values are
// all at most 1 is taken as proportions (a percent table cannot be: its low
// scores are near 100) and converted by moving the decimal point of each
// value's shortest decimal form, which is how SOURCES.md made the CSV files,
// so both forms give the very same float64.
func fillLikelihoods(card *Scorecard, s sheet, rowOf, cols []int, raw [][]string) error {
	values := make([][]float64, len(raw))
	maxV := 0.0
	for score, vals := range raw {
		values[score] = make([]float64, len(vals))
		for i, v := range vals {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil || !(f >= 0 && f <= 100) {
				return cellErr(s.where, rowOf[score], colName(cols[i]), "ppi.err.likelihood", v)
			}
			values[score][i], maxV = f, max(maxV, f)
		}
	}
	for i := range card.Lines {
		card.Lines[i].Percent = make([]float64, MaxScore+1)
		for score := range values {
			card.Lines[i].Percent[score] = values[score][i]
			if maxV <= 1 {
				card.Lines[i].Percent[score] = proportionToPercent(values[score][i])
			}
		}
	}
	return nil
}

// proportionToPercent multiplies p by 100 in decimal: it shifts the exponent
// of p's shortest round-tripping decimal form by two and parses that, so
// 0.84326154668500997 (stored) -> "8.4326154668501e-01" -> 84.326154668501.
func proportionToPercent(p float64) float64 {
	s := strconv.FormatFloat(p, 'e', -1, 64)
	mant, exp, _ := strings.Cut(s, "e")
	e, _ := strconv.Atoi(exp)
	f, _ := strconv.ParseFloat(mant+"e"+strconv.Itoa(e+2), 64)
	return f
}

// describeWorkbook names the card from the workbook's own words: the year it
// was created ("This PPI was created in October 2023 ...") and the country in
// its title ("Indonesia 2022 PPI® - Scorecard").
func describeWorkbook(card *Scorecard, sheets []sheet, base string) {
	note, country := "", ""
	for _, s := range sheets {
		for _, row := range s.rows {
			for _, v := range row {
				v = collapse(v)
				if m := createdRe.FindStringSubmatch(v); m != nil && note == "" {
					note, card.Year = v, yearIn(m[1])
				}
				if m := titleRe.FindStringSubmatch(v); m != nil && country == "" {
					country = m[1]
				}
			}
		}
	}
	card.Source = strings.TrimSpace(base + " " + note)
	card.Name = DefaultName(country, card.Year)
}

// DefaultName is a card's name when the user gives none: the country's ISO
// code (Indonesia -> IDN) or name, and the year, e.g. "IDN 2023".
func DefaultName(country string, year int) string {
	if strings.EqualFold(country, "indonesia") || strings.EqualFold(country, "idn") {
		country = "IDN"
	}
	if year == 0 {
		return country
	}
	return strings.TrimSpace(country + " " + strconv.Itoa(year))
}
