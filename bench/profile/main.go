// Command profile runs the registry importer (and optionally a few list
// queries) in-process under the CPU profiler, since the berdaya binary has no
// profiling flag.
//
//	go run ./bench/profile --db /tmp/p.db --csv persons.csv --cpuprofile import.pprof
//	go tool pprof -top -nodecount=40 import.pprof
//
// On an empty database it creates the organisation and an admin first. With
// --list FILTERS.txt (one URL query string per line, as sent to
// /api/v1/persons) it times each list query through registry.ListPersons
// instead of importing, so a query's cost can be seen without HTTP.
package main

import (
	"bufio"
	"context"
	"database/sql"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/app"
	"github.com/berdaya/berdaya/internal/auth"
	"github.com/berdaya/berdaya/internal/csvio"
	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/registry"
)

func main() {
	dbURL := flag.String("db", "", "database: SQLite path or postgres:// URL")
	csvPath := flag.String("csv", "", "person import file to import")
	listPath := flag.String("list", "", "file of list query strings to time instead of importing")
	repeat := flag.Int("repeat", 3, "with --list: times each query is run (the best is printed)")
	cpu := flag.String("cpuprofile", "", "write a CPU profile here")
	cacheMiB := flag.Int("sqlite-cache-mib", 0, "what-if: set the SQLite writer's page cache to this many MiB (0 = as berdaya opens it)")
	analyzeAt := flag.String("pg-analyze-at", "", "what-if: on PostgreSQL, run ANALYZE households, persons once the import has passed each of these row counts (comma-separated)")
	batch := flag.Int("batch", 0, "what-if: rows per import transaction (0 = berdaya's default)")
	flag.Parse()
	if *dbURL == "" || (*csvPath == "") == (*listPath == "") {
		fmt.Fprintln(os.Stderr, "profile: --db and exactly one of --csv or --list are required")
		os.Exit(2)
	}
	if err := run(*dbURL, *csvPath, *listPath, *repeat, *cpu, *cacheMiB, *analyzeAt, *batch); err != nil {
		fmt.Fprintln(os.Stderr, "profile:", err)
		os.Exit(1)
	}
}

func run(dbURL, csvPath, listPath string, repeat int, cpu string, cacheMiB int, analyzeAt string, batch int) error {
	ctx := context.Background()
	m, err := app.Open(ctx, dbURL, nil)
	if err != nil {
		return err
	}
	defer m.Close()
	has, err := m.Auth.HasUsers(ctx)
	if err != nil {
		return err
	}
	if !has {
		if _, _, err := m.Auth.Bootstrap(ctx, "", auth.NewUser{Username: "admin", Password: "rahasia-123"}); err != nil {
			return err
		}
	}
	if cacheMiB > 0 && m.DB.Dialect() == db.SQLite {
		// The writer pool holds one connection, so the setting stays with it.
		err := m.DB.Tx(ctx, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA cache_size = -%d", cacheMiB*1024))
			return err
		})
		if err != nil {
			return err
		}
	}
	p, err := m.System(ctx, "")
	if err != nil {
		return err
	}
	if cpu != "" {
		f, err := os.Create(cpu)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	if csvPath != "" {
		var marks []int
		for _, f := range strings.Split(analyzeAt, ",") {
			if n, err := strconv.Atoi(strings.TrimSpace(f)); err == nil && m.DB.Dialect() == db.Postgres {
				marks = append(marks, n)
			}
		}
		var progressErr error
		progress := func(r registry.ImportResult) {
			done := r.Imported + r.Updated + r.Unchanged + r.Rejected
			for len(marks) > 0 && done >= marks[0] {
				marks = marks[1:]
				t := time.Now()
				if _, err := m.DB.Reader().ExecContext(ctx, "ANALYZE households, persons"); err != nil && progressErr == nil {
					progressErr = err
				}
				fmt.Printf("ANALYZE at %d rows took %.2f s\n", done, time.Since(t).Seconds())
			}
		}
		start := time.Now()
		var res registry.ImportResult
		if batch > 0 {
			res, err = importBatched(ctx, m, p, csvPath, batch, progress)
		} else {
			res, err = m.Registry.ImportFile(ctx, p, csvPath, filepath.Base(csvPath), progress)
		}
		if err == nil {
			err = progressErr
		}
		if err != nil {
			return err
		}
		d := time.Since(start)
		fmt.Printf("imported %d, updated %d, unchanged %d, rejected %d in %.2f s (%.0f rows/s)\n",
			res.Imported, res.Updated, res.Unchanged, res.Rejected, d.Seconds(), float64(res.Rows)/d.Seconds())
		return nil
	}
	f, err := os.Open(listPath)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		flt, err := filterOf(strings.TrimPrefix(line, "/api/v1/persons?"))
		if err != nil {
			return fmt.Errorf("%s: %w", line, err)
		}
		best, total := time.Duration(1<<62), 0
		for range max(repeat, 1) {
			t := time.Now()
			page, err := m.Registry.ListPersons(ctx, p, flt)
			if err != nil {
				return fmt.Errorf("%s: %w", line, err)
			}
			best, total = min(best, time.Since(t)), page.Total
		}
		fmt.Printf("%9.1f ms  total %7d  %s\n", float64(best.Microseconds())/1000, total, line)
	}
	return sc.Err()
}

// filterOf reads the API's list parameters (as internal/web does).
func filterOf(raw string) (registry.Filter, error) {
	q, err := url.ParseQuery(raw)
	if err != nil {
		return registry.Filter{}, err
	}
	num := func(k string) int { n, _ := strconv.Atoi(q.Get(k)); return n }
	return registry.Filter{Region: q.Get("region"), TargetGroup: registry.TargetGroup(q.Get("target_group")),
		Sex: registry.Sex(q.Get("sex")), AgeMin: num("age_min"), AgeMax: num("age_max"), Flag: q.Get("flag"),
		Query: q.Get("q"), Sort: q.Get("sort"), Desc: q.Get("desc") == "1" || q.Get("desc") == "true",
		Page: num("page"), PerPage: num("per_page")}, nil
}

// importBatched imports a CSV through registry.Import with another batch size
// (refused rows are counted but not kept).
func importBatched(ctx context.Context, m *app.Main, p access.Principal, path string, batch int, progress func(registry.ImportResult)) (registry.ImportResult, error) {
	f, err := os.Open(path)
	if err != nil {
		return registry.ImportResult{}, err
	}
	defer f.Close()
	src, err := csvio.NewReader(bufio.NewReaderSize(f, 1<<20))
	if err != nil {
		return registry.ImportResult{}, err
	}
	return m.Registry.Import(ctx, p, src, registry.ImportOptions{FileName: filepath.Base(path), BatchSize: batch, Progress: progress})
}
