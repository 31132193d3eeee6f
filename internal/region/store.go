package region

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/berdaya/berdaya/internal/db"
)

// store is the SQL of the regions catalogue.
type store struct{ db *db.DB }

// replaceAll swaps the whole catalogue inside tx. Records elsewhere keep their
// region codes as plain attributes, so replacing the catalogue breaks nothing.
func (s store) replaceAll(ctx context.Context, tx *sql.Tx, regions []Region) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM regions"); err != nil {
		return err
	}
	rows := make([][]any, len(regions))
	for i, r := range regions {
		rows[i] = []any{r.Code, r.Name, string(r.Level), r.Parent, r.Code[:2], searchKey(r.Name)}
	}
	return s.db.InsertRows(ctx, tx, "regions", []string{"code", "name", "level", "parent_code", "province_code", "search_name"}, rows)
}

func (s store) count(ctx context.Context) (int, error) {
	var n int
	err := s.db.Reader().QueryRowContext(ctx, "SELECT COUNT(*) FROM regions").Scan(&n)
	return n, err
}

func (s store) countByLevel(ctx context.Context) (map[Level]int, error) {
	rows, err := s.db.Reader().QueryContext(ctx, "SELECT level, COUNT(*) FROM regions GROUP BY level")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[Level]int{}
	for rows.Next() {
		var l string
		var n int
		if err := rows.Scan(&l, &n); err != nil {
			return nil, err
		}
		out[Level(l)] = n
	}
	return out, rows.Err()
}

const regionColumns = "code, name, level, parent_code"

func scanRegions(rows *sql.Rows) ([]Region, error) {
	defer rows.Close()
	var out []Region
	for rows.Next() {
		var r Region
		var l string
		if err := rows.Scan(&r.Code, &r.Name, &l, &r.Parent); err != nil {
			return nil, err
		}
		r.Level = Level(l)
		out = append(out, r)
	}
	return out, rows.Err()
}

// get returns the region with code, or ok=false.
func (s store) get(ctx context.Context, code string) (Region, bool, error) {
	rows, err := s.db.Reader().QueryContext(ctx, "SELECT "+regionColumns+" FROM regions WHERE code = $1", code)
	if err != nil {
		return Region{}, false, err
	}
	list, err := scanRegions(rows)
	if err != nil || len(list) == 0 {
		return Region{}, false, err
	}
	return list[0], true, nil
}

// getMany returns the regions among codes that exist, keyed by code, in one query.
func (s store) getMany(ctx context.Context, codes []string) (map[string]Region, error) {
	out := map[string]Region{}
	if len(codes) == 0 {
		return out, nil
	}
	marks := make([]string, len(codes))
	args := make([]any, len(codes))
	for i, c := range codes {
		marks[i] = fmt.Sprintf("$%d", i+1)
		args[i] = c
	}
	rows, err := s.db.Reader().QueryContext(ctx, "SELECT "+regionColumns+" FROM regions WHERE code IN ("+strings.Join(marks, ",")+")", args...)
	if err != nil {
		return nil, err
	}
	list, err := scanRegions(rows)
	for _, r := range list {
		out[r.Code] = r
	}
	return out, err
}

func (s store) children(ctx context.Context, parent string) ([]Region, error) {
	rows, err := s.db.Reader().QueryContext(ctx,
		"SELECT "+regionColumns+" FROM regions WHERE parent_code = $1 ORDER BY code", parent)
	if err != nil {
		return nil, err
	}
	return scanRegions(rows)
}

// search finds regions whose name contains every word of query, within the
// region under (or everywhere when under is ""), higher levels first.
func (s store) search(ctx context.Context, words []string, under string, limit int) ([]Region, error) {
	var where []string
	var args []any
	for _, w := range words {
		args = append(args, "%"+escapeLike(w)+"%")
		where = append(where, fmt.Sprintf("search_name LIKE $%d ESCAPE '\\'", len(args)))
	}
	if under != "" {
		args = append(args, escapeLike(under)+".%")
		where = append(where, fmt.Sprintf("code LIKE $%d ESCAPE '\\'", len(args)))
	}
	args = append(args, limit)
	q := "SELECT " + regionColumns + " FROM regions WHERE " + strings.Join(where, " AND ") +
		" ORDER BY LENGTH(code), code LIMIT $" + fmt.Sprint(len(args))
	rows, err := s.db.Reader().QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	return scanRegions(rows)
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

func (s store) setMeta(ctx context.Context, tx *sql.Tx, key, value string) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM app_meta WHERE key = $1", key); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, "INSERT INTO app_meta (key, value) VALUES ($1, $2)", key, value)
	return err
}

func (s store) meta(ctx context.Context, key string) (string, error) {
	var v string
	err := s.db.Reader().QueryRowContext(ctx, "SELECT value FROM app_meta WHERE key = $1", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

func (s store) codesAt(ctx context.Context, level Level) (map[string]bool, error) {
	rows, err := s.db.Reader().QueryContext(ctx, "SELECT code FROM regions WHERE level = $1", string(level))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		out[c] = true
	}
	return out, rows.Err()
}
