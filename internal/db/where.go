package db

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// Where builds the condition of a query from parts written with "?" markers,
// numbering them $1, $2 ... in the order the arguments are added, so that a
// filter's optional parts can be added one by one.
type Where struct {
	Alias string // the table's alias in a query that joins; "" for one table
	Args  []any  // the arguments, in marker order
	conds []string
}

// Add appends a condition, with one argument per "?" marker in it.
func (w *Where) Add(cond string, args ...any) {
	for _, a := range args {
		w.Args = append(w.Args, a)
		cond = strings.Replace(cond, "?", fmt.Sprintf("$%d", len(w.Args)), 1)
	}
	w.conds = append(w.conds, cond)
}

// Col names a column, qualified by the alias when there is one.
func (w *Where) Col(name string) string {
	if w.Alias == "" {
		return name
	}
	return w.Alias + "." + name
}

// Region matches records at or below a region code with equality on each level
// column down to it (province_code, regency_code, district_code,
// village_code), so that one composite region index serves every level.
func (w *Where) Region(code string) {
	parts := strings.Split(code, ".")
	cols := []string{"province_code", "regency_code", "district_code", "village_code"}
	for i := range min(len(parts), len(cols)) {
		w.Add(w.Col(cols[i])+" = ?", strings.Join(parts[:i+1], "."))
	}
}

// SQL is the conditions joined by AND ("TRUE" when there are none).
func (w *Where) SQL() string {
	if len(w.conds) == 0 {
		return "TRUE"
	}
	return strings.Join(w.conds, " AND ")
}

// Querier is what both *sql.DB and *sql.Tx offer, so that a store's reads run
// in or out of a transaction.
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Scanner is a row to scan: *sql.Row or *sql.Rows.
type Scanner interface{ Scan(...any) error }

// NullIfEmpty stores an absent optional reference as NULL, so that a
// composite foreign key on it is not checked.
func NullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// Query runs a query on r and scans every row with scan, so that a store's
// list is one line. It returns an empty, non-nil slice when nothing matches
// (a JSON list prints as [] rather than null).
func Query[T any](ctx context.Context, r Querier, scan func(Scanner) (T, error), query string, args ...any) ([]T, error) {
	rows, err := r.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []T{}
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
