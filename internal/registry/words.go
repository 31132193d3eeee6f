package registry

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/region"
)

// person_words holds every word of each live person's name key, with the
// columns a list filters on and sorts by (name, birth date; migration 00014).
// A national name search drives from the words its query words begin instead
// of walking the name index of the whole organisation: "siti" sorted by name
// reads the entries of the words that begin with "siti", already in name
// order. A search sorted by last change still walks persons_updated: carrying
// the time of the change in every word cost the imports more than it saved.
//
// The registry keeps the table in step with persons: a new person's words are
// inserted with it, an update replaces them (the name, sex, birth date or
// target group may differ), a merged person's are removed. Ties of the whole
// sort key settle by the person's id, as they do on PostgreSQL everywhere; on
// SQLite the persons indexes settle them by rowid, so two persons with the
// same name, sex and birth date may swap places between the two paths.

var wordInsertColumns = []string{"org_id", "person_id", "lead", "word", "name_key", "sex", "birth_date", "target_group"}

// nameWord is one word of a name key and the number of characters before it.
type nameWord struct {
	word string
	lead int
}

// nameWords splits a name key (single spaces, as NameKey makes it) into its
// words with their positions in characters.
func nameWords(key string) []nameWord {
	var out []nameWord
	lead := 0
	for _, w := range strings.Split(key, " ") {
		if w != "" {
			out = append(out, nameWord{w, lead})
		}
		lead += utf8.RuneCountInString(w) + 1
	}
	return out
}

// wordValues are the person_words rows of a live person whose name key is
// key, as insertWordRows takes them.
func wordValues(p Person, key string) [][]any {
	var rows [][]any
	for _, w := range nameWords(key) {
		rows = append(rows, []any{p.OrgID, p.ID, w.lead, w.word, key, string(p.Sex), dateText(p.BirthDate), string(p.TargetGroup)})
	}
	return rows
}

func (s store) insertWords(ctx context.Context, tx *sql.Tx, p Person) error {
	return s.insertWordRows(ctx, tx, wordValues(p, NameKey(p.Name)))
}

func (s store) insertWordRows(ctx context.Context, tx *sql.Tx, rows [][]any) error {
	return s.insertRows(ctx, tx, "person_words", wordInsertColumns, rows)
}

// rowsPerInsert is how many rows one INSERT of an import carries on SQLite:
// a statement per row costs about as much in binding and stepping as the
// rows themselves.
const rowsPerInsert = 64

// insertRows inserts rows as db.InsertRows does, but on SQLite in multi-row
// INSERTs with positional markers, rowsPerInsert rows a statement.
func (s store) insertRows(ctx context.Context, tx *sql.Tx, table string, cols []string, rows [][]any) error {
	if s.db.Dialect() != db.SQLite || len(rows) < 2 {
		return s.db.InsertRows(ctx, tx, table, cols, rows)
	}
	tuple := "(" + strings.TrimSuffix(strings.Repeat("?,", len(cols)), ",") + ")"
	values := func(n int) string {
		return "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES " + strings.TrimSuffix(strings.Repeat(tuple+",", n), ",")
	}
	var stmt *sql.Stmt
	defer func() {
		if stmt != nil {
			stmt.Close()
		}
	}()
	args := make([]any, 0, rowsPerInsert*len(cols))
	for start := 0; start < len(rows); start += rowsPerInsert {
		chunk := rows[start:min(start+rowsPerInsert, len(rows))]
		args = args[:0]
		for _, r := range chunk {
			args = append(args, r...)
		}
		if len(chunk) < rowsPerInsert {
			_, err := tx.ExecContext(ctx, values(len(chunk)), args...)
			return err
		}
		if stmt == nil {
			var err error
			if stmt, err = tx.PrepareContext(ctx, values(rowsPerInsert)); err != nil {
				return err
			}
		}
		if _, err := stmt.ExecContext(ctx, args...); err != nil {
			return err
		}
	}
	return nil
}

func (s store) deleteWords(ctx context.Context, tx *sql.Tx, orgID, personID string) error {
	_, err := tx.ExecContext(ctx, "DELETE FROM person_words WHERE org_id = $1 AND person_id = $2", orgID, personID)
	return err
}

// replaceWords writes a changed person's words over its old ones.
func (s store) replaceWords(ctx context.Context, tx *sql.Tx, p Person) error {
	if err := s.deleteWords(ctx, tx, p.OrgID, p.ID); err != nil {
		return err
	}
	return s.insertWords(ctx, tx, p)
}

// maxWordRuns is how many distinct words a search prefix may begin for the
// search to merge their runs (each already in name order); a shorter prefix
// such as "a" sorts its matches instead.
const maxWordRuns = 16

// topRune is above every letter, so that a prefix and the words it begins
// are the range [prefix, prefix+topRune) in byte order.
const topRune = "\U0010FFFF"

// wordSearch is a name search at national scope answered from person_words:
// where holds the conditions on its rows besides the organisation, which is
// its first argument, $1 (filters, the other query words on the name key, and
// that the row is the first word of its name the driving prefix begins, so
// that each person counts once).
type wordSearch struct {
	where  *db.Where
	prefix string   // the query word that drives the search
	runs   []string // the words it begins, at most maxWordRuns
}

// cond is the whole condition on the search's rows, organisation included.
func (ws wordSearch) cond() string { return "org_id = $1 AND " + ws.where.SQL() }

// searchByWords returns the word search for a filter, or false when the list
// is better served by the persons indexes: no name words, a region (the
// region-name indexes narrow it), or a data-quality flag (not in the words).
func (s store) searchByWords(orgID, scope string, f Filter, today time.Time) (wordSearch, bool) {
	q := strings.TrimSpace(f.Query)
	if q == "" || f.Flag != "" {
		return wordSearch{}, false
	}
	if digits, err := CleanID(q); err == nil && len(digits) == 16 {
		return wordSearch{}, false
	}
	if reg, ok := region.Narrower(scope, f.Region); !ok || reg != "" {
		return wordSearch{}, false
	}
	words := strings.Fields(NameKey(q))
	if len(words) == 0 {
		return wordSearch{}, false
	}
	// The longest word is the likeliest to be rare: it drives, the others are
	// checked on the name key of its rows.
	drive := 0
	for i, w := range words {
		if utf8.RuneCountInString(w) > utf8.RuneCountInString(words[drive]) {
			drive = i
		}
	}
	w := &db.Where{Args: []any{orgID}} // $1, written by wordSearch.cond
	if f.TargetGroup != "" {
		w.Add("target_group = ?", string(f.TargetGroup))
	}
	if f.Sex != "" {
		w.Add("sex = ?", string(f.Sex))
	}
	if f.AgeMin > 0 {
		w.Add("birth_date <= ?", dateText(today.AddDate(-f.AgeMin, 0, 0)))
	}
	if f.AgeMax > 0 {
		w.Add("birth_date > ?", dateText(today.AddDate(-f.AgeMax-1, 0, 0)))
	}
	// Words hold letters only, so a plain substring search means what the
	// persons' LIKE '% word%' does, and costs less.
	find := "strpos"
	if s.db.Dialect() == db.SQLite {
		find = "instr"
	}
	for i, word := range words {
		if i != drive {
			w.Add(find+"(' ' || name_key, ?) > 0", " "+word)
		}
	}
	// No earlier word of the name begins with the prefix: "sit" finds Siti
	// Sitompul once, by "siti".
	w.Add("(lead = 0 OR "+find+"(' ' || name_key, ?) = lead + 1)", " "+words[drive])
	return wordSearch{where: w, prefix: words[drive]}, true
}

// runWords lists the distinct words the prefix begins, in order, up to limit+1
// of them: one index seek each.
func (s store) runWords(ctx context.Context, orgID, prefix string, limit int) ([]string, error) {
	var out []string
	last, op := prefix, ">="
	for len(out) <= limit {
		var w sql.NullString
		err := s.db.Reader().QueryRowContext(ctx, "SELECT MIN(word) FROM person_words WHERE org_id = $1 AND word "+op+" $2 AND word < $3",
			orgID, last, prefix+topRune).Scan(&w)
		if err != nil {
			return nil, err
		}
		if !w.Valid {
			break
		}
		out = append(out, w.String)
		last, op = w.String, ">"
	}
	return out, nil
}

// wordOrder is the ORDER BY of a sort on person_words: ties settle by the
// person's id.
func wordOrder(f Filter) string {
	dir := " ASC"
	if f.Desc {
		dir = " DESC"
	}
	cols := append(slices.Clone(SortKeys[f.Sort]), "person_id")
	for i, c := range cols {
		cols[i] = c + dir
	}
	return strings.Join(cols, ", ")
}

// wordSearchFor is the word search of a filter when it suits: sorted by name
// or birth date, and the driving prefix begins few enough distinct words. A
// prefix of many ("a") is common enough that walking the persons indexes
// finds a page sooner.
func (s store) wordSearchFor(ctx context.Context, orgID, scope string, f Filter, today time.Time) (wordSearch, bool, error) {
	ws, ok := s.searchByWords(orgID, scope, f, today)
	if !ok || s.noWords || f.Sort == "updated" {
		return ws, false, nil
	}
	runs, err := s.runWords(ctx, orgID, ws.prefix, maxWordRuns)
	if err != nil || len(runs) > maxWordRuns {
		return ws, false, err
	}
	ws.runs = runs
	return ws, true, nil
}

// pageIDs returns the ids of the persons on the filter's page, in order. In
// name order each word the prefix begins is a run already sorted by its index;
// the page is the merge of the first rows of each run. Otherwise (another
// sort, or a prefix of many words) the matches are sorted.
func (s store) pageIDs(ctx context.Context, ws wordSearch, orgID string, f Filter) ([]string, error) {
	order := wordOrder(f)
	args := slices.Clone(ws.where.Args)
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	offset := (f.Page - 1) * f.PerPage
	var q string
	var runs []string
	if f.Sort == "name" {
		runs = ws.runs
	}
	switch {
	case len(ws.runs) == 0:
		return nil, nil
	case len(runs) == 1:
		q = "SELECT person_id FROM person_words WHERE " + ws.cond() + " AND word = " + arg(runs[0]) +
			" ORDER BY " + order + " LIMIT " + arg(f.PerPage) + " OFFSET " + arg(offset)
	case len(runs) > 1:
		n := arg(offset + f.PerPage)
		parts := make([]string, len(runs))
		for i, r := range runs {
			parts[i] = fmt.Sprintf("SELECT * FROM (SELECT person_id, name_key, sex, birth_date FROM person_words WHERE %s AND word = %s ORDER BY %s LIMIT %s) AS r%d",
				ws.cond(), arg(r), order, n, i)
		}
		q = "SELECT person_id FROM (" + strings.Join(parts, " UNION ALL ") + ") AS m ORDER BY " + order +
			" LIMIT " + arg(f.PerPage) + " OFFSET " + arg(offset)
	default:
		q = "SELECT person_id FROM person_words WHERE " + ws.cond() + " AND word >= " + arg(ws.prefix) + " AND word < " + arg(ws.prefix+topRune) +
			" ORDER BY " + order + " LIMIT " + arg(f.PerPage) + " OFFSET " + arg(offset)
	}
	rows, err := s.db.Reader().QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// personsByID loads persons by id, in the order of ids.
func (s store) personsByID(ctx context.Context, orgID string, ids []string) ([]Person, error) {
	if len(ids) == 0 {
		return []Person{}, nil
	}
	in, arg := s.db.InList("id", 2, ids)
	rows, err := s.db.Reader().QueryContext(ctx, "SELECT "+personColumns+" FROM persons WHERE org_id = $1 AND "+in, orgID, arg)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	byID := make(map[string]Person, len(ids))
	for rows.Next() {
		r, err := scanPerson(rows, false)
		if err != nil {
			return nil, err
		}
		byID[r.ID] = r.Person
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]Person, 0, len(ids))
	for _, id := range ids {
		if p, ok := byID[id]; ok {
			out = append(out, p)
		}
	}
	return out, nil
}

// countScan is how many words a word search's count reads at most: a count
// that runs out of time is interrupted, and an interrupted SQLite connection
// is closed with its page cache, so the count is bounded by the rows it reads
// instead. Past it the total is a lower bound.
const countScan = 30000

// countSQL counts a word search's matches among the first countScan words the
// prefix begins: it returns the matches and the words read.
func (ws wordSearch) countSQL() (string, []any) {
	args := slices.Clone(ws.where.Args)
	n := len(args)
	args = append(args, ws.prefix, ws.prefix+topRune, countScan)
	return fmt.Sprintf("SELECT COALESCE(SUM(CASE WHEN %s THEN 1 ELSE 0 END), 0), COUNT(*) FROM (SELECT name_key, lead, sex, birth_date, target_group FROM person_words WHERE org_id = $1 AND word >= $%d AND word < $%d LIMIT $%d) AS w",
		ws.where.SQL(), n+1, n+2, n+3), args
}

// countWords runs countSQL: the total and whether it is a lower bound.
func (s store) countWords(ctx context.Context, ws wordSearch, seen int) (int, bool, error) {
	q, args := ws.countSQL()
	var n, read int
	if err := s.db.Reader().QueryRowContext(ctx, q, args...).Scan(&n, &read); err != nil {
		return 0, false, err
	}
	switch {
	case n > CountLimit:
		return CountLimit, true, nil
	case read >= countScan:
		return max(n, seen), true, nil
	}
	return n, false, nil
}
