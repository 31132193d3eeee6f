package web_test

import (
	"context"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/dbtest"
	"github.com/berdaya/berdaya/internal/ppisurvey"
)

func TestSurveyInterviewCorrection(t *testing.T) {
	for _, d := range dbtest.Dialects() {
		t.Run(string(d), func(t *testing.T) { surveyInterviewCorrection(t, d) })
	}
}

// svAnswersWith is svPoorest with some answers changed.
func svAnswersWith(changes map[int]string) map[int]string {
	out := map[int]string{}
	for k, v := range svPoorest {
		out[k] = v
	}
	for k, v := range changes {
		out[k] = v
	}
	return out
}

// svScoreOf is the unit's interview score on nl100, read through the service.
func svScoreOf(t *testing.T, e *env, unitID string) (ppisurvey.LineScore, int) {
	t.Helper()
	iv, cs, err := e.m.Surveys.InterviewOfUnit(context.Background(), e.admin, unitID)
	if err != nil {
		t.Fatal(err)
	}
	sc, ok := iv.Score("nl100")
	if !ok {
		t.Fatalf("interview %+v has no nl100 score", iv)
	}
	return sc, len(cs)
}

// svScoreShown is how the form shows a score and its likelihood.
func svScoreShown(sc ppisurvey.LineScore) string {
	return "skor " + strconv.Itoa(sc.Score) + " · peluang miskin " + pctID(sc.Likelihood/100)
}

func surveyInterviewCorrection(t *testing.T, d db.Dialect) {
	e := newEnv(t, d)
	f := newSurveyFixture(t, e)
	base := "/surveys/" + f.round.ID
	unit := f.units[0]
	form := base + "/units/" + unit.ID + "/interview"
	b := e.browser()
	b.login("admin", adminPassword)
	b.mustPost(form, svForm(svPoorest), http.StatusSeeOther, base+"#units")
	first, _ := svScoreOf(t, e, unit.ID)

	// The round page offers the recorded interview; its form holds the
	// recorded answers, the score per line and an empty history.
	b.mustGet(base, form, "Lihat / koreksi")
	body := b.mustGet(form, "Koreksi wawancara", `name="q2" value="E" checked`, `name="q10" value="B" checked`,
		svScoreShown(first), "Admin Nasional", `name="reason"`, "Simpan koreksi", "Wawancara ini belum pernah dikoreksi.")
	if strings.Contains(body, "svp.") {
		t.Error("correction form has an untranslated key")
	}

	// The questions, answers and guidance in English too, beneath the
	// Indonesian.
	for _, q := range f.card.Questions {
		id, en := template.HTMLEscapeString(q.TextID), template.HTMLEscapeString(q.Text)
		wantIn(t, "form in English", body, en)
		if id != en && strings.Index(body, id) > strings.Index(body, en) {
			t.Errorf("question %d: the English wording comes before the Indonesian", q.No)
		}
		if q.Guidance != "" {
			wantIn(t, "guidance in English", body, template.HTMLEscapeString(q.Guidance))
		}
		for _, a := range q.Answers {
			wantIn(t, "answer in English", body, template.HTMLEscapeString(a.Text))
		}
	}

	// Without a reason the correction is refused next to the reason field,
	// with the changed answers kept; nothing is stored.
	changed := svForm(svAnswersWith(map[int]string{2: "B", 3: "A"}))
	body = b.mustPost(form, changed, http.StatusUnprocessableEntity, "")
	wantIn(t, "correction without a reason", body, "Isian ini wajib diisi.", `name="q2" value="B" checked`, `name="q3" value="A" checked`)
	if sc, n := svScoreOf(t, e, unit.ID); sc != first || n != 0 {
		t.Fatalf("a refused correction changed the interview: %+v, %d corrections", sc, n)
	}

	// With a reason it is stored: the score changes and the history shows
	// when, who, why and what changed.
	changed.Set("reason", "Pertanyaan 2 salah catat")
	b.mustPost(form, changed, http.StatusSeeOther, form)
	fixed, n := svScoreOf(t, e, unit.ID)
	if fixed.Score == first.Score || n != 1 {
		t.Fatalf("after the correction the score is %d (was %d) with %d corrections", fixed.Score, first.Score, n)
	}
	q2 := f.card.Questions[1]
	e2, _ := q2.Answer("E")
	b2, _ := q2.Answer("B")
	body = b.mustGet(form, "Koreksi disimpan", svScoreShown(fixed), "Riwayat koreksi", "Pertanyaan 2 salah catat",
		"Pertanyaan 2: E · "+template.HTMLEscapeString(e2.TextID)+" → <strong>B · "+template.HTMLEscapeString(b2.TextID)+"</strong>",
		"Pertanyaan 3:", svScoreText(first)+" → <strong>"+svScoreText(fixed)+"</strong>")
	history := body[strings.Index(body, `id="history"`):]
	history = history[:strings.Index(history, "</section>")]
	wantIn(t, "history", history, "Admin Nasional")
	if strings.Contains(history, "Pertanyaan 4:") {
		t.Error("the history lists an answer that did not change")
	}

	// The same answers again change nothing, and the page says so.
	b.mustPost(form, changed, http.StatusSeeOther, form)
	body = b.mustGet(form, "Tidak ada yang berubah")
	if n := strings.Count(body, `class="sv-correction"`); n != 1 {
		t.Errorf("history shows %d corrections, want 1", n)
	}

	// A viewer sees the interview but may not correct it: the refusal is
	// on the form, with what was typed.
	e.addUser("pembaca", access.Viewer, "32.04")
	vb := e.browser()
	vb.login("pembaca", "sandi-pembaca")
	body = vb.mustGet(form, svScoreShown(fixed), "peran Anda tidak mengizinkan")
	if strings.Contains(body, `name="reason"`) {
		t.Error("the viewer is offered the correction")
	}
	again := svForm(svPoorest)
	again.Set("reason", "coba")
	body = vb.mustPost(form, again, http.StatusForbidden, "")
	wantIn(t, "viewer's refused correction", body, `id="q10"`, "Peran Anda tidak mengizinkan tindakan ini.", `name="q2" value="E" checked`)
	if sc, _ := svScoreOf(t, e, unit.ID); sc != fixed {
		t.Error("the viewer's correction was stored")
	}

	// A facilitator of another regency cannot see the round at all.
	e.addUser("jauh", access.Facilitator, "33.01")
	fb := e.browser()
	fb.login("jauh", "sandi-jauh")
	if status, _ := fb.get(form); status != http.StatusNotFound {
		t.Errorf("out-of-scope GET = %d, want 404", status)
	}
	far := svForm(svPoorest)
	far.Set("reason", "coba")
	if res, body := fb.post(form, far); res.StatusCode != http.StatusNotFound {
		t.Errorf("out-of-scope POST = %d, want 404: %s", res.StatusCode, body)
	}
	if sc, _ := svScoreOf(t, e, unit.ID); sc != fixed {
		t.Error("the out-of-scope correction was stored")
	}

	// In the English UI the English wording comes first.
	b.mustPost("/lang", url.Values{"lang": {"en"}, "next": {form}}, http.StatusSeeOther, form)
	body = b.mustGet(form, "Correct the interview", "Correction history", "Question 2:")
	q := f.card.Questions[1]
	if en, id := strings.Index(body, template.HTMLEscapeString(q.Text)), strings.Index(body, template.HTMLEscapeString(q.TextID)); en < 0 || id < en {
		t.Errorf("English UI: question 2 in English at %d, Indonesian at %d", en, id)
	}
}

// svScoreText is how the history shows a score: "38 (45,4%)".
func svScoreText(sc ppisurvey.LineScore) string {
	return strconv.Itoa(sc.Score) + " (" + pctID(sc.Likelihood/100) + ")"
}
