package registry

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/region"
)

// RowSource is an import file read row by row (csvio.Reader and xlsx.Reader
// satisfy it). Next returns io.EOF after the last row.
type RowSource interface {
	Header() []string
	Next() (line int, cells []string, err error)
}

// Rejection is one reason a row was refused: its line in the file, the column
// as headed in the file, the value found and a message key (with arguments).
type Rejection struct {
	Line   int    `json:"line"`
	Column string `json:"column"`
	Value  string `json:"value"`
	Reason string `json:"reason"`
	Args   []any  `json:"args,omitempty"`
}

// ImportResult counts what an import did.
type ImportResult struct {
	ID        string `json:"id"`
	Rows      int    `json:"rows"`
	Imported  int    `json:"imported"`
	Updated   int    `json:"updated"`
	Unchanged int    `json:"unchanged"`
	Rejected  int    `json:"rejected"`
}

// ImportOptions tune an import and receive its progress.
type ImportOptions struct {
	FileName  string
	TotalRows int // for progress displays; 0 when unknown
	BatchSize int // rows per transaction; default DefaultBatch
	// BulkMin is the size (TotalRows) from which an import into a table at
	// most half its size drops the list indexes and builds them at the end;
	// default BulkLoadMin.
	BulkMin  int
	OnReject func(Rejection) error // receives every refused row's reasons, in order
	Progress func(ImportResult)    // called after every committed batch
	started  func(id string)       // learns the job's ID before the first row
	// settle stores what OnReject holds back, before the job is marked done,
	// so that a finished job's error report is complete.
	settle func(context.Context) error
}

// analyzeAfter is how many new persons make an import refresh the planner's
// statistics.
const analyzeAfter = 10000

// DefaultBatch is how many rows one import transaction holds: big enough to
// amortise the commit, small enough that a crash loses little work.
const DefaultBatch = 5000

// importRow is a row that passed the checks and waits for its batch.
type importRow struct {
	line      int
	household Household
	person    Person
	hash      string
}

// importer carries one import's state.
type importer struct {
	s         *Service
	p         access.Principal
	opts      ImportOptions
	columns   []string // canonical column per file column ("" = ignored)
	headers   []string // the file's own headers, for messages
	villages  map[string]bool
	districts map[string]bool
	seenNIK   map[string]int // NIK -> first line, to refuse duplicates within the file
	result    ImportResult
	batch     []importRow
	today     time.Time
}

// Import reads persons from src and stores them: new NIKs are created, changed
// rows update their person (audited), unchanged rows are left alone, and every
// refused row is reported through opts.OnReject. Rows are committed in batches,
// so a crash keeps whole batches only, and running the same file again
// completes the work without duplicating anything.
func (s *Service) Import(ctx context.Context, p access.Principal, src RowSource, opts ImportOptions) (ImportResult, error) {
	if err := p.Require(access.ImportRecords); err != nil {
		return ImportResult{}, err
	}
	im, err := s.newImporter(ctx, p, src.Header(), opts)
	if err != nil {
		return ImportResult{}, err
	}
	if err := s.startImport(ctx, p, im); err != nil {
		return im.result, err
	}
	if opts.started != nil {
		opts.started(im.result.ID)
	}
	bulk, err := s.bulkLoadFor(ctx, im.opts)
	if err != nil {
		return im.result, errors.Join(err, s.finishImport(ctx, p, im.result, err))
	}
	err = im.run(ctx, src)
	if bulk {
		err = errors.Join(err, s.endBulkLoad(ctx))
	}
	if opts.settle != nil {
		err = errors.Join(err, opts.settle(context.WithoutCancel(ctx)))
	}
	err = errors.Join(err, s.finishImport(ctx, p, im.result, err))
	if err == nil && im.result.Imported >= analyzeAfter {
		// A large load changes the tables' shape; fresh statistics keep lists fast.
		err = s.db.Analyze(ctx)
	}
	return im.result, err
}

func (s *Service) newImporter(ctx context.Context, p access.Principal, header []string, opts ImportOptions) (*importer, error) {
	if opts.BatchSize <= 0 {
		opts.BatchSize = DefaultBatch
	}
	if opts.BulkMin <= 0 {
		opts.BulkMin = BulkLoadMin
	}
	if opts.OnReject == nil {
		opts.OnReject = func(Rejection) error { return nil }
	}
	im := &importer{s: s, p: p, opts: opts, headers: header, seenNIK: map[string]int{}, today: s.today()}
	if err := im.mapColumns(header); err != nil {
		return nil, err
	}
	var err error
	if im.villages, err = s.regions.CodeSet(ctx, region.Village); err != nil {
		return nil, err
	}
	if im.districts, err = s.regions.CodeSet(ctx, region.District); err != nil {
		return nil, err
	}
	im.result.ID = newID()
	return im, nil
}

// mapColumns matches the file's headers to the canonical columns and refuses a
// file that lacks a required one (nothing is imported then).
func (im *importer) mapColumns(header []string) error {
	im.columns = make([]string, len(header))
	have := map[string]bool{}
	for i, h := range header {
		c := ColumnFor(h)
		if c != "" && have[c] {
			return errs.New(errs.Invalid, "import.err.duplicate_column", h)
		}
		im.columns[i], have[c] = c, true
	}
	var missing []string
	for _, c := range Columns {
		if c.Required && !have[c.Name] {
			missing = append(missing, c.Name)
		}
	}
	if len(missing) > 0 {
		return errs.New(errs.Invalid, "import.err.missing_columns", strings.Join(missing, ", "))
	}
	return nil
}

// parsed is one batch of checked rows, with the rejections met while reading
// them, on its way from the reader to the writer.
type parsed struct {
	rows     []importRow
	rejected []Rejection
	refused  int // rows refused; a row may have several rejections
	read     int // rows read
}

// refuse records a row refused for the given reasons.
func (b *parsed) refuse(rs ...Rejection) {
	b.refused++
	b.rejected = append(b.rejected, rs...)
}

// run reads and checks the rows in one goroutine while this one writes the
// batches: parsing and hashing then cost no time on a machine with two cores.
func (im *importer) run(ctx context.Context, src RowSource) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan parsed, 1)
	readErr := make(chan error, 1)
	go func() { readErr <- im.read(ctx, src, batches) }()
	for b := range batches {
		if err := im.apply(ctx, b); err != nil {
			cancel()
			for range batches {
			}
			<-readErr
			return err
		}
	}
	return <-readErr
}

// read turns the file's rows into batches; it closes out when it stops.
func (im *importer) read(ctx context.Context, src RowSource, out chan<- parsed) error {
	defer close(out)
	b := parsed{}
	send := func() error {
		select {
		case out <- b:
			b = parsed{}
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		line, cells, err := src.Next()
		if errors.Is(err, io.EOF) {
			return send()
		}
		if err != nil {
			return fmt.Errorf("read line %d: %w", line, err)
		}
		b.read++
		if err := im.take(&b, line, cells); err != nil {
			return err
		}
		if len(b.rows) >= im.opts.BatchSize {
			if err := send(); err != nil {
				return err
			}
		}
	}
}

// apply reports a batch's rejections and commits its rows.
func (im *importer) apply(ctx context.Context, b parsed) error {
	im.result.Rows += b.read
	im.result.Rejected += b.refused
	for _, r := range b.rejected {
		if err := im.opts.OnReject(r); err != nil {
			return err
		}
	}
	im.batch = b.rows
	return im.flush(ctx)
}

// take checks one row and queues it in b, or records why it is refused.
func (im *importer) take(b *parsed, line int, cells []string) error {
	in := im.input(cells)
	h, person, err := in.Parse(im.today)
	if err != nil {
		// Report an unknown village too, so the clerk fixes the row in one go.
		if e, ok := errs.As(err); ok && e.Fields["village_code"] == "" && !im.villages[person.VillageCode] {
			e.Field("village_code", "person.err.village_unknown")
		}
		return im.reject(b, line, in, err)
	}
	if reason, field := im.placeProblem(&person); reason != "" {
		return im.reject(b, line, in, errs.New(errs.Invalid, reason).Field(field, reason))
	}
	if first, dup := im.seenNIK[person.NIK]; dup {
		b.refuse(Rejection{Line: line, Column: im.header("nik"), Value: in.NIK, Reason: "import.err.nik_twice", Args: []any{first}})
		return nil
	}
	im.seenNIK[person.NIK] = line
	b.rows = append(b.rows, importRow{line: line, household: h, person: person, hash: contentHash(h, person)})
	return nil
}

// placeProblem checks the village against the catalogue and the scope, and flags
// an unknown NIK region, without a query per row.
func (im *importer) placeProblem(person *Person) (string, string) {
	if !im.villages[person.VillageCode] {
		return "person.err.village_unknown", "village_code"
	}
	if !im.p.Covers(person.VillageCode) {
		return "err.out_of_scope", "village_code"
	}
	if len(person.NIK) == 16 {
		d := person.NIK[0:2] + "." + person.NIK[2:4] + "." + person.NIK[4:6]
		if !im.districts[d] {
			person.Flags = append(person.Flags, FlagNIKRegionUnknown)
		}
	}
	return "", ""
}

func (im *importer) input(cells []string) PersonInput {
	get := func(col string) string {
		for i, c := range im.columns {
			if c == col && i < len(cells) {
				return cells[i]
			}
		}
		return ""
	}
	return PersonInput{NIK: get("nik"), KK: get("no_kk"), Name: get("nama"), Sex: get("jenis_kelamin"),
		BirthDate: get("tanggal_lahir"), Relationship: get("hubungan"), VillageCode: get("kode_wilayah"),
		Address: get("alamat"), TargetGroup: get("kelompok_sasaran"), Education: get("pendidikan"),
		Occupation: get("pekerjaan"), Disability: get("disabilitas"), Phone: get("telepon"),
		Consent: get("persetujuan"), ConsentDate: get("tanggal_persetujuan")}
}

// header returns the file's own header for a canonical column.
func (im *importer) header(col string) string {
	for i, c := range im.columns {
		if c == col {
			return im.headers[i]
		}
	}
	return col
}

// fieldValue returns the raw input of a PersonInput field by its JSON name.
func fieldValue(in PersonInput, field string) string {
	switch field {
	case "nik":
		return in.NIK
	case "kk":
		return in.KK
	case "name":
		return in.Name
	case "sex":
		return in.Sex
	case "birth_date":
		return in.BirthDate
	case "relationship":
		return in.Relationship
	case "village_code":
		return in.VillageCode
	case "target_group":
		return in.TargetGroup
	case "consent":
		return in.Consent
	case "consent_date":
		return in.ConsentDate
	}
	return ""
}

// reject records every field problem of a row, in column order.
func (im *importer) reject(b *parsed, line int, in PersonInput, err error) error {
	e, ok := errs.As(err)
	if !ok {
		return err
	}
	fields := make([]string, 0, len(e.Fields))
	for f := range e.Fields {
		fields = append(fields, f)
	}
	slices.SortFunc(fields, func(a, b string) int { return columnIndex(FieldColumns[a]) - columnIndex(FieldColumns[b]) })
	rs := make([]Rejection, len(fields))
	for i, f := range fields {
		rs[i] = Rejection{Line: line, Column: im.header(FieldColumns[f]), Value: fieldValue(in, f), Reason: e.Fields[f]}
	}
	b.refuse(rs...)
	return nil
}

// rejectWith reports a row refused while its batch was written.
func (im *importer) rejectWith(r Rejection) error {
	im.result.Rejected++
	return im.opts.OnReject(r)
}

func columnIndex(name string) int {
	for i, c := range Columns {
		if c.Name == name {
			return i
		}
	}
	return len(Columns)
}
