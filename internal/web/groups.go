package web

import (
	"net/http"
	"time"

	"github.com/berdaya/berdaya/internal/audit"
	"github.com/berdaya/berdaya/internal/group"
	"github.com/berdaya/berdaya/internal/i18n"
	"github.com/berdaya/berdaya/internal/programme"
)

// groupRoutes registers the pages of one group: its formation, members, board,
// rules, meetings, stage and books. Long forms live on their own pages, so
// that each fits a phone; every POST redirects back to the page it came from
// with a flash, or re-renders its form with the problems and what was typed.
func (s *Server) groupRoutes(page func(string, http.HandlerFunc)) {
	page("GET /groups/{id}", s.signedIn(s.groupPage))
	page("GET /groups/{id}/steps/new", s.signedIn(s.stepForm))
	page("POST /groups/{id}/steps", s.signedIn(s.recordStep))
	page("GET /groups/{id}/members/new", s.signedIn(s.memberForm))
	page("POST /groups/{id}/members", s.signedIn(s.addMember))
	page("GET /groups/{id}/members/{mid}/leave", s.signedIn(s.leaveForm))
	page("POST /groups/{id}/members/{mid}/leave", s.signedIn(s.leaveMember))
	page("GET /groups/{id}/board/election", s.signedIn(s.electionForm))
	page("POST /groups/{id}/board/election", s.signedIn(s.electBoard))
	page("GET /groups/{id}/rules", s.signedIn(s.rulesPage))
	page("POST /groups/{id}/rules", s.signedIn(s.addRules))
	page("GET /groups/{id}/meetings/new", s.signedIn(s.meetingForm))
	page("POST /groups/{id}/meetings", s.signedIn(s.recordMeeting))
	page("POST /groups/{id}/followups/{fid}/done", s.signedIn(s.completeFollowUp))
	page("GET /groups/{id}/stage", s.signedIn(s.stageForm))
	page("POST /groups/{id}/stage", s.signedIn(s.changeStage))
	page("GET /groups/{id}/upgrade", s.signedIn(s.upgradeForm))
	page("POST /groups/{id}/upgrade", s.signedIn(s.upgrade))
	page("GET /groups/{id}/books/{book}", s.signedIn(s.groupBook))
}

// groupHead is what every page of a group shows at its top.
type groupHead struct {
	Group     group.Group
	Programme programme.Programme
	Rules     programme.Rules
	Place     string // the village with its ancestors, by name
}

// groupHeadOf loads a group with its programme; a group out of scope is not found.
func (s *Server) groupHeadOf(r *http.Request, id string) (groupHead, group.Detail, error) {
	p := principal(r)
	det, err := s.Groups.GetGroup(r.Context(), p, id)
	if err != nil {
		return groupHead{}, det, err
	}
	prog, err := s.Programmes.GetProgramme(r.Context(), p, det.Group.ProgrammeID)
	if err != nil {
		return groupHead{}, det, err
	}
	rules, _ := prog.RulesFor(det.Group.Type)
	if det.Cooperative != nil {
		// An upgraded group keeps the template it was formed by.
		if formed, ok := prog.RulesFor(det.Cooperative.FormerType); ok {
			rules = formed
		}
	}
	return groupHead{Group: det.Group, Programme: prog, Rules: rules, Place: s.placeName(r, det.Group.VillageCode)}, det, nil
}

type groupPageData struct {
	groupHead
	Detail      group.Detail
	Unit        string
	Facilitator string
	Formation   group.Formation
	Members     []group.Member
	History     bool // the members list shows those who left too
	Board       group.Board
	Rules       []group.RulesVersion
	Meetings    []group.Gathering
	Audit       []audit.Entry
	Names       map[string]string // person id -> name, for attendance lists
	Today       string
	Books       []group.Book
}

func (s *Server) groupPage(w http.ResponseWriter, r *http.Request) {
	s.renderGroup(w, r, http.StatusOK, nil)
}

// renderGroup shows a group's page, with err's messages when a small form of
// the page itself (a follow-up done) was refused.
func (s *Server) renderGroup(w http.ResponseWriter, r *http.Request, status int, err error) {
	d, loadErr := s.groupData(r, r.PathValue("id"))
	if loadErr != nil {
		s.fail(w, r, loadErr)
		return
	}
	if err != nil {
		s.formError(w, r, "group", d.Group.Name, d, err)
		return
	}
	s.render(w, r, status, "group", s.newView(w, r, d.Group.Name, d))
}

func (s *Server) groupData(r *http.Request, id string) (groupPageData, error) {
	ctx, p := r.Context(), principal(r)
	h, det, err := s.groupHeadOf(r, id)
	if err != nil {
		return groupPageData{}, err
	}
	d := groupPageData{groupHead: h, Detail: det, History: r.URL.Query().Get("history") == "1", Today: gpToday(),
		Books: group.Books}
	if d.Formation, err = s.Groups.Formation(ctx, p, id); err != nil {
		return d, err
	}
	all, err := s.Groups.Members(ctx, p, id, true)
	if err != nil {
		return d, err
	}
	d.Names = map[string]string{}
	for _, m := range all {
		d.Names[m.PersonID] = m.Name
		if d.History || m.Left.IsZero() {
			d.Members = append(d.Members, m)
		}
	}
	if d.Board, err = s.Groups.Board(ctx, p, id); err != nil {
		return d, err
	}
	if d.Rules, err = s.Groups.RulesBook(ctx, p, id); err != nil {
		return d, err
	}
	if d.Meetings, err = s.Groups.Meetings(ctx, p, id); err != nil {
		return d, err
	}
	if d.Audit, err = s.Groups.History(ctx, p, id); err != nil {
		return d, err
	}
	var attendees []string
	for _, st := range d.Formation.Steps {
		for _, rec := range st.Done {
			attendees = append(attendees, rec.Attendance...)
		}
	}
	if err := s.groupAddNames(r, d.Names, attendees); err != nil {
		return d, err
	}
	d.Facilitator = s.groupUserName(r, h.Group.FacilitatorID)
	if h.Group.UnitID != "" {
		if u, err := s.Programmes.GetUnit(ctx, p, h.Group.UnitID); err == nil {
			d.Unit = u.Unit.Name
		}
	}
	return d, nil
}

// groupAddNames looks up, in one query, the names of attendees who are not
// members (yet); one the user may not see is named "-".
func (s *Server) groupAddNames(r *http.Request, names map[string]string, ids []string) error {
	var missing []string
	for _, id := range ids {
		if _, ok := names[id]; !ok {
			names[id] = "-"
			missing = append(missing, id)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	persons, err := s.Registry.PersonsByID(r.Context(), principal(r), missing)
	for id, person := range persons {
		names[id] = person.Name
	}
	return err
}

// groupUserName is a colleague's name, or "" for a user the signed-in user
// does not work alongside (a scope elsewhere, or disabled).
func (s *Server) groupUserName(r *http.Request, id string) string {
	for _, u := range s.orgUsers(r) {
		if u.ID == id {
			return u.Label()
		}
	}
	return ""
}

// gpToday is the date in Indonesia as a form shows it.
func gpToday() string { return i18n.Date(time.Now()) }
