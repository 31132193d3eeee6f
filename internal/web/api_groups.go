package web

// groupAPI is the API of programmes, units, groups, members, board and meetings.
func (s *Server) groupAPI() []apiRoute {
	return nil
}
