package programme

import (
	"slices"
	"strings"
	"time"

	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/region"
)

// UnitType is the kind of an organisation unit (labels under "unit_type.<code>").
type UnitType string

// The unit types of the seeds.
const (
	UnitLPP         UnitType = "lpp"          // lembaga pemberdayaan pemulung
	UnitMFU         UnitType = "mfu"          // micro-finance unit (savings and loans)
	UnitRBU         UnitType = "rbu"          // recycling business unit
	UnitSS          UnitType = "ss"           // social-services unit
	UnitPanti       UnitType = "panti_sosial" // residential social institution
	UnitCooperative UnitType = "koperasi"
	UnitFoundation  UnitType = "yayasan"
	UnitCreditUnion UnitType = "credit_union"
	UnitCUBranch    UnitType = "cu_branch" // a credit union's branch office (TP)
)

// UnitTypes lists every unit type in display order.
var UnitTypes = []UnitType{UnitLPP, UnitMFU, UnitRBU, UnitSS, UnitPanti, UnitCooperative, UnitFoundation, UnitCreditUnion, UnitCUBranch}

// Valid reports whether t is a known unit type.
func (t UnitType) Valid() bool { return slices.Contains(UnitTypes, t) }

// Unit is an organisation unit in a location: later issues hang books,
// purchases and services on it. ProgrammeID and ParentID are optional: a
// credit union outlives any one programme; a CU branch sits under its union.
type Unit struct {
	OrgID        string    `json:"org_id"`
	ID           string    `json:"id"`
	ProgrammeID  string    `json:"programme_id,omitempty"`
	ParentID     string    `json:"parent_id,omitempty"`
	Type         UnitType  `json:"type"`
	Name         string    `json:"name"`
	Address      string    `json:"address"`
	HeadUserID   string    `json:"head_user_id,omitempty"`
	HeadPersonID string    `json:"head_person_id,omitempty"`
	VillageCode  string    `json:"village_code"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

// Staff is one person working in a unit: a user of the system or a person of
// the registry. Ending a post sets End; the row stays as history.
type Staff struct {
	ID       string    `json:"id"`
	UnitID   string    `json:"unit_id"`
	UserID   string    `json:"user_id,omitempty"`
	PersonID string    `json:"person_id,omitempty"`
	Position string    `json:"position"`
	Start    time.Time `json:"start"`
	End      time.Time `json:"end"`
}

// UnitInput is a unit as entered.
type UnitInput struct {
	ProgrammeID  string `json:"programme_id"`
	ParentID     string `json:"parent_id"`
	Type         string `json:"type"`
	Name         string `json:"name"`
	Address      string `json:"address"`
	HeadUserID   string `json:"head_user_id"`
	HeadPersonID string `json:"head_person_id"`
	VillageCode  string `json:"village_code"`
}

// Parse checks the input's form; references are checked by the service.
func (in UnitInput) Parse() (Unit, error) {
	f := errs.Fields{}
	u := Unit{ProgrammeID: strings.TrimSpace(in.ProgrammeID), ParentID: strings.TrimSpace(in.ParentID),
		Type: UnitType(strings.TrimSpace(in.Type)), Name: CleanText(in.Name), Address: CleanText(in.Address),
		HeadUserID: strings.TrimSpace(in.HeadUserID), HeadPersonID: strings.TrimSpace(in.HeadPersonID)}
	if !u.Type.Valid() {
		f.Add("type", "unit.err.type")
	}
	CheckName(f, "name", u.Name)
	u.VillageCode = ParseVillage(f, "village_code", in.VillageCode)
	if u.Type == UnitCUBranch && u.ParentID == "" {
		f.Add("parent_id", "unit.err.branch_parent")
	}
	return u, f.Err()
}

// ParseVillage reads a village code (dotted or not) into f's field.
func ParseVillage(f errs.Fields, field, raw string) string {
	code, err := region.NormalizeCode(raw)
	switch {
	case strings.TrimSpace(raw) == "":
		f.Add(field, "person.err.village_required")
	case err != nil || region.LevelOf(code) != region.Village:
		f.Add(field, "person.err.village_code")
	}
	return code
}

// StaffInput is a staff post as entered: exactly one of UserID and PersonID.
type StaffInput struct {
	UserID   string `json:"user_id"`
	PersonID string `json:"person_id"`
	Position string `json:"position"`
	Start    string `json:"start"`
}

// Parse checks the input's form.
func (in StaffInput) Parse() (Staff, error) {
	f := errs.Fields{}
	s := Staff{UserID: strings.TrimSpace(in.UserID), PersonID: strings.TrimSpace(in.PersonID), Position: CleanText(in.Position)}
	if (s.UserID == "") == (s.PersonID == "") {
		f.Add("person_id", "unit.err.staff_who")
	}
	if s.Position == "" {
		f.Add("position", "unit.err.position_required")
	}
	s.Start = parseDayField(f, "start", in.Start, true)
	return s, f.Err()
}
