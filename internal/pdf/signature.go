package pdf

// Signature is one signature box: who signs, in what capacity.
type Signature struct {
	// Caption is an optional line above the role, e.g. "Mengetahui,".
	Caption string
	// Role is printed above the space for the signature, e.g. "Ketua".
	Role string
	// Name is printed bold under the signature line.
	Name string
}

// Signature block geometry in millimetres.
const (
	signSpace  = 20.0 // room for a hand signature (and a stamp)
	signPerRow = 3    // boxes side by side before starting another row
	signLine   = 60.0 // longest signature line, for wide slots in landscape
)

// Signatures adds a block of signature boxes side by side, three to a row,
// with placeDate (e.g. "Bandung, 22 November 2026") above the right-most box,
// as on Indonesian letters. A single signature sits on the right half. The
// block is never split across pages.
func (d *Doc) Signatures(placeDate string, sigs []Signature) {
	sigs = append([]Signature(nil), sigs...)
	d.add(func(r *renderer) {
		if len(sigs) > 0 {
			r.drawSignatures(placeDate, sigs)
		}
	})
}

// signRow is one row of signature boxes, each wrapped to its slot width.
type signRow struct {
	slots       int        // slot count; boxes fill the right-most slots
	top, bottom [][]string // caption and role lines; name lines per box
	x           func(int) float64
}

// drawSignatures lays out the rows, keeps them on one page and prints them.
func (r *renderer) drawSignatures(placeDate string, sigs []Signature) {
	r.font("", sizeBody)
	rows := r.signRows(sigs)
	h := lineBody + 2 // the place and date line
	for _, row := range rows {
		h += row.height()
	}
	r.space(blockGap)
	r.need(h)
	r.placeDate(placeDate, rows[0])
	for _, row := range rows {
		r.drawSignRow(row)
	}
	r.space(blockGap)
}

// signRows groups the boxes into rows of up to three, wrapping their text.
func (r *renderer) signRows(sigs []Signature) []signRow {
	var rows []signRow
	for len(sigs) > 0 {
		n := min(len(sigs), signPerRow)
		rows = append(rows, r.signRow(sigs[:n]))
		sigs = sigs[n:]
	}
	return rows
}

// signRow wraps one row's texts to the slot width; one box gets two slots.
func (r *renderer) signRow(sigs []Signature) signRow {
	slots := max(len(sigs), 2)
	w := r.contentWidth() / float64(slots)
	row := signRow{slots: slots, x: func(i int) float64 {
		return marginLeft + float64(slots-len(sigs)+i)*w
	}}
	for _, s := range sigs {
		r.font("", sizeBody)
		top := r.lines(s.Role, w)
		if s.Caption != "" {
			top = append(r.lines(s.Caption, w), top...)
		}
		r.font("B", sizeBody)
		row.top = append(row.top, top)
		row.bottom = append(row.bottom, r.lines(s.Name, w))
	}
	return row
}

// height is the row's height: the tallest role, the signing space and the
// tallest name.
func (row signRow) height() float64 {
	return float64(maxLines(row.top)+maxLines(row.bottom))*lineBody + signSpace + 4
}

// slotWidth is the width of one box in the row.
func (r *renderer) slotWidth(row signRow) float64 {
	return r.contentWidth() / float64(row.slots)
}

// maxLines is the largest number of lines among the texts.
func maxLines(texts [][]string) int {
	n := 0
	for _, t := range texts {
		n = max(n, len(t))
	}
	return n
}

// placeDate prints the place and date centred over the right-most box.
func (r *renderer) placeDate(text string, first signRow) {
	r.font("", sizeBody)
	w := r.slotWidth(first)
	x := marginLeft + r.contentWidth() - w
	r.writeLines(x, w, lineBody, r.lines(text, w)[:1], "C")
	r.space(2)
}

// drawSignRow prints the roles, the signature lines and the names of a row.
// Roles are aligned at their last line, so that "Ketua" and the last line of
// "Mengetahui, Kepala Desa" share a baseline, and the lines share a height.
func (r *renderer) drawSignRow(row signRow) {
	y := r.f.GetY()
	w := r.slotWidth(row)
	lineY := y + float64(maxLines(row.top))*lineBody + signSpace
	r.f.SetLineWidth(0.3)
	r.f.SetDrawColor(0, 0, 0)
	for i := range row.top {
		x := row.x(i)
		r.font("", sizeBody)
		r.f.SetY(y + float64(maxLines(row.top)-len(row.top[i]))*lineBody)
		r.writeLines(x, w, lineBody, row.top[i], "C")
		half := min(0.35*w, signLine/2)
		r.f.Line(x+w/2-half, lineY, x+w/2+half, lineY)
		r.font("B", sizeBody)
		r.f.SetY(lineY + 1)
		r.writeLines(x, w, lineBody, row.bottom[i], "C")
	}
	r.f.SetY(y + row.height())
}
