package web

import (
	"io"
	"math"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/i18n"
	"github.com/berdaya/berdaya/internal/ppi"
)

// scorecardRoutes registers the PPI scorecard catalogue (issue 5): the list
// with the upload form, the upload, and one card with its questions, points
// and look-up table.
func (s *Server) scorecardRoutes(page func(string, http.HandlerFunc)) {
	page("GET /scorecards", s.signedIn(s.scorecardsPage))
	page("POST /scorecards", s.signedIn(s.importScorecard))
	page("GET /scorecards/{id}", s.signedIn(s.scorecardPage))
}

// maxScorecardUpload bounds one uploaded scorecard file: IPA's workbooks are
// about 2 MB and a CSV form a few kilobytes.
const maxScorecardUpload = 16 << 20

// allLines is the line switcher's choice that shows every line's points.
const allLines = "all"

// ---- the catalogue ----

// scRow is one card of the catalogue with its lines' labels.
type scRow struct {
	ppi.Summary
	LineLabels []string
}

func (s *Server) scorecardsPage(w http.ResponseWriter, r *http.Request) {
	s.renderScorecards(w, r, http.StatusOK, nil)
}

// renderScorecards shows the catalogue; after a refused upload, with its
// error and the name typed.
func (s *Server) renderScorecards(w http.ResponseWriter, r *http.Request, status int, failure error) {
	cards, err := s.PPI.List(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	lang := state(r).lang
	rows := make([]scRow, len(cards))
	for i, c := range cards {
		rows[i] = scRow{Summary: c}
		for _, code := range c.Lines {
			rows[i].LineLabels = append(rows[i].LineLabels, catalogueLineLabel(lang, code))
		}
	}
	v := s.newView(w, r, i18n.T(lang, "nav.scorecards"), rows)
	if failure != nil {
		status = s.setFormError(r, &v, failure)
		v.Form = r.PostForm
	}
	s.render(w, r, status, "scorecards", v)
}

// catalogueLineLabel names a line by its code in the language; the list has
// codes only, and the codes follow SOURCES.md whichever file a card came from.
func catalogueLineLabel(lang, code string) string {
	en, id := ppi.LineLabels(code)
	if lang == "en" {
		return en
	}
	return id
}

// ---- the upload ----

// importScorecard takes IPA's workbook, or a scorecard CSV with its look-up
// CSV, and adds the card to the catalogue; the card's page follows.
func (s *Server) importScorecard(w http.ResponseWriter, r *http.Request) {
	p := principal(r)
	if err := p.Require(access.ImportScorecards); err != nil {
		s.fail(w, r, err)
		return
	}
	dir, err := os.MkdirTemp("", "berdaya-scorecard-*")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	defer os.RemoveAll(dir)
	card, lookup, err := saveScorecardFiles(r, dir)
	if err != nil {
		s.renderScorecards(w, r, 0, err)
		return
	}
	res, err := s.PPI.ImportFile(r.Context(), p, card, lookup, strings.TrimSpace(r.PostFormValue("name")))
	if err != nil {
		s.renderScorecards(w, r, 0, scorecardError(err))
		return
	}
	msg := "scp.imported"
	if res.Unchanged {
		msg = "scp.unchanged"
	}
	s.flash(w, r, msg)
	http.Redirect(w, r, "/scorecards/"+res.Card.ID, http.StatusSeeOther)
}

// saveScorecardFiles writes the uploaded files into dir under the names the
// user gave them, because the importer's messages name the file ("…xlsx
// [Scorecard], row 12 …") and the CSV form's name gives the card's default
// name and year. A CSV scorecard needs its look-up file from the same form: a
// temporary folder holds no sibling to find it by.
func saveScorecardFiles(r *http.Request, dir string) (card, lookup string, err error) {
	card, err = saveScorecardFile(r, "file", filepath.Join(dir, "card"))
	if err != nil {
		return "", "", err
	}
	if card == "" {
		return "", "", errs.New(errs.Invalid, "scp.err.no_file").Field("file", "scp.err.no_file")
	}
	if lookup, err = saveScorecardFile(r, "lookup", filepath.Join(dir, "lookup")); err != nil {
		return "", "", err
	}
	workbook := isWorkbook(card)
	switch {
	case workbook && lookup != "":
		return "", "", errs.New(errs.Invalid, "scp.err.lookup_with_workbook").Field("lookup", "scp.err.lookup_not_here")
	case !workbook && lookup == "" && isCSV(card):
		return "", "", errs.New(errs.Invalid, "scp.err.lookup_needed", filepath.Base(card)).Field("lookup", "scp.err.lookup_missing")
	}
	return card, lookup, nil
}

func isWorkbook(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	return ext == ".xlsx" || ext == ".xlsm"
}

func isCSV(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	return ext == ".csv" || ext == ".txt"
}

// saveScorecardFile copies the form's file field into dir and returns its
// path, "" when the field is empty.
func saveScorecardFile(r *http.Request, field, dir string) (string, error) {
	f, h, err := r.FormFile(field)
	if err == http.ErrMissingFile || (err == nil && h.Filename == "" && h.Size == 0) {
		return "", nil
	}
	if err != nil {
		return "", errs.New(errs.BadRequest, "scp.err.upload").Field(field, "scp.err.upload")
	}
	defer f.Close()
	if h.Size > maxScorecardUpload {
		return "", errs.New(errs.Invalid, "scp.err.too_large", uploadName(h)).Field(field, "scp.err.too_large_field")
	}
	if err := os.Mkdir(dir, 0o700); err != nil {
		return "", err
	}
	path := filepath.Join(dir, uploadName(h))
	return path, copyUpload(f, path)
}

// uploadName is the base of the name a browser sent (some send a whole
// Windows path), never empty and never a path of its own.
func uploadName(h *multipart.FileHeader) string {
	name := h.Filename
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.TrimSpace(name)
	if name == "" || strings.HasPrefix(name, ".") {
		name = "upload" + name
	}
	return name
}

func copyUpload(src io.Reader, path string) error {
	out, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, src); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// scorecardError words the catalogue's naming errors for this form: the
// service's own messages point at the command line's --name flag.
func scorecardError(err error) error {
	e, ok := errs.As(err)
	if !ok {
		return err
	}
	switch e.Msg {
	case "ppi.err.name_taken":
		return errs.New(e.Code, "scp.err.name_taken", e.Args...).Field("name", "scp.err.name_other")
	case "ppi.err.name_empty":
		return errs.New(e.Code, "scp.err.name_empty").Field("name", "scp.err.name_needed")
	}
	return err
}

// ---- one card ----

// scLine is a poverty line as the card's page shows it.
type scLine struct {
	Code    string
	Label   string // in the page's language
	ID, EN  string // Indonesian first, the source's English beneath
	Current bool   // chosen in the line switcher
}

// scAnswer is an answer with its points in the columns shown.
type scAnswer struct {
	ppi.Answer
	Points []int
}

// scQuestion is a question with its answers' points in the columns shown.
type scQuestion struct {
	ppi.Question
	Answers []scAnswer
}

// scLookupRow is one score of the look-up table with each line's likelihood.
type scLookupRow struct {
	Score   int
	Percent []string
}

type scorecardPageData struct {
	Card  ppi.Scorecard
	Lines []scLine
	// Line is the switcher's choice: a line code, or allLines.
	Line string
	All  bool
	// Columns are the lines whose points the questions show: the chosen one,
	// every line, or (a card with one value per answer) none, meaning "points".
	Columns   []scLine
	Questions []scQuestion
	Lookup    []scLookupRow
}

func (s *Server) scorecardPage(w http.ResponseWriter, r *http.Request) {
	card, err := s.PPI.Get(r.Context(), r.PathValue("id"))
	if errs.CodeOf(err) == errs.NotFound {
		// The service's message points at the command line; here the
		// catalogue is one click away.
		err = errs.New(errs.NotFound, "err.not_found")
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	lang := state(r).lang
	d := scorecardPageData{Card: card, Line: chosenLine(card, r.URL.Query().Get("line"))}
	d.All = d.Line == allLines
	for _, l := range card.Lines {
		sl := scLine{Code: l.Code, Label: svLineLabel(lang, card, l.Code), ID: l.LabelID, EN: l.Label, Current: l.Code == d.Line}
		if sl.ID == "" {
			sl.ID = sl.EN
		}
		d.Lines = append(d.Lines, sl)
		if d.All || sl.Current {
			d.Columns = append(d.Columns, sl)
		}
	}
	d.Questions = pointTable(card, d.Columns)
	d.Lookup = lookupTable(lang, card)
	s.render(w, r, http.StatusOK, "scorecard", s.newView(w, r, card.Name, d))
}

// chosenLine is the line whose points the page shows: the one asked for if
// the card has it, else the card's first. A card with one value per answer
// has nothing to choose.
func chosenLine(card ppi.Scorecard, asked string) string {
	if !card.PerLinePoints || len(card.Lines) == 0 {
		return ""
	}
	if _, ok := card.Line(asked); ok || asked == allLines {
		return asked
	}
	return card.Lines[0].Code
}

// pointTable gives each answer its points on the lines of columns; with no
// columns (points equal on every line), the first line's.
func pointTable(card ppi.Scorecard, columns []scLine) []scQuestion {
	codes := make([]string, len(columns))
	for i, c := range columns {
		codes[i] = c.Code
	}
	if len(codes) == 0 && len(card.Lines) > 0 {
		codes = []string{card.Lines[0].Code}
	}
	out := make([]scQuestion, len(card.Questions))
	for i, q := range card.Questions {
		out[i].Question = q
		for _, a := range q.Answers {
			sa := scAnswer{Answer: a}
			for _, c := range codes {
				sa.Points = append(sa.Points, a.Points[c])
			}
			out[i].Answers = append(out[i].Answers, sa)
		}
	}
	return out
}

// lookupTable lays the look-up tables side by side, one row per score.
func lookupTable(lang string, card ppi.Scorecard) []scLookupRow {
	decimals := lookupDecimals(card)
	out := make([]scLookupRow, ppi.MaxScore+1)
	for score := range out {
		out[score].Score = score
		for _, l := range card.Lines {
			out[score].Percent = append(out[score].Percent, likelihood(lang, l.Percent[score], decimals))
		}
	}
	return out
}

// lookupDecimals is how many decimals the card's likelihoods are shown with:
// one for the 2009 and 2012 tables, published so, and two for the 2020 and
// 2023 ones, which carry fifteen that no reader needs. One count for the
// whole table keeps its columns aligned.
func lookupDecimals(card ppi.Scorecard) int {
	for _, l := range card.Lines {
		for _, p := range l.Percent {
			if math.Abs(p*10-math.Round(p*10)) > 1e-9 {
				return 2
			}
		}
	}
	return 1
}

// likelihood formats a percentage in the language's number format
// (97.5 → "97,5").
func likelihood(lang string, percent float64, decimals int) string {
	s := strconv.FormatFloat(percent, 'f', decimals, 64)
	if lang != "en" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}
