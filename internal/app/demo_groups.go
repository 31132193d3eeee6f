package app

import (
	"context"
	"fmt"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/auth"
	"github.com/berdaya/berdaya/internal/group"
	"github.com/berdaya/berdaya/internal/programme"
	"github.com/berdaya/berdaya/internal/registry"
)

// Demo facilitator: the field worker whose groups the demo's facilitator page
// shows (same password as the demo admin).
const DemoFacilitator = "pendamping"

// demoGroup is one group of the demo and how far its story goes.
type demoGroup struct {
	name    string
	field   group.Field
	village string
	stage   group.Stage
	members int
}

// The demo's groups: every stage of both programmes, in villages of Cileunyi
// and Rancaekek (Kabupaten Bandung).
var (
	demoWastePickerGroups = []demoGroup{
		{"KSP Mekar Sari", group.Recycling, "32.04.05.2001", group.Cooperative, 10},
		{"KSP Harapan Baru", group.Recycling, "32.04.05.2002", group.Operating, 7},
		{"KSP Sinar Pagi", group.Recycling, "32.04.05.2003", group.Formed, 6},
		{"KSP Tunas Muda", group.Recycling, "32.04.05.2004", group.Forming, 3},
	}
	demoKUBEGroups = []demoGroup{
		{"KUBE Maju Bersama", group.Trade, "32.04.05.2001", group.Developing, 7},
		{"KUBE Sejahtera", group.Crafts, "32.04.05.2005", group.Operating, 6},
		{"KUBE Berkah", group.FisheryStock, "32.04.05.2006", group.Forming, 0},
	}
)

// demoStory holds what the group stories share: who acts and whom they draw
// members from.
type demoStory struct {
	m    *Main
	ctx  context.Context
	fac  access.Principal
	boss access.Principal
	pool []registry.Person // candidates, each used once per programme
	used map[string]bool
}

// demoGroups adds two programmes (a waste-picker programme with its units and
// a KUBE programme), a facilitator and groups in every stage, made through the
// services so that every rule holds and every change is audited.
func (m *Main) demoGroups(ctx context.Context, p access.Principal) error {
	org := auth.Org{ID: p.OrgID, Name: p.OrgName}
	u, err := m.Auth.CreateUser(ctx, p, auth.NewUser{Username: DemoFacilitator, Name: "Pendamping Contoh", Password: DemoPassword,
		Role: access.Facilitator, Scope: "32.04"})
	if err != nil {
		return err
	}
	st := &demoStory{m: m, ctx: ctx, fac: u.Principal(org), boss: p}
	pep, err := st.programme("Pemberdayaan Pemulung Fase I", programme.KSP, "pemulung")
	if err != nil {
		return err
	}
	if err := st.units(pep.ID); err != nil {
		return err
	}
	if err := st.groups(pep, demoWastePickerGroups, registry.WastePicker); err != nil {
		return err
	}
	kube, err := st.programme("KUBE Kabupaten Bandung 2026", programme.KUBE, "fakir_miskin")
	if err != nil {
		return err
	}
	return st.groups(kube, demoKUBEGroups, registry.PoorFamily)
}

func (st *demoStory) programme(name string, t programme.GroupType, target string) (programme.Programme, error) {
	rules := programme.DefaultRules(t)
	return st.m.Programmes.CreateProgramme(st.ctx, st.boss, programme.Input{Name: name, Start: "01/01/2026", End: "31/12/2027",
		Regions: []string{"32.04"}, Targets: []string{target}, Rules: []programme.Rules{rules}})
}

// units are the waste-picker programme's local institution and its three units.
func (st *demoStory) units(programmeID string) error {
	lpp, err := st.m.Programmes.CreateUnit(st.ctx, st.boss, programme.UnitInput{ProgrammeID: programmeID, Type: string(programme.UnitLPP),
		Name: "LPP Bersama Pemulung Cileunyi", Address: "Jl. Raya Cileunyi 12", VillageCode: "32.04.05.2001", HeadUserID: st.fac.UserID})
	if err != nil {
		return err
	}
	for _, u := range []struct{ t, name string }{{"mfu", "Unit Simpan Pinjam"}, {"rbu", "Unit Usaha Daur Ulang"}, {"ss", "Unit Layanan Sosial"}} {
		if _, err := st.m.Programmes.CreateUnit(st.ctx, st.boss, programme.UnitInput{ProgrammeID: programmeID, ParentID: lpp.ID, Type: u.t,
			Name: u.name, VillageCode: "32.04.05.2001"}); err != nil {
			return err
		}
	}
	return nil
}

// groups tells each group's story up to its stage, with members drawn from
// the registry's adults of the target group.
func (st *demoStory) groups(prog programme.Programme, groups []demoGroup, target registry.TargetGroup) error {
	page, err := st.m.Registry.ListPersons(st.ctx, st.boss, registry.Filter{TargetGroup: target, AgeMin: 18, PerPage: registry.MaxPerPage})
	if err != nil {
		return err
	}
	// Other adults of the regency follow, should the target group run short.
	more, err := st.m.Registry.ListPersons(st.ctx, st.boss, registry.Filter{AgeMin: 18, PerPage: registry.MaxPerPage})
	if err != nil {
		return err
	}
	st.pool, st.used = append(page.Items, more.Items...), map[string]bool{}
	for _, dg := range groups {
		g, err := st.m.Groups.CreateGroup(st.ctx, st.fac, group.Input{ProgrammeID: prog.ID, Name: dg.name, Type: string(prog.Rules[0].GroupType),
			Field: string(dg.field), VillageCode: dg.village, Address: "Sekretariat RW 03", FacilitatorID: st.fac.UserID})
		if err != nil {
			return fmt.Errorf("demo group %s: %w", dg.name, err)
		}
		if err := st.story(g, prog.Rules[0], dg); err != nil {
			return fmt.Errorf("demo group %s: %w", dg.name, err)
		}
	}
	return nil
}

// members joins n persons from the pool (one per family for a KUBE).
func (st *demoStory) members(g group.Group, n int) ([]string, error) {
	var ids []string
	for _, p := range st.pool {
		if len(ids) == n {
			break
		}
		// A KUBE takes one member per family; waste pickers often work as a family.
		if st.used[p.ID] || (g.Type == programme.KUBE && st.used[p.HouseholdID]) {
			continue
		}
		st.used[p.ID], st.used[p.HouseholdID] = true, true
		if _, err := st.m.Groups.AddMember(st.ctx, st.fac, g.ID, group.MemberInput{PersonID: p.ID, Joined: "01/03/2026"}); err != nil {
			return nil, err
		}
		ids = append(ids, p.ID)
	}
	if len(ids) < n {
		return nil, fmt.Errorf("only %d of %d demo members found", len(ids), n)
	}
	return ids, nil
}

// story records the steps, members, board, meetings and stage changes that
// bring a group to its demo stage, dated through 2026.
func (st *demoStory) story(g group.Group, rules programme.Rules, dg demoGroup) error {
	ids, err := st.members(g, dg.members)
	if err != nil {
		return err
	}
	for i, s := range doneSteps(rules, dg.stage) {
		n := 1
		if s.Kind == programme.StepFGD && dg.stage != group.Forming {
			n = max(rules.FGDMin, 1)
		}
		if err := st.step(g, s.Kind, fmt.Sprintf("%02d/02/2026", 2+i*3), ids, n); err != nil {
			return err
		}
	}
	if dg.stage == group.Forming {
		return nil
	}
	if err := st.move(g, group.Formed, "10/03/2026", "Berita acara pembentukan kelompok"); err != nil {
		return err
	}
	if dg.stage == group.Formed {
		return nil
	}
	return st.grow(g, dg, ids)
}

// doneSteps are the template's steps a group at stage has been through: the
// first two while forming, up to the forming FGDs once formed, all later.
func doneSteps(rules programme.Rules, stage group.Stage) []programme.Step {
	steps := rules.Steps
	switch stage {
	case group.Forming:
		return steps[:min(2, len(steps))]
	case group.Formed:
		for i, s := range steps {
			if s.Kind == programme.StepFGD {
				return steps[:i+1]
			}
		}
		return steps[:min(2, len(steps))]
	}
	return steps
}

// step records a formation step n times (FGDs are held several times, three
// days apart in March).
func (st *demoStory) step(g group.Group, kind programme.StepKind, date string, attendance []string, n int) error {
	for i := range n {
		day := date
		if i > 0 {
			day = fmt.Sprintf("%02d/03/2026", 1+i*3)
		}
		if _, err := st.m.Groups.RecordStep(st.ctx, st.fac, g.ID, group.StepInput{Kind: string(kind), Date: day, Attendance: attendance,
			Notes: "Dihadiri calon anggota; dicatat oleh pendamping."}); err != nil {
			return err
		}
	}
	return nil
}

func (st *demoStory) move(g group.Group, to group.Stage, date, evidence string) error {
	_, err := st.m.Groups.ChangeStage(st.ctx, st.fac, g.ID, group.StageInput{To: string(to), Date: date, Evidence: evidence})
	return err
}

// grow elects the board, adopts rules, holds meetings and moves the group on
// to operating, developing and, for one, a cooperative.
func (st *demoStory) grow(g group.Group, dg demoGroup, ids []string) error {
	if _, err := st.m.Groups.ElectBoard(st.ctx, st.fac, g.ID, group.ElectionInput{Date: "15/03/2026", Method: "consensus",
		Minutes: "Rapat anggota memilih pengurus secara musyawarah mufakat.", TermEnd: "15/03/2029",
		Elected: []group.Nominee{{PersonID: ids[0], Role: group.Chair}, {PersonID: ids[1], Role: group.Secretary}, {PersonID: ids[2], Role: group.Treasurer}}}); err != nil {
		return err
	}
	if _, err := st.m.Groups.AddRules(st.ctx, st.fac, g.ID, group.RulesInput{AdoptedOn: "15/03/2026",
		Text: "1. Anggota menabung wajib Rp 5.000 setiap minggu.\n2. Rapat anggota diadakan setiap bulan pada minggu pertama.\n3. Pinjaman diputuskan dalam rapat anggota."}); err != nil {
		return err
	}
	if err := st.move(g, group.Operating, "01/04/2026", "Usaha bersama mulai berjalan"); err != nil {
		return err
	}
	if _, err := st.m.Groups.RecordMeeting(st.ctx, st.fac, g.ID, group.MeetingInput{Kind: string(group.Visit), Date: "10/09/2026",
		Topics: []string{string(group.TopicSaving), string(group.TopicEconomy)}, Attendance: ids[:3], Notes: "Tabungan kelompok mulai rutin.",
		FollowUps: []group.FollowUpInput{{Action: "Membuka rekening tabungan kelompok", Due: "30/09/2026"}}}); err != nil {
		return err
	}
	if dg.stage == group.Operating {
		return nil
	}
	if err := st.move(g, group.Developing, "01/08/2026", "Omzet naik dan anggota bertambah"); err != nil {
		return err
	}
	if dg.stage != group.Cooperative {
		return nil
	}
	_, err := st.m.Groups.Upgrade(st.ctx, st.boss, g.ID, group.UpgradeInput{Date: "01/11/2026", Statutes: "Anggaran Dasar dan Anggaran Rumah Tangga Koperasi Pemulung Mekar Sari.",
		LegalNumber: "AHU-0001234.AH.01.26.TAHUN 2026", LegalDate: "28/10/2026", Supervisors: ids[3:4], Evidence: "Akta pendirian koperasi"})
	return err
}
