package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/group"
	"github.com/berdaya/berdaya/internal/programme"
	"github.com/berdaya/berdaya/internal/region"
)

// groupAPI is the API of programmes, units, groups, members, board and meetings.
// Every operation calls one service method, which checks the role and the
// region scope: a record outside the caller's scope is not found.
func (s *Server) groupAPI() []apiRoute {
	return []apiRoute{
		// Programmes.
		{Method: "GET", Path: "/programmes", Summary: "Programmes whose regions overlap the caller's scope, newest first", Tag: "programmes",
			Status: 200, Response: "ProgrammeList", handle: apiRead(s, s.apiProgrammes)},
		{Method: "POST", Path: "/programmes", Summary: "Create a programme (a first phase) with its regions and group rules", Tag: "programmes",
			Body: "ProgrammeInput", Status: 201, Response: "Programme", handle: apiWrite(s, http.StatusCreated, s.apiCreateProgramme)},
		{Method: "GET", Path: "/programmes/{id}", Summary: "One programme", Tag: "programmes", Status: 200, Response: "Programme", handle: apiRead(s, s.apiProgramme)},
		{Method: "PUT", Path: "/programmes/{id}", Summary: "Replace a programme's details, regions and rules (the caller's scope must cover it whole)", Tag: "programmes",
			Body: "ProgrammeInput", Status: 200, Response: "Programme", handle: apiWrite(s, http.StatusOK, s.apiUpdateProgramme)},
		{Method: "GET", Path: "/programmes/{id}/baseline", Summary: "The previous phase's figures a phase started from (empty for a first phase)", Tag: "programmes",
			Status: 200, Response: "BaselineList", handle: apiRead(s, s.apiBaseline)},
		{Method: "POST", Path: "/programmes/{id}/phases", Summary: "Start the next phase: carries the groups, members and boards over and freezes the baseline", Tag: "programmes",
			Body: "ProgrammeInput", Status: 201, Response: "NextPhase", handle: apiWrite(s, http.StatusCreated, s.apiNextPhase)},

		// Organisation units.
		{Method: "GET", Path: "/units", Summary: "Organisation units in the caller's scope, by name", Tag: "units", Query: apiUnitQuery,
			Status: 200, Response: "UnitList", handle: apiRead(s, s.apiUnits)},
		{Method: "POST", Path: "/units", Summary: "Create an organisation unit", Tag: "units", Body: "UnitInput", Status: 201, Response: "Unit",
			handle: apiWrite(s, http.StatusCreated, s.apiCreateUnit)},
		{Method: "GET", Path: "/units/{id}", Summary: "One unit with its staff (past and present) and its sub-units", Tag: "units",
			Status: 200, Response: "UnitDetail", handle: apiRead(s, s.apiUnit)},
		{Method: "PUT", Path: "/units/{id}", Summary: "Replace a unit's details", Tag: "units", Body: "UnitInput", Status: 200, Response: "Unit",
			handle: apiWrite(s, http.StatusOK, s.apiUpdateUnit)},
		{Method: "POST", Path: "/units/{id}/staff", Summary: "Add a staff post to a unit (a user or a registry person)", Tag: "units",
			Body: "StaffInput", Status: 201, Response: "Staff", handle: apiWrite(s, http.StatusCreated, s.apiAddStaff)},
		{Method: "POST", Path: "/staff/{id}/end", Summary: "End a staff post on a date; it stays in the unit's history", Tag: "units",
			Body: "StaffEnd", Status: 200, Response: "Staff", handle: apiWrite(s, http.StatusOK, s.apiEndStaff)},

		// Groups.
		{Method: "GET", Path: "/groups", Summary: "Groups in the caller's scope, filtered and paged, by name", Tag: "groups", Query: apiGroupQuery,
			Status: 200, Response: "GroupPage", handle: apiRead(s, s.apiGroups)},
		{Method: "POST", Path: "/groups", Summary: "Create a group at the forming stage", Tag: "groups", Body: "GroupInput", Status: 201, Response: "Group",
			handle: apiWrite(s, http.StatusCreated, s.apiCreateGroup)},
		{Method: "GET", Path: "/group-counts", Summary: "Groups and active members in the caller's scope by region, type and stage", Tag: "groups", Query: apiCountQuery,
			Status: 200, Response: "GroupCountList", handle: apiRead(s, s.apiGroupCounts)},
		{Method: "GET", Path: "/groups/{id}", Summary: "One group with its stage history and cooperative registration", Tag: "groups",
			Status: 200, Response: "GroupDetail", handle: apiRead(s, s.apiGroup)},
		{Method: "PUT", Path: "/groups/{id}", Summary: "Replace a group's name, business field, place, unit, facilitator and settlement flag (programme and type are fixed)", Tag: "groups",
			Body: "GroupInput", Status: 200, Response: "Group", handle: apiWrite(s, http.StatusOK, s.apiUpdateGroup)},
		{Method: "POST", Path: "/groups/{id}/stage", Summary: "Move a group to another stage with evidence (a correction is a manager's)", Tag: "groups",
			Body: "StageInput", Status: 200, Response: "Group", handle: apiWrite(s, http.StatusOK, s.apiChangeStage)},
		{Method: "POST", Path: "/groups/{id}/upgrade", Summary: "Upgrade a developing group to a legal cooperative", Tag: "groups",
			Body: "UpgradeInput", Status: 200, Response: "Group", handle: apiWrite(s, http.StatusOK, s.apiUpgrade)},
		{Method: "GET", Path: "/groups/{id}/formation", Summary: "The formation workflow: the template's steps with what was done, and whether the group may be marked formed", Tag: "groups",
			Status: 200, Response: "Formation", handle: apiRead(s, s.apiFormation)},
		{Method: "POST", Path: "/groups/{id}/steps", Summary: "Record a formation step (an FGD is a step of kind fgd)", Tag: "groups",
			Body: "StepInput", Status: 201, Response: "StepRecord", handle: apiWrite(s, http.StatusCreated, s.apiRecordStep)},

		// Members.
		{Method: "GET", Path: "/groups/{id}/members", Summary: "A group's members by name: the active ones, or with history=1 also those who left", Tag: "members",
			Query: []apiParam{{"history", "1 to include members who left"}}, Status: 200, Response: "MemberList", handle: apiRead(s, s.apiMembers)},
		{Method: "POST", Path: "/groups/{id}/members", Summary: "Add a registry person to a group", Tag: "members", Body: "MemberInput", Status: 201, Response: "Member",
			handle: apiWrite(s, http.StatusCreated, s.apiAddMember)},
		{Method: "POST", Path: "/members/{id}/leave", Summary: "End a membership on a date (a board seat held ends with it)", Tag: "members",
			Body: "LeaveInput", Status: 200, Response: "Member", handle: apiWrite(s, http.StatusOK, s.apiLeave)},

		// Board and rules book.
		{Method: "GET", Path: "/groups/{id}/board", Summary: "A group's current board and its elections, newest first", Tag: "board",
			Status: 200, Response: "Board", handle: apiRead(s, s.apiBoard)},
		{Method: "POST", Path: "/groups/{id}/elections", Summary: "Record a board election; the previous board's seats end on its date", Tag: "board",
			Body: "ElectionInput", Status: 201, Response: "Election", handle: apiWrite(s, http.StatusCreated, s.apiElect)},
		{Method: "GET", Path: "/groups/{id}/rules", Summary: "Every version of a group's rules book, newest first", Tag: "board",
			Status: 200, Response: "RulesBook", handle: apiRead(s, s.apiRulesBook)},
		{Method: "POST", Path: "/groups/{id}/rules", Summary: "Add a version of a group's rules book", Tag: "board", Body: "RulesInput", Status: 201, Response: "RulesVersion",
			handle: apiWrite(s, http.StatusCreated, s.apiAddRules)},

		// Meetings and coaching.
		{Method: "GET", Path: "/groups/{id}/meetings", Summary: "A group's visits and meetings, newest first", Tag: "meetings",
			Status: 200, Response: "MeetingList", handle: apiRead(s, s.apiMeetings)},
		{Method: "POST", Path: "/groups/{id}/meetings", Summary: "Record a coaching visit or meeting with attendance and follow-ups", Tag: "meetings",
			Body: "MeetingInput", Status: 201, Response: "Meeting", handle: apiWrite(s, http.StatusCreated, s.apiRecordMeeting)},
		{Method: "POST", Path: "/followups/{id}/complete", Summary: "Mark a follow-up done on a date", Tag: "meetings",
			Body: "FollowUpDone", Status: 200, Response: "FollowUp", handle: apiWrite(s, http.StatusOK, s.apiCompleteFollowUp)},
		{Method: "GET", Path: "/facilitators/{id}/overview", Summary: "A facilitator's groups, overdue follow-ups and groups not visited for some days, within the caller's scope ({id} a user id, or me)", Tag: "meetings",
			Query: []apiParam{{"days", "days without a visit or meeting (default 30)"}}, Status: 200, Response: "Overview", handle: apiRead(s, s.apiOverview)},
	}
}

// apiRead answers a GET with what fn returns.
func apiRead[Out any](s *Server, fn func(r *http.Request, p access.Principal) (Out, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		out, err := fn(r, principal(r))
		if err != nil {
			s.fail(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, out)
	}
}

// apiWrite decodes a JSON body strictly, calls fn and answers with status.
func apiWrite[In, Out any](s *Server, status int, fn func(r *http.Request, p access.Principal, in In) (Out, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var in In
		if err := decodeJSON(r, &in); err != nil {
			s.fail(w, r, err)
			return
		}
		out, err := fn(r, principal(r), in)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		writeJSON(w, status, out)
	}
}

// apiQueryInts reads whole-number query parameters; an unreadable one is a field
// problem under its own name.
func apiQueryInts(q url.Values, fields errs.Fields, names ...string) []int {
	out := make([]int, len(names))
	for i, name := range names {
		v := strings.TrimSpace(q.Get(name))
		if v == "" {
			continue
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			fields.Add(name, "err.number")
		}
		out[i] = n
	}
	return out
}

func apiQueryFlag(q url.Values, name string) bool { v := q.Get(name); return v == "1" || v == "true" }

// --- programmes ---

func (s *Server) apiProgrammes(r *http.Request, p access.Principal) (listBody[programme.Programme], error) {
	items, err := s.Programmes.ListProgrammes(r.Context(), p)
	return list(items), err
}

func (s *Server) apiCreateProgramme(r *http.Request, p access.Principal, in programme.Input) (programme.Programme, error) {
	return s.Programmes.CreateProgramme(r.Context(), p, in)
}

func (s *Server) apiProgramme(r *http.Request, p access.Principal) (programme.Programme, error) {
	return s.Programmes.GetProgramme(r.Context(), p, r.PathValue("id"))
}

func (s *Server) apiUpdateProgramme(r *http.Request, p access.Principal, in programme.Input) (programme.Programme, error) {
	return s.Programmes.UpdateProgramme(r.Context(), p, r.PathValue("id"), in)
}

func (s *Server) apiBaseline(r *http.Request, p access.Principal) (listBody[programme.Baseline], error) {
	items, err := s.Programmes.Baseline(r.Context(), p, r.PathValue("id"))
	return list(items), err
}

func (s *Server) apiNextPhase(r *http.Request, p access.Principal, in programme.Input) (group.NextPhase, error) {
	return s.Groups.StartNextPhase(r.Context(), p, r.PathValue("id"), in)
}

// --- units ---

var apiUnitQuery = []apiParam{{"programme", "programme id"}, {"parent", "parent unit id"}, {"region", "region code at any level"},
	{"type", "unit type, e.g. lpp, mfu, rbu"}}

func (s *Server) apiUnits(r *http.Request, p access.Principal) (listBody[programme.Unit], error) {
	q := r.URL.Query()
	items, err := s.Programmes.ListUnits(r.Context(), p, programme.UnitFilter{ProgrammeID: q.Get("programme"), ParentID: q.Get("parent"),
		Region: q.Get("region"), Type: programme.UnitType(q.Get("type"))})
	return list(items), err
}

func (s *Server) apiCreateUnit(r *http.Request, p access.Principal, in programme.UnitInput) (programme.Unit, error) {
	return s.Programmes.CreateUnit(r.Context(), p, in)
}

func (s *Server) apiUnit(r *http.Request, p access.Principal) (programme.UnitDetail, error) {
	d, err := s.Programmes.GetUnit(r.Context(), p, r.PathValue("id"))
	if d.Staff == nil {
		d.Staff = []programme.Staff{}
	}
	if d.Children == nil {
		d.Children = []programme.Unit{}
	}
	return d, err
}

func (s *Server) apiUpdateUnit(r *http.Request, p access.Principal, in programme.UnitInput) (programme.Unit, error) {
	return s.Programmes.UpdateUnit(r.Context(), p, r.PathValue("id"), in)
}

func (s *Server) apiAddStaff(r *http.Request, p access.Principal, in programme.StaffInput) (programme.Staff, error) {
	return s.Programmes.AddStaff(r.Context(), p, r.PathValue("id"), in)
}

type apiStaffEnd struct {
	End string `json:"end"`
}

func (s *Server) apiEndStaff(r *http.Request, p access.Principal, in apiStaffEnd) (programme.Staff, error) {
	return s.Programmes.EndStaff(r.Context(), p, r.PathValue("id"), in.End)
}

// --- groups ---

var apiGroupQuery = []apiParam{
	{"region", "region code at any level (dotted or not)"}, {"type", "group type: kube, ksp, shg, productive or cooperative"},
	{"stage", "forming, formed, operating, developing or cooperative"}, {"programme", "programme id"}, {"facilitator", "facilitator's user id"},
	{"page", "page number, from 1"}, {"per_page", "rows per page, at most 200"},
}

var apiCountQuery = []apiParam{
	{"level", "province, regency, district or village (default: the level below the caller's scope or the region asked)"},
	{"region", "only below this region code"}, {"programme", "programme id"}, {"type", "group type"},
}

func (s *Server) apiGroups(r *http.Request, p access.Principal) (group.Page, error) {
	q := r.URL.Query()
	fields := errs.Fields{}
	n := apiQueryInts(q, fields, "page", "per_page")
	if err := fields.Err(); err != nil {
		return group.Page{}, err
	}
	return s.Groups.ListGroups(r.Context(), p, group.Filter{Region: q.Get("region"), Type: programme.GroupType(q.Get("type")),
		Stage: group.Stage(q.Get("stage")), ProgrammeID: q.Get("programme"), FacilitatorID: q.Get("facilitator"), Page: n[0], PerPage: n[1]})
}

func (s *Server) apiGroupCounts(r *http.Request, p access.Principal) (listBody[group.Count], error) {
	q := r.URL.Query()
	items, err := s.Groups.Counts(r.Context(), p, group.CountFilter{Level: region.Level(q.Get("level")), Region: q.Get("region"), ProgrammeID: q.Get("programme"),
		Type: programme.GroupType(q.Get("type"))})
	return list(items), err
}

func (s *Server) apiCreateGroup(r *http.Request, p access.Principal, in group.Input) (group.Group, error) {
	return s.Groups.CreateGroup(r.Context(), p, in)
}

func (s *Server) apiGroup(r *http.Request, p access.Principal) (group.Detail, error) {
	return s.Groups.GetGroup(r.Context(), p, r.PathValue("id"))
}

func (s *Server) apiUpdateGroup(r *http.Request, p access.Principal, in group.Input) (group.Group, error) {
	return s.Groups.UpdateGroup(r.Context(), p, r.PathValue("id"), in)
}

func (s *Server) apiChangeStage(r *http.Request, p access.Principal, in group.StageInput) (group.Group, error) {
	return s.Groups.ChangeStage(r.Context(), p, r.PathValue("id"), in)
}

func (s *Server) apiUpgrade(r *http.Request, p access.Principal, in group.UpgradeInput) (group.Group, error) {
	return s.Groups.Upgrade(r.Context(), p, r.PathValue("id"), in)
}

func (s *Server) apiFormation(r *http.Request, p access.Principal) (group.Formation, error) {
	f, err := s.Groups.Formation(r.Context(), p, r.PathValue("id"))
	if f.Steps == nil {
		f.Steps = []group.TemplateStep{}
	}
	return f, err
}

func (s *Server) apiRecordStep(r *http.Request, p access.Principal, in group.StepInput) (group.StepRecord, error) {
	return s.Groups.RecordStep(r.Context(), p, r.PathValue("id"), in)
}

// --- members ---

func (s *Server) apiMembers(r *http.Request, p access.Principal) (listBody[group.Member], error) {
	items, err := s.Groups.Members(r.Context(), p, r.PathValue("id"), apiQueryFlag(r.URL.Query(), "history"))
	return list(items), err
}

func (s *Server) apiAddMember(r *http.Request, p access.Principal, in group.MemberInput) (group.Member, error) {
	return s.Groups.AddMember(r.Context(), p, r.PathValue("id"), in)
}

func (s *Server) apiLeave(r *http.Request, p access.Principal, in group.LeaveInput) (group.Member, error) {
	return s.Groups.LeaveMember(r.Context(), p, "", r.PathValue("id"), in)
}

// --- board and rules book ---

func (s *Server) apiBoard(r *http.Request, p access.Principal) (group.Board, error) {
	b, err := s.Groups.Board(r.Context(), p, r.PathValue("id"))
	if b.Seats == nil {
		b.Seats = []group.Seat{}
	}
	if b.Elections == nil {
		b.Elections = []group.Election{}
	}
	for i := range b.Elections {
		b.Elections[i] = apiElectionLists(b.Elections[i])
	}
	return b, err
}

func (s *Server) apiElect(r *http.Request, p access.Principal, in group.ElectionInput) (group.Election, error) {
	e, err := s.Groups.ElectBoard(r.Context(), p, r.PathValue("id"), in)
	return apiElectionLists(e), err
}

// apiElectionLists makes the lists of an election arrays, never null.
func apiElectionLists(e group.Election) group.Election {
	if e.Candidates == nil {
		e.Candidates = []group.Nominee{}
	}
	if e.Elected == nil {
		e.Elected = []group.Seat{}
	}
	return e
}

func (s *Server) apiRulesBook(r *http.Request, p access.Principal) (listBody[group.RulesVersion], error) {
	items, err := s.Groups.RulesBook(r.Context(), p, r.PathValue("id"))
	return list(items), err
}

func (s *Server) apiAddRules(r *http.Request, p access.Principal, in group.RulesInput) (group.RulesVersion, error) {
	return s.Groups.AddRules(r.Context(), p, r.PathValue("id"), in)
}

// --- meetings ---

func (s *Server) apiMeetings(r *http.Request, p access.Principal) (listBody[group.Gathering], error) {
	items, err := s.Groups.Meetings(r.Context(), p, r.PathValue("id"))
	for i := range items {
		items[i] = apiMeetingLists(items[i])
	}
	return list(items), err
}

// apiMeetingLists makes the lists of a meeting arrays, never null.
func apiMeetingLists(m group.Gathering) group.Gathering {
	if m.Topics == nil {
		m.Topics = []group.Topic{}
	}
	if m.Attendance == nil {
		m.Attendance = []string{}
	}
	if m.FollowUps == nil {
		m.FollowUps = []group.FollowUp{}
	}
	return m
}

func (s *Server) apiRecordMeeting(r *http.Request, p access.Principal, in group.MeetingInput) (group.Gathering, error) {
	m, err := s.Groups.RecordMeeting(r.Context(), p, r.PathValue("id"), in)
	return apiMeetingLists(m), err
}

type apiFollowUpDone struct {
	Done string `json:"done"`
}

func (s *Server) apiCompleteFollowUp(r *http.Request, p access.Principal, in apiFollowUpDone) (group.FollowUp, error) {
	return s.Groups.CompleteFollowUp(r.Context(), p, "", r.PathValue("id"), in.Done)
}

func (s *Server) apiOverview(r *http.Request, p access.Principal) (group.Overview, error) {
	fields := errs.Fields{}
	days := apiQueryInts(r.URL.Query(), fields, "days")[0]
	if err := fields.Err(); err != nil {
		return group.Overview{}, err
	}
	id := r.PathValue("id")
	if id == "me" {
		id = ""
	}
	ov, err := s.Groups.FacilitatorOverview(r.Context(), p, id, days)
	if ov.Groups == nil {
		ov.Groups = []group.Summary{}
	}
	if ov.Overdue == nil {
		ov.Overdue = []group.FollowUp{}
	}
	if ov.NotVisited == nil {
		ov.NotVisited = []group.Summary{}
	}
	return ov, err
}
