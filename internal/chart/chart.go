// Package chart is a small bar-chart model with a layout and renderers: a
// chart is a title, an axis caption and bars, each bar with a label, a value,
// the value as it should be shown, and optionally an interval drawn as an
// error bar. Layout places everything in abstract units (one unit is a
// pixel on the web page's scale; a PDF renderer scales it to millimetres),
// SVG renders a layout as an inline SVG string for the web, and
// internal/pdf draws the same layout on a printed page.
//
// The package holds no words of its own: every text (title, labels, the
// value as shown, the empty-chart text) comes from the caller already
// translated and formatted, so the message catalogue stays the one source
// of text and the number formats stay the caller's ("45,4%" or "45.4%").
package chart

// Chart is a bar chart: one bar per category.
type Chart struct {
	// Title names the chart. The SVG carries it as its accessible name
	// (<title> and aria-label); the page or document prints its own heading.
	Title string
	// Axis is the caption printed under the chart, saying what the bars
	// measure (e.g. "PPI score (households above each bar)").
	Axis string
	// Bars in the order they are drawn: left to right, or top to bottom
	// when Horizontal.
	Bars []Bar
	// Horizontal draws bars from left to right, each under its label: the
	// form for few bars with long labels (poverty lines, districts), which
	// stays readable on a phone. Columns (the default) suit many bars with
	// short labels, such as a score distribution.
	Horizontal bool
	// Min and Max widen the value scale; the scale always covers 0, every
	// value, every interval and every tick. A rate chart passes Max 1 so
	// that bars are read against the whole 0–100% range.
	Min, Max float64
	// Ticks are values marked by a light grid line and their text.
	Ticks []Tick
	// Legend names the series (Bar.Series 0, 1 ...); empty draws none.
	Legend []string
	// Empty is shown in place of the bars when there are none.
	Empty string
}

// Bar is one bar of a chart.
type Bar struct {
	Label string  // the category, printed under (or above) the bar
	Value float64 // the bar's length on the chart's scale
	Text  string  // the value as shown beside the bar ("45,4%"); "" shows nothing
	// Interval draws an error bar from Low to High (e.g. a confidence
	// interval); Low and High are ignored without it.
	Interval  bool
	Low, High float64
	// Series picks the bar's colour and its legend entry (0 is the first).
	Series int
	// Note describes the bar in full for a screen reader or a tooltip
	// (e.g. "Cileunyi: 45,4% (33,2% – 57,7%)"); "" means "Label: Text".
	Note string
}

// Tick is a value marked on the scale, with its text ("50%").
type Tick struct {
	Value float64
	Text  string
}

// RGB is a colour.
type RGB struct{ R, G, B uint8 }

// Hex is the colour as #rrggbb.
func (c RGB) Hex() string {
	const digits = "0123456789abcdef"
	b := []byte{'#', 0, 0, 0, 0, 0, 0}
	for i, v := range []uint8{c.R, c.G, c.B} {
		b[1+2*i], b[2+2*i] = digits[v>>4], digits[v&15]
	}
	return string(b)
}

// Colours shared by the renderers, so a chart looks the same on the page
// and on paper. Series colours are told apart by people with the common
// red–green colour blindness (teal against amber).
var (
	seriesColours = []RGB{{15, 118, 110}, {180, 83, 9}, {71, 84, 103}}
	// Ink is the colour of values and labels.
	Ink = RGB{16, 24, 40}
	// Muted is the colour of tick labels and the axis caption.
	Muted = RGB{71, 84, 103}
	// AxisColour is the colour of the zero line.
	AxisColour = RGB{102, 112, 133}
	// GridColour is the colour of tick grid lines.
	GridColour = RGB{217, 224, 230}
	// ErrorColour is the colour of error bars.
	ErrorColour = RGB{16, 24, 40}
)

// SeriesColour is the fill colour of series i.
func SeriesColour(i int) RGB {
	if i < 0 {
		i = 0
	}
	return seriesColours[i%len(seriesColours)]
}
