package db

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// maxParams keeps a multi-row INSERT under PostgreSQL's 65,535 parameters.
const maxParams = 60000

// InsertRows inserts many rows into table inside tx, the fastest way each engine
// allows: SQLite runs in-process, so one prepared statement executed per row
// wins; on PostgreSQL rows go by COPY on the transaction's own connection (or,
// for a transaction not begun by Tx, in multi-row INSERTs).
func (d *DB) InsertRows(ctx context.Context, tx *sql.Tx, table string, cols []string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	head := "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES "
	if d.dialect == SQLite {
		// Plain "?" markers: modernc binds them by position, without looking up
		// a name per value as it does for "$n".
		marks := strings.TrimSuffix(strings.Repeat("?,", len(cols)), ",")
		stmt, err := tx.PrepareContext(ctx, head+"("+marks+")")
		if err != nil {
			return err
		}
		defer stmt.Close()
		for _, r := range rows {
			if _, err := stmt.ExecContext(ctx, r...); err != nil {
				return err
			}
		}
		return nil
	}
	if conn, ok := d.txConns.Load(tx); ok {
		return copyRows(ctx, conn.(*sql.Conn), table, cols, rows)
	}
	per := max(1, maxParams/len(cols))
	for start := 0; start < len(rows); start += per {
		chunk := rows[start:min(start+per, len(rows))]
		var b strings.Builder
		b.WriteString(head)
		args := make([]any, 0, len(chunk)*len(cols))
		for i, r := range chunk {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(valuesTuple(len(cols), i*len(cols)))
			args = append(args, r...)
		}
		if _, err := tx.ExecContext(ctx, b.String(), args...); err != nil {
			return err
		}
	}
	return nil
}

// valuesTuple is "($n+1,...,$n+cols)".
func valuesTuple(cols, offset int) string {
	var b strings.Builder
	b.WriteByte('(')
	for i := 1; i <= cols; i++ {
		if i > 1 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "$%d", offset+i)
	}
	b.WriteByte(')')
	return b.String()
}

// copyRows streams rows with COPY FROM STDIN on conn, inside the transaction
// open on it: one round trip for the whole batch.
func copyRows(ctx context.Context, conn *sql.Conn, table string, cols []string, rows [][]any) error {
	return conn.Raw(func(dc any) error {
		pc, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("copy: not a pgx connection (%T)", dc)
		}
		_, err := pc.Conn().CopyFrom(ctx, pgx.Identifier{table}, cols, pgx.CopyFromRows(rows))
		return err
	})
}
