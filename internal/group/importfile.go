package group

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/programme"
	"github.com/berdaya/berdaya/internal/registry"
)

// ImportColumns are the columns of a groups-and-members file: one row per
// member, with the group's details repeated (only the first row of a new
// group needs them). Headers as in the person import: case and spacing
// ignored, Indonesian or English.
var ImportColumns = []registry.Column{
	{Name: "kelompok", Aliases: []string{"group", "nama_kelompok", "group_name"}, Required: true, Example: "KSP Mekar Sari"},
	{Name: "jenis", Aliases: []string{"type", "jenis_kelompok", "group_type"}, Example: "ksp"},
	{Name: "bidang_usaha", Aliases: []string{"business_field", "usaha"}, Example: "daur_ulang"},
	{Name: "kode_wilayah", Aliases: []string{"village_code", "kode_desa"}, Example: "32.04.05.2001"},
	{Name: "alamat", Aliases: []string{"address"}, Example: "RW 05"},
	{Name: "nik", Aliases: []string{"nik_anggota", "member_nik"}, Required: true, Example: "3204054107850003"},
	{Name: "peran", Aliases: []string{"role", "status_anggota"}, Example: "member"},
	{Name: "tanggal_masuk", Aliases: []string{"joined", "tgl_masuk", "join_date"}, Example: "01/03/2026"},
}

// ImportResult counts what a groups import did.
type ImportResult struct {
	Rows      int `json:"rows"`
	Groups    int `json:"groups_created"`
	Members   int `json:"members_added"`
	Unchanged int `json:"unchanged"`
	Rejected  int `json:"rejected"`
}

// importFieldColumns names the file column a domain error's field came from.
var importFieldColumns = map[string]string{"name": "kelompok", "type": "jenis", "business_field": "bidang_usaha",
	"village_code": "kode_wilayah", "address": "alamat", "person_id": "nik", "nik": "nik", "role": "peran", "joined": "tanggal_masuk",
	"settlement": "jenis", "group": "kelompok"}

// groupImport carries one import's state.
type groupImport struct {
	s        *Service
	p        access.Principal
	progID   string
	header   []string
	columns  []string // canonical column per file column
	groups   map[string]Group
	members  map[string]map[string]bool // group id -> active person ids
	onReject func(registry.Rejection) error
	result   ImportResult
}

// ImportMembers reads groups and their members into a programme: a group named
// in the file is made the first time it appears, a member is added unless
// already active, and every refused row is reported with its line, column and
// reason. Each row is its own transaction, so running the file again adds
// only what is missing.
func (s *Service) ImportMembers(ctx context.Context, p access.Principal, programmeID string, src registry.RowSource, onReject func(registry.Rejection) error) (ImportResult, error) {
	if err := p.Require(access.WriteRecords); err != nil {
		return ImportResult{}, err
	}
	im := &groupImport{s: s, p: p, progID: programmeID, header: src.Header(), onReject: onReject, members: map[string]map[string]bool{}}
	if err := im.mapColumns(); err != nil {
		return ImportResult{}, err
	}
	if err := im.loadGroups(ctx); err != nil {
		return ImportResult{}, err
	}
	for {
		line, cells, err := src.Next()
		if errors.Is(err, io.EOF) {
			return im.result, nil
		}
		if err != nil {
			return im.result, fmt.Errorf("read line %d: %w", line, err)
		}
		if err := ctx.Err(); err != nil {
			return im.result, err
		}
		im.result.Rows++
		if err := im.row(ctx, line, im.cells(cells)); err != nil {
			return im.result, err
		}
	}
}

func (im *groupImport) mapColumns() error {
	im.columns = make([]string, len(im.header))
	have := map[string]bool{}
	for i, h := range im.header {
		key := registry.HeaderKey(h)
		for _, c := range ImportColumns {
			if key == c.Name || containsKey(c.Aliases, key) {
				im.columns[i], have[c.Name] = c.Name, true
			}
		}
	}
	var missing []string
	for _, c := range ImportColumns {
		if c.Required && !have[c.Name] {
			missing = append(missing, c.Name)
		}
	}
	if len(missing) > 0 {
		return errs.New(errs.Invalid, "import.err.missing_columns", strings.Join(missing, ", "))
	}
	return nil
}

func containsKey(list []string, key string) bool {
	for _, a := range list {
		if registry.HeaderKey(a) == key {
			return true
		}
	}
	return false
}

// loadGroups reads the programme's groups in p's scope, by name.
func (im *groupImport) loadGroups(ctx context.Context) error {
	if _, err := im.s.programmes.GetProgramme(ctx, im.p, im.progID); err != nil {
		return err
	}
	all, err := im.s.store.groupsOfProgramme(ctx, im.s.db.Reader(), im.p.OrgID, im.progID)
	im.groups = map[string]Group{}
	for _, g := range all {
		if im.p.Covers(g.VillageCode) {
			im.groups[nameKey(g.Name)] = g
		}
	}
	return err
}

func nameKey(name string) string { return strings.ToLower(programme.CleanText(name)) }

// cells maps a row to the canonical columns.
func (im *groupImport) cells(row []string) map[string]string {
	out := map[string]string{}
	for i, c := range im.columns {
		if c != "" && i < len(row) {
			out[c] = strings.TrimSpace(row[i])
		}
	}
	return out
}

// row imports one member row: its group (made when new) and the membership.
func (im *groupImport) row(ctx context.Context, line int, c map[string]string) error {
	g, err := im.group(ctx, c)
	if err != nil {
		return im.reject(line, c, err)
	}
	person, err := im.person(ctx, c["nik"])
	if err != nil {
		return im.reject(line, c, err)
	}
	active, err := im.active(ctx, g.ID)
	if err != nil {
		return err
	}
	if active[person] {
		im.result.Unchanged++
		return nil
	}
	if _, err := im.s.AddMember(ctx, im.p, g.ID, MemberInput{PersonID: person, Role: c["peran"], Joined: c["tanggal_masuk"]}); err != nil {
		return im.reject(line, c, err)
	}
	active[person] = true
	im.result.Members++
	return nil
}

// group finds the row's group by name, or makes it from the row's details.
func (im *groupImport) group(ctx context.Context, c map[string]string) (Group, error) {
	if g, ok := im.groups[nameKey(c["kelompok"])]; ok {
		return g, nil
	}
	g, err := im.s.CreateGroup(ctx, im.p, Input{ProgrammeID: im.progID, Name: c["kelompok"], Type: c["jenis"], Field: c["bidang_usaha"],
		VillageCode: c["kode_wilayah"], Address: c["alamat"]})
	if err != nil {
		return g, err
	}
	im.groups[nameKey(g.Name)] = g
	im.result.Groups++
	return g, nil
}

// person finds a registered person in scope by NIK.
func (im *groupImport) person(ctx context.Context, raw string) (string, error) {
	nik, err := registry.CleanID(raw)
	if err != nil || len(nik) != 16 {
		return "", errs.New(errs.Invalid, "err.invalid").Field("nik", "import.err.member_nik")
	}
	page, err := im.s.registry.ListPersons(ctx, im.p, registry.Filter{Query: nik, PerPage: 2})
	if err != nil {
		return "", err
	}
	if len(page.Items) != 1 {
		return "", errs.New(errs.Invalid, "err.invalid").Field("nik", "import.err.member_unknown")
	}
	return page.Items[0].ID, nil
}

func (im *groupImport) active(ctx context.Context, groupID string) (map[string]bool, error) {
	if m, ok := im.members[groupID]; ok {
		return m, nil
	}
	list, err := im.s.store.members(ctx, im.s.db.Reader(), im.p.OrgID, groupID, false)
	m := map[string]bool{}
	for _, mem := range list {
		m[mem.PersonID] = true
	}
	im.members[groupID] = m
	return m, err
}

// reject reports a refused row, one rejection per field problem; an error
// that is not the domain's stops the import.
func (im *groupImport) reject(line int, c map[string]string, err error) error {
	e, ok := errs.As(err)
	if !ok {
		return err
	}
	im.result.Rejected++
	if len(e.Fields) == 0 {
		return im.onReject(registry.Rejection{Line: line, Column: im.headerOf("kelompok"), Value: c["kelompok"], Reason: e.Msg, Args: e.Args})
	}
	fields := make([]string, 0, len(e.Fields))
	for field := range e.Fields {
		fields = append(fields, field)
	}
	slices.SortFunc(fields, func(a, b string) int { return columnOrder(a) - columnOrder(b) })
	for _, field := range fields {
		col, reason := importFieldColumns[field], e.Fields[field]
		if col == "" {
			col = "kelompok"
		}
		args := []any(nil)
		if reason == e.Msg {
			args = e.Args
		}
		if err := im.onReject(registry.Rejection{Line: line, Column: im.headerOf(col), Value: c[col], Reason: reason, Args: args}); err != nil {
			return err
		}
	}
	return nil
}

// columnOrder places a field's column in file-template order, so that a row's
// problems are reported left to right.
func columnOrder(field string) int {
	for i, c := range ImportColumns {
		if c.Name == importFieldColumns[field] {
			return i
		}
	}
	return len(ImportColumns)
}

// headerOf is the file's own header of a canonical column.
func (im *groupImport) headerOf(col string) string {
	for i, c := range im.columns {
		if c == col {
			return im.header[i]
		}
	}
	return col
}
