package group

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/i18n"
	"github.com/berdaya/berdaya/internal/pdf"
	"github.com/berdaya/berdaya/internal/programme"
	"github.com/berdaya/berdaya/internal/region"
)

// Book names one of the books a group keeps, as the KUBE guideline lists them.
// The finance book comes with the area that keeps the group's money.
type Book string

// The books a group prints.
const (
	BookMembers Book = "anggota"   // member book: every member, past and present
	BookRules   Book = "peraturan" // rules book: the group's own rules, versioned
	BookBoard   Book = "pengurus"  // board list: the seats and the election behind them
)

// Books lists the books in the order they are offered.
var Books = []Book{BookMembers, BookRules, BookBoard}

// Valid reports whether b is a known book.
func (b Book) Valid() bool { return slices.Contains(Books, b) }

// bookData is what every book prints in its title block and signature block.
type bookData struct {
	g       Group
	prog    programme.Programme
	board   Board
	lang    string
	p       access.Principal
	place   string    // the village with its district, regency and province
	town    string    // the regency or city, where the book is signed
	printed time.Time // when it is printed
}

// WriteBook prints one of a group's books as a PDF, in lang, for signing.
func (s *Service) WriteBook(ctx context.Context, p access.Principal, groupID string, book Book, lang string, w io.Writer) error {
	if !book.Valid() {
		return errs.New(errs.NotFound, "book.err.unknown")
	}
	g, prog, err := s.readable(ctx, p, groupID)
	if err != nil {
		return err
	}
	board, err := s.Board(ctx, p, groupID)
	if err != nil {
		return err
	}
	d := bookData{g: g, prog: prog, board: board, lang: lang, p: p, printed: s.now()}
	if d.place, d.town, err = s.placeNames(ctx, g.VillageCode); err != nil {
		return err
	}
	doc := bookDoc(d, book)
	switch book {
	case BookMembers:
		err = s.memberBook(ctx, d, doc)
	case BookRules:
		err = s.rulesBook(ctx, d, doc)
	case BookBoard:
		boardBook(d, doc)
	}
	if err != nil {
		return err
	}
	return doc.Write(w)
}

// bookDoc starts a book: its title, the group and its place, the page furniture.
func bookDoc(d bookData, book Book) *pdf.Doc {
	t := func(key string, args ...any) string { return i18n.T(d.lang, key, args...) }
	doc := pdf.New(pdf.Options{
		Title: t("book.title." + string(book)),
		Subtitle: []string{
			d.g.Name,
			t("group_type."+string(d.g.Type)) + " · " + d.prog.Name,
			d.place,
			d.p.OrgName,
		},
		Author:    d.p.OrgName,
		Lang:      d.lang,
		Footer:    t("book.printed", i18n.DateTime(d.printed), d.p.Username),
		PageLabel: func(page, total int) string { return t("book.page", page, total) },
	})
	doc.KeyValues([][2]string{
		{t("book.field.group"), d.g.Name},
		{t("book.field.type"), t("group_type." + string(d.g.Type))},
		{t("book.field.business"), t("business_field." + string(d.g.Field))},
		{t("book.field.stage"), t("stage." + string(d.g.Stage))},
		{t("book.field.address"), d.g.Address},
	})
	return doc
}

// placeNames names a village with its district, regency and province, and the
// town a letter from there is dated in: the regency or city without its title.
func (s *Service) placeNames(ctx context.Context, village string) (string, string, error) {
	path, err := s.regions.Path(ctx, village)
	if err != nil {
		return "", "", err
	}
	names, town := make([]string, 0, len(path)), ""
	for i := len(path) - 1; i >= 0; i-- {
		names = append(names, path[i].Name)
		if path[i].Level == region.Regency {
			town = strings.TrimPrefix(strings.TrimPrefix(path[i].Name, "Kabupaten "), "Kota ")
		}
	}
	return strings.Join(names, ", "), town, nil
}

// memberBook lists every member, those who left too: the book is a register.
func (s *Service) memberBook(ctx context.Context, d bookData, doc *pdf.Doc) error {
	members, err := s.Members(ctx, d.p, d.g.ID, true)
	if err != nil {
		return err
	}
	t := func(key string, args ...any) string { return i18n.T(d.lang, key, args...) }
	ids := make([]string, len(members))
	for i, m := range members {
		ids[i] = m.PersonID
	}
	persons, err := s.registry.PersonsByID(ctx, d.p, ids)
	if err != nil {
		return err
	}
	rows := make([][]string, 0, len(members))
	for i, m := range members {
		person := persons[m.PersonID]
		left := ""
		if !m.Left.IsZero() {
			left = i18n.Date(m.Left)
		}
		rows = append(rows, []string{fmt.Sprint(i + 1), m.Name, person.NIK, string(person.Sex),
			t("member_role." + string(m.Role)), i18n.Date(m.Joined), left, ""})
	}
	doc.Heading(t("book.members.heading", len(members)))
	doc.Table([]pdf.Column{
		{Title: t("book.col.no"), Width: 0.8, Align: pdf.AlignCenter},
		{Title: t("book.col.name"), Width: 2.6},
		{Title: t("book.col.nik"), Width: 2.4, Align: pdf.AlignCenter},
		{Title: t("book.col.sex"), Width: 0.6, Align: pdf.AlignCenter},
		{Title: t("book.col.role"), Width: 1.6},
		{Title: t("book.col.joined"), Width: 1.4, Align: pdf.AlignCenter},
		{Title: t("book.col.left"), Width: 1.4, Align: pdf.AlignCenter},
		{Title: t("book.col.signature"), Width: 1.6},
	}, rows)
	signatures(d, doc, Chair, Secretary)
	return nil
}

// rulesBook prints the rules in force and the dates of every version.
func (s *Service) rulesBook(ctx context.Context, d bookData, doc *pdf.Doc) error {
	versions, err := s.RulesBook(ctx, d.p, d.g.ID)
	if err != nil {
		return err
	}
	t := func(key string, args ...any) string { return i18n.T(d.lang, key, args...) }
	if len(versions) == 0 {
		doc.Paragraph(t("book.rules.none"))
		return nil
	}
	current := slices.MaxFunc(versions, func(a, b RulesVersion) int { return a.Version - b.Version })
	doc.Heading(t("book.rules.current", current.Version, i18n.LongDate(d.lang, current.AdoptedOn)))
	doc.Paragraph(current.Text)
	rows := make([][]string, len(versions))
	for i, v := range versions {
		rows[i] = []string{fmt.Sprint(v.Version), i18n.Date(v.AdoptedOn)}
	}
	doc.Heading(t("book.rules.versions"))
	doc.Table([]pdf.Column{{Title: t("book.col.version"), Width: 1, Align: pdf.AlignCenter}, {Title: t("book.col.adopted"), Width: 2, Align: pdf.AlignCenter}}, rows)
	signatures(d, doc, Chair, Secretary)
	return nil
}

// boardBook lists the sitting board and the election that chose it.
func boardBook(d bookData, doc *pdf.Doc) {
	t := func(key string, args ...any) string { return i18n.T(d.lang, key, args...) }
	rows := [][]string{}
	for _, seat := range d.board.Seats {
		if !seat.Ended.IsZero() {
			continue
		}
		rows = append(rows, []string{fmt.Sprint(len(rows) + 1), t("seat_role." + string(seat.Role)), seat.Name,
			i18n.Date(seat.TermStart) + " – " + i18n.Date(seat.TermEnd)})
	}
	doc.Heading(t("book.board.heading"))
	if len(rows) == 0 {
		doc.Paragraph(t("book.board.none"))
		return
	}
	doc.Table([]pdf.Column{
		{Title: t("book.col.no"), Width: 0.6, Align: pdf.AlignCenter},
		{Title: t("book.col.seat"), Width: 1.5},
		{Title: t("book.col.name"), Width: 3},
		{Title: t("book.col.term"), Width: 2.2, Align: pdf.AlignCenter},
	}, rows)
	if e, ok := latestElection(d.board.Elections); ok {
		doc.Heading(t("book.board.election"))
		doc.KeyValues([][2]string{
			{t("book.field.election_date"), i18n.LongDate(d.lang, e.Date)},
			{t("book.field.method"), t("election_method." + string(e.Method))},
		})
		if e.Minutes != "" {
			doc.Paragraph(e.Minutes)
		}
	}
	signatures(d, doc, Chair, Secretary, Treasurer)
}

func latestElection(es []Election) (Election, bool) {
	if len(es) == 0 {
		return Election{}, false
	}
	return slices.MaxFunc(es, func(a, b Election) int { return a.Date.Compare(b.Date) }), true
}

// signatures closes a book with the sitting holders of the given seats (an
// empty line for a seat nobody holds) under the place and date of printing.
func signatures(d bookData, doc *pdf.Doc, roles ...SeatRole) {
	sigs := make([]pdf.Signature, len(roles))
	for i, role := range roles {
		sigs[i] = pdf.Signature{Role: i18n.T(d.lang, "seat_role."+string(role)), Name: sitting(d.board, role)}
	}
	doc.Signatures(d.town+", "+i18n.LongDate(d.lang, d.printed), sigs)
}

// sitting is the name of the current holder of a seat, or "".
func sitting(b Board, role SeatRole) string {
	for _, seat := range b.Seats {
		if seat.Role == role && seat.Ended.IsZero() {
			return seat.Name
		}
	}
	return ""
}
