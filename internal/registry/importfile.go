package registry

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/csvio"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/i18n"
	"github.com/berdaya/berdaya/internal/xlsx"
)

// OpenFile opens an import file by its extension: .xlsx, or .csv/.txt (comma
// or semicolon, with or without a BOM). Other areas' imports read through it.
func OpenFile(path string) (RowSource, func() error, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx", ".xlsm":
		r, err := xlsx.Open(path)
		if err != nil {
			return nil, nil, errs.New(errs.Invalid, "import.err.unreadable")
		}
		return r, r.Close, nil
	case ".csv", ".txt":
		f, err := os.Open(path)
		if err != nil {
			return nil, nil, err
		}
		r, err := csvio.NewReader(bufio.NewReaderSize(f, 1<<20))
		if err != nil {
			f.Close()
			return nil, nil, errs.New(errs.Invalid, "import.err.unreadable")
		}
		return r, f.Close, nil
	}
	return nil, nil, errs.New(errs.Invalid, "import.err.file_type")
}

// CountRows estimates how many rows an import file holds, for progress bars (0
// when it cannot tell cheaply, as for .xlsx).
func CountRows(path string) int { return countLines(path) }

// countLines estimates a CSV's rows for progress displays (the header and any
// quoted line breaks make it an estimate).
func countLines(path string) int {
	if !strings.EqualFold(filepath.Ext(path), ".csv") {
		return 0
	}
	f, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	n := 0
	buf := make([]byte, 1<<20)
	for {
		k, err := f.Read(buf)
		n += bytes.Count(buf[:k], []byte{'\n'})
		if err != nil {
			return max(n-1, 0)
		}
	}
}

// rejectionBuffer keeps refused rows and writes them to the database in groups.
type rejectionBuffer struct {
	s       *Service
	orgID   string
	id      string
	pending []Rejection
	seq     int
}

func (b *rejectionBuffer) add(ctx context.Context, r Rejection) error {
	b.pending = append(b.pending, r)
	if len(b.pending) >= 500 {
		return b.flush(ctx)
	}
	return nil
}

func (b *rejectionBuffer) flush(ctx context.Context) error {
	if len(b.pending) == 0 {
		return nil
	}
	rows := make([][]any, len(b.pending))
	for i, r := range b.pending {
		b.seq++
		args, _ := json.Marshal(r.Args)
		rows[i] = []any{b.orgID, b.id, b.seq, r.Line, r.Column, r.Value, r.Reason, string(args)}
	}
	b.pending = b.pending[:0]
	return b.s.db.Tx(ctx, func(tx *sql.Tx) error {
		return b.s.db.InsertRows(ctx, tx, "import_rejections", []string{"org_id", "import_id", "seq", "line", "col", "value", "reason", "args"}, rows)
	})
}

// ImportFile imports a .csv or .xlsx file from disk. name is what the person
// called the file (uploads arrive under a temporary name). Refused rows are kept
// for the error report (see WriteRejections).
func (s *Service) ImportFile(ctx context.Context, p access.Principal, path, name string, progress func(ImportResult)) (ImportResult, error) {
	return s.importFile(ctx, p, path, name, progress, nil)
}

// StartImportFile checks a file and starts importing it in the background; it
// returns the job's ID once the job is recorded, or the error that stopped it
// before any row (an unreadable file, missing columns). done, when not nil, is
// called when the import ends. The import outlives the request that started it.
func (s *Service) StartImportFile(ctx context.Context, p access.Principal, path, name string, done func(ImportResult, error)) (string, error) {
	started := make(chan string, 1)
	failed := make(chan error, 1)
	go func() {
		res, err := s.importFile(context.WithoutCancel(ctx), p, path, name, nil, func(id string) { started <- id })
		if res.ID == "" {
			failed <- err
		}
		if done != nil {
			done(res, err)
		}
	}()
	select {
	case id := <-started:
		return id, nil
	case err := <-failed:
		return "", err
	}
}

func (s *Service) importFile(ctx context.Context, p access.Principal, path, name string, progress func(ImportResult), onStart func(string)) (ImportResult, error) {
	src, closeSrc, err := OpenFile(path)
	if err != nil {
		return ImportResult{}, err
	}
	defer closeSrc()
	if name == "" {
		name = filepath.Base(path)
	}
	buf := &rejectionBuffer{s: s, orgID: p.OrgID}
	opts := ImportOptions{FileName: name, TotalRows: countLines(path), Progress: progress}
	opts.OnReject = func(r Rejection) error { return buf.add(ctx, r) }
	opts.started = func(id string) {
		buf.id = id
		if onStart != nil {
			onStart(id)
		}
	}
	opts.settle = buf.flush
	return s.Import(ctx, p, src, opts)
}

// ImportJob returns a recorded import of p's organisation.
func (s *Service) ImportJob(ctx context.Context, p access.Principal, id string) (ImportJob, error) {
	if err := p.Require(access.ImportRecords); err != nil {
		return ImportJob{}, err
	}
	j, err := s.store.importJob(ctx, p.OrgID, id)
	if errorsIsNoRows(err) || (err == nil && !canSeeImport(p, j)) {
		return ImportJob{}, errs.New(errs.NotFound, "import.err.not_found")
	}
	return j, err
}

// canSeeImport: facilitators see their own imports; managers and admins also
// those run by people whose scope lies inside theirs (an error report holds
// the identifiers of the rows it refused).
func canSeeImport(p access.Principal, j ImportJob) bool {
	return j.UserID == p.UserID || (p.Can(access.MergeRecords) && p.Covers(j.Scope))
}

// RecentImports lists the organisation's latest imports visible to p.
func (s *Service) RecentImports(ctx context.Context, p access.Principal, limit int) ([]ImportJob, error) {
	if err := p.Require(access.ImportRecords); err != nil {
		return nil, err
	}
	return s.store.recentImports(ctx, p.OrgID, p.UserID, p.Scope, p.Can(access.MergeRecords), limit)
}

// ReportHeader is the error report's header row, by language.
func ReportHeader(lang string) []string {
	return []string{i18n.T(lang, "import.report.line"), i18n.T(lang, "import.report.column"), i18n.T(lang, "import.report.value"), i18n.T(lang, "import.report.reason")}
}

// WriteRejections streams an import's refused rows, translated into lang, to
// write (one call per row, header first).
func (s *Service) WriteRejections(ctx context.Context, p access.Principal, importID, lang string, write func([]string) error) error {
	if _, err := s.ImportJob(ctx, p, importID); err != nil {
		return err
	}
	if err := write(ReportHeader(lang)); err != nil {
		return err
	}
	return s.store.eachRejection(ctx, p.OrgID, importID, func(r Rejection) error {
		return write([]string{fmt.Sprint(r.Line), r.Column, r.Value, i18n.T(lang, r.Reason, r.Args...)})
	})
}

// TemplateRows are the import template: the header and one example row.
func TemplateRows() [][]string {
	example := make([]string, len(Columns))
	for i, c := range Columns {
		example[i] = c.Example
	}
	return [][]string{HeaderNames(), example}
}
