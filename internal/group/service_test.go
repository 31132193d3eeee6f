package group_test

import (
	"testing"

	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/dbtest"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/group"
	"github.com/berdaya/berdaya/internal/programme"
	"github.com/berdaya/berdaya/internal/registry"
)

// A waste-picker group from socialisation to cooperative, as a facilitator
// and a manager would take it.
func TestWastePickerGroupLifecycle(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		prog := f.programme("PEP Fase I", false, programme.DefaultRules(programme.KSP))
		g := f.group(f.fac, prog.ID, "KSP Mekar Sari", programme.KSP, false)
		if g.Stage != group.Forming || g.FacilitatorID != f.fac.UserID || g.VillageCode != "32.04.05.2001" {
			t.Fatalf("created %+v", g)
		}
		step := func(kind, date string, attendance ...string) error {
			_, err := f.groups.RecordStep(f.ctx, f.fac, g.ID, group.StepInput{Kind: kind, Date: date, Attendance: attendance, Notes: "catatan"})
			return err
		}
		for _, s := range [][2]string{{"sosialisasi", "01/02/2026"}, {"pendekatan", "05/02/2026"}, {"pendataan", "10/02/2026"}} {
			if err := step(s[0], s[1], f.persons[0], f.persons[1], f.persons[0]); err != nil {
				t.Fatal(err)
			}
		}
		wantErr(t, step("pelatihan", "11/02/2026"), errs.Invalid, "kind", "step.err.not_in_template")
		wantErr(t, step("fgd", "11/02/2026", f.outside), errs.Invalid, "attendance", "person.err.not_found")
		f.join(g.ID, f.persons[:6]...)
		if _, err := f.groups.AddMember(f.ctx, f.fac, g.ID, group.MemberInput{PersonID: f.persons[6], Role: "candidate"}); err != nil {
			t.Fatal(err)
		}
		for _, date := range []string{"15/02/2026", "22/02/2026"} {
			if err := step("fgd", date, f.persons[:6]...); err != nil {
				t.Fatal(err)
			}
		}
		move := func(to, date string, correction bool) error {
			p := f.fac
			if correction {
				p = f.manager
			}
			_, err := f.groups.ChangeStage(f.ctx, p, g.ID, group.StageInput{To: to, Date: date, Evidence: "berita acara", Correction: correction})
			return err
		}
		err := move("formed", "23/02/2026", false)
		wantErr(t, err, errs.Invalid, "stage", "group.err.fgd_missing")
		if e, _ := errs.As(err); e.Msg != "group.err.fgd_min" || e.Args[0] != 2 || e.Args[1] != 3 {
			t.Errorf("FGD message %+v", e)
		}
		if err := step("fgd", "01/03/2026", f.persons[:5]...); err != nil {
			t.Fatal(err)
		}
		form, err := f.groups.Formation(f.ctx, f.viewer, g.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !form.Ready || form.FGDs != 3 || form.Members != 6 || form.Next != programme.StepBoard ||
			len(form.Steps[0].Done) != 1 || len(form.Steps[0].Done[0].Attendance) != 2 || len(form.Steps[3].Done) != 3 {
			t.Fatalf("formation %+v", form)
		}
		if err := move("formed", "02/03/2026", false); err != nil {
			t.Fatal(err)
		}
		wantErr(t, move("operating", "03/03/2026", false), errs.Invalid, "to", "stage.err.board_missing")

		// The board is elected by vote from the members.
		elect := group.ElectionInput{Date: "05/03/2026", Method: "votes", Minutes: "Rapat anggota", TermEnd: "05/03/2029",
			Candidates: []group.Nominee{{PersonID: f.persons[0], Role: group.Chair, Votes: 4}, {PersonID: f.persons[1], Role: group.Chair, Votes: 2},
				{PersonID: f.persons[2], Role: group.Secretary, Votes: 6}, {PersonID: f.persons[3], Role: group.Treasurer, Votes: 6}},
			Elected: []group.Nominee{{PersonID: f.persons[0], Role: group.Chair}, {PersonID: f.persons[2], Role: group.Secretary}, {PersonID: f.persons[3], Role: group.Treasurer}}}
		bad := elect
		bad.Candidates = append(append([]group.Nominee{}, elect.Candidates...), group.Nominee{PersonID: f.persons[6], Role: group.Chair, Votes: 1})
		_, err = f.groups.ElectBoard(f.ctx, f.fac, g.ID, bad)
		wantErr(t, err, errs.Invalid, "candidates", "board.err.not_member")
		if _, err := f.groups.ElectBoard(f.ctx, f.fac, g.ID, elect); err != nil {
			t.Fatal(err)
		}
		board, err := f.groups.Board(f.ctx, f.viewer, g.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(board.Seats) != 3 || board.Seats[0].Role != group.Chair || board.Seats[0].PersonID != f.persons[0] || board.Seats[0].Name == "" ||
			len(board.Elections) != 1 || len(board.Elections[0].Candidates) != 4 || board.Elections[0].Candidates[0].Votes != 4 {
			t.Fatalf("board %+v", board)
		}
		if err := move("operating", "10/03/2026", false); err != nil {
			t.Fatal(err)
		}
		// Backwards only by a manager's correction.
		wantErr(t, move("formed", "11/03/2026", false), errs.Invalid, "to", "stage.err.backward")
		_, err = f.groups.ChangeStage(f.ctx, f.fac, g.ID, group.StageInput{To: "formed", Date: "11/03/2026", Evidence: "salah", Correction: true})
		wantErr(t, err, errs.Forbidden, "", "err.forbidden")
		if err := move("formed", "11/03/2026", true); err != nil {
			t.Fatal(err)
		}
		wantErr(t, move("operating", "10/03/2026", false), errs.Invalid, "date", "stage.err.before_last")
		if err := move("operating", "12/03/2026", false); err != nil {
			t.Fatal(err)
		}

		// Coaching: attendance from members, follow-ups tracked.
		_, err = f.groups.RecordMeeting(f.ctx, f.fac, g.ID, group.MeetingInput{Kind: "visit", Date: "01/10/2026", Attendance: []string{f.persons[0], f.persons[9]}})
		wantErr(t, err, errs.Invalid, "attendance", "meeting.err.not_member")
		meet, err := f.groups.RecordMeeting(f.ctx, f.fac, g.ID, group.MeetingInput{Kind: "visit", Date: "01/10/2026",
			Topics: []string{"menabung", "kredit_keluarga"}, OtherTopics: "harga rongsok", Attendance: []string{f.persons[0], f.persons[1], f.persons[0]},
			Notes: "Tabungan mulai", FollowUps: []group.FollowUpInput{{Action: "Buka buku tabungan", Due: "15/10/2026"}, {Action: "Rapat bandar", Due: "30/11/2026"}}})
		if err != nil {
			t.Fatal(err)
		}
		meetings, err := f.groups.Meetings(f.ctx, f.viewer, g.ID)
		if err != nil || len(meetings) != 1 || len(meetings[0].Attendance) != 2 || len(meetings[0].FollowUps) != 2 ||
			meetings[0].Topics[1] != group.TopicCredit || meetings[0].OtherTopics != "harga rongsok" {
			t.Fatalf("meetings %+v %v", meetings, err)
		}
		ov, err := f.groups.FacilitatorOverview(f.ctx, f.fac, "", 30)
		if err != nil {
			t.Fatal(err)
		}
		if len(ov.Groups) != 1 || ov.Groups[0].Members != 6 || len(ov.Overdue) != 1 || ov.Overdue[0].Action != "Buka buku tabungan" ||
			len(ov.NotVisited) != 1 {
			t.Fatalf("overview %+v", ov)
		}
		if ov, _ := f.groups.FacilitatorOverview(f.ctx, f.fac, "", 60); len(ov.NotVisited) != 0 {
			t.Errorf("visited 52 days ago, listed as not visited in 60: %+v", ov.NotVisited)
		}
		// A follow-up reached through another group's address is not found.
		other := f.group(f.manager, prog.ID, "KSP Lain", programme.KSP, false)
		_, err = f.groups.CompleteFollowUp(f.ctx, f.fac, other.ID, meet.FollowUps[0].ID, "20/11/2026")
		wantErr(t, err, errs.NotFound, "", "meeting.err.follow_up_not_found")
		done, err := f.groups.CompleteFollowUp(f.ctx, f.fac, g.ID, meet.FollowUps[0].ID, "20/11/2026")
		if err != nil || done.Done != registry.Date(2026, 11, 20) || done.GroupID != g.ID {
			t.Fatalf("completed %+v %v", done, err)
		}
		_, err = f.groups.CompleteFollowUp(f.ctx, f.fac, "", meet.FollowUps[0].ID, "21/11/2026")
		wantErr(t, err, errs.Conflict, "", "meeting.err.follow_up_done")
		if ov, _ := f.groups.FacilitatorOverview(f.ctx, f.manager, f.fac.UserID, 30); len(ov.Overdue) != 0 || len(ov.Groups) != 1 {
			t.Errorf("after completion %+v", ov)
		}

		// The rules book keeps every version.
		for _, text := range []string{"Iuran Rp 5.000 per minggu.", "Iuran Rp 10.000 per minggu."} {
			if _, err := f.groups.AddRules(f.ctx, f.fac, g.ID, group.RulesInput{Text: text, AdoptedOn: "01/04/2026"}); err != nil {
				t.Fatal(err)
			}
		}
		book, err := f.groups.RulesBook(f.ctx, f.viewer, g.ID)
		if err != nil || len(book) != 2 || book[0].Version != 2 || book[0].Text != "Iuran Rp 10.000 per minggu." || book[1].Version != 1 {
			t.Fatalf("rules book %+v %v", book, err)
		}

		// The treasurer leaves: the seat ends with the membership.
		members, _ := f.groups.Members(f.ctx, f.viewer, g.ID, false)
		var treasurer group.Member
		for _, m := range members {
			if m.PersonID == f.persons[3] {
				treasurer = m
			}
		}
		if _, err := f.groups.LeaveMember(f.ctx, f.fac, g.ID, treasurer.ID, group.LeaveInput{Date: "01/06/2026", Reason: "pindah"}); err != nil {
			t.Fatal(err)
		}
		board, _ = f.groups.Board(f.ctx, f.viewer, g.ID)
		if len(board.Seats) != 2 {
			t.Fatalf("seats after the treasurer left: %+v", board.Seats)
		}
		all, _ := f.groups.Members(f.ctx, f.viewer, g.ID, true)
		if len(all) != 7 || len(members) != 7 {
			t.Errorf("members %d with history, %d before leaving", len(all), len(members))
		}

		// Developing, then a cooperative with a new treasurer and a supervisor.
		if err := move("developing", "01/07/2026", false); err != nil {
			t.Fatal(err)
		}
		up := group.UpgradeInput{Date: "01/11/2026", Statutes: "AD/ART Koperasi Mekar Sari", LegalNumber: "AHU-0001234.AH.01.26.2026",
			LegalDate: "28/10/2026", Supervisors: []string{f.persons[4]}}
		_, err = f.groups.Upgrade(f.ctx, f.fac, g.ID, up)
		wantErr(t, err, errs.Invalid, "seats", "board.err.core_roles")
		if _, err := f.groups.ElectBoard(f.ctx, f.fac, g.ID, group.ElectionInput{Date: "15/07/2026", Method: "consensus",
			Elected: []group.Nominee{{PersonID: f.persons[0], Role: group.Chair}, {PersonID: f.persons[2], Role: group.Secretary}, {PersonID: f.persons[5], Role: group.Treasurer}}}); err != nil {
			t.Fatal(err)
		}
		bad2 := up
		bad2.Supervisors = []string{f.persons[3]} // left in June
		_, err = f.groups.Upgrade(f.ctx, f.fac, g.ID, bad2)
		wantErr(t, err, errs.Invalid, "seats", "board.err.not_member")
		coop, err := f.groups.Upgrade(f.ctx, f.fac, g.ID, up)
		if err != nil {
			t.Fatal(err)
		}
		if coop.ID != g.ID || coop.Type != programme.Cooperative || coop.Stage != group.Cooperative {
			t.Fatalf("upgraded %+v", coop)
		}
		det, err := f.groups.GetGroup(f.ctx, f.viewer, g.ID)
		if err != nil {
			t.Fatal(err)
		}
		if det.Cooperative == nil || det.Cooperative.FormerType != programme.KSP || det.Cooperative.LegalNumber != up.LegalNumber ||
			det.Cooperative.LegalDate != registry.Date(2026, 10, 28) || det.ActiveMembers != 5 {
			t.Fatalf("cooperative %+v, %d members", det.Cooperative, det.ActiveMembers)
		}
		var path []group.Stage
		for i := len(det.Stages) - 1; i >= 0; i-- {
			path = append(path, det.Stages[i].To)
		}
		want := []group.Stage{group.Forming, group.Formed, group.Operating, group.Formed, group.Operating, group.Developing, group.Cooperative}
		if len(path) != len(want) {
			t.Fatalf("stage history %v", path)
		}
		for i := range want {
			if path[i] != want[i] {
				t.Fatalf("stage history %v, want %v", path, want)
			}
		}
		if !det.Stages[3].Correction || det.Stages[0].Evidence != up.LegalNumber {
			t.Errorf("history flags %+v", det.Stages)
		}
		board, _ = f.groups.Board(f.ctx, f.viewer, g.ID)
		if len(board.Seats) != 4 || board.Seats[3].Role != group.Supervisor || board.Seats[3].PersonID != f.persons[4] {
			t.Errorf("cooperative board %+v", board.Seats)
		}
		wantErr(t, move("developing", "02/11/2026", true), errs.Conflict, "", "stage.err.cooperative_final")

		// Every write is audited on the group's line.
		hist, err := f.groups.History(f.ctx, f.viewer, g.ID)
		if err != nil || len(hist) < 10 || hist[0].Action != "upgrade" || hist[0].ActorName != "pendamping" {
			t.Errorf("history %d entries, newest %+v, %v", len(hist), hist[0], err)
		}
	})
}

func TestScopeAndPermissions(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		prog := f.programme("KUBE 2026", false, programme.DefaultRules(programme.KUBE))
		g := f.group(f.fac, prog.ID, "KUBE Sejahtera", programme.KUBE, false)
		in := group.Input{ProgrammeID: prog.ID, Name: "KUBE Cimenyan", Type: "kube", Field: "kerajinan", VillageCode: "32.04.06.2003"}
		_, err := f.groups.CreateGroup(f.ctx, f.fac, in)
		wantErr(t, err, errs.Invalid, "village_code", "group.err.outside_programme")
		in.VillageCode = "33.01.01.2001"
		_, err = f.groups.CreateGroup(f.ctx, f.admin, in)
		wantErr(t, err, errs.Invalid, "village_code", "group.err.outside_programme")
		_, err = f.groups.CreateGroup(f.ctx, f.far, in)
		wantErr(t, err, errs.Invalid, "programme_id", "programme.err.not_found") // it lies outside Cilacap
		in.VillageCode, in.Type = "32.04.05.2001", "ksp"
		_, err = f.groups.CreateGroup(f.ctx, f.fac, in)
		wantErr(t, err, errs.Invalid, "type", "group.err.type_not_in_programme")
		in.Type = "kube"
		_, err = f.groups.CreateGroup(f.ctx, f.viewer, in)
		wantErr(t, err, errs.Forbidden, "", "err.forbidden")
		_, err = f.groups.GetGroup(f.ctx, f.far, g.ID)
		wantErr(t, err, errs.NotFound, "", "group.err.not_found")
		_, err = f.groups.AddMember(f.ctx, f.far, g.ID, group.MemberInput{PersonID: f.outside})
		wantErr(t, err, errs.NotFound, "", "group.err.not_found")
		_, err = f.groups.AddMember(f.ctx, f.fac, g.ID, group.MemberInput{PersonID: f.outside})
		wantErr(t, err, errs.Invalid, "person_id", "person.err.not_found")
		_, err = f.groups.AddMember(f.ctx, f.viewer, g.ID, group.MemberInput{PersonID: f.persons[0]})
		wantErr(t, err, errs.Forbidden, "", "err.forbidden")
		page, err := f.groups.ListGroups(f.ctx, f.far, group.Filter{})
		if err != nil || page.Total != 0 || len(page.Items) != 0 {
			t.Errorf("Cilacap facilitator lists %+v %v", page, err)
		}
		page, _ = f.groups.ListGroups(f.ctx, f.viewer, group.Filter{Region: "33"})
		if page.Total != 0 {
			t.Errorf("region outside scope lists %d", page.Total)
		}
		if _, err := f.groups.UpdateGroup(f.ctx, f.fac, g.ID, group.Input{ProgrammeID: prog.ID, Name: "KUBE Sejahtera Baru", Type: "ksp", Field: "jasa", VillageCode: "3204052001"}); errs.CodeOf(err) != errs.Invalid {
			t.Errorf("type change accepted: %v", err)
		}
		up, err := f.groups.UpdateGroup(f.ctx, f.fac, g.ID, group.Input{ProgrammeID: prog.ID, Name: "KUBE Sejahtera Baru", Type: "kube", Field: "jasa", VillageCode: "3204052002"})
		if err != nil || up.Name != "KUBE Sejahtera Baru" || up.Field != group.Services || up.VillageCode != "32.04.05.2002" || up.Stage != group.Forming {
			t.Errorf("updated %+v %v", up, err)
		}
	})
}

func TestMembershipRules(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		prog := f.programme("KUBE 2026", false, programme.DefaultRules(programme.KUBE))
		a := f.group(f.fac, prog.ID, "KUBE A", programme.KUBE, false)
		b := f.group(f.fac, prog.ID, "KUBE B", programme.KUBE, false)
		ma := f.join(a.ID, f.persons[0], f.persons[1])
		_, err := f.groups.AddMember(f.ctx, f.fac, a.ID, group.MemberInput{PersonID: f.spouse})
		wantErr(t, err, errs.Invalid, "person_id", "member.err.household_taken")
		_, err = f.groups.AddMember(f.ctx, f.fac, a.ID, group.MemberInput{PersonID: f.persons[1]})
		wantErr(t, err, errs.Conflict, "person_id", "member.err.already_member")
		_, err = f.groups.AddMember(f.ctx, f.fac, b.ID, group.MemberInput{PersonID: f.persons[0]})
		wantErr(t, err, errs.Conflict, "person_id", "member.err.double")
		_, err = f.groups.AddMember(f.ctx, f.fac, b.ID, group.MemberInput{PersonID: f.persons[2], Joined: "01/12/2026"})
		wantErr(t, err, errs.Invalid, "joined", "err.date_future")

		// Leaving keeps the row; the person may then join another group.
		_, err = f.groups.LeaveMember(f.ctx, f.fac, b.ID, ma[0].ID, group.LeaveInput{Date: "01/06/2026"})
		wantErr(t, err, errs.NotFound, "", "member.err.not_found")
		_, err = f.groups.LeaveMember(f.ctx, f.fac, a.ID, ma[0].ID, group.LeaveInput{Date: "01/01/2026"})
		wantErr(t, err, errs.Invalid, "date", "member.err.leave_before_join")
		left, err := f.groups.LeaveMember(f.ctx, f.fac, a.ID, ma[0].ID, group.LeaveInput{Date: "01/06/2026", Reason: "pindah kelompok"})
		if err != nil || left.Left != registry.Date(2026, 6, 1) || left.LeaveReason != "pindah kelompok" {
			t.Fatalf("left %+v %v", left, err)
		}
		_, err = f.groups.LeaveMember(f.ctx, f.fac, "", ma[0].ID, group.LeaveInput{Date: "02/06/2026"})
		wantErr(t, err, errs.Conflict, "", "member.err.already_left")
		f.join(b.ID, f.persons[0])
		// Now the family of persons[0] is free in A again: the spouse may join.
		f.join(a.ID, f.spouse)
		hist, _ := f.groups.Members(f.ctx, f.viewer, a.ID, true)
		active, _ := f.groups.Members(f.ctx, f.viewer, a.ID, false)
		if len(hist) != 3 || len(active) != 2 {
			t.Errorf("A has %d memberships, %d active", len(hist), len(active))
		}

		// A programme allowing double membership lets one person be in two groups.
		in := programme.Input{Name: "KUBE 2026", Start: "01/01/2026", Regions: []string{"32.04.05"}, AllowDouble: true, Rules: []programme.Rules{programme.DefaultRules(programme.KUBE)}}
		if _, err := f.progs.UpdateProgramme(f.ctx, f.manager, prog.ID, in); err != nil {
			t.Fatal(err)
		}
		f.join(b.ID, f.persons[1])

		// Formed: 5..10 families, unless the KUBE is a settlement unit.
		f.join(a.ID, f.persons[2:5]...)  // A: persons 1-4 and the spouse
		f.join(b.ID, f.persons[5:14]...) // B: 11 families
		stage := func(id string) error {
			_, err := f.groups.ChangeStage(f.ctx, f.fac, id, group.StageInput{To: "formed", Date: "20/11/2026", Evidence: "SK kepala desa"})
			return err
		}
		wantErr(t, stage(b.ID), errs.Invalid, "members", "group.err.member_bounds")
		if err := stage(a.ID); err != nil {
			t.Fatal(err)
		}
		_, err = f.groups.AddMember(f.ctx, f.fac, a.ID, group.MemberInput{PersonID: f.persons[12]})
		if err != nil {
			t.Fatalf("sixth family: %v", err)
		}
		settlement := f.group(f.fac, prog.ID, "KUBE Kampung Pemulung", programme.KUBE, true)
		f.join(settlement.ID, f.persons[2:14]...) // double membership is allowed now: 12 families
		if err := stage(settlement.ID); err != nil {
			t.Fatalf("settlement of 12 families: %v", err)
		}
		_, err = f.groups.CreateGroup(f.ctx, f.fac, group.Input{ProgrammeID: prog.ID, Name: "KSP", Type: "ksp", Field: "daur_ulang", Settlement: true, VillageCode: "3204052001"})
		wantErr(t, err, errs.Invalid, "settlement", "group.err.settlement_kube")
	})
}
