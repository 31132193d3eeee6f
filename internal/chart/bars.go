package chart

import "math"

// columns lays out vertical bars from y and returns the y of the last text
// line (the category labels).
func (g *geometry) columns(top float64) float64 {
	left := g.pad
	for _, t := range g.c.Ticks {
		left = math.Max(left, g.m(t.Text, g.small)+2*g.pad)
	}
	plotH := math.Max(120, math.Min(260, g.w*0.45))
	plot := Rect{X: left, Y: top + g.fs + g.pad, W: g.w - left - g.pad, H: plotH}
	g.out.Plot = plot
	y := func(v float64) float64 { return plot.Y + plot.H*(1-g.frac(v)) }
	for _, t := range g.c.Ticks {
		ty := y(t.Value)
		g.out.Grid = append(g.out.Grid, Segment{plot.X, ty, plot.X + plot.W, ty})
		g.text(plot.X-g.pad, ty+g.small*0.35, t.Text, g.small, End, RoleTick)
	}
	slot := plot.W / float64(len(g.c.Bars))
	barW := math.Min(slot*0.78, 4*g.fs)
	below := 0.0 // room under the plot for the values of negative bars
	for i, b := range g.c.Bars {
		cx := plot.X + slot*(float64(i)+0.5)
		top, bottom := y(math.Max(b.Value, 0)), y(math.Min(b.Value, 0))
		box := BarBox{Rect: Rect{cx - barW/2, top, barW, bottom - top}, Series: b.Series, Note: note(b)}
		if b.Interval {
			hy, ly := y(b.High), y(b.Low)
			box.Error = whisker(cx, hy, cx, ly, math.Min(barW*0.5, g.fs*0.8), false)
			top, bottom = math.Min(top, hy), math.Max(bottom, ly)
		}
		g.out.Bars = append(g.out.Bars, box)
		size := g.valueSize(b.Text, slot-1)
		if size == 0 {
			continue
		}
		if b.Value >= 0 {
			g.text(cx, top-g.pad, b.Text, size, Middle, RoleValue)
		} else {
			g.text(cx, bottom+g.pad+size*0.8, b.Text, size, Middle, RoleValue)
			below = math.Max(below, bottom+g.pad+size-(plot.Y+plot.H))
		}
	}
	zero := y(0)
	g.out.Axis = []Segment{{plot.X, zero, plot.X + plot.W, zero}}
	return g.columnLabels(plot, slot, plot.Y+plot.H+below+g.pad+g.fs)
}

// valueSize is the font size a value text fits in width at: the normal
// size, else the small one, else 0 (the text is left out; the bar's note
// still carries it).
func (g *geometry) valueSize(s string, width float64) float64 {
	switch {
	case s == "":
		return 0
	case g.m(s, g.fs) <= width:
		return g.fs
	case g.m(s, g.small) <= width:
		return g.small
	}
	return 0
}

// columnLabels prints the category labels under the columns at baseline y:
// every one when they fit, else every k-th, the smallest k for which every
// label fits whole and none overlaps its neighbour once the end ones are
// kept on the chart. When even one label alone does not fit, it is cut.
func (g *geometry) columnLabels(plot Rect, slot, y float64) float64 {
	n := len(g.c.Bars)
	for k := 1; k <= n; k++ {
		if labels, ok := g.spaced(plot, slot, y, k, false); ok {
			g.out.Texts = append(g.out.Texts, labels...)
			return y
		}
	}
	labels, _ := g.spaced(plot, slot, y, n, true)
	g.out.Texts = append(g.out.Texts, labels...)
	return y
}

// spaced places every k-th label and reports whether each fits whole (or
// is cut to fit, with cut) and none overlaps the next.
func (g *geometry) spaced(plot Rect, slot, y float64, k int, cut bool) ([]Text, bool) {
	var out []Text
	room, right := float64(k)*slot-g.pad, math.Inf(-1)
	for i := 0; i < len(g.c.Bars); i += k {
		label := g.c.Bars[i].Label
		s := fit(label, room, g.fs, g.m)
		if s != label && !cut {
			return nil, false
		}
		if s == "" {
			continue
		}
		w := g.m(s, g.fs)
		x := g.clampX(plot.X+slot*(float64(i)+0.5), w)
		if x-w/2 < right+g.pad/2 {
			return nil, false
		}
		right = x + w/2
		out = append(out, Text{X: x, Y: y, S: s, Size: g.fs, Anchor: Middle, Role: RoleLabel})
	}
	return out, true
}

// rows lays out horizontal bars from y, each under its label, and returns
// the y of the last text line.
func (g *geometry) rows(top float64) float64 {
	left, right := g.pad, g.pad
	for _, b := range g.c.Bars {
		w := g.m(b.Text, g.fs) + 2*g.pad
		if b.Value < 0 {
			left = math.Max(left, w)
		} else {
			right = math.Max(right, w)
		}
	}
	plot := Rect{X: left, Y: top, W: g.w - left - right}
	x := func(v float64) float64 { return plot.X + plot.W*g.frac(v) }
	thick := g.fs * 1.3
	y := top
	for _, b := range g.c.Bars {
		for _, l := range wrap(b.Label, g.w-2*g.pad, g.fs, g.m, 2) {
			y += g.fs
			g.text(g.pad, y, l, g.fs, Start, RoleLabel)
		}
		y += g.pad
		g.row(b, x, y, thick)
		y += thick + 1.5*g.pad
	}
	plot.H = y - top
	g.out.Plot = plot
	if len(g.c.Ticks) > 0 {
		y += g.small
	}
	for _, t := range g.c.Ticks {
		tx := x(t.Value)
		g.text(g.clampX(tx, g.m(t.Text, g.small)), y, t.Text, g.small, Middle, RoleTick)
	}
	return y
}

// row lays out one horizontal bar at y, with its ticks' grid lines, its
// piece of the zero line, its error bar and its value.
func (g *geometry) row(b Bar, x func(float64) float64, y, thick float64) {
	x0, x1 := x(0), x(b.Value)
	for _, t := range g.c.Ticks {
		tx := x(t.Value)
		g.out.Grid = append(g.out.Grid, Segment{tx, y - g.pad/2, tx, y + thick + g.pad/2})
	}
	box := BarBox{Rect: Rect{math.Min(x0, x1), y, math.Abs(x1 - x0), thick}, Series: b.Series, Note: note(b)}
	lo, hi := math.Min(x0, x1), math.Max(x0, x1)
	cy := y + thick/2
	if b.Interval {
		lx, hx := x(b.Low), x(b.High)
		box.Error = whisker(lx, cy, hx, cy, thick*0.7, true)
		lo, hi = math.Min(lo, lx), math.Max(hi, hx)
	}
	g.out.Bars = append(g.out.Bars, box)
	g.out.Axis = append(g.out.Axis, Segment{x0, y - g.pad/2, x0, y + thick + g.pad/2})
	if b.Value < 0 {
		g.text(lo-g.pad, cy+g.fs*0.35, b.Text, g.fs, End, RoleValue)
	} else {
		g.text(hi+g.pad, cy+g.fs*0.35, b.Text, g.fs, Start, RoleValue)
	}
}

// whisker is an error bar from (x1, y1) to (x2, y2) with a cap of length
// capLen across each end; across is vertical caps for a horizontal bar.
func whisker(x1, y1, x2, y2, capLen float64, horizontal bool) []Segment {
	h := capLen / 2
	if horizontal {
		return []Segment{{x1, y1, x2, y2}, {x1, y1 - h, x1, y1 + h}, {x2, y2 - h, x2, y2 + h}}
	}
	return []Segment{{x1, y1, x2, y2}, {x1 - h, y1, x1 + h, y1}, {x2 - h, y2, x2 + h, y2}}
}
