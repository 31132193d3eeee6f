package web

import "net/http"

// groupRoutes registers the pages of one group: its formation, members, board,
// rules, meetings, stage and books.
func (s *Server) groupRoutes(page func(string, http.HandlerFunc)) {
}
