// Package registry holds the people the programmes serve: households (one per
// Kartu Keluarga) and their members (persons, identified by NIK), with target
// groups, consent, data-quality flags, duplicates and the bulk import of the
// spreadsheets the field produces.
package registry

import (
	"slices"
	"time"
)

// Sex as written on Indonesian documents: L (laki-laki) or P (perempuan).
type Sex string

// The two values of Sex.
const (
	Male   Sex = "L"
	Female Sex = "P"
)

// TargetGroup is why a person is served: the nine PMKS groups of the KUBE
// guideline, plus the groups of the waste-picker and credit-union programmes.
type TargetGroup string

// The target groups (codes are stable; labels live in the message catalogue
// under "target_group.<code>").
const (
	PoorFamily        TargetGroup = "fakir_miskin"        // keluarga fakir miskin
	IsolatedCommunity TargetGroup = "masyarakat_terasing" // komunitas adat terpencil
	Disability        TargetGroup = "penyandang_disabilitas"
	Elderly           TargetGroup = "lanjut_usia"
	NeglectedChild    TargetGroup = "anak_terlantar"
	VulnerableWoman   TargetGroup = "wanita_rawan_sosial_ekonomi"
	YoungFamily       TargetGroup = "keluarga_muda_mandiri"
	Youth             TargetGroup = "karang_taruna"  // remaja dan pemuda
	SlumFamily        TargetGroup = "keluarga_kumuh" // keluarga miskin di daerah kumuh
	WastePicker       TargetGroup = "pemulung"
	CreditUnionMember TargetGroup = "anggota_cu"
)

// TargetGroups lists every target group in display order.
var TargetGroups = []TargetGroup{PoorFamily, IsolatedCommunity, Disability, Elderly, NeglectedChild,
	VulnerableWoman, YoungFamily, Youth, SlumFamily, WastePicker, CreditUnionMember}

// Valid reports whether g is a known target group.
func (g TargetGroup) Valid() bool { return slices.Contains(TargetGroups, g) }

// Relationship is a member's relation to the head of the household, as on the KK.
type Relationship string

// The relationships on a Kartu Keluarga.
const (
	Head        Relationship = "kepala_keluarga"
	Spouse      Relationship = "istri_suami"
	Child       Relationship = "anak"
	ChildInLaw  Relationship = "menantu"
	Grandchild  Relationship = "cucu"
	Parent      Relationship = "orang_tua"
	ParentInLaw Relationship = "mertua"
	OtherFamily Relationship = "famili_lain"
	Other       Relationship = "lainnya"
)

// Relationships lists every relationship in display order.
var Relationships = []Relationship{Head, Spouse, Child, ChildInLaw, Grandchild, Parent, ParentInLaw, OtherFamily, Other}

// Valid reports whether r is a known relationship.
func (r Relationship) Valid() bool { return slices.Contains(Relationships, r) }

// Household is one family card (Kartu Keluarga) and where the family lives.
type Household struct {
	OrgID       string    `json:"org_id"`
	ID          string    `json:"id"`
	KK          string    `json:"kk"` // 16-digit family-card number
	Address     string    `json:"address"`
	VillageCode string    `json:"village_code"` // dotted Kemendagri code, e.g. 32.04.05.2001
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// Person is one member of a household. Dates of birth and consent are calendar
// dates held as time.Time at 00:00 UTC.
type Person struct {
	OrgID        string       `json:"org_id"`
	ID           string       `json:"id"`
	HouseholdID  string       `json:"household_id"`
	NIK          string       `json:"nik"`
	Name         string       `json:"name"`
	Sex          Sex          `json:"sex"`
	BirthDate    time.Time    `json:"birth_date"`
	Relationship Relationship `json:"relationship"`
	Education    string       `json:"education"`
	Occupation   string       `json:"occupation"`
	Disability   string       `json:"disability"` // "" when none
	TargetGroup  TargetGroup  `json:"target_group"`
	Phone        string       `json:"phone"`
	Consent      bool         `json:"consent"`
	ConsentDate  time.Time    `json:"consent_date"`
	VillageCode  string       `json:"village_code"` // copied from the household for scope filters
	Flags        []string     `json:"flags"`        // data-quality flags, e.g. "nik_birth_date_mismatch"
	CreatedAt    time.Time    `json:"created_at"`
	UpdatedAt    time.Time    `json:"updated_at"`
}

// Date returns the calendar date y-m-d as registry dates are held: 00:00 UTC.
func Date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
