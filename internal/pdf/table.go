package pdf

// Align is the horizontal alignment of the text in a table column.
type Align int

const (
	// AlignLeft is the default: names, descriptions.
	AlignLeft Align = iota
	// AlignCenter suits short codes, dates and row numbers.
	AlignCenter
	// AlignRight suits amounts, so that digits line up.
	AlignRight
)

// fpdf returns the fpdf alignment letter.
func (a Align) fpdf() string {
	switch a {
	case AlignCenter:
		return "C"
	case AlignRight:
		return "R"
	}
	return "L"
}

// Column describes one column of a table.
type Column struct {
	// Title is printed in the header row, repeated on every page.
	Title string
	// Width is relative to the other columns' widths: columns of widths 1, 3
	// and 1 share the page 20%, 60%, 20%. Zero or less counts as 1.
	Width float64
	// Align is the alignment of the column's cells (the header is centred).
	Align Align
}

// table is a laid-out table: absolute column positions and its look.
type table struct {
	x, w   []float64
	align  []string
	titles []string // nil for a table without a header row
	grid   bool     // thin lines around every cell, and a shaded header
	zebra  bool     // shade every other row
	size   float64  // font size in points
	line   float64  // line height in millimetres
	pad    float64  // space above and below the text of a row, in millimetres
}

// Font styles of a table: the header row is bold, the body regular. A row is
// wrapped in the style it is printed in, so that a bold header never
// overflows its cell.
const (
	styleHeader = "B"
	styleBody   = ""
)

// Table adds a table. Cells wrap within their column and a row is as tall as
// its tallest cell; rows missing cells print them empty, extra cells are
// ignored. A table that does not fit breaks across pages with its header row
// repeated; a row taller than a page is split between pages.
func (d *Doc) Table(cols []Column, rows [][]string) {
	cols = append([]Column(nil), cols...)
	rows = cloneRows(rows)
	d.add(func(r *renderer) {
		if len(cols) > 0 {
			r.drawTable(r.gridTable(cols), rows)
		}
	})
}

// cloneRows copies rows so the caller may reuse its slices after the call.
func cloneRows(rows [][]string) [][]string {
	out := make([][]string, len(rows))
	for i, row := range rows {
		out[i] = append([]string(nil), row...)
	}
	return out
}

// gridTable lays out the columns across the content width.
func (r *renderer) gridTable(cols []Column) *table {
	t := &table{grid: true, zebra: true, size: sizeTable, line: lineTable, pad: 1.2}
	sum := 0.0
	for _, c := range cols {
		sum += relWidth(c)
	}
	x := marginLeft
	for _, c := range cols {
		w := r.contentWidth() * relWidth(c) / sum
		t.x, t.w = append(t.x, x), append(t.w, w)
		t.align = append(t.align, c.Align.fpdf())
		t.titles = append(t.titles, c.Title)
		x += w
	}
	return t
}

// relWidth is a column's relative width, with nonsense widths counted as 1.
func relWidth(c Column) float64 {
	if c.Width > 0 {
		return c.Width
	}
	return 1
}

// drawTable prints the header and every row, breaking pages as needed.
func (r *renderer) drawTable(t *table, rows [][]string) {
	headH := r.headerHeight(t)
	first := 0.0
	if len(rows) > 0 {
		first = t.line + 2*t.pad
	}
	r.need(headH + first) // never leave a header alone at the foot of a page
	if t.titles != nil {
		r.drawHeader(t)
		r.onNewPage = func() { r.drawHeader(t) }
		defer func() { r.onNewPage = nil }()
	}
	for i, row := range rows {
		r.drawRow(t, r.cellLines(t, row, styleBody), i, headH)
	}
	r.space(blockGap)
}

// headerHeight is the height of the header row, zero without one.
func (r *renderer) headerHeight(t *table) float64 {
	if t.titles == nil {
		return 0
	}
	return rowHeight(t, r.cellLines(t, t.titles, styleHeader))
}

// drawHeader prints the header row, bold and centred on a shaded ground.
func (r *renderer) drawHeader(t *table) {
	lines := r.cellLines(t, t.titles, styleHeader)
	r.paintRow(t, lines, rowHeight(t, lines), -1)
}

// cellLines wraps every cell of a row to its column width, measured in the
// font style the row is printed in.
func (r *renderer) cellLines(t *table, row []string, style string) [][]string {
	r.font(style, t.size)
	out := make([][]string, len(t.w))
	for i := range t.w {
		cell := ""
		if i < len(row) {
			cell = row[i]
		}
		out[i] = r.lines(cell, t.w[i])
	}
	return out
}

// rowHeight is the height of a row: its tallest cell plus padding.
func rowHeight(t *table, cells [][]string) float64 {
	n := 1
	for _, c := range cells {
		n = max(n, len(c))
	}
	return float64(n)*t.line + 2*t.pad
}

// drawRow prints one row at the current position. A row that does not fit
// moves to the next page; a row taller than a whole page is printed in
// parts, as many lines as fit on each page.
func (r *renderer) drawRow(t *table, cells [][]string, index int, headH float64) {
	fresh := r.bottom() - marginTop - headH // room on a new page below the header
	for {
		h := rowHeight(t, cells)
		room := r.bottom() - r.f.GetY()
		if h <= room {
			r.paintRow(t, cells, h, index)
			return
		}
		if h <= fresh || room < t.line+2*t.pad {
			r.newPage()
			continue
		}
		k := int((room - 2*t.pad) / t.line)
		head, tail := splitCells(cells, k)
		r.paintRow(t, head, rowHeight(t, head), index)
		r.newPage()
		cells = tail
	}
}

// splitCells cuts every cell after its first k lines.
func splitCells(cells [][]string, k int) (head, tail [][]string) {
	head, tail = make([][]string, len(cells)), make([][]string, len(cells))
	for i, c := range cells {
		n := min(k, len(c))
		head[i], tail[i] = c[:n], c[n:]
	}
	return head, tail
}

// paintRow draws the cell boxes and text of one row of height h at the
// current y. index is the row number for zebra shading, -1 for the header.
func (r *renderer) paintRow(t *table, cells [][]string, h float64, index int) {
	y := r.f.GetY()
	r.f.SetLineWidth(0.2)
	r.f.SetDrawColor(140, 140, 140)
	style := styleBody
	if index < 0 {
		style = styleHeader
	}
	r.font(style, t.size)
	for i := range cells {
		r.paintBox(t, t.x[i], y, t.w[i], h, index)
		align := t.align[i]
		if index < 0 {
			align = "C"
		}
		r.f.SetY(y + t.pad)
		r.writeLines(t.x[i], t.w[i], t.line, cells[i], align)
	}
	r.f.SetY(y + h)
}

// paintBox draws the ground and frame of one cell, as the table's look asks.
func (r *renderer) paintBox(t *table, x, y, w, h float64, index int) {
	shade := -1
	switch {
	case index < 0 && t.grid:
		shade = 225
	case t.zebra && index%2 == 1:
		shade = 245
	}
	style := ""
	if shade >= 0 {
		r.f.SetFillColor(shade, shade, shade)
		style = "F"
	}
	if t.grid {
		style += "D"
	}
	if style != "" {
		r.f.Rect(x, y, w, h, style)
	}
}
