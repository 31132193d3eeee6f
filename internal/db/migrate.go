package db

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"testing/fstest"

	"github.com/pressly/goose/v3"
)

// migrationFiles holds the portable migrations in common/ and, where an engine
// needs its own SQL (triggers), a file of the same version in sqlite/ or postgres/.
//
//go:embed migrations
var migrationFiles embed.FS

// migrationsFor merges the common files with the engine's own into one flat folder,
// the shape goose reads.
func migrationsFor(d Dialect) (fs.FS, error) {
	merged := fstest.MapFS{}
	for _, dir := range []string{"common", string(d)} {
		root := path.Join("migrations", dir)
		entries, err := fs.ReadDir(migrationFiles, root)
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			body, err := fs.ReadFile(migrationFiles, path.Join(root, e.Name()))
			if err != nil {
				return nil, err
			}
			merged[e.Name()] = &fstest.MapFile{Data: body, Mode: 0o444}
		}
	}
	return merged, nil
}

func (d *DB) provider() (*goose.Provider, error) {
	files, err := migrationsFor(d.dialect)
	if err != nil {
		return nil, err
	}
	dialect := goose.DialectSQLite3
	if d.dialect == Postgres {
		dialect = goose.DialectPostgres
	}
	return goose.NewProvider(dialect, d.write, files)
}

// Migrate applies every pending migration, each in its own transaction.
func (d *DB) Migrate(ctx context.Context) error {
	p, err := d.provider()
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return nil
}

// MigrationStatus lists each migration with whether it has been applied.
func (d *DB) MigrationStatus(ctx context.Context) ([]string, error) {
	p, err := d.provider()
	if err != nil {
		return nil, err
	}
	status, err := p.Status(ctx)
	if err != nil {
		return nil, err
	}
	lines := make([]string, 0, len(status))
	for _, s := range status {
		lines = append(lines, fmt.Sprintf("%s %s", s.Source.Path, s.State))
	}
	return lines, nil
}
