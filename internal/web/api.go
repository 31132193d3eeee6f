package web

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/auth"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/region"
)

// apiRoute is one API operation. The same table registers the handlers and
// writes the OpenAPI document, so the document cannot drift from the server.
type apiRoute struct {
	Method, Path string
	Summary      string
	Tag          string
	Public       bool
	Query        []apiParam
	Body         string // schema name of the JSON request body
	Status       int    // success status
	Response     string // schema name of the success body
	handle       func(w http.ResponseWriter, r *http.Request)
}

type apiParam struct{ Name, Description string }

const apiBase = "/api/v1"

func (s *Server) apiTable() []apiRoute {
	return []apiRoute{
		{Method: "GET", Path: "/openapi.json", Summary: "This OpenAPI 3 document", Tag: "meta", Public: true, Status: 200, Response: "", handle: s.apiOpenAPI},
		{Method: "GET", Path: "/me", Summary: "The user the token belongs to", Tag: "users", Status: 200, Response: "Me", handle: s.apiMe},
		{Method: "GET", Path: "/regions", Summary: "Child regions of a parent (provinces without parent), or a search by name", Tag: "regions",
			Query:  []apiParam{{"parent", "region code, dotted or not; omit for provinces"}, {"q", "name search (at least 3 letters); with parent, only below it"}},
			Status: 200, Response: "RegionList", handle: s.apiRegions},
		{Method: "GET", Path: "/regions/{code}", Summary: "One region by Kemendagri code (dotted or not)", Tag: "regions", Status: 200, Response: "Region", handle: s.apiRegion},
		{Method: "GET", Path: "/users", Summary: "Users of the organisation within the caller's scope (admin)", Tag: "users", Status: 200, Response: "UserList", handle: s.apiUsers},
		{Method: "POST", Path: "/users", Summary: "Create a user within the caller's scope (admin)", Tag: "users", Body: "NewUser", Status: 201, Response: "User", handle: s.apiCreateUser},
		{Method: "GET", Path: "/users/{id}", Summary: "One user (admin)", Tag: "users", Status: 200, Response: "User", handle: s.apiUser},
		{Method: "PATCH", Path: "/users/{id}", Summary: "Change name, role, scope or disable a user (admin)", Tag: "users", Body: "UserUpdate", Status: 200, Response: "User", handle: s.apiUpdateUser},
		{Method: "GET", Path: "/audit", Summary: "Audit trail, newest first, within the caller's scope (admin)", Tag: "audit",
			Query: []apiParam{{"entity", "entity type, e.g. user"}, {"entity_id", "entity id"}, {"actor", "username of the actor"}, {"action", "e.g. create, update, login"},
				{"from", "first day, yyyy-mm-dd or dd/mm/yyyy"}, {"to", "last day, inclusive"}, {"before", "sequence number to page back from"}},
			Status: 200, Response: "AuditList", handle: s.apiAudit},
	}
}

// allAPI is every area's routes.
func (s *Server) allAPI() []apiRoute {
	return append(append(s.apiTable(), s.registryAPI()...), s.groupAPI()...)
}

func (s *Server) apiRoutes(mux *http.ServeMux) {
	for _, rt := range s.allAPI() {
		h := rt.handle
		if !rt.Public {
			h = s.bearer(h)
		}
		mux.HandleFunc(rt.Method+" "+apiBase+rt.Path, h)
	}
	mux.HandleFunc(apiBase+"/", s.bearer(func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, errs.New(errs.NotFound, "err.not_found"))
	}))
}

// bearer authenticates an API request by its personal token.
func (s *Server) bearer(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || strings.TrimSpace(token) == "" {
			w.Header().Set("WWW-Authenticate", `Bearer realm="berdaya"`)
			s.fail(w, r, errs.New(errs.Unauthorized, "auth.err.no_token"))
			return
		}
		p, err := s.Auth.PrincipalFromToken(r.Context(), strings.TrimSpace(token))
		if err != nil {
			w.Header().Set("WWW-Authenticate", `Bearer realm="berdaya", error="invalid_token"`)
			s.fail(w, r, err)
			return
		}
		sess := &auth.Session{Principal: p}
		next(w, r.WithContext(context.WithValue(r.Context(), reqKey, &reqState{session: sess, lang: p.Lang})))
	}
}

// decodeJSON reads a JSON body strictly: unknown fields and trailing data are
// refused, so a typo in a field name is reported instead of silently ignored.
func decodeJSON(r *http.Request, v any) error {
	dec := json.NewDecoder(io.LimitReader(r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return errs.New(errs.BadRequest, "err.bad_json")
	}
	if err := dec.Decode(&struct{}{}); !errors.Is(err, io.EOF) {
		return errs.New(errs.BadRequest, "err.bad_json")
	}
	return nil
}

type meBody struct {
	ID       string      `json:"id"`
	Username string      `json:"username"`
	Name     string      `json:"name"`
	Role     access.Role `json:"role"`
	Scope    string      `json:"scope"`
	Lang     string      `json:"lang"`
	OrgID    string      `json:"org_id"`
	OrgName  string      `json:"org_name"`
}

func (s *Server) apiMe(w http.ResponseWriter, r *http.Request) {
	p := principal(r)
	writeJSON(w, http.StatusOK, meBody{ID: p.UserID, Username: p.Username, Name: p.Name, Role: p.Role, Scope: p.Scope,
		Lang: p.Lang, OrgID: p.OrgID, OrgName: p.OrgName})
}

type listBody[T any] struct {
	Items []T `json:"items"`
}

func list[T any](items []T) listBody[T] {
	if items == nil {
		items = []T{}
	}
	return listBody[T]{Items: items}
}

func (s *Server) apiRegions(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var items []region.Region
	var err error
	if q.Get("q") != "" {
		items, err = s.Regions.Search(r.Context(), q.Get("q"), q.Get("parent"), region.MaxSearch)
	} else {
		items, err = s.Regions.Children(r.Context(), q.Get("parent"))
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, list(items))
}

func (s *Server) apiRegion(w http.ResponseWriter, r *http.Request) {
	reg, err := s.Regions.Get(r.Context(), r.PathValue("code"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, reg)
}

func (s *Server) apiUsers(w http.ResponseWriter, r *http.Request) {
	users, err := s.Auth.ListUsers(r.Context(), principal(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, list(users))
}

func (s *Server) apiCreateUser(w http.ResponseWriter, r *http.Request) {
	var nu auth.NewUser
	if err := decodeJSON(r, &nu); err != nil {
		s.fail(w, r, err)
		return
	}
	u, err := s.Auth.CreateUser(r.Context(), principal(r), nu)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, u)
}

func (s *Server) apiUser(w http.ResponseWriter, r *http.Request) {
	u, err := s.Auth.GetUser(r.Context(), principal(r), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, u)
}

func (s *Server) apiUpdateUser(w http.ResponseWriter, r *http.Request) {
	var up auth.Update
	if err := decodeJSON(r, &up); err != nil {
		s.fail(w, r, err)
		return
	}
	u, err := s.Auth.UpdateUser(r.Context(), principal(r), r.PathValue("id"), up)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, u)
}

func (s *Server) apiAudit(w http.ResponseWriter, r *http.Request) {
	f, err := auditFilter(r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	entries, err := s.Audit.List(r.Context(), principal(r), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, list(entries))
}
