package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/group"
	"github.com/berdaya/berdaya/internal/i18n"
	"github.com/berdaya/berdaya/internal/programme"
	"github.com/berdaya/berdaya/internal/region"
	"github.com/berdaya/berdaya/internal/registry"
)

// programmeRoutes registers the pages of programmes, their organisation units,
// the lists of groups with their counts, and the facilitator's overview.
func (s *Server) programmeRoutes(page func(string, http.HandlerFunc)) {
	page("GET /programmes", s.signedIn(s.programmesPage))
	page("GET /programmes/new", s.signedIn(s.newProgrammeForm))
	page("POST /programmes", s.signedIn(s.createProgramme))
	page("GET /programmes/{id}", s.signedIn(s.programmePage))
	page("GET /programmes/{id}/edit", s.signedIn(s.editProgrammeForm))
	page("POST /programmes/{id}", s.signedIn(s.updateProgramme))
	page("POST /programmes/{id}/next", s.signedIn(s.startNextPhase))
	s.unitRoutes(page)
	s.groupListRoutes(page)
}

func (s *Server) programmesPage(w http.ResponseWriter, r *http.Request) {
	progs, err := s.Programmes.ListProgrammes(r.Context(), principal(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "programmes", s.newView(w, r, i18n.T(state(r).lang, "nav.programmes"), progs))
}

// rulesForm is one group type's rules as the form shows them.
type rulesForm struct {
	Type        programme.GroupType
	On          bool
	Min, Max    string
	FGDMin      string
	Steps       string // one step a line: "kind" or "kind: own name"
	DefaultText string // the default template, as a hint
}

// programmeForm is the programme form's fields, as typed.
type programmeForm struct {
	ID          string
	Name        string
	Description string
	Start, End  string
	Regions     string
	Targets     []string
	AllowDouble bool
	Rules       []rulesForm
	// For the page.
	TargetChoices []targetChoice
	StepKinds     []programme.StepKind
}

// targetChoice is one target group's checkbox.
type targetChoice struct {
	Group registry.TargetGroup
	On    bool
}

func stepsText(steps []programme.Step) string {
	lines := make([]string, len(steps))
	for i, st := range steps {
		lines[i] = string(st.Kind)
		if st.Name != "" {
			lines[i] += ": " + st.Name
		}
	}
	return strings.Join(lines, "\n")
}

// parseSteps reads the step lines; an unknown kind is kept as typed so that
// the service names the problem.
func parseSteps(text string) []programme.Step {
	var out []programme.Step
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		kind, name, _ := strings.Cut(line, ":")
		out = append(out, programme.Step{Kind: programme.StepKind(strings.TrimSpace(kind)), Name: strings.TrimSpace(name)})
	}
	return out
}

// number reads a whole number typed in a form; what is not one becomes -1, so
// that the service reports it as out of bounds.
func formInt(s string) int {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}

func itoaOrEmpty(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// newProgrammeFormData is an empty form with every group type's defaults.
func newProgrammeFormData() programmeForm {
	f := programmeForm{}
	for _, t := range programme.GroupTypes {
		d := programme.DefaultRules(t)
		f.Rules = append(f.Rules, rulesForm{Type: t, Min: itoaOrEmpty(d.MinMembers), Max: itoaOrEmpty(d.MaxMembers),
			FGDMin: itoaOrEmpty(d.FGDMin), Steps: stepsText(d.Steps)})
	}
	return f
}

// programmeFormOf fills the form from a stored programme.
func programmeFormOf(p programme.Programme) programmeForm {
	f := newProgrammeFormData()
	f.ID, f.Name, f.Description, f.AllowDouble = p.ID, p.Name, p.Description, p.AllowDouble
	f.Start, f.End = dayInput(p.Start), dayInput(p.End)
	f.Regions = strings.Join(p.Regions, " ")
	for _, tg := range p.Targets {
		f.Targets = append(f.Targets, string(tg))
	}
	for i, rf := range f.Rules {
		if rules, ok := p.RulesFor(rf.Type); ok {
			f.Rules[i] = rulesForm{Type: rf.Type, On: true, Min: strconv.Itoa(rules.MinMembers), Max: itoaOrEmpty(rules.MaxMembers),
				FGDMin: strconv.Itoa(rules.FGDMin), Steps: stepsText(rules.Steps)}
		}
	}
	return f
}

// dayInput is a calendar date as the forms take it (dd/mm/yyyy); calendar
// dates are held at 00:00 UTC, so no zone is applied.
func dayInput(d time.Time) string {
	if d.IsZero() {
		return ""
	}
	return d.Format("02/01/2006")
}

// readProgrammeForm reads the posted form.
func readProgrammeForm(r *http.Request) programmeForm {
	v := r.FormValue
	f := programmeForm{Name: v("name"), Description: v("description"), Start: v("start"), End: v("end"),
		Regions: v("regions"), Targets: r.PostForm["target_groups"], AllowDouble: v("allow_double") != ""}
	for _, t := range programme.GroupTypes {
		k := "rules." + string(t) + "."
		f.Rules = append(f.Rules, rulesForm{Type: t, On: v(k+"on") != "", Min: v(k + "min"), Max: v(k + "max"),
			FGDMin: v(k + "fgd_min"), Steps: v(k + "steps")})
	}
	return f
}

// input turns the form into the service's input.
func (f programmeForm) input() programme.Input {
	in := programme.Input{Name: f.Name, Description: f.Description, Start: f.Start, End: f.End,
		Regions: strings.FieldsFunc(f.Regions, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\n' || r == '\r' || r == '\t' }),
		Targets: f.Targets, AllowDouble: f.AllowDouble}
	for _, rf := range f.Rules {
		if !rf.On {
			continue
		}
		in.Rules = append(in.Rules, programme.Rules{GroupType: rf.Type, MinMembers: formInt(rf.Min), MaxMembers: formInt(rf.Max),
			FGDMin: formInt(rf.FGDMin), Steps: parseSteps(rf.Steps)})
	}
	return in
}

func (s *Server) programmeForm(w http.ResponseWriter, r *http.Request, status int, f programmeForm, err error) {
	lang := state(r).lang
	title := i18n.T(lang, "programmes.new")
	if f.ID != "" {
		title = i18n.T(lang, "programmes.edit")
	}
	f.StepKinds = programme.StepKinds
	for _, tg := range registry.TargetGroups {
		f.TargetChoices = append(f.TargetChoices, targetChoice{Group: tg, On: slices.Contains(f.Targets, string(tg))})
	}
	for i := range f.Rules {
		f.Rules[i].DefaultText = stepsText(programme.DefaultRules(f.Rules[i].Type).Steps)
	}
	v := s.newView(w, r, title, f)
	if err != nil {
		status = s.setFormError(r, &v, err)
	}
	s.render(w, r, status, "programme_form", v)
}

func (s *Server) newProgrammeForm(w http.ResponseWriter, r *http.Request) {
	if err := principal(r).Require(access.ManageProgrammes); err != nil {
		s.fail(w, r, err)
		return
	}
	f := newProgrammeFormData()
	f.Regions = principal(r).Scope
	s.programmeForm(w, r, http.StatusOK, f, nil)
}

func (s *Server) createProgramme(w http.ResponseWriter, r *http.Request) {
	f := readProgrammeForm(r)
	prog, err := s.Programmes.CreateProgramme(r.Context(), principal(r), f.input())
	if err != nil {
		if !formProblem(err) {
			s.fail(w, r, err)
			return
		}
		s.programmeForm(w, r, 0, f, err)
		return
	}
	s.flash(w, r, "programmes.created")
	http.Redirect(w, r, "/programmes/"+prog.ID, http.StatusSeeOther)
}

func (s *Server) editProgrammeForm(w http.ResponseWriter, r *http.Request) {
	if err := principal(r).Require(access.ManageProgrammes); err != nil {
		s.fail(w, r, err)
		return
	}
	prog, err := s.Programmes.GetProgramme(r.Context(), principal(r), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.programmeForm(w, r, http.StatusOK, programmeFormOf(prog), nil)
}

func (s *Server) updateProgramme(w http.ResponseWriter, r *http.Request) {
	f := readProgrammeForm(r)
	f.ID = r.PathValue("id")
	if _, err := s.Programmes.UpdateProgramme(r.Context(), principal(r), f.ID, f.input()); err != nil {
		if !formProblem(err) {
			s.fail(w, r, err)
			return
		}
		s.programmeForm(w, r, 0, f, err)
		return
	}
	s.flash(w, r, "programmes.saved")
	http.Redirect(w, r, "/programmes/"+f.ID, http.StatusSeeOther)
}

// cell is one type-by-stage count of groups and their members.
type cell struct{ Groups, Members int }

// matrix is groups counted by type (rows) and stage (columns).
type matrix struct {
	Types  []programme.GroupType
	Stages []group.Stage
	Cells  map[programme.GroupType]map[group.Stage]cell
	ByType map[programme.GroupType]cell
	Total  cell
}

func newMatrix() matrix {
	return matrix{Stages: group.Stages, Cells: map[programme.GroupType]map[group.Stage]cell{}, ByType: map[programme.GroupType]cell{}}
}

func (m *matrix) add(t programme.GroupType, st group.Stage, groups, members int) {
	if m.Cells[t] == nil {
		m.Cells[t] = map[group.Stage]cell{}
		m.Types = append(m.Types, t)
	}
	c := m.Cells[t][st]
	c.Groups += groups
	c.Members += members
	m.Cells[t][st] = c
	bt := m.ByType[t]
	bt.Groups += groups
	bt.Members += members
	m.ByType[t] = bt
	m.Total.Groups += groups
	m.Total.Members += members
}

// sorted puts the types in their display order.
func (m *matrix) sorted() {
	slices.SortFunc(m.Types, func(a, b programme.GroupType) int {
		return slices.Index(programme.GroupTypes, a) - slices.Index(programme.GroupTypes, b)
	})
}

// Get is a cell (zero when empty), for templates.
func (m matrix) Get(t programme.GroupType, st group.Stage) cell { return m.Cells[t][st] }

type programmeData struct {
	Programme programme.Programme
	Previous  *programme.Programme
	Regions   []region.Region
	Units     []programme.Unit
	Groups    group.Page
	Counts    matrix
	Baseline  matrix
	HasBase   bool
	Next      programmeForm // the next-phase form
}

func (s *Server) programmePage(w http.ResponseWriter, r *http.Request) {
	s.showProgramme(w, r, http.StatusOK, nil, programmeForm{})
}

// showProgramme renders a programme's page; err and next, when set, are the
// next-phase form's problem and input.
func (s *Server) showProgramme(w http.ResponseWriter, r *http.Request, status int, formErr error, next programmeForm) {
	ctx, p, id := r.Context(), principal(r), r.PathValue("id")
	prog, err := s.Programmes.GetProgramme(ctx, p, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := programmeData{Programme: prog, Counts: newMatrix(), Baseline: newMatrix(), Next: next}
	for _, code := range prog.Regions {
		if reg, err := s.Regions.Get(ctx, code); err == nil {
			d.Regions = append(d.Regions, reg)
		} else {
			d.Regions = append(d.Regions, region.Region{Code: code, Name: code})
		}
	}
	if prog.PreviousID != "" {
		if prev, err := s.Programmes.GetProgramme(ctx, p, prog.PreviousID); err == nil {
			d.Previous = &prev
		}
		base, err := s.Programmes.Baseline(ctx, p, id)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		for _, b := range base {
			d.Baseline.add(b.GroupType, group.Stage(b.Stage), b.Groups, b.Members)
		}
		d.Baseline.sorted()
		d.HasBase = true
	}
	if d.Units, err = s.Programmes.ListUnits(ctx, p, programme.UnitFilter{ProgrammeID: id}); err != nil {
		s.fail(w, r, err)
		return
	}
	if d.Groups, err = s.Groups.ListGroups(ctx, p, group.Filter{ProgrammeID: id, PerPage: 20}); err != nil {
		s.fail(w, r, err)
		return
	}
	counts, err := s.Groups.Counts(ctx, p, group.CountFilter{Level: region.Province, ProgrammeID: id})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, c := range counts {
		d.Counts.add(c.Type, c.Stage, c.Groups, c.Members)
	}
	d.Counts.sorted()
	if d.Next.Name == "" && formErr == nil {
		d.Next = programmeForm{Name: prog.Name, Start: dayInput(prog.End)}
	}
	v := s.newView(w, r, prog.Name, d)
	if formErr != nil {
		status = s.setFormError(r, &v, formErr)
	}
	s.render(w, r, status, "programme", v)
}

// startNextPhase starts the phase after this programme with its regions,
// target groups and rules; the name and period are the form's.
func (s *Server) startNextPhase(w http.ResponseWriter, r *http.Request) {
	ctx, p, id := r.Context(), principal(r), r.PathValue("id")
	if err := p.Require(access.ManageProgrammes); err != nil {
		s.fail(w, r, err)
		return
	}
	prog, err := s.Programmes.GetProgramme(ctx, p, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	next := programmeForm{Name: r.FormValue("name"), Start: r.FormValue("start"), End: r.FormValue("end")}
	in := programmeFormOf(prog).input()
	in.Name, in.Start, in.End = next.Name, next.Start, next.End
	res, err := s.Groups.StartNextPhase(ctx, p, id, in)
	if err != nil {
		if !formProblem(err) {
			s.fail(w, r, err)
			return
		}
		s.showProgramme(w, r, 0, err, next)
		return
	}
	s.flash(w, r, "programmes.next_started")
	http.Redirect(w, r, "/programmes/"+res.Programme.ID, http.StatusSeeOther)
}

// formProblem reports whether err is about what a form holds (a field
// problem, or a conflict), so that the form comes back with it; anything else
// (no permission, a record out of reach) goes to the error page.
func formProblem(err error) bool {
	e, ok := errs.As(err)
	return ok && (e.Code == errs.Invalid || e.Code == errs.Conflict || len(e.Fields) > 0)
}

// withQuery is path with the query q (or path alone when q is empty).
func withQuery(path string, q url.Values) string {
	if enc := q.Encode(); enc != "" {
		return path + "?" + enc
	}
	return path
}
