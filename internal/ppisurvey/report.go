package ppisurvey

import (
	"context"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/chart"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/i18n"
	"github.com/berdaya/berdaya/internal/ppi"
	"github.com/berdaya/berdaya/internal/survey"
)

// LineInfo names a poverty line of a round's scorecard.
type LineInfo struct {
	Code    string `json:"code"`
	Label   string `json:"label"`    // the card's own (English) label
	LabelID string `json:"label_id"` // the Indonesian label
}

// Name is the line's label in lang, or its code when the card has none.
func (l LineInfo) Name(lang string) string {
	if lang == "id" && l.LabelID != "" {
		return l.LabelID
	}
	if l.Label != "" {
		return l.Label
	}
	return l.Code
}

// LineEstimate is a round's estimate on one of its lines.
type LineEstimate struct {
	Line LineInfo `json:"line"`
	RoundEstimate
}

// printing is who printed a report, and when (its footer).
type printing struct {
	Org       string    `json:"org"`
	PrintedBy string    `json:"printed_by"`
	Printed   time.Time `json:"printed"`
}

// RoundReport is everything a round's report prints: the round, its
// scorecard, and its estimate on every line of the round, in the round's
// order, each exactly as Estimates gives it.
type RoundReport struct {
	Round Round          `json:"round"`
	Lines []LineEstimate `json:"lines"`
	// Names are display names of breakdown categories by their code: the
	// round's groups and branches are named here; a caller that can name
	// regions (the web, through the region service) adds the districts' and
	// regencies' names, else their codes are printed.
	Names map[string]string `json:"names"`
	printing
}

// RoundReport gathers a round's report. Like Estimates, it needs a view of
// the whole round.
func (s *Service) RoundReport(ctx context.Context, p access.Principal, roundID string) (RoundReport, error) {
	r, err := s.GetRound(ctx, p, roundID)
	if err != nil {
		return RoundReport{}, err
	}
	rep := RoundReport{Round: r, Names: map[string]string{}, printing: s.printing(p)}
	infos, err := s.lineInfos(ctx, r)
	if err != nil {
		return rep, err
	}
	all, err := s.estimates(ctx, p, r.ID, r.Lines)
	if err != nil {
		return rep, err
	}
	for i, info := range infos {
		rep.Lines = append(rep.Lines, LineEstimate{Line: info, RoundEstimate: all[i]})
	}
	s.nameGroups(ctx, p, &rep)
	return rep, nil
}

// nameGroups names a group round's groups and the branches of its
// breakdowns; one that p cannot see keeps its code.
func (s *Service) nameGroups(ctx context.Context, p access.Principal, rep *RoundReport) {
	if rep.Round.Population != GroupMembers {
		return
	}
	for _, id := range rep.Round.GroupIDs {
		if det, err := s.groups.GetGroup(ctx, p, id); err == nil {
			rep.Names[id] = det.Group.Name
		}
	}
	for _, l := range rep.Lines {
		for _, g := range l.ByBranch {
			if _, ok := rep.Names[g.Label]; ok || g.Label == "" {
				continue
			}
			if det, err := s.programmes.GetUnit(ctx, p, g.Label); err == nil {
				rep.Names[g.Label] = det.Unit.Name
			}
		}
	}
}

func (s *Service) printing(p access.Principal) printing {
	return printing{Org: p.OrgName, PrintedBy: p.Username, Printed: s.clock()}
}

// lineInfos names the round's lines from its scorecard.
func (s *Service) lineInfos(ctx context.Context, r Round) ([]LineInfo, error) {
	card, err := s.cards.Get(ctx, r.ScorecardID)
	if err != nil && errs.CodeOf(err) != errs.NotFound {
		return nil, err
	}
	out := make([]LineInfo, len(r.Lines))
	for i, code := range r.Lines {
		out[i] = lineInfo(card, code)
	}
	return out, nil
}

func lineInfo(card ppi.Scorecard, code string) LineInfo {
	l, _ := card.Line(code)
	return LineInfo{Code: code, Label: l.Label, LabelID: l.LabelID}
}

// LineComparison is the comparison of two rounds on one line.
type LineComparison struct {
	Line LineInfo `json:"line"`
	Comparison
}

// ComparisonReport is everything a comparison's report prints: the
// baseline and follow-up rounds and, for every line both rounds use (in
// the follow-up's order), the comparison exactly as Compare gives it.
type ComparisonReport struct {
	Baseline Round            `json:"baseline"`
	FollowUp Round            `json:"follow_up"`
	Lines    []LineComparison `json:"lines"`
	printing
}

// ComparisonReport gathers the report comparing a follow-up round with its
// baseline round. A round without a baseline has nothing to compare: that
// is not found, as on the comparison page.
func (s *Service) ComparisonReport(ctx context.Context, p access.Principal, followUpID string) (ComparisonReport, error) {
	var rep ComparisonReport
	follow, err := s.GetRound(ctx, p, followUpID)
	if err != nil {
		return rep, err
	}
	if follow.BaselineID == "" {
		return rep, errs.New(errs.NotFound, "svc.no_baseline")
	}
	base, err := s.GetRound(ctx, p, follow.BaselineID)
	if err != nil {
		return rep, err
	}
	rep = ComparisonReport{Baseline: base, FollowUp: follow, printing: s.printing(p)}
	infos, err := s.lineInfos(ctx, follow)
	if err != nil {
		return rep, err
	}
	var shared []string
	var sharedInfos []LineInfo
	for _, info := range infos {
		if base.HasLine(info.Code) {
			shared, sharedInfos = append(shared, info.Code), append(sharedInfos, info)
		}
	}
	if len(shared) == 0 {
		return rep, errs.New(errs.Invalid, "svrep.err.no_shared_line")
	}
	all, err := s.compare(ctx, p, base.ID, follow.ID, shared)
	if err != nil {
		return rep, err
	}
	for i, info := range sharedInfos {
		rep.Lines = append(rep.Lines, LineComparison{Line: info, Comparison: all[i]})
	}
	return rep, nil
}

// ---- what both report formats share ----

// Category names a breakdown category in lang: a region, group or branch
// by the report's names, the sex of the head by the catalogue, "" as no
// branch (for branches) or unknown.
func (rep RoundReport) Category(lang, column, code string) string {
	switch {
	case code == "" && column == ByBranch:
		return i18n.T(lang, "svp.no_branch")
	case code == "":
		return i18n.T(lang, "svp.unknown")
	case column == ByHeadSex:
		return i18n.T(lang, "sex."+code)
	}
	if n, ok := rep.Names[code]; ok && n != "" {
		return n
	}
	return code
}

// Breakdown is one breakdown of a line's estimate: its title key, the
// column it splits by and its categories' estimates.
type Breakdown struct {
	Title  string // message key
	Column string
	Rows   []survey.GroupEstimate
}

// Breakdowns lists a line's breakdowns in the order the pages show them:
// by stratum (stratified rounds), district, group (group rounds), branch
// (group rounds with branches) and sex of the head.
func (rep RoundReport) Breakdowns(e RoundEstimate) []Breakdown {
	var out []Breakdown
	if rep.Round.Method == Stratified {
		out = append(out, Breakdown{"svp.by_stratum", rep.Round.StrataColumn, e.Strata})
	}
	out = append(out, Breakdown{"svp.by_district", ByDistrict, e.ByDistrict})
	if len(e.ByGroup) > 0 {
		out = append(out, Breakdown{"svp.by_group", ByGroup, e.ByGroup})
	}
	if len(e.ByBranch) > 0 {
		out = append(out, Breakdown{"svp.by_branch", ByBranch, e.ByBranch})
	}
	return append(out, Breakdown{"svp.by_head_sex", ByHeadSex, e.ByHeadSex})
}

// rateTicks mark 0, 25, 50, 75 and 100% on a rate chart.
func rateTicks() []chart.Tick {
	var out []chart.Tick
	for _, v := range []float64{0, 0.25, 0.5, 0.75, 1} {
		out = append(out, chart.Tick{Value: v, Text: strconv.Itoa(int(v*100)) + "%"})
	}
	return out
}

// rateBar is a bar of a rate chart: the rate with its interval.
func rateBar(lang, label string, e survey.Estimate, series int) chart.Bar {
	return chart.Bar{Label: label, Value: e.Rate, Text: Percent(lang, e.Rate), Interval: true, Low: e.Low, High: e.High, Series: series,
		Note: label + ": " + Percent(lang, e.Rate) + " (" + Percent(lang, e.Low) + " – " + Percent(lang, e.High) + ")"}
}

// RateChart is the chart of the round's rate on every line, each with its
// interval, on the whole 0–100% scale.
func (rep RoundReport) RateChart(lang string) chart.Chart {
	c := chart.Chart{Title: i18n.T(lang, "svrep.chart.lines"), Axis: rep.intervalCaption(lang), Horizontal: true, Max: 1,
		Ticks: rateTicks(), Empty: i18n.T(lang, "svrep.chart.empty")}
	for _, l := range rep.Lines {
		c.Bars = append(c.Bars, rateBar(lang, l.Line.Name(lang), l.Rate, 0))
	}
	return c
}

// intervalCaption says what the error bars are: "Garis hitam: selang
// kepercayaan 90,0%".
func (rep RoundReport) intervalCaption(lang string) string {
	return i18n.T(lang, "svrep.chart.interval", Percent(lang, rep.Round.Confidence))
}

// StratumChart is the chart of a line's rate per stratum with intervals;
// it has no bars unless the round is stratified.
func (rep RoundReport) StratumChart(lang string, e RoundEstimate) chart.Chart {
	c := chart.Chart{Title: i18n.T(lang, "svrep.chart.strata"), Axis: rep.intervalCaption(lang), Horizontal: true, Max: 1,
		Ticks: rateTicks(), Empty: i18n.T(lang, "svrep.chart.empty")}
	for _, g := range e.Strata {
		c.Bars = append(c.Bars, rateBar(lang, rep.Category(lang, rep.Round.StrataColumn, g.Label), g.Estimate, 0))
	}
	return c
}

// ScoreChart is the chart of a score distribution: households per band of
// five points, the lower bound of the band under its column.
func ScoreChart(lang string, bands []survey.Band) chart.Chart {
	c := chart.Chart{Title: i18n.T(lang, "svp.chart_title"), Axis: i18n.T(lang, "svp.chart_axis"), Empty: i18n.T(lang, "svrep.chart.empty")}
	for _, b := range bands {
		n := i18n.Number(lang, int64(b.Count))
		text := n
		if b.Count == 0 {
			text = ""
		}
		// The label names the whole band ("60–64"), so a score of 63 is not
		// read as 60 from a bar centred over its lower bound.
		c.Bars = append(c.Bars, chart.Bar{Label: strconv.Itoa(b.Low) + "–" + strconv.Itoa(b.High), Value: float64(b.Count), Text: text,
			Note: strconv.Itoa(b.Low) + "–" + strconv.Itoa(b.High) + ": " + n})
	}
	return c
}

// ChangeChart is the chart of a comparison: the baseline's and the
// follow-up's rate on every line, each with its interval.
func (rep ComparisonReport) ChangeChart(lang string) chart.Chart {
	c := chart.Chart{Title: i18n.T(lang, "svrep.chart.compare"), Axis: i18n.T(lang, "svrep.chart.interval", Percent(lang, rep.FollowUp.Confidence)),
		Horizontal: true, Max: 1, Ticks: rateTicks(), Legend: []string{rep.Baseline.Name, rep.FollowUp.Name},
		Empty: i18n.T(lang, "svrep.chart.empty")}
	for _, l := range rep.Lines {
		name := l.Line.Name(lang)
		c.Bars = append(c.Bars, rateBar(lang, name+" · "+rep.Baseline.Name, l.Baseline.Rate, 0),
			rateBar(lang, name+" · "+rep.FollowUp.Name, l.FollowUp.Rate, 1))
	}
	return c
}

// ---- number formats of the reports (the pages use the same ones) ----

// Percent formats a fraction as a percentage with one decimal in lang's
// number format: 0.4542 → "45,4%" (id), "45.4%" (en).
func Percent(lang string, f float64) string {
	return repDecimal(lang, f*100, 1) + "%"
}

// Points formats a difference of fractions in percentage points with one
// decimal and its sign: -0.2544 → "-25,4" (id), 0.065 → "+6.5" (en).
func Points(lang string, f float64) string {
	v := math.Round(f*1000) / 10
	if v == 0 {
		v = 0 // no "-0,0"
	}
	s := repDecimal(lang, v, 1)
	if v > 0 {
		s = "+" + s
	}
	return s
}

// Households rounds a number of households to a whole one, with its sign:
// -5.09 → "-5", 1.31 → "+1", 1234.6 → "+1.235" (id).
func Households(lang string, f float64) string {
	n := int64(math.Round(f))
	s := i18n.Number(lang, n)
	if n > 0 {
		s = "+" + s
	}
	return s
}

// repDecimal formats f with places decimals and lang's decimal separator.
func repDecimal(lang string, f float64, places int) string {
	s := strconv.FormatFloat(f, 'f', places, 64)
	if lang != "en" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}
