package pdf

import (
	"github.com/berdaya/berdaya/internal/chart"
)

// Charts are laid out by internal/chart in its units and drawn here scaled
// so that a chart's font size (13 units) prints at about 8.5 points, a
// little smaller than table text, as figures usually are.
const (
	chartFontUnits = 13.0
	chartMM        = 3.0 / chartFontUnits // millimetres per layout unit (8.5 pt ≈ 3 mm)
	ptPerMM        = 72 / 25.4
)

// Chart adds a bar chart across the content width, under its title in bold.
// The title and the chart stay together on one page. The chart's texts are
// measured with the printed font, so labels cut or skipped by the layout
// are exactly those that would not fit.
func (d *Doc) Chart(c chart.Chart) {
	d.add(func(r *renderer) {
		w := r.contentWidth() / chartMM
		l := chart.Lay(c, chart.Options{Width: w, FontSize: chartFontUnits, Measure: r.chartMeasure})
		title := []string(nil)
		if c.Title != "" {
			r.font("B", sizeBody)
			title = r.lines(c.Title, r.contentWidth())
		}
		r.need(float64(len(title))*lineBody + l.Height*chartMM)
		if title != nil {
			r.font("B", sizeBody)
			r.writeLines(marginLeft, r.contentWidth(), lineBody, title, "L")
		}
		r.drawChart(l, marginLeft, r.f.GetY())
		r.f.SetY(r.f.GetY() + l.Height*chartMM)
		r.space(blockGap)
	})
}

// chartMeasure measures text in layout units with the core font.
func (r *renderer) chartMeasure(s string, size float64) float64 {
	r.f.SetFont(fontFamily, "", size*chartMM*ptPerMM)
	return r.f.GetStringWidth(r.text(s)) / chartMM
}

// drawChart draws a laid-out chart with its top left corner at x, y.
func (r *renderer) drawChart(l chart.Layout, x, y float64) {
	at := func(ux, uy float64) (float64, float64) { return x + ux*chartMM, y + uy*chartMM }
	for _, s := range l.Grid {
		r.chartLine(s, at, chart.GridColour, 0.2)
	}
	for _, b := range l.Bars {
		r.chartRect(b.Rect, at, chart.SeriesColour(b.Series))
	}
	for _, s := range l.Axis {
		r.chartLine(s, at, chart.AxisColour, 0.25)
	}
	for _, b := range l.Bars {
		for _, s := range b.Error {
			r.chartLine(s, at, chart.ErrorColour, 0.35)
		}
	}
	for _, s := range l.Swatches {
		r.chartRect(s.Rect, at, chart.SeriesColour(s.Series))
	}
	for _, t := range l.Texts {
		r.chartText(t, at)
	}
	r.f.SetTextColor(0, 0, 0)
	r.f.SetDrawColor(0, 0, 0)
}

func (r *renderer) chartRect(b chart.Rect, at func(float64, float64) (float64, float64), c chart.RGB) {
	if b.W <= 0 || b.H <= 0 {
		return
	}
	px, py := at(b.X, b.Y)
	r.f.SetFillColor(int(c.R), int(c.G), int(c.B))
	r.f.Rect(px, py, b.W*chartMM, b.H*chartMM, "F")
}

func (r *renderer) chartLine(s chart.Segment, at func(float64, float64) (float64, float64), c chart.RGB, width float64) {
	x1, y1 := at(s.X1, s.Y1)
	x2, y2 := at(s.X2, s.Y2)
	r.f.SetDrawColor(int(c.R), int(c.G), int(c.B))
	r.f.SetLineWidth(width)
	r.f.Line(x1, y1, x2, y2)
}

// chartText prints a text at its baseline, anchored as laid out.
func (r *renderer) chartText(t chart.Text, at func(float64, float64) (float64, float64)) {
	c, style := chart.Ink, ""
	switch t.Role {
	case chart.RoleTick, chart.RoleAxis, chart.RoleEmpty:
		c = chart.Muted
	case chart.RoleValue:
		style = "B"
	}
	r.f.SetFont(fontFamily, style, t.Size*chartMM*ptPerMM)
	r.f.SetTextColor(int(c.R), int(c.G), int(c.B))
	s := r.text(t.S)
	px, py := at(t.X, t.Y)
	switch t.Anchor {
	case chart.Middle:
		px -= r.f.GetStringWidth(s) / 2
	case chart.End:
		px -= r.f.GetStringWidth(s)
	}
	r.f.Text(px, py, s)
}
