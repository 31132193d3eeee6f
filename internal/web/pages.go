package web

import (
	"net/http"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/audit"
	"github.com/berdaya/berdaya/internal/i18n"
	"github.com/berdaya/berdaya/internal/region"
	"github.com/berdaya/berdaya/internal/registry"
)

type homeData struct {
	Registry  registry.Counts
	ScopePath []region.Region
	Stats     map[region.Level]int
	Levels    []region.Level
	Recent    []audit.Entry
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	p := principal(r)
	data := homeData{Levels: region.Levels}
	var err error
	if data.ScopePath, err = s.scopePath(r, p); err != nil {
		s.fail(w, r, err)
		return
	}
	if data.Stats, err = s.Regions.Stats(r.Context()); err != nil {
		s.fail(w, r, err)
		return
	}
	if data.Registry, err = s.Registry.Count(r.Context(), p); err != nil {
		s.fail(w, r, err)
		return
	}
	if p.Can(access.ReadAudit) {
		if data.Recent, err = s.Audit.List(r.Context(), p, audit.Filter{Limit: 8}); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "home", s.newView(w, r, i18n.T(state(r).lang, "nav.home"), data))
}

// scopePath is the user's scope region with its ancestors (empty when national).
func (s *Server) scopePath(r *http.Request, p access.Principal) ([]region.Region, error) {
	if p.Scope == "" {
		return nil, nil
	}
	return s.Regions.Path(r.Context(), p.Scope)
}

type aboutData struct {
	Version      string
	RegionSource string
	Stats        map[region.Level]int
	Levels       []region.Level
}

func (s *Server) about(w http.ResponseWriter, r *http.Request) {
	src, err := s.Regions.Source(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	stats, err := s.Regions.Stats(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	data := aboutData{Version: s.Version, RegionSource: src, Stats: stats, Levels: region.Levels}
	s.render(w, r, http.StatusOK, "about", s.newView(w, r, i18n.T(state(r).lang, "about.title"), data))
}

type regionsData struct {
	Parent   *region.Region
	Path     []region.Region
	Children []region.Region
	Query    string
	Results  [][]region.Region // each match with its ancestors
}

func (s *Server) regionsPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	data := regionsData{Query: r.URL.Query().Get("q")}
	parent := r.URL.Query().Get("parent")
	var err error
	if parent != "" {
		if data.Path, err = s.Regions.Path(ctx, parent); err != nil {
			s.fail(w, r, err)
			return
		}
		data.Parent = &data.Path[len(data.Path)-1]
	}
	if data.Query != "" {
		data.Results, err = s.Regions.SearchPaths(ctx, data.Query, parent, region.MaxSearch)
	} else {
		code := ""
		if data.Parent != nil {
			code = data.Parent.Code
		}
		data.Children, err = s.Regions.Children(ctx, code)
	}
	v := s.newView(w, r, i18n.T(state(r).lang, "nav.regions"), data)
	if err != nil {
		s.render(w, r, s.setFormError(r, &v, err), "regions", v)
		return
	}
	s.render(w, r, http.StatusOK, "regions", v)
}
