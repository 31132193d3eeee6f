package chart

import "math"

// Options size a layout.
type Options struct {
	// Width of the chart in layout units; 0 means 320, which a phone shows
	// at about 300 px, so that a font size of 14 reads as about 13 px.
	Width float64
	// FontSize of labels and values in layout units; 0 means 14.
	FontSize float64
	// Measure measures text; nil means EstimateWidth.
	Measure Measure
}

// Anchor is where a text stands relative to its x.
type Anchor int

// Text anchors.
const (
	Start  Anchor = iota // x is the text's left end
	Middle               // x is its centre
	End                  // x is its right end
)

// Role says what a text is, which sets its colour and weight.
type Role int

// Text roles.
const (
	RoleLabel  Role = iota // a bar's category
	RoleValue              // a bar's value as shown
	RoleTick               // a tick's text
	RoleAxis               // the axis caption
	RoleLegend             // a legend entry
	RoleEmpty              // the text of an empty chart
)

// Text is a text placed on the chart; Y is its baseline.
type Text struct {
	X, Y   float64
	S      string
	Size   float64
	Anchor Anchor
	Role   Role
}

// Rect is a rectangle; X, Y is its top left corner.
type Rect struct{ X, Y, W, H float64 }

// Segment is a straight line.
type Segment struct{ X1, Y1, X2, Y2 float64 }

// BarBox is a laid-out bar.
type BarBox struct {
	Rect
	Series int
	Note   string    // the bar's full description
	Error  []Segment // the error bar (whisker and two caps); nil without an interval
}

// Swatch is a legend entry's colour square.
type Swatch struct {
	Rect
	Series int
}

// Layout is a chart placed in layout units, ready for a renderer.
type Layout struct {
	Title         string
	Width, Height float64
	Plot          Rect      // the area the bars live in
	Axis          []Segment // the axis line at value 0 (one piece per row of a horizontal chart)
	Grid          []Segment // tick lines
	Bars          []BarBox
	Swatches      []Swatch
	Texts         []Text
}

// geometry is what both orientations share while laying out.
type geometry struct {
	c      Chart
	m      Measure
	w, fs  float64 // width, font size
	small  float64 // font size of ticks and crowded values
	pad    float64 // space between things
	lo, hi float64 // the value scale
	out    Layout
}

// Lay places c in layout units.
func Lay(c Chart, o Options) Layout {
	g := &geometry{c: c, m: o.Measure, w: o.Width, fs: o.FontSize}
	if g.w <= 0 {
		g.w = 320
	}
	if g.fs <= 0 {
		g.fs = 14
	}
	if g.m == nil {
		g.m = EstimateWidth
	}
	g.small, g.pad = g.fs*0.85, g.fs*0.35
	g.out = Layout{Title: c.Title, Width: g.w}
	if len(c.Bars) == 0 {
		return g.empty()
	}
	g.scale()
	y := g.legend(g.pad)
	if c.Horizontal {
		y = g.rows(y)
	} else {
		y = g.columns(y)
	}
	gap := g.fs + g.pad // the caption stands apart from the labels
	for _, l := range wrap(c.Axis, g.w-2*g.pad, g.small, g.m, 2) {
		y += gap
		g.text(g.w/2, y, l, g.small, Middle, RoleAxis)
		gap = g.small * 1.25
	}
	g.out.Height = y + 2*g.pad
	return g.out
}

// empty lays out a chart without bars: its text in a short box.
func (g *geometry) empty() Layout {
	g.out.Height = 3 * g.fs
	g.out.Plot = Rect{0, 0, g.w, g.out.Height}
	if g.c.Empty != "" {
		g.text(g.w/2, 1.8*g.fs, fit(g.c.Empty, g.w-2*g.pad, g.fs, g.m), g.fs, Middle, RoleEmpty)
	}
	return g.out
}

// scale sets the value range: 0, the values, intervals, ticks, Min and Max.
func (g *geometry) scale() {
	g.lo, g.hi = math.Min(0, g.c.Min), math.Max(0, g.c.Max)
	for _, b := range g.c.Bars {
		g.lo, g.hi = math.Min(g.lo, b.Value), math.Max(g.hi, b.Value)
		if b.Interval {
			g.lo, g.hi = math.Min(g.lo, b.Low), math.Max(g.hi, b.High)
		}
	}
	for _, t := range g.c.Ticks {
		g.lo, g.hi = math.Min(g.lo, t.Value), math.Max(g.hi, t.Value)
	}
	if g.hi-g.lo <= 0 || math.IsNaN(g.hi-g.lo) || math.IsInf(g.hi-g.lo, 0) {
		g.lo, g.hi = 0, 1
	}
}

// frac is v's position on the scale, 0 at lo and 1 at hi.
func (g *geometry) frac(v float64) float64 {
	if math.IsNaN(v) {
		v = 0
	}
	return (math.Max(g.lo, math.Min(g.hi, v)) - g.lo) / (g.hi - g.lo)
}

func (g *geometry) text(x, y float64, s string, size float64, a Anchor, r Role) {
	if s != "" {
		g.out.Texts = append(g.out.Texts, Text{X: x, Y: y, S: s, Size: size, Anchor: a, Role: r})
	}
}

// clampX moves a text of width w anchored at x so that it stays on the chart.
func (g *geometry) clampX(x, w float64) float64 {
	return math.Max(w/2, math.Min(g.w-w/2, x))
}

// legend lays out the series names in a row (wrapping) from y and returns
// the y below them.
func (g *geometry) legend(y float64) float64 {
	if len(g.c.Legend) == 0 {
		return y
	}
	box, x := g.fs*0.8, g.pad
	y += g.pad
	for i, name := range g.c.Legend {
		w := box + g.pad + g.m(name, g.small)
		if x > g.pad && x+w > g.w-g.pad {
			x, y = g.pad, y+g.fs*1.3
		}
		g.out.Swatches = append(g.out.Swatches, Swatch{Rect: Rect{x, y, box, box}, Series: i})
		g.text(x+box+g.pad, y+box*0.9, fit(name, g.w-x-box-2*g.pad, g.small, g.m), g.small, Start, RoleLegend)
		x += w + 2*g.fs
	}
	return y + g.fs*1.3 + g.pad
}

// note is a bar's description for a screen reader.
func note(b Bar) string {
	if b.Note != "" {
		return b.Note
	}
	if b.Text == "" {
		return b.Label
	}
	return b.Label + ": " + b.Text
}
