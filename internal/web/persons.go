package web

import (
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/audit"
	"github.com/berdaya/berdaya/internal/csvio"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/i18n"
	"github.com/berdaya/berdaya/internal/registry"
	"github.com/berdaya/berdaya/internal/xlsx"
)

func (s *Server) registryRoutes(page func(string, http.HandlerFunc)) {
	page("GET /persons", s.signedIn(s.personsPage))
	page("GET /persons/export.csv", s.signedIn(s.exportPersons))
	page("GET /persons/export.xlsx", s.signedIn(s.exportPersons))
	page("GET /persons/new", s.signedIn(s.newPersonForm))
	page("POST /persons", s.signedIn(s.createPerson))
	page("GET /persons/{id}", s.signedIn(s.personPage))
	page("GET /persons/{id}/edit", s.signedIn(s.editPersonForm))
	page("POST /persons/{id}", s.signedIn(s.updatePerson))
	page("GET /households/{id}", s.signedIn(s.householdPage))
	page("GET /duplicates", s.signedIn(s.duplicatesPage))
	page("POST /duplicates/merge", s.signedIn(s.mergePersons))
	s.importRoutes(page)
}

type personsData struct {
	Filter       url.Values
	Page         registry.Page
	TargetGroups []registry.TargetGroup
	Flags        []string
	pager
	ExportQuery string
}

func (s *Server) personsPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	d := personsData{Filter: q, TargetGroups: registry.TargetGroups, Flags: registry.Flags, ExportQuery: exportQuery(q)}
	f, err := personFilter(q)
	if err == nil {
		d.Page, err = s.Registry.ListPersons(r.Context(), principal(r), f)
	}
	v := s.newView(w, r, i18n.T(state(r).lang, "nav.persons"), &d)
	if err != nil {
		if c := errs.CodeOf(err); c == "" || c == errs.Forbidden {
			s.fail(w, r, err)
			return
		}
		s.render(w, r, s.setFormError(r, &v, err), "persons", v)
		return
	}
	d.pager = pageLinks("/persons", q, d.Page.Page, d.Page.PerPage, len(d.Page.Items), d.Page.Total, d.Page.TotalMore)
	s.render(w, r, http.StatusOK, "persons", v)
}

// pager is the "x–y of n" numbers and the previous/next links of a paged list.
type pager struct {
	From, To         int
	PrevURL, NextURL string
}

// pageLinks fills a pager for page (1-based) of perPage rows showing shown of
// total matches; more says total is only a lower bound, so a full page may
// have a next one. The links keep the list's other query parameters.
func pageLinks(path string, q url.Values, page, perPage, shown, total int, more bool) pager {
	var pg pager
	if total == 0 {
		return pg
	}
	pg.From, pg.To = (page-1)*perPage+1, (page-1)*perPage+shown
	link := func(n int) string {
		v := maps.Clone(q)
		v.Set("page", strconv.Itoa(n))
		return withQuery(path, v)
	}
	if page > 1 {
		pg.PrevURL = link(page - 1)
	}
	if pg.To < total || (more && shown == perPage) {
		pg.NextURL = link(page + 1)
	}
	return pg
}

// exportQuery is the filter without paging, for the export links.
func exportQuery(q url.Values) string {
	v := url.Values{}
	for k, vals := range q {
		if k != "page" && k != "per_page" {
			v[k] = vals
		}
	}
	return v.Encode()
}

// exportPersons streams the filtered list as .csv or .xlsx; ids=1 asks for
// whole NIK/KK (own permission, audited).
func (s *Server) exportPersons(w http.ResponseWriter, r *http.Request) {
	f, err := personFilter(r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ids := r.URL.Query().Get("ids") == "1"
	p := principal(r)
	// The service checks this too, but only once the download has begun; asking
	// first gives a proper error page instead of a cut-off file.
	if ids && !p.Can(access.ExportIdentifiers) {
		s.fail(w, r, errs.New(errs.Forbidden, "err.forbidden"))
		return
	}
	name := fmt.Sprintf("penerima-manfaat-%s", time.Now().In(i18n.Zone).Format("20060102-1504"))
	if r.URL.Path == "/persons/export.xlsx" {
		s.exportXLSX(w, r, name, func(write func([]string) error) error {
			return s.Registry.ExportPersons(r.Context(), p, f, ids, write)
		})
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.csv"`)
	cw := csvio.NewWriter(w, ';')
	if err := s.Registry.ExportPersons(r.Context(), p, f, ids, cw.Write); err != nil {
		s.Log.Error("export", "err", err) // the header is sent; the file ends early
	}
	cw.Flush()
}

// exportXLSX writes rows produced by fill as a workbook download. excelize's
// stream writer keeps rows on disk, not in memory, until the file is written.
func (s *Server) exportXLSX(w http.ResponseWriter, r *http.Request, name string, fill func(func([]string) error) error) {
	xw := xlsx.NewWriter("Data")
	defer xw.Close()
	first := true
	err := fill(func(row []string) error {
		if first {
			first = false
			return xw.SetHeader(row)
		}
		return xw.Write(row)
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.xlsx"`)
	if _, err := xw.WriteTo(w); err != nil {
		s.Log.Error("export xlsx", "err", err)
	}
}

type personData struct {
	Detail  registry.PersonDetail
	History []audit.Entry
	Path    string // the village with its ancestors, by name
}

func (s *Server) personPage(w http.ResponseWriter, r *http.Request) {
	p := principal(r)
	id := r.PathValue("id")
	det, err := s.Registry.GetPerson(r.Context(), p, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	hist, err := s.Registry.History(r.Context(), p, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := personData{Detail: det, History: hist, Path: s.placeName(r, det.Person.VillageCode)}
	s.render(w, r, http.StatusOK, "person", s.newView(w, r, det.Person.Name, d))
}

// placeName is "Village, District, Regency, Province" for a village code.
func (s *Server) placeName(r *http.Request, code string) string {
	path, err := s.Regions.Path(r.Context(), code)
	if err != nil {
		return code
	}
	out := ""
	for i := len(path) - 1; i >= 0; i-- {
		if out != "" {
			out += ", "
		}
		out += path[i].Name
	}
	return out
}

type personFormData struct {
	ID            string
	Input         registry.PersonInput
	TargetGroups  []registry.TargetGroup
	Relationships []registry.Relationship
}

func (s *Server) personForm(w http.ResponseWriter, r *http.Request, status int, d personFormData, err error) {
	title := i18n.T(state(r).lang, "persons.new")
	if d.ID != "" {
		title = i18n.T(state(r).lang, "persons.edit")
	}
	d.TargetGroups, d.Relationships = registry.TargetGroups, registry.Relationships
	v := s.newView(w, r, title, d)
	if err != nil {
		status = s.setFormError(r, &v, err)
	}
	s.render(w, r, status, "person_form", v)
}

func (s *Server) newPersonForm(w http.ResponseWriter, r *http.Request) {
	if err := principal(r).Require(access.WriteRecords); err != nil {
		s.fail(w, r, err)
		return
	}
	in := registry.PersonInput{VillageCode: r.URL.Query().Get("village"), KK: r.URL.Query().Get("kk"), Consent: "ya"}
	s.personForm(w, r, http.StatusOK, personFormData{Input: in}, nil)
}

// formInput reads the person form.
func formInput(r *http.Request) registry.PersonInput {
	v := r.FormValue
	consent := "tidak"
	if v("consent") != "" {
		consent = "ya"
	}
	return registry.PersonInput{NIK: v("nik"), KK: v("kk"), Name: v("name"), Sex: v("sex"), BirthDate: v("birth_date"),
		Relationship: v("relationship"), VillageCode: v("village_code"), Address: v("address"), TargetGroup: v("target_group"),
		Education: v("education"), Occupation: v("occupation"), Disability: v("disability"), Phone: v("phone"),
		Consent: consent, ConsentDate: v("consent_date")}
}

func (s *Server) createPerson(w http.ResponseWriter, r *http.Request) {
	in := formInput(r)
	p, err := s.Registry.CreatePerson(r.Context(), principal(r), in)
	if err != nil {
		s.personForm(w, r, 0, personFormData{Input: in}, err)
		return
	}
	s.flash(w, r, "persons.created")
	http.Redirect(w, r, "/persons/"+p.ID, http.StatusSeeOther)
}

func (s *Server) editPersonForm(w http.ResponseWriter, r *http.Request) {
	if err := principal(r).Require(access.WriteRecords); err != nil {
		s.fail(w, r, err)
		return
	}
	det, err := s.Registry.GetPerson(r.Context(), principal(r), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.personForm(w, r, http.StatusOK, personFormData{ID: det.Person.ID, Input: registry.InputOf(det.Household, det.Person)}, nil)
}

func (s *Server) updatePerson(w http.ResponseWriter, r *http.Request) {
	in := formInput(r)
	id := r.PathValue("id")
	if _, err := s.Registry.UpdatePerson(r.Context(), principal(r), id, in); err != nil {
		s.personForm(w, r, 0, personFormData{ID: id, Input: in}, err)
		return
	}
	s.flash(w, r, "persons.saved")
	http.Redirect(w, r, "/persons/"+id, http.StatusSeeOther)
}

type householdData struct {
	Detail registry.HouseholdDetail
	Path   string
}

func (s *Server) householdPage(w http.ResponseWriter, r *http.Request) {
	det, err := s.Registry.GetHousehold(r.Context(), principal(r), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := householdData{Detail: det, Path: s.placeName(r, det.Household.VillageCode)}
	s.render(w, r, http.StatusOK, "household", s.newView(w, r, i18n.T(state(r).lang, "entity.household"), d))
}

func (s *Server) duplicatesPage(w http.ResponseWriter, r *http.Request) {
	pairs, err := s.Registry.Duplicates(r.Context(), principal(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "duplicates", s.newView(w, r, i18n.T(state(r).lang, "nav.duplicates"), pairs))
}

func (s *Server) mergePersons(w http.ResponseWriter, r *http.Request) {
	keep, drop := r.FormValue("keep"), r.FormValue("drop")
	if err := s.Registry.Merge(r.Context(), principal(r), keep, drop); err != nil {
		s.fail(w, r, err)
		return
	}
	s.flash(w, r, "duplicates.merged")
	http.Redirect(w, r, "/persons/"+keep, http.StatusSeeOther)
}
