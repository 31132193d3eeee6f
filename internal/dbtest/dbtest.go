// Package dbtest gives tests a fresh, migrated database with the regions loaded,
// on SQLite always and on PostgreSQL when BERDAYA_TEST_POSTGRES names a server
// (an admin URL such as postgres://postgres@127.0.0.1:5432/postgres). Each test
// gets its own copy of a template built once per test binary, so a test starts in
// milliseconds and no test sees another's data.
package dbtest

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/region"
)

// PostgresEnv is the variable that turns on the PostgreSQL runs.
const PostgresEnv = "BERDAYA_TEST_POSTGRES"

var (
	workDir   string
	tplOnce   = map[db.Dialect]*sync.Once{db.SQLite: {}, db.Postgres: {}}
	tplErr    = map[db.Dialect]error{}
	tplName   string // PostgreSQL template database
	tplSQLite string
)

// Main runs a package's tests and then removes the templates; call it from TestMain.
func Main(m *testing.M) {
	dir, err := os.MkdirTemp("", "berdaya-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	workDir = dir
	code := m.Run()
	if tplName != "" {
		_ = adminExec(context.Background(), "DROP DATABASE IF EXISTS "+tplName)
	}
	os.RemoveAll(dir)
	os.Exit(code)
}

// Dialects lists the engines tests run on here.
func Dialects() []db.Dialect {
	if os.Getenv(PostgresEnv) != "" {
		return []db.Dialect{db.SQLite, db.Postgres}
	}
	return []db.Dialect{db.SQLite}
}

// Each runs fn as a subtest on every engine, each with a fresh database.
func Each(t *testing.T, fn func(t *testing.T, d *db.DB)) {
	t.Helper()
	for _, dialect := range Dialects() {
		t.Run(string(dialect), func(t *testing.T) { fn(t, Open(t, dialect)) })
	}
}

// Open returns a fresh migrated database with regions, closed and removed when
// the test ends.
func Open(t testing.TB, dialect db.Dialect) *db.DB {
	t.Helper()
	source := Source(t, dialect)
	d, err := db.Open(context.Background(), source)
	if err != nil {
		t.Fatalf("open test database: %v", err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

// Source makes a fresh database from the template and returns its --db value.
func Source(t testing.TB, dialect db.Dialect) string {
	t.Helper()
	if workDir == "" {
		t.Fatal("dbtest: call dbtest.Main(m) from TestMain")
	}
	tplOnce[dialect].Do(func() { tplErr[dialect] = buildTemplate(dialect) })
	if err := tplErr[dialect]; err != nil {
		t.Fatalf("build %s template: %v", dialect, err)
	}
	if dialect == db.SQLite {
		path := filepath.Join(t.TempDir(), "berdaya.db")
		if err := copyFile(tplSQLite, path); err != nil {
			t.Fatal(err)
		}
		return path
	}
	name := fmt.Sprintf("berdaya_t_%d_%d", os.Getpid(), time.Now().UnixNano())
	if err := adminExec(context.Background(), "CREATE DATABASE "+name+" TEMPLATE "+tplName); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() { _ = adminExec(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)") })
	return withDatabase(os.Getenv(PostgresEnv), name)
}

// EmptySource makes a fresh database with no schema at all (for migration tests)
// and returns its --db value.
func EmptySource(t testing.TB, dialect db.Dialect) string {
	t.Helper()
	if dialect == db.SQLite {
		return filepath.Join(t.TempDir(), "empty.db")
	}
	name := fmt.Sprintf("berdaya_e_%d_%d", os.Getpid(), time.Now().UnixNano())
	if err := adminExec(context.Background(), "CREATE DATABASE "+name); err != nil {
		t.Fatalf("create empty database: %v", err)
	}
	t.Cleanup(func() { _ = adminExec(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)") })
	return withDatabase(os.Getenv(PostgresEnv), name)
}

func buildTemplate(dialect db.Dialect) error {
	ctx := context.Background()
	var source string
	if dialect == db.SQLite {
		tplSQLite = filepath.Join(workDir, "template.db")
		source = tplSQLite
	} else {
		tplName = fmt.Sprintf("berdaya_tpl_%d_%d", os.Getpid(), time.Now().UnixNano())
		if err := adminExec(ctx, "CREATE DATABASE "+tplName); err != nil {
			return err
		}
		source = withDatabase(os.Getenv(PostgresEnv), tplName)
	}
	d, err := db.OpenAndMigrate(ctx, source)
	if err != nil {
		return err
	}
	defer d.Close()
	// Closing the last connection folds SQLite's WAL into the main file, so a
	// plain copy of that file is a complete database.
	return region.NewService(d).EnsureLoaded(ctx)
}

// adminExec runs one statement on the PostgreSQL server named by PostgresEnv.
func adminExec(ctx context.Context, stmt string) error {
	admin, err := sql.Open("pgx", os.Getenv(PostgresEnv))
	if err != nil {
		return err
	}
	defer admin.Close()
	_, err = admin.ExecContext(ctx, stmt)
	return err
}

// withDatabase swaps the database name in a postgres:// URL.
func withDatabase(rawURL, name string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return rawURL
	}
	u.Path = "/" + strings.TrimPrefix(name, "/")
	return u.String()
}

func copyFile(from, to string) error {
	src, err := os.Open(from)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		return err
	}
	return dst.Close()
}
