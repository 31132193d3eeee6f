package pdf

import (
	"fmt"

	"codeberg.org/go-pdf/fpdf"
)

// Page geometry in millimetres. The margins leave room for binding and for a
// hole punch on the left, as books kept by a group are usually filed.
const (
	marginLeft   = 20.0
	marginRight  = 15.0
	marginTop    = 15.0
	marginBottom = 20.0 // the footer lives inside this band
	cellMargin   = 1.5  // horizontal padding inside every text cell
	blockGap     = 4.0  // vertical space after each block
)

// Font sizes in points and the matching line heights in millimetres
// (about 1.4 times the size, which reads comfortably on paper).
const (
	fontFamily  = "Helvetica" // a core font: nothing to embed, small files
	sizeTitle   = 14.0
	sizeHeading = 12.0
	sizeBody    = 10.0
	sizeTable   = 9.0
	sizeSmall   = 8.0
	lineBody    = 5.0
	lineTable   = 4.4
	lineSmall   = 3.8
)

// renderer holds the fpdf document being laid out and the state shared by
// the blocks. Page breaks are taken by hand (auto page break is off) so a
// table can repeat its header and a signature block is never split.
type renderer struct {
	f     *fpdf.Fpdf
	opts  *Options
	text  func(string) string // UTF-8 to the core fonts' cp1252 bytes
	total int
	// onNewPage, when set, runs after each page break, e.g. to repeat the
	// header row of the table being drawn.
	onNewPage func()
}

// newRenderer makes an fpdf document set up for opts, with no page yet.
func newRenderer(opts *Options, total int) *renderer {
	orient := "P"
	if opts.Orientation == Landscape {
		orient = "L"
	}
	f := fpdf.NewCustom(&fpdf.InitType{OrientationStr: orient, UnitStr: "mm", SizeStr: "A4"})
	r := &renderer{f: f, opts: opts, total: total}
	r.text = newEncoder(f)
	r.setup()
	return r
}

// setup applies the page geometry, metadata and output settings.
func (r *renderer) setup() {
	f, o := r.f, r.opts
	f.SetMargins(marginLeft, marginTop, marginRight)
	f.SetAutoPageBreak(false, marginBottom)
	f.SetCellMargin(cellMargin)
	f.SetCompression(!o.Uncompressed)
	f.SetCatalogSort(true) // stable object order, so equal input gives equal bytes
	f.SetTitle(o.Title, true)
	f.SetAuthor(o.Author, true)
	f.SetLang(o.Lang)
	if !o.Created.IsZero() {
		f.SetCreationDate(o.Created)
		f.SetModificationDate(o.Created)
	}
	f.SetHeaderFunc(r.header)
	f.SetFooterFunc(r.footer)
}

// contentWidth is the width between the left and right margins.
func (r *renderer) contentWidth() float64 {
	w, _ := r.f.GetPageSize()
	return w - marginLeft - marginRight
}

// bottom is the lowest y that content may reach on a page.
func (r *renderer) bottom() float64 {
	_, h := r.f.GetPageSize()
	return h - marginBottom
}

// newPage starts a page and runs the onNewPage hook.
func (r *renderer) newPage() {
	r.f.AddPage()
	if r.onNewPage != nil {
		r.onNewPage()
	}
}

// need starts a new page unless h millimetres still fit on this one. It
// reports whether it broke the page.
func (r *renderer) need(h float64) bool {
	if r.f.GetY()+h <= r.bottom() {
		return false
	}
	r.newPage()
	return true
}

// space moves down by h, but never past the bottom: a gap at the foot of a
// page is simply dropped rather than pushed onto the next page.
func (r *renderer) space(h float64) {
	r.f.SetY(min(r.f.GetY()+h, r.bottom()))
}

// font sets the font style ("" or "B") and size in points.
func (r *renderer) font(style string, size float64) {
	r.f.SetFont(fontFamily, style, size)
}

// grey sets the text colour to a grey level (0 black, 255 white).
func (r *renderer) grey(level int) {
	r.f.SetTextColor(level, level, level)
}

// lines encodes s and wraps it to width w with the current font. An empty
// text still gives one (empty) line so that rows keep their height.
func (r *renderer) lines(s string, w float64) []string {
	raw := r.f.SplitLines([]byte(r.text(s)), w)
	if len(raw) == 0 {
		return []string{""}
	}
	out := make([]string, len(raw))
	for i, l := range raw {
		out[i] = string(l)
	}
	return out
}

// writeLines prints already encoded lines at x in a box of width w, one line
// height h apart, starting at the current y, and moves y below them.
func (r *renderer) writeLines(x, w, h float64, lines []string, align string) {
	y := r.f.GetY()
	for i, l := range lines {
		r.f.SetXY(x, y+float64(i)*h)
		r.f.CellFormat(w, h, l, "", 0, align, false, 0, "")
	}
	r.f.SetXY(marginLeft, y+float64(len(lines))*h)
}

// header draws the running title on every page after the first; the first
// page carries the full title block instead.
func (r *renderer) header() {
	if r.f.PageNo() > 1 && r.opts.Title != "" {
		r.font("", sizeSmall)
		r.grey(110)
		title := r.lines(r.opts.Title, r.contentWidth())[0]
		r.f.SetXY(marginLeft, marginTop-6)
		r.f.CellFormat(r.contentWidth(), lineSmall, title, "", 0, "L", false, 0, "")
		r.rule(marginTop-1.5, 0.2)
		r.grey(0)
	}
	r.f.SetXY(marginLeft, marginTop)
}

// footer draws the footer text and the page label under a thin rule.
func (r *renderer) footer() {
	_, h := r.f.GetPageSize()
	y := h - marginBottom + 6
	r.rule(y, 0.2)
	r.font("", sizeSmall)
	r.grey(110)
	w := r.contentWidth()
	r.f.SetXY(marginLeft, y+1)
	r.f.CellFormat(w*0.7, lineSmall, r.lines(r.opts.Footer, w*0.7)[0], "", 0, "L", false, 0, "")
	if r.total > 0 {
		r.f.SetXY(marginLeft+w*0.7, y+1)
		r.f.CellFormat(w*0.3, lineSmall, r.text(r.pageLabel()), "", 0, "R", false, 0, "")
	}
	r.grey(0)
}

// pageLabel is the caller's page label for the current page, or "n/total".
func (r *renderer) pageLabel() string {
	if r.opts.PageLabel != nil {
		return r.opts.PageLabel(r.f.PageNo(), r.total)
	}
	return fmt.Sprintf("%d/%d", r.f.PageNo(), r.total)
}

// rule draws a horizontal line across the content width at y.
func (r *renderer) rule(y, width float64) {
	r.f.SetDrawColor(120, 120, 120)
	r.f.SetLineWidth(width)
	r.f.Line(marginLeft, y, marginLeft+r.contentWidth(), y)
}

// titleBlock prints the title and subtitle lines centred on the first page,
// closed by a double rule as on a printed register.
func (r *renderer) titleBlock() {
	o := r.opts
	if o.Title == "" && len(o.Subtitle) == 0 {
		return
	}
	w := r.contentWidth()
	r.font("B", sizeTitle)
	r.writeLines(marginLeft, w, 6.5, r.lines(o.Title, w), "C")
	r.font("", sizeBody)
	for _, s := range o.Subtitle {
		r.writeLines(marginLeft, w, lineBody, r.lines(s, w), "C")
	}
	y := r.f.GetY() + 2
	r.rule(y, 0.6)
	r.rule(y+1, 0.2)
	r.f.SetY(y + 1 + blockGap + 2)
}
