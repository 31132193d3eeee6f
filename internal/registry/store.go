package registry

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"github.com/berdaya/berdaya/internal/region"
	"strings"
	"time"

	"github.com/berdaya/berdaya/internal/db"
)

type store struct {
	db      *db.DB
	noWords bool // lists use the persons indexes alone (tests compare the two)
}

const dateLayout = "2006-01-02"

func dateText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(dateLayout)
}

func parseDateText(s string) time.Time {
	t, _ := time.Parse(dateLayout, s)
	return t
}

const householdColumns = "org_id, id, kk, address, village_code, created_at, updated_at"

func scanHousehold(sc interface{ Scan(...any) error }) (Household, error) {
	var h Household
	err := sc.Scan(&h.OrgID, &h.ID, &h.KK, &h.Address, &h.VillageCode, &h.CreatedAt, &h.UpdatedAt)
	return h, err
}

func (s store) insertHousehold(ctx context.Context, tx *sql.Tx, h Household) error {
	prov, reg, dist := region.Split(h.VillageCode)
	_, err := tx.ExecContext(ctx, "INSERT INTO households (org_id, id, kk, address, village_code, province_code, regency_code, district_code, created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)",
		h.OrgID, h.ID, h.KK, h.Address, h.VillageCode, prov, reg, dist, h.CreatedAt, h.UpdatedAt)
	return err
}

func (s store) updateHousehold(ctx context.Context, tx *sql.Tx, h Household) error {
	prov, reg, dist := region.Split(h.VillageCode)
	_, err := tx.ExecContext(ctx, "UPDATE households SET address = $1, village_code = $2, province_code = $3, regency_code = $4, district_code = $5, updated_at = $6 WHERE org_id = $7 AND id = $8",
		h.Address, h.VillageCode, prov, reg, dist, h.UpdatedAt, h.OrgID, h.ID)
	return err
}

func (s store) household(ctx context.Context, r db.Querier, orgID, id string) (Household, error) {
	return scanHousehold(r.QueryRowContext(ctx, "SELECT "+householdColumns+" FROM households WHERE org_id = $1 AND id = $2", orgID, id))
}

// householdsByKK looks up many family cards at once (an import batch).
func (s store) householdsByKK(ctx context.Context, r db.Querier, orgID string, kks []string) (map[string]Household, error) {
	out := map[string]Household{}
	if len(kks) == 0 {
		return out, nil
	}
	in, arg := s.db.InList("kk", 2, kks)
	rows, err := r.QueryContext(ctx, "SELECT "+householdColumns+" FROM households WHERE org_id = $1 AND "+in, orgID, arg)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		h, err := scanHousehold(rows)
		if err != nil {
			return nil, err
		}
		out[h.KK] = h
	}
	return out, rows.Err()
}

const personColumns = "org_id, id, household_id, nik, name, sex, birth_date, relationship, education, occupation, disability, target_group, phone, consent, consent_date, village_code, flags, import_id, merged_into, created_at, updated_at"

// personRow is a person with the bookkeeping columns the domain type leaves out.
type personRow struct {
	Person
	ImportID   string
	MergedInto string
	Hash       string
}

// scanPerson reads personColumns and, when withHash, the content hash after them.
func scanPerson(sc interface{ Scan(...any) error }, withHash bool) (personRow, error) {
	var r personRow
	var sex, birth, rel, tg, consentDate, flags string
	dest := []any{&r.OrgID, &r.ID, &r.HouseholdID, &r.NIK, &r.Name, &sex, &birth, &rel, &r.Education, &r.Occupation,
		&r.Disability, &tg, &r.Phone, &r.Consent, &consentDate, &r.VillageCode, &flags, &r.ImportID, &r.MergedInto, &r.CreatedAt, &r.UpdatedAt}
	if withHash {
		dest = append(dest, &r.Hash)
	}
	err := sc.Scan(dest...)
	fill(&r, sex, birth, rel, tg, consentDate, flags)
	return r, err
}

func splitFlags(s string) []string {
	if s == "" {
		return []string{} // an empty list, never null, in JSON
	}
	return strings.Split(s, ",")
}

func personArgs(p Person, hash string) []any {
	prov, reg, dist := region.Split(p.VillageCode)
	return []any{p.HouseholdID, p.NIK, p.Name, NameKey(p.Name), string(p.Sex), dateText(p.BirthDate), string(p.Relationship),
		p.Education, p.Occupation, p.Disability, string(p.TargetGroup), p.Phone, p.Consent, dateText(p.ConsentDate),
		p.VillageCode, prov, reg, dist, strings.Join(p.Flags, ","), hash, p.UpdatedAt}
}

const insertPersonSQL = "INSERT INTO persons (household_id, nik, name, name_key, sex, birth_date, relationship, education, occupation, disability, target_group, phone, consent, consent_date, village_code, province_code, regency_code, district_code, flags, content_hash, updated_at, org_id, id, import_id, merged_into, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,'',$25)"

func (s store) insertPerson(ctx context.Context, tx *sql.Tx, p Person, hash, importID string) error {
	args := append(personArgs(p, hash), p.OrgID, p.ID, importID, p.CreatedAt)
	_, err := tx.ExecContext(ctx, insertPersonSQL, args...)
	return err
}

const updatePersonSQL = "UPDATE persons SET household_id = $1, nik = $2, name = $3, name_key = $4, sex = $5, birth_date = $6, relationship = $7, education = $8, occupation = $9, disability = $10, target_group = $11, phone = $12, consent = $13, consent_date = $14, village_code = $15, province_code = $16, regency_code = $17, district_code = $18, flags = $19, content_hash = $20, updated_at = $21 WHERE org_id = $22 AND id = $23"

func (s store) updatePerson(ctx context.Context, tx *sql.Tx, p Person, hash string) error {
	args := append(personArgs(p, hash), p.OrgID, p.ID)
	_, err := tx.ExecContext(ctx, updatePersonSQL, args...)
	return err
}

func (s store) setMerged(ctx context.Context, tx *sql.Tx, orgID, id, into string, at time.Time) error {
	_, err := tx.ExecContext(ctx, "UPDATE persons SET merged_into = $1, updated_at = $2 WHERE org_id = $3 AND id = $4", into, at, orgID, id)
	return err
}

func (s store) person(ctx context.Context, r db.Querier, orgID, id string) (personRow, error) {
	return scanPerson(r.QueryRowContext(ctx, "SELECT "+personColumns+", content_hash FROM persons WHERE org_id = $1 AND id = $2", orgID, id), true)
}

// personsByNIK looks up many NIKs at once (an import batch), with their hashes.
func (s store) personsByNIK(ctx context.Context, r db.Querier, orgID string, niks []string) (map[string]personRow, error) {
	out := map[string]personRow{}
	if len(niks) == 0 {
		return out, nil
	}
	in, arg := s.db.InList("nik", 2, niks)
	rows, err := r.QueryContext(ctx, "SELECT "+personColumns+", content_hash FROM persons WHERE org_id = $1 AND "+in, orgID, arg)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		p, err := scanPerson(rows, true)
		if err != nil {
			return nil, err
		}
		out[p.NIK] = p
	}
	return out, rows.Err()
}

func (s store) members(ctx context.Context, orgID, householdID string) ([]Person, error) {
	rows, err := s.db.Reader().QueryContext(ctx, "SELECT "+personColumns+" FROM persons WHERE org_id = $1 AND household_id = $2 AND merged_into = '' ORDER BY birth_date", orgID, householdID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Person
	for rows.Next() {
		r, err := scanPerson(rows, false)
		if err != nil {
			return nil, err
		}
		out = append(out, r.Person)
	}
	return out, rows.Err()
}

// ImportJob is a recorded import: who ran it, how far it got, how it ended.
type ImportJob struct {
	ID         string       `json:"id"`
	FileName   string       `json:"file_name"`
	UserID     string       `json:"user_id"`
	Scope      string       `json:"scope"`  // the importer's region scope
	Status     string       `json:"status"` // running, done, failed, interrupted
	TotalRows  int          `json:"total_rows"`
	Result     ImportResult `json:"result"`
	Error      string       `json:"error,omitempty"`
	StartedAt  time.Time    `json:"started_at"`
	FinishedAt time.Time    `json:"finished_at"`
}

func (s store) insertImport(ctx context.Context, tx *sql.Tx, orgID, id, file, userID, scope string, total int, now time.Time) error {
	_, err := tx.ExecContext(ctx, "INSERT INTO imports (org_id, id, file_name, user_id, scope, status, total_rows, done_rows, imported, updated, unchanged, rejected, error_text, started_at) VALUES ($1,$2,$3,$4,$5,'running',$6,0,0,0,0,0,'',$7)",
		orgID, id, file, userID, scope, total, now)
	return err
}

func (s store) updateImport(ctx context.Context, tx *sql.Tx, orgID string, r ImportResult, status, errText string, finished time.Time) error {
	var fin any
	if !finished.IsZero() {
		fin = finished
	}
	_, err := tx.ExecContext(ctx, "UPDATE imports SET status = $1, done_rows = $2, imported = $3, updated = $4, unchanged = $5, rejected = $6, error_text = $7, finished_at = COALESCE($8, finished_at) WHERE org_id = $9 AND id = $10",
		status, r.Imported+r.Updated+r.Unchanged+r.Rejected, r.Imported, r.Updated, r.Unchanged, r.Rejected, errText, fin, orgID, r.ID)
	return err
}

func (s store) importJob(ctx context.Context, orgID, id string) (ImportJob, error) {
	return scanImport(s.db.Reader().QueryRowContext(ctx, "SELECT "+importColumns+" FROM imports WHERE org_id = $1 AND id = $2", orgID, id))
}

// markInterrupted closes jobs left running by a process that died.
func (s store) markInterrupted(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, "UPDATE imports SET status = 'interrupted' WHERE status = 'running'")
	return err
}

// duplicateCandidates finds pairs of live persons born the same day who share
// a name key, or a village: the service then keeps those whose names match or
// nearly match. Both joins run on indexes.
func (s store) duplicateCandidates(ctx context.Context, orgID, scope string, limit int) ([]DuplicatePair, error) {
	w := &db.Where{}
	w.Add("a.org_id = ?", orgID)
	if scope != "" {
		w.Add("(a.village_code = ? OR a.village_code LIKE ?)", scope, scope+".%")
		w.Add("(b.village_code = ? OR b.village_code LIKE ?)", scope, scope+".%")
	}
	cols := func(alias string) string {
		return alias + "." + strings.ReplaceAll(personColumns, ", ", ", "+alias+".")
	}
	query := "SELECT " + cols("a") + ", " + cols("b") + " FROM persons a JOIN persons b ON b.org_id = a.org_id AND b.birth_date = a.birth_date AND a.id < b.id " +
		"AND (b.name_key = a.name_key OR (b.province_code = a.province_code AND b.regency_code = a.regency_code AND b.district_code = a.district_code AND b.village_code = a.village_code)) " +
		"WHERE " + w.SQL() + " AND a.merged_into = '' AND b.merged_into = '' ORDER BY a.name_key, a.id LIMIT " + fmt.Sprint(limit)
	rows, err := s.db.Reader().QueryContext(ctx, query, w.Args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []DuplicatePair
	for rows.Next() {
		a, b := personRow{}, personRow{}
		var as, ab, ar, at, ac, af, bs, bb, br, bt, bc, bf string
		err := rows.Scan(&a.OrgID, &a.ID, &a.HouseholdID, &a.NIK, &a.Name, &as, &ab, &ar, &a.Education, &a.Occupation, &a.Disability, &at, &a.Phone, &a.Consent, &ac, &a.VillageCode, &af, &a.ImportID, &a.MergedInto, &a.CreatedAt, &a.UpdatedAt,
			&b.OrgID, &b.ID, &b.HouseholdID, &b.NIK, &b.Name, &bs, &bb, &br, &b.Education, &b.Occupation, &b.Disability, &bt, &b.Phone, &b.Consent, &bc, &b.VillageCode, &bf, &b.ImportID, &b.MergedInto, &b.CreatedAt, &b.UpdatedAt)
		if err != nil {
			return nil, err
		}
		fill(&a, as, ab, ar, at, ac, af)
		fill(&b, bs, bb, br, bt, bc, bf)
		out = append(out, DuplicatePair{A: a.Person, B: b.Person})
	}
	return out, rows.Err()
}

// fill sets the typed fields of a person scanned as text.
func fill(r *personRow, sex, birth, rel, tg, consentDate, flags string) {
	r.Sex, r.Relationship, r.TargetGroup = Sex(sex), Relationship(rel), TargetGroup(tg)
	r.BirthDate, r.ConsentDate = parseDateText(birth), parseDateText(consentDate)
	r.Flags = splitFlags(flags)
}

const importColumns = "id, file_name, user_id, scope, status, total_rows, done_rows, imported, updated, unchanged, rejected, error_text, started_at, finished_at"

func scanImport(sc interface{ Scan(...any) error }) (ImportJob, error) {
	var j ImportJob
	var fin sql.NullTime
	err := sc.Scan(&j.ID, &j.FileName, &j.UserID, &j.Scope, &j.Status, &j.TotalRows, &j.Result.Rows, &j.Result.Imported,
		&j.Result.Updated, &j.Result.Unchanged, &j.Result.Rejected, &j.Error, &j.StartedAt, &fin)
	j.Result.ID = j.ID
	if fin.Valid {
		j.FinishedAt = fin.Time
	}
	return j, err
}

// recentImports lists the imports a user may see (canSeeImport, in SQL): its
// own, and with all set, those run in its scope.
func (s store) recentImports(ctx context.Context, orgID, userID, scope string, all bool, limit int) ([]ImportJob, error) {
	w := &db.Where{}
	w.Add("org_id = ?", orgID)
	switch {
	case !all:
		w.Add("user_id = ?", userID)
	case scope != "":
		w.Add("(user_id = ? OR scope = ? OR scope LIKE ?)", userID, scope, scope+".%")
	}
	args := append(w.Args, limit)
	return db.Query(ctx, s.db.Reader(), func(sc db.Scanner) (ImportJob, error) { return scanImport(sc) },
		"SELECT "+importColumns+" FROM imports WHERE "+w.SQL()+fmt.Sprintf(" ORDER BY started_at DESC LIMIT $%d", len(args)), args...)
}

func (s store) eachRejection(ctx context.Context, orgID, importID string, fn func(Rejection) error) error {
	rows, err := s.db.Reader().QueryContext(ctx, "SELECT line, col, value, reason, args FROM import_rejections WHERE org_id = $1 AND import_id = $2 ORDER BY seq", orgID, importID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var r Rejection
		var args string
		if err := rows.Scan(&r.Line, &r.Column, &r.Value, &r.Reason, &args); err != nil {
			return err
		}
		json.Unmarshal([]byte(args), &r.Args)
		for i, a := range r.Args {
			// JSON numbers come back as float64; messages format counts with %d.
			if f, ok := a.(float64); ok && f == float64(int64(f)) {
				r.Args[i] = int64(f)
			}
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return rows.Err()
}

// countPersonsUpTo counts the persons of every organisation, stopping at limit.
func (s store) countPersonsUpTo(ctx context.Context, limit int) (int, error) {
	var n int
	err := s.db.Reader().QueryRowContext(ctx, "SELECT COUNT(*) FROM (SELECT 1 FROM persons LIMIT $1) AS p", limit).Scan(&n)
	return n, err
}
