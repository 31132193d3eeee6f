package group

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"time"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/programme"
)

// MemberRole is a member's standing in the group (labels under "member_role.<code>").
type MemberRole string

// The member roles. A candidate has stated interest (the waste-picker
// design's "pernyataan minat") and does not yet count toward the bounds.
const (
	Ordinary  MemberRole = "member"
	Founder   MemberRole = "founder"
	Candidate MemberRole = "candidate"
)

// MemberRoles lists every member role.
var MemberRoles = []MemberRole{Ordinary, Founder, Candidate}

// Valid reports whether r is a known member role.
func (r MemberRole) Valid() bool { return slices.Contains(MemberRoles, r) }

// Member is one membership: a registry person in a group from a join date
// until (when set) a leave date. Leaving never deletes the row.
type Member struct {
	ID          string     `json:"id"`
	GroupID     string     `json:"group_id"`
	PersonID    string     `json:"person_id"`
	HouseholdID string     `json:"household_id"`
	Name        string     `json:"name"` // the person's name, for lists
	Role        MemberRole `json:"role"`
	Joined      time.Time  `json:"joined"`
	Left        time.Time  `json:"left"`
	LeaveReason string     `json:"leave_reason"`
}

// MemberInput is a person joining a group. Role defaults to member, Joined to today.
type MemberInput struct {
	PersonID string `json:"person_id"`
	Role     string `json:"role"`
	Joined   string `json:"joined"`
}

// LeaveInput is a member leaving.
type LeaveInput struct {
	Date   string `json:"date"`
	Reason string `json:"reason"`
}

// AddMember adds a registry person to a group under the rules of CheckJoin.
func (s *Service) AddMember(ctx context.Context, p access.Principal, groupID string, in MemberInput) (Member, error) {
	_, prog, err := s.writable(ctx, p, groupID)
	if err != nil {
		return Member{}, err
	}
	m, err := s.parseMember(in)
	if err != nil {
		return m, err
	}
	person, err := s.person(ctx, p, "person_id", m.PersonID)
	if err != nil {
		return m, err
	}
	m.HouseholdID = person.HouseholdID
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		g, err := s.groupInScope(ctx, tx, p, groupID, true)
		if err != nil {
			return err
		}
		m, err = s.join(ctx, tx, p, g, prog, m)
		return err
	})
	return m, err
}

func (s *Service) parseMember(in MemberInput) (Member, error) {
	f := errs.Fields{}
	m := Member{PersonID: strings.TrimSpace(in.PersonID), Role: MemberRole(strings.TrimSpace(in.Role))}
	if m.Role == "" {
		m.Role = Ordinary
	}
	if !m.Role.Valid() {
		f.Add("role", "member.err.role")
	}
	if m.PersonID == "" {
		f.Add("person_id", "person.err.not_found")
	}
	m.Joined = programme.ParseDayField(f, "joined", in.Joined, false, s.today())
	if m.Joined.IsZero() {
		m.Joined = s.today()
	}
	return m, f.Err()
}

// join applies the membership rules and stores the membership in tx. The
// partial unique indexes of the memberships table hold the same rules as a
// last line, should two writers race on PostgreSQL.
func (s *Service) join(ctx context.Context, tx *sql.Tx, p access.Principal, g Group, prog programme.Programme, m Member) (Member, error) {
	rules, _ := prog.RulesFor(g.Type)
	active, err := s.store.members(ctx, tx, p.OrgID, g.ID, false)
	if err != nil {
		return m, err
	}
	elsewhere, err := s.store.activeElsewhere(ctx, tx, p.OrgID, g.ProgrammeID, m.PersonID, g.ID)
	if err != nil {
		return m, err
	}
	j := Joining{PersonID: m.PersonID, HouseholdID: m.HouseholdID, Role: m.Role, ElsewhereInProgramme: elsewhere}
	if err := CheckJoin(g, rules, prog.AllowDouble, active, j); err != nil {
		return m, err
	}
	m.ID, m.GroupID = newID(), g.ID
	flags := memberFlags{single: !prog.AllowDouble, perHousehold: g.Type == programme.KUBE}
	if err := s.store.insertMember(ctx, tx, p.OrgID, g.ProgrammeID, m, flags, s.clock()); err != nil {
		if db.IsUniqueViolation(err) {
			return m, errs.New(errs.Conflict, "member.err.double").Field("person_id", "member.err.double")
		}
		return m, err
	}
	return m, s.record(ctx, tx, p, "create", "membership", m.ID, g.VillageCode, nil, m)
}

// LeaveMember ends a membership on a date; a board seat the member held ends
// with it, since every board member must be a member. A groupID that is set
// must be the membership's group (a page's address names both); a membership
// of another group is not found.
func (s *Service) LeaveMember(ctx context.Context, p access.Principal, groupID, memberID string, in LeaveInput) (Member, error) {
	if err := p.Require(access.WriteRecords); err != nil {
		return Member{}, err
	}
	f := errs.Fields{}
	day := programme.ParseDayField(f, "date", in.Date, true, s.today())
	reason := checkText(f, "reason", in.Reason, false)
	if err := f.Err(); err != nil {
		return Member{}, err
	}
	var m Member
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		before, err := s.store.member(ctx, tx, p.OrgID, memberID)
		if isNoRows(err) || (err == nil && groupID != "" && before.GroupID != groupID) {
			return errs.New(errs.NotFound, "member.err.not_found")
		}
		if err != nil {
			return err
		}
		g, err := s.groupInScope(ctx, tx, p, before.GroupID, true)
		if err != nil {
			return errs.New(errs.NotFound, "member.err.not_found")
		}
		m, err = s.leave(ctx, tx, p, g, before, day, reason)
		return err
	})
	return m, err
}

func (s *Service) leave(ctx context.Context, tx *sql.Tx, p access.Principal, g Group, before Member, day time.Time, reason string) (Member, error) {
	if !before.Left.IsZero() {
		return before, errs.New(errs.Conflict, "member.err.already_left")
	}
	if day.Before(before.Joined) {
		return before, invalid("date", "member.err.leave_before_join")
	}
	m := before
	m.Left, m.LeaveReason = day, reason
	if err := s.store.leaveMember(ctx, tx, p.OrgID, m, s.clock()); err != nil {
		return m, err
	}
	if err := s.store.endSeatsOf(ctx, tx, p.OrgID, g.ID, m.PersonID, day); err != nil {
		return m, err
	}
	return m, s.record(ctx, tx, p, "leave", "membership", m.ID, g.VillageCode, before, m)
}

// Members lists a group's members by name: the active ones, or with history
// also those who left (the member book shows both).
func (s *Service) Members(ctx context.Context, p access.Principal, groupID string, history bool) ([]Member, error) {
	if _, _, err := s.readable(ctx, p, groupID); err != nil {
		return nil, err
	}
	return s.store.members(ctx, s.db.Reader(), p.OrgID, groupID, history)
}

// activeMap indexes the active members of a group by person.
func activeMap(members []Member) map[string]Member {
	out := map[string]Member{}
	for _, m := range members {
		if m.Left.IsZero() {
			out[m.PersonID] = m
		}
	}
	return out
}

// countable is the number of members counting toward the bounds.
func countable(members []Member) int {
	n := 0
	for _, m := range members {
		if m.CountsTowardBounds() {
			n++
		}
	}
	return n
}
