package ppisurvey

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"
	"time"

	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/region"
)

type store struct{ db *db.DB }

const dayLayout = "2006-01-02"

func day(t time.Time) string { return t.Format(dayLayout) }

func dayOf(s string) time.Time {
	t, _ := time.Parse(dayLayout, s)
	return t
}

// levels splits a region code of any level into the four located columns;
// the levels below it are "".
func levels(code string) (province, regency, district, village string) {
	parts := strings.Split(code, ".")
	out := make([]string, 4)
	for i := range min(len(parts), 4) {
		if code != "" {
			out[i] = strings.Join(parts[:i+1], ".")
		}
	}
	return out[0], out[1], out[2], out[3]
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// userExists reports whether id is an enabled user of the organisation (read
// directly, as internal/group does: the auth service offers no lookup to a
// facilitator; the foreign key holds the rule).
func (s store) userExists(ctx context.Context, orgID, id string) (bool, error) {
	var n int
	err := s.db.Reader().QueryRowContext(ctx, "SELECT COUNT(*) FROM users WHERE org_id = $1 AND id = $2 AND NOT disabled", orgID, id).Scan(&n)
	return n > 0, err
}

const roundColumns = "org_id, id, name, programme_id, scorecard_id, scorecard_name, lines, alphas, population_kind, group_ids, baseline_id, " +
	"method, allocation, strata_column, sample_size, seed, confidence, population_size, strata_sizes, drawn_at, region_code, created_by, created_at, updated_at"

func (s store) insertRound(ctx context.Context, tx *sql.Tx, r Round) error {
	p, rg, d, v := levels(r.Region)
	_, err := tx.ExecContext(ctx, "INSERT INTO ppi_rounds ("+roundColumns+", province_code, regency_code, district_code, village_code) "+
		"VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25,$26,$27,$28)",
		r.OrgID, r.ID, r.Name, db.NullIfEmpty(r.ProgrammeID), r.ScorecardID, r.ScorecardName, mustJSON(r.Lines), mustJSON(r.Alphas),
		r.Population, mustJSON(r.GroupIDs), db.NullIfEmpty(r.BaselineID), r.Method, r.Allocation, r.StrataColumn, r.Size, r.Seed,
		r.Confidence, r.PopulationSize, mustJSON(r.StrataSizes), nil, r.Region, r.CreatedBy, r.CreatedAt, r.UpdatedAt, p, rg, d, v)
	return err
}

// setDrawn records what the draw counted.
func (s store) setDrawn(ctx context.Context, tx *sql.Tx, r Round) error {
	_, err := tx.ExecContext(ctx, "UPDATE ppi_rounds SET population_size = $1, strata_sizes = $2, drawn_at = $3, updated_at = $3 WHERE org_id = $4 AND id = $5",
		r.PopulationSize, mustJSON(r.StrataSizes), r.DrawnAt, r.OrgID, r.ID)
	return err
}

func scanRound(sc db.Scanner) (Round, error) {
	var r Round
	var prog, base sql.NullString
	var lines, alphas, groups, strata string
	var drawn sql.NullTime
	err := sc.Scan(&r.OrgID, &r.ID, &r.Name, &prog, &r.ScorecardID, &r.ScorecardName, &lines, &alphas, &r.Population, &groups, &base,
		&r.Method, &r.Allocation, &r.StrataColumn, &r.Size, &r.Seed, &r.Confidence, &r.PopulationSize, &strata, &drawn, &r.Region,
		&r.CreatedBy, &r.CreatedAt, &r.UpdatedAt)
	if err != nil {
		return r, err
	}
	r.ProgrammeID, r.BaselineID, r.DrawnAt = prog.String, base.String, drawn.Time
	for _, j := range []struct {
		src string
		dst any
	}{{lines, &r.Lines}, {alphas, &r.Alphas}, {groups, &r.GroupIDs}, {strata, &r.StrataSizes}} {
		if err := json.Unmarshal([]byte(j.src), j.dst); err != nil {
			return r, err
		}
	}
	return r, nil
}

func (s store) round(ctx context.Context, q db.Querier, orgID, id string, lock bool) (Round, error) {
	suffix := ""
	if lock {
		suffix = s.db.ForUpdate()
	}
	return scanRound(q.QueryRowContext(ctx, "SELECT "+roundColumns+" FROM ppi_rounds WHERE org_id = $1 AND id = $2"+suffix, orgID, id))
}

// rounds lists the organisation's rounds, newest first. An organisation has
// few rounds, so the service filters them by scope overlap in Go: overlap
// (the round's region above or below the user's scope) is not a prefix match.
func (s store) rounds(ctx context.Context, orgID string) ([]Round, error) {
	return s.listRounds(ctx, "SELECT "+roundColumns+" FROM ppi_rounds WHERE org_id = $1 ORDER BY created_at DESC, id DESC", orgID)
}

func (s store) listRounds(ctx context.Context, q string, args ...any) ([]Round, error) {
	return db.Query(ctx, s.db.Reader(), scanRound, q, args...)
}

const unitColumns = "id, round_id, household_id, person_id, stratum, sample_order, status, replaces_id, group_id, branch_id, head_sex, village_code, updated_at"

// insertUnits stores a draw's units in one bulk insert (COPY on PostgreSQL):
// a census of a large region stores every household.
func (s store) insertUnits(ctx context.Context, tx *sql.Tx, orgID string, units []Unit) error {
	rows := make([][]any, len(units))
	for i, u := range units {
		p, r, d := region.Split(u.VillageCode)
		rows[i] = []any{orgID, u.ID, u.RoundID, u.HouseholdID, u.PersonID, u.Stratum, u.Order, u.Status,
			db.NullIfEmpty(u.ReplacesID), u.GroupID, u.BranchID, u.HeadSex, u.VillageCode, u.UpdatedAt, p, r, d}
	}
	cols := append([]string{"org_id"}, strings.Split(unitColumns, ", ")...)
	return s.db.InsertRows(ctx, tx, "ppi_units", append(cols, "province_code", "regency_code", "district_code"), rows)
}

func scanUnit(sc db.Scanner) (Unit, error) {
	var u Unit
	var rep sql.NullString
	err := sc.Scan(&u.ID, &u.RoundID, &u.HouseholdID, &u.PersonID, &u.Stratum, &u.Order, &u.Status, &rep, &u.GroupID, &u.BranchID, &u.HeadSex, &u.VillageCode, &u.UpdatedAt)
	u.ReplacesID = rep.String
	return u, err
}

func (s store) unit(ctx context.Context, q db.Querier, orgID, id string, lock bool) (Unit, error) {
	suffix := ""
	if lock {
		suffix = s.db.ForUpdate()
	}
	return scanUnit(q.QueryRowContext(ctx, "SELECT "+unitColumns+" FROM ppi_units WHERE org_id = $1 AND id = $2"+suffix, orgID, id))
}

// units lists a round's units in sample order; statuses narrows them.
func (s store) units(ctx context.Context, q db.Querier, orgID, roundID string, statuses ...string) ([]Unit, error) {
	w := &db.Where{}
	w.Add("org_id = ?", orgID)
	w.Add("round_id = ?", roundID)
	if len(statuses) > 0 {
		args := make([]any, len(statuses))
		for i, st := range statuses {
			args[i] = st
		}
		w.Add("status IN ("+strings.TrimSuffix(strings.Repeat("?, ", len(args)), ", ")+")", args...)
	}
	return db.Query(ctx, q, scanUnit, "SELECT "+unitColumns+" FROM ppi_units WHERE "+w.SQL()+" ORDER BY sample_order", w.Args...)
}

// nextReserve is the first unused reserve unit of stratum in reserve order.
func (s store) nextReserve(ctx context.Context, tx *sql.Tx, orgID, roundID, stratum string) (Unit, error) {
	return scanUnit(tx.QueryRowContext(ctx, "SELECT "+unitColumns+" FROM ppi_units WHERE org_id = $1 AND round_id = $2 AND status = $3 AND stratum = $4 ORDER BY sample_order LIMIT 1"+s.db.ForUpdate(),
		orgID, roundID, StatusReserve, stratum))
}

func (s store) setUnit(ctx context.Context, tx *sql.Tx, orgID string, u Unit) error {
	_, err := tx.ExecContext(ctx, "UPDATE ppi_units SET status = $1, replaces_id = $2, updated_at = $3 WHERE org_id = $4 AND id = $5",
		u.Status, db.NullIfEmpty(u.ReplacesID), u.UpdatedAt, orgID, u.ID)
	return err
}

const interviewColumns = "id, round_id, unit_id, interview_date, enumerator_id, answers, village_code, created_at, updated_at"

func (s store) insertInterview(ctx context.Context, tx *sql.Tx, orgID string, iv Interview) error {
	p, r, d := region.Split(iv.VillageCode)
	if _, err := tx.ExecContext(ctx, "INSERT INTO ppi_interviews (org_id, "+interviewColumns+", province_code, regency_code, district_code) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)",
		orgID, iv.ID, iv.RoundID, iv.UnitID, day(iv.Date), iv.EnumeratorID, mustJSON(iv.Answers), iv.VillageCode, iv.CreatedAt, iv.UpdatedAt, p, r, d); err != nil {
		return err
	}
	return s.insertScores(ctx, tx, orgID, iv)
}

func (s store) updateInterview(ctx context.Context, tx *sql.Tx, orgID string, iv Interview) error {
	if _, err := tx.ExecContext(ctx, "UPDATE ppi_interviews SET interview_date = $1, enumerator_id = $2, answers = $3, updated_at = $4 WHERE org_id = $5 AND id = $6",
		day(iv.Date), iv.EnumeratorID, mustJSON(iv.Answers), iv.UpdatedAt, orgID, iv.ID); err != nil {
		return err
	}
	// Scores are derived from the answers: replaced with them, while the
	// correction row and the audit entry keep the old ones.
	if _, err := tx.ExecContext(ctx, "DELETE FROM ppi_interview_scores WHERE org_id = $1 AND interview_id = $2", orgID, iv.ID); err != nil {
		return err
	}
	return s.insertScores(ctx, tx, orgID, iv)
}

func (s store) insertScores(ctx context.Context, tx *sql.Tx, orgID string, iv Interview) error {
	for _, sc := range iv.Scores {
		if _, err := tx.ExecContext(ctx, "INSERT INTO ppi_interview_scores (org_id, interview_id, line, total, score, likelihood) VALUES ($1,$2,$3,$4,$5,$6)",
			orgID, iv.ID, sc.Line, sc.Total, sc.Score, sc.Likelihood); err != nil {
			return err
		}
	}
	return nil
}

func scanInterview(sc db.Scanner) (Interview, error) {
	var iv Interview
	var d, answers string
	if err := sc.Scan(&iv.ID, &iv.RoundID, &iv.UnitID, &d, &iv.EnumeratorID, &answers, &iv.VillageCode, &iv.CreatedAt, &iv.UpdatedAt); err != nil {
		return iv, err
	}
	iv.Date = dayOf(d)
	return iv, json.Unmarshal([]byte(answers), &iv.Answers)
}

// interview loads one interview with its scores; by is "id" or "unit_id".
func (s store) interview(ctx context.Context, q db.Querier, orgID, by, key string) (Interview, error) {
	iv, err := scanInterview(q.QueryRowContext(ctx, "SELECT "+interviewColumns+" FROM ppi_interviews WHERE org_id = $1 AND "+by+" = $2", orgID, key))
	if err != nil {
		return iv, err
	}
	all, err := s.scores(ctx, q, orgID, "interview_id = $2", iv.ID)
	iv.Scores = all[iv.ID]
	return iv, err
}

// interviews lists a round's interviews with their scores.
func (s store) interviews(ctx context.Context, orgID, roundID string) ([]Interview, error) {
	r := s.db.Reader()
	rows, err := r.QueryContext(ctx, "SELECT "+interviewColumns+" FROM ppi_interviews WHERE org_id = $1 AND round_id = $2 ORDER BY id", orgID, roundID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Interview{}
	for rows.Next() {
		iv, err := scanInterview(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, iv)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	scores, err := s.scores(ctx, r, orgID, "interview_id IN (SELECT id FROM ppi_interviews WHERE org_id = $1 AND round_id = $2)", roundID)
	for i := range out {
		out[i].Scores = scores[out[i].ID]
	}
	return out, err
}

// scores loads scores by interview, in line order as stored (the caller
// orders them by the round's lines).
func (s store) scores(ctx context.Context, q db.Querier, orgID, cond, arg string) (map[string][]LineScore, error) {
	rows, err := q.QueryContext(ctx, "SELECT interview_id, line, total, score, likelihood FROM ppi_interview_scores WHERE org_id = $1 AND "+cond+" ORDER BY interview_id, line", orgID, arg)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][]LineScore{}
	for rows.Next() {
		var id string
		var ls LineScore
		if err := rows.Scan(&id, &ls.Line, &ls.Total, &ls.Score, &ls.Likelihood); err != nil {
			return nil, err
		}
		out[id] = append(out[id], ls)
	}
	return out, rows.Err()
}

func (s store) insertCorrection(ctx context.Context, tx *sql.Tx, orgID string, c Correction) error {
	_, err := tx.ExecContext(ctx, "INSERT INTO ppi_interview_corrections (org_id, id, interview_id, user_id, reason, before_state, after_state, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)",
		orgID, c.ID, c.After.ID, c.UserID, c.Reason, mustJSON(c.Before), mustJSON(c.After), c.CreatedAt)
	return err
}

// corrections lists an interview's corrections, oldest first.
func (s store) corrections(ctx context.Context, orgID, interviewID string) ([]Correction, error) {
	rows, err := s.db.Reader().QueryContext(ctx, "SELECT id, user_id, reason, before_state, after_state, created_at FROM ppi_interview_corrections WHERE org_id = $1 AND interview_id = $2 ORDER BY created_at, id", orgID, interviewID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Correction{}
	for rows.Next() {
		var c Correction
		var before, after string
		if err := rows.Scan(&c.ID, &c.UserID, &c.Reason, &before, &after, &c.CreatedAt); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(before), &c.Before); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(after), &c.After); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
