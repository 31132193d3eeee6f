// Package ppisurvey runs Poverty Probability Index survey rounds (issue 5):
// a round names a scorecard from the shared catalogue (internal/ppi), its
// poverty lines and its population (registry households, found through the
// registry and group services); its sample is drawn reproducibly by
// internal/survey from a recorded seed; interviews are scored when saved and
// corrected with their history kept; estimates and the change between rounds
// come from internal/survey.
//
// The unit of a round is always a household, because the PPI measures
// households: a population given as persons (everyone registered in a region,
// or the members of some groups) is turned into the distinct households of
// those persons, each represented by its head when the head is among them.
// Counting a household once per member would weight large households more
// than the method allows.
package ppisurvey

import (
	"strings"
	"time"

	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/region"
)

// Population kinds: who a round covers.
const (
	// RegionPersons is the households of every person registered in the
	// round's region.
	RegionPersons = "region_persons"
	// GroupMembers is the households of the active members of the round's groups.
	GroupMembers = "group_members"
	// RegionHeads is the households of the region whose head is registered.
	RegionHeads = "region_heads"
)

// Sampling methods.
const (
	Census     = "census"
	Simple     = "simple"
	Stratified = "stratified"
)

// Strata columns (and breakdown columns) a round can use.
const (
	ByDistrict = "district"
	ByRegency  = "regency"
	ByGroup    = "group"
	// ByBranch is the organisation unit (a credit union's branch, an LPP
	// ...) that runs the household's group: it exists only for a population
	// of group members.
	ByBranch  = "branch"
	ByHeadSex = "head_sex"
)

// The confidence levels a round may use: below 50% an interval says
// little, and "2" typed for 2% is a slip, not a design; 99.9% is as high as
// a survey of households sensibly goes.
const (
	MinConfidence = 0.5
	MaxConfidence = 0.999
)

// Unit statuses.
const (
	StatusSample      = "sample"      // drawn (or promoted from the reserve), to interview
	StatusReserve     = "reserve"     // not drawn; waits in random order to replace one
	StatusInterviewed = "interviewed" // interview recorded
	StatusRefused     = "refused"     // refused; replaced from the reserve
	StatusReplaced    = "replaced"    // could not be interviewed (moved, not found); replaced
)

// Round is one survey round.
type Round struct {
	OrgID         string             `json:"org_id"`
	ID            string             `json:"id"`
	Name          string             `json:"name"`
	ProgrammeID   string             `json:"programme_id"`
	ScorecardID   string             `json:"scorecard_id"`
	ScorecardName string             `json:"scorecard_name"`
	Lines         []string           `json:"lines"`
	Alphas        map[string]float64 `json:"alphas"` // precision factor α per line (1 when absent)
	Population    string             `json:"population_kind"`
	GroupIDs      []string           `json:"group_ids"`
	BaselineID    string             `json:"baseline_id"`
	Method        string             `json:"method"`
	Allocation    string             `json:"allocation"`
	StrataColumn  string             `json:"strata_column"`
	Size          int                `json:"sample_size"`
	Seed          int64              `json:"seed"`
	Confidence    float64            `json:"confidence"`
	// PopulationSize (N) and StrataSizes (N_h) are counted when the sample is
	// drawn; they stay as they were then, whatever the registry does later.
	PopulationSize int            `json:"population_size"`
	StrataSizes    map[string]int `json:"strata_sizes"`
	DrawnAt        time.Time      `json:"drawn_at"`
	Region         string         `json:"region_code"` // any level; "" is the whole country
	CreatedBy      string         `json:"created_by"`
	CreatedAt      time.Time      `json:"created_at"`
	UpdatedAt      time.Time      `json:"updated_at"`
}

// Drawn reports whether the round's sample has been drawn.
func (r Round) Drawn() bool { return !r.DrawnAt.IsZero() }

// Alpha is the precision factor for line (1 by default).
func (r Round) Alpha(line string) float64 {
	if a, ok := r.Alphas[line]; ok && a > 0 {
		return a
	}
	return 1
}

// HasLine reports whether the round uses poverty line code.
func (r Round) HasLine(code string) bool {
	for _, l := range r.Lines {
		if l == code {
			return true
		}
	}
	return false
}

// RoundInput is a new round as a form or a program gives it.
type RoundInput struct {
	Name        string             `json:"name"`
	ProgrammeID string             `json:"programme_id"`
	Scorecard   string             `json:"scorecard"` // name (or ID) in the catalogue
	Lines       []string           `json:"lines"`
	Alphas      map[string]float64 `json:"alphas"`
	Population  string             `json:"population_kind"`
	Region      string             `json:"region_code"`
	GroupIDs    []string           `json:"group_ids"`
	BaselineID  string             `json:"baseline_id"`
	Method      string             `json:"method"`
	Allocation  string             `json:"allocation"` // proportional (default) or equal
	Strata      string             `json:"strata_column"`
	Size        int                `json:"sample_size"`
	// Seed is the draw's seed, 1..2⁶³−1; 0 lets the system choose one (it is
	// recorded either way, so the draw can be repeated).
	Seed       int64   `json:"seed"`
	Confidence float64 `json:"confidence"` // 0 means 0.90
}

// parse checks the parts of a round that need no database.
func (in RoundInput) parse() (Round, error) {
	f := errs.Fields{}
	r := Round{Name: strings.TrimSpace(in.Name), ProgrammeID: in.ProgrammeID, ScorecardName: strings.TrimSpace(in.Scorecard), Lines: in.Lines, Alphas: in.Alphas,
		Population: in.Population, GroupIDs: in.GroupIDs, BaselineID: in.BaselineID, Method: in.Method,
		Allocation: in.Allocation, StrataColumn: in.Strata, Size: in.Size, Seed: in.Seed, Confidence: in.Confidence}
	if r.Name == "" {
		f.Add("name", "err.name_required")
	}
	if len(r.Lines) == 0 {
		f.Add("lines", "ppisurvey.err.lines_required")
	}
	parseRegion(&r, in.Region, f)
	parsePopulation(&r, f)
	parseSampling(&r, f)
	for _, a := range r.Alphas {
		if !(a > 0) || a > 100 {
			f.Add("alphas", "ppisurvey.err.alpha")
		}
	}
	if r.Alphas == nil {
		r.Alphas = map[string]float64{}
	}
	return r, f.Err()
}

func parseRegion(r *Round, code string, f errs.Fields) {
	if strings.TrimSpace(code) == "" {
		return
	}
	c, err := region.NormalizeCode(code)
	if err != nil {
		f.Add("region_code", "region.err.code_format")
	}
	r.Region = c
}

func parsePopulation(r *Round, f errs.Fields) {
	switch r.Population {
	case RegionPersons, RegionHeads:
		r.GroupIDs = nil
	case GroupMembers:
		if len(r.GroupIDs) == 0 {
			f.Add("group_ids", "ppisurvey.err.groups_required")
		}
	default:
		f.Add("population_kind", "ppisurvey.err.population_kind")
	}
}

func parseSampling(r *Round, f errs.Fields) {
	if r.Confidence == 0 {
		r.Confidence = 0.90
	}
	if !(r.Confidence >= MinConfidence && r.Confidence <= MaxConfidence) {
		f.Add("confidence", "ppisurvey.err.confidence")
	}
	if r.Seed < 0 {
		f.Add("seed", "ppisurvey.err.seed")
	}
	switch r.Method {
	case Census:
		r.Size, r.Allocation, r.StrataColumn = 0, "", ""
		return
	case Simple:
		r.Allocation, r.StrataColumn = "", ""
	case Stratified:
		parseStrata(r, f)
	default:
		f.Add("method", "ppisurvey.err.method")
	}
	if r.Size < 1 {
		f.Add("sample_size", "ppisurvey.err.size")
	}
}

func parseStrata(r *Round, f errs.Fields) {
	if r.Allocation == "" {
		r.Allocation = "proportional"
	}
	if r.Allocation != "proportional" && r.Allocation != "equal" {
		f.Add("allocation", "ppisurvey.err.allocation")
	}
	switch r.StrataColumn {
	case ByDistrict, ByRegency, ByHeadSex:
	case ByGroup:
		if r.Population != GroupMembers {
			f.Add("strata_column", "ppisurvey.err.strata_group")
		}
	case ByBranch:
		if r.Population != GroupMembers {
			f.Add("strata_column", "ppisurvey.err.strata_branch")
		}
	default:
		f.Add("strata_column", "ppisurvey.err.strata_column")
	}
}

// Unit is one household of a round's frame.
type Unit struct {
	ID          string    `json:"id"`
	RoundID     string    `json:"round_id"`
	HouseholdID string    `json:"household_id"`
	PersonID    string    `json:"person_id"` // the respondent: the head when registered
	Stratum     string    `json:"stratum"`
	Order       int       `json:"sample_order"` // 1..n the drawn units, then the reserve in its random order
	Status      string    `json:"status"`
	ReplacesID  string    `json:"replaces_id"`
	GroupID     string    `json:"group_id"`
	BranchID    string    `json:"branch_id"` // the unit running GroupID at the draw; "" when none
	HeadSex     string    `json:"head_sex"`  // "" when the head is not registered
	VillageCode string    `json:"village_code"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// Category is the unit's value of a strata or breakdown column.
func (u Unit) Category(column string) string {
	switch column {
	case ByDistrict:
		_, _, d := region.Split(u.VillageCode)
		return d
	case ByRegency:
		_, r, _ := region.Split(u.VillageCode)
		return r
	case ByGroup:
		return u.GroupID
	case ByBranch:
		return u.BranchID
	case ByHeadSex:
		return u.HeadSex
	}
	return ""
}

// Interview is one household's answers and what they scored.
type Interview struct {
	ID           string         `json:"id"`
	RoundID      string         `json:"round_id"`
	UnitID       string         `json:"unit_id"`
	Date         time.Time      `json:"date"` // calendar date at 00:00 UTC
	EnumeratorID string         `json:"enumerator_id"`
	Answers      map[int]string `json:"answers"` // question number -> answer code
	Scores       []LineScore    `json:"scores"`  // one per round line, in the round's order
	VillageCode  string         `json:"village_code"`
	CreatedAt    time.Time      `json:"created_at"`
	UpdatedAt    time.Time      `json:"updated_at"`
}

// LineScore is an interview's result on one poverty line.
type LineScore struct {
	Line  string `json:"line"`
	Total int    `json:"total"` // points before the cap
	Score int    `json:"score"` // capped at ppi.MaxScore
	// Likelihood is the published likelihood in percent (0..100).
	Likelihood float64 `json:"likelihood"`
}

// Score returns the result for line.
func (iv Interview) Score(line string) (LineScore, bool) {
	for _, s := range iv.Scores {
		if s.Line == line {
			return s, true
		}
	}
	return LineScore{}, false
}

// InterviewInput is an interview as entered or imported.
type InterviewInput struct {
	Date         string         `json:"date"`          // dd/mm/yyyy or yyyy-mm-dd
	EnumeratorID string         `json:"enumerator_id"` // "" means the acting user
	Answers      map[int]string `json:"answers"`       // question number -> answer code
	Reason       string         `json:"reason"`        // for a correction
}

// Correction is one change to an interview, with its before and after.
type Correction struct {
	ID        string    `json:"id"`
	UserID    string    `json:"user_id"`
	Reason    string    `json:"reason"`
	Before    Interview `json:"before"`
	After     Interview `json:"after"`
	CreatedAt time.Time `json:"created_at"`
}
