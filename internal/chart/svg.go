package chart

import (
	"fmt"
	"html"
	"strings"
)

// SVG renders the layout as an inline SVG element: no script, no style
// sheet or style attribute (the page's Content-Security-Policy forbids
// inline styles), only presentation attributes. The viewBox lets it scale to
// the width of its container; class is set on the element for the page's
// own CSS ("" for none). The title is the accessible name, and every bar
// carries its note as a <title>, which browsers show as a tooltip.
func (l Layout) SVG(class string) string {
	var b strings.Builder
	title := html.EscapeString(l.Title)
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %s %s" width="100%%" role="img" aria-label="%s"`, num(l.Width), num(l.Height), title)
	if class != "" {
		fmt.Fprintf(&b, ` class="%s"`, html.EscapeString(class))
	}
	fmt.Fprintf(&b, `><title>%s</title>`, title)
	for _, s := range l.Grid {
		line(&b, s, GridColour, 1)
	}
	for _, bar := range l.Bars {
		fmt.Fprintf(&b, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s"><title>%s</title></rect>`,
			num(bar.X), num(bar.Y), num(bar.W), num(bar.H), SeriesColour(bar.Series).Hex(), html.EscapeString(bar.Note))
	}
	for _, s := range l.Axis {
		line(&b, s, AxisColour, 1)
	}
	for _, bar := range l.Bars {
		for _, s := range bar.Error {
			line(&b, s, ErrorColour, 1.5)
		}
	}
	for _, s := range l.Swatches {
		fmt.Fprintf(&b, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s"/>`, num(s.X), num(s.Y), num(s.W), num(s.H), SeriesColour(s.Series).Hex())
	}
	for _, t := range l.Texts {
		text(&b, t)
	}
	b.WriteString(`</svg>`)
	return b.String()
}

func line(b *strings.Builder, s Segment, c RGB, width float64) {
	fmt.Fprintf(b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="%s"/>`, num(s.X1), num(s.Y1), num(s.X2), num(s.Y2), c.Hex(), num(width))
}

var anchors = map[Anchor]string{Start: "start", Middle: "middle", End: "end"}

func text(b *strings.Builder, t Text) {
	colour, weight := Ink, ""
	switch t.Role {
	case RoleTick, RoleAxis, RoleEmpty:
		colour = Muted
	case RoleValue:
		weight = ` font-weight="600"`
	}
	fmt.Fprintf(b, `<text x="%s" y="%s" font-size="%s" text-anchor="%s" fill="%s"%s>%s</text>`,
		num(t.X), num(t.Y), num(t.Size), anchors[t.Anchor], colour.Hex(), weight, html.EscapeString(t.S))
}

// num prints a coordinate with at most one decimal, which is finer than a
// pixel and keeps the markup short.
func num(f float64) string {
	s := fmt.Sprintf("%.1f", f)
	s = strings.TrimSuffix(s, ".0")
	if s == "-0" {
		return "0"
	}
	return s
}
