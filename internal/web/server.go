// Package web is Berdaya's face for people (server-rendered HTML that works
// without JavaScript) and for programs (the JSON API under /api/v1). A handler
// parses input, calls one service method and renders; the rules live in the
// domain packages.
package web

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/berdaya/berdaya/internal/audit"
	"github.com/berdaya/berdaya/internal/auth"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/group"
	"github.com/berdaya/berdaya/internal/ppi"
	"github.com/berdaya/berdaya/internal/ppisurvey"
	"github.com/berdaya/berdaya/internal/programme"
	"github.com/berdaya/berdaya/internal/region"
	"github.com/berdaya/berdaya/internal/registry"
)

// Deps are the services the web layer calls.
type Deps struct {
	Auth     *auth.Service
	Regions  *region.Service
	Audit    *audit.Service
	Registry *registry.Service
	// Programmes and Groups are the programmes, their units and their groups.
	Programmes *programme.Service
	Groups     *group.Service
	// Surveys are the PPI survey rounds; PPI is the scorecard catalogue.
	Surveys *ppisurvey.Service
	PPI     *ppi.Service
	Ping    func(context.Context) error
	Log     *slog.Logger
	Version string
	// TrustProxy makes the server believe X-Forwarded-For and X-Forwarded-Proto
	// (set it only behind a reverse proxy that sets them).
	TrustProxy bool
}

// Server is the HTTP handler of the whole application.
type Server struct {
	Deps
	pages   *pages
	handler http.Handler
	// crossOrigin refuses state-changing requests sent by another site (it reads
	// the browser's Sec-Fetch-Site and Origin headers): the first CSRF defence.
	crossOrigin *http.CrossOriginProtection
}

// New builds the server with all its routes.
func New(d Deps) (*Server, error) {
	if d.Log == nil {
		d.Log = slog.Default()
	}
	p, err := loadPages()
	if err != nil {
		return nil, err
	}
	s := &Server{Deps: d, pages: p, crossOrigin: http.NewCrossOriginProtection()}
	s.crossOrigin.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, errs.New(errs.Forbidden, "err.csrf"))
	}))
	mux := http.NewServeMux()
	s.routes(mux)
	s.apiRoutes(mux)
	s.handler = s.recoverPanics(s.logRequests(securityHeaders(mux)))
	return s, nil
}

// ServeHTTP serves one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// routes registers the pages for people. Every state-changing route is a POST
// behind the cross-origin and CSRF checks of s.browser.
func (s *Server) routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /healthz", s.healthz)
	mux.Handle("GET /static/", staticHandler())
	page := func(pattern string, h http.HandlerFunc) { mux.Handle(pattern, s.browser(h)) }
	page("GET /{$}", s.signedIn(s.home))
	page("GET /login", s.loginForm)
	page("POST /login", s.login)
	page("POST /logout", s.logout)
	page("POST /lang", s.setLanguage)
	page("GET /setup", s.setupForm)
	page("POST /setup", s.setup)
	page("GET /about", s.about)
	page("GET /regions", s.signedIn(s.regionsPage))
	page("GET /account", s.signedIn(s.account))
	page("POST /account/password", s.signedIn(s.changePassword))
	page("POST /account/tokens", s.signedIn(s.createOwnToken))
	page("POST /account/tokens/{id}/revoke", s.signedIn(s.revokeOwnToken))
	page("GET /admin/users", s.signedIn(s.usersPage))
	page("GET /admin/users/new", s.signedIn(s.newUserForm))
	page("POST /admin/users", s.signedIn(s.createUser))
	page("GET /admin/users/{id}", s.signedIn(s.userPage))
	page("POST /admin/users/{id}", s.signedIn(s.updateUser))
	page("POST /admin/users/{id}/password", s.signedIn(s.resetPassword))
	page("GET /admin/audit", s.signedIn(s.auditPage))
	s.registryRoutes(page)
	s.programmeRoutes(page)
	s.groupRoutes(page)
	s.surveyRoutes(page)
	s.scorecardRoutes(page)
	page("/", s.notFound)
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	w.Header().Set("Content-Type", "application/json")
	if err := s.Ping(ctx); err != nil {
		s.Log.Error("health check failed", "err", err)
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte(`{"status":"unavailable"}`))
		return
	}
	w.Write([]byte(`{"status":"ok"}`))
}
