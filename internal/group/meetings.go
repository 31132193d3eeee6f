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

// Topic is a coaching topic of the waste-picker design (labels under "topic.<code>").
type Topic string

// The coaching topics: family, economy, saving, family credit and the basics
// of self-help groups; anything else goes in the free text.
const (
	TopicFamily   Topic = "keluarga"
	TopicEconomy  Topic = "ekonomi"
	TopicSaving   Topic = "menabung"
	TopicCredit   Topic = "kredit_keluarga"
	TopicSelfHelp Topic = "dasar_swadaya"
)

// Topics lists every topic in display order.
var Topics = []Topic{TopicFamily, TopicEconomy, TopicSaving, TopicCredit, TopicSelfHelp}

// MeetingKind tells a facilitator's visit from a group's own meeting.
type MeetingKind string

// The meeting kinds.
const (
	Visit   MeetingKind = "visit"   // kunjungan pendamping
	Meeting MeetingKind = "meeting" // pertemuan kelompok
)

// Gathering is one coaching visit or group meeting.
type Gathering struct {
	ID            string      `json:"id"`
	GroupID       string      `json:"group_id"`
	Kind          MeetingKind `json:"kind"`
	Date          time.Time   `json:"date"`
	FacilitatorID string      `json:"facilitator_id,omitempty"`
	Topics        []Topic     `json:"topics"`
	OtherTopics   string      `json:"other_topics"`
	Attendance    []string    `json:"attendance"` // person ids, members of the group
	Notes         string      `json:"notes"`
	FollowUps     []FollowUp  `json:"follow_ups"`
	CreatedAt     time.Time   `json:"created_at"`
}

// FollowUp is an action agreed at a meeting, due by a date, done when Done is set.
type FollowUp struct {
	ID        string    `json:"id"`
	MeetingID string    `json:"meeting_id"`
	GroupID   string    `json:"group_id"`
	Action    string    `json:"action"`
	Due       time.Time `json:"due"`
	Done      time.Time `json:"done"`
}

// FollowUpInput is a follow-up as entered.
type FollowUpInput struct {
	Action string `json:"action"`
	Due    string `json:"due"`
}

// MeetingInput is a visit or meeting as entered.
type MeetingInput struct {
	Kind          string          `json:"kind"`
	Date          string          `json:"date"`
	FacilitatorID string          `json:"facilitator_id"`
	Topics        []string        `json:"topics"`
	OtherTopics   string          `json:"other_topics"`
	Attendance    []string        `json:"attendance"`
	Notes         string          `json:"notes"`
	FollowUps     []FollowUpInput `json:"follow_ups"`
}

// Parse checks a meeting's form.
func (in MeetingInput) Parse(today time.Time) (Gathering, error) {
	f := errs.Fields{}
	m := Gathering{Kind: MeetingKind(strings.TrimSpace(in.Kind)), FacilitatorID: strings.TrimSpace(in.FacilitatorID), Topics: []Topic{}}
	if m.Kind != Visit && m.Kind != Meeting {
		f.Add("kind", "meeting.err.kind")
	}
	m.Date = programme.ParseDayField(f, "date", in.Date, true, today)
	for _, t := range in.Topics {
		topic := Topic(strings.TrimSpace(t))
		if !slices.Contains(Topics, topic) {
			f.Add("topics", "meeting.err.topic")
		} else if !slices.Contains(m.Topics, topic) {
			m.Topics = append(m.Topics, topic)
		}
	}
	m.OtherTopics = checkText(f, "other_topics", in.OtherTopics, false)
	m.Notes = checkText(f, "notes", in.Notes, false)
	for _, fu := range in.FollowUps {
		action := checkText(f, "follow_ups", fu.Action, true)
		due := programme.ParseDayField(f, "follow_ups", fu.Due, true, time.Time{})
		if !due.IsZero() && due.Before(m.Date) {
			f.Add("follow_ups", "meeting.err.due_before")
		}
		m.FollowUps = append(m.FollowUps, FollowUp{Action: action, Due: due})
	}
	return m, f.Err()
}

// RecordMeeting records a coaching visit or meeting: attendance comes from
// the group's members on that day, and each follow-up is kept to be done.
func (s *Service) RecordMeeting(ctx context.Context, p access.Principal, groupID string, in MeetingInput) (Gathering, error) {
	g, _, err := s.writable(ctx, p, groupID)
	if err != nil {
		return Gathering{}, err
	}
	m, err := in.Parse(s.today())
	if err != nil {
		return m, err
	}
	if m.FacilitatorID, err = s.facilitator(ctx, p, "facilitator_id", m.FacilitatorID); err != nil {
		return m, err
	}
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := s.groupInScope(ctx, tx, p, groupID, true); err != nil {
			return err
		}
		if m.Attendance, err = s.attendees(ctx, tx, p.OrgID, groupID, m.Date, in.Attendance); err != nil {
			return err
		}
		m.ID, m.GroupID, m.CreatedAt = newID(), groupID, s.clock()
		for i := range m.FollowUps {
			m.FollowUps[i].ID, m.FollowUps[i].MeetingID, m.FollowUps[i].GroupID = newID(), m.ID, groupID
		}
		if err := s.store.insertMeeting(ctx, tx, p.OrgID, m); err != nil {
			return err
		}
		return s.record(ctx, tx, p, "create", "meeting", m.ID, g.VillageCode, nil, m)
	})
	return m, err
}

// attendees keeps each listed person once and refuses anyone who was not a
// member of the group on the day (joined by then and not yet left).
func (s *Service) attendees(ctx context.Context, r db.Querier, orgID, groupID string, day time.Time, ids []string) ([]string, error) {
	all, err := s.store.members(ctx, r, orgID, groupID, true)
	if err != nil {
		return nil, err
	}
	out := []string{}
	for _, id := range ids {
		if slices.Contains(out, id) {
			continue
		}
		if !slices.ContainsFunc(all, func(m Member) bool { return m.PersonID == id && memberOn(m, day) }) {
			return nil, invalid("attendance", "meeting.err.not_member")
		}
		out = append(out, id)
	}
	return out, nil
}

func memberOn(m Member, day time.Time) bool {
	return !m.Joined.After(day) && (m.Left.IsZero() || !m.Left.Before(day))
}

// Meetings lists a group's visits and meetings, newest first.
func (s *Service) Meetings(ctx context.Context, p access.Principal, groupID string) ([]Gathering, error) {
	if _, _, err := s.readable(ctx, p, groupID); err != nil {
		return nil, err
	}
	return s.store.meetings(ctx, p.OrgID, groupID)
}

// CompleteFollowUp marks a follow-up done on a date. A groupID that is set
// must be the follow-up's group; a follow-up of another group is not found.
func (s *Service) CompleteFollowUp(ctx context.Context, p access.Principal, groupID, id, done string) (FollowUp, error) {
	if err := p.Require(access.WriteRecords); err != nil {
		return FollowUp{}, err
	}
	f := errs.Fields{}
	day := programme.ParseDayField(f, "done", done, true, s.today())
	if err := f.Err(); err != nil {
		return FollowUp{}, err
	}
	var fu FollowUp
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		before, err := s.store.followUp(ctx, tx, p.OrgID, id)
		if isNoRows(err) || (err == nil && groupID != "" && before.GroupID != groupID) {
			return errs.New(errs.NotFound, "meeting.err.follow_up_not_found")
		}
		if err != nil {
			return err
		}
		g, err := s.groupInScope(ctx, tx, p, before.GroupID, false)
		if err != nil {
			return errs.New(errs.NotFound, "meeting.err.follow_up_not_found")
		}
		if !before.Done.IsZero() {
			return errs.New(errs.Conflict, "meeting.err.follow_up_done")
		}
		fu = before
		fu.Done = day
		if err := s.store.completeFollowUp(ctx, tx, p.OrgID, fu, s.clock()); err != nil {
			return err
		}
		return s.record(ctx, tx, p, "complete", "follow_up", fu.ID, g.VillageCode, before, fu)
	})
	return fu, err
}

// RulesVersion is one version of a group's rules book.
type RulesVersion struct {
	Version   int       `json:"version"`
	Text      string    `json:"text"`
	AdoptedOn time.Time `json:"adopted_on"`
	UserID    string    `json:"user_id"`
	CreatedAt time.Time `json:"created_at"`
}

// RulesInput is a new version of the rules book.
type RulesInput struct {
	Text      string `json:"text"`
	AdoptedOn string `json:"adopted_on"`
}

// AddRules stores a new version of a group's own rules; old versions stay.
func (s *Service) AddRules(ctx context.Context, p access.Principal, groupID string, in RulesInput) (RulesVersion, error) {
	g, _, err := s.writable(ctx, p, groupID)
	if err != nil {
		return RulesVersion{}, err
	}
	f := errs.Fields{}
	v := RulesVersion{Text: checkText(f, "text", in.Text, true), UserID: p.UserID}
	v.AdoptedOn = programme.ParseDayField(f, "adopted_on", in.AdoptedOn, true, s.today())
	if err := f.Err(); err != nil {
		return v, err
	}
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := s.groupInScope(ctx, tx, p, groupID, true); err != nil {
			return err
		}
		last, err := s.store.lastRulesVersion(ctx, tx, p.OrgID, groupID)
		if err != nil {
			return err
		}
		v.Version, v.CreatedAt = last+1, s.clock()
		if err := s.store.insertRules(ctx, tx, p.OrgID, groupID, v); err != nil {
			return err
		}
		return s.record(ctx, tx, p, "rules", "group", groupID, g.VillageCode, nil, v)
	})
	return v, err
}

// RulesBook lists every version of a group's rules, newest first.
func (s *Service) RulesBook(ctx context.Context, p access.Principal, groupID string) ([]RulesVersion, error) {
	if _, _, err := s.readable(ctx, p, groupID); err != nil {
		return nil, err
	}
	return s.store.rulesVersions(ctx, p.OrgID, groupID)
}
