package web

import (
	"net/http"
	"net/url"
	"slices"
	"time"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/auth"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/i18n"
	"github.com/berdaya/berdaya/internal/programme"
)

func (s *Server) unitRoutes(page func(string, http.HandlerFunc)) {
	page("GET /units", s.signedIn(s.unitsPage))
	page("GET /units/new", s.signedIn(s.newUnitForm))
	page("POST /units", s.signedIn(s.createUnit))
	page("GET /units/{id}", s.signedIn(s.unitPage))
	page("GET /units/{id}/edit", s.signedIn(s.editUnitForm))
	page("POST /units/{id}", s.signedIn(s.updateUnit))
	page("POST /units/{id}/staff", s.signedIn(s.addStaff))
	page("POST /units/{id}/staff/{staff}/end", s.signedIn(s.endStaff))
}

type unitsData struct {
	Filter     url.Values
	Units      []programme.Unit
	Programmes []programme.Programme
	Types      []programme.UnitType
	Names      map[string]string // programme and unit names by id
}

func (s *Server) unitsPage(w http.ResponseWriter, r *http.Request) {
	ctx, p, q := r.Context(), principal(r), r.URL.Query()
	d := unitsData{Filter: q, Types: programme.UnitTypes, Names: map[string]string{}}
	var err error
	if d.Programmes, err = s.Programmes.ListProgrammes(ctx, p); err != nil {
		s.fail(w, r, err)
		return
	}
	for _, prog := range d.Programmes {
		d.Names[prog.ID] = prog.Name
	}
	d.Units, err = s.Programmes.ListUnits(ctx, p, programme.UnitFilter{ProgrammeID: q.Get("programme"),
		Region: q.Get("region"), Type: programme.UnitType(q.Get("type"))})
	v := s.newView(w, r, i18n.T(state(r).lang, "nav.units"), &d)
	if err != nil {
		if c := errs.CodeOf(err); c != errs.Invalid {
			s.fail(w, r, err)
			return
		}
		s.render(w, r, s.setFormError(r, &v, err), "units", v)
		return
	}
	// Parents outside the filter are named too.
	all, err := s.Programmes.ListUnits(ctx, p, programme.UnitFilter{})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, u := range all {
		d.Names[u.ID] = u.Name
	}
	s.render(w, r, http.StatusOK, "units", v)
}

// unitFormData is the unit form with its choices.
type unitFormData struct {
	ID         string
	Input      programme.UnitInput
	Types      []programme.UnitType
	Programmes []programme.Programme
	Units      []programme.Unit // possible parents
	Users      []auth.Colleague // possible heads
}

// orgUsers are the users the signed-in user may pick as a facilitator, a
// unit's head or staff: their colleagues (themselves alone if the list fails).
func (s *Server) orgUsers(r *http.Request) []auth.Colleague {
	p := principal(r)
	if users, err := s.Auth.Colleagues(r.Context(), p); err == nil {
		return users
	}
	return []auth.Colleague{{ID: p.UserID, Name: p.Name, Username: p.Username}}
}

func (s *Server) unitForm(w http.ResponseWriter, r *http.Request, status int, d unitFormData, err error) {
	ctx, p, lang := r.Context(), principal(r), state(r).lang
	title := i18n.T(lang, "units.new")
	if d.ID != "" {
		title = i18n.T(lang, "units.edit")
	}
	d.Types, d.Users = programme.UnitTypes, s.orgUsers(r)
	var lerr error
	if d.Programmes, lerr = s.Programmes.ListProgrammes(ctx, p); lerr == nil {
		d.Units, lerr = s.Programmes.ListUnits(ctx, p, programme.UnitFilter{})
	}
	if lerr != nil {
		s.fail(w, r, lerr)
		return
	}
	if d.ID != "" { // a unit cannot be its own parent
		d.Units = slices.DeleteFunc(d.Units, func(u programme.Unit) bool { return u.ID == d.ID })
	}
	v := s.newView(w, r, title, d)
	if err != nil {
		status = s.setFormError(r, &v, err)
	}
	s.render(w, r, status, "unit_form", v)
}

func (s *Server) newUnitForm(w http.ResponseWriter, r *http.Request) {
	if err := principal(r).Require(access.ManageProgrammes); err != nil {
		s.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	in := programme.UnitInput{ProgrammeID: q.Get("programme"), ParentID: q.Get("parent"), VillageCode: q.Get("village")}
	s.unitForm(w, r, http.StatusOK, unitFormData{Input: in}, nil)
}

func unitInput(r *http.Request) programme.UnitInput {
	v := r.FormValue
	return programme.UnitInput{ProgrammeID: v("programme_id"), ParentID: v("parent_id"), Type: v("type"), Name: v("name"),
		Address: v("address"), HeadUserID: v("head_user_id"), HeadPersonID: v("head_person_id"), VillageCode: v("village_code")}
}

func (s *Server) createUnit(w http.ResponseWriter, r *http.Request) {
	in := unitInput(r)
	u, err := s.Programmes.CreateUnit(r.Context(), principal(r), in)
	if err != nil {
		if !formProblem(err) {
			s.fail(w, r, err)
			return
		}
		s.unitForm(w, r, 0, unitFormData{Input: in}, err)
		return
	}
	s.flash(w, r, "units.created")
	http.Redirect(w, r, "/units/"+u.ID, http.StatusSeeOther)
}

func (s *Server) editUnitForm(w http.ResponseWriter, r *http.Request) {
	if err := principal(r).Require(access.ManageProgrammes); err != nil {
		s.fail(w, r, err)
		return
	}
	det, err := s.Programmes.GetUnit(r.Context(), principal(r), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	u := det.Unit
	in := programme.UnitInput{ProgrammeID: u.ProgrammeID, ParentID: u.ParentID, Type: string(u.Type), Name: u.Name, Address: u.Address,
		HeadUserID: u.HeadUserID, HeadPersonID: u.HeadPersonID, VillageCode: u.VillageCode}
	s.unitForm(w, r, http.StatusOK, unitFormData{ID: u.ID, Input: in}, nil)
}

func (s *Server) updateUnit(w http.ResponseWriter, r *http.Request) {
	in, id := unitInput(r), r.PathValue("id")
	if _, err := s.Programmes.UpdateUnit(r.Context(), principal(r), id, in); err != nil {
		if !formProblem(err) {
			s.fail(w, r, err)
			return
		}
		s.unitForm(w, r, 0, unitFormData{ID: id, Input: in}, err)
		return
	}
	s.flash(w, r, "units.saved")
	http.Redirect(w, r, "/units/"+id, http.StatusSeeOther)
}

type unitData struct {
	Detail    programme.UnitDetail
	Programme *programme.Programme
	Parent    *programme.Unit
	Place     string
	Users     []auth.Colleague  // for the add-staff form
	UserNames map[string]string // user names by id, where known
	Staff     programme.StaffInput
	Today     string
}

func (s *Server) unitPage(w http.ResponseWriter, r *http.Request) {
	s.showUnit(w, r, http.StatusOK, programme.StaffInput{}, nil)
}

// showUnit renders a unit's page; in and formErr, when set, are the staff
// form's input and problem.
func (s *Server) showUnit(w http.ResponseWriter, r *http.Request, status int, in programme.StaffInput, formErr error) {
	ctx, p := r.Context(), principal(r)
	det, err := s.Programmes.GetUnit(ctx, p, r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := unitData{Detail: det, Place: s.placeName(r, det.Unit.VillageCode), Staff: in, UserNames: map[string]string{},
		Today: dayInput(programme.Today(time.Now()))}
	if det.Unit.ProgrammeID != "" {
		if prog, err := s.Programmes.GetProgramme(ctx, p, det.Unit.ProgrammeID); err == nil {
			d.Programme = &prog
		}
	}
	if det.Unit.ParentID != "" {
		if parent, err := s.Programmes.GetUnit(ctx, p, det.Unit.ParentID); err == nil {
			d.Parent = &parent.Unit
		}
	}
	d.Users = s.orgUsers(r)
	for _, u := range d.Users {
		d.UserNames[u.ID] = u.Label()
	}
	v := s.newView(w, r, det.Unit.Name, d)
	if formErr != nil {
		status = s.setFormError(r, &v, formErr)
	}
	s.render(w, r, status, "unit", v)
}

func (s *Server) addStaff(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	in := programme.StaffInput{UserID: r.FormValue("user_id"), PersonID: r.FormValue("person_id"), Position: r.FormValue("position"), Start: r.FormValue("start")}
	if _, err := s.Programmes.AddStaff(r.Context(), principal(r), id, in); err != nil {
		if !formProblem(err) {
			s.fail(w, r, err)
			return
		}
		s.showUnit(w, r, 0, in, err)
		return
	}
	s.flash(w, r, "units.staff_added")
	http.Redirect(w, r, "/units/"+id, http.StatusSeeOther)
}

// endStaff closes a post. The post must belong to the unit in the address,
// which the page checks before asking the service.
func (s *Server) endStaff(w http.ResponseWriter, r *http.Request) {
	ctx, p, id, staffID := r.Context(), principal(r), r.PathValue("id"), r.PathValue("staff")
	if err := p.Require(access.ManageProgrammes); err != nil {
		s.fail(w, r, err)
		return
	}
	det, err := s.Programmes.GetUnit(ctx, p, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !slices.ContainsFunc(det.Staff, func(st programme.Staff) bool { return st.ID == staffID }) {
		s.fail(w, r, errs.New(errs.NotFound, "unit.err.staff_not_found"))
		return
	}
	if _, err := s.Programmes.EndStaff(ctx, p, staffID, r.FormValue("end")); err != nil {
		if !formProblem(err) {
			s.fail(w, r, err)
			return
		}
		s.showUnit(w, r, 0, programme.StaffInput{}, err)
		return
	}
	s.flash(w, r, "units.staff_ended")
	http.Redirect(w, r, "/units/"+id, http.StatusSeeOther)
}
