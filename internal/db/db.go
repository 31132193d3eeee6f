// Package db opens the application's database (embedded SQLite or PostgreSQL),
// applies its migrations and offers the transaction helper every area's store uses.
package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver
)

// Dialect names the SQL engine behind a DB.
type Dialect string

// The engines Berdaya runs on.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// DB is an open database. On SQLite writes go through a single connection (SQLite
// allows one writer at a time; queueing in Go avoids SQLITE_BUSY storms) while reads
// use a pool; on PostgreSQL both are the same pool.
type DB struct {
	write   *sql.DB
	read    *sql.DB
	dialect Dialect
	source  string
	// txConns maps an open PostgreSQL transaction to its connection, so that
	// bulk loads inside it can use COPY on that very connection.
	txConns sync.Map
}

// IsPostgres reports whether a --db value names a PostgreSQL server.
func IsPostgres(source string) bool {
	return strings.HasPrefix(source, "postgres://") || strings.HasPrefix(source, "postgresql://")
}

// Open connects to source (a file path for SQLite, a postgres:// URL for PostgreSQL),
// creating the SQLite file if needed. It does not migrate; see OpenAndMigrate.
func Open(ctx context.Context, source string) (*DB, error) {
	if IsPostgres(source) {
		return openPostgres(ctx, source)
	}
	return openSQLite(ctx, source)
}

// OpenAndMigrate opens source and brings its schema up to date. Every command that
// touches a database uses it, so a new database is created and migrated on first use.
func OpenAndMigrate(ctx context.Context, source string) (*DB, error) {
	d, err := Open(ctx, source)
	if err != nil {
		return nil, err
	}
	if err := d.Migrate(ctx); err != nil {
		d.Close()
		return nil, err
	}
	return d, nil
}

func openPostgres(ctx context.Context, source string) (*DB, error) {
	pool, err := sql.Open("pgx", source)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	pool.SetMaxOpenConns(20)
	pool.SetMaxIdleConns(10)
	pool.SetConnMaxIdleTime(5 * time.Minute)
	if err := pool.PingContext(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("connect postgres: %w", err)
	}
	return &DB{write: pool, read: pool, dialect: Postgres, source: source}, nil
}

func sqliteDSN(path string, readOnly bool) string {
	q := url.Values{}
	for _, p := range []string{"journal_mode(WAL)", "busy_timeout(10000)", "foreign_keys(1)", "synchronous(NORMAL)"} {
		q.Add("_pragma", p)
	}
	// SQLite's default page cache is 2 MB: with a million persons every index
	// insert and lookup would go to disk. The writer gets 256 MB (imports touch
	// many index pages), each reader 64 MB and a memory map of the file.
	if readOnly {
		q.Add("_pragma", "query_only(1)")
		q.Add("_pragma", "cache_size(-65536)")
		q.Add("_pragma", "mmap_size(1073741824)")
	} else {
		q.Add("_pragma", "cache_size(-262144)")
		// Checkpoint every ~40 MB of WAL instead of 4 MB: bulk imports copy pages
		// into the database file ten times less often.
		q.Add("_pragma", "wal_autocheckpoint(10000)")
		// BEGIN IMMEDIATE takes the write lock at the start of a transaction, so a
		// transaction never fails half way when it upgrades from read to write.
		q.Set("_txlock", "immediate")
	}
	return "file:" + path + "?" + q.Encode()
}

func openSQLite(ctx context.Context, path string) (*DB, error) {
	path = strings.TrimPrefix(path, "sqlite://")
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("create database folder: %w", err)
		}
	}
	write, err := sql.Open("sqlite", sqliteDSN(path, false))
	if err != nil {
		return nil, fmt.Errorf("open sqlite: %w", err)
	}
	write.SetMaxOpenConns(1)
	if err := write.PingContext(ctx); err != nil {
		write.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	read, err := sql.Open("sqlite", sqliteDSN(path, true))
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("open sqlite: %w", err)
	}
	read.SetMaxOpenConns(8)
	read.SetMaxIdleConns(8)
	return &DB{write: write, read: read, dialect: SQLite, source: path}, nil
}

// Close releases every connection.
func (d *DB) Close() error {
	err := d.write.Close()
	if d.read != d.write {
		err = errors.Join(err, d.read.Close())
	}
	return err
}

// Dialect tells which engine this is.
func (d *DB) Dialect() Dialect { return d.dialect }

// Source is the path or URL the database was opened from.
func (d *DB) Source() string { return d.source }

// Reader is the pool for queries outside a write transaction.
func (d *DB) Reader() *sql.DB { return d.read }

// Ping checks that the database answers (used by /healthz).
func (d *DB) Ping(ctx context.Context) error {
	var one int
	return d.read.QueryRowContext(ctx, "SELECT 1").Scan(&one)
}

// Tx runs fn in a write transaction, committing when fn returns nil and rolling
// back otherwise (also on panic), so a failure never leaves half a change behind.
func (d *DB) Tx(ctx context.Context, fn func(tx *sql.Tx) error) (err error) {
	tx, release, err := d.begin(ctx)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer release()
	defer func() {
		if p := recover(); p != nil {
			_ = tx.Rollback()
			panic(p)
		}
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	if err = fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// begin starts a write transaction. On PostgreSQL it holds a dedicated
// connection for it and remembers the pair (see InsertRows).
func (d *DB) begin(ctx context.Context) (*sql.Tx, func(), error) {
	if d.dialect != Postgres {
		tx, err := d.write.BeginTx(ctx, nil)
		return tx, func() {}, err
	}
	conn, err := d.write.Conn(ctx)
	if err != nil {
		return nil, nil, err
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		conn.Close()
		return nil, nil, err
	}
	d.txConns.Store(tx, conn)
	return tx, func() { d.txConns.Delete(tx); conn.Close() }, nil
}

// Analyze refreshes the query planner's statistics after a bulk load, so that it
// keeps choosing the right index. On SQLite it reads every row
// (analysis_limit 0): a sampled ANALYZE takes each index's first column,
// org_id, for nearly unique, and the planner then prefers a sort over the
// name index that serves the list's order.
func (d *DB) Analyze(ctx context.Context) error {
	if d.dialect == SQLite {
		if _, err := d.write.ExecContext(ctx, "PRAGMA analysis_limit = 0"); err != nil {
			return err
		}
	}
	_, err := d.write.ExecContext(ctx, "ANALYZE")
	return err
}

// InList is an SQL condition "column is one of values" that costs one parameter
// whatever the number of values, so that a statement for a batch of thousands
// is parsed as fast as one for a single row. n is the parameter's number; pass
// the returned argument in that position.
func (d *DB) InList(column string, n int, values []string) (string, any) {
	if d.dialect == Postgres {
		return fmt.Sprintf("%s = ANY($%d)", column, n), values
	}
	b, _ := json.Marshal(values)
	return fmt.Sprintf("%s IN (SELECT value FROM json_each($%d))", column, n), string(b)
}

// AnalyzeGrowing refreshes PostgreSQL's statistics of tables that a bulk load
// is filling, so that later batches are planned for their real size. SQLite
// needs none during a load: it plans its indexed lookups the same either way.
func (d *DB) AnalyzeGrowing(ctx context.Context, tables ...string) error {
	if d.dialect != Postgres {
		return nil
	}
	_, err := d.write.ExecContext(ctx, "ANALYZE "+strings.Join(tables, ", "))
	return err
}

// RowOrder is the last key of an ORDER BY that makes the order unique. On
// SQLite it is the rowid, which every index already ends with, so that an index
// in the list's order also settles ties and no sort is needed; PostgreSQL has
// no such column and settles ties by the id.
func (d *DB) RowOrder() string {
	if d.dialect == SQLite {
		return "rowid"
	}
	return "id"
}

// Unindexed marks a column in a WHERE term as one the planner must not look up
// by index. SQLite's planner, without histograms, takes any range on an
// indexed column for selective and prefers that index over the one that gives
// a list its order, then sorts most of the table to show fifty rows; a unary
// plus hides the index from it. PostgreSQL weighs ranges by its histograms.
func (d *DB) Unindexed(column string) string {
	if d.dialect == SQLite {
		return "+" + column
	}
	return column
}

// ForUpdate is the row-locking suffix for a SELECT inside a write transaction.
// SQLite needs none: its single writer already serialises write transactions.
func (d *DB) ForUpdate() string {
	if d.dialect == Postgres {
		return " FOR UPDATE"
	}
	return ""
}

// Backup writes a consistent copy of a SQLite database to out while it may be in
// use (VACUUM INTO reads one snapshot). PostgreSQL is backed up with pg_dump.
func (d *DB) Backup(ctx context.Context, out string) error {
	if d.dialect != SQLite {
		return ErrBackupPostgres
	}
	if _, err := os.Stat(out); err == nil {
		return fmt.Errorf("%s already exists; choose a new file name", out)
	}
	// The readers are query_only, which SQLite counts VACUUM INTO as breaking;
	// the writer reads one snapshot and other readers go on meanwhile.
	_, err := d.write.ExecContext(ctx, "VACUUM INTO $1", out)
	return err
}

// ErrBackupPostgres explains how a PostgreSQL database is backed up.
var ErrBackupPostgres = errors.New("backup of PostgreSQL: use pg_dump, e.g. pg_dump --format=custom --file=berdaya.dump \"$DATABASE_URL\"; restore with pg_restore")
