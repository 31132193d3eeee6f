package ppisurvey

import (
	"context"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/i18n"
	"github.com/berdaya/berdaya/internal/ppi"
)

// TemplateRow is one household still to interview, as the import template
// lists it.
type TemplateRow struct {
	UnitID      string
	NIK         string // the respondent's, masked for a user who may not see NIKs
	Name        string // the respondent's ("" when the person is out of reach)
	VillageCode string
	Known       map[int]string // answers the registry gives (the province)
}

// ImportTemplate is an interview file to fill in from paper forms: the
// round's card, and its sampled households in the user's scope that are
// still to interview, in sample order.
type ImportTemplate struct {
	Round Round
	Card  ppi.Scorecard
	Rows  []TemplateRow
}

// ImportTemplate builds the template of a round for p, who must be allowed
// to import. NIKs are shown as the registry shows them to p.
func (s *Service) ImportTemplate(ctx context.Context, p access.Principal, roundID string) (ImportTemplate, error) {
	var t ImportTemplate
	if err := p.Require(access.ImportRecords); err != nil {
		return t, err
	}
	r, err := s.roundVisible(ctx, s.db.Reader(), p, roundID, false)
	if err != nil {
		return t, err
	}
	t.Round = r
	if t.Card, err = s.cards.Get(ctx, r.ScorecardID); err != nil {
		return t, err
	}
	units, err := s.store.units(ctx, s.db.Reader(), p.OrgID, r.ID)
	if err != nil {
		return t, err
	}
	var todo []Unit
	for _, u := range units {
		if u.Status == StatusSample && p.Covers(u.VillageCode) {
			todo = append(todo, u)
		}
	}
	ids := make([]string, len(todo))
	for i, u := range todo {
		ids[i] = u.PersonID
	}
	persons, err := s.registry.PersonsByID(ctx, p, ids)
	if err != nil {
		return t, err
	}
	for _, u := range todo {
		person := persons[u.PersonID]
		t.Rows = append(t.Rows, TemplateRow{UnitID: u.ID, NIK: person.NIK, Name: person.Name, VillageCode: u.VillageCode,
			Known: KnownAnswers(t.Card, u.VillageCode)})
	}
	return t, nil
}

// Header is the template's first row: the columns ImportInterviewsWith
// reads (unit_id, nik, date, q1..qN) and, to help the clerk find the form,
// the respondent's name and village, which the import ignores.
func (t ImportTemplate) Header() []string {
	h := []string{"unit_id", "nik", "name", "village", "date"}
	for _, q := range t.Card.Questions {
		h = append(h, QuestionField(q.No))
	}
	return h
}

// Cells lays out the rows under Header, with the known answers filled in;
// village names a village code.
func (t ImportTemplate) Cells(village func(code string) string) [][]string {
	out := make([][]string, 0, len(t.Rows))
	for _, r := range t.Rows {
		row := []string{r.UnitID, r.NIK, r.Name, village(r.VillageCode), ""}
		for _, q := range t.Card.Questions {
			row = append(row, r.Known[q.No])
		}
		out = append(out, row)
	}
	return out
}

// CodeHeader is the heading of the template's list of answer codes, in lang.
func CodeHeader(lang string) []string {
	out := []string{}
	for _, k := range []string{"ppisurvey.codes.column", "ppisurvey.codes.question_id", "ppisurvey.codes.question_en", "ppisurvey.codes.code", "ppisurvey.codes.answer_id", "ppisurvey.codes.answer_en"} {
		out = append(out, i18n.T(lang, k))
	}
	return out
}

// CodeRows lists every answer of the card under CodeHeader: the question's
// column, its wording in Indonesian and English (on its first answer only),
// the code, and the answer in Indonesian and English.
func (t ImportTemplate) CodeRows() [][]string {
	var out [][]string
	for _, q := range t.Card.Questions {
		for i, a := range q.Answers {
			row := []string{QuestionField(q.No), "", "", a.Code, a.TextID, a.Text}
			if i == 0 {
				row[1], row[2] = q.TextID, q.Text
			}
			out = append(out, row)
		}
	}
	return out
}

// KnownQuestions are the numbers of the card's questions the registry
// answers (the province), which an import file may leave blank.
func KnownQuestions(card ppi.Scorecard) []int {
	if q, ok := provinceQuestion(card); ok {
		return []int{q.No}
	}
	return nil
}
