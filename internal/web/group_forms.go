package web

import (
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/group"
	"github.com/berdaya/berdaya/internal/i18n"
	"github.com/berdaya/berdaya/internal/registry"
)

// gpChoice is one option of a select: a user who may facilitate.
type gpChoice struct{ ID, Name string }

// personChoice is a registry person offered in a form.
type personChoice struct {
	ID     string
	Name   string
	NIK    string // as the service shows it (masked for some roles)
	Role   group.MemberRole
	Member bool   // an active member of this group
	Place  string // the village's name, to tell two of one name apart
	Age    int
}

// groupFacilitators are the users a form offers as facilitator: the signed-in
// user first, then their colleagues.
func (s *Server) groupFacilitators(r *http.Request) []gpChoice {
	p := principal(r)
	out := []gpChoice{{ID: p.UserID, Name: p.Name}}
	if out[0].Name == "" {
		out[0].Name = p.Username
	}
	for _, u := range s.orgUsers(r) {
		if u.ID != p.UserID {
			out = append(out, gpChoice{ID: u.ID, Name: u.Label()})
		}
	}
	return out
}

// gpSet turns a list of form values into a lookup for checkboxes.
func gpSet(values []string) map[string]bool {
	out := map[string]bool{}
	for _, v := range values {
		out[v] = true
	}
	return out
}

// gpBack is the group's page, at one of its sections.
func gpBack(id, section string) string { return "/groups/" + id + "#" + section }

// gpTitle is a form page's title: the action and the group.
func gpTitle(r *http.Request, key string, g group.Group) string {
	return i18n.T(state(r).lang, key) + " · " + g.Name
}

// ---- formation steps ----

type stepFormData struct {
	groupHead
	Formation    group.Formation
	In           group.StepInput
	Checked      map[string]bool
	Persons      []personChoice
	Query        string
	Facilitators []gpChoice
}

// relevantPersons are who may attend a formation step: the group's active
// members (prospective ones too) and the registry persons of its village,
// narrowed by a name or NIK search; persons already ticked stay listed.
func (s *Server) relevantPersons(r *http.Request, g group.Group, q string, checked map[string]bool) ([]personChoice, error) {
	ctx, p := r.Context(), principal(r)
	members, err := s.Groups.Members(ctx, p, g.ID, false)
	if err != nil {
		return nil, err
	}
	var out []personChoice
	seen := map[string]bool{}
	for _, m := range members {
		out = append(out, personChoice{ID: m.PersonID, Name: m.Name, Role: m.Role, Member: true})
		seen[m.PersonID] = true
	}
	f := registry.Filter{Region: g.VillageCode, Query: q, PerPage: 100}
	if q != "" {
		f.Region = ""
	}
	page, err := s.Registry.ListPersons(ctx, p, f)
	if err != nil {
		return nil, err
	}
	for _, person := range page.Items {
		if !seen[person.ID] {
			out = append(out, personChoice{ID: person.ID, Name: person.Name, NIK: person.NIK})
			seen[person.ID] = true
		}
	}
	var missing []string
	for id, on := range checked {
		if on && !seen[id] {
			missing = append(missing, id)
		}
	}
	sort.Strings(missing)
	ticked, err := s.Registry.PersonsByID(ctx, p, missing)
	for _, id := range missing {
		if person, ok := ticked[id]; ok {
			out = append(out, personChoice{ID: id, Name: person.Name, NIK: person.NIK})
		}
	}
	return out, err
}

func (s *Server) stepPage(w http.ResponseWriter, r *http.Request, d stepFormData, err error) {
	h, _, loadErr := s.groupHeadOf(r, r.PathValue("id"))
	if loadErr != nil {
		s.fail(w, r, loadErr)
		return
	}
	d.groupHead = h
	if d.Formation, loadErr = s.Groups.Formation(r.Context(), principal(r), h.Group.ID); loadErr == nil {
		d.Persons, loadErr = s.relevantPersons(r, h.Group, d.Query, d.Checked)
	}
	if loadErr != nil {
		s.fail(w, r, loadErr)
		return
	}
	d.Facilitators = s.groupFacilitators(r)
	t := gpTitle(r, "gp.step_record", h.Group)
	if err != nil {
		s.formError(w, r, "group_step", t, d, err)
		return
	}
	s.render(w, r, http.StatusOK, "group_step", s.newView(w, r, t, d))
}

func (s *Server) stepForm(w http.ResponseWriter, r *http.Request) {
	if err := principal(r).Require(access.WriteRecords); err != nil {
		s.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	in := group.StepInput{Kind: q.Get("kind"), Date: gpToday()}
	s.stepPage(w, r, stepFormData{In: in, Query: strings.TrimSpace(q.Get("q")), Checked: gpSet(q["attendance"])}, nil)
}

func (s *Server) recordStep(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	r.ParseForm()
	in := group.StepInput{Kind: r.PostForm.Get("kind"), Date: r.PostForm.Get("date"), FacilitatorID: r.PostForm.Get("facilitator_id"),
		Attendance: r.PostForm["attendance"], Notes: r.PostForm.Get("notes")}
	if r.PostForm.Get("find") != "" {
		// The search button of the attendance list: show the persons found,
		// keeping everything typed, and save nothing yet.
		s.stepPage(w, r, stepFormData{In: in, Query: strings.TrimSpace(r.PostForm.Get("q")), Checked: gpSet(in.Attendance)}, nil)
		return
	}
	if _, err := s.Groups.RecordStep(r.Context(), principal(r), id, in); err != nil {
		if !formProblem(err) {
			s.fail(w, r, err)
			return
		}
		s.stepPage(w, r, stepFormData{In: in, Query: r.PostForm.Get("q"), Checked: gpSet(in.Attendance)}, err)
		return
	}
	s.flash(w, r, "gp.step_recorded")
	http.Redirect(w, r, gpBack(id, "formation"), http.StatusSeeOther)
}

// ---- members ----

type memberFormData struct {
	groupHead
	Query   string
	Role    string
	Joined  string
	Results []personChoice
	Roles   []group.MemberRole
	Active  int
	// Searched says the list comes from a search, not the village.
	Searched bool
}

func (s *Server) memberPage(w http.ResponseWriter, r *http.Request, d memberFormData, err error) {
	ctx, p := r.Context(), principal(r)
	h, det, loadErr := s.groupHeadOf(r, r.PathValue("id"))
	if loadErr != nil {
		s.fail(w, r, loadErr)
		return
	}
	d.groupHead, d.Roles, d.Active = h, group.MemberRoles, det.ActiveMembers
	members, loadErr := s.Groups.Members(ctx, p, h.Group.ID, false)
	if loadErr != nil {
		s.fail(w, r, loadErr)
		return
	}
	active := map[string]group.Member{}
	for _, m := range members {
		active[m.PersonID] = m
	}
	f := registry.Filter{Region: h.Group.VillageCode, PerPage: 30}
	if d.Query != "" {
		f = registry.Filter{Query: d.Query, PerPage: 30}
		d.Searched = true
	}
	page, loadErr := s.Registry.ListPersons(ctx, p, f)
	if loadErr != nil && errs.CodeOf(loadErr) != errs.Invalid {
		s.fail(w, r, loadErr)
		return
	}
	now, places := time.Now().In(i18n.Zone), map[string]string{} // results share villages
	for _, person := range page.Items {
		m, ok := active[person.ID]
		c := personChoice{ID: person.ID, Name: person.Name, NIK: person.NIK, Role: m.Role, Member: ok, Age: ageOn(person.BirthDate, now)}
		if _, ok := places[person.VillageCode]; !ok {
			places[person.VillageCode] = s.regionName(r, person.VillageCode)
		}
		c.Place = places[person.VillageCode]
		d.Results = append(d.Results, c)
	}
	t := gpTitle(r, "gp.member_add", h.Group)
	if err == nil {
		err = loadErr
	}
	if err != nil {
		s.formError(w, r, "group_member", t, d, err)
		return
	}
	s.render(w, r, http.StatusOK, "group_member", s.newView(w, r, t, d))
}

func (s *Server) memberForm(w http.ResponseWriter, r *http.Request) {
	if err := principal(r).Require(access.WriteRecords); err != nil {
		s.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	d := memberFormData{Query: strings.TrimSpace(q.Get("q")), Role: q.Get("role"), Joined: q.Get("joined")}
	if d.Joined == "" {
		d.Joined = gpToday()
	}
	s.memberPage(w, r, d, nil)
}

func (s *Server) addMember(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	r.ParseForm()
	in := group.MemberInput{PersonID: r.PostForm.Get("person_id"), Role: r.PostForm.Get("role"), Joined: r.PostForm.Get("joined")}
	d := memberFormData{Query: strings.TrimSpace(r.PostForm.Get("q")), Role: in.Role, Joined: in.Joined}
	if _, err := s.Groups.AddMember(r.Context(), principal(r), id, in); err != nil {
		if !formProblem(err) {
			s.fail(w, r, err)
			return
		}
		s.memberPage(w, r, d, err)
		return
	}
	s.flash(w, r, "gp.member_added")
	q := url.Values{"q": {d.Query}, "role": {d.Role}, "joined": {d.Joined}}
	http.Redirect(w, r, "/groups/"+id+"/members/new?"+q.Encode(), http.StatusSeeOther)
}

type leaveFormData struct {
	groupHead
	Member group.Member
	In     group.LeaveInput
}

// groupMembership finds one membership of the group in the path.
func (s *Server) groupMembership(r *http.Request) (group.Member, error) {
	all, err := s.Groups.Members(r.Context(), principal(r), r.PathValue("id"), true)
	if err != nil {
		return group.Member{}, err
	}
	i := slices.IndexFunc(all, func(m group.Member) bool { return m.ID == r.PathValue("mid") })
	if i < 0 {
		return group.Member{}, errs.New(errs.NotFound, "member.err.not_found")
	}
	return all[i], nil
}

func (s *Server) leavePage(w http.ResponseWriter, r *http.Request, in group.LeaveInput, err error) {
	h, _, loadErr := s.groupHeadOf(r, r.PathValue("id"))
	var m group.Member
	if loadErr == nil {
		m, loadErr = s.groupMembership(r)
	}
	if loadErr != nil {
		s.fail(w, r, loadErr)
		return
	}
	d := leaveFormData{groupHead: h, Member: m, In: in}
	t := gpTitle(r, "gp.member_leave", h.Group)
	if err != nil {
		s.formError(w, r, "group_leave", t, d, err)
		return
	}
	s.render(w, r, http.StatusOK, "group_leave", s.newView(w, r, t, d))
}

func (s *Server) leaveForm(w http.ResponseWriter, r *http.Request) {
	if err := principal(r).Require(access.WriteRecords); err != nil {
		s.fail(w, r, err)
		return
	}
	s.leavePage(w, r, group.LeaveInput{Date: gpToday()}, nil)
}

func (s *Server) leaveMember(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	in := group.LeaveInput{Date: r.FormValue("date"), Reason: r.FormValue("reason")}
	if _, err := s.Groups.LeaveMember(r.Context(), principal(r), id, r.PathValue("mid"), in); err != nil {
		if !formProblem(err) {
			s.fail(w, r, err)
			return
		}
		s.leavePage(w, r, in, err)
		return
	}
	s.flash(w, r, "gp.member_left")
	http.Redirect(w, r, gpBack(id, "members"), http.StatusSeeOther)
}

// ---- board ----

// electionIn is the election form as typed: votes and choices per seat and
// member, keyed "<seat>.<person id>".
type electionIn struct {
	Date, Method, TermStart, TermEnd, Minutes string
	Votes                                     map[string]string
	Elected                                   map[string]bool
}

type electionFormData struct {
	groupHead
	Members []group.Member
	Seats   []group.SeatRole
	Board   group.Board
	In      electionIn
}

func (s *Server) electionPage(w http.ResponseWriter, r *http.Request, in electionIn, err error) {
	ctx, p := r.Context(), principal(r)
	h, _, loadErr := s.groupHeadOf(r, r.PathValue("id"))
	if loadErr != nil {
		s.fail(w, r, loadErr)
		return
	}
	d := electionFormData{groupHead: h, In: in, Seats: group.SeatsFor(h.Group.Type)}
	if d.Members, loadErr = s.Groups.Members(ctx, p, h.Group.ID, false); loadErr == nil {
		d.Board, loadErr = s.Groups.Board(ctx, p, h.Group.ID)
	}
	if loadErr != nil {
		s.fail(w, r, loadErr)
		return
	}
	t := gpTitle(r, "gp.board_elect", h.Group)
	if err != nil {
		s.formError(w, r, "group_election", t, d, err)
		return
	}
	s.render(w, r, http.StatusOK, "group_election", s.newView(w, r, t, d))
}

func (s *Server) electionForm(w http.ResponseWriter, r *http.Request) {
	if err := principal(r).Require(access.WriteRecords); err != nil {
		s.fail(w, r, err)
		return
	}
	s.electionPage(w, r, electionIn{Date: gpToday(), Method: string(group.Votes), Votes: map[string]string{}, Elected: map[string]bool{}}, nil)
}

// readElection reads the election form: every "votes.<seat>.<person>" typed
// makes that person a candidate for the seat; "elected.<seat>" names who won
// it. In a consensus nobody counts votes: those agreed on are the candidates.
func readElection(form url.Values) (electionIn, group.ElectionInput, error) {
	in := electionIn{Date: form.Get("date"), Method: form.Get("method"), TermStart: form.Get("term_start"), TermEnd: form.Get("term_end"),
		Minutes: form.Get("minutes"), Votes: map[string]string{}, Elected: map[string]bool{}}
	out := group.ElectionInput{Date: in.Date, Method: in.Method, TermStart: in.TermStart, TermEnd: in.TermEnd, Minutes: in.Minutes,
		Candidates: []group.Nominee{}}
	keys := make([]string, 0, len(form))
	for k := range form {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	bad := false
	stood := map[string]bool{}
	for _, k := range keys {
		rest, ok := strings.CutPrefix(k, "votes.")
		raw := strings.TrimSpace(form.Get(k))
		if !ok || raw == "" {
			continue
		}
		role, person, ok := strings.Cut(rest, ".")
		if !ok {
			continue
		}
		in.Votes[rest] = raw
		n, err := strconv.Atoi(raw)
		if err != nil {
			bad = true
		}
		out.Candidates = append(out.Candidates, group.Nominee{PersonID: person, Role: group.SeatRole(role), Votes: n})
		stood[rest] = true
	}
	for _, k := range keys {
		role, ok := strings.CutPrefix(k, "elected.")
		if !ok {
			continue
		}
		for _, person := range form[k] {
			if person == "" {
				continue
			}
			key := role + "." + person
			in.Elected[key] = true
			out.Elected = append(out.Elected, group.Nominee{PersonID: person, Role: group.SeatRole(role)})
			if in.Method != string(group.Votes) && !stood[key] {
				out.Candidates = append(out.Candidates, group.Nominee{PersonID: person, Role: group.SeatRole(role)})
			}
		}
	}
	if bad {
		return in, out, errs.New(errs.Invalid, "err.invalid").Field("candidates", "err.number")
	}
	return in, out, nil
}

func (s *Server) electBoard(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	r.ParseForm()
	in, ein, err := readElection(r.PostForm)
	if err == nil {
		_, err = s.Groups.ElectBoard(r.Context(), principal(r), id, ein)
	}
	if err != nil {
		if !formProblem(err) {
			s.fail(w, r, err)
			return
		}
		s.electionPage(w, r, in, err)
		return
	}
	s.flash(w, r, "gp.board_elected")
	http.Redirect(w, r, gpBack(id, "board"), http.StatusSeeOther)
}

// ---- rules book ----

type rulesPageData struct {
	groupHead
	Versions []group.RulesVersion
	In       group.RulesInput
}

func (s *Server) rulesPageWith(w http.ResponseWriter, r *http.Request, in *group.RulesInput, err error) {
	h, _, loadErr := s.groupHeadOf(r, r.PathValue("id"))
	d := rulesPageData{groupHead: h}
	if loadErr == nil {
		d.Versions, loadErr = s.Groups.RulesBook(r.Context(), principal(r), h.Group.ID)
	}
	if loadErr != nil {
		s.fail(w, r, loadErr)
		return
	}
	if in != nil {
		d.In = *in
	} else {
		d.In.AdoptedOn = gpToday()
		if len(d.Versions) > 0 {
			d.In.Text = d.Versions[0].Text // a new version starts from the current one
		}
	}
	t := gpTitle(r, "gp.rules", h.Group)
	if err != nil {
		s.formError(w, r, "group_rules", t, d, err)
		return
	}
	s.render(w, r, http.StatusOK, "group_rules", s.newView(w, r, t, d))
}

func (s *Server) rulesPage(w http.ResponseWriter, r *http.Request) { s.rulesPageWith(w, r, nil, nil) }

func (s *Server) addRules(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	in := group.RulesInput{Text: r.FormValue("text"), AdoptedOn: r.FormValue("adopted_on")}
	if _, err := s.Groups.AddRules(r.Context(), principal(r), id, in); err != nil {
		if !formProblem(err) {
			s.fail(w, r, err)
			return
		}
		s.rulesPageWith(w, r, &in, err)
		return
	}
	s.flash(w, r, "gp.rules_added")
	http.Redirect(w, r, "/groups/"+id+"/rules", http.StatusSeeOther)
}

// ---- meetings ----

// followUpRows is how many empty follow-up rows the meeting form offers.
const followUpRows = 3

type meetingIn struct {
	Kind, Date, FacilitatorID, OtherTopics, Notes string
	Topics                                        map[string]bool
	Attendance                                    map[string]bool
	FollowUps                                     []group.FollowUpInput
}

type meetingFormData struct {
	groupHead
	Members      []group.Member
	Topics       []group.Topic
	Kinds        []group.MeetingKind
	Facilitators []gpChoice
	In           meetingIn
}

func (s *Server) meetingPage(w http.ResponseWriter, r *http.Request, in meetingIn, err error) {
	h, _, loadErr := s.groupHeadOf(r, r.PathValue("id"))
	d := meetingFormData{groupHead: h, Topics: group.Topics, Kinds: []group.MeetingKind{group.Visit, group.Meeting}, In: in}
	if loadErr == nil {
		d.Members, loadErr = s.Groups.Members(r.Context(), principal(r), h.Group.ID, false)
	}
	if loadErr != nil {
		s.fail(w, r, loadErr)
		return
	}
	for len(d.In.FollowUps) < followUpRows {
		d.In.FollowUps = append(d.In.FollowUps, group.FollowUpInput{})
	}
	d.Facilitators = s.groupFacilitators(r)
	t := gpTitle(r, "gp.meeting_record", h.Group)
	if err != nil {
		s.formError(w, r, "group_meeting", t, d, err)
		return
	}
	s.render(w, r, http.StatusOK, "group_meeting", s.newView(w, r, t, d))
}

func (s *Server) meetingForm(w http.ResponseWriter, r *http.Request) {
	if err := principal(r).Require(access.WriteRecords); err != nil {
		s.fail(w, r, err)
		return
	}
	s.meetingPage(w, r, meetingIn{Kind: string(group.Visit), Date: gpToday(), Topics: map[string]bool{}, Attendance: map[string]bool{}}, nil)
}

func (s *Server) recordMeeting(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	r.ParseForm()
	f := r.PostForm
	in := meetingIn{Kind: f.Get("kind"), Date: f.Get("date"), FacilitatorID: f.Get("facilitator_id"), OtherTopics: f.Get("other_topics"),
		Notes: f.Get("notes"), Topics: gpSet(f["topics"]), Attendance: gpSet(f["attendance"])}
	mi := group.MeetingInput{Kind: in.Kind, Date: in.Date, FacilitatorID: in.FacilitatorID, Topics: f["topics"], OtherTopics: in.OtherTopics,
		Attendance: f["attendance"], Notes: in.Notes}
	actions, dues := f["follow_action"], f["follow_due"]
	for i := range max(len(actions), len(dues)) {
		var fu group.FollowUpInput
		if i < len(actions) {
			fu.Action = actions[i]
		}
		if i < len(dues) {
			fu.Due = dues[i]
		}
		if strings.TrimSpace(fu.Action) == "" && strings.TrimSpace(fu.Due) == "" {
			continue // an empty row of the form
		}
		in.FollowUps = append(in.FollowUps, fu)
		mi.FollowUps = append(mi.FollowUps, fu)
	}
	if _, err := s.Groups.RecordMeeting(r.Context(), principal(r), id, mi); err != nil {
		if !formProblem(err) {
			s.fail(w, r, err)
			return
		}
		s.meetingPage(w, r, in, err)
		return
	}
	s.flash(w, r, "gp.meeting_recorded")
	http.Redirect(w, r, gpBack(id, "meetings"), http.StatusSeeOther)
}

func (s *Server) completeFollowUp(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if _, err := s.Groups.CompleteFollowUp(r.Context(), principal(r), id, r.PathValue("fid"), r.FormValue("done")); err != nil {
		if !formProblem(err) {
			s.fail(w, r, err)
			return
		}
		s.renderGroup(w, r, 0, err)
		return
	}
	s.flash(w, r, "gp.follow_up_done")
	http.Redirect(w, r, gpBack(id, "meetings"), http.StatusSeeOther)
}

// ---- stage and upgrade ----

type stageFormData struct {
	groupHead
	Detail     group.Detail
	Formation  group.Formation
	Stages     []group.Stage
	In         group.StageInput
	CanCorrect bool
	HasBoard   bool
}

func (s *Server) stagePage(w http.ResponseWriter, r *http.Request, in *group.StageInput, err error) {
	ctx, p := r.Context(), principal(r)
	h, det, loadErr := s.groupHeadOf(r, r.PathValue("id"))
	if loadErr != nil {
		s.fail(w, r, loadErr)
		return
	}
	d := stageFormData{groupHead: h, Detail: det, CanCorrect: p.Can(access.ManageProgrammes)}
	var board group.Board
	if d.Formation, loadErr = s.Groups.Formation(ctx, p, h.Group.ID); loadErr == nil {
		board, loadErr = s.Groups.Board(ctx, p, h.Group.ID)
	}
	if loadErr != nil {
		s.fail(w, r, loadErr)
		return
	}
	d.HasBoard = group.HasCoreBoard(board.Seats)
	var next group.Stage
	d.Stages, next = group.StageChoices(h.Group.Stage)
	if in != nil {
		d.In = *in
	} else {
		d.In = group.StageInput{Date: gpToday(), To: string(next)}
	}
	t := gpTitle(r, "gp.stage_change", h.Group)
	if err != nil {
		s.formError(w, r, "group_stage", t, d, err)
		return
	}
	s.render(w, r, http.StatusOK, "group_stage", s.newView(w, r, t, d))
}

func (s *Server) stageForm(w http.ResponseWriter, r *http.Request) {
	if err := principal(r).Require(access.WriteRecords); err != nil {
		s.fail(w, r, err)
		return
	}
	s.stagePage(w, r, nil, nil)
}

func (s *Server) changeStage(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	in := group.StageInput{To: r.FormValue("to"), Date: r.FormValue("date"), Evidence: r.FormValue("evidence"), Correction: r.FormValue("correction") != ""}
	if _, err := s.Groups.ChangeStage(r.Context(), principal(r), id, in); err != nil {
		if !formProblem(err) {
			s.fail(w, r, err)
			return
		}
		s.stagePage(w, r, &in, err)
		return
	}
	s.flash(w, r, "gp.stage_changed")
	http.Redirect(w, r, gpBack(id, "stage"), http.StatusSeeOther)
}

type upgradeFormData struct {
	groupHead
	Members     []group.Member
	In          group.UpgradeInput
	Supervisors map[string]bool
}

func (s *Server) upgradePage(w http.ResponseWriter, r *http.Request, in group.UpgradeInput, err error) {
	h, _, loadErr := s.groupHeadOf(r, r.PathValue("id"))
	d := upgradeFormData{groupHead: h, In: in, Supervisors: gpSet(in.Supervisors)}
	if loadErr == nil {
		d.Members, loadErr = s.Groups.Members(r.Context(), principal(r), h.Group.ID, false)
	}
	if loadErr != nil {
		s.fail(w, r, loadErr)
		return
	}
	t := gpTitle(r, "gp.upgrade", h.Group)
	if err != nil {
		s.formError(w, r, "group_upgrade", t, d, err)
		return
	}
	s.render(w, r, http.StatusOK, "group_upgrade", s.newView(w, r, t, d))
}

func (s *Server) upgradeForm(w http.ResponseWriter, r *http.Request) {
	if err := principal(r).Require(access.WriteRecords); err != nil {
		s.fail(w, r, err)
		return
	}
	s.upgradePage(w, r, group.UpgradeInput{Date: gpToday()}, nil)
}

func (s *Server) upgrade(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	r.ParseForm()
	f := r.PostForm
	in := group.UpgradeInput{Date: f.Get("date"), Statutes: f.Get("statutes"), LegalNumber: f.Get("legal_number"), LegalDate: f.Get("legal_date"),
		Supervisors: f["supervisors"], Evidence: f.Get("evidence")}
	if _, err := s.Groups.Upgrade(r.Context(), principal(r), id, in); err != nil {
		if !formProblem(err) {
			s.fail(w, r, err)
			return
		}
		s.upgradePage(w, r, in, err)
		return
	}
	s.flash(w, r, "gp.upgraded")
	http.Redirect(w, r, gpBack(id, "stage"), http.StatusSeeOther)
}
