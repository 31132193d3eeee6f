package web

import (
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/i18n"
	"github.com/berdaya/berdaya/internal/ppi"
	"github.com/berdaya/berdaya/internal/ppisurvey"
	"github.com/berdaya/berdaya/internal/registry"
	"github.com/xuri/excelize/v2"
)

// maxInterviewUpload bounds an interview file: one row per household of a
// round's sample, a few hundred bytes each. The middleware has read the
// form (within MaxUpload) before the handler runs, so the handler checks
// the file's size.
const maxInterviewUpload = 16 << 20

// surveyImportRoutes registers the interview import of a round (issue 5,
// point 4): the page, the upload and the template to fill in.
func (s *Server) surveyImportRoutes(page func(string, http.HandlerFunc)) {
	page("GET /surveys/{id}/import", s.signedIn(s.surveyImportPage))
	page("POST /surveys/{id}/import", s.signedIn(s.importInterviews))
	page("GET /surveys/{id}/import/template.xlsx", s.signedIn(s.interviewTemplate))
}

// sviQuestion is one question as the import page lists it.
type sviQuestion struct {
	Field string // "q3"
	Text  string // in the page's language
	Codes string // "A, B, C, E"
	Known bool   // the registry fills it in
}

// surveyImportData is the import page: what the file needs, and after an
// upload what it did and every refused row.
type surveyImportData struct {
	Round     ppisurvey.Round
	Questions []sviQuestion
	FileName  string
	Result    *ppisurvey.ImportResult
}

func (s *Server) surveyImportPage(w http.ResponseWriter, r *http.Request) {
	s.renderSurveyImport(w, r, http.StatusOK, surveyImportData{}, nil)
}

func (s *Server) renderSurveyImport(w http.ResponseWriter, r *http.Request, status int, d surveyImportData, failure error) {
	ctx, p, lang := r.Context(), principal(r), state(r).lang
	// The page only describes the file, but it is no use to whoever may not
	// import: say so at once rather than after an upload.
	if err := p.Require(access.ImportRecords); err != nil {
		s.fail(w, r, err)
		return
	}
	round, err := s.Surveys.GetRound(ctx, p, r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	card, err := s.PPI.Get(ctx, round.ScorecardID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Round, d.Questions = round, sviQuestions(lang, card)
	v := s.newView(w, r, i18n.T(lang, "svi.title")+" · "+round.Name, d)
	if failure != nil {
		status = s.setFormError(r, &v, failure)
	}
	s.render(w, r, status, "survey_import", v)
}

// sviQuestions lists the card's questions in lang with their codes.
func sviQuestions(lang string, card ppi.Scorecard) []sviQuestion {
	known := ppisurvey.KnownQuestions(card)
	out := make([]sviQuestion, 0, len(card.Questions))
	for _, q := range card.Questions {
		text := q.TextID
		if lang == "en" || text == "" {
			text = q.Text
		}
		codes := make([]string, len(q.Answers))
		for i, a := range q.Answers {
			codes[i] = a.Code
		}
		out = append(out, sviQuestion{Field: ppisurvey.QuestionField(q.No), Text: text, Codes: strings.Join(codes, ", "), Known: slices.Contains(known, q.No)})
	}
	return out
}

// importInterviews runs an uploaded file at once (a round's sample is a few
// hundred households) and shows what it did, with every refused row.
func (s *Server) importInterviews(w http.ResponseWriter, r *http.Request) {
	file, header, err := r.FormFile("file")
	var d surveyImportData
	if err != nil {
		s.renderSurveyImport(w, r, 0, d, errs.New(errs.Invalid, "import.err.no_file"))
		return
	}
	defer file.Close()
	d.FileName = header.Filename
	res, err := s.importUpload(r, file, header)
	if err != nil {
		s.renderSurveyImport(w, r, 0, d, err)
		return
	}
	d.Result = &res
	s.renderSurveyImport(w, r, http.StatusOK, d, nil)
}

// importUpload saves the upload to a temporary file, which the xlsx reader
// needs, and imports it.
func (s *Server) importUpload(r *http.Request, file multipart.File, header *multipart.FileHeader) (ppisurvey.ImportResult, error) {
	ext := strings.ToLower(filepath.Ext(header.Filename))
	if ext != ".csv" && ext != ".xlsx" && ext != ".txt" {
		return ppisurvey.ImportResult{}, errs.New(errs.Invalid, "import.err.file_type")
	}
	if header.Size > maxInterviewUpload {
		return ppisurvey.ImportResult{}, errs.New(errs.Invalid, "err.upload_too_large", maxInterviewUpload>>20)
	}
	tmp, err := saveUpload(file, ext)
	if err != nil {
		return ppisurvey.ImportResult{}, err
	}
	defer os.Remove(tmp)
	src, closeSrc, err := registry.OpenFile(tmp)
	if err != nil {
		return ppisurvey.ImportResult{}, err
	}
	defer closeSrc()
	return s.Surveys.ImportInterviews(r.Context(), principal(r), r.PathValue("id"), src)
}

// interviewTemplate sends the round's import template: the households still
// to interview, then a sheet of answer codes.
func (s *Server) interviewTemplate(w http.ResponseWriter, r *http.Request) {
	lang := state(r).lang
	t, err := s.Surveys.ImportTemplate(r.Context(), principal(r), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	places := map[string]string{}
	village := func(code string) string {
		if _, ok := places[code]; !ok {
			places[code] = s.regionName(r, code)
		}
		return places[code]
	}
	f, err := templateWorkbook(lang, t, village)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	defer f.Close()
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", `attachment; filename="`+i18n.T(lang, "svi.file_name")+`-`+fileSlug(t.Round.Name, t.Round.ID)+`.xlsx"`)
	if _, err := f.WriteTo(w); err != nil {
		s.Log.Error("interview template", "err", err)
	}
}

// fileSlug keeps the letters and digits of a name for a file name; a name
// with none (in another script) gives fallback.
func fileSlug(name, fallback string) string {
	slug := strings.Join(strings.FieldsFunc(strings.ToLower(name), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	}), "-")
	if slug == "" {
		return fallback
	}
	return slug
}

// templateWorkbook writes the template as a workbook of two sheets; the
// interviews come first, since the importer reads the first sheet.
// internal/xlsx writes one sheet only, so this uses excelize itself.
func templateWorkbook(lang string, t ppisurvey.ImportTemplate, village func(string) string) (*excelize.File, error) {
	f := excelize.NewFile()
	rows, codes := i18n.T(lang, "svi.sheet_rows"), i18n.T(lang, "svi.sheet_codes")
	err := f.SetSheetName("Sheet1", rows)
	if err == nil {
		err = fillSheet(f, rows, t.Header(), t.Cells(village))
	}
	if err == nil {
		err = answerLists(f, rows, t)
	}
	if err == nil {
		_, err = f.NewSheet(codes)
	}
	if err == nil {
		err = fillSheet(f, codes, ppisurvey.CodeHeader(lang), t.CodeRows())
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// fillSheet writes a bold, frozen header and the rows, every column as
// text: a NIK typed as a number loses its last digit, a date typed into a
// General cell becomes a day number, and "1" is not an answer code.
func fillSheet(f *excelize.File, sheet string, header []string, rows [][]string) error {
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49})
	if err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{NumFmt: 49, Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	last, _ := excelize.ColumnNumberToName(max(len(header), 1))
	if err := f.SetColStyle(sheet, "A:"+last, text); err != nil {
		return err
	}
	for i, row := range append([][]string{header}, rows...) {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		values := make([]any, len(row))
		for j, v := range row {
			values[j] = v
		}
		if err := f.SetSheetRow(sheet, cell, &values); err != nil {
			return err
		}
	}
	if err := f.SetRowStyle(sheet, 1, 1, bold); err != nil {
		return err
	}
	for i, width := range columnWidths(header, rows) {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheet, col, col, width); err != nil {
			return err
		}
	}
	return f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}

// answerLists offers each question's codes as a drop-down under its
// heading. Other values are still allowed, so that "a" or a code typed
// with a space stays for the import to read or explain.
func answerLists(f *excelize.File, sheet string, t ppisurvey.ImportTemplate) error {
	first := len(t.Header()) - len(t.Card.Questions) + 1
	lastRow := max(len(t.Rows)+1, 200)
	for i, q := range t.Card.Questions {
		col, _ := excelize.ColumnNumberToName(first + i)
		dv := excelize.NewDataValidation(false)
		dv.SetSqref(col + "2:" + col + strconv.Itoa(lastRow))
		codes := make([]string, len(q.Answers))
		for j, a := range q.Answers {
			codes[j] = a.Code
		}
		if err := dv.SetDropList(codes); err != nil {
			continue // a list too long for Excel's 255 characters: no drop-down
		}
		if err := f.AddDataValidation(sheet, dv); err != nil {
			return err
		}
	}
	return nil
}

// columnWidths fits each column to its longest value, within 6 and 50
// characters, so that a long question wording does not push the codes off
// the screen.
func columnWidths(header []string, rows [][]string) []float64 {
	out := make([]float64, len(header))
	for _, row := range append([][]string{header}, rows...) {
		for i, v := range row {
			if i < len(out) {
				out[i] = max(out[i], float64(utf8.RuneCountInString(v)+2))
			}
		}
	}
	for i := range out {
		out[i] = min(max(out[i], 6), 50)
	}
	return out
}
