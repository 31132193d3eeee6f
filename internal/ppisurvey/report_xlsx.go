package ppisurvey

import (
	"io"
	"strconv"

	"github.com/berdaya/berdaya/internal/i18n"
	"github.com/berdaya/berdaya/internal/survey"
	"github.com/xuri/excelize/v2"
)

// The workbooks are written with excelize itself rather than internal/xlsx,
// whose Writer streams text cells only (right for identifiers, wrong here):
// a report's rates must be numbers a user can compute with, shown as
// percentages by the cell's format, and its charts must be Excel's own.

// Number formats of the report cells (Excel shows the user's own decimal
// separator, so one format serves both languages).
const (
	fmtPercent    = "0.0%"
	fmtChange     = "+0.0%;-0.0%;0.0%"
	fmtHouseholds = "+#,##0;-#,##0;0"
	fmtWeight     = "0.000"
	fmtSE         = "0.0000"
)

// xcell is a value written with a style; a plain value is written as it is
// (strings as text, numbers as numbers).
type xcell struct {
	v     any
	style int
}

// xbook is a report workbook being written. The first error stops every
// later call and is returned by write.
type xbook struct {
	f                                 *excelize.File
	t                                 func(string, ...any) string
	head, title, pct, chg, hh, wt, se int
	text                              int
	sheets                            int
	err                               error
}

func newXBook(lang string) *xbook {
	b := &xbook{f: excelize.NewFile(), t: repT(lang)}
	style := func(s *excelize.Style) int {
		id, err := b.f.NewStyle(s)
		b.fail(err)
		return id
	}
	custom := func(code string) *excelize.Style { return &excelize.Style{CustomNumFmt: &code} }
	b.head = style(&excelize.Style{Font: &excelize.Font{Bold: true}})
	b.title = style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	b.pct, b.chg, b.hh = style(custom(fmtPercent)), style(custom(fmtChange)), style(custom(fmtHouseholds))
	b.wt, b.se = style(custom(fmtWeight)), style(custom(fmtSE))
	b.text = style(&excelize.Style{NumFmt: 49})
	return b
}

func (b *xbook) fail(err error) {
	if b.err == nil && err != nil {
		b.err = err
	}
}

// sheet adds a sheet named by a message key (the first renames Sheet1).
func (b *xbook) sheet(key string) string {
	name := b.t(key)
	if b.sheets == 0 {
		b.fail(b.f.SetSheetName("Sheet1", name))
	} else {
		_, err := b.f.NewSheet(name)
		b.fail(err)
	}
	b.sheets++
	b.printable(name)
	return name
}

// printable prints the sheet on landscape A4 pages, one page wide, so that
// a table and the chart beside it are printed together.
func (b *xbook) printable(sheet string) {
	landscape, size, wide, tall, fit := "landscape", 9, 1, 0, true
	b.fail(b.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &landscape, Size: &size, FitToWidth: &wide, FitToHeight: &tall}))
	b.fail(b.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}))
}

// put writes cells into row r from column A.
func (b *xbook) put(sheet string, r int, cells ...any) {
	for i, c := range cells {
		if b.err != nil {
			return
		}
		ref, err := excelize.CoordinatesToCellName(i+1, r)
		b.fail(err)
		v, style := c, 0
		if sc, ok := c.(xcell); ok {
			v, style = sc.v, sc.style
		}
		b.fail(b.f.SetCellValue(sheet, ref, v))
		if style != 0 {
			b.fail(b.f.SetCellStyle(sheet, ref, ref, style))
		}
	}
}

// header writes a bold row.
func (b *xbook) header(sheet string, r int, titles ...string) {
	cells := make([]any, len(titles))
	for i, s := range titles {
		cells[i] = xcell{s, b.head}
	}
	b.put(sheet, r, cells...)
}

// widths sets the widths of the first columns.
func (b *xbook) widths(sheet string, w ...float64) {
	for i, v := range w {
		col, err := excelize.ColumnNumberToName(i + 1)
		b.fail(err)
		b.fail(b.f.SetColWidth(sheet, col, col, v))
	}
}

// facts writes label/value rows from row r and returns the next free row.
func (b *xbook) facts(sheet string, r int, rows [][2]any) int {
	for _, f := range rows {
		b.put(sheet, r, xcell{f[0], b.head}, f[1])
		r++
	}
	return r + 1
}

// notes writes paragraphs one a row in column A from row r.
func (b *xbook) notes(sheet string, r int, heading string, lines ...string) int {
	b.put(sheet, r, xcell{heading, b.head})
	for i, l := range lines {
		b.put(sheet, r+1+i, l)
	}
	return r + len(lines) + 2
}

// xref is an absolute range on sheet, as charts need it: 'Sheet'!$C$2:$C$5.
func xref(sheet string, col1, row1, col2, row2 int) string {
	a, _ := excelize.CoordinatesToCellName(col1, row1, true)
	z, _ := excelize.CoordinatesToCellName(col2, row2, true)
	return "'" + sheet + "'!" + a + ":" + z
}

// chart adds a chart at cell.
func (b *xbook) chart(sheet, at string, c *excelize.Chart) {
	if b.err == nil {
		b.fail(b.f.AddChart(sheet, at, c))
	}
}

// write finishes the workbook into w.
func (b *xbook) write(w io.Writer) error {
	defer b.f.Close()
	if b.err != nil {
		return b.err
	}
	b.f.SetActiveSheet(0)
	_, err := b.f.WriteTo(w)
	return err
}

func xchartTitle(s string) excelize.ChartTitle {
	return excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: s}}}
}

// xrateAxis is a value axis from 0 to 100% in steps of 25.
func xrateAxis() excelize.ChartAxis {
	lo, hi := 0.0, 1.0
	return excelize.ChartAxis{Minimum: &lo, Maximum: &hi, MajorUnit: 0.25, MajorGridLines: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0%"}}
}

// WriteXLSX writes the round's report in lang as a workbook: a summary
// sheet (the round's facts, every line's rate with its interval, the
// method, and a chart of the rate per line with its interval), a sheet of
// breakdowns and a sheet of score distributions with its chart. Rates are
// fractions formatted as percentages.
func (rep RoundReport) WriteXLSX(w io.Writer, lang string) error {
	b := newXBook(lang)
	rep.summarySheet(b, lang)
	rep.breakdownSheet(b, lang)
	rep.scoreSheet(b, lang)
	return b.write(w)
}

func (rep RoundReport) summarySheet(b *xbook, lang string) {
	t, r := b.t, rep.Round
	s := b.sheet("svrep.sheet.summary")
	b.widths(s, 34, 36, 11, 11, 11, 11, 8, 8, 12, 12)
	b.put(s, 1, xcell{t("svrep.title.round"), b.title})
	method := t("ppisurvey.method." + r.Method)
	if r.Method == Stratified {
		method += " · " + t("svrep.strata_by") + " " + t("ppisurvey.strata."+r.StrataColumn) + " · " + t("svrep.allocation") + " " + t("ppisurvey.allocation."+r.Allocation)
	}
	row := b.facts(s, 3, [][2]any{
		{t("svp.round"), r.Name},
		{t("svp.scorecard"), r.ScorecardName},
		{t("svp.population"), t("ppisurvey.population." + r.Population)},
		{t("svrep.region"), rep.regionName(lang)},
		{t("svp.method"), method},
		{t("svp.seed"), xcell{strconv.FormatInt(r.Seed, 10), b.text}}, // up to 19 digits: text, or Excel rounds it
		{t("svp.drawn"), i18n.Date(r.DrawnAt)},
		{t("svp.population_size") + " (N)", r.PopulationSize},
		{t("svc.confidence"), xcell{r.Confidence, b.pct}},
	})
	first := row + 1
	b.header(s, row, t("svrep.col.code"), t("svrep.col.line"), t("svp.rate"), t("svrep.col.low"), t("svrep.col.high"), t("svrep.col.se"), "n", "N", t("svrep.col.alpha"), t("svc.confidence"))
	for i, l := range rep.Lines {
		e := l.Rate
		b.put(s, first+i, l.Line.Code, l.Line.Name(lang), xcell{e.Rate, b.pct}, xcell{e.Low, b.pct}, xcell{e.High, b.pct}, xcell{e.SE, b.se},
			l.Interviewed, l.Population, l.Alpha, xcell{e.Confidence, b.pct})
	}
	last := first + len(rep.Lines) - 1
	b.notes(s, last+2, t("svrep.method"), append([]string{t("svp.method_note")}, rep.formulas(lang)...)...)
	if len(rep.Lines) > 0 {
		b.chart(s, "L3", xrateChart(t("svrep.chart.lines"), s, first, last, 3, 4, 5))
	}
}

// xrateChart is a native chart of rates with their intervals, one
// category per row from first to last (categories in column 2): Excel's
// high-low-close chart, whose high-low line is the interval and whose
// close marker is the rate (excelize writes no error bars).
func xrateChart(title, sheet string, first, last, rateCol, lowCol, highCol int) *excelize.Chart {
	series := func(col int, symbol string, colour string) excelize.ChartSeries {
		fill := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colour}}
		return excelize.ChartSeries{Name: xref(sheet, col, first-1, col, first-1), Categories: xref(sheet, 2, first, 2, last),
			Values: xref(sheet, col, first, col, last), Line: excelize.LineOptions{Type: excelize.LineNone},
			Marker: excelize.ChartMarker{Symbol: symbol, Size: 9, Fill: fill, Border: excelize.LineOptions{Type: excelize.LineSolid, Fill: fill}}}
	}
	return &excelize.Chart{
		Type:  excelize.StockHighLowClose,
		Title: xchartTitle(title),
		Series: []excelize.ChartSeries{series(highCol, "dash", "101828"), series(lowCol, "dash", "101828"),
			series(rateCol, "circle", "0F766E")},
		XAxis:     excelize.ChartAxis{HighLowLines: true},
		YAxis:     xrateAxis(),
		Legend:    excelize.ChartLegend{Position: "bottom"},
		Dimension: excelize.ChartDimension{Width: 560, Height: 320},
	}
}

func (rep RoundReport) breakdownSheet(b *xbook, lang string) {
	t := b.t
	s := b.sheet("svrep.sheet.breakdowns")
	b.widths(s, 14, 30, 34, 28, 14, 11, 11, 11, 8, 8, 9)
	b.header(s, 1, t("svrep.col.code"), t("svrep.col.line"), t("svrep.col.breakdown"), t("svrep.col.category"), t("svrep.col.code"),
		t("svp.rate"), t("svrep.col.low"), t("svrep.col.high"), "n", "N", t("svrep.col.weight"))
	row := 2
	for _, l := range rep.Lines {
		for _, bd := range rep.Breakdowns(l.RoundEstimate) {
			for _, g := range bd.Rows {
				var pop any = g.Population
				if g.Population == 0 {
					pop = nil
				}
				b.put(s, row, l.Line.Code, l.Line.Name(lang), t(bd.Title), rep.Category(lang, bd.Column, g.Label), xcell{g.Label, b.text},
					xcell{g.Rate, b.pct}, xcell{g.Low, b.pct}, xcell{g.High, b.pct}, g.N, pop, xcell{g.Weight, b.wt})
				row++
			}
		}
	}
}

func (rep RoundReport) scoreSheet(b *xbook, lang string) {
	names, counts := []string{}, [][]int{}
	for _, l := range rep.Lines {
		names = append(names, l.Line.Name(lang)+" ("+l.Line.Code+")")
		counts = append(counts, xbandCounts(l.RoundEstimate))
	}
	var bands []xbandRow
	if len(rep.Lines) > 0 {
		bands = xbandRows(rep.Lines[0].Scores)
	}
	b.scoreSheet(bands, names, counts)
}

// xbandRow is a score band's bounds.
type xbandRow struct{ low, high int }

func xbandRows(e []survey.Band) []xbandRow {
	out := make([]xbandRow, len(e))
	for i, x := range e {
		out[i] = xbandRow{x.Low, x.High}
	}
	return out
}

func xbandCounts(e RoundEstimate) []int {
	out := make([]int, len(e.Scores))
	for i, x := range e.Scores {
		out[i] = x.Count
	}
	return out
}

// scoreSheet writes households per score band, one column per series, and
// a clustered column chart of them.
func (b *xbook) scoreSheet(bands []xbandRow, names []string, counts [][]int) {
	t := b.t
	s := b.sheet("svrep.sheet.scores")
	widths := []float64{11, 11, 13}
	for range names {
		widths = append(widths, 30)
	}
	b.widths(s, widths...)
	head := []string{t("svrep.col.band_low"), t("svrep.col.band_high"), t("svrep.col.band")}
	b.header(s, 1, append(head, names...)...)
	for i, band := range bands {
		cells := []any{band.low, band.high, strconv.Itoa(band.low) + "–" + strconv.Itoa(band.high)}
		for _, c := range counts {
			if i < len(c) {
				cells = append(cells, c[i])
			}
		}
		b.put(s, i+2, cells...)
	}
	if len(bands) == 0 || len(names) == 0 {
		return
	}
	last := len(bands) + 1
	c := &excelize.Chart{Type: excelize.Col, Title: xchartTitle(t("svp.chart_title")), Legend: excelize.ChartLegend{Position: "bottom"},
		XAxis:     excelize.ChartAxis{Title: xchartTitle(t("svp.chart_axis"))},
		YAxis:     excelize.ChartAxis{MajorGridLines: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0"}},
		Dimension: excelize.ChartDimension{Width: 640, Height: 340}}
	for i := range names {
		col := 4 + i
		c.Series = append(c.Series, excelize.ChartSeries{Name: xref(s, col, 1, col, 1), Categories: xref(s, 3, 2, 3, last), Values: xref(s, col, 2, col, last)})
	}
	cellRef, _ := excelize.CoordinatesToCellName(5+len(names), 2)
	b.chart(s, cellRef, c)
}

// WriteXLSX writes the comparison's report in lang as a workbook: a
// summary sheet (both rounds, every line's rates, change and net change in
// households with their intervals, the assumptions and the method, and a
// chart of both rates per line) and a sheet of both rounds' score
// distributions with its chart.
func (rep ComparisonReport) WriteXLSX(w io.Writer, lang string) error {
	b := newXBook(lang)
	rep.summarySheet(b, lang)
	names, counts := []string{}, [][]int{}
	for _, l := range rep.Lines {
		for _, e := range []RoundEstimate{l.Baseline, l.FollowUp} {
			name := rep.Baseline.Name
			if e.RoundID == rep.FollowUp.ID {
				name = rep.FollowUp.Name
			}
			names = append(names, l.Line.Code+" · "+name)
			counts = append(counts, xbandCounts(e))
		}
	}
	var bands []xbandRow
	if len(rep.Lines) > 0 {
		bands = xbandRows(rep.Lines[0].FollowUp.Scores)
	}
	b.scoreSheet(bands, names, counts)
	return b.write(w)
}

func (rep ComparisonReport) summarySheet(b *xbook, lang string) {
	t, bl, f := b.t, rep.Baseline, rep.FollowUp
	s := b.sheet("svrep.sheet.summary")
	b.widths(s, 34, 36, 11, 11, 11, 8, 8, 11, 11, 11, 8, 8, 11, 11, 11, 10, 11, 11, 11)
	b.put(s, 1, xcell{t("svrep.title.compare"), b.title})
	row := b.facts(s, 3, [][2]any{
		{t("svc.baseline"), bl.Name},
		{t("svrep.follow_up"), f.Name},
		{t("svp.scorecard"), f.ScorecardName},
		{t("svc.population"), f.PopulationSize},
		{t("svc.confidence"), xcell{f.Confidence, b.pct}},
	})
	// Two header rows: the group (baseline, follow-up, change) over its columns.
	b.put(s, row, "", "", xcell{bl.Name, b.head}, "", "", "", "", xcell{f.Name, b.head}, "", "", "", "", xcell{t("svrep.col.change"), b.head},
		"", "", "", xcell{t("svc.households"), b.head})
	rate := []string{t("svp.rate"), t("svrep.col.low"), t("svrep.col.high"), "n", "N"}
	head := append([]string{t("svrep.col.code"), t("svrep.col.line")}, rate...)
	head = append(append(head, rate...), t("svrep.col.change"), t("svrep.col.low"), t("svrep.col.high"), t("svrep.col.se"),
		t("svrep.col.households"), t("svrep.col.low"), t("svrep.col.high"))
	b.header(s, row+1, head...)
	first := row + 2
	for i, l := range rep.Lines {
		ch := l.Change
		cells := []any{l.Line.Code, l.Line.Name(lang)}
		for _, e := range []RoundEstimate{l.Baseline, l.FollowUp} {
			cells = append(cells, xcell{e.Rate.Rate, b.pct}, xcell{e.Rate.Low, b.pct}, xcell{e.Rate.High, b.pct}, e.Interviewed, e.Population)
		}
		cells = append(cells, xcell{ch.Difference, b.chg}, xcell{ch.Low, b.chg}, xcell{ch.High, b.chg}, xcell{ch.SE, b.se},
			xcell{ch.Households, b.hh}, xcell{ch.HouseholdsLow, b.hh}, xcell{ch.HouseholdsHigh, b.hh})
		b.put(s, first+i, cells...)
	}
	last := first + len(rep.Lines) - 1
	next := b.notes(s, last+2, t("svc.negative_note"))
	assume := []string{}
	for _, key := range rep.assumptions() {
		assume = append(assume, t(key))
	}
	next = b.notes(s, next, t("svrep.assumptions"), assume...)
	next = b.notes(s, next, t("svrep.method"), t("svrep.formula.change"), zFormula(lang, f.Confidence))
	if len(rep.Lines) > 0 { // under the notes: the table is too wide to stand beside
		b.chart(s, "B"+strconv.Itoa(next), xcompareChart(t("svrep.chart.compare"), s, first, last))
	}
}

// xcompareChart is a clustered column chart of the baseline's and the
// follow-up's rate on every line.
func xcompareChart(title, sheet string, first, last int) *excelize.Chart {
	series := func(col int) excelize.ChartSeries {
		return excelize.ChartSeries{Name: xref(sheet, col, first-2, col, first-2), Categories: xref(sheet, 2, first, 2, last), Values: xref(sheet, col, first, col, last)}
	}
	return &excelize.Chart{Type: excelize.Col, Title: xchartTitle(title), Series: []excelize.ChartSeries{series(3), series(8)},
		YAxis: xrateAxis(), Legend: excelize.ChartLegend{Position: "bottom"}, Dimension: excelize.ChartDimension{Width: 560, Height: 320}}
}
