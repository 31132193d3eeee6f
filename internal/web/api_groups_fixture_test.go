package web_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/berdaya/berdaya/internal/group"
	"github.com/berdaya/berdaya/internal/programme"
	"github.com/berdaya/berdaya/internal/registry"
)

// day is today (in WIB) plus n days, as typed in a form.
func apiDay(n int) string { return programme.Today(time.Now()).AddDate(0, 0, n).Format("02/01/2006") }

// groupWorld is a programme's work in one regency, made through the services
// as the national admin (who is thus the facilitator of its groups):
//   - prog, a waste-picker programme over the regency, and prog2, its phase II
//     (which carried a and b over and froze a baseline);
//   - unit, an LPP with a staff post and a sub-unit (child);
//   - a, a forming group of people[0:6] with 3 FGDs and the socialisation done, a
//     board elected by votes, a rules book, and a visit 40 days ago whose
//     follow-up is overdue (so a is also not visited for 30 days);
//   - b, a developing group of people[6:12] with a board by consensus;
//   - people[12], in no group.
type groupWorld struct {
	regency, village string
	prog, prog2      programme.Programme
	unit, child      programme.Unit
	staff            programme.Staff
	people           []registry.Person
	a, b             group.Group
	aMembers         []group.Member
	followUp         group.FollowUp
}

// newGroupWorld builds a world in village (10 digits), naming its records with
// tag so that each world's records can be told apart in answers.
func newGroupWorld(t *testing.T, e *env, village, tag string, serial int) *groupWorld {
	t.Helper()
	ctx, p := context.Background(), e.admin
	w := &groupWorld{village: village, regency: village[:2] + "." + village[2:4]}
	must := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s %s: %v", tag, what, err)
		}
	}
	var err error
	w.prog, err = e.m.Programmes.CreateProgramme(ctx, p, programme.Input{Name: "Pemberdayaan Pemulung " + tag, Start: apiDay(-200), End: apiDay(500),
		Regions: []string{w.regency}, Targets: []string{"pemulung"}, Rules: []programme.Rules{{GroupType: programme.KSP, MinMembers: 5, FGDMin: 3}}})
	must("programme", err)
	w.unit, err = e.m.Programmes.CreateUnit(ctx, p, programme.UnitInput{ProgrammeID: w.prog.ID, Type: "lpp", Name: "LPP " + tag, VillageCode: village})
	must("unit", err)
	w.child, err = e.m.Programmes.CreateUnit(ctx, p, programme.UnitInput{ProgrammeID: w.prog.ID, ParentID: w.unit.ID, Type: "rbu", Name: "RBU " + tag, VillageCode: village})
	must("sub-unit", err)
	w.staff, err = e.m.Programmes.AddStaff(ctx, p, w.unit.ID, programme.StaffInput{UserID: e.admin.UserID, Position: "Manajer", Start: apiDay(-100)})
	must("staff", err)
	names := []string{"Asep Sunandar", "Dedi Kurniawan", "Euis Komariah", "Ujang Suherman", "Nining Suryani", "Tatang Sutisna", "Iis Rohaeti",
		"Cecep Hidayat", "Yayah Rukayah", "Oman Abdurahman", "Enok Sumarni", "Dadang Supriatna", "Ade Irawan"}
	for i, name := range names {
		nik := fmt.Sprintf("%s%02d0180%04d", village[:6], i+1, serial+i)
		kk := fmt.Sprintf("%s120310%04d", village[:6], serial+i)
		person, err := e.m.Registry.CreatePerson(ctx, p, registry.PersonInput{NIK: nik, KK: kk, Name: name + " " + tag, Sex: "L",
			BirthDate: fmt.Sprintf("%02d/01/1980", i+1), VillageCode: village, TargetGroup: "pemulung"})
		must("person "+name, err)
		w.people = append(w.people, person)
	}
	mkGroup := func(name string, people []registry.Person) (group.Group, []group.Member) {
		g, err := e.m.Groups.CreateGroup(ctx, p, group.Input{ProgrammeID: w.prog.ID, UnitID: w.unit.ID, Name: name, Type: "ksp", Field: "daur_ulang",
			VillageCode: village, Address: "RW 05"})
		must("group "+name, err)
		var members []group.Member
		for _, person := range people {
			m, err := e.m.Groups.AddMember(ctx, p, g.ID, group.MemberInput{PersonID: person.ID, Joined: apiDay(-60)})
			must("member", err)
			members = append(members, m)
		}
		for i, kind := range []string{"sosialisasi", "fgd", "fgd", "fgd"} {
			_, err := e.m.Groups.RecordStep(ctx, p, g.ID, group.StepInput{Kind: kind, Date: apiDay(-59 + i), Attendance: []string{people[0].ID, people[1].ID}, Notes: "Di pos RW"})
			must("step", err)
		}
		return g, members
	}
	w.a, w.aMembers = mkGroup("KSP Maju "+tag, w.people[0:6])
	_, err = e.m.Groups.ElectBoard(ctx, p, w.a.ID, group.ElectionInput{Date: apiDay(-55), Method: "votes", Minutes: "Pemilihan di balai RW",
		Candidates: []group.Nominee{{PersonID: w.people[0].ID, Role: group.Chair, Votes: 5}, {PersonID: w.people[3].ID, Role: group.Chair, Votes: 1},
			{PersonID: w.people[1].ID, Role: group.Secretary, Votes: 6}, {PersonID: w.people[2].ID, Role: group.Treasurer, Votes: 6}},
		Elected: []group.Nominee{{PersonID: w.people[0].ID, Role: group.Chair}, {PersonID: w.people[1].ID, Role: group.Secretary}, {PersonID: w.people[2].ID, Role: group.Treasurer}}})
	must("election", err)
	_, err = e.m.Groups.AddRules(ctx, p, w.a.ID, group.RulesInput{Text: "Iuran wajib Rp 5.000 per minggu.", AdoptedOn: apiDay(-55)})
	must("rules", err)
	visit, err := e.m.Groups.RecordMeeting(ctx, p, w.a.ID, group.MeetingInput{Kind: "visit", Date: apiDay(-40), Topics: []string{"menabung"},
		Attendance: []string{w.people[0].ID, w.people[1].ID}, FollowUps: []group.FollowUpInput{{Action: "Buka rekening kelompok", Due: apiDay(-35)}}})
	must("visit", err)
	w.followUp = visit.FollowUps[0]

	w.b, _ = mkGroup("KSP Berkembang "+tag, w.people[6:12])
	_, err = e.m.Groups.ElectBoard(ctx, p, w.b.ID, group.ElectionInput{Date: apiDay(-52), Method: "consensus",
		Elected: []group.Nominee{{PersonID: w.people[6].ID, Role: group.Chair}, {PersonID: w.people[7].ID, Role: group.Secretary}, {PersonID: w.people[8].ID, Role: group.Treasurer}}})
	must("board of b", err)
	for i, to := range []string{"formed", "operating", "developing"} {
		_, err := e.m.Groups.ChangeStage(ctx, p, w.b.ID, group.StageInput{To: to, Date: apiDay(-50 + i), Evidence: "Berita acara " + to})
		must("stage "+to, err)
	}
	next, err := e.m.Groups.StartNextPhase(ctx, p, w.prog.ID, programme.Input{Name: "Pemberdayaan Pemulung " + tag + " Fase II", Start: apiDay(-5),
		Regions: []string{w.regency}, Targets: []string{"pemulung"}, AllowDouble: true, Rules: []programme.Rules{{GroupType: programme.KSP, MinMembers: 5, FGDMin: 3}}})
	must("phase II", err)
	w.prog2 = next.Programme
	return w
}

// ids are every identifier of the world's records.
func (w *groupWorld) ids() []string {
	out := []string{w.prog.ID, w.prog2.ID, w.unit.ID, w.child.ID, w.staff.ID, w.a.ID, w.b.ID, w.followUp.ID}
	for _, p := range w.people {
		out = append(out, p.ID)
	}
	for _, m := range w.aMembers {
		out = append(out, m.ID)
	}
	return out
}

// leaks reports which of the world's identifiers, names or region codes an answer shows.
func (w *groupWorld) leaks(body, tag string) []string {
	var out []string
	for _, s := range append(w.ids(), tag, w.regency+".") {
		if strings.Contains(body, s) {
			out = append(out, s)
		}
	}
	return out
}

// openAPIExamples are what TestOpenAPI needs for an area's operations: a
// record for the {id} of each path (by path prefix, the longest wins), values
// for required request fields ("field" or "Schema.field"), and whole bodies
// for the operations whose valid body a list of required fields cannot give
// (a choice between fields, or lists the answer must show filled).
type openAPIExamples struct {
	IDs    map[string]string
	Values map[string]any
	Bodies map[string]map[string]any
}

// openAPIAreas make each area's examples on TestOpenAPI's server.
var openAPIAreas = []func(t *testing.T, e *env) openAPIExamples{groupOpenAPIExamples}

// openAPIExamplesFor runs every area's maker and merges what they give.
func openAPIExamplesFor(t *testing.T, e *env) openAPIExamples {
	all := openAPIExamples{IDs: map[string]string{}, Values: map[string]any{}, Bodies: map[string]map[string]any{}}
	for _, area := range openAPIAreas {
		ex := area(t, e)
		for k, v := range ex.IDs {
			all.IDs[k] = v
		}
		for k, v := range ex.Values {
			all.Values[k] = v
		}
		for k, v := range ex.Bodies {
			all.Bodies[k] = v
		}
	}
	return all
}

// id is the example record for a documented path: the one of its longest
// registered prefix.
func (ex openAPIExamples) id(path string) (string, bool) {
	best, id := -1, ""
	for prefix, v := range ex.IDs {
		if strings.HasPrefix(path, prefix) && len(prefix) > best {
			best, id = len(prefix), v
		}
	}
	return id, best >= 0
}

// value is the example for a required field of a schema.
func (ex openAPIExamples) value(schema, field string) (any, bool) {
	if v, ok := ex.Values[schema+"."+field]; ok {
		return v, true
	}
	v, ok := ex.Values[field]
	return v, ok
}

// groupOpenAPIExamples builds a world in Kabupaten Bandung for the programme
// and group operations. The operations run in the order of their paths, so the
// examples are chosen for that order: group a is marked formed (its FGDs and
// members are there), group b (developing) is upgraded, a's member without a
// seat leaves.
func groupOpenAPIExamples(t *testing.T, e *env) openAPIExamples {
	w := newGroupWorld(t, e, "3204052001", "Cileunyi", 1)
	today := apiDay(0)
	return openAPIExamples{
		IDs: map[string]string{
			"/programmes/{id}": w.prog.ID, "/programmes/{id}/baseline": w.prog2.ID, "/programmes/{id}/phases": w.prog2.ID,
			"/units/{id}": w.unit.ID, "/staff/{id}": w.staff.ID,
			"/groups/{id}": w.a.ID, "/groups/{id}/upgrade": w.b.ID,
			"/members/{id}": w.aMembers[5].ID, "/followups/{id}": w.followUp.ID, "/facilitators/{id}": e.admin.UserID,
		},
		Values: map[string]any{
			"start": apiDay(-10), "regions": []string{"32.04"}, "rules": []map[string]any{{"group_type": "ksp"}},
			"UnitInput.type": "lpp", "type": "ksp", "business_field": "daur_ulang", "programme_id": w.prog.ID,
			"end": today, "date": today, "to": "formed", "evidence": "Berita acara FGD ke-3",
			"statutes": "Anggaran dasar dan anggaran rumah tangga", "legal_number": "AHU-0001234.AH.01.29", "legal_date": today,
			"supervisors": []string{w.people[10].ID}, "StepInput.kind": "fgd", "person_id": w.people[12].ID,
			"text": "Iuran wajib Rp 10.000 per minggu.", "adopted_on": today, "done": today,
		},
		Bodies: map[string]map[string]any{
			"POST /units/{id}/staff": {"user_id": e.admin.UserID, "position": "Pendamping", "start": apiDay(-5)},
			"POST /groups/{id}/meetings": {"kind": "meeting", "date": today, "topics": []string{"ekonomi"}, "attendance": []string{w.people[0].ID},
				"follow_ups": []map[string]any{{"action": "Timbang bersama", "due": apiDay(7)}}},
			"POST /groups/{id}/elections": {"date": today, "method": "votes",
				"candidates": []map[string]any{{"person_id": w.people[3].ID, "role": "chair", "votes": 4}, {"person_id": w.people[0].ID, "role": "chair", "votes": 2},
					{"person_id": w.people[1].ID, "role": "secretary", "votes": 6}, {"person_id": w.people[4].ID, "role": "treasurer", "votes": 5}},
				"elected": []map[string]any{{"person_id": w.people[3].ID, "role": "chair"}, {"person_id": w.people[1].ID, "role": "secretary"},
					{"person_id": w.people[4].ID, "role": "treasurer"}}},
		},
	}
}
