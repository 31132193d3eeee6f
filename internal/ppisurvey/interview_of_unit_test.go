package ppisurvey_test

import (
	"reflect"
	"testing"

	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/dbtest"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/ppisurvey"
)

// TestInterviewOfUnit reads a household's interview by its unit, with its
// corrections and what each changed; a correction that changes nothing is
// not stored, and the unit is not found outside the reader's scope.
func TestInterviewOfUnit(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		r := f.round("Koreksi", ppisurvey.Stratified, 10, 3, "")
		units := f.units(r.ID, false)
		a := sampled(units, "32.04.05")[0]
		_, _, err := f.svc.InterviewOfUnit(f.ctx, f.viewer, a.ID)
		wantErr(t, err, errs.NotFound, "", "ppisurvey.err.interview_not_found")
		iv := f.interview(a.ID, poorest)

		same, err := f.svc.CorrectInterview(f.ctx, f.fac, iv.ID, ppisurvey.InterviewInput{Date: "20/11/2026", Answers: poorest, Reason: "cek"})
		if err != nil || !same.Same(iv) || !same.UpdatedAt.Equal(iv.UpdatedAt) {
			t.Fatalf("a correction that changes nothing: %+v, %v", same, err)
		}
		fixed, err := f.svc.CorrectInterview(f.ctx, f.fac, iv.ID, ppisurvey.InterviewInput{Date: "20/11/2026", Answers: middle, Reason: "Q2 dan Q3 salah catat"})
		if err != nil || fixed.Same(iv) {
			t.Fatalf("correction %+v, %v", fixed, err)
		}

		got, cs, err := f.svc.InterviewOfUnit(f.ctx, f.viewer, a.ID)
		if err != nil || got.ID != iv.ID || got.Scores[0].Score != 17 || len(cs) != 1 || cs[0].Reason != "Q2 dan Q3 salah catat" {
			t.Fatalf("interview %+v, corrections %+v, %v", got, cs, err)
		}
		want := []ppisurvey.AnswerChange{{No: 2, Before: "E", After: "C"}, {No: 3, Before: "B", After: "A"}}
		if ch := cs[0].Changes(); !reflect.DeepEqual(ch, want) {
			t.Fatalf("changes %+v, want %+v", ch, want)
		}

		// The district facilitator of Cileunyi does not see a Cimenyan unit's interview.
		b := sampled(units, "32.04.06")[0]
		f.interview(b.ID, poorest)
		_, _, err = f.svc.InterviewOfUnit(f.ctx, f.district, b.ID)
		wantErr(t, err, errs.NotFound, "", "ppisurvey.err.interview_not_found")
	})
}
