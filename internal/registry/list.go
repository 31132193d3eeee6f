package registry

import (
	"context"
	"fmt"
	"github.com/berdaya/berdaya/internal/db"
	"slices"
	"strings"
	"time"

	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/region"
)

// Filter narrows a list of persons. Every field is optional.
type Filter struct {
	Region      string      // a region code at any level (dotted or not)
	TargetGroup TargetGroup // one target group
	Sex         Sex
	AgeMin      int    // in whole years, inclusive; 0 = no bound
	AgeMax      int    // inclusive; 0 = no bound
	Flag        string // a data-quality flag, or AnyFlag
	Query       string // name (spelling variants tolerated) or a full NIK
	Sort        string // "name" (default), "birth_date", "updated"
	Desc        bool
	Page        int // 1-based
	PerPage     int
}

// CountLimit is where counting the matches of a list stops.
const CountLimit = 10000

// AnyFlag as Filter.Flag lists persons with any data-quality flag.
const AnyFlag = "any"

// MaxPerPage caps one page of a list.
const MaxPerPage = 200

// SortKeys are the orders a list may be sorted in, each with its columns. Name
// order goes on by sex and birth date, the order of the name indexes, which
// carry those columns for filtering.
var SortKeys = map[string][]string{"name": {"name_key", "sex", "birth_date"}, "birth_date": {"birth_date"}, "updated": {"updated_at"}}

// countBudget is how long a list may spend counting its matches beyond the
// page. A rare filter at national scale can need a scan of millions of rows to
// count; the list then says "more than" the rows seen so far instead of
// making the user wait.
const countBudget = 60 * time.Millisecond

// Page is one page of persons and the total that match.
type Page struct {
	Items []Person `json:"items"`
	Total int      `json:"total"`
	// TotalMore says Total is a lower bound: counting stops at CountLimit, or
	// at the rows already seen when counting takes longer than countBudget,
	// since counting a million rows to print "1-50 of 1,000,000" costs more
	// than the page.
	TotalMore bool `json:"total_more"`
	Page      int  `json:"page"`
	PerPage   int  `json:"per_page"`
}

// Normalize fills defaults and checks the filter's form.
func (f *Filter) Normalize() error {
	fields := errs.Fields{}
	if f.Region != "" {
		code, err := region.NormalizeCode(f.Region)
		if err != nil {
			fields.Add("region", "region.err.code_format")
		}
		f.Region = code
	}
	if f.TargetGroup != "" && !f.TargetGroup.Valid() {
		fields.Add("target_group", "person.err.target_group")
	}
	if f.Sex != "" && f.Sex != Male && f.Sex != Female {
		fields.Add("sex", "person.err.sex")
	}
	if f.AgeMin < 0 || f.AgeMax < 0 || (f.AgeMax > 0 && f.AgeMin > f.AgeMax) {
		fields.Add("age", "person.err.age_band")
	}
	if f.Sort == "" {
		f.Sort = "name"
	}
	if _, ok := SortKeys[f.Sort]; !ok {
		fields.Add("sort", "err.invalid")
	}
	if f.Page < 1 {
		f.Page = 1
	}
	if f.PerPage <= 0 || f.PerPage > MaxPerPage {
		f.PerPage = 50
	}
	return fields.Err()
}

// personWhere is the condition of a person filter inside a scope. A birth-date
// range is kept from the planner's index choice unless the list is sorted by
// birth date: it rarely narrows a list enough to pay for sorting it.
func (s store) personWhere(alias, orgID, scope string, f Filter, today time.Time) (*db.Where, bool) {
	w := &db.Where{Alias: alias}
	c := w.Col
	born := c("birth_date")
	if f.Sort != "birth_date" {
		born = s.db.Unindexed(born)
	}
	w.Add(c("org_id")+" = ?", orgID)
	w.Add(c("merged_into") + " = ''")
	reg, ok := region.Narrower(scope, f.Region)
	if !ok {
		return w, false
	}
	if reg != "" {
		w.Region(reg)
	}
	if f.TargetGroup != "" {
		w.Add(c("target_group")+" = ?", string(f.TargetGroup))
	}
	if f.Sex != "" {
		w.Add(c("sex")+" = ?", string(f.Sex))
	}
	if f.AgeMin > 0 {
		w.Add(born+" <= ?", dateText(today.AddDate(-f.AgeMin, 0, 0)))
	}
	if f.AgeMax > 0 {
		w.Add(born+" > ?", dateText(today.AddDate(-f.AgeMax-1, 0, 0)))
	}
	switch f.Flag {
	case "":
	case AnyFlag:
		w.Add(c("flags") + " <> ''")
	default:
		w.Add("(',' || "+c("flags")+" || ',') LIKE ?", "%,"+f.Flag+",%")
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		if digits, err := CleanID(q); err == nil && len(digits) == 16 {
			w.Add(c("nik")+" = ?", digits)
		} else {
			for _, word := range strings.Fields(NameKey(q)) {
				// Each word must begin a word of the name: "sit ami" finds Siti Aminah.
				w.Add("(' ' || "+c("name_key")+") LIKE ?", "% "+word+"%")
			}
		}
	}
	return w, true
}

func (s store) listPersons(ctx context.Context, orgID, scope string, f Filter, today time.Time) (Page, error) {
	page := Page{Page: f.Page, PerPage: f.PerPage, Items: []Person{}}
	ws, byWords, err := s.wordSearchFor(ctx, orgID, scope, f, today)
	if err != nil {
		return page, err
	}
	if byWords {
		ids, err := s.pageIDs(ctx, ws, orgID, f)
		if err != nil {
			return page, err
		}
		if page.Items, err = s.personsByID(ctx, orgID, ids); err != nil {
			return page, err
		}
		seen := (f.Page-1)*f.PerPage + len(page.Items)
		if len(page.Items) > 0 && len(page.Items) < f.PerPage || f.Page == 1 && len(page.Items) == 0 {
			page.Total = seen // the last page: the count is known
			return page, nil
		}
		page.Total, page.TotalMore, err = s.countWords(ctx, ws, seen)
		return page, err
	}
	w, ok := s.personWhere("", orgID, scope, f, today)
	if !ok {
		return page, nil
	}
	args := append(append([]any{}, w.Args...), f.PerPage, (f.Page-1)*f.PerPage)
	rows, err := s.db.Reader().QueryContext(ctx, fmt.Sprintf("SELECT %s FROM persons WHERE %s ORDER BY %s LIMIT $%d OFFSET $%d",
		personColumns, w.SQL(), s.orderBy("", f), len(args)-1, len(args)), args...)
	if err != nil {
		return page, err
	}
	defer rows.Close()
	for rows.Next() {
		r, err := scanPerson(rows, false)
		if err != nil {
			return page, err
		}
		page.Items = append(page.Items, r.Person)
	}
	if err := rows.Err(); err != nil {
		return page, err
	}
	args = append(append([]any{}, w.Args...), CountLimit+1)
	return s.finishPage(ctx, page, fmt.Sprintf("SELECT COUNT(*) FROM (SELECT 1 FROM persons WHERE %s LIMIT $%d) AS matches",
		w.SQL(), len(args)), args)
}

// finishPage sets the total of a page: known without counting on the last
// page, else counted by count (at most CountLimit+1 rows, its last argument).
func (s store) finishPage(ctx context.Context, page Page, count string, args []any) (Page, error) {
	seen := (page.Page-1)*page.PerPage + len(page.Items)
	if len(page.Items) > 0 && len(page.Items) < page.PerPage || page.Page == 1 && len(page.Items) == 0 {
		page.Total = seen // the last page: the count is known
		return page, nil
	}
	var err error
	page.Total, page.TotalMore, err = s.countPersons(ctx, count, args, seen, len(page.Items) == 0)
	return page, err
}

// countPersons counts the matches of a list up to CountLimit within the count
// budget; past either it returns a lower bound (at least seen) and more=true.
// A page past the end has nothing to bound the count by, so it waits for it:
// the user needs it to find the way back.
func (s store) countPersons(ctx context.Context, query string, args []any, seen int, wait bool) (int, bool, error) {
	budget, cancel := ctx, context.CancelFunc(func() {})
	if !wait {
		budget, cancel = context.WithTimeout(ctx, countBudget)
	}
	defer cancel()
	var n int
	err := s.db.Reader().QueryRowContext(budget, query, args...).Scan(&n)
	switch {
	case err != nil && ctx.Err() == nil && budget.Err() != nil:
		return max(seen, 1), true, nil
	case err != nil:
		return 0, false, err
	case n > CountLimit:
		return CountLimit, true, nil
	}
	return n, false, nil
}

// orderBy is the ORDER BY list of a filter's sort, settled by the row order.
func (s store) orderBy(alias string, f Filter) string {
	dir := " ASC"
	if f.Desc {
		dir = " DESC"
	}
	cols := append(slices.Clone(SortKeys[f.Sort]), s.db.RowOrder())
	for i, c := range cols {
		if alias != "" {
			c = alias + "." + c
		}
		cols[i] = c + dir
	}
	return strings.Join(cols, ", ")
}

// eachPerson streams every person matching the filter with its household's
// card and address (for exports), in order, in one query.
func (s store) eachPerson(ctx context.Context, orgID, scope string, f Filter, today time.Time, fn func(Person, Household) error) error {
	w, ok := s.personWhere("p", orgID, scope, f, today)
	if !ok {
		return nil
	}
	cols := "p." + strings.ReplaceAll(personColumns, ", ", ", p.")
	q := "SELECT " + cols + ", h.kk, h.address FROM persons p JOIN households h ON h.org_id = p.org_id AND h.id = p.household_id WHERE " +
		w.SQL() + " ORDER BY " + s.orderBy("p", f)
	rows, err := s.db.Reader().QueryContext(ctx, q, w.Args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var h Household
		r, err := scanPerson(rowWithTail{rows, []any{&h.KK, &h.Address}}, false)
		if err != nil {
			return err
		}
		h.ID, h.VillageCode = r.HouseholdID, r.VillageCode
		if err := fn(r.Person, h); err != nil {
			return err
		}
	}
	return rows.Err()
}

// rowWithTail scans extra columns after the ones its caller asks for.
type rowWithTail struct {
	rows interface{ Scan(...any) error }
	tail []any
}

func (r rowWithTail) Scan(dest ...any) error { return r.rows.Scan(append(dest, r.tail...)...) }

// countFlagged counts live persons in scope with any data-quality flag.
func (s store) countFlagged(ctx context.Context, orgID, scope string) (int, error) {
	w, _ := s.personWhere("", orgID, scope, Filter{Flag: AnyFlag}, time.Time{})
	var n int
	err := s.db.Reader().QueryRowContext(ctx, "SELECT COUNT(*) FROM persons WHERE "+w.SQL(), w.Args...).Scan(&n)
	return n, err
}
