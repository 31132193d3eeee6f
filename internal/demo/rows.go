package demo

import (
	"io"

	"github.com/berdaya/berdaya/internal/registry"
)

// Rows serves generated persons as an import source (registry.RowSource), so
// that demo data goes through the same checks as a real file, with no file.
type Rows struct {
	g          *Generator
	households int
	header     []string
	fields     []field
	family     Family
	member     int
	line       int
}

// NewRows returns a source of the members of the next households families of g.
func NewRows(g *Generator, households int) *Rows {
	header := registry.HeaderNames()
	fields := make([]field, len(header))
	for i, h := range header {
		fields[i] = fieldOf[h]
	}
	return &Rows{g: g, households: households, header: header, fields: fields, line: 1}
}

// Header is the canonical import header.
func (r *Rows) Header() []string { return r.header }

// Next returns the next person as cells, numbered as lines of a file would be.
func (r *Rows) Next() (int, []string, error) {
	for r.member >= len(r.family.Members) {
		if r.households == 0 {
			return r.line + 1, nil, io.EOF
		}
		r.households--
		r.family, r.member = r.g.Next(), 0
	}
	p := &r.family.Members[r.member]
	r.member++
	r.line++
	cells := make([]string, len(r.fields))
	for i, fl := range r.fields {
		cells[i] = value(fl, &r.family.Household, p)
	}
	return r.line, cells, nil
}
