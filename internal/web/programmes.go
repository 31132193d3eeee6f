package web

import "net/http"

// programmeRoutes registers the pages of programmes, their organisation units,
// the lists of groups with their counts, and the facilitator's overview.
func (s *Server) programmeRoutes(page func(string, http.HandlerFunc)) {
}
