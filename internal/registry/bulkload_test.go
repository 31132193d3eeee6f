package registry

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/dbtest"
)

// TestListIndexesMatchTheMigrations keeps the indexes a bulk import rebuilds
// identical to the ones the migrations make: a drift would leave a database
// with other indexes after its first large import.
func TestListIndexesMatchTheMigrations(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		for _, ix := range listIndexes {
			def := indexDefinition(t, d, ix.name)
			want := "(" + ix.columns + ")"
			if !strings.Contains(def, " ON "+ix.table+" ") && !strings.Contains(def, " ON public."+ix.table+" ") {
				t.Errorf("index %s is on another table: %s", ix.name, def)
			}
			partial := strings.Contains(def, " WHERE ")
			if !strings.Contains(def, want) || partial != ix.live || (partial && !strings.Contains(def, "merged_into = ''")) {
				t.Errorf("index %s = %q, the bulk load would rebuild it as %s", ix.name, def, ix.createSQL())
			}
		}
	})
}

var spaces = regexp.MustCompile(`\s+`)

func indexDefinition(t *testing.T, d *db.DB, name string) string {
	t.Helper()
	q := "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = $1"
	if d.Dialect() == db.Postgres {
		q = "SELECT replace(indexdef, ' USING btree', '') FROM pg_indexes WHERE indexname = $1"
	}
	var def string
	if err := d.Reader().QueryRowContext(context.Background(), q, name).Scan(&def); err != nil {
		t.Fatalf("index %s: %v", name, err)
	}
	return spaces.ReplaceAllString(def, " ")
}
