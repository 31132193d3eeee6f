// Package pdf is the adapter around codeberg.org/go-pdf/fpdf: it prints plain,
// signable A4 documents (a title block, headings, paragraphs, label/value
// blocks, tables and signature boxes) from UTF-8 text.
//
// The package knows nothing about the domain and holds no user-facing words of
// its own: every string printed, including the page label, comes from the
// caller, so that the message catalogue stays the single source of text.
//
// A Doc records the blocks it is given and lays them out only in Write. Write
// lays the document out twice: once to count the pages and once to print, so
// that a page label such as "Halaman 2 dari 3" can know the total.
package pdf

import (
	"fmt"
	"io"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

// Orientation is the direction of every page of a document.
type Orientation int

const (
	// Portrait is an upright A4 page, the default.
	Portrait Orientation = iota
	// Landscape is an A4 page turned on its side, for wide tables.
	Landscape
)

// Options describe a document as a whole: its title block, page furniture and
// output settings. The zero value prints an untitled portrait document.
type Options struct {
	// Title is printed large at the top of the first page, small at the top of
	// the following pages, and stored in the file's metadata.
	Title string
	// Subtitle lines are printed centred under the title on the first page,
	// e.g. the organisation, the group and its place.
	Subtitle []string
	// Author is stored in the file's metadata only.
	Author string
	// Lang is the document language stored in the catalogue (e.g. "id-ID"),
	// which screen readers use; empty leaves it out.
	Lang string
	// Orientation of every page.
	Orientation Orientation
	// Footer is printed at the bottom left of every page, e.g. the print time.
	Footer string
	// PageLabel returns the text printed at the bottom right of a page, e.g.
	// "Halaman 1 dari 3". Nil prints "1/3".
	PageLabel func(page, total int) string
	// Created fixes the creation and modification dates in the metadata;
	// zero means the moment Write runs. Tests fix it for identical output.
	Created time.Time
	// Uncompressed leaves the page content streams readable, for tests.
	Uncompressed bool
}

// Doc is a document being assembled. It is not safe for concurrent use.
type Doc struct {
	opts   Options
	blocks []block
}

// block draws one piece of content onto the pages of a renderer.
type block func(r *renderer)

// New starts an empty document described by opts.
func New(opts Options) *Doc {
	opts.Subtitle = append([]string(nil), opts.Subtitle...)
	return &Doc{opts: opts}
}

// add records a block to be laid out by Write.
func (d *Doc) add(b block) { d.blocks = append(d.blocks, b) }

// PageBreak starts a new page, e.g. between two books printed in one file.
func (d *Doc) PageBreak() {
	d.add(func(r *renderer) { r.newPage() })
}

// Write lays the document out and writes the PDF file to w. It may be called
// more than once; each call produces the same document.
func (d *Doc) Write(w io.Writer) error {
	count, err := d.render(0)
	if err != nil {
		return err
	}
	f, err := d.render(count.PageCount())
	if err != nil {
		return err
	}
	if err := f.Output(w); err != nil {
		return fmt.Errorf("pdf: write: %w", err)
	}
	return nil
}

// render lays out every block on a fresh fpdf document. total is the page
// count to print in page labels; zero means it is not known yet, and the
// labels are left out (they sit in the footer and never move the content).
func (d *Doc) render(total int) (*fpdf.Fpdf, error) {
	r := newRenderer(&d.opts, total)
	r.newPage()
	r.titleBlock()
	for _, b := range d.blocks {
		b(r)
	}
	if err := r.f.Error(); err != nil {
		return nil, fmt.Errorf("pdf: layout: %w", err)
	}
	return r.f, nil
}
