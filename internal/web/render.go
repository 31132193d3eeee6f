package web

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/i18n"
	"github.com/berdaya/berdaya/internal/region"
	"github.com/berdaya/berdaya/internal/registry"
)

//go:embed templates
var templateFiles embed.FS

// pages holds every page template parsed once per language, so that a template's
// {{t "key"}} is bound to the language at parse time and costs nothing per request.
type pages struct {
	byLang map[string]map[string]*template.Template
}

func loadPages() (*pages, error) {
	names, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil {
		return nil, err
	}
	p := &pages{byLang: map[string]map[string]*template.Template{}}
	for _, lang := range i18n.Langs {
		p.byLang[lang] = map[string]*template.Template{}
		for _, name := range names {
			base := path.Base(name)
			if base == "layout.html" || base == "partials.html" {
				continue
			}
			t, err := template.New("layout.html").Funcs(funcs(lang)).ParseFS(templateFiles, "templates/layout.html", "templates/partials.html", name)
			if err != nil {
				return nil, fmt.Errorf("template %s: %w", base, err)
			}
			p.byLang[lang][strings.TrimSuffix(base, ".html")] = t
		}
	}
	return p, nil
}

func funcs(lang string) template.FuncMap {
	return template.FuncMap{
		"t":        func(key string, args ...any) string { return i18n.T(lang, key, args...) },
		"tv":       func(key string, args []any) string { return i18n.T(lang, key, args...) },
		"age":      func(t time.Time) int { return ageOn(t, time.Now().In(i18n.Zone)) },
		"number":   func(n int) string { return i18n.Number(lang, int64(n)) },
		"date":     func(t time.Time) string { return i18n.Date(t) },
		"datetime": func(t time.Time) string { return i18n.DateTime(t) },
		"asset":    assetURL,
		"list":     func(items ...string) []string { return items },
		"list2":    func(a, b registry.Person) []registry.Person { return []registry.Person{a, b} },
		"last":     func(rs []region.Region) region.Region { return rs[len(rs)-1] },
	}
}

// view is what every page template receives.
type view struct {
	Lang      string
	Title     string
	User      access.Principal
	CSRF      string
	Flash     string
	Nav       []navItem
	Active    string
	Error     string            // message key of a form-wide error
	ErrorArgs []any             // its arguments, if any
	Fields    map[string]string // message keys per form field
	Form      url.Values        // the submitted form, to refill it after an error
	Data      any
	Here      string // this page's address, where the language switch returns to
}

// Can is used by templates to show only what the user may do.
func (v view) Can(perm string) bool { return v.User.Can(access.Perm(perm)) }

func (s *Server) newView(w http.ResponseWriter, r *http.Request, title string, data any) view {
	st := state(r)
	v := view{Lang: st.lang, Title: title, Data: data, Flash: s.takeFlash(w, r), Here: "/"}
	if r.Method == http.MethodGet {
		v.Here = r.URL.RequestURI()
	}
	if st.session != nil {
		v.User, v.CSRF = st.session.Principal, st.session.CSRF
	}
	v.Nav = navFor(v.User)
	v.Active = activeNav(v.Nav, r.URL.Path)
	return v
}

// render writes page with v at status. The page is rendered to a buffer first, so
// a template error becomes a clean 500 instead of half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, page string, v view) {
	t, ok := s.pages.byLang[v.Lang][page]
	if !ok {
		s.fail(w, r, fmt.Errorf("no page %q", page))
		return
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, v); err != nil {
		s.Log.Error("render", "page", page, "err", err)
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	buf.WriteTo(w)
}

// statusOf maps a domain error code to its HTTP status: the one place this happens.
func statusOf(code errs.Code) int {
	switch code {
	case errs.Invalid:
		return http.StatusUnprocessableEntity
	case errs.BadRequest:
		return http.StatusBadRequest
	case errs.Unauthorized:
		return http.StatusUnauthorized
	case errs.Forbidden:
		return http.StatusForbidden
	case errs.NotFound:
		return http.StatusNotFound
	case errs.Conflict:
		return http.StatusConflict
	case errs.TooMany:
		return http.StatusTooManyRequests
	}
	return http.StatusInternalServerError
}

// publicError turns any error into what a user may see: a domain error as it is,
// anything else logged and replaced by a generic message.
func (s *Server) publicError(r *http.Request, err error) *errs.Error {
	if e, ok := errs.As(err); ok {
		return e
	}
	s.Log.Error("internal error", "method", r.Method, "path", r.URL.Path, "err", err)
	return errs.New("internal", "err.internal")
}

// setFormError puts err's message and its field messages on a page's view,
// so the page is shown again with what was typed, and returns the status to
// answer with (formError does the same for a whole form page at once).
func (s *Server) setFormError(r *http.Request, v *view, err error) int {
	e := s.publicError(r, err)
	v.Error, v.ErrorArgs, v.Fields = e.Msg, e.Args, e.Fields
	return statusOf(e.Code)
}

// fail is the single error path: JSON for the API, an error page for people.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	e := s.publicError(r, err)
	status := statusOf(e.Code)
	if isAPI(r) {
		s.apiError(w, r, status, e)
		return
	}
	v := s.newView(w, r, i18n.T(state(r).lang, "err.title"), nil)
	v.Error, v.ErrorArgs = e.Msg, e.Args
	s.render(w, r, status, "error", v)
}

func isAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

// apiErrorBody is the one error shape of the API.
type apiErrorBody struct {
	Error apiError `json:"error"`
}

type apiError struct {
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
}

func (s *Server) apiError(w http.ResponseWriter, r *http.Request, status int, e *errs.Error) {
	lang := apiLang(r)
	body := apiError{Code: string(e.Code), Message: i18n.T(lang, e.Msg, e.Args...)}
	if len(e.Fields) > 0 {
		body.Fields = map[string]string{}
		for f, key := range e.Fields {
			body.Fields[f] = i18n.T(lang, key)
		}
	}
	writeJSON(w, status, apiErrorBody{Error: body})
}

// apiLang is the language of API messages: the token owner's, else Accept-Language.
func apiLang(r *http.Request) string {
	if p := principal(r); i18n.Supported(p.Lang) {
		return p.Lang
	}
	return i18n.Match(r.Header.Get("Accept-Language"))
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

// formError re-renders a form page with the error's messages and the input.
func (s *Server) formError(w http.ResponseWriter, r *http.Request, page, title string, data any, err error) {
	e := s.publicError(r, err)
	v := s.newView(w, r, title, data)
	v.Error, v.ErrorArgs, v.Fields, v.Form = e.Msg, e.Args, e.Fields, r.PostForm
	s.render(w, r, statusOf(e.Code), page, v)
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.fail(w, r, errs.New(errs.NotFound, "err.not_found"))
}

// safeNext keeps a post-login or language-switch redirect on this site: a
// plain path only, no scheme or host, and no control characters or backslashes
// (browsers drop a tab, turning "/\t/evil.example" into "//evil.example").
func safeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.ContainsAny(next, "\\") {
		return "/"
	}
	for _, r := range next {
		if r < 0x20 || r == 0x7f {
			return "/"
		}
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(next, "//") {
		return "/"
	}
	return next
}

// ageOn is the age in whole years on day now of someone born on birth.
func ageOn(birth, now time.Time) int {
	if birth.IsZero() {
		return 0
	}
	age := now.Year() - birth.Year()
	if now.Month() < birth.Month() || (now.Month() == birth.Month() && now.Day() < birth.Day()) {
		age--
	}
	return age
}
