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
	line := r.URL.Query().Get("line")
	if line == "" && len(round.Lines) > 0 {
		line = round.Lines[0]
	}
	d.Line, d.LineLabel = line, line
	card, cardErr := s.PPI.Get(ctx, round.ScorecardID)
	for _, l := range round.Lines {
		c := svLineChoice{Code: l, Label: l, Current: l == line}
		if cardErr == nil {
			c.Label = svLineLabel(lang, card, l)
		}
		if c.Current {
			d.LineLabel = c.Label
		}
		d.Lines = append(d.Lines, c)
	}
	c, err := s.Surveys.Compare(ctx, p, round.BaselineID, round.ID, line)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Baseline = svRoundRateOf(lang, c.Baseline)
	d.Baseline.Name = round.BaselineID
	if b, err := s.Surveys.GetRound(ctx, p, round.BaselineID); err == nil {
		d.Baseline.Name = b.Name
	}
	d.FollowUp = svRoundRateOf(lang, c.FollowUp)
	d.FollowUp.Name = round.Name
	ch := c.Change
	d.Difference, d.Low, d.High = svPoints(lang, ch.Difference), svPoints(lang, ch.Low), svPoints(lang, ch.High)
	d.Households, d.HouseLow, d.HouseHigh = svHouseholds(lang, ch.Households), svHouseholds(lang, ch.HouseholdsLow), svHouseholds(lang, ch.HouseholdsHigh)
	d.Population = i18n.Number(lang, int64(ch.Population))
	d.Confidence = svPercent(lang, ch.Confidence)
	d.Assumptions = ch.Assumptions
	d.Direction = ch.Direction()
	rep, err := s.Surveys.ComparisonReport(ctx, p, round.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Charts = []template.HTML{svChart(rep.ChangeChart(lang)), svChart(rep.DifferenceChart(lang))}
	s.render(w, r, http.StatusOK, "survey_compare", s.newView(w, r, title, d))
}

func svRoundRateOf(lang string, e ppisurvey.RoundEstimate) svRoundRate {
	return svRoundRate{ID: e.RoundID, Rate: svPercent(lang, e.Rate.Rate), Low: svPercent(lang, e.Rate.Low), High: svPercent(lang, e.Rate.High),
		N: i18n.Number(lang, int64(e.Interviewed)), Population: i18n.Number(lang, int64(e.Population))}
}

// svPoints formats a difference of fractions in percentage points with its
// sign, as the reports do: -0.2544 → "-25,4" (id), 0.065 → "+6.5" (en).
func svPoints(lang string, f float64) string { return ppisurvey.Points(lang, f) }

// svHouseholds rounds a number of households to a whole one with its sign,
// as the reports do: -5.09 → "-5", 1234.6 → "+1.235" (id).
func svHouseholds(lang string, f float64) string { return ppisurvey.Households(lang, f) }
