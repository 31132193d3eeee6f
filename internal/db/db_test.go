package db_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/dbtest"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

func TestMigrationsOnEveryEngine(t *testing.T) {
	for _, dialect := range dbtest.Dialects() {
		t.Run(string(dialect), func(t *testing.T) {
			ctx := context.Background()
			source := dbtest.EmptySource(t, dialect)
			d, err := db.OpenAndMigrate(ctx, source)
			if err != nil {
				t.Fatal(err)
			}
			defer d.Close()
			if d.Dialect() != dialect {
				t.Fatalf("dialect = %s", d.Dialect())
			}
			status, err := d.MigrationStatus(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(status) < 2 {
				t.Fatalf("status = %v", status)
			}
			for _, line := range status {
				if !strings.HasSuffix(line, "applied") {
					t.Errorf("not applied: %s", line)
				}
			}
			// Migrating again changes nothing and does not fail.
			if err := d.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			for _, table := range []string{"regions", "orgs", "users", "usernames", "sessions", "api_tokens", "setup_tokens", "audit_heads", "audit_log", "app_meta"} {
				var n int
				if err := d.Reader().QueryRowContext(ctx, "SELECT COUNT(*) FROM "+table).Scan(&n); err != nil {
					t.Errorf("table %s: %v", table, err)
				}
			}
		})
	}
}

func TestTxRollsBackAndMapsUniqueViolations(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		insert := func(tx *sql.Tx, key string) error {
			_, err := tx.ExecContext(ctx, "INSERT INTO app_meta (key, value) VALUES ($1, $2)", key, "v")
			return err
		}
		err := d.Tx(ctx, func(tx *sql.Tx) error {
			if err := insert(tx, "a"); err != nil {
				return err
			}
			return insert(tx, "a") // duplicate: the whole transaction must go
		})
		if !db.IsUniqueViolation(err) {
			t.Fatalf("duplicate key error = %v, want a unique violation", err)
		}
		var n int
		if err := d.Reader().QueryRowContext(ctx, "SELECT COUNT(*) FROM app_meta WHERE key = 'a'").Scan(&n); err != nil || n != 0 {
			t.Errorf("after rollback %d rows (%v), want 0", n, err)
		}
		func() {
			defer func() { recover() }()
			d.Tx(ctx, func(tx *sql.Tx) error {
				insert(tx, "b")
				panic("boom")
			})
		}()
		if err := d.Reader().QueryRowContext(ctx, "SELECT COUNT(*) FROM app_meta WHERE key = 'b'").Scan(&n); err != nil || n != 0 {
			t.Errorf("after panic %d rows (%v), want 0", n, err)
		}
		if err := d.Ping(ctx); err != nil {
			t.Errorf("ping after panic: %v", err)
		}
	})
}

func TestBackupRefusesPostgres(t *testing.T) {
	for _, dialect := range dbtest.Dialects() {
		if dialect != db.Postgres {
			continue
		}
		d := dbtest.Open(t, dialect)
		if err := d.Backup(context.Background(), t.TempDir()+"/x.db"); err != db.ErrBackupPostgres {
			t.Errorf("backup on PostgreSQL = %v, want the pg_dump guidance", err)
		}
	}
}
