package ppisurvey

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/ppi"
	"github.com/berdaya/berdaya/internal/registry"
)

// ImportOptions are the choices of an interview import.
type ImportOptions struct {
	// Enumerator is the ID of the user recorded as every imported
	// interview's enumerator; "" means the importing user. The command line
	// needs it, since its principal is no user of the organisation.
	Enumerator string
}

// ImportResult tells what an interview import did.
type ImportResult struct {
	Rows      int `json:"rows"` // rows read, blank rows not counted
	Imported  int `json:"imported"`
	Unchanged int `json:"unchanged"` // already there with the same date and answers
	// Skipped counts households listed (as in the template) but not filled
	// in: no date and no answer beyond those the registry knows.
	Skipped    int                  `json:"skipped"`
	Rejected   int                  `json:"rejected"` // rows refused
	Rejections []registry.Rejection `json:"rejections"`
}

// ImportInterviews imports interviews with the importing user as their
// enumerator; see ImportInterviewsWith.
func (s *Service) ImportInterviews(ctx context.Context, p access.Principal, roundID string, src registry.RowSource) (ImportResult, error) {
	return s.ImportInterviewsWith(ctx, p, roundID, src, ImportOptions{})
}

// ImportInterviewsWith records interviews done on paper or in another tool,
// one row per household: column unit_id (as the template gives it) or nik
// (the respondent's, or any member's, NIK), column date, and q1..qN with
// answer codes; the province question may be left out or blank, as the
// registry knows it. Other columns are ignored. The header must name every
// question the registry cannot fill; a missing one stops the import before
// any row. Each row is checked and saved on its own, so a bad row is
// reported (line, column, value, reason) without stopping the others; a row
// without a date or any answer is a household not interviewed yet and is
// skipped. A household may appear once per file. Importing the same file
// again changes nothing: a household interviewed with the same date and
// answers is counted as unchanged, and one interviewed with different
// answers is refused (a change is a correction, which needs a reason).
//
// What clerks type is read leniently where the meaning is certain: answer
// codes in any case and with spaces; dates as dd/mm/yyyy, d/m/yy (20yy),
// with dashes or dots, yyyy-mm-dd, or an Excel day number; NIKs with
// separators or Excel's ".0". Where it is not certain the row is refused
// with the reason: an answer given as a number (it may be the fourth answer
// or the count the question asks for; the 2023 card's Q2 has no code D), a
// NIK Excel turned into 3.27301E+15 or cut to 15 significant digits.
func (s *Service) ImportInterviewsWith(ctx context.Context, p access.Principal, roundID string, src registry.RowSource, opts ImportOptions) (ImportResult, error) {
	res := ImportResult{Rejections: []registry.Rejection{}}
	if err := p.Require(access.ImportRecords); err != nil {
		return res, err
	}
	im, err := s.newImporter(ctx, p, roundID, src.Header(), cmp.Or(opts.Enumerator, p.UserID))
	if err != nil {
		return res, err
	}
	return im.run(ctx, src, res)
}

// newImporter checks everything that concerns the whole file: the round,
// the header and the enumerator.
func (s *Service) newImporter(ctx context.Context, p access.Principal, roundID string, header []string, enumerator string) (*importer, error) {
	r, err := s.roundVisible(ctx, s.db.Reader(), p, roundID, false)
	if err != nil {
		return nil, err
	}
	if !r.Drawn() {
		return nil, errs.New(errs.Conflict, "ppisurvey.err.not_drawn")
	}
	card, err := s.cards.Get(ctx, r.ScorecardID)
	if err != nil {
		return nil, err
	}
	head, err := readHeader(header, card)
	if err != nil {
		return nil, err
	}
	if ok, err := s.store.userExists(ctx, p.OrgID, enumerator); err != nil {
		return nil, err
	} else if !ok {
		return nil, errs.New(errs.Invalid, "ppisurvey.err.import_enumerator")
	}
	units, err := s.store.units(ctx, s.db.Reader(), p.OrgID, r.ID)
	if err != nil {
		return nil, err
	}
	im := &importer{s: s, p: p, round: r, card: card, head: head, enumerator: enumerator,
		byID: map[string]Unit{}, byHousehold: map[string]Unit{}, seen: map[string]int{}}
	for _, u := range units {
		im.byID[u.ID], im.byHousehold[u.HouseholdID] = u, u
	}
	return im, nil
}

// importHeader is a file's header: where each column is and how the file
// names it.
type importHeader struct {
	pos      map[string]int    // column key ("nik", "date", "q3") -> position
	typed    map[string]string // column key -> the heading as written
	province int               // the card's province question (0 when none)
}

// columnAliases are the Indonesian headings accepted beside the keys.
var columnAliases = map[string]string{"tanggal": "date", "tanggal_wawancara": "date", "tgl": "date", "id_unit": "unit_id"}

// columnKey is the key of a heading: lower case, spaces and dashes as "_",
// an alias as its key, and "Q01" as "q1".
func columnKey(h string) string {
	k := strings.Join(strings.FieldsFunc(strings.ToLower(h), func(r rune) bool { return r == ' ' || r == '-' || r == '_' }), "_")
	if alias, ok := columnAliases[k]; ok {
		return alias
	}
	if no, ok := questionNo(k); ok {
		return QuestionField(no)
	}
	return k
}

// questionNo reads a question column key: "q3" -> 3.
func questionNo(key string) (int, bool) {
	rest, ok := strings.CutPrefix(key, "q")
	if !ok || rest == "" || strings.Trim(rest, "0123456789") != "" {
		return 0, false
	}
	no, err := strconv.Atoi(rest)
	return no, err == nil && no > 0
}

// readHeader maps the header and checks it against the card: a row key
// (nik or unit_id), the date, and every question but the province.
func readHeader(header []string, card ppi.Scorecard) (importHeader, error) {
	h := importHeader{pos: map[string]int{}, typed: map[string]string{}}
	if q, ok := provinceQuestion(card); ok {
		h.province = q.No
	}
	for i, name := range header {
		key := columnKey(name)
		if key == "" {
			continue
		}
		if _, twice := h.pos[key]; twice {
			return h, errs.New(errs.Invalid, "ppisurvey.err.import_column_twice", strings.TrimSpace(name))
		}
		h.pos[key], h.typed[key] = i, strings.TrimSpace(name)
	}
	_, nik := h.pos["nik"]
	_, unit := h.pos["unit_id"]
	_, date := h.pos["date"]
	if !(nik || unit) || !date {
		return h, errs.New(errs.Invalid, "ppisurvey.err.import_columns")
	}
	var missing []string
	for _, q := range card.Questions {
		if _, ok := h.pos[QuestionField(q.No)]; !ok && q.No != h.province {
			missing = append(missing, QuestionField(q.No))
		}
	}
	if len(missing) > 0 {
		return h, errs.New(errs.Invalid, "ppisurvey.err.import_question_columns", strings.Join(missing, ", "), len(card.Questions))
	}
	return h, nil
}

// name is how the file heads column key (the key when the file lacks it).
func (h importHeader) name(key string) string {
	if n, ok := h.typed[key]; ok {
		return n
	}
	return key
}

// outcome is what became of one row.
type outcome int

const (
	imported outcome = iota
	unchanged
	skipped
	refused
)

type importer struct {
	s           *Service
	p           access.Principal
	round       Round
	card        ppi.Scorecard
	head        importHeader
	enumerator  string
	byID        map[string]Unit
	byHousehold map[string]Unit
	seen        map[string]int // unit ID -> the line that named it first
}

func (im *importer) run(ctx context.Context, src registry.RowSource, res ImportResult) (ImportResult, error) {
	for {
		line, cells, err := src.Next()
		if errors.Is(err, io.EOF) {
			return res, nil
		}
		if err != nil {
			return res, err
		}
		if blankRow(cells) {
			continue
		}
		res.Rows++
		out, rej, err := im.row(ctx, line, cells)
		if err != nil {
			return res, err
		}
		switch out {
		case refused:
			res.Rejected++
			res.Rejections = append(res.Rejections, rej...)
		case unchanged:
			res.Unchanged++
		case skipped:
			res.Skipped++
		default:
			res.Imported++
		}
	}
}

func blankRow(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// cell is the row's value in column key, trimmed ("" when absent).
func (im *importer) cell(cells []string, key string) string {
	i, ok := im.head.pos[key]
	if !ok || i >= len(cells) {
		return ""
	}
	return strings.TrimSpace(cells[i])
}

// reject refuses a row for one reason about column key.
func (im *importer) reject(line int, cells []string, key, reason string, args ...any) []registry.Rejection {
	return []registry.Rejection{{Line: line, Column: im.head.name(key), Value: im.cell(cells, key), Reason: reason, Args: args}}
}

// unfilled reports whether a row lists a household without its interview:
// no date and no answer but the province, which the template fills in.
func (im *importer) unfilled(cells []string) bool {
	if im.cell(cells, "date") != "" {
		return false
	}
	for key := range im.head.pos {
		if no, ok := questionNo(key); ok && no != im.head.province && im.cell(cells, key) != "" {
			return false
		}
	}
	return true
}

// statusReasons say why a household of the round takes no interview.
var statusReasons = map[string]string{
	StatusReserve:  "ppisurvey.err.import_reserve",
	StatusRefused:  "ppisurvey.err.import_replaced",
	StatusReplaced: "ppisurvey.err.import_replaced",
}

// row imports one row: what became of it, and the reasons when refused.
func (im *importer) row(ctx context.Context, line int, cells []string) (outcome, []registry.Rejection, error) {
	if im.unfilled(cells) {
		return skipped, nil, nil
	}
	u, key, rej, err := im.unit(ctx, line, cells)
	if err != nil || rej != nil {
		return refused, rej, err
	}
	if first, ok := im.seen[u.ID]; ok {
		return refused, im.reject(line, cells, key, "ppisurvey.err.import_duplicate", first), nil
	}
	im.seen[u.ID] = line
	if reason, ok := statusReasons[u.Status]; ok {
		return refused, im.reject(line, cells, key, reason), nil
	}
	c := interviewContext{round: im.round, card: im.card, unit: u}
	if u.Status == StatusInterviewed {
		return im.compare(ctx, c, line, key, cells)
	}
	return im.insert(ctx, c, line, key, cells)
}

// insert records the row's interview of a sampled household.
func (im *importer) insert(ctx context.Context, c interviewContext, line int, key string, cells []string) (outcome, []registry.Rejection, error) {
	iv, err := im.s.prepare(ctx, im.p, c, im.input(cells), im.enumerator)
	if rej, ok := im.fieldRejections(err, line, cells); ok {
		return refused, rej, nil
	}
	if err != nil {
		return refused, nil, err
	}
	err = im.s.db.Tx(ctx, func(tx *sql.Tx) error { return im.s.insertInterview(ctx, tx, im.p, &iv) })
	if e, ok := errs.As(err); ok && e.Code == errs.Conflict { // interviewed or replaced meanwhile, by someone else
		return refused, im.reject(line, cells, key, e.Msg), nil
	}
	return imported, nil, err
}

// input is the row's interview: the date in a form parseDate reads, and the
// answers with spaces removed. A question column beyond the card is passed
// on only when filled, so that an empty extra column does not refuse rows.
func (im *importer) input(cells []string) InterviewInput {
	in := InterviewInput{Date: importDate(im.cell(cells, "date")), Answers: map[int]string{}}
	for key := range im.head.pos {
		if no, ok := questionNo(key); ok {
			if code := answerCode(im.cell(cells, key)); code != "" {
				in.Answers[no] = code
			}
		}
	}
	return in
}

// compare handles a row for a household interviewed already.
func (im *importer) compare(ctx context.Context, c interviewContext, line int, key string, cells []string) (outcome, []registry.Rejection, error) {
	old, err := im.s.store.interview(ctx, im.s.db.Reader(), im.p.OrgID, "unit_id", c.unit.ID)
	if err != nil {
		return refused, nil, err
	}
	next, err := im.s.prepare(ctx, im.p, c, im.input(cells), old.EnumeratorID)
	if rej, ok := im.fieldRejections(err, line, cells); ok {
		return refused, rej, nil
	}
	if err != nil {
		return refused, nil, err
	}
	if old.Same(next) {
		return unchanged, nil, nil
	}
	return refused, im.reject(line, cells, key, "ppisurvey.err.import_interviewed"), nil
}

// unit finds the row's unit by unit_id, else by NIK. It returns the column
// key it used, or the row's rejection.
func (im *importer) unit(ctx context.Context, line int, cells []string) (Unit, string, []registry.Rejection, error) {
	if id := im.cell(cells, "unit_id"); id != "" {
		u, ok := im.byID[id]
		if !ok || !im.p.Covers(u.VillageCode) {
			return u, "unit_id", im.reject(line, cells, "unit_id", "ppisurvey.err.import_unit"), nil
		}
		return u, "unit_id", nil, nil
	}
	raw := im.cell(cells, "nik")
	if raw == "" {
		key := "nik"
		if _, ok := im.head.pos[key]; !ok {
			key = "unit_id"
		}
		return Unit{}, key, im.reject(line, cells, key, "ppisurvey.err.row_key"), nil
	}
	nik, err := registry.CleanID(raw)
	if e, ok := errs.As(err); ok {
		return Unit{}, "nik", im.reject(line, cells, "nik", e.Msg, e.Args...), nil
	}
	if len(nik) != 16 {
		return Unit{}, "nik", im.reject(line, cells, "nik", "nik.err.length", len(nik)), nil
	}
	u, reason, err := im.unitOfNIK(ctx, nik)
	if err != nil || reason != "" {
		return u, "nik", im.reject(line, cells, "nik", reason), err
	}
	return u, "nik", nil, nil
}

// unitOfNIK finds the unit of the household of a person with a cleaned
// NIK, or the reason there is none.
func (im *importer) unitOfNIK(ctx context.Context, nik string) (Unit, string, error) {
	page, err := im.s.registry.ListPersons(ctx, im.p, registry.Filter{Query: nik, PerPage: 10})
	if errs.CodeOf(err) == errs.Invalid {
		return Unit{}, "ppisurvey.err.nik_unknown", nil
	}
	if err != nil {
		return Unit{}, "", err
	}
	for _, person := range page.Items {
		if u, ok := im.byHousehold[person.HouseholdID]; ok && im.p.Covers(u.VillageCode) {
			return u, "", nil
		}
	}
	switch {
	case len(page.Items) > 0:
		return Unit{}, "ppisurvey.err.nik_not_in_round", nil
	case strings.HasSuffix(nik, "0"):
		// Excel keeps 15 significant digits: a NIK typed into a number cell
		// ends in 0 whatever its last digit was.
		return Unit{}, "ppisurvey.err.nik_excel", nil
	}
	return Unit{}, "ppisurvey.err.nik_unknown", nil
}

// fieldRejections turns an interview's field errors into rejections, in
// column order (date, q1, q2 ...).
func (im *importer) fieldRejections(err error, line int, cells []string) ([]registry.Rejection, bool) {
	e, ok := errs.As(err)
	if !ok || e.Code != errs.Invalid || len(e.Fields) == 0 {
		return nil, false
	}
	out := []registry.Rejection{}
	for field, key := range e.Fields {
		value := im.cell(cells, field)
		if key == "ppisurvey.err.answer_code" && isDigits(answerCode(value)) {
			key = "ppisurvey.err.answer_number"
		}
		out = append(out, registry.Rejection{Line: line, Column: im.head.name(field), Value: value, Reason: key})
	}
	sort.Slice(out, func(i, j int) bool {
		return columnRank(columnKey(out[i].Column)) < columnRank(columnKey(out[j].Column))
	})
	return out, true
}

func columnRank(col string) int {
	if n, ok := questionNo(col); ok {
		return 100 + n
	}
	return len(col)
}

// answerCode is an answer code as typed, without any spaces (Excel and
// phones add non-breaking ones) and in upper case.
func answerCode(raw string) string {
	return strings.ToUpper(strings.Join(strings.Fields(raw), ""))
}

func isDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// excelDay0 is day 0 of Excel's 1900 date system for every day after
// February 1900 (Excel counts a 29 February 1900 that never was).
var excelDay0 = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// Excel day numbers taken as dates: 1/1/2000 to 31/12/2099. A plain number
// in the date column is a date cell whose format was lost (a CSV saved from
// Excel, a column formatted as General); outside this range it is a typo.
const (
	minExcelDay = 36526
	maxExcelDay = 73050
)

// dateLayouts are the ways clerks write a date that i18n.ParseDate does not
// read, day before month as in Indonesia. Two-digit years come last, so that
// "20/11/2026" is never read as a two-digit year with text after it.
var dateLayouts = []string{"2/1/2006", "2-1-2006", "2.1.2006", "2006-1-2", "2006/1/2", "2/1/06", "2-1-06", "2.1.06"}

// importDate rewrites a date cell as dd/mm/yyyy when it is a date in one of
// the forms clerks and spreadsheets produce: dd/mm/yyyy or d/m/yy (a year
// 00-99 is 2000-2099), with slashes, dashes or dots; yyyy-mm-dd, with a time
// of day after it as a date-time cell gives it; an Excel day number.
// Anything else is returned as it was, so the refusal shows what was typed.
func importDate(raw string) string {
	s := strings.TrimSpace(raw)
	if day, _, ok := strings.Cut(s, " "); ok && strings.Contains(s, ":") {
		s = day
	}
	if isDigits(strings.Replace(s, ".", "", 1)) && !strings.HasPrefix(s, ".") {
		if f, err := strconv.ParseFloat(s, 64); err == nil && f >= minExcelDay && f < maxExcelDay+1 {
			return excelDay0.AddDate(0, 0, int(f)).Format("02/01/2006")
		}
	}
	for _, layout := range dateLayouts {
		t, err := time.Parse(layout, s)
		if err != nil {
			continue
		}
		if t.Year() < 2000 && strings.HasSuffix(layout, "06") && !strings.HasSuffix(layout, "2006") {
			t = t.AddDate(100, 0, 0) // Go reads 69-99 as 19xx
		}
		return t.Format("02/01/2006")
	}
	return raw
}
