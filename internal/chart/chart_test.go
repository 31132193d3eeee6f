package chart

import (
	"encoding/xml"
	"io"
	"math"
	"strings"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// Column heights are proportional to the values, from one zero line, and
// an error bar spans exactly its interval.
func TestColumnsProportional(t *testing.T) {
	c := Chart{Title: "Skor", Axis: "Skor PPI", Bars: []Bar{
		{Label: "0", Value: 2, Text: "2"},
		{Label: "5", Value: 4, Text: "4"},
		{Label: "10", Value: 1, Text: "1", Interval: true, Low: 0.5, High: 3},
		{Label: "15", Value: 0},
	}}
	l := Lay(c, Options{})
	if len(l.Bars) != 4 {
		t.Fatalf("%d bars", len(l.Bars))
	}
	unit := l.Bars[1].H / 4
	for i, b := range c.Bars {
		box := l.Bars[i]
		if !near(box.H, unit*b.Value) {
			t.Errorf("bar %d height %v, want %v", i, box.H, unit*b.Value)
		}
		if !near(box.Y+box.H, l.Plot.Y+l.Plot.H) {
			t.Errorf("bar %d does not stand on the zero line: bottom %v, plot bottom %v", i, box.Y+box.H, l.Plot.Y+l.Plot.H)
		}
		if (box.Error != nil) != b.Interval {
			t.Errorf("bar %d error bar %v, interval %v", i, box.Error, b.Interval)
		}
	}
	if !near(l.Bars[1].Y, l.Plot.Y) {
		t.Errorf("tallest bar top %v, plot top %v", l.Bars[1].Y, l.Plot.Y)
	}
	w := l.Bars[2].Error[0] // the whisker
	bottom := l.Plot.Y + l.Plot.H
	if !near(bottom-w.Y1, unit*3) || !near(bottom-w.Y2, unit*0.5) || !near(w.X1, w.X2) || !near(w.X1, l.Bars[2].X+l.Bars[2].W/2) {
		t.Errorf("whisker %+v, want from %v to %v at the bar's centre", w, bottom-unit*3, bottom-unit*0.5)
	}
	wantTexts(t, l, "2", "4", "1", "0", "5", "10", "15", "Skor PPI")
	checkInside(t, l)
}

// Horizontal bars are proportional to the values against Max, each under
// its label, with the value beyond the end of the bar or of its interval.
func TestRowsProportional(t *testing.T) {
	c := Chart{Title: "Tingkat kemiskinan per garis", Horizontal: true, Max: 1,
		Ticks: []Tick{{0, "0%"}, {0.5, "50%"}, {1, "100%"}},
		Bars: []Bar{
			{Label: "Garis kemiskinan nasional (100%)", Value: 0.454, Text: "45,4%", Interval: true, Low: 0.332, High: 0.577},
			{Label: "USD 3,65 PPP 2017", Value: 0.2, Text: "20,0%"},
		}}
	l := Lay(c, Options{Width: 320})
	full := l.Plot.W
	for i, b := range c.Bars {
		box := l.Bars[i]
		if !near(box.W, full*b.Value) || !near(box.X, l.Plot.X) {
			t.Errorf("bar %d: x %v width %v, want x %v width %v", i, box.X, box.W, l.Plot.X, full*b.Value)
		}
	}
	e := l.Bars[0].Error
	if len(e) != 3 || !near(e[0].X1, l.Plot.X+full*0.332) || !near(e[0].X2, l.Plot.X+full*0.577) || !near(e[0].Y1, e[0].Y2) {
		t.Errorf("error bar %+v", e)
	}
	if l.Bars[1].Error != nil {
		t.Error("a bar without an interval has an error bar")
	}
	v := textOf(t, l, "45,4%")
	if v.X <= e[0].X2 || v.Anchor != Start {
		t.Errorf("value text at %v, interval ends at %v", v.X, e[0].X2)
	}
	label := textOf(t, l, "Garis kemiskinan nasional (100%)")
	if label.Y >= l.Bars[0].Y {
		t.Errorf("label baseline %v is not above its bar at %v", label.Y, l.Bars[0].Y)
	}
	if len(l.Grid) != 6 { // three ticks on two rows
		t.Errorf("%d grid lines", len(l.Grid))
	}
	wantTexts(t, l, "0%", "50%", "100%", "20,0%")
	checkInside(t, l)
}

// Negative values grow the other way from the zero line, with their value
// on the outer side.
func TestNegative(t *testing.T) {
	c := Chart{Horizontal: true, Bars: []Bar{
		{Label: "a", Value: -0.25, Text: "-25,4", Interval: true, Low: -0.57, High: 0.07},
		{Label: "b", Value: 0.1, Text: "+10,0"},
	}}
	l := Lay(c, Options{})
	zero := l.Axis[0].X1
	if !near(l.Bars[0].X+l.Bars[0].W, zero) || !near(l.Bars[1].X, zero) {
		t.Errorf("bars %+v %+v, zero at %v", l.Bars[0].Rect, l.Bars[1].Rect, zero)
	}
	if !near(l.Bars[0].W/l.Bars[1].W, 2.5) {
		t.Errorf("widths %v and %v not in ratio 2.5", l.Bars[0].W, l.Bars[1].W)
	}
	if v := textOf(t, l, "-25,4"); v.Anchor != End || v.X >= l.Bars[0].Error[0].X1 {
		t.Errorf("negative value text %+v", v)
	}
	checkInside(t, l)
}

// A chart without bars is a short box with its text and nothing else.
func TestEmpty(t *testing.T) {
	l := Lay(Chart{Title: "Kosong", Empty: "Belum ada data"}, Options{})
	if len(l.Bars) != 0 || len(l.Axis) != 0 || l.Height <= 0 || len(l.Texts) != 1 || l.Texts[0].S != "Belum ada data" {
		t.Fatalf("empty layout %+v", l)
	}
	svg := l.SVG("")
	if !strings.Contains(svg, "Belum ada data") || strings.Contains(svg, "<rect") {
		t.Errorf("empty SVG %s", svg)
	}
	if l := Lay(Chart{Bars: []Bar{{Label: "x", Value: 0}}}, Options{}); len(l.Bars) != 1 || l.Bars[0].H != 0 {
		t.Errorf("all-zero chart %+v", l.Bars)
	}
}

// Many columns with long labels: only every k-th label is printed, and no
// two labels overlap.
func TestCrowdedLabels(t *testing.T) {
	var bars []Bar
	for i := range 21 {
		bars = append(bars, Bar{Label: "95–100", Value: float64(i), Text: "1.234"})
	}
	l := Lay(Chart{Bars: bars}, Options{Width: 320})
	var labels []Text
	for _, x := range l.Texts {
		if x.Role == RoleLabel {
			labels = append(labels, x)
		}
	}
	if len(labels) == 0 || len(labels) == 21 {
		t.Fatalf("%d labels of 21", len(labels))
	}
	for i := 1; i < len(labels); i++ {
		a, b := labels[i-1], labels[i]
		if a.X+EstimateWidth(a.S, a.Size)/2 > b.X-EstimateWidth(b.S, b.Size)/2 {
			t.Errorf("labels %q at %v and %q at %v overlap", a.S, a.X, b.S, b.X)
		}
	}
	checkInside(t, l)
}

// The SVG is well-formed XML with the title as its accessible name, a
// responsive viewBox, one rect per bar, and no script or style.
func TestSVG(t *testing.T) {
	c := Chart{Title: "Tingkat <per> garis & strata", Axis: "Tingkat", Horizontal: true, Max: 1, Legend: []string{"Dasar", "Tindak lanjut"},
		Bars: []Bar{{Label: "A", Value: 0.5, Text: "50%", Interval: true, Low: 0.4, High: 0.6}, {Label: "B", Value: 0.3, Text: "30%", Series: 1}}}
	svg := Lay(c, Options{}).SVG("sv-chart")
	d := xml.NewDecoder(strings.NewReader(svg))
	rects := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not XML: %v\n%s", err, svg)
		}
		if s, ok := tok.(xml.StartElement); ok && s.Name.Local == "rect" {
			rects++
		}
	}
	if rects != 4 { // two bars and two legend swatches
		t.Errorf("%d rects", rects)
	}
	for _, want := range []string{`viewBox="0 0 320 `, `width="100%"`, `role="img"`, `aria-label="Tingkat &lt;per&gt; garis &amp; strata"`,
		`<title>Tingkat &lt;per&gt; garis &amp; strata</title>`, `class="sv-chart"`, `<title>A: 50%</title>`, "#b45309"} {
		if !strings.Contains(svg, want) {
			t.Errorf("SVG lacks %s", want)
		}
	}
	for _, bad := range []string{"<script", "style", "href"} {
		if strings.Contains(svg, bad) {
			t.Errorf("SVG has %s", bad)
		}
	}
}

func TestFitAndWrap(t *testing.T) {
	if got := fit("Kecamatan Cileunyi", EstimateWidth("Kecamatan", 10), 10, EstimateWidth); !strings.HasSuffix(got, "…") || EstimateWidth(got, 10) > EstimateWidth("Kecamatan", 10) {
		t.Errorf("fit = %q", got)
	}
	lines := wrap("satu dua tiga empat lima enam tujuh", EstimateWidth("satu dua tiga", 10), 10, EstimateWidth, 2)
	if len(lines) != 2 || lines[0] != "satu dua tiga" || !strings.HasSuffix(lines[1], "…") {
		t.Errorf("wrap = %q", lines)
	}
	if (RGB{15, 118, 110}).Hex() != "#0f766e" {
		t.Error("hex")
	}
}

func textOf(t *testing.T, l Layout, s string) Text {
	t.Helper()
	for _, x := range l.Texts {
		if x.S == s {
			return x
		}
	}
	t.Fatalf("no text %q in %+v", s, l.Texts)
	return Text{}
}

func wantTexts(t *testing.T, l Layout, want ...string) {
	t.Helper()
	for _, s := range want {
		textOf(t, l, s)
	}
}

// checkInside fails when a text or a bar leaves the chart's box.
func checkInside(t *testing.T, l Layout) {
	t.Helper()
	for _, x := range l.Texts {
		w := EstimateWidth(x.S, x.Size)
		left := x.X
		switch x.Anchor {
		case Middle:
			left -= w / 2
		case End:
			left -= w
		}
		if left < -0.01 || left+w > l.Width+0.01 || x.Y-x.Size < -0.01 || x.Y > l.Height+0.01 {
			t.Errorf("text %q at %v,%v (width %v) leaves the %vx%v chart", x.S, left, x.Y, w, l.Width, l.Height)
		}
	}
	for _, b := range l.Bars {
		if b.X < 0 || b.Y < 0 || b.X+b.W > l.Width+0.01 || b.Y+b.H > l.Height+0.01 {
			t.Errorf("bar %+v leaves the chart", b.Rect)
		}
	}
}
