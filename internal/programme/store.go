package programme

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"

	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/region"
	"github.com/berdaya/berdaya/internal/registry"
)

type store struct{ db *db.DB }

const programmeColumns = "org_id, id, name, description, phase, previous_id, start_date, end_date, target_groups, allow_double, created_at, updated_at"

func scanProgramme(sc db.Scanner) (Programme, error) {
	var p Programme
	var prev sql.NullString
	var start, end, targets string
	err := sc.Scan(&p.OrgID, &p.ID, &p.Name, &p.Description, &p.Phase, &prev, &start, &end, &targets, &p.AllowDouble, &p.CreatedAt, &p.UpdatedAt)
	p.PreviousID, p.Start, p.End = prev.String, DayOf(start), DayOf(end)
	p.Targets = []registry.TargetGroup{}
	for _, t := range strings.Split(targets, ",") {
		if t != "" {
			p.Targets = append(p.Targets, registry.TargetGroup(t))
		}
	}
	return p, err
}

func targetsText(p Programme) string {
	parts := make([]string, len(p.Targets))
	for i, t := range p.Targets {
		parts[i] = string(t)
	}
	return strings.Join(parts, ",")
}

func (s store) insertProgramme(ctx context.Context, tx *sql.Tx, p Programme) error {
	_, err := tx.ExecContext(ctx, "INSERT INTO programmes ("+programmeColumns+") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)",
		p.OrgID, p.ID, p.Name, p.Description, p.Phase, db.NullIfEmpty(p.PreviousID), DayText(p.Start), DayText(p.End), targetsText(p), p.AllowDouble, p.CreatedAt, p.UpdatedAt)
	if err != nil {
		return err
	}
	return s.insertParts(ctx, tx, p)
}

// insertParts writes a programme's regions and rules (after an update has
// removed the old ones).
func (s store) insertParts(ctx context.Context, tx *sql.Tx, p Programme) error {
	for _, code := range p.Regions {
		if _, err := tx.ExecContext(ctx, "INSERT INTO programme_regions (org_id, programme_id, region_code) VALUES ($1,$2,$3)", p.OrgID, p.ID, code); err != nil {
			return err
		}
	}
	for _, r := range p.Rules {
		steps, _ := json.Marshal(r.Steps)
		if _, err := tx.ExecContext(ctx, "INSERT INTO programme_rules (org_id, programme_id, group_type, min_members, max_members, fgd_min, steps) VALUES ($1,$2,$3,$4,$5,$6,$7)",
			p.OrgID, p.ID, string(r.GroupType), r.MinMembers, r.MaxMembers, r.FGDMin, string(steps)); err != nil {
			return err
		}
	}
	return nil
}

func (s store) updateProgramme(ctx context.Context, tx *sql.Tx, p Programme) error {
	_, err := tx.ExecContext(ctx, "UPDATE programmes SET name = $1, description = $2, start_date = $3, end_date = $4, target_groups = $5, allow_double = $6, updated_at = $7 WHERE org_id = $8 AND id = $9",
		p.Name, p.Description, DayText(p.Start), DayText(p.End), targetsText(p), p.AllowDouble, p.UpdatedAt, p.OrgID, p.ID)
	if err != nil {
		return err
	}
	for _, table := range []string{"programme_regions", "programme_rules"} {
		if _, err := tx.ExecContext(ctx, "DELETE FROM "+table+" WHERE org_id = $1 AND programme_id = $2", p.OrgID, p.ID); err != nil {
			return err
		}
	}
	return s.insertParts(ctx, tx, p)
}

func (s store) insertBaseline(ctx context.Context, tx *sql.Tx, orgID, id string, rows []Baseline) error {
	for _, b := range rows {
		if _, err := tx.ExecContext(ctx, "INSERT INTO programme_baselines (org_id, programme_id, group_type, stage, group_count, member_count) VALUES ($1,$2,$3,$4,$5,$6)",
			orgID, id, string(b.GroupType), b.Stage, b.Groups, b.Members); err != nil {
			return err
		}
	}
	return nil
}

func (s store) baseline(ctx context.Context, orgID, id string) ([]Baseline, error) {
	rows, err := s.db.Reader().QueryContext(ctx, "SELECT group_type, stage, group_count, member_count FROM programme_baselines WHERE org_id = $1 AND programme_id = $2 ORDER BY group_type, stage", orgID, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Baseline{}
	for rows.Next() {
		var b Baseline
		if err := rows.Scan(&b.GroupType, &b.Stage, &b.Groups, &b.Members); err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// programme loads one programme with its regions and rules.
func (s store) programme(ctx context.Context, r db.Querier, orgID, id string) (Programme, error) {
	p, err := scanProgramme(r.QueryRowContext(ctx, "SELECT "+programmeColumns+" FROM programmes WHERE org_id = $1 AND id = $2", orgID, id))
	if err != nil {
		return p, err
	}
	return p, s.fill(ctx, r, &p)
}

func (s store) fill(ctx context.Context, r db.Querier, p *Programme) error {
	regions, err := strs(ctx, r, "SELECT region_code FROM programme_regions WHERE org_id = $1 AND programme_id = $2 ORDER BY region_code", p.OrgID, p.ID)
	if err != nil {
		return err
	}
	p.Regions = regions
	rows, err := r.QueryContext(ctx, "SELECT group_type, min_members, max_members, fgd_min, steps FROM programme_rules WHERE org_id = $1 AND programme_id = $2 ORDER BY group_type", p.OrgID, p.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	p.Rules = []Rules{}
	for rows.Next() {
		var rl Rules
		var steps string
		if err := rows.Scan(&rl.GroupType, &rl.MinMembers, &rl.MaxMembers, &rl.FGDMin, &steps); err != nil {
			return err
		}
		if err := json.Unmarshal([]byte(steps), &rl.Steps); err != nil {
			return err
		}
		p.Rules = append(p.Rules, rl)
	}
	return rows.Err()
}

// programmes lists the organisation's programmes, newest first. An
// organisation runs tens of programmes, not thousands: the service filters
// them by scope in Go, on their regions.
func (s store) programmes(ctx context.Context, orgID string) ([]Programme, error) {
	rows, err := s.db.Reader().QueryContext(ctx, "SELECT "+programmeColumns+" FROM programmes WHERE org_id = $1 ORDER BY start_date DESC, name", orgID)
	if err != nil {
		return nil, err
	}
	var out []Programme
	for rows.Next() {
		p, err := scanProgramme(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		if err := s.fill(ctx, s.db.Reader(), &out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func strs(ctx context.Context, r db.Querier, query string, args ...any) ([]string, error) {
	rows, err := r.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []string{}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// userExists reports whether id is an enabled user of the organisation. It
// reads the users table directly because the auth service offers no lookup to
// a caller without users.manage, and a head or facilitator is picked by
// managers and facilitators alike; the foreign key holds the rule anyway.
func (s store) userExists(ctx context.Context, orgID, id string) (bool, error) {
	var n int
	err := s.db.Reader().QueryRowContext(ctx, "SELECT COUNT(*) FROM users WHERE org_id = $1 AND id = $2 AND NOT disabled", orgID, id).Scan(&n)
	return n > 0, err
}

const unitColumns = "org_id, id, programme_id, parent_id, unit_type, name, address, head_user_id, head_person_id, village_code, created_at, updated_at"

func scanUnit(sc db.Scanner) (Unit, error) {
	var u Unit
	var prog, parent, headUser, headPerson sql.NullString
	err := sc.Scan(&u.OrgID, &u.ID, &prog, &parent, &u.Type, &u.Name, &u.Address, &headUser, &headPerson, &u.VillageCode, &u.CreatedAt, &u.UpdatedAt)
	u.ProgrammeID, u.ParentID, u.HeadUserID, u.HeadPersonID = prog.String, parent.String, headUser.String, headPerson.String
	return u, err
}

func (s store) insertUnit(ctx context.Context, tx *sql.Tx, u Unit) error {
	prov, reg, dist := region.Split(u.VillageCode)
	_, err := tx.ExecContext(ctx, "INSERT INTO org_units ("+unitColumns+", province_code, regency_code, district_code) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)",
		u.OrgID, u.ID, db.NullIfEmpty(u.ProgrammeID), db.NullIfEmpty(u.ParentID), string(u.Type), u.Name, u.Address, db.NullIfEmpty(u.HeadUserID), db.NullIfEmpty(u.HeadPersonID),
		u.VillageCode, u.CreatedAt, u.UpdatedAt, prov, reg, dist)
	return err
}

func (s store) updateUnit(ctx context.Context, tx *sql.Tx, u Unit) error {
	prov, reg, dist := region.Split(u.VillageCode)
	_, err := tx.ExecContext(ctx, "UPDATE org_units SET programme_id = $1, parent_id = $2, unit_type = $3, name = $4, address = $5, head_user_id = $6, head_person_id = $7, village_code = $8, province_code = $9, regency_code = $10, district_code = $11, updated_at = $12 WHERE org_id = $13 AND id = $14",
		db.NullIfEmpty(u.ProgrammeID), db.NullIfEmpty(u.ParentID), string(u.Type), u.Name, u.Address, db.NullIfEmpty(u.HeadUserID), db.NullIfEmpty(u.HeadPersonID), u.VillageCode, prov, reg, dist, u.UpdatedAt, u.OrgID, u.ID)
	return err
}

func (s store) unit(ctx context.Context, r db.Querier, orgID, id string) (Unit, error) {
	return scanUnit(r.QueryRowContext(ctx, "SELECT "+unitColumns+" FROM org_units WHERE org_id = $1 AND id = $2", orgID, id))
}

// units lists units matching w, by name.
func (s store) units(ctx context.Context, w *db.Where) ([]Unit, error) {
	return db.Query(ctx, s.db.Reader(), scanUnit, "SELECT "+unitColumns+" FROM org_units WHERE "+w.SQL()+" ORDER BY name, id", w.Args...)
}

const staffColumns = "id, unit_id, user_id, person_id, position, start_date, end_date"

func scanStaff(sc db.Scanner) (Staff, error) {
	var st Staff
	var user, person sql.NullString
	var start, end string
	err := sc.Scan(&st.ID, &st.UnitID, &user, &person, &st.Position, &start, &end)
	st.UserID, st.PersonID, st.Start, st.End = user.String, person.String, DayOf(start), DayOf(end)
	return st, err
}

func (s store) insertStaff(ctx context.Context, tx *sql.Tx, orgID string, st Staff, at any) error {
	_, err := tx.ExecContext(ctx, "INSERT INTO org_unit_staff (org_id, "+staffColumns+", created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)",
		orgID, st.ID, st.UnitID, db.NullIfEmpty(st.UserID), db.NullIfEmpty(st.PersonID), st.Position, DayText(st.Start), DayText(st.End), at)
	return err
}

func (s store) endStaff(ctx context.Context, tx *sql.Tx, orgID string, st Staff) error {
	_, err := tx.ExecContext(ctx, "UPDATE org_unit_staff SET end_date = $1 WHERE org_id = $2 AND id = $3", DayText(st.End), orgID, st.ID)
	return err
}

func (s store) staffMember(ctx context.Context, r db.Querier, orgID, id string) (Staff, error) {
	return scanStaff(r.QueryRowContext(ctx, "SELECT "+staffColumns+" FROM org_unit_staff WHERE org_id = $1 AND id = $2", orgID, id))
}

func (s store) staff(ctx context.Context, orgID, unitID string) ([]Staff, error) {
	return db.Query(ctx, s.db.Reader(), scanStaff, "SELECT "+staffColumns+" FROM org_unit_staff WHERE org_id = $1 AND unit_id = $2 ORDER BY start_date, id", orgID, unitID)
}
