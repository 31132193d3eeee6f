package web

import (
	"bytes"
	"net/http"
	"strconv"

	"github.com/berdaya/berdaya/internal/group"
)

// groupBook prints one of a group's books (anggota, peraturan, pengurus) as a
// PDF in the user's language. The book is made in memory first, so that a
// refusal or a failure is a proper error page, not half a file.
func (s *Server) groupBook(w http.ResponseWriter, r *http.Request) {
	id, book := r.PathValue("id"), group.Book(r.PathValue("book"))
	var buf bytes.Buffer
	if err := s.Groups.WriteBook(r.Context(), principal(r), id, book, state(r).lang, &buf); err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `inline; filename="buku-`+string(book)+`-`+id+`.pdf"`)
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.Header().Set("Cache-Control", "no-store")
	buf.WriteTo(w)
}
