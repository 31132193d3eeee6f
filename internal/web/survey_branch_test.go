package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/dbtest"
	"github.com/berdaya/berdaya/internal/group"
	"github.com/berdaya/berdaya/internal/i18n"
	"github.com/berdaya/berdaya/internal/pdf/pdftext"
	"github.com/berdaya/berdaya/internal/ppisurvey"
	"github.com/berdaya/berdaya/internal/programme"
)

func TestSurveyBranches(t *testing.T) {
	for _, d := range dbtest.Dialects() {
		t.Run(string(d), func(t *testing.T) { surveyBranches(t, d) })
	}
}

// svBranchRound puts the survey fixture's ten heads into three KSP groups
// of a credit union, two run by its branches (TP Cileunyi: heads 1–4, TP
// Jatinangor: 5–7) and one by no unit (8–10), and draws a round of their
// households stratified by branch, two per branch, every one interviewed.
func svBranchRound(t *testing.T, e *env, f svFixture) ppisurvey.Round {
	t.Helper()
	ctx := context.Background()
	all, err := e.m.Surveys.Units(ctx, e.admin, f.round.ID, true)
	if err != nil || len(all) != 10 {
		t.Fatalf("%d units, %v", len(all), err)
	}
	prog, err := e.m.Programmes.CreateProgramme(ctx, e.admin, programme.Input{Name: "Layanan Anggota CU", Start: "01/01/2026", End: "31/12/2027",
		Regions: []string{"32.04.05"}, Targets: []string{"pemulung"}, Rules: []programme.Rules{programme.DefaultRules(programme.KSP)}})
	if err != nil {
		t.Fatal(err)
	}
	unit := func(parent, kind, name string) string {
		u, err := e.m.Programmes.CreateUnit(ctx, e.admin, programme.UnitInput{ParentID: parent, Type: kind, Name: name, VillageCode: "3204052001"})
		if err != nil {
			t.Fatalf("unit %s: %v", name, err)
		}
		return u.ID
	}
	cu := unit("", string(programme.UnitCreditUnion), "CU Sauyunan")
	branches := []string{unit(cu, string(programme.UnitCUBranch), "TP Cileunyi"), unit(cu, string(programme.UnitCUBranch), "TP Jatinangor"), ""}
	var groups []string
	for i, name := range []string{"KSP Melati", "KSP Mawar", "KSP Mandiri"} {
		g, err := e.m.Groups.CreateGroup(ctx, e.admin, group.Input{ProgrammeID: prog.ID, UnitID: branches[i], Name: name, Type: string(programme.KSP),
			Field: string(group.Recycling), VillageCode: "3204052001", Address: "RW 05"})
		if err != nil {
			t.Fatalf("group %s: %v", name, err)
		}
		groups = append(groups, g.ID)
	}
	for i, u := range all {
		g := groups[[]int{0, 0, 0, 0, 1, 1, 1, 2, 2, 2}[i]]
		if _, err := e.m.Groups.AddMember(ctx, e.admin, g, group.MemberInput{PersonID: u.PersonID, Joined: "01/02/2026"}); err != nil {
			t.Fatal(err)
		}
	}
	r, err := e.m.Surveys.CreateRound(ctx, e.admin, ppisurvey.RoundInput{Name: "Survei cabang 2026", Scorecard: "IDN 2023", Lines: []string{"nl100"},
		Population: ppisurvey.GroupMembers, GroupIDs: groups, Region: "32.04.05", Method: ppisurvey.Stratified, Strata: ppisurvey.ByBranch,
		Allocation: "equal", Size: 6, Seed: 515})
	if err != nil {
		t.Fatal(err)
	}
	if r, err = e.m.Surveys.DrawSample(ctx, e.admin, r.ID); err != nil {
		t.Fatal(err)
	}
	units, err := e.m.Surveys.Units(ctx, e.admin, r.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range units {
		if _, err := e.m.Surveys.RecordInterview(ctx, e.admin, u.ID, ppisurvey.InterviewInput{Date: "20/11/2026", Answers: svPoorest}); err != nil {
			t.Fatal(err)
		}
	}
	return r
}

// surveyBranches checks that the estimate page, the round page and the
// round's PDF name each branch by its unit's name, and the households
// whose group has no unit as such.
func surveyBranches(t *testing.T, d db.Dialect) {
	e := newEnv(t, d)
	r := svBranchRound(t, e, newSurveyFixture(t, e))
	b := e.browser()
	b.login("admin", adminPassword)
	base := "/surveys/" + r.ID
	// Each name is a row of the breakdown tables (the charts name them too).
	body := b.mustGet(base+"/estimate?line=nl100", "Per strata", "Per cabang", "Per kelompok", "<td><strong>KSP Melati</strong></td>",
		"<td><strong>TP Cileunyi</strong></td>", "<td><strong>TP Jatinangor</strong></td>", "<td><strong>Tanpa cabang (kelompok tanpa unit)</strong></td>")
	if strings.Contains(body, "svp.") || strings.Contains(body, "ppisurvey.") {
		t.Error("estimate page has an untranslated key")
	}
	for _, id := range r.GroupIDs {
		if strings.Contains(body, ">"+id+"<") {
			t.Errorf("estimate page shows the ID %s instead of a name", id)
		}
	}
	b.mustGet(base, i18n.T("id", "ppisurvey.strata.branch"), "TP Cileunyi", "TP Jatinangor")
	_, file := b.svFile(base+"/report.pdf", http.StatusOK, "application/pdf")
	text, err := pdftext.Text(file)
	if err != nil {
		t.Fatal(err)
	}
	wantIn(t, "round PDF", text, "Per cabang", "TP Cileunyi", "TP Jatinangor", "Tanpa cabang")
}
