package web_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/berdaya/berdaya/internal/db"
	"github.com/chromedp/chromedp"
)

// TestBrowserFormGroup forms a waste-picker group on a phone-sized screen, as
// a facilitator would: socialisation, approach, data collection, members,
// three FGDs with attendance, formed, a board elected by vote, operating;
// then fetches the member book. The programme, group and registry persons are
// made through the services first.
func TestBrowserFormGroup(t *testing.T) {
	e := newEnv(t, db.SQLite)
	f := newGroupPageFixture(t, e)
	ps := f.persons
	base := e.srv.URL + "/groups/" + f.group.ID
	ctx := newChrome(t, 360, 780)
	do(t, ctx, chromedp.EmulateViewport(360, 780), chromedp.Navigate(base), chromedp.WaitVisible(css(`input[name=username]`)),
		chromedp.SendKeys(css(`input[name=username]`), "admin"),
		chromedp.SendKeys(css(`input[name=password]`), adminPassword),
		chromedp.Submit(css(`input[name=password]`)),
		chromedp.WaitVisible(css(`nav.gp-jump`)),
	)
	shot(t, ctx, "group-phone-new")

	// step records one formation step from the group page's link for it.
	step := func(kind string, attendance []string, notes string) {
		t.Helper()
		do(t, ctx, chromedp.Click(css(`#formation a[href$="kind=`+kind+`"]`)), chromedp.WaitVisible(css(`select[name=kind]`)))
		for _, id := range attendance {
			do(t, ctx, chromedp.Click(css(`input[name=attendance][value="`+id+`"]`)))
		}
		if notes != "" {
			do(t, ctx, chromedp.SendKeys(css(`textarea[name=notes]`), notes))
		}
		if kind == "fgd" {
			shot(t, ctx, "group-phone-fgd-form")
		}
		do(t, ctx, chromedp.Click(css(`form button.primary`)), chromedp.WaitVisible(css(`nav.gp-jump`)))
		if got := text(t, ctx, `p.flash`); !strings.Contains(got, "Tahap pembentukan tercatat") {
			t.Fatalf("after recording %s: flash %q", kind, got)
		}
	}
	step("sosialisasi", []string{ps[0].ID, ps[1].ID, ps[2].ID, ps[3].ID, ps[4].ID, ps[5].ID}, "Sosialisasi di lapak bandar")
	step("pendekatan", nil, "Lewat Pak Haji, bandar RW 05")
	step("pendataan", []string{ps[0].ID, ps[1].ID, ps[2].ID, ps[3].ID, ps[4].ID}, "Lima keluarga menyatakan minat")

	// Members: one found by NIK, the others from the village list.
	do(t, ctx, chromedp.Click(css(`#members a[href$="/members/new"]`)), chromedp.WaitVisible(css(`input[name=q]`)),
		chromedp.SendKeys(css(`input[name=q]`), ps[0].NIK), chromedp.Submit(css(`input[name=q]`)),
		chromedp.WaitVisible(css(`button[name=person_id][value="`+ps[0].ID+`"]`)))
	shot(t, ctx, "group-phone-member-search")
	do(t, ctx, chromedp.Click(css(`button[name=person_id][value="`+ps[0].ID+`"]`)), chromedp.WaitVisible(css(`p.flash`)),
		chromedp.WaitNotPresent(css(`button[name=person_id][value="`+ps[0].ID+`"]`)))
	do(t, ctx, chromedp.Navigate(base+"/members/new"), chromedp.WaitVisible(css(`ul.gp-results`)))
	for _, p := range ps[1:5] {
		add := css(`button[name=person_id][value="` + p.ID + `"]`)
		// Once added, the person shows as a member instead of a button.
		do(t, ctx, chromedp.Click(add), chromedp.WaitNotPresent(add))
	}
	shot(t, ctx, "group-phone-members-added")
	do(t, ctx, chromedp.Click(css(`a[href$="#members"].button`)), chromedp.WaitVisible(css(`nav.gp-jump`)))
	if got := text(t, ctx, `#members`); !strings.Contains(got, ps[4].Name) || !strings.Contains(got, "(5)") {
		t.Fatalf("members section: %q", got)
	}

	// Three forming FGDs with attendance.
	for i := range 3 {
		step("fgd", []string{ps[0].ID, ps[1].ID, ps[2].ID, ps[3].ID, ps[4].ID}, fmt.Sprintf("FGD ke-%d", i+1))
	}
	if got := text(t, ctx, `#formation`); !strings.Contains(got, "FGD pembentukan: 3 dari minimal 3") || !strings.Contains(got, "5 hadir") {
		t.Fatalf("formation after 3 FGDs: %q", got)
	}
	shot(t, ctx, "group-phone-ready")

	// Formed, from the page's own prompt.
	do(t, ctx, chromedp.Click(css(`#formation a[href$="/stage"]`)), chromedp.WaitVisible(css(`textarea[name=evidence]`)),
		chromedp.SendKeys(css(`textarea[name=evidence]`), "FGD ke-3, berita acara pembentukan"))
	shot(t, ctx, "group-phone-stage")
	do(t, ctx, chromedp.Click(css(`form button.primary`)), chromedp.WaitVisible(css(`nav.gp-jump`)))
	if got := text(t, ctx, `.heading .tag.stage`); got != "Terbentuk" {
		t.Fatalf("stage after marking formed: %q", got)
	}

	// The board, elected by vote.
	do(t, ctx, chromedp.Click(css(`#board a[href$="/board/election"]`)), chromedp.WaitVisible(css(`fieldset.gp-seat`)))
	for _, v := range []struct {
		seat  string
		votes map[int]string
		win   int
	}{{"chair", map[int]string{0: "3", 1: "2"}, 0}, {"secretary", map[int]string{1: "4", 3: "1"}, 1}, {"treasurer", map[int]string{2: "5"}, 2}} {
		for i, n := range v.votes {
			do(t, ctx, chromedp.SendKeys(css(`input[name="votes.`+v.seat+`.`+ps[i].ID+`"]`), n))
		}
		do(t, ctx, chromedp.Click(css(`input[name="elected.`+v.seat+`"][value="`+ps[v.win].ID+`"]`)))
	}
	do(t, ctx, chromedp.SendKeys(css(`textarea[name=minutes]`), "Rapat anggota di balai RW 05, 5 hadir."))
	shot(t, ctx, "group-phone-election")
	do(t, ctx, chromedp.Click(css(`form button.primary`)), chromedp.WaitVisible(css(`nav.gp-jump`)))
	if got := text(t, ctx, `#board`); !strings.Contains(got, "Ketua") || !strings.Contains(got, ps[0].Name) || !strings.Contains(got, ps[2].Name) {
		t.Fatalf("board section: %q", got)
	}

	// Operating.
	do(t, ctx, chromedp.Click(css(`#stage a[href$="/stage"]`)), chromedp.WaitVisible(css(`textarea[name=evidence]`)),
		chromedp.SendKeys(css(`textarea[name=evidence]`), "Mulai menabung dan jual bersama"),
		chromedp.Click(css(`form button.primary`)), chromedp.WaitVisible(css(`nav.gp-jump`)))
	if got := text(t, ctx, `.heading .tag.stage`); got != "Beroperasi" {
		t.Fatalf("stage after operating: %q", got)
	}
	shot(t, ctx, "group-phone-operating")

	// The member book link answers with a PDF.
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`fetch(document.querySelector('#books a[href$="/books/anggota"]').href).then(r => r.status + " " + r.headers.get("content-type"))`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if got != "200 application/pdf" {
		t.Fatalf("member book: %q", got)
	}

	// The other forms at phone width, for people to look at.
	do(t, ctx, chromedp.Navigate(base+"/meetings/new"), chromedp.WaitVisible(css(`input[name=follow_action]`)))
	shot(t, ctx, "group-phone-meeting")

	// The same pages at desktop width, for people to look at.
	do(t, ctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(base), chromedp.WaitVisible(css(`nav.gp-jump`)))
	shot(t, ctx, "group-desktop")
	do(t, ctx, chromedp.Navigate(base+"/board/election"), chromedp.WaitVisible(css(`fieldset.gp-seat`)))
	shot(t, ctx, "group-desktop-election")
	do(t, ctx, chromedp.Navigate(base+"/steps/new?kind=fgd"), chromedp.WaitVisible(css(`select[name=kind]`)))
	shot(t, ctx, "group-desktop-step")
}
