package group

import (
	"slices"

	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/programme"
)

// The rules of the group's life, as pure functions over the facts the
// service gathers, so that each is tested as a table without a database.

// CountsTowardBounds reports whether a member counts for the programme's
// member bounds: a candidate (who only stated interest) does not yet.
func (m Member) CountsTowardBounds() bool { return m.Left.IsZero() && m.Role != Candidate }

// CheckBounds says whether n counted members fit the rules; a settlement-unit
// KUBE takes the whole settlement and so has no upper bound.
func CheckBounds(r programme.Rules, settlement bool, n int) error {
	if n < r.MinMembers {
		return errs.New(errs.Invalid, "group.err.too_few_members", n, r.MinMembers).Field("members", "group.err.member_bounds")
	}
	if !settlement && r.MaxMembers > 0 && n > r.MaxMembers {
		return errs.New(errs.Invalid, "group.err.too_many_members", n, r.MaxMembers).Field("members", "group.err.member_bounds")
	}
	return nil
}

// CheckFGDs says whether a group has held the forming FGDs its programme asks.
func CheckFGDs(r programme.Rules, fgds int) error {
	if fgds < r.FGDMin {
		return errs.New(errs.Invalid, "group.err.fgd_min", fgds, r.FGDMin).Field("stage", "group.err.fgd_missing")
	}
	return nil
}

// Facts are what the stage rules look at.
type Facts struct {
	Rules      programme.Rules
	Settlement bool
	FGDs       int  // forming FGD steps recorded
	Members    int  // active members counting toward the bounds
	Board      bool // a current board with chair, secretary and treasurer
}

// CheckStage says whether a group may move from one stage to another. Stages
// move only forward; a correction (by a manager, with evidence) may move to
// any other stage but the cooperative one, which only the upgrade reaches.
// Whoever crosses into "formed" must meet the FGD and member rules, and into
// "operating" must have a board, so that skipping a stage skips no rule.
func CheckStage(from, to Stage, correction bool, f Facts) error {
	switch {
	case !to.Valid():
		return errs.New(errs.Invalid, "err.invalid").Field("to", "stage.err.unknown")
	case to == Cooperative:
		return errs.New(errs.Invalid, "err.invalid").Field("to", "stage.err.use_upgrade")
	case from == Cooperative:
		return errs.New(errs.Conflict, "stage.err.cooperative_final")
	case to == from:
		return errs.New(errs.Invalid, "err.invalid").Field("to", "stage.err.same")
	case correction:
		return nil
	case to.Rank() < from.Rank():
		return errs.New(errs.Invalid, "err.invalid").Field("to", "stage.err.backward")
	}
	if crosses(from, to, Formed) {
		if err := CheckFGDs(f.Rules, f.FGDs); err != nil {
			return err
		}
		if err := CheckBounds(f.Rules, f.Settlement, f.Members); err != nil {
			return err
		}
	}
	if crosses(from, to, Operating) && !f.Board {
		return errs.New(errs.Invalid, "err.invalid").Field("to", "stage.err.board_missing")
	}
	return nil
}

// crosses reports whether moving from one stage to another reaches gate.
func crosses(from, to, gate Stage) bool { return from.Rank() < gate.Rank() && to.Rank() >= gate.Rank() }

// Joining is a person about to join a group, with what the service found
// about them.
type Joining struct {
	PersonID    string
	HouseholdID string
	Role        MemberRole
	// ElsewhereInProgramme is true when the person is an active member of
	// another group of the same programme.
	ElsewhereInProgramme bool
}

// CheckJoin says whether a person may join a group whose active members are
// given: not twice; for a KUBE, one member per family (household); not in two
// groups of one programme unless the programme allows it; and once the group
// is formed, not beyond the programme's upper bound (settlements excepted).
func CheckJoin(g Group, r programme.Rules, allowDouble bool, active []Member, j Joining) error {
	counted := 0
	for _, m := range active {
		if m.PersonID == j.PersonID {
			return errs.New(errs.Conflict, "member.err.already_member").Field("person_id", "member.err.already_member")
		}
		if g.Type == programme.KUBE && m.HouseholdID == j.HouseholdID {
			return errs.New(errs.Invalid, "err.invalid").Field("person_id", "member.err.household_taken")
		}
		if m.CountsTowardBounds() {
			counted++
		}
	}
	if j.ElsewhereInProgramme && !allowDouble {
		return errs.New(errs.Conflict, "member.err.double").Field("person_id", "member.err.double")
	}
	if g.Stage.Rank() >= Formed.Rank() && j.Role != Candidate && !g.Settlement && r.MaxMembers > 0 && counted+1 > r.MaxMembers {
		return errs.New(errs.Invalid, "group.err.too_many_members", counted+1, r.MaxMembers).Field("person_id", "group.err.member_bounds")
	}
	return nil
}

// CheckSeats says whether an elected board is well made: one chair, one
// secretary and one treasurer; supervisors only (and at least one) in a
// cooperative; nobody in two seats; everyone an active member who is not a
// mere candidate, since the board is chosen from and by the members.
func CheckSeats(t programme.GroupType, seats []Seat, members map[string]Member) error {
	count := map[SeatRole]int{}
	seen := map[string]bool{}
	for _, s := range seats {
		if !s.Role.Valid() {
			return errs.New(errs.Invalid, "err.invalid").Field("seats", "board.err.role")
		}
		m, ok := members[s.PersonID]
		if !ok || !m.CountsTowardBounds() {
			return errs.New(errs.Invalid, "err.invalid").Field("seats", "board.err.not_member")
		}
		if seen[s.PersonID] {
			return errs.New(errs.Invalid, "err.invalid").Field("seats", "board.err.two_seats")
		}
		seen[s.PersonID] = true
		count[s.Role]++
	}
	for _, role := range []SeatRole{Chair, Secretary, Treasurer} {
		if count[role] != 1 {
			return errs.New(errs.Invalid, "err.invalid").Field("seats", "board.err.core_roles")
		}
	}
	coop := slices.Contains(SeatsFor(t), Supervisor)
	if coop && count[Supervisor] == 0 {
		return errs.New(errs.Invalid, "err.invalid").Field("seats", "board.err.supervisor_required")
	}
	if !coop && count[Supervisor] > 0 {
		return errs.New(errs.Invalid, "err.invalid").Field("seats", "board.err.supervisor_coop")
	}
	return nil
}

// HasCoreBoard reports whether current seats hold a chair, a secretary and a
// treasurer: what a group needs before it operates.
func HasCoreBoard(seats []Seat) bool {
	have := map[SeatRole]bool{}
	for _, s := range seats {
		have[s.Role] = true
	}
	return have[Chair] && have[Secretary] && have[Treasurer]
}
