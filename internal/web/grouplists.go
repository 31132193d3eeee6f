package web

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/auth"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/group"
	"github.com/berdaya/berdaya/internal/i18n"
	"github.com/berdaya/berdaya/internal/programme"
	"github.com/berdaya/berdaya/internal/region"
)

func (s *Server) groupListRoutes(page func(string, http.HandlerFunc)) {
	page("GET /groups", s.signedIn(s.groupsPage))
	page("GET /groups/export.xlsx", s.signedIn(s.exportGroups))
	page("GET /groups/counts.xlsx", s.signedIn(s.exportGroupCounts))
	page("GET /groups/new", s.signedIn(s.newGroupForm))
	page("GET /groups/import", s.signedIn(s.groupImportPage))
	page("GET /groups/{id}/edit", s.signedIn(s.editGroupForm))
	page("POST /groups/{id}/edit", s.signedIn(s.updateGroup))
	page("POST /groups/import", s.signedIn(s.importGroups))
	page("POST /groups", s.signedIn(s.createGroup))
	page("GET /facilitator", s.signedIn(s.facilitatorPage))
}

// groupsPerPage is the length of one page of the groups list.
const groupsPerPage = 50

// groupFilter reads the list's filter from the query.
func groupFilter(q url.Values) group.Filter {
	page, _ := strconv.Atoi(q.Get("page"))
	return group.Filter{Region: q.Get("region"), Type: programme.GroupType(q.Get("type")), Stage: group.Stage(q.Get("stage")),
		ProgrammeID: q.Get("programme"), Query: q.Get("q"), Page: page, PerPage: groupsPerPage}
}

// countRow is one region's line of the roll-up.
type countRow struct {
	Code, Name string
	Link       string // the drill-down to this region ("" at village level)
	ByType     map[programme.GroupType]int
	ByStage    map[group.Stage]int
	Groups     int
	Members    int
}

type groupsData struct {
	Filter      url.Values
	Page        group.Page
	Programmes  []programme.Programme
	ProgNames   map[string]string
	Types       []programme.GroupType
	Stages      []group.Stage
	Crumbs      []crumb      // the region filtered on, with its ancestors, as links
	Level       region.Level // the level the counts are by
	Rows        []countRow
	Total       countRow
	CountTypes  []programme.GroupType // the columns of the roll-up: what occurs
	CountStages []group.Stage
	pager
	ExportQuery string
}

func (s *Server) groupsPage(w http.ResponseWriter, r *http.Request) {
	ctx, p, q := r.Context(), principal(r), r.URL.Query()
	d := groupsData{Filter: q, Types: programme.GroupTypes, Stages: group.Stages, ProgNames: map[string]string{},
		ExportQuery: exportQuery(q), Level: group.CountLevel(p.Scope, q.Get("region"))}
	var err error
	if d.Programmes, err = s.Programmes.ListProgrammes(ctx, p); err != nil {
		s.fail(w, r, err)
		return
	}
	for _, prog := range d.Programmes {
		d.ProgNames[prog.ID] = prog.Name
	}
	f := groupFilter(q)
	d.Page, err = s.Groups.ListGroups(ctx, p, f)
	var counts []group.Count
	if err == nil {
		counts, err = s.Groups.Counts(ctx, p, countFilter(d.Level, f))
	}
	v := s.newView(w, r, i18n.T(state(r).lang, "nav.groups"), &d)
	if err != nil {
		if c := errs.CodeOf(err); c != errs.Invalid {
			s.fail(w, r, err)
			return
		}
		s.render(w, r, s.setFormError(r, &v, err), "groups", v)
		return
	}
	d.crumbs(s.regionPath(r, f.Region), q)
	d.rollUp(counts, q)
	d.pager = pageLinks("/groups", q, d.Page.Page, d.Page.PerPage, len(d.Page.Items), d.Page.Total, false)
	s.render(w, r, http.StatusOK, "groups", v)
}

// countFilter is the roll-up of a list's filter at one region level.
func countFilter(level region.Level, f group.Filter) group.CountFilter {
	return group.CountFilter{Level: level, Region: f.Region, ProgrammeID: f.ProgrammeID, Type: f.Type, Stage: f.Stage, Query: f.Query}
}

// rollUp turns the counts into one row per region.
func (d *groupsData) rollUp(counts []group.Count, q url.Values) {
	d.Total = countRow{ByType: map[programme.GroupType]int{}, ByStage: map[group.Stage]int{}}
	for _, c := range counts {
		if len(d.Rows) == 0 || d.Rows[len(d.Rows)-1].Code != c.RegionCode {
			row := countRow{Code: c.RegionCode, Name: c.RegionName, ByType: map[programme.GroupType]int{}, ByStage: map[group.Stage]int{}}
			if row.Name == "" {
				row.Name = c.RegionCode
			}
			if d.Level != region.Village {
				drill := url.Values{}
				for k, vs := range q {
					if k != "page" {
						drill[k] = vs
					}
				}
				drill.Set("region", c.RegionCode)
				row.Link = withQuery("/groups", drill)
			}
			d.Rows = append(d.Rows, row)
		}
		row := &d.Rows[len(d.Rows)-1]
		for _, rr := range []*countRow{row, &d.Total} {
			rr.ByType[c.Type] += c.Groups
			rr.ByStage[c.Stage] += c.Groups
			rr.Groups += c.Groups
			rr.Members += c.Members
		}
	}
	for _, t := range programme.GroupTypes {
		if d.Total.ByType[t] > 0 {
			d.CountTypes = append(d.CountTypes, t)
		}
	}
	for _, st := range group.Stages {
		if d.Total.ByStage[st] > 0 {
			d.CountStages = append(d.CountStages, st)
		}
	}
}

// crumb is one step of the region path above the lists.
type crumb struct{ Name, Link string }

// regionPath is a region code (as typed) with its ancestors; none when the
// code is empty or unknown.
func (s *Server) regionPath(r *http.Request, code string) []region.Region {
	code, err := region.NormalizeCode(code)
	if err != nil || code == "" {
		return nil
	}
	path, err := s.Regions.Path(r.Context(), code)
	if err != nil {
		return nil
	}
	return path
}

// crumbs links Indonesia and each region of path, keeping the other filters.
func (d *groupsData) crumbs(path []region.Region, q url.Values) {
	link := func(code string) string {
		v := url.Values{}
		for k, vs := range q {
			if k != "page" && k != "region" {
				v[k] = vs
			}
		}
		if code != "" {
			v.Set("region", code)
		}
		return withQuery("/groups", v)
	}
	if len(path) == 0 {
		return
	}
	d.Crumbs = append(d.Crumbs, crumb{Link: link("")})
	for _, reg := range path {
		d.Crumbs = append(d.Crumbs, crumb{Name: reg.Name, Link: link(reg.Code)})
	}
}

// exportGroups streams the filtered list as a workbook, a page of groups at
// a time.
func (s *Server) exportGroups(w http.ResponseWriter, r *http.Request) {
	ctx, p := r.Context(), principal(r)
	f := groupFilter(r.URL.Query())
	f.PerPage = group.MaxPerPage
	progs, err := s.Programmes.ListProgrammes(ctx, p)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	names := map[string]string{}
	for _, prog := range progs {
		names[prog.ID] = prog.Name
	}
	name := fmt.Sprintf("kelompok-%s", time.Now().In(i18n.Zone).Format("20060102-1504"))
	s.exportXLSX(w, r, name, func(write func([]string) error) error {
		if err := write([]string{"id", "name", "type", "business_field", "stage", "settlement", "members", "village_code", "address",
			"programme_id", "programme", "unit_id", "facilitator_id", "created"}); err != nil {
			return err
		}
		for f.Page = 1; ; f.Page++ {
			page, err := s.Groups.ListGroups(ctx, p, f)
			if err != nil {
				return err
			}
			for _, g := range page.Items {
				settlement := "tidak"
				if g.Settlement {
					settlement = "ya"
				}
				if err := write([]string{g.ID, g.Name, string(g.Type), string(g.Field), string(g.Stage), settlement, strconv.Itoa(g.Members),
					g.VillageCode, g.Address, g.ProgrammeID, names[g.ProgrammeID], g.UnitID, g.FacilitatorID, i18n.Date(g.CreatedAt)}); err != nil {
					return err
				}
			}
			if len(page.Items) < f.PerPage || page.Page*page.PerPage >= page.Total {
				return nil
			}
		}
	})
}

// exportGroupCounts writes the roll-up the page shows as a workbook: one row
// per region, type and stage, labelled in the user's language.
func (s *Server) exportGroupCounts(w http.ResponseWriter, r *http.Request) {
	ctx, p, q, lang := r.Context(), principal(r), r.URL.Query(), state(r).lang
	f := groupFilter(q)
	level := group.CountLevel(p.Scope, f.Region)
	if l := region.Level(q.Get("level")); slices.Contains(region.Levels, l) {
		level = l
	}
	counts, err := s.Groups.Counts(ctx, p, countFilter(level, f))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	name := fmt.Sprintf("rekap-kelompok-%s", time.Now().In(i18n.Zone).Format("20060102-1504"))
	s.exportXLSX(w, r, name, func(write func([]string) error) error {
		head := []string{i18n.T(lang, "grouplist.region_code"), i18n.T(lang, "level."+string(level)), i18n.T(lang, "grouplist.type"),
			i18n.T(lang, "grouplist.stage"), i18n.T(lang, "grouplist.groups"), i18n.T(lang, "grouplist.members")}
		if err := write(head); err != nil {
			return err
		}
		for _, c := range counts {
			row := []string{c.RegionCode, c.RegionName, i18n.T(lang, "group_type."+string(c.Type)), i18n.T(lang, "stage."+string(c.Stage)),
				strconv.Itoa(c.Groups), strconv.Itoa(c.Members)}
			if err := write(row); err != nil {
				return err
			}
		}
		return nil
	})
}

// groupFormData is the new-group form, or a group's edit form, with its choices.
type groupFormData struct {
	ID         string // the group being edited; "" for a new one
	Input      group.Input
	Programmes []programme.Programme
	Types      []programme.GroupType
	BizFields  []group.Field
	Units      []programme.Unit
	Users      []auth.Colleague
}

func (s *Server) groupForm(w http.ResponseWriter, r *http.Request, status int, id string, in group.Input, err error) {
	ctx, p := r.Context(), principal(r)
	d := groupFormData{ID: id, Input: in, Types: programme.GroupTypes, BizFields: group.BusinessFields, Users: s.orgUsers(r)}
	var lerr error
	if d.Programmes, lerr = s.Programmes.ListProgrammes(ctx, p); lerr == nil {
		d.Units, lerr = s.Programmes.ListUnits(ctx, p, programme.UnitFilter{ProgrammeID: in.ProgrammeID})
	}
	if lerr != nil {
		s.fail(w, r, lerr)
		return
	}
	title := i18n.T(state(r).lang, "grouplist.new")
	if id != "" {
		title = i18n.T(state(r).lang, "grouplist.edit") + " · " + in.Name
	}
	v := s.newView(w, r, title, d)
	if err != nil {
		status = s.setFormError(r, &v, err)
	}
	s.render(w, r, status, "group_new", v)
}

func (s *Server) newGroupForm(w http.ResponseWriter, r *http.Request) {
	if err := principal(r).Require(access.WriteRecords); err != nil {
		s.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	in := group.Input{ProgrammeID: q.Get("programme"), UnitID: q.Get("unit"), VillageCode: q.Get("village"), Type: q.Get("type")}
	s.groupForm(w, r, http.StatusOK, "", in, nil)
}

// groupInput reads the group form.
func groupInput(r *http.Request) group.Input {
	v := r.FormValue
	return group.Input{ProgrammeID: v("programme_id"), UnitID: v("unit_id"), Name: v("name"), Type: v("type"), Field: v("business_field"),
		Settlement: v("settlement") != "", Address: v("address"), VillageCode: v("village_code"), FacilitatorID: v("facilitator_id")}
}

func (s *Server) createGroup(w http.ResponseWriter, r *http.Request) {
	in := groupInput(r)
	g, err := s.Groups.CreateGroup(r.Context(), principal(r), in)
	if err != nil {
		if !formProblem(err) {
			s.fail(w, r, err)
			return
		}
		s.groupForm(w, r, 0, "", in, err)
		return
	}
	s.flash(w, r, "grouplist.created")
	http.Redirect(w, r, "/groups/"+g.ID, http.StatusSeeOther)
}

// editGroupForm shows a group's details for correction; its programme and
// type are fixed once it exists.
func (s *Server) editGroupForm(w http.ResponseWriter, r *http.Request) {
	p := principal(r)
	if err := p.Require(access.WriteRecords); err != nil {
		s.fail(w, r, err)
		return
	}
	det, err := s.Groups.GetGroup(r.Context(), p, r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	g := det.Group
	in := group.Input{ProgrammeID: g.ProgrammeID, UnitID: g.UnitID, Name: g.Name, Type: string(g.Type), Field: string(g.Field),
		Settlement: g.Settlement, Address: g.Address, VillageCode: g.VillageCode, FacilitatorID: g.FacilitatorID}
	s.groupForm(w, r, http.StatusOK, g.ID, in, nil)
}

func (s *Server) updateGroup(w http.ResponseWriter, r *http.Request) {
	id, in := r.PathValue("id"), groupInput(r)
	if _, err := s.Groups.UpdateGroup(r.Context(), principal(r), id, in); err != nil {
		if !formProblem(err) {
			s.fail(w, r, err)
			return
		}
		s.groupForm(w, r, 0, id, in, err)
		return
	}
	s.flash(w, r, "grouplist.updated")
	http.Redirect(w, r, "/groups/"+id, http.StatusSeeOther)
}

type facilitatorData struct {
	Overview group.Overview
	Names    map[string]string // group names by id
}

func (s *Server) facilitatorPage(w http.ResponseWriter, r *http.Request) {
	days, err := strconv.Atoi(r.URL.Query().Get("days"))
	if err != nil || days <= 0 || days > 3650 {
		days = 30
	}
	ov, err := s.Groups.FacilitatorOverview(r.Context(), principal(r), "", days)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := facilitatorData{Overview: ov, Names: map[string]string{}}
	for _, g := range ov.Groups {
		d.Names[g.ID] = g.Name
	}
	s.render(w, r, http.StatusOK, "facilitator", s.newView(w, r, i18n.T(state(r).lang, "nav.facilitator"), d))
}
