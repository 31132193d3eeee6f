package group

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/programme"
	"github.com/berdaya/berdaya/internal/region"
)

type store struct{ db *db.DB }

var day, dayOf = programme.DayText, programme.DayOf

// userExists reports whether id is an enabled user of the organisation. It
// reads the users table directly because the auth service offers no lookup to
// a facilitator (GetUser needs users.manage); the foreign key holds the rule.
func (s store) userExists(ctx context.Context, orgID, id string) (bool, error) {
	var n int
	err := s.db.Reader().QueryRowContext(ctx, "SELECT COUNT(*) FROM users WHERE org_id = $1 AND id = $2 AND NOT disabled", orgID, id).Scan(&n)
	return n > 0, err
}

const groupColumns = "org_id, id, programme_id, source_id, unit_id, name, group_type, business_field, settlement, stage, address, facilitator_id, village_code, created_at, updated_at"

func scanGroup(sc db.Scanner, extra ...any) (Group, error) {
	var g Group
	var source, unit, facilitator sql.NullString
	dest := append([]any{&g.OrgID, &g.ID, &g.ProgrammeID, &source, &unit, &g.Name, &g.Type, &g.Field, &g.Settlement, &g.Stage,
		&g.Address, &facilitator, &g.VillageCode, &g.CreatedAt, &g.UpdatedAt}, extra...)
	err := sc.Scan(dest...)
	g.SourceID, g.UnitID, g.FacilitatorID = source.String, unit.String, facilitator.String
	return g, err
}

func (s store) insertGroup(ctx context.Context, tx *sql.Tx, g Group) error {
	prov, reg, dist := region.Split(g.VillageCode)
	_, err := tx.ExecContext(ctx, "INSERT INTO groups ("+groupColumns+", province_code, regency_code, district_code) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18)",
		g.OrgID, g.ID, g.ProgrammeID, db.NullIfEmpty(g.SourceID), db.NullIfEmpty(g.UnitID), g.Name, string(g.Type), string(g.Field), g.Settlement, string(g.Stage),
		g.Address, db.NullIfEmpty(g.FacilitatorID), g.VillageCode, g.CreatedAt, g.UpdatedAt, prov, reg, dist)
	return err
}

func (s store) updateGroup(ctx context.Context, tx *sql.Tx, g Group) error {
	prov, reg, dist := region.Split(g.VillageCode)
	_, err := tx.ExecContext(ctx, "UPDATE groups SET unit_id = $1, name = $2, business_field = $3, settlement = $4, address = $5, facilitator_id = $6, village_code = $7, province_code = $8, regency_code = $9, district_code = $10, updated_at = $11 WHERE org_id = $12 AND id = $13",
		db.NullIfEmpty(g.UnitID), g.Name, string(g.Field), g.Settlement, g.Address, db.NullIfEmpty(g.FacilitatorID), g.VillageCode, prov, reg, dist, g.UpdatedAt, g.OrgID, g.ID)
	return err
}

func (s store) setStage(ctx context.Context, tx *sql.Tx, g Group) error {
	_, err := tx.ExecContext(ctx, "UPDATE groups SET stage = $1, updated_at = $2 WHERE org_id = $3 AND id = $4", string(g.Stage), g.UpdatedAt, g.OrgID, g.ID)
	return err
}

// group loads one group; with lock (inside a write transaction) its row is
// locked until the transaction ends.
func (s store) group(ctx context.Context, r db.Querier, orgID, id string, lock bool) (Group, error) {
	suffix := ""
	if lock {
		suffix = s.db.ForUpdate()
	}
	return scanGroup(r.QueryRowContext(ctx, "SELECT "+groupColumns+" FROM groups WHERE org_id = $1 AND id = $2"+suffix, orgID, id))
}

func (s store) groupsOfProgramme(ctx context.Context, r db.Querier, orgID, programmeID string) ([]Group, error) {
	return db.Query(ctx, r, func(sc db.Scanner) (Group, error) { return scanGroup(sc) }, "SELECT "+groupColumns+" FROM groups WHERE org_id = $1 AND programme_id = $2 ORDER BY name, id", orgID, programmeID)
}

func (s store) insertStageChange(ctx context.Context, tx *sql.Tx, orgID, groupID string, ch StageChange) error {
	_, err := tx.ExecContext(ctx, "INSERT INTO group_stage_changes (org_id, id, group_id, from_stage, to_stage, change_date, user_id, evidence, correction, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)",
		orgID, ch.ID, groupID, string(ch.From), string(ch.To), day(ch.Date), ch.UserID, ch.Evidence, ch.Correction, ch.CreatedAt)
	return err
}

func (s store) stageChanges(ctx context.Context, orgID, groupID string) ([]StageChange, error) {
	return s.stageChangesIn(ctx, s.db.Reader(), orgID, groupID)
}

// stageChangesIn lists a group's stage history in the order it was
// recorded, newest first (UUIDv7 ids order entries made in the same instant).
func (s store) stageChangesIn(ctx context.Context, r db.Querier, orgID, groupID string) ([]StageChange, error) {
	return db.Query(ctx, r, func(sc db.Scanner) (StageChange, error) {
		var ch StageChange
		var d string
		err := sc.Scan(&ch.ID, &ch.From, &ch.To, &d, &ch.UserID, &ch.Evidence, &ch.Correction, &ch.CreatedAt)
		ch.Date = dayOf(d)
		return ch, err
	}, "SELECT id, from_stage, to_stage, change_date, user_id, evidence, correction, created_at FROM group_stage_changes WHERE org_id = $1 AND group_id = $2 ORDER BY created_at DESC, id DESC", orgID, groupID)
}

func (s store) upgrade(ctx context.Context, tx *sql.Tx, orgID string, g Group, c CooperativeInfo) error {
	if _, err := tx.ExecContext(ctx, "UPDATE groups SET group_type = $1, stage = $2, updated_at = $3 WHERE org_id = $4 AND id = $5",
		string(g.Type), string(g.Stage), g.UpdatedAt, orgID, g.ID); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, "INSERT INTO group_cooperatives (org_id, group_id, former_type, statutes, legal_number, legal_date, upgraded_on, user_id, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)",
		orgID, g.ID, string(c.FormerType), c.Statutes, c.LegalNumber, day(c.LegalDate), day(c.UpgradedOn), c.UserID, g.UpdatedAt)
	return err
}

func (s store) cooperative(ctx context.Context, orgID, groupID string) (*CooperativeInfo, error) {
	var c CooperativeInfo
	var legal, upgraded string
	err := s.db.Reader().QueryRowContext(ctx, "SELECT former_type, statutes, legal_number, legal_date, upgraded_on, user_id FROM group_cooperatives WHERE org_id = $1 AND group_id = $2", orgID, groupID).
		Scan(&c.FormerType, &c.Statutes, &c.LegalNumber, &legal, &upgraded, &c.UserID)
	if err == sql.ErrNoRows {
		return nil, nil
	}
	c.LegalDate, c.UpgradedOn = dayOf(legal), dayOf(upgraded)
	return &c, err
}

func (s store) insertStep(ctx context.Context, tx *sql.Tx, orgID string, st StepRecord) error {
	_, err := tx.ExecContext(ctx, "INSERT INTO formation_steps (org_id, id, group_id, kind, name, step_date, facilitator_id, notes, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)",
		orgID, st.ID, st.GroupID, string(st.Kind), st.Name, day(st.Date), db.NullIfEmpty(st.FacilitatorID), st.Notes, st.CreatedAt)
	if err != nil {
		return err
	}
	return insertAttendance(ctx, tx, "formation_attendance", "step_id", orgID, st.ID, st.Attendance)
}

func insertAttendance(ctx context.Context, tx *sql.Tx, table, col, orgID, id string, persons []string) error {
	for _, pid := range persons {
		if _, err := tx.ExecContext(ctx, "INSERT INTO "+table+" (org_id, "+col+", person_id) VALUES ($1,$2,$3)", orgID, id, pid); err != nil {
			return err
		}
	}
	return nil
}

// attendance maps each step or meeting of a group to its attendees.
func (s store) attendance(ctx context.Context, table, col, parent, orgID, groupID string) (map[string][]string, error) {
	rows, err := s.db.Reader().QueryContext(ctx, "SELECT a."+col+", a.person_id FROM "+table+" a JOIN "+parent+" e ON e.org_id = a.org_id AND e.id = a."+col+
		" WHERE e.org_id = $1 AND e.group_id = $2 ORDER BY a.person_id", orgID, groupID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var id, pid string
		if err := rows.Scan(&id, &pid); err != nil {
			return nil, err
		}
		out[id] = append(out[id], pid)
	}
	return out, rows.Err()
}

// steps lists a group's formation steps in date order, with attendance.
func (s store) steps(ctx context.Context, orgID, groupID string) ([]StepRecord, error) {
	att, err := s.attendance(ctx, "formation_attendance", "step_id", "formation_steps", orgID, groupID)
	if err != nil {
		return nil, err
	}
	return db.Query(ctx, s.db.Reader(), func(sc db.Scanner) (StepRecord, error) {
		var st StepRecord
		var d string
		var fac sql.NullString
		err := sc.Scan(&st.ID, &st.GroupID, &st.Kind, &st.Name, &d, &fac, &st.Notes, &st.CreatedAt)
		st.Date, st.FacilitatorID, st.Attendance = dayOf(d), fac.String, orEmpty(att[st.ID])
		return st, err
	}, "SELECT id, group_id, kind, name, step_date, facilitator_id, notes, created_at FROM formation_steps WHERE org_id = $1 AND group_id = $2 ORDER BY step_date, created_at", orgID, groupID)
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// memberFlags are the rule flags a membership row carries for the unique indexes.
type memberFlags struct{ single, perHousehold bool }

func (s store) insertMember(ctx context.Context, tx *sql.Tx, orgID, programmeID string, m Member, fl memberFlags, at time.Time) error {
	_, err := tx.ExecContext(ctx, "INSERT INTO memberships (org_id, id, group_id, programme_id, person_id, household_id, member_role, join_date, leave_date, leave_reason, single_group, one_per_household, created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$13)",
		orgID, m.ID, m.GroupID, programmeID, m.PersonID, m.HouseholdID, string(m.Role), day(m.Joined), day(m.Left), m.LeaveReason, fl.single, fl.perHousehold, at)
	return err
}

func (s store) leaveMember(ctx context.Context, tx *sql.Tx, orgID string, m Member, at time.Time) error {
	_, err := tx.ExecContext(ctx, "UPDATE memberships SET leave_date = $1, leave_reason = $2, updated_at = $3 WHERE org_id = $4 AND id = $5",
		day(m.Left), m.LeaveReason, at, orgID, m.ID)
	return err
}

// memberSelect reads memberships with the person's name, joined from the
// registry's table for display only (the foreign key ties them already).
const memberSelect = "SELECT m.id, m.group_id, m.person_id, m.household_id, p.name, m.member_role, m.join_date, m.leave_date, m.leave_reason FROM memberships m JOIN persons p ON p.org_id = m.org_id AND p.id = m.person_id "

func scanMember(sc db.Scanner) (Member, error) {
	var m Member
	var joined, left string
	err := sc.Scan(&m.ID, &m.GroupID, &m.PersonID, &m.HouseholdID, &m.Name, &m.Role, &joined, &left, &m.LeaveReason)
	m.Joined, m.Left = dayOf(joined), dayOf(left)
	return m, err
}

// members lists a group's active members (with history, also those who
// left), by name.
func (s store) members(ctx context.Context, r db.Querier, orgID, groupID string, history bool) ([]Member, error) {
	cond := " AND m.leave_date = ''"
	if history {
		cond = ""
	}
	return db.Query(ctx, r, scanMember, memberSelect+"WHERE m.org_id = $1 AND m.group_id = $2"+cond+" ORDER BY p.name_key, m.join_date", orgID, groupID)
}

func (s store) member(ctx context.Context, r db.Querier, orgID, id string) (Member, error) {
	return scanMember(r.QueryRowContext(ctx, memberSelect+"WHERE m.org_id = $1 AND m.id = $2", orgID, id))
}

// activeElsewhere reports whether a person is an active member of another
// group of the programme.
func (s store) activeElsewhere(ctx context.Context, r db.Querier, orgID, programmeID, personID, groupID string) (bool, error) {
	var n int
	err := r.QueryRowContext(ctx, "SELECT COUNT(*) FROM memberships WHERE org_id = $1 AND programme_id = $2 AND person_id = $3 AND group_id <> $4 AND leave_date = ''",
		orgID, programmeID, personID, groupID).Scan(&n)
	return n > 0, err
}

func (s store) insertElection(ctx context.Context, tx *sql.Tx, orgID string, e Election, at time.Time) error {
	_, err := tx.ExecContext(ctx, "INSERT INTO board_elections (org_id, id, group_id, election_date, method, minutes, term_start, term_end, user_id, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)",
		orgID, e.ID, e.GroupID, day(e.Date), string(e.Method), e.Minutes, day(e.TermStart), day(e.TermEnd), e.UserID, at)
	if err != nil {
		return err
	}
	for _, c := range e.Candidates {
		if _, err := tx.ExecContext(ctx, "INSERT INTO board_candidates (org_id, election_id, person_id, seat_role, votes) VALUES ($1,$2,$3,$4,$5)",
			orgID, e.ID, c.PersonID, string(c.Role), c.Votes); err != nil {
			return err
		}
	}
	return nil
}

func (s store) insertSeat(ctx context.Context, tx *sql.Tx, orgID, groupID string, st Seat, at time.Time) error {
	_, err := tx.ExecContext(ctx, "INSERT INTO board_seats (org_id, id, group_id, election_id, person_id, seat_role, term_start, term_end, ended_on, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)",
		orgID, st.ID, groupID, db.NullIfEmpty(st.ElectionID), st.PersonID, string(st.Role), day(st.TermStart), day(st.TermEnd), day(st.Ended), at)
	return err
}

// endSeats ends every current seat of a group (a new board takes over).
func (s store) endSeats(ctx context.Context, tx *sql.Tx, orgID, groupID string, on time.Time) error {
	_, err := tx.ExecContext(ctx, "UPDATE board_seats SET ended_on = $1 WHERE org_id = $2 AND group_id = $3 AND ended_on = ''", day(on), orgID, groupID)
	return err
}

// endSeatsOf ends the current seats of one person (who left the group).
func (s store) endSeatsOf(ctx context.Context, tx *sql.Tx, orgID, groupID, personID string, on time.Time) error {
	_, err := tx.ExecContext(ctx, "UPDATE board_seats SET ended_on = $1 WHERE org_id = $2 AND group_id = $3 AND person_id = $4 AND ended_on = ''", day(on), orgID, groupID, personID)
	return err
}

const seatSelect = "SELECT b.id, b.election_id, b.person_id, p.name, b.seat_role, b.term_start, b.term_end, b.ended_on FROM board_seats b JOIN persons p ON p.org_id = b.org_id AND p.id = b.person_id "

// seatOrder puts chair, secretary, treasurer, supervisors in that order.
const seatOrder = " ORDER BY CASE b.seat_role WHEN 'chair' THEN 1 WHEN 'secretary' THEN 2 WHEN 'treasurer' THEN 3 ELSE 4 END, p.name_key"

func (s store) seats(ctx context.Context, r db.Querier, cond string, args ...any) ([]Seat, error) {
	return db.Query(ctx, r, func(sc db.Scanner) (Seat, error) {
		var st Seat
		var election sql.NullString
		var start, end, ended string
		err := sc.Scan(&st.ID, &election, &st.PersonID, &st.Name, &st.Role, &start, &end, &ended)
		st.ElectionID, st.TermStart, st.TermEnd, st.Ended = election.String, dayOf(start), dayOf(end), dayOf(ended)
		return st, err
	}, seatSelect+"WHERE "+cond+seatOrder, args...)
}

func (s store) currentSeats(ctx context.Context, r db.Querier, orgID, groupID string) ([]Seat, error) {
	return s.seats(ctx, r, "b.org_id = $1 AND b.group_id = $2 AND b.ended_on = ''", orgID, groupID)
}

// elections lists a group's elections, newest first, with candidates and seats.
func (s store) elections(ctx context.Context, orgID, groupID string) ([]Election, error) {
	rows, err := s.db.Reader().QueryContext(ctx, "SELECT id, group_id, election_date, method, minutes, term_start, term_end, user_id FROM board_elections WHERE org_id = $1 AND group_id = $2 ORDER BY election_date DESC, created_at DESC", orgID, groupID)
	if err != nil {
		return nil, err
	}
	out := []Election{}
	for rows.Next() {
		var e Election
		var d, start, end string
		if err := rows.Scan(&e.ID, &e.GroupID, &d, &e.Method, &e.Minutes, &start, &end, &e.UserID); err != nil {
			rows.Close()
			return nil, err
		}
		e.Date, e.TermStart, e.TermEnd = dayOf(d), dayOf(start), dayOf(end)
		out = append(out, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		if err := s.fillElection(ctx, orgID, &out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (s store) fillElection(ctx context.Context, orgID string, e *Election) error {
	var err error
	if e.Elected, err = s.seats(ctx, s.db.Reader(), "b.org_id = $1 AND b.election_id = $2", orgID, e.ID); err != nil {
		return err
	}
	e.Candidates, err = db.Query(ctx, s.db.Reader(), func(sc db.Scanner) (Nominee, error) {
		var n Nominee
		err := sc.Scan(&n.PersonID, &n.Role, &n.Votes)
		return n, err
	}, "SELECT person_id, seat_role, votes FROM board_candidates WHERE org_id = $1 AND election_id = $2 ORDER BY seat_role, votes DESC, person_id", orgID, e.ID)
	return err
}

func (s store) lastRulesVersion(ctx context.Context, tx *sql.Tx, orgID, groupID string) (int, error) {
	var n int
	err := tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM group_rules WHERE org_id = $1 AND group_id = $2", orgID, groupID).Scan(&n)
	return n, err
}

func (s store) insertRules(ctx context.Context, tx *sql.Tx, orgID, groupID string, v RulesVersion) error {
	_, err := tx.ExecContext(ctx, "INSERT INTO group_rules (org_id, group_id, version, body, adopted_on, user_id, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7)",
		orgID, groupID, v.Version, v.Text, day(v.AdoptedOn), v.UserID, v.CreatedAt)
	return err
}

func (s store) rulesVersions(ctx context.Context, orgID, groupID string) ([]RulesVersion, error) {
	return db.Query(ctx, s.db.Reader(), func(sc db.Scanner) (RulesVersion, error) {
		var v RulesVersion
		var d string
		err := sc.Scan(&v.Version, &v.Text, &d, &v.UserID, &v.CreatedAt)
		v.AdoptedOn = dayOf(d)
		return v, err
	}, "SELECT version, body, adopted_on, user_id, created_at FROM group_rules WHERE org_id = $1 AND group_id = $2 ORDER BY version DESC", orgID, groupID)
}

func topicsText(ts []Topic) string {
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = string(t)
	}
	return strings.Join(parts, ",")
}

func (s store) insertMeeting(ctx context.Context, tx *sql.Tx, orgID string, m Gathering) error {
	_, err := tx.ExecContext(ctx, "INSERT INTO group_meetings (org_id, id, group_id, kind, meeting_date, facilitator_id, topics, other_topics, notes, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)",
		orgID, m.ID, m.GroupID, string(m.Kind), day(m.Date), db.NullIfEmpty(m.FacilitatorID), topicsText(m.Topics), m.OtherTopics, m.Notes, m.CreatedAt)
	if err != nil {
		return err
	}
	if err := insertAttendance(ctx, tx, "meeting_attendance", "meeting_id", orgID, m.ID, m.Attendance); err != nil {
		return err
	}
	for _, f := range m.FollowUps {
		if _, err := tx.ExecContext(ctx, "INSERT INTO follow_ups (org_id, id, meeting_id, group_id, action, due_date, done_date, created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,'',$7,$7)",
			orgID, f.ID, m.ID, m.GroupID, f.Action, day(f.Due), m.CreatedAt); err != nil {
			return err
		}
	}
	return nil
}

// meetings lists a group's meetings, newest first, with attendance and follow-ups.
func (s store) meetings(ctx context.Context, orgID, groupID string) ([]Gathering, error) {
	att, err := s.attendance(ctx, "meeting_attendance", "meeting_id", "group_meetings", orgID, groupID)
	if err != nil {
		return nil, err
	}
	fus, err := s.followUps(ctx, "f.org_id = $1 AND f.group_id = $2", orgID, groupID)
	if err != nil {
		return nil, err
	}
	byMeeting := map[string][]FollowUp{}
	for _, f := range fus {
		byMeeting[f.MeetingID] = append(byMeeting[f.MeetingID], f)
	}
	return db.Query(ctx, s.db.Reader(), func(sc db.Scanner) (Gathering, error) {
		var m Gathering
		var d, topics string
		var fac sql.NullString
		err := sc.Scan(&m.ID, &m.GroupID, &m.Kind, &d, &fac, &topics, &m.OtherTopics, &m.Notes, &m.CreatedAt)
		m.Date, m.FacilitatorID, m.Attendance, m.Topics = dayOf(d), fac.String, orEmpty(att[m.ID]), []Topic{}
		for _, t := range strings.Split(topics, ",") {
			if t != "" {
				m.Topics = append(m.Topics, Topic(t))
			}
		}
		m.FollowUps = byMeeting[m.ID]
		if m.FollowUps == nil {
			m.FollowUps = []FollowUp{}
		}
		return m, err
	}, "SELECT id, group_id, kind, meeting_date, facilitator_id, topics, other_topics, notes, created_at FROM group_meetings WHERE org_id = $1 AND group_id = $2 ORDER BY meeting_date DESC, created_at DESC", orgID, groupID)
}

const followUpSelect = "SELECT f.id, f.meeting_id, f.group_id, f.action, f.due_date, f.done_date FROM follow_ups f "

func scanFollowUp(sc db.Scanner) (FollowUp, error) {
	var f FollowUp
	var due, done string
	err := sc.Scan(&f.ID, &f.MeetingID, &f.GroupID, &f.Action, &due, &done)
	f.Due, f.Done = dayOf(due), dayOf(done)
	return f, err
}

func (s store) followUps(ctx context.Context, cond string, args ...any) ([]FollowUp, error) {
	return db.Query(ctx, s.db.Reader(), scanFollowUp, followUpSelect+"WHERE "+cond+" ORDER BY f.due_date, f.id", args...)
}

func (s store) followUp(ctx context.Context, r db.Querier, orgID, id string) (FollowUp, error) {
	return scanFollowUp(r.QueryRowContext(ctx, followUpSelect+"WHERE f.org_id = $1 AND f.id = $2", orgID, id))
}

func (s store) completeFollowUp(ctx context.Context, tx *sql.Tx, orgID string, f FollowUp, at time.Time) error {
	_, err := tx.ExecContext(ctx, "UPDATE follow_ups SET done_date = $1, updated_at = $2 WHERE org_id = $3 AND id = $4", day(f.Done), at, orgID, f.ID)
	return err
}

// countedMembers is the number of a group's active members who count toward
// the bounds (not candidates).
const countedMembers = "(SELECT COUNT(*) FROM memberships m WHERE m.org_id = g.org_id AND m.group_id = g.id AND m.leave_date = '' AND m.member_role <> 'candidate')"

// listGroups returns one page of the groups matching w, by name, and the total.
func (s store) listGroups(ctx context.Context, w *db.Where, limit, offset int) ([]Summary, int, error) {
	var total int
	if err := s.db.Reader().QueryRowContext(ctx, "SELECT COUNT(*) FROM groups g WHERE "+w.SQL(), w.Args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	cols := "g." + strings.ReplaceAll(groupColumns, ", ", ", g.")
	query := fmt.Sprintf("SELECT %s, %s FROM groups g WHERE %s ORDER BY g.name, g.id LIMIT %d OFFSET %d", cols, countedMembers, w.SQL(), limit, offset)
	out, err := db.Query(ctx, s.db.Reader(), func(sc db.Scanner) (Summary, error) {
		var sm Summary
		g, err := scanGroup(sc, &sm.Members)
		sm.Group = g
		return sm, err
	}, query, w.Args...)
	return out, total, err
}

// counts rolls the groups matching w up by a region column, type and stage.
func (s store) counts(ctx context.Context, w *db.Where, col string) ([]Count, error) {
	query := "SELECT g." + col + ", g.group_type, g.stage, COUNT(*), CAST(COALESCE(SUM(mc.n), 0) AS BIGINT) FROM groups g " +
		"LEFT JOIN (SELECT org_id, group_id, COUNT(*) AS n FROM memberships WHERE org_id = $1 AND leave_date = '' AND member_role <> 'candidate' GROUP BY org_id, group_id) mc " +
		"ON mc.org_id = g.org_id AND mc.group_id = g.id WHERE " + w.SQL() + " GROUP BY g." + col + ", g.group_type, g.stage ORDER BY g." + col + ", g.group_type, g.stage"
	return db.Query(ctx, s.db.Reader(), func(sc db.Scanner) (Count, error) {
		var c Count
		err := sc.Scan(&c.RegionCode, &c.Type, &c.Stage, &c.Groups, &c.Members)
		return c, err
	}, query, w.Args...)
}

// overdue lists the open follow-ups of the groups matching w due before
// today. The organisation is w's first argument ($1).
func (s store) overdue(ctx context.Context, w *db.Where, today string) ([]FollowUp, error) {
	args := append(append([]any{}, w.Args...), today)
	cond := fmt.Sprintf("f.org_id = $1 AND f.done_date = '' AND f.due_date < $%d AND EXISTS (SELECT 1 FROM groups g WHERE g.org_id = f.org_id AND g.id = f.group_id AND %s)", len(args), w.SQL())
	return s.followUps(ctx, cond, args...)
}

// lastMeetings maps each group matching w to the date of its latest meeting.
func (s store) lastMeetings(ctx context.Context, w *db.Where) (map[string]time.Time, error) {
	rows, err := s.db.Reader().QueryContext(ctx, "SELECT g.id, MAX(m.meeting_date) FROM groups g JOIN group_meetings m ON m.org_id = g.org_id AND m.group_id = g.id WHERE "+w.SQL()+" GROUP BY g.id", w.Args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]time.Time{}
	for rows.Next() {
		var id, d string
		if err := rows.Scan(&id, &d); err != nil {
			return nil, err
		}
		out[id] = dayOf(d)
	}
	return out, rows.Err()
}
