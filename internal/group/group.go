// Package group holds the groups of families a programme forms (KUBE,
// waste-picker self-help groups, SHGs, productive groups, cooperatives) through
// their whole life: the formation steps of the programme's template with their
// FGDs and attendance, membership with its history, the elected board, the
// rules book, coaching meetings and their follow-ups, the stage with the
// evidence of each change, and the upgrade to a legal cooperative. The rules
// are pure functions in rules.go; the service applies them to the records.
package group

import (
	"slices"
	"strings"
	"time"

	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/programme"
)

// Stage is where a group is in its life (labels under "stage.<code>").
type Stage string

// The stages, in the order a group grows through them.
const (
	Forming     Stage = "forming"
	Formed      Stage = "formed"
	Operating   Stage = "operating"
	Developing  Stage = "developing"
	Cooperative Stage = "cooperative"
)

// Stages lists every stage in order.
var Stages = []Stage{Forming, Formed, Operating, Developing, Cooperative}

// Valid reports whether s is a known stage.
func (s Stage) Valid() bool { return slices.Contains(Stages, s) }

// Rank is the stage's place in the order (-1 when unknown).
func (s Stage) Rank() int { return slices.Index(Stages, s) }

// Field is a group's line of business (labels under "business_field.<code>"),
// the fields the panti-sosial seed plans productive work in, plus recycling
// and trade for the waste-picker and credit-union programmes.
type Field string

// The business fields.
const (
	Farming      Field = "pertanian"
	FisheryStock Field = "perikanan_peternakan"
	Crafts       Field = "kerajinan"
	Services     Field = "jasa"
	Construction Field = "konstruksi"
	LabourSupply Field = "tenaga_kerja"
	Recycling    Field = "daur_ulang"
	Trade        Field = "perdagangan"
	OtherField   Field = "lainnya"
)

// BusinessFields lists every business field in display order.
var BusinessFields = []Field{Farming, FisheryStock, Crafts, Services, Construction, LabourSupply, Recycling, Trade, OtherField}

// Valid reports whether f is a known business field.
func (f Field) Valid() bool { return slices.Contains(BusinessFields, f) }

// Group is one group of families in a village.
type Group struct {
	OrgID         string              `json:"org_id"`
	ID            string              `json:"id"`
	ProgrammeID   string              `json:"programme_id"`
	SourceID      string              `json:"source_id,omitempty"` // the previous phase's group it continues
	UnitID        string              `json:"unit_id,omitempty"`   // the unit (e.g. the LPP) that runs it
	Name          string              `json:"name"`
	Type          programme.GroupType `json:"type"`
	Field         Field               `json:"business_field"`
	Settlement    bool                `json:"settlement"` // a KUBE that is a whole settlement unit
	Stage         Stage               `json:"stage"`
	Address       string              `json:"address"`
	VillageCode   string              `json:"village_code"`
	FacilitatorID string              `json:"facilitator_id,omitempty"`
	CreatedAt     time.Time           `json:"created_at"`
	UpdatedAt     time.Time           `json:"updated_at"`
}

// Input is a group as entered.
type Input struct {
	ProgrammeID   string `json:"programme_id"`
	UnitID        string `json:"unit_id"`
	Name          string `json:"name"`
	Type          string `json:"type"`
	Field         string `json:"business_field"`
	Settlement    bool   `json:"settlement"`
	Address       string `json:"address"`
	VillageCode   string `json:"village_code"`
	FacilitatorID string `json:"facilitator_id"`
}

// Parse checks the input's form; the service checks the references.
func (in Input) Parse() (Group, error) {
	f := errs.Fields{}
	g := Group{ProgrammeID: strings.TrimSpace(in.ProgrammeID), UnitID: strings.TrimSpace(in.UnitID), Name: programme.CleanText(in.Name),
		Type: programme.GroupType(strings.TrimSpace(in.Type)), Field: Field(strings.TrimSpace(in.Field)),
		Settlement: in.Settlement, Address: programme.CleanText(in.Address), FacilitatorID: strings.TrimSpace(in.FacilitatorID), Stage: Forming}
	if g.ProgrammeID == "" {
		f.Add("programme_id", "programme.err.not_found")
	}
	programme.CheckName(f, "name", g.Name)
	if !g.Type.Valid() {
		f.Add("type", "programme.err.group_type")
	}
	if !g.Field.Valid() {
		f.Add("business_field", "group.err.business_field")
	}
	// The KUBE guideline makes one settlement unit one KUBE only for isolated
	// communities and slum rehabilitation; other groups have no such exception.
	if g.Settlement && g.Type != programme.KUBE {
		f.Add("settlement", "group.err.settlement_kube")
	}
	g.VillageCode = programme.ParseVillage(f, "village_code", in.VillageCode)
	return g, f.Err()
}

// StageChange is one entry of a group's stage history.
type StageChange struct {
	ID         string    `json:"id"`
	From       Stage     `json:"from"` // "" for the group's creation
	To         Stage     `json:"to"`
	Date       time.Time `json:"date"`
	UserID     string    `json:"user_id"`
	Evidence   string    `json:"evidence"`
	Correction bool      `json:"correction"`
	CreatedAt  time.Time `json:"created_at"`
}

// CooperativeInfo is what a group became a legal cooperative with.
type CooperativeInfo struct {
	FormerType  programme.GroupType `json:"former_type"`
	Statutes    string              `json:"statutes"` // AD/ART
	LegalNumber string              `json:"legal_number"`
	LegalDate   time.Time           `json:"legal_date"`
	UpgradedOn  time.Time           `json:"upgraded_on"`
	UserID      string              `json:"user_id"`
}

// Detail is a group with its stage history and, once upgraded, its
// cooperative registration.
type Detail struct {
	Group         Group            `json:"group"`
	ActiveMembers int              `json:"active_members"` // counting toward the bounds
	Stages        []StageChange    `json:"stages"`
	Cooperative   *CooperativeInfo `json:"cooperative,omitempty"`
}

const maxText = 20000

// checkText bounds a long free text (notes, minutes, statutes).
func checkText(f errs.Fields, field, text string, required bool) string {
	text = strings.TrimSpace(text)
	switch {
	case required && text == "":
		f.Add(field, "err.text_required")
	case len(text) > maxText:
		f.Add(field, "err.text_long")
	}
	return text
}
