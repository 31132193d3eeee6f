package pdf

// Heading adds a bold section heading. It moves to the next page rather than
// stand alone at the foot of a page.
func (d *Doc) Heading(text string) {
	d.add(func(r *renderer) {
		r.need(6 + 3*lineBody) // the heading and a few lines of what follows
		r.font("B", sizeHeading)
		r.writeLines(marginLeft, r.contentWidth(), 6, r.lines(text, r.contentWidth()), "L")
		r.space(1.5)
	})
}

// Paragraph adds text wrapped to the page width; "\n" starts a new line.
func (d *Doc) Paragraph(text string) {
	d.add(func(r *renderer) {
		r.font("", sizeBody)
		w := r.contentWidth()
		for _, l := range r.lines(text, w) {
			r.need(lineBody)
			r.writeLines(marginLeft, w, lineBody, []string{l}, "L")
		}
		r.space(blockGap)
	})
}

// KeyValues adds a borderless two-column block of labels and values, such as
// "Nama kelompok : Maju Bersama". Long values wrap beside their label.
func (d *Doc) KeyValues(pairs [][2]string) {
	rows := make([][]string, len(pairs))
	for i, p := range pairs {
		rows[i] = []string{p[0], ":", p[1]}
	}
	d.add(func(r *renderer) {
		if len(rows) > 0 {
			r.drawTable(r.keyValueTable(rows), rows)
		}
	})
}

// keyValueTable sizes the label column to its longest label, up to 40% of
// the page, followed by a narrow colon column and the value column.
func (r *renderer) keyValueTable(rows [][]string) *table {
	r.font("", sizeBody)
	label := 0.0
	for _, row := range rows {
		label = max(label, r.f.GetStringWidth(r.text(row[0]))+2*cellMargin+0.5)
	}
	label = min(label, 0.4*r.contentWidth())
	colon := 4.0
	return &table{
		x:     []float64{marginLeft, marginLeft + label, marginLeft + label + colon},
		w:     []float64{label, colon, r.contentWidth() - label - colon},
		align: []string{"L", "C", "L"},
		size:  sizeBody,
		line:  lineBody,
		pad:   0.5,
	}
}
