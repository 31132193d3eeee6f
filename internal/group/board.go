package group

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"time"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/programme"
)

// SeatRole is a seat on a group's board (labels under "seat_role.<code>").
type SeatRole string

// The board seats: chair, secretary and treasurer in every group; supervisors
// (pengawas) in a cooperative.
const (
	Chair      SeatRole = "chair"
	Secretary  SeatRole = "secretary"
	Treasurer  SeatRole = "treasurer"
	Supervisor SeatRole = "supervisor"
)

// SeatRoles lists every seat in display order.
var SeatRoles = []SeatRole{Chair, Secretary, Treasurer, Supervisor}

// Valid reports whether r is a known seat.
func (r SeatRole) Valid() bool { return slices.Contains(SeatRoles, r) }

// SeatsFor lists the seats a group of type t elects: chair, secretary and
// treasurer, and supervisors too in a cooperative.
func SeatsFor(t programme.GroupType) []SeatRole {
	if t == programme.Cooperative {
		return SeatRoles
	}
	return SeatRoles[:3]
}

// Method is how a board was chosen.
type Method string

// The election methods.
const (
	Votes     Method = "votes"
	Consensus Method = "consensus" // musyawarah untuk mufakat
)

// Seat is one person in one board seat for a term. Ended is set when the
// seat ends early (a new election, the member leaving).
type Seat struct {
	ID         string    `json:"id"`
	ElectionID string    `json:"election_id,omitempty"`
	PersonID   string    `json:"person_id"`
	Name       string    `json:"name"`
	Role       SeatRole  `json:"role"`
	TermStart  time.Time `json:"term_start"`
	TermEnd    time.Time `json:"term_end"`
	Ended      time.Time `json:"ended"`
}

// Nominee is one candidate for one seat and the votes they got.
type Nominee struct {
	PersonID string   `json:"person_id"`
	Role     SeatRole `json:"role"`
	Votes    int      `json:"votes"`
}

// Election is a recorded board election.
type Election struct {
	ID         string    `json:"id"`
	GroupID    string    `json:"group_id"`
	Date       time.Time `json:"date"`
	Method     Method    `json:"method"`
	Minutes    string    `json:"minutes"`
	TermStart  time.Time `json:"term_start"`
	TermEnd    time.Time `json:"term_end"`
	Candidates []Nominee `json:"candidates"`
	Elected    []Seat    `json:"elected"`
	UserID     string    `json:"user_id"`
}

// ElectionInput is an election as entered. TermStart defaults to the date.
type ElectionInput struct {
	Date       string    `json:"date"`
	Method     string    `json:"method"`
	Minutes    string    `json:"minutes"`
	TermStart  string    `json:"term_start"`
	TermEnd    string    `json:"term_end"`
	Candidates []Nominee `json:"candidates"`
	Elected    []Nominee `json:"elected"` // Votes ignored
}

// Board is a group's current board and its past elections, newest first.
type Board struct {
	Seats     []Seat     `json:"seats"`
	Elections []Election `json:"elections"`
}

// Parse checks an election's form: the method's votes are consistent (a
// consensus has none; a vote has some) and, in a vote, each elected person
// stood for that seat.
func (in ElectionInput) Parse(today time.Time) (Election, error) {
	f := errs.Fields{}
	e := Election{Method: Method(strings.TrimSpace(in.Method)), Candidates: in.Candidates}
	e.Date = programme.ParseDayField(f, "date", in.Date, true, today)
	e.TermStart = programme.ParseDayField(f, "term_start", in.TermStart, false, time.Time{})
	e.TermEnd = programme.ParseDayField(f, "term_end", in.TermEnd, false, time.Time{})
	if e.TermStart.IsZero() {
		e.TermStart = e.Date
	}
	if !e.TermEnd.IsZero() && !e.TermEnd.After(e.TermStart) {
		f.Add("term_end", "board.err.term")
	}
	e.Minutes = checkText(f, "minutes", in.Minutes, false)
	checkVotes(f, e.Method, e.Candidates)
	for _, n := range in.Elected {
		switch {
		case e.Method != Votes:
		case !slices.ContainsFunc(e.Candidates, func(c Nominee) bool { return c.PersonID == n.PersonID && c.Role == n.Role }):
			f.Add("elected", "board.err.not_candidate")
		case n.Role != Supervisor && outvoted(e.Candidates, n):
			f.Add("elected", "board.err.outvoted")
		}
		e.Elected = append(e.Elected, Seat{PersonID: n.PersonID, Role: n.Role, TermStart: e.TermStart, TermEnd: e.TermEnd})
	}
	return e, f.Err()
}

// outvoted reports whether another candidate for the elected person's seat
// got more votes: a vote's result must follow its count (a tie may go either
// way, settled by the meeting). Supervisors are several, so not checked.
func outvoted(candidates []Nominee, elected Nominee) bool {
	mine := -1
	for _, c := range candidates {
		if c.PersonID == elected.PersonID && c.Role == elected.Role {
			mine = c.Votes
		}
	}
	for _, c := range candidates {
		if c.Role == elected.Role && c.Votes > mine {
			return true
		}
	}
	return false
}

func checkVotes(f errs.Fields, m Method, nominees []Nominee) {
	total := 0
	for _, n := range nominees {
		if !n.Role.Valid() {
			f.Add("candidates", "board.err.role")
		}
		if n.Votes < 0 || (m == Consensus && n.Votes != 0) {
			f.Add("candidates", "board.err.votes")
		}
		total += n.Votes
	}
	switch {
	case m != Votes && m != Consensus:
		f.Add("method", "board.err.method")
	case m == Votes && total == 0:
		f.Add("candidates", "board.err.no_votes")
	}
}

// ElectBoard records an election: candidates must be members, the elected
// seats must pass CheckSeats, and the previous board's seats end on the
// election date.
func (s *Service) ElectBoard(ctx context.Context, p access.Principal, groupID string, in ElectionInput) (Election, error) {
	g, _, err := s.writable(ctx, p, groupID)
	if err != nil {
		return Election{}, err
	}
	e, err := in.Parse(s.today())
	if err != nil {
		return e, err
	}
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		if g, err = s.groupInScope(ctx, tx, p, groupID, true); err != nil {
			return err
		}
		e, err = s.elect(ctx, tx, p, g, e)
		return err
	})
	return e, err
}

func (s *Service) elect(ctx context.Context, tx *sql.Tx, p access.Principal, g Group, e Election) (Election, error) {
	members, err := s.store.members(ctx, tx, p.OrgID, g.ID, false)
	if err != nil {
		return e, err
	}
	active := activeMap(members)
	for _, c := range e.Candidates {
		if m, ok := active[c.PersonID]; !ok || !m.CountsTowardBounds() {
			return e, invalid("candidates", "board.err.not_member")
		}
	}
	if err := CheckSeats(g.Type, e.Elected, active); err != nil {
		return e, err
	}
	e.ID, e.GroupID, e.UserID = newID(), g.ID, p.UserID
	now := s.clock()
	if err := s.store.insertElection(ctx, tx, p.OrgID, e, now); err != nil {
		return e, err
	}
	if err := s.store.endSeats(ctx, tx, p.OrgID, g.ID, e.Date); err != nil {
		return e, err
	}
	for i := range e.Elected {
		e.Elected[i].ID, e.Elected[i].ElectionID, e.Elected[i].Name = newID(), e.ID, active[e.Elected[i].PersonID].Name
		if err := s.store.insertSeat(ctx, tx, p.OrgID, g.ID, e.Elected[i], now); err != nil {
			return e, err
		}
	}
	return e, s.record(ctx, tx, p, "elect", "group", g.ID, g.VillageCode, nil, e)
}

// Board returns a group's current board and its elections.
func (s *Service) Board(ctx context.Context, p access.Principal, groupID string) (Board, error) {
	if _, _, err := s.readable(ctx, p, groupID); err != nil {
		return Board{}, err
	}
	seats, err := s.store.currentSeats(ctx, s.db.Reader(), p.OrgID, groupID)
	if err != nil {
		return Board{}, err
	}
	elections, err := s.store.elections(ctx, p.OrgID, groupID)
	return Board{Seats: seats, Elections: elections}, err
}
