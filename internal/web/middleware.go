package web

import (
	"context"
	"crypto/subtle"
	"errors"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"
	"time"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/auth"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/i18n"
)

const (
	sessionCookie = "berdaya_session"
	langCookie    = "berdaya_lang"
	flashCookie   = "berdaya_flash"
)

type ctxKey int

const reqKey ctxKey = 0

// reqState is what the middleware learns about a request: who is signed in, in
// which language, and the session's CSRF token.
type reqState struct {
	session *auth.Session
	lang    string
}

func state(r *http.Request) *reqState {
	if st, ok := r.Context().Value(reqKey).(*reqState); ok {
		return st
	}
	return &reqState{lang: i18n.Default}
}

// principal is the signed-in user of a request (zero when none).
func principal(r *http.Request) access.Principal {
	if st := state(r); st.session != nil {
		return st.session.Principal
	}
	return access.Principal{}
}

func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		next.ServeHTTP(w, r)
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r)
		level := slog.LevelDebug
		if sw.status >= 500 {
			level = slog.LevelError
		} else if r.Method != http.MethodGet {
			level = slog.LevelInfo
		}
		s.Log.Log(r.Context(), level, "request", "method", r.Method, "path", r.URL.Path, "status", sw.status,
			"duration_ms", time.Since(start).Milliseconds(), "client", s.clientAddr(r))
	})
}

func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.Log.Error("panic", "value", v, "stack", string(debug.Stack()))
				http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// clientAddr is the address rate limits and logs use.
func (s *Server) clientAddr(r *http.Request) string {
	if s.TrustProxy {
		// The proxy appends the address it saw; anything before that came from
		// the client and may be forged.
		if fwd := r.Header.Get("X-Forwarded-For"); fwd != "" {
			parts := strings.Split(fwd, ",")
			return strings.TrimSpace(parts[len(parts)-1])
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// secure reports whether the client reached us over TLS (directly or via a proxy
// we trust), which decides the cookies' Secure flag.
func (s *Server) secure(r *http.Request) bool {
	return r.TLS != nil || (s.TrustProxy && r.Header.Get("X-Forwarded-Proto") == "https")
}

// Request body limits of the pages. An upload (a multipart form from a
// signed-in user) may be as large as the largest import file; any other form
// is text typed by a person, bounded as net/http bounds it by default. They
// are variables only so that a test can lower them.
var (
	maxUploadBody int64 = MaxUpload
	maxFormBody   int64 = 10 << 20
	// multipartMemory is how much of a multipart form is kept in memory; the
	// rest of its files is spooled to temporary files.
	multipartMemory int64 = 32 << 20
)

// browser wraps every page: it refuses cross-site writes, loads the session,
// picks the language and, for a POST, bounds the body and, from a signed-in
// user, reads the form and checks its CSRF token (the second defence).
func (s *Server) browser(next http.HandlerFunc) http.Handler {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		st := &reqState{}
		if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
			sess, err := s.Auth.SessionFromCookie(r.Context(), c.Value)
			if err == nil {
				st.session = &sess
			} else if errs.CodeOf(err) == "" {
				s.fail(w, r, err)
				return
			}
		}
		st.lang = s.pickLanguage(r, st)
		r = r.WithContext(context.WithValue(r.Context(), reqKey, st))
		if r.Method == http.MethodPost {
			// r is a copy, so the server will not remove the temporary files
			// of its multipart form: remove them once the handler is done.
			defer func() {
				if r.MultipartForm != nil {
					r.MultipartForm.RemoveAll()
				}
			}()
			if st.session == nil {
				// A guest posts a short form (sign in, language): bound it and
				// leave reading it to the handler, which may send the guest to
				// the sign-in page.
				r.Body = http.MaxBytesReader(w, r.Body, maxFormBody)
			} else if err := readForm(w, r); err != nil {
				s.fail(w, r, err)
				return
			} else if subtle.ConstantTimeCompare([]byte(r.FormValue("csrf")), []byte(st.session.CSRF)) != 1 {
				s.fail(w, r, errs.New(errs.Forbidden, "err.csrf"))
				return
			}
		}
		next(w, r)
	})
	return s.crossOrigin.Handler(h)
}

// readForm reads a signed-in user's form, uploads included, within its
// limit: the CSRF token is read from the form, which reads the whole body, so
// the bound must come here, before any handler. A body over the limit is
// refused with the limit in the message. Any other error (a malformed form)
// is left for the CSRF check and the handler to meet as missing fields.
func readForm(w http.ResponseWriter, r *http.Request) error {
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	upload := ct == "multipart/form-data"
	limit := maxFormBody
	if upload {
		limit = maxUploadBody
	}
	tooLarge := errs.New(errs.Invalid, "err.upload_too_large", limit>>20)
	if r.ContentLength > limit {
		return tooLarge // refused before reading a byte of it
	}
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	// ParseMultipartForm would hide a plain form's error behind
	// ErrNotMultipart, so each kind is parsed by its own method.
	var err error
	if upload {
		err = r.ParseMultipartForm(multipartMemory)
	} else {
		err = r.ParseForm()
	}
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return tooLarge
	}
	return nil
}

// pickLanguage: the signed-in user's choice, else the guest's cookie, else the
// browser's Accept-Language, else Indonesian.
func (s *Server) pickLanguage(r *http.Request, st *reqState) string {
	if st.session != nil && i18n.Supported(st.session.Principal.Lang) {
		return st.session.Principal.Lang
	}
	if c, err := r.Cookie(langCookie); err == nil && i18n.Supported(c.Value) {
		return c.Value
	}
	return i18n.Match(r.Header.Get("Accept-Language"))
}

// signedIn sends guests to the login page.
func (s *Server) signedIn(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if state(r).session == nil {
			target := "/login"
			if r.Method == http.MethodGet && r.URL.RequestURI() != "/" {
				target += "?next=" + url.QueryEscape(r.URL.RequestURI())
			}
			http.Redirect(w, r, target, http.StatusSeeOther)
			return
		}
		next(w, r)
	}
}

func (s *Server) setCookie(w http.ResponseWriter, r *http.Request, name, value string, maxAge time.Duration) {
	c := &http.Cookie{Name: name, Value: value, Path: "/", HttpOnly: true, Secure: s.secure(r), SameSite: http.SameSiteLaxMode}
	if maxAge < 0 {
		c.MaxAge = -1
	} else if maxAge > 0 {
		c.MaxAge = int(maxAge.Seconds())
	}
	http.SetCookie(w, c)
}

// flash leaves a one-time message key for the next page the user sees.
func (s *Server) flash(w http.ResponseWriter, r *http.Request, key string) {
	s.setCookie(w, r, flashCookie, key, time.Minute)
}

// takeFlash reads and clears the flash message key.
func (s *Server) takeFlash(w http.ResponseWriter, r *http.Request) string {
	c, err := r.Cookie(flashCookie)
	if err != nil || !i18n.Has(c.Value) {
		return ""
	}
	s.setCookie(w, r, flashCookie, "", -1)
	return c.Value
}
