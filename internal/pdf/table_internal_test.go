package pdf

import "testing"

// TestHeaderWrapsInBold checks that a header title is wrapped with the bold
// font it is printed in: a title that just fits its column in the regular
// font but not in bold must take two lines, each fitting the cell.
func TestHeaderWrapsInBold(t *testing.T) {
	r := newRenderer(&Options{}, 0)
	r.newPage()
	const title = "Jumlah Simpanan Wajib Anggota"
	r.font(styleBody, sizeTable)
	regular := r.f.GetStringWidth(title)
	r.font(styleHeader, sizeTable)
	bold := r.f.GetStringWidth(title)
	if bold <= regular {
		t.Fatalf("bold width %.2f not wider than regular %.2f", bold, regular)
	}
	// A column as wide as the regular text plus the cell margins: the regular
	// font fits on one line, the bold one does not.
	w := (regular+bold)/2 + 2*cellMargin
	tab := r.gridTable([]Column{{Title: title, Width: w}, {Title: "x", Width: r.contentWidth() - w}})
	if got := r.cellLines(tab, []string{title}, styleBody)[0]; len(got) != 1 {
		t.Fatalf("body lines = %q, want one line", got)
	}
	head := r.cellLines(tab, tab.titles, styleHeader)[0]
	if len(head) != 2 {
		t.Fatalf("header lines = %q, want two", head)
	}
	r.font(styleHeader, sizeTable)
	for _, l := range head {
		if lw := r.f.GetStringWidth(l); lw > tab.w[0]-2*cellMargin {
			t.Errorf("header line %q is %.2f mm wide, cell holds %.2f", l, lw, tab.w[0]-2*cellMargin)
		}
	}
	if got, want := r.headerHeight(tab), 2*tab.line+2*tab.pad; got != want {
		t.Errorf("headerHeight = %.2f, want %.2f", got, want)
	}
}
