package web

import (
	"html/template"
	"net/http"

	"github.com/berdaya/berdaya/internal/i18n"
	"github.com/berdaya/berdaya/internal/ppisurvey"
)

// svRoundRate is one round's rate on the comparison page, formatted.
type svRoundRate struct {
	ID, Name   string
	Rate       string // "45,4%"
	Low, High  string
	N          string // interviewed
	Population string
}

type comparePageData struct {
	Round      ppisurvey.Round
	NoBaseline bool
	Line       string
	LineLabel  string
	Lines      []svLineChoice
	Baseline   svRoundRate
	FollowUp   svRoundRate
	Difference string // "-25,4" (percentage points)
	Low, High  string // the difference's interval, percentage points
	Households string // net change in poor households, rounded: "-5"
	HouseLow   string
	HouseHigh  string
	Population string // N the households are for
	Confidence string // "90,0%"
	// Assumptions are the comparison's assumption message keys.
	Assumptions []string
	// Direction is survey.Change.Direction: whether the interval shows a
	// fall, a rise, or holds zero.
	Direction string
	// Charts are the comparison report's charts (every shared line).
	Charts []template.HTML
}

// comparePage compares a round with its baseline round on one poverty line:
// both rates, the change in percentage points and the net change in poor
// households, each with its interval, and the assumptions behind them.
func (s *Server) comparePage(w http.ResponseWriter, r *http.Request) {
	ctx, p, lang := r.Context(), principal(r), state(r).lang
	round, err := s.Surveys.GetRound(ctx, p, r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	title := i18n.T(lang, "svc.compare") + " · " + round.Name
	d := comparePageData{Round: round}
	if round.BaselineID == "" {
		d.NoBaseline = true
		s.render(w, r, http.StatusNotFound, "survey_compare", s.newView(w, r, title, d))
		return
	}
	// The report compares every line both rounds use, which the page
	// charts; the line asked for (the first by default) is shown in full.
	rep, err := s.Surveys.ComparisonReport(ctx, p, round.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	lines, picked, err := svPickLine(lang, rep.Lines, func(l ppisurvey.LineComparison) ppisurvey.LineInfo { return l.Line },
		r.URL.Query().Get("line"), "svc.err.line_absent")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Line, d.LineLabel, d.Lines = picked.Line.Code, picked.Line.Name(lang), lines
	d.Baseline, d.FollowUp = svRoundRateOf(lang, rep.Baseline, picked.Baseline), svRoundRateOf(lang, rep.FollowUp, picked.FollowUp)
	ch := picked.Change
	d.Difference, d.Low, d.High = ppisurvey.Points(lang, ch.Difference), ppisurvey.Points(lang, ch.Low), ppisurvey.Points(lang, ch.High)
	d.Households = ppisurvey.Households(lang, ch.Households)
	d.HouseLow, d.HouseHigh = ppisurvey.Households(lang, ch.HouseholdsLow), ppisurvey.Households(lang, ch.HouseholdsHigh)
	d.Population = i18n.Number(lang, int64(ch.Population))
	d.Confidence = ppisurvey.Percent(lang, ch.Confidence)
	d.Assumptions = ch.Assumptions
	d.Direction = ch.Direction()
	d.Charts = []template.HTML{svChart(rep.ChangeChart(lang)), svChart(rep.DifferenceChart(lang))}
	s.render(w, r, http.StatusOK, "survey_compare", s.newView(w, r, title, d))
}

// svRoundRateOf formats round's estimate e.
func svRoundRateOf(lang string, round ppisurvey.Round, e ppisurvey.RoundEstimate) svRoundRate {
	return svRoundRate{ID: round.ID, Name: round.Name, Rate: ppisurvey.Percent(lang, e.Rate.Rate),
		Low: ppisurvey.Percent(lang, e.Rate.Low), High: ppisurvey.Percent(lang, e.Rate.High),
		N: i18n.Number(lang, int64(e.Interviewed)), Population: i18n.Number(lang, int64(e.Population))}
}
