// Package access defines who is acting (the Principal), the roles and what each
// role may do, and the region scope rule. Every service checks its callers with
// it; it has no I/O so that every area can import it.
package access

import (
	"slices"

	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/region"
)

// Role is a user's job in the organisation.
type Role string

// The roles, from most to least powerful.
const (
	Admin       Role = "admin"
	Manager     Role = "manager"
	Facilitator Role = "facilitator"
	Treasurer   Role = "treasurer"
	Viewer      Role = "viewer"
)

// Roles lists every role in display order.
var Roles = []Role{Admin, Manager, Facilitator, Treasurer, Viewer}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return slices.Contains(Roles, r) }

// Perm is one thing a role may do.
type Perm string

// The permissions. Later areas add theirs here, next to the role table.
const (
	ReadRecords    Perm = "records.read"    // see records in scope
	ManageUsers    Perm = "users.manage"    // add, disable, reset users in scope
	ReadAudit      Perm = "audit.read"      // read the audit trail in scope
	SeeIdentifiers Perm = "identifiers.see" // see NIK/KK unmasked
	// Registry.
	WriteRecords      Perm = "records.write"      // create and edit households and persons in scope
	ImportRecords     Perm = "records.import"     // bulk-import files
	MergeRecords      Perm = "records.merge"      // merge duplicate persons
	ExportIdentifiers Perm = "identifiers.export" // export lists with NIK/KK unmasked (audited)
	// Programmes and groups. Group work (forming, members, board, meetings) is
	// records.write, as a facilitator does it in the field; setting a
	// programme's rules, its units and correcting a group's stage backwards
	// are a manager's.
	ManageProgrammes Perm = "programmes.manage"
	// PPI: scorecards are a catalogue shared by every organisation of the
	// install, so adding one is an administrator's.
	ImportScorecards Perm = "scorecards.import"
	// ManageSurveys designs PPI survey rounds and draws their samples: a
	// manager's decision, as a programme's rules are; interviewing is
	// records.write, done by facilitators in the field.
	ManageSurveys Perm = "surveys.manage"
)

var rolePerms = map[Role][]Perm{
	Admin:       {ReadRecords, ManageUsers, ReadAudit, SeeIdentifiers, WriteRecords, ImportRecords, MergeRecords, ExportIdentifiers, ManageProgrammes, ImportScorecards, ManageSurveys},
	Manager:     {ReadRecords, SeeIdentifiers, WriteRecords, ImportRecords, MergeRecords, ExportIdentifiers, ManageProgrammes, ManageSurveys},
	Facilitator: {ReadRecords, SeeIdentifiers, WriteRecords, ImportRecords},
	Treasurer:   {ReadRecords},
	Viewer:      {ReadRecords},
}

// Principal is the signed-in user a request or command acts for.
type Principal struct {
	OrgID    string
	OrgName  string
	UserID   string
	Username string
	Name     string
	Role     Role
	Scope    string // a region code; "" means the whole country
	Lang     string
}

// Can reports whether p's role grants perm.
func (p Principal) Can(perm Perm) bool { return slices.Contains(rolePerms[p.Role], perm) }

// Require returns a forbidden error unless p's role grants perm.
func (p Principal) Require(perm Perm) error {
	if p.UserID == "" {
		return errs.New(errs.Unauthorized, "err.unauthorized")
	}
	if !p.Can(perm) {
		return errs.New(errs.Forbidden, "err.forbidden")
	}
	return nil
}

// Covers reports whether a record at region code lies in p's scope.
func (p Principal) Covers(code string) bool { return region.InScope(p.Scope, code) }

// RequireScope returns a forbidden error unless code lies in p's scope.
func (p Principal) RequireScope(code string) error {
	if !p.Covers(code) {
		return errs.New(errs.Forbidden, "err.out_of_scope")
	}
	return nil
}
