// Package programme holds what an organisation runs: programmes (one phase of
// work with its period, regions, target groups and the rules its groups are
// formed by) and the organisation units that carry the work in a location
// (LPP, MFU, RBU, SS, panti sosial, cooperative, foundation, credit union and
// its branches). Groups themselves live in package group, which reads a
// programme's rules from here.
package programme

import (
	"slices"
	"strings"
	"time"

	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/region"
	"github.com/berdaya/berdaya/internal/registry"
)

// GroupType is the kind of group a programme forms.
type GroupType string

// The group types (labels live in the catalogue under "group_type.<code>").
const (
	KUBE        GroupType = "kube"        // kelompok usaha bersama
	KSP         GroupType = "ksp"         // kelompok swadaya pemulung (waste-picker self-help group)
	SHG         GroupType = "shg"         // kelompok swadaya masyarakat
	Productive  GroupType = "productive"  // kelompok produktif
	Cooperative GroupType = "cooperative" // koperasi
)

// GroupTypes lists every group type in display order.
var GroupTypes = []GroupType{KUBE, KSP, SHG, Productive, Cooperative}

// Valid reports whether t is a known group type.
func (t GroupType) Valid() bool { return slices.Contains(GroupTypes, t) }

// StepKind is one kind of formation step (labels under "step.<code>").
type StepKind string

// The formation-step kinds named by the seeds: the waste-picker KSP design
// (sosialisasi ... pembinaan) and the KUBE guideline (seleksi ... pendampingan).
const (
	StepSocialisation StepKind = "sosialisasi"          // socialisation to potential members
	StepApproach      StepKind = "pendekatan"           // approach through solidarity makers (the bandar)
	StepDataInterest  StepKind = "pendataan"            // data collection and statement of interest
	StepFGD           StepKind = "fgd"                  // forming focus-group discussion
	StepBoard         StepKind = "pembentukan_pengurus" // board formation
	StepOperation     StepKind = "operasional"          // start of operation
	StepCoaching      StepKind = "pembinaan"            // coaching
	StepSelection     StepKind = "seleksi"              // selection and formation of a KUBE
	StepTraining      StepKind = "pelatihan"            // business-skills training
	StepGrant         StepKind = "bantuan_stimulan"     // stimulant grant
	StepMentoring     StepKind = "pendampingan"         // mentoring by the social worker
	StepLegal         StepKind = "pengesahan"           // legal registration of a cooperative
	StepOther         StepKind = "lainnya"
)

// StepKinds lists every step kind.
var StepKinds = []StepKind{StepSocialisation, StepApproach, StepDataInterest, StepFGD, StepBoard, StepOperation,
	StepCoaching, StepSelection, StepTraining, StepGrant, StepMentoring, StepLegal, StepOther}

// Valid reports whether k is a known step kind.
func (k StepKind) Valid() bool { return slices.Contains(StepKinds, k) }

// Step is one step of a formation template. Name, when set, is the
// programme's own wording; empty means the catalogue's label for Kind.
type Step struct {
	Kind StepKind `json:"kind"`
	Name string   `json:"name"`
}

// Rules are how a programme forms groups of one type.
type Rules struct {
	GroupType  GroupType `json:"group_type"`
	MinMembers int       `json:"min_members"`
	MaxMembers int       `json:"max_members"` // 0: no upper bound
	FGDMin     int       `json:"fgd_min"`     // forming FGDs needed before a group is formed
	Steps      []Step    `json:"steps"`
}

// HasStep reports whether the template has a step of kind k.
func (r Rules) HasStep(k StepKind) bool {
	return slices.ContainsFunc(r.Steps, func(s Step) bool { return s.Kind == k })
}

func steps(kinds ...StepKind) []Step {
	out := make([]Step, len(kinds))
	for i, k := range kinds {
		out[i] = Step{Kind: k}
	}
	return out
}

// DefaultRules are the rules the seeds give for each group type: a KUBE has 5
// to 10 member families and is formed by selection, skills training, a
// stimulant grant and mentoring; a waste-picker group needs at least 3 forming
// FGDs. Where the seeds are silent (SHG, productive group) the bounds are only
// a floor of 5; a primary cooperative needs 9 founders (UU 25/1992 as amended
// by the job-creation law).
func DefaultRules(t GroupType) Rules {
	ksp := steps(StepSocialisation, StepApproach, StepDataInterest, StepFGD, StepBoard, StepOperation, StepCoaching)
	switch t {
	case KUBE:
		return Rules{GroupType: t, MinMembers: 5, MaxMembers: 10, Steps: steps(StepSelection, StepTraining, StepGrant, StepMentoring)}
	case KSP:
		return Rules{GroupType: t, MinMembers: 5, FGDMin: 3, Steps: ksp}
	case Cooperative:
		return Rules{GroupType: t, MinMembers: 9, FGDMin: 1, Steps: steps(StepSocialisation, StepFGD, StepBoard, StepLegal, StepOperation, StepCoaching)}
	default:
		return Rules{GroupType: t, MinMembers: 5, Steps: steps(StepSocialisation, StepDataInterest, StepFGD, StepBoard, StepOperation, StepCoaching)}
	}
}

// MaxStepName bounds a step's own name; MaxText bounds long free texts.
const (
	MaxStepName = 100
	MaxName     = 200
	MaxText     = 20000
	MaxFGD      = 20
)

// Validate checks one group type's rules, filling in the default template
// when none is given; problems are added to f under field.
func (r *Rules) Validate(f errs.Fields, field string) {
	if !r.GroupType.Valid() {
		f.Add(field+".group_type", "programme.err.group_type")
		return
	}
	if len(r.Steps) == 0 {
		r.Steps = DefaultRules(r.GroupType).Steps
	}
	if r.MinMembers < 0 || r.MaxMembers < 0 || (r.MaxMembers > 0 && r.MaxMembers < r.MinMembers) {
		f.Add(field+".members", "programme.err.member_bounds")
	}
	if r.FGDMin < 0 || r.FGDMin > MaxFGD {
		f.Add(field+".fgd_min", "programme.err.fgd_min")
	}
	for i := range r.Steps {
		r.Steps[i].Name = strings.TrimSpace(r.Steps[i].Name)
		if !r.Steps[i].Kind.Valid() || len([]rune(r.Steps[i].Name)) > MaxStepName {
			f.Add(field+".steps", "programme.err.step")
		}
	}
	if r.FGDMin > 0 && !r.HasStep(StepFGD) {
		f.Add(field+".steps", "programme.err.fgd_step_missing")
	}
}

// Programme is one phase of an organisation's work. Phase II and later point
// to the phase they continue (PreviousID).
type Programme struct {
	OrgID       string                 `json:"org_id"`
	ID          string                 `json:"id"`
	Name        string                 `json:"name"`
	Description string                 `json:"description"`
	Phase       int                    `json:"phase"`
	PreviousID  string                 `json:"previous_id,omitempty"`
	Start       time.Time              `json:"start"`
	End         time.Time              `json:"end"`
	Regions     []string               `json:"regions"` // region codes at any level
	Targets     []registry.TargetGroup `json:"target_groups"`
	AllowDouble bool                   `json:"allow_double_membership"`
	Rules       []Rules                `json:"rules"` // one per group type allowed
	CreatedAt   time.Time              `json:"created_at"`
	UpdatedAt   time.Time              `json:"updated_at"`
}

// RulesFor returns the programme's rules for groups of type t; ok is false when
// the programme does not form such groups.
func (p Programme) RulesFor(t GroupType) (Rules, bool) {
	for _, r := range p.Rules {
		if r.GroupType == t {
			return r, true
		}
	}
	return Rules{}, false
}

// Covers reports whether a village lies inside the programme's regions.
func (p Programme) Covers(village string) bool {
	return slices.ContainsFunc(p.Regions, func(code string) bool { return region.InScope(code, village) })
}

// VisibleTo reports whether a user with scope may see the programme: some of
// its regions overlap the scope (a regency officer sees a province-wide
// programme, and a national one sees all).
func (p Programme) VisibleTo(scope string) bool {
	return slices.ContainsFunc(p.Regions, func(code string) bool {
		return region.InScope(scope, code) || region.InScope(code, scope)
	})
}

// Input is a programme as entered. Dates are dd/mm/yyyy or yyyy-mm-dd.
type Input struct {
	Name        string   `json:"name"`
	Description string   `json:"description"`
	Start       string   `json:"start"`
	End         string   `json:"end"`
	Regions     []string `json:"regions"`
	Targets     []string `json:"target_groups"`
	AllowDouble bool     `json:"allow_double_membership"`
	Rules       []Rules  `json:"rules"`
}

// Parse checks the input's form and builds the programme it describes. That
// its regions exist and lie in the user's scope is checked by the service.
func (in Input) Parse() (Programme, error) {
	f := errs.Fields{}
	p := Programme{Name: CleanText(in.Name), Description: strings.TrimSpace(in.Description), Phase: 1, AllowDouble: in.AllowDouble}
	CheckName(f, "name", p.Name)
	p.Start = parseDayField(f, "start", in.Start, true)
	p.End = parseDayField(f, "end", in.End, false)
	if !p.End.IsZero() && p.End.Before(p.Start) {
		f.Add("end", "programme.err.end_before_start")
	}
	p.Regions = parseRegions(f, in.Regions)
	p.Targets = parseTargets(f, in.Targets)
	p.Rules = parseRules(f, in.Rules)
	return p, f.Err()
}

func parseRegions(f errs.Fields, codes []string) []string {
	var out []string
	for _, c := range codes {
		code, err := region.NormalizeCode(c)
		if err != nil {
			f.Add("regions", "region.err.code_format")
			continue
		}
		if !slices.Contains(out, code) {
			out = append(out, code)
		}
	}
	if len(out) == 0 {
		f.Add("regions", "programme.err.regions_required")
	}
	slices.Sort(out)
	return out
}

func parseTargets(f errs.Fields, codes []string) []registry.TargetGroup {
	out := []registry.TargetGroup{}
	for _, c := range codes {
		tg, ok := registry.ParseTargetGroup(c)
		if !ok || tg == "" {
			f.Add("target_groups", "person.err.target_group")
			continue
		}
		if !slices.Contains(out, tg) {
			out = append(out, tg)
		}
	}
	return out
}

func parseRules(f errs.Fields, rules []Rules) []Rules {
	if len(rules) == 0 {
		f.Add("rules", "programme.err.rules_required")
	}
	out := make([]Rules, 0, len(rules))
	seen := map[GroupType]bool{}
	for _, r := range rules {
		r.Steps = slices.Clone(r.Steps)
		r.Validate(f, "rules")
		if seen[r.GroupType] {
			f.Add("rules", "programme.err.group_type_twice")
		}
		seen[r.GroupType] = true
		out = append(out, r)
	}
	return out
}

// Baseline is one cell of the figures a phase started from: how many groups of
// a type were at a stage in the previous phase, and their active members.
type Baseline struct {
	GroupType GroupType `json:"group_type"`
	Stage     string    `json:"stage"`
	Groups    int       `json:"groups"`
	Members   int       `json:"members"`
}

// CleanText folds a one-line text as typed: runs of spaces and line breaks
// become one space, with none at either end.
func CleanText(s string) string { return strings.Join(strings.Fields(s), " ") }

// CheckName adds field's problem with a (cleaned) name: missing or longer
// than MaxName. Other areas' names (a group's) follow the same rule.
func CheckName(f errs.Fields, field, name string) {
	switch {
	case name == "":
		f.Add(field, "err.name_required")
	case len([]rune(name)) > MaxName:
		f.Add(field, "err.name_long")
	}
}
