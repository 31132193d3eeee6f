package group

import (
	"slices"
	"testing"

	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/i18n"
	"github.com/berdaya/berdaya/internal/programme"
)

// wantErr checks that err carries code and, when field is set, that field's
// message key; every key must be in the catalogue in both languages.
func wantErr(t *testing.T, err error, code errs.Code, field, key string) {
	t.Helper()
	if code == "" {
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		return
	}
	e, ok := errs.As(err)
	if !ok || e.Code != code {
		t.Fatalf("error = %v, want code %s", err, code)
	}
	got := e.Msg
	if field != "" {
		got = e.Fields[field]
	}
	if got != key {
		t.Fatalf("error = %v, want %s on %q", err, key, field)
	}
	for _, k := range append([]string{e.Msg}, fieldKeys(e)...) {
		if !i18n.Has(k) || i18n.T("en", k) == i18n.T("id", k) {
			t.Errorf("message %q missing or untranslated", k)
		}
	}
}

func fieldKeys(e *errs.Error) []string {
	var out []string
	for _, k := range e.Fields {
		out = append(out, k)
	}
	return out
}

func TestCheckBounds(t *testing.T) {
	kube := programme.DefaultRules(programme.KUBE)
	ksp := programme.DefaultRules(programme.KSP)
	cases := []struct {
		name       string
		rules      programme.Rules
		settlement bool
		n          int
		key        string
	}{
		{"KUBE of 4 families is too small", kube, false, 4, "group.err.too_few_members"},
		{"KUBE of 5 families", kube, false, 5, ""},
		{"KUBE of 10 families", kube, false, 10, ""},
		{"KUBE of 11 families is too big", kube, false, 11, "group.err.too_many_members"},
		{"settlement KUBE of 40 families takes the whole settlement", kube, true, 40, ""},
		{"settlement KUBE still needs the minimum", kube, true, 3, "group.err.too_few_members"},
		{"KSP has no upper bound", ksp, false, 60, ""},
		{"configured bounds 3..4", programme.Rules{MinMembers: 3, MaxMembers: 4}, false, 5, "group.err.too_many_members"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := CheckBounds(c.rules, c.settlement, c.n)
			if c.key == "" {
				wantErr(t, err, "", "", "")
				return
			}
			wantErr(t, err, errs.Invalid, "", c.key)
		})
	}
	e, _ := errs.As(CheckBounds(kube, false, 11))
	if got := i18n.T("id", e.Msg, e.Args...); got != "Kelompok akan memiliki 11 anggota; program membolehkan paling banyak 10." {
		t.Errorf("message = %q", got)
	}
}

func TestCheckStage(t *testing.T) {
	ksp := programme.DefaultRules(programme.KSP)
	ready := Facts{Rules: ksp, FGDs: 3, Members: 8, Board: true}
	cases := []struct {
		name       string
		from, to   Stage
		correction bool
		facts      Facts
		code       errs.Code
		field, key string
	}{
		{"formed after 3 FGDs with 8 members", Forming, Formed, false, ready, "", "", ""},
		{"formed after only 2 FGDs", Forming, Formed, false, Facts{Rules: ksp, FGDs: 2, Members: 8}, errs.Invalid, "stage", "group.err.fgd_missing"},
		{"formed with too few members", Forming, Formed, false, Facts{Rules: ksp, FGDs: 3, Members: 4}, errs.Invalid, "members", "group.err.member_bounds"},
		{"KUBE settlement of 30 formed", Forming, Formed, false, Facts{Rules: programme.DefaultRules(programme.KUBE), Settlement: true, Members: 30}, "", "", ""},
		{"KUBE of 30 without settlement", Forming, Formed, false, Facts{Rules: programme.DefaultRules(programme.KUBE), Members: 30}, errs.Invalid, "members", "group.err.member_bounds"},
		{"skipping to operating still checks FGDs", Forming, Operating, false, Facts{Rules: ksp, FGDs: 1, Members: 8, Board: true}, errs.Invalid, "stage", "group.err.fgd_missing"},
		{"operating needs a board", Formed, Operating, false, Facts{Rules: ksp, FGDs: 3, Members: 8}, errs.Invalid, "to", "stage.err.board_missing"},
		{"operating with a board", Formed, Operating, false, ready, "", "", ""},
		{"developing after operating", Operating, Developing, false, ready, "", "", ""},
		{"backward is refused", Operating, Formed, false, ready, errs.Invalid, "to", "stage.err.backward"},
		{"backward by correction", Operating, Formed, true, Facts{}, "", "", ""},
		{"correction skips the gates", Forming, Operating, true, Facts{Rules: ksp}, "", "", ""},
		{"same stage", Formed, Formed, false, ready, errs.Invalid, "to", "stage.err.same"},
		{"cooperative only by upgrade", Developing, Cooperative, false, ready, errs.Invalid, "to", "stage.err.use_upgrade"},
		{"a cooperative stays one", Cooperative, Developing, true, ready, errs.Conflict, "", "stage.err.cooperative_final"},
		{"unknown stage", Forming, "dissolved", false, ready, errs.Invalid, "to", "stage.err.unknown"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			wantErr(t, CheckStage(c.from, c.to, c.correction, c.facts), c.code, c.field, c.key)
		})
	}
}

func TestCheckJoin(t *testing.T) {
	kube := Group{Type: programme.KUBE, Stage: Forming}
	kubeRules := programme.DefaultRules(programme.KUBE)
	active := []Member{{PersonID: "ani", HouseholdID: "kk1", Role: Ordinary}, {PersonID: "budi", HouseholdID: "kk2", Role: Ordinary}}
	ten := make([]Member, 10)
	for i := range ten {
		ten[i] = Member{PersonID: string(rune('a' + i)), HouseholdID: string(rune('A' + i)), Role: Ordinary}
	}
	formed := Group{Type: programme.KUBE, Stage: Formed}
	settled := Group{Type: programme.KUBE, Stage: Formed, Settlement: true}
	ksp := Group{Type: programme.KSP, Stage: Forming}
	cases := []struct {
		name        string
		g           Group
		allowDouble bool
		active      []Member
		j           Joining
		code        errs.Code
		key         string
	}{
		{"a new family joins", kube, false, active, Joining{PersonID: "cici", HouseholdID: "kk3"}, "", ""},
		{"the same person twice", kube, false, active, Joining{PersonID: "ani", HouseholdID: "kk1"}, errs.Conflict, "member.err.already_member"},
		{"KUBE: a second member of one family", kube, false, active, Joining{PersonID: "dedi", HouseholdID: "kk1"}, errs.Invalid, "member.err.household_taken"},
		{"KSP: two of one family may join", ksp, false, active, Joining{PersonID: "dedi", HouseholdID: "kk1"}, "", ""},
		{"active in another group of the programme", kube, false, active, Joining{PersonID: "eka", HouseholdID: "kk5", ElsewhereInProgramme: true}, errs.Conflict, "member.err.double"},
		{"double membership allowed by the programme", kube, true, active, Joining{PersonID: "eka", HouseholdID: "kk5", ElsewhereInProgramme: true}, "", ""},
		{"an eleventh family in a formed KUBE", formed, false, ten, Joining{PersonID: "z", HouseholdID: "Z"}, errs.Invalid, "group.err.member_bounds"},
		{"an eleventh family as candidate", formed, false, ten, Joining{PersonID: "z", HouseholdID: "Z", Role: Candidate}, "", ""},
		{"an eleventh family while forming", kube, false, ten, Joining{PersonID: "z", HouseholdID: "Z"}, "", ""},
		{"an eleventh family in a settlement KUBE", settled, false, ten, Joining{PersonID: "z", HouseholdID: "Z"}, "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			wantErr(t, CheckJoin(c.g, kubeRules, c.allowDouble, c.active, c.j), c.code, "person_id", c.key)
		})
	}
}

func TestCheckSeats(t *testing.T) {
	members := map[string]Member{
		"ani": {PersonID: "ani", Role: Ordinary}, "budi": {PersonID: "budi", Role: Founder},
		"cici": {PersonID: "cici", Role: Ordinary}, "dedi": {PersonID: "dedi", Role: Ordinary},
		"eka": {PersonID: "eka", Role: Candidate},
	}
	core := []Seat{{PersonID: "ani", Role: Chair}, {PersonID: "budi", Role: Secretary}, {PersonID: "cici", Role: Treasurer}}
	with := func(extra ...Seat) []Seat { return append(append([]Seat{}, core...), extra...) }
	cases := []struct {
		name  string
		t     programme.GroupType
		seats []Seat
		key   string
	}{
		{"chair, secretary, treasurer", programme.KUBE, core, ""},
		{"a non-member as chair", programme.KUBE, []Seat{{PersonID: "zaki", Role: Chair}, core[1], core[2]}, "board.err.not_member"},
		{"a candidate member as treasurer", programme.KUBE, []Seat{core[0], core[1], {PersonID: "eka", Role: Treasurer}}, "board.err.not_member"},
		{"one person in two seats", programme.KUBE, []Seat{core[0], core[1], {PersonID: "ani", Role: Treasurer}}, "board.err.two_seats"},
		{"no treasurer", programme.KSP, core[:2], "board.err.core_roles"},
		{"two chairs", programme.KSP, with(Seat{PersonID: "dedi", Role: Chair}), "board.err.core_roles"},
		{"supervisor outside a cooperative", programme.KUBE, with(Seat{PersonID: "dedi", Role: Supervisor}), "board.err.supervisor_coop"},
		{"cooperative without supervisor", programme.Cooperative, core, "board.err.supervisor_required"},
		{"cooperative with supervisor", programme.Cooperative, with(Seat{PersonID: "dedi", Role: Supervisor}), ""},
		{"unknown seat", programme.KUBE, with(Seat{PersonID: "dedi", Role: "patron"}), "board.err.role"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := CheckSeats(c.t, c.seats, members)
			if c.key == "" {
				wantErr(t, err, "", "", "")
				return
			}
			wantErr(t, err, errs.Invalid, "seats", c.key)
		})
	}
	if !HasCoreBoard(core) || HasCoreBoard(core[:2]) {
		t.Error("HasCoreBoard")
	}
}

func TestElectionInputParse(t *testing.T) {
	today := dayOf("2026-11-22")
	cands := []Nominee{{PersonID: "ani", Role: Chair, Votes: 7}, {PersonID: "budi", Role: Chair, Votes: 3}}
	cases := []struct {
		name  string
		in    ElectionInput
		field string
		key   string
	}{
		{"a vote", ElectionInput{Date: "20/11/2026", Method: "votes", Candidates: cands, Elected: []Nominee{{PersonID: "ani", Role: Chair}}}, "", ""},
		{"elected without standing", ElectionInput{Date: "20/11/2026", Method: "votes", Candidates: cands, Elected: []Nominee{{PersonID: "cici", Role: Chair}}}, "elected", "board.err.not_candidate"},
		{"the one with fewer votes", ElectionInput{Date: "20/11/2026", Method: "votes", Candidates: cands, Elected: []Nominee{{PersonID: "budi", Role: Chair}}}, "elected", "board.err.outvoted"},
		{"a vote without votes", ElectionInput{Date: "20/11/2026", Method: "votes", Candidates: []Nominee{{PersonID: "ani", Role: Chair}}}, "candidates", "board.err.no_votes"},
		{"consensus with votes", ElectionInput{Date: "20/11/2026", Method: "consensus", Candidates: cands}, "candidates", "board.err.votes"},
		{"consensus", ElectionInput{Date: "2026-11-20", Method: "consensus", Elected: []Nominee{{PersonID: "cici", Role: Chair}}}, "", ""},
		{"unknown method", ElectionInput{Date: "20/11/2026", Method: "lottery"}, "method", "board.err.method"},
		{"in the future", ElectionInput{Date: "23/11/2026", Method: "consensus"}, "date", "err.date_future"},
		{"term ends before it starts", ElectionInput{Date: "20/11/2026", Method: "consensus", TermEnd: "01/01/2026"}, "term_end", "board.err.term"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e, err := c.in.Parse(today)
			if c.key == "" {
				wantErr(t, err, "", "", "")
				if e.TermStart != e.Date || len(e.Elected) != len(c.in.Elected) {
					t.Errorf("parsed %+v", e)
				}
				return
			}
			wantErr(t, err, errs.Invalid, c.field, c.key)
		})
	}
}

func TestBuildFormation(t *testing.T) {
	rules := programme.DefaultRules(programme.KSP)
	g := Group{Type: programme.KSP, Stage: Forming}
	steps := []StepRecord{{Kind: programme.StepSocialisation}, {Kind: programme.StepApproach}, {Kind: programme.StepDataInterest},
		{Kind: programme.StepFGD}, {Kind: programme.StepFGD}}
	f := buildFormation(g, rules, steps, 6, false)
	if f.Next != programme.StepFGD || f.FGDs != 2 || f.FGDMin != 3 || f.Ready || f.Problem != "group.err.fgd_min" || len(f.ProblemArgs) != 2 || f.ProblemArgs[0] != 2 || f.ProblemArgs[1] != 3 {
		t.Fatalf("after two FGDs: %+v", f)
	}
	if len(f.Steps) != 7 || f.Steps[3].Required != 3 || len(f.Steps[3].Done) != 2 || f.Steps[0].Kind != programme.StepSocialisation {
		t.Fatalf("steps = %+v", f.Steps)
	}
	f = buildFormation(g, rules, append(steps, StepRecord{Kind: programme.StepFGD}), 6, false)
	if f.Next != programme.StepBoard || !f.Ready || f.Problem != "" {
		t.Fatalf("after three FGDs: %+v", f)
	}
	f = buildFormation(g, rules, append(steps, StepRecord{Kind: programme.StepFGD}), 4, false)
	if f.Ready || f.Problem != "group.err.too_few_members" {
		t.Fatalf("with four members: %+v", f)
	}
	// An elected board completes the board step, an operating group the
	// operation step: the next is coaching, nothing recorded twice.
	g.Stage = Operating
	f = buildFormation(g, rules, append(steps, StepRecord{Kind: programme.StepFGD}), 6, true)
	if f.Next != programme.StepCoaching || f.Steps[4].MetBy != "board" || f.Steps[5].MetBy != "stage" || !f.Steps[4].Complete() || f.Steps[6].Complete() {
		t.Fatalf("operating with a board: next %q, steps %+v", f.Next, f.Steps[4:])
	}
}

func TestSeatsFor(t *testing.T) {
	if got := SeatsFor(programme.KUBE); !slices.Equal(got, []SeatRole{Chair, Secretary, Treasurer}) {
		t.Errorf("KUBE seats %v", got)
	}
	if got := SeatsFor(programme.Cooperative); !slices.Equal(got, []SeatRole{Chair, Secretary, Treasurer, Supervisor}) {
		t.Errorf("cooperative seats %v", got)
	}
}

func TestStageChoices(t *testing.T) {
	for _, c := range []struct {
		from    Stage
		choices []Stage
		next    Stage
	}{
		{Forming, []Stage{Formed, Operating, Developing}, Formed},
		{Operating, []Stage{Forming, Formed, Developing}, Developing},
		{Developing, []Stage{Forming, Formed, Operating}, ""}, // the next is the upgrade
		{Cooperative, []Stage{Forming, Formed, Operating, Developing}, ""},
	} {
		choices, next := StageChoices(c.from)
		if !slices.Equal(choices, c.choices) || next != c.next {
			t.Errorf("StageChoices(%s) = %v, %q; want %v, %q", c.from, choices, next, c.choices, c.next)
		}
	}
}
