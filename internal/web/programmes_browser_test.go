package web_test

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/group"
	"github.com/berdaya/berdaya/internal/programme"
	"github.com/chromedp/chromedp"
)

var groupPage = regexp.MustCompile(`/groups/[0-9a-f-]{36}$`)

// TestBrowserProgrammePages opens the programme, unit, group-list and
// facilitator pages in headless Chromium at phone and desktop width, checks
// their headings and the drill-down, and creates a group through the form.
func TestBrowserProgrammePages(t *testing.T) {
	e := newEnv(t, db.SQLite)
	ctx := context.Background()
	f := newGroupFixture(t, e)
	if _, err := e.m.Programmes.AddStaff(ctx, e.admin, f.unit.ID, programme.StaffInput{UserID: e.admin.UserID, Position: "Manajer LPP", Start: "01/02/2026"}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.m.Programmes.CreateUnit(ctx, e.admin, programme.UnitInput{ProgrammeID: f.prog.ID, ParentID: f.unit.ID, Type: "mfu",
		Name: "MFU Bandung", VillageCode: "3204052001"}); err != nil {
		t.Fatal(err)
	}
	today := time.Now().In(time.FixedZone("WIB", 7*3600))
	if _, err := e.m.Groups.RecordMeeting(ctx, e.admin, f.groups[0].ID, group.MeetingInput{Kind: "visit", Date: today.AddDate(0, 0, -3).Format("02/01/2006"),
		FollowUps: []group.FollowUpInput{{Action: "Kumpulkan fotokopi KK anggota", Due: today.AddDate(0, 0, -1).Format("02/01/2006")}}}); err != nil {
		t.Fatal(err)
	}
	for _, size := range []struct {
		name          string
		width, height int
	}{{"phone", 360, 780}, {"desktop", 1280, 860}} {
		t.Run(size.name, func(t *testing.T) {
			cx := newChrome(t, size.width, size.height)
			do(t, cx, chromedp.EmulateViewport(int64(size.width), int64(size.height)),
				chromedp.Navigate(e.srv.URL+"/login"), chromedp.WaitVisible(css(`input[name=username]`)),
				chromedp.SendKeys(css(`input[name=username]`), "admin"),
				chromedp.SendKeys(css(`input[name=password]`), adminPassword),
				chromedp.Submit(css(`input[name=password]`)),
				chromedp.WaitVisible(css(`nav.mainnav`)),
				chromedp.Click(css(`nav.mainnav a[href="/groups"]`)),
				chromedp.WaitVisible(css(`table.counts`)),
			)
			shot(t, cx, size.name+"-groups")
			// Drill down from the province to the district.
			do(t, cx, chromedp.Click(css(`table.counts a[href="/groups?region=32"]`)), chromedp.WaitVisible(css(`table.counts a[href="/groups?region=32.04"]`)),
				chromedp.Click(css(`table.counts a[href="/groups?region=32.04"]`)), chromedp.WaitVisible(css(`table.counts a[href="/groups?region=32.04.05"]`)),
				chromedp.Click(css(`table.counts a[href="/groups?region=32.04.05"]`)), chromedp.WaitVisible(css(`nav.crumbs`)))
			if got := text(t, cx, `table.counts`); !strings.Contains(got, "Cileunyi Kulon") || !strings.Contains(got, "Cileunyi Wetan") {
				t.Errorf("villages of Cileunyi: %.300q", got)
			}
			shot(t, cx, size.name+"-groups-district")
			for _, pg := range []struct{ path, heading string }{
				{"/programmes", "Program"}, {"/programmes/" + f.prog.ID, "KUBE Bandung 2026"}, {"/programmes/new", "Program baru"},
				{"/programmes/" + f.prog.ID + "/edit", "Ubah program"}, {"/units", "Unit organisasi"}, {"/units/" + f.unit.ID, "LPP Bandung"},
				{"/units/new", "Unit baru"}, {"/facilitator", "Pendampingan saya"}, {"/groups/new", "Kelompok baru"},
			} {
				do(t, cx, chromedp.Navigate(e.srv.URL+pg.path), chromedp.WaitVisible(css(`main h1`)))
				if h := text(t, cx, `main h1`); !strings.Contains(h, pg.heading) {
					t.Errorf("%s: heading %q, want %q", pg.path, h, pg.heading)
				}
				name := strings.NewReplacer("/"+f.prog.ID, "-show", "/"+f.unit.ID, "-show", "/", "-").Replace(pg.path)
				shot(t, cx, size.name+name)
			}
			// The new-group form, filled in on the page, leads to the group.
			do(t, cx, chromedp.SetValue(css(`select[name=programme_id]`), f.prog.ID),
				chromedp.SendKeys(css(`input[name=name]`), "KUBE "+size.name),
				chromedp.SetValue(css(`select[name=type]`), "kube"),
				chromedp.SetValue(css(`select[name=business_field]`), "jasa"),
				chromedp.SendKeys(css(`input[name=village_code]`), "3204052003"),
				chromedp.Submit(css(`input[name=village_code]`)),
			)
			made := func() bool {
				page, err := e.m.Groups.ListGroups(ctx, e.admin, group.Filter{Region: "32.04.05.2003"})
				return err == nil && slices.ContainsFunc(page.Items, func(g group.Summary) bool { return g.Name == "KUBE "+size.name })
			}
			for deadline := time.Now().Add(10 * time.Second); !made(); time.Sleep(100 * time.Millisecond) {
				if time.Now().After(deadline) {
					t.Fatal("the group filled in on the page was not made")
				}
			}
			// The browser lands on the group's page.
			for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(100 * time.Millisecond) {
				loc, _ := chromedp.Run(cx, chromedp.Location())
				if groupPage.MatchString(loc) {
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("after the form the browser is at %s", loc)
				}
			}
			do(t, cx, chromedp.WaitVisible(css(`main h1`)))
			shot(t, cx, size.name+"-group-made")
		})
	}
}
