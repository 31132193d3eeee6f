package group

import (
	"context"
	"strings"
	"time"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/programme"
	"github.com/berdaya/berdaya/internal/region"
)

// Filter narrows a list of groups; every field is optional.
type Filter struct {
	Region        string // a region code at any level, dotted or not
	Type          programme.GroupType
	Stage         Stage
	ProgrammeID   string
	FacilitatorID string
	Query         string // words of the group's name, in any case
	Page          int    // 1-based
	PerPage       int
}

// MaxPerPage caps one page of a list.
const MaxPerPage = 200

// Summary is a group in a list, with its count of active members.
type Summary struct {
	Group
	Members int `json:"members"`
}

// Page is one page of groups and the total that match.
type Page struct {
	Items   []Summary `json:"items"`
	Total   int       `json:"total"`
	Page    int       `json:"page"`
	PerPage int       `json:"per_page"`
}

// normalize checks the filter and fills defaults.
func (f *Filter) normalize() error {
	fields := errs.Fields{}
	if f.Region != "" {
		code, err := region.NormalizeCode(f.Region)
		if err != nil {
			fields.Add("region", "region.err.code_format")
		}
		f.Region = code
	}
	if f.Type != "" && !f.Type.Valid() {
		fields.Add("type", "programme.err.group_type")
	}
	if f.Stage != "" && !f.Stage.Valid() {
		fields.Add("stage", "stage.err.unknown")
	}
	if f.Page < 1 {
		f.Page = 1
	}
	if f.PerPage <= 0 || f.PerPage > MaxPerPage {
		f.PerPage = 50
	}
	return fields.Err()
}

// conditions turns a filter into SQL conditions on the groups table (alias g),
// always inside p's scope.
func conditions(p access.Principal, f Filter) (*db.Where, bool) {
	w := &db.Where{Alias: "g"}
	w.Add("g.org_id = ?", p.OrgID)
	reg, ok := region.Narrower(p.Scope, f.Region)
	if reg != "" {
		w.Region(reg)
	}
	if f.Type != "" {
		w.Add("g.group_type = ?", string(f.Type))
	}
	if f.Stage != "" {
		w.Add("g.stage = ?", string(f.Stage))
	}
	if f.ProgrammeID != "" {
		w.Add("g.programme_id = ?", f.ProgrammeID)
	}
	if f.FacilitatorID != "" {
		w.Add("g.facilitator_id = ?", f.FacilitatorID)
	}
	for _, word := range strings.Fields(strings.ToLower(f.Query)) {
		w.Add("lower(g.name) LIKE ?", "%"+word+"%")
	}
	return w, ok
}

// ListGroups returns one page of the groups in p's scope matching f, by name.
func (s *Service) ListGroups(ctx context.Context, p access.Principal, f Filter) (Page, error) {
	if err := p.Require(access.ReadRecords); err != nil {
		return Page{}, err
	}
	if err := f.normalize(); err != nil {
		return Page{}, err
	}
	page := Page{Items: []Summary{}, Page: f.Page, PerPage: f.PerPage}
	w, ok := conditions(p, f)
	if !ok {
		return page, nil
	}
	var err error
	page.Items, page.Total, err = s.store.listGroups(ctx, w, f.PerPage, (f.Page-1)*f.PerPage)
	return page, err
}

// CountFilter chooses the roll-up: the level to count by and an optional
// region (at or above that level), programme and type.
type CountFilter struct {
	Level region.Level // province, regency, district or village; "" for CountLevel's

	Region      string
	ProgrammeID string
	Type        programme.GroupType
	Stage       Stage
	Query       string // words of the groups' names
}

// Count is one cell of a roll-up: groups of a type at a stage in a region,
// with their active members.
type Count struct {
	RegionCode string              `json:"region_code"`
	RegionName string              `json:"region_name"`
	Type       programme.GroupType `json:"type"`
	Stage      Stage               `json:"stage"`
	Groups     int                 `json:"groups"`
	Members    int                 `json:"members"`
}

// levelColumns are the groups table's region columns by level.
var levelColumns = map[region.Level]string{region.Province: "province_code", region.Regency: "regency_code",
	region.District: "district_code", region.Village: "village_code"}

// CountLevel is the level a roll-up counts by when none is asked: the one
// below the region asked when it lies in scope, else below the scope itself
// (all Indonesia counts by province); villages stay villages.
func CountLevel(scope, asked string) region.Level {
	code := scope
	if c, err := region.NormalizeCode(asked); err == nil && c != "" && region.InScope(scope, c) {
		code = c
	}
	if code == "" {
		return region.Province
	}
	switch region.LevelOf(code) {
	case region.Province:
		return region.Regency
	case region.Regency:
		return region.District
	case region.District, region.Village:
		return region.Village
	}
	return region.Province
}

// Counts rolls the groups in p's scope up to one region level (CountLevel's
// when none is given), by type and stage.
func (s *Service) Counts(ctx context.Context, p access.Principal, cf CountFilter) ([]Count, error) {
	if err := p.Require(access.ReadRecords); err != nil {
		return nil, err
	}
	if cf.Level == "" {
		cf.Level = CountLevel(p.Scope, cf.Region)
	}
	col, ok := levelColumns[cf.Level]
	if !ok {
		return nil, invalid("level", "group.err.level")
	}
	f := Filter{Region: cf.Region, ProgrammeID: cf.ProgrammeID, Type: cf.Type, Stage: cf.Stage, Query: cf.Query}
	if err := f.normalize(); err != nil {
		return nil, err
	}
	w, ok := conditions(p, f)
	if !ok {
		return []Count{}, nil
	}
	counts, err := s.store.counts(ctx, w, col)
	if err != nil {
		return nil, err
	}
	// A region has a row per type and stage: look each name up once.
	names := map[string]string{}
	for i, c := range counts {
		name, seen := names[c.RegionCode]
		if !seen {
			if r, err := s.regions.Get(ctx, c.RegionCode); err == nil {
				name = r.Name
			}
			names[c.RegionCode] = name
		}
		counts[i].RegionName = name
	}
	return counts, nil
}

// Overview is a facilitator's page: their groups, follow-ups past due and
// groups with no visit or meeting for the given number of days.
type Overview struct {
	Groups     []Summary  `json:"groups"`
	Overdue    []FollowUp `json:"overdue"`
	NotVisited []Summary  `json:"not_visited"`
	Days       int        `json:"days"`
}

// FacilitatorOverview returns the overview of the facilitator userID (the
// caller when empty), limited to p's scope. A group never visited counts as
// not visited once it is older than the given days.
func (s *Service) FacilitatorOverview(ctx context.Context, p access.Principal, userID string, days int) (Overview, error) {
	if err := p.Require(access.ReadRecords); err != nil {
		return Overview{}, err
	}
	if userID == "" {
		userID = p.UserID
	}
	if days <= 0 {
		days = 30
	}
	w, _ := conditions(p, Filter{FacilitatorID: userID})
	groups, _, err := s.store.listGroups(ctx, w, 10000, 0)
	if err != nil {
		return Overview{}, err
	}
	today := s.today()
	ov := Overview{Groups: groups, Days: days, NotVisited: []Summary{}}
	if ov.Overdue, err = s.store.overdue(ctx, w, programme.DayText(today)); err != nil {
		return ov, err
	}
	last, err := s.store.lastMeetings(ctx, w)
	if err != nil {
		return ov, err
	}
	cutoff := today.AddDate(0, 0, -days)
	for _, g := range groups {
		if notVisited(g, last[g.ID], cutoff) {
			ov.NotVisited = append(ov.NotVisited, g)
		}
	}
	return ov, nil
}

// notVisited: the last visit is before the cutoff, or there was none and the
// group was created before it.
func notVisited(g Summary, last, cutoff time.Time) bool {
	if last.IsZero() {
		return g.CreatedAt.Before(cutoff)
	}
	return last.Before(cutoff)
}
