package ppisurvey

import (
	"context"
	"database/sql"
	"errors"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/registry"
)

// ImportResult tells what an interview import did.
type ImportResult struct {
	Rows       int                  `json:"rows"`
	Imported   int                  `json:"imported"`
	Unchanged  int                  `json:"unchanged"` // already there with the same date and answers
	Rejected   int                  `json:"rejected"`  // rows refused
	Rejections []registry.Rejection `json:"rejections"`
}

// ImportInterviews records interviews done on paper or in another tool, one
// row per household: column nik (the respondent's, or any member's, NIK) or
// unit_id, column date, and q1..qN with answer codes; a known answer (the
// province) may be left blank. Each row is checked and saved on its own, so
// a bad row is reported (line, column, value, reason) without stopping the
// others. Importing the same file again changes nothing: a household
// interviewed with the same date and answers is counted as unchanged, and
// one interviewed with different answers is refused (a change is a
// correction, which needs a reason). The importing user is the enumerator.
func (s *Service) ImportInterviews(ctx context.Context, p access.Principal, roundID string, src registry.RowSource) (ImportResult, error) {
	res := ImportResult{Rejections: []registry.Rejection{}}
	if err := p.Require(access.ImportRecords); err != nil {
		return res, err
	}
	r, err := s.roundVisible(ctx, s.db.Reader(), p, roundID, false)
	if err != nil {
		return res, err
	}
	cols, err := importColumns(src.Header())
	if err != nil {
		return res, err
	}
	units, err := s.store.units(ctx, s.db.Reader(), p.OrgID, r.ID)
	if err != nil {
		return res, err
	}
	im := importer{s: s, p: p, round: r, cols: cols, byID: map[string]Unit{}, byHousehold: map[string]Unit{}}
	for _, u := range units {
		im.byID[u.ID], im.byHousehold[u.HouseholdID] = u, u
	}
	return im.run(ctx, src, res)
}

// importColumns maps lower-cased header names to their positions and
// checks that the row key and the date are there.
func importColumns(header []string) (map[string]int, error) {
	cols := map[string]int{}
	for i, h := range header {
		cols[strings.ToLower(strings.TrimSpace(h))] = i
	}
	_, nik := cols["nik"]
	_, unit := cols["unit_id"]
	_, date := cols["date"]
	if !(nik || unit) || !date {
		return nil, errs.New(errs.Invalid, "ppisurvey.err.import_columns")
	}
	return cols, nil
}

type importer struct {
	s           *Service
	p           access.Principal
	round       Round
	cols        map[string]int
	byID        map[string]Unit
	byHousehold map[string]Unit
}

func (im importer) run(ctx context.Context, src registry.RowSource, res ImportResult) (ImportResult, error) {
	for {
		line, cells, err := src.Next()
		if errors.Is(err, io.EOF) {
			return res, nil
		}
		if err != nil {
			return res, err
		}
		res.Rows++
		unchanged, rej, err := im.row(ctx, line, cells)
		switch {
		case err != nil:
			return res, err
		case len(rej) > 0:
			res.Rejected++
			res.Rejections = append(res.Rejections, rej...)
		case unchanged:
			res.Unchanged++
		default:
			res.Imported++
		}
	}
}

func (im importer) cell(cells []string, col string) string {
	i, ok := im.cols[col]
	if !ok || i >= len(cells) {
		return ""
	}
	return strings.TrimSpace(cells[i])
}

// row imports one row: unchanged when it was already there, or the reasons
// it was refused.
func (im importer) row(ctx context.Context, line int, cells []string) (bool, []registry.Rejection, error) {
	reject := func(col, key string) []registry.Rejection {
		return []registry.Rejection{{Line: line, Column: col, Value: im.cell(cells, col), Reason: key}}
	}
	u, col, key, err := im.unit(ctx, cells)
	if err != nil || key != "" {
		return false, reject(col, key), err
	}
	in := InterviewInput{Date: im.cell(cells, "date"), Answers: map[int]string{}}
	for name := range im.cols {
		if no, err := strconv.Atoi(strings.TrimPrefix(name, "q")); err == nil && strings.HasPrefix(name, "q") {
			in.Answers[no] = im.cell(cells, name)
		}
	}
	c, err := im.s.loadContext(ctx, im.p, u.ID)
	if err != nil {
		return false, nil, err
	}
	if u.Status == StatusInterviewed {
		return im.compare(ctx, c, line, cells, in)
	}
	if u.Status != StatusSample {
		return false, reject(col, "ppisurvey.err.not_in_sample"), nil
	}
	iv, err := im.s.prepare(ctx, im.p, c, in, im.p.UserID)
	if rej, ok := fieldRejections(err, line, im, cells); ok {
		return false, rej, nil
	}
	if err != nil {
		return false, nil, err
	}
	err = im.s.db.Tx(ctx, func(tx *sql.Tx) error { return im.s.insertInterview(ctx, tx, im.p, &iv) })
	if errs.CodeOf(err) == errs.Conflict {
		return false, reject(col, "ppisurvey.err.interviewed"), nil
	}
	return false, nil, err
}

// compare handles a row for a household interviewed already.
func (im importer) compare(ctx context.Context, c interviewContext, line int, cells []string, in InterviewInput) (bool, []registry.Rejection, error) {
	old, err := im.s.store.interview(ctx, im.s.db.Reader(), im.p.OrgID, "unit_id", c.unit.ID)
	if err != nil {
		return false, nil, err
	}
	next, err := im.s.prepare(ctx, im.p, c, in, old.EnumeratorID)
	if rej, ok := fieldRejections(err, line, im, cells); ok {
		return false, rej, nil
	}
	if err != nil {
		return false, nil, err
	}
	if sameInterview(old, next) {
		return true, nil, nil
	}
	return false, []registry.Rejection{{Line: line, Column: "date", Value: im.cell(cells, "date"), Reason: "ppisurvey.err.import_interviewed"}}, nil
}

// unit finds the row's unit; on failure it names the column and reason.
func (im importer) unit(ctx context.Context, cells []string) (Unit, string, string, error) {
	if id := im.cell(cells, "unit_id"); id != "" {
		u, ok := im.byID[id]
		if !ok || !im.p.Covers(u.VillageCode) {
			return u, "unit_id", "ppisurvey.err.unit_not_found", nil
		}
		return u, "unit_id", "", nil
	}
	nik := im.cell(cells, "nik")
	if nik == "" {
		return Unit{}, "nik", "ppisurvey.err.row_key", nil
	}
	page, err := im.s.registry.ListPersons(ctx, im.p, registry.Filter{Query: nik, PerPage: 10})
	if errs.CodeOf(err) == errs.Invalid {
		return Unit{}, "nik", "ppisurvey.err.nik_unknown", nil
	}
	if err != nil {
		return Unit{}, "nik", "", err
	}
	for _, person := range page.Items {
		if u, ok := im.byHousehold[person.HouseholdID]; ok && im.p.Covers(u.VillageCode) {
			return u, "nik", "", nil
		}
	}
	if len(page.Items) == 0 {
		return Unit{}, "nik", "ppisurvey.err.nik_unknown", nil
	}
	return Unit{}, "nik", "ppisurvey.err.nik_not_in_round", nil
}

// fieldRejections turns an interview's field errors into rejections, in
// column order (date, q1, q2 ...).
func fieldRejections(err error, line int, im importer, cells []string) ([]registry.Rejection, bool) {
	e, ok := errs.As(err)
	if !ok || e.Code != errs.Invalid || len(e.Fields) == 0 {
		return nil, false
	}
	out := []registry.Rejection{}
	for field, key := range e.Fields {
		out = append(out, registry.Rejection{Line: line, Column: field, Value: im.cell(cells, field), Reason: key})
	}
	sort.Slice(out, func(i, j int) bool { return columnRank(out[i].Column) < columnRank(out[j].Column) })
	return out, true
}

func columnRank(col string) int {
	if n, err := strconv.Atoi(strings.TrimPrefix(col, "q")); err == nil && strings.HasPrefix(col, "q") {
		return 100 + n
	}
	return len(col)
}
