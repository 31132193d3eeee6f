package ppisurvey

import (
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/berdaya/berdaya/internal/chart"
	"github.com/berdaya/berdaya/internal/i18n"
	"github.com/berdaya/berdaya/internal/pdf"
	"github.com/berdaya/berdaya/internal/survey"
)

// repT returns i18n.T bound to lang.
func repT(lang string) func(string, ...any) string {
	return func(key string, args ...any) string { return i18n.T(lang, key, args...) }
}

// reportDoc starts a report's document: its title block and page furniture.
func reportDoc(lang, titleKey string, p printing, subtitle ...string) *pdf.Doc {
	t := repT(lang)
	return pdf.New(pdf.Options{
		Title:     t(titleKey),
		Subtitle:  append(subtitle, p.Org),
		Author:    p.Org,
		Lang:      lang,
		Footer:    t("svrep.printed", i18n.DateTime(p.Printed), p.PrintedBy),
		PageLabel: func(page, total int) string { return t("svrep.page", page, total) },
	})
}

// WritePDF prints the round's report in lang: the round's facts, the rate
// on every line with its interval and a chart of them, then for every line
// its score distribution, its rate per stratum and its breakdowns, and the
// method with its formulas.
func (rep RoundReport) WritePDF(w io.Writer, lang string) error {
	t := repT(lang)
	doc := reportDoc(lang, "svrep.title.round", rep.printing, rep.Round.Name, rep.Round.ScorecardName)
	doc.KeyValues(rep.facts(lang))
	doc.Heading(t("svrep.rates"))
	doc.Table(rep.rateColumns(lang), rep.rateRows(lang))
	doc.Chart(rep.RateChart(lang))
	for _, l := range rep.Lines {
		doc.PageBreak()
		doc.Heading(l.Line.Name(lang) + " (" + l.Line.Code + ")")
		doc.KeyValues([][2]string{
			{t("svp.rate"), Percent(lang, l.Rate.Rate)},
			{t("svp.interval", Percent(lang, l.Rate.Confidence)), Percent(lang, l.Rate.Low) + " – " + Percent(lang, l.Rate.High)},
			{t("svp.n"), i18n.Number(lang, int64(l.Interviewed))},
		})
		doc.Chart(ScoreChart(lang, l.Scores))
		if rep.Round.Method == Stratified {
			doc.Chart(rep.StratumChart(lang, l.RoundEstimate))
		}
		for _, b := range rep.Breakdowns(l.RoundEstimate) {
			doc.Table(breakdownColumns(lang, t(b.Title)), rep.breakdownRows(lang, b))
		}
	}
	doc.Heading(t("svrep.method"))
	doc.Paragraph(t("svp.method_note"))
	for _, p := range rep.formulas(lang) {
		doc.Paragraph(p)
	}
	return doc.Write(w)
}

// facts are the round's design and sample as label/value pairs.
func (rep RoundReport) facts(lang string) [][2]string {
	t, r := repT(lang), rep.Round
	method := t("ppisurvey.method." + r.Method)
	if r.Method == Stratified {
		method += " · " + t("svrep.strata_by") + " " + strings.ToLower(t("ppisurvey.strata."+r.StrataColumn)) +
			" · " + t("svrep.allocation") + " " + strings.ToLower(t("ppisurvey.allocation."+r.Allocation))
	}
	return [][2]string{
		{t("svp.round"), r.Name},
		{t("svp.scorecard"), r.ScorecardName},
		{t("svp.population"), t("ppisurvey.population." + r.Population)},
		{t("svrep.region"), rep.regionName(lang)},
		{t("svp.method"), method},
		{t("svp.seed"), strconv.FormatInt(r.Seed, 10)},
		{t("svp.drawn"), i18n.Date(r.DrawnAt)},
		{t("svp.population_size") + " (N)", i18n.Number(lang, int64(r.PopulationSize))},
		{t("svp.n"), rep.perLine(func(l LineEstimate) string { return i18n.Number(lang, int64(l.Interviewed)) })},
		{t("svc.confidence"), Percent(lang, r.Confidence)},
		{t("svrep.alpha"), rep.perLine(func(l LineEstimate) string { return alphaText(lang, l.Alpha) })},
	}
}

// regionName is the round's region by name when the caller named it.
func (rep RoundReport) regionName(lang string) string {
	if rep.Round.Region == "" {
		return i18n.T(lang, "scope.national")
	}
	return rep.Category(lang, ByRegency, rep.Round.Region)
}

// perLine is one value when every line has it, else "code: value" per line.
func (rep RoundReport) perLine(value func(LineEstimate) string) string {
	parts, same := make([]string, len(rep.Lines)), true
	for i, l := range rep.Lines {
		parts[i] = l.Line.Code + ": " + value(l)
		same = same && value(l) == value(rep.Lines[0])
	}
	if same && len(rep.Lines) > 0 {
		return value(rep.Lines[0])
	}
	return strings.Join(parts, "; ")
}

func alphaText(lang string, a float64) string {
	s := strconv.FormatFloat(a, 'g', -1, 64)
	if lang != "en" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

func (rep RoundReport) rateColumns(lang string) []pdf.Column {
	t := repT(lang)
	return []pdf.Column{
		{Title: t("svrep.col.line"), Width: 3.2},
		{Title: t("svp.rate"), Width: 1.3, Align: pdf.AlignRight},
		{Title: t("svp.interval", Percent(lang, rep.Round.Confidence)), Width: 2.2, Align: pdf.AlignCenter},
		{Title: "n", Width: 0.8, Align: pdf.AlignRight},
		{Title: "N", Width: 0.9, Align: pdf.AlignRight},
	}
}

func (rep RoundReport) rateRows(lang string) [][]string {
	rows := make([][]string, len(rep.Lines))
	for i, l := range rep.Lines {
		rows[i] = []string{l.Line.Name(lang) + " (" + l.Line.Code + ")", Percent(lang, l.Rate.Rate),
			Percent(lang, l.Rate.Low) + " – " + Percent(lang, l.Rate.High),
			i18n.Number(lang, int64(l.Interviewed)), i18n.Number(lang, int64(l.Population))}
	}
	return rows
}

// breakdownColumns head a breakdown's table; its title heads the first
// column, so a table needs no heading of its own.
func breakdownColumns(lang, title string) []pdf.Column {
	t := repT(lang)
	return []pdf.Column{
		{Title: title, Width: 3.8},
		{Title: t("svp.rate"), Width: 1.2, Align: pdf.AlignRight},
		{Title: t("svp.interval_short"), Width: 2, Align: pdf.AlignCenter},
		{Title: "n", Width: 0.7, Align: pdf.AlignRight},
		{Title: "N", Width: 0.7, Align: pdf.AlignRight},
	}
}

func (rep RoundReport) breakdownRows(lang string, b Breakdown) [][]string {
	rows := make([][]string, len(b.Rows))
	for i, g := range b.Rows {
		pop := "-"
		if g.Population > 0 {
			pop = i18n.Number(lang, int64(g.Population))
		}
		rows[i] = []string{rep.Category(lang, b.Column, g.Label), Percent(lang, g.Rate),
			Percent(lang, g.Low) + " – " + Percent(lang, g.High), i18n.Number(lang, int64(g.N)), pop}
	}
	return rows
}

// formulas state the method as implemented (internal/survey), briefly.
func (rep RoundReport) formulas(lang string) []string {
	t := repT(lang)
	out := []string{t("svrep.formula.rate"), t("svrep.formula.se")}
	if rep.Round.Method == Stratified {
		out = append(out, t("svrep.formula.stratified"))
	}
	return append(out, intervalFormula(lang, rep.Round.Confidence), t("svrep.formula.breakdown"))
}

// intervalFormula states the interval with the z of the confidence level.
func intervalFormula(lang string, confidence float64) string {
	return i18n.T(lang, "svrep.formula.interval", Percent(lang, confidence), zText(lang, confidence))
}

// zFormula states the z of the confidence level.
func zFormula(lang string, confidence float64) string {
	return i18n.T(lang, "svrep.formula.z", zText(lang, confidence), Percent(lang, confidence))
}

// zText is z for the confidence level with three decimals.
func zText(lang string, confidence float64) string {
	z, err := survey.ZForConfidence(confidence)
	if err != nil {
		return "-"
	}
	return repDecimal(lang, z, 3)
}

// WritePDF prints the comparison's report in lang: the two rounds, for
// every line both rates and the change with its interval and the net
// change in poor households, charts of both, the assumptions and formulas.
func (rep ComparisonReport) WritePDF(w io.Writer, lang string) error {
	t := repT(lang)
	doc := reportDoc(lang, "svrep.title.compare", rep.printing, t("svrep.from_to", rep.Baseline.Name, rep.FollowUp.Name), rep.FollowUp.ScorecardName)
	doc.KeyValues(rep.facts(lang))
	doc.Heading(t("svrep.rates_compare"))
	doc.Table(rep.columns(lang), rep.rows(lang))
	doc.Paragraph(t("svc.negative_note"))
	for _, l := range rep.Lines {
		// In words, per line, whether the interval shows a change at all.
		doc.Paragraph(l.Line.Name(lang) + ": " + t("svc.direction."+l.Change.Direction(), Percent(lang, l.Change.Confidence)))
	}
	doc.Chart(rep.ChangeChart(lang))
	doc.Chart(rep.DifferenceChart(lang))
	doc.Heading(t("svrep.assumptions"))
	bullets := make([]string, len(rep.assumptions()))
	for i, key := range rep.assumptions() {
		bullets[i] = "• " + t(key)
	}
	doc.Paragraph(strings.Join(bullets, "\n"))
	doc.Heading(t("svrep.method"))
	doc.Paragraph(t("svrep.formula.change"))
	doc.Paragraph(zFormula(lang, rep.FollowUp.Confidence))
	return doc.Write(w)
}

// assumptions are the comparison's assumption keys (the same for every line).
func (rep ComparisonReport) assumptions() []string {
	if len(rep.Lines) == 0 {
		return nil
	}
	return rep.Lines[0].Change.Assumptions
}

func (rep ComparisonReport) facts(lang string) [][2]string {
	t, b, f := repT(lang), rep.Baseline, rep.FollowUp
	n := func(r Round) string {
		parts := []string{}
		for _, l := range rep.Lines {
			e := l.Baseline
			if r.ID == f.ID {
				e = l.FollowUp
			}
			parts = append(parts, i18n.Number(lang, int64(e.Interviewed)))
		}
		return strings.Join(dedupRuns(parts), "; ")
	}
	return [][2]string{
		{t("svc.baseline"), b.Name + " · N " + i18n.Number(lang, int64(b.PopulationSize)) + " · n " + n(b)},
		{t("svrep.follow_up"), f.Name + " · N " + i18n.Number(lang, int64(f.PopulationSize)) + " · n " + n(f)},
		{t("svp.scorecard"), f.ScorecardName},
		{t("svc.population"), i18n.Number(lang, int64(f.PopulationSize))},
		{t("svc.confidence"), Percent(lang, f.Confidence)},
	}
}

// dedupRuns drops repeats of the value before, so that rounds whose every
// line has the same n print it once.
func dedupRuns(s []string) []string {
	var out []string
	for _, v := range s {
		if len(out) == 0 || out[len(out)-1] != v {
			out = append(out, v)
		}
	}
	return out
}

func (rep ComparisonReport) columns(lang string) []pdf.Column {
	t := repT(lang)
	return []pdf.Column{
		{Title: t("svrep.col.line"), Width: 2.4},
		{Title: rep.Baseline.Name, Width: 2, Align: pdf.AlignCenter},
		{Title: rep.FollowUp.Name, Width: 2, Align: pdf.AlignCenter},
		{Title: t("svrep.col.change_points"), Width: 2, Align: pdf.AlignCenter},
		{Title: t("svc.households"), Width: 2, Align: pdf.AlignCenter},
	}
}

// rows print each rate over its interval, the change over its interval.
func (rep ComparisonReport) rows(lang string) [][]string {
	rows := make([][]string, len(rep.Lines))
	rate := func(e RoundEstimate) string {
		return Percent(lang, e.Rate.Rate) + "\n" + Percent(lang, e.Rate.Low) + " – " + Percent(lang, e.Rate.High)
	}
	for i, l := range rep.Lines {
		ch := l.Change
		rows[i] = []string{l.Line.Name(lang) + " (" + l.Line.Code + ")", rate(l.Baseline), rate(l.FollowUp),
			Points(lang, ch.Difference) + "\n" + Points(lang, ch.Low) + " – " + Points(lang, ch.High),
			Households(lang, ch.Households) + "\n" + Households(lang, ch.HouseholdsLow) + " – " + Households(lang, ch.HouseholdsHigh)}
	}
	return rows
}

// DifferenceChart is the chart of the change in points on every line,
// with its interval; a fall is a bar to the left of zero.
func (rep ComparisonReport) DifferenceChart(lang string) chart.Chart {
	c := chart.Chart{Title: i18n.T(lang, "svrep.chart.change"), Axis: i18n.T(lang, "svrep.chart.interval", Percent(lang, rep.FollowUp.Confidence)),
		Horizontal: true, Empty: i18n.T(lang, "svrep.chart.empty")}
	lo, hi := 0.0, 0.0
	for _, l := range rep.Lines {
		lo, hi = math.Min(lo, l.Change.Low), math.Max(hi, l.Change.High)
	}
	c.Ticks = pointTicks(lo, hi)
	for _, l := range rep.Lines {
		ch, name := l.Change, l.Line.Name(lang)
		text := Points(lang, ch.Difference)
		c.Bars = append(c.Bars, chart.Bar{Label: name, Value: ch.Difference, Text: text, Interval: true, Low: ch.Low, High: ch.High,
			Note: name + ": " + text + " (" + Points(lang, ch.Low) + " – " + Points(lang, ch.High) + ")"})
	}
	return c
}

// pointTicks mark every 25 percentage points from below lo to above hi.
func pointTicks(lo, hi float64) []chart.Tick {
	var out []chart.Tick
	for v := math.Floor(lo*4) / 4; v <= math.Ceil(hi*4)/4+1e-9; v += 0.25 {
		n := int(math.Round(v * 100))
		text := strconv.Itoa(n)
		if n > 0 {
			text = "+" + text
		}
		out = append(out, chart.Tick{Value: v, Text: text})
	}
	return out
}
