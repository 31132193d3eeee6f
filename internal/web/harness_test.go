package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/app"
	"github.com/berdaya/berdaya/internal/auth"
	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/dbtest"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// env is a running Berdaya on a fresh database with one national admin.
type env struct {
	t          *testing.T
	m          *app.Main
	srv        *httptest.Server
	admin      access.Principal
	adminToken string
}

const adminPassword = "rahasia-admin-1"

func newEnv(t *testing.T, dialect db.Dialect) *env {
	t.Helper()
	ctx := context.Background()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	m, err := app.Open(ctx, dbtest.Source(t, dialect), log)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	org, u, err := m.Auth.Bootstrap(ctx, "Yayasan Uji", auth.NewUser{Username: "admin", Name: "Admin Nasional", Password: adminPassword})
	if err != nil {
		t.Fatal(err)
	}
	h, err := m.Handler(false)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	e := &env{t: t, m: m, srv: srv, admin: u.Principal(org)}
	e.adminToken = e.token(e.admin, u.ID)
	return e
}

// token makes an API token for user id, acting as p.
func (e *env) token(p access.Principal, userID string) string {
	e.t.Helper()
	secret, _, err := e.m.Auth.CreateToken(context.Background(), p, userID, "test")
	if err != nil {
		e.t.Fatal(err)
	}
	return secret
}

// addUser creates a user through the service as the national admin and returns
// it with an API token.
func (e *env) addUser(username string, role access.Role, scope string) (auth.User, string) {
	e.t.Helper()
	u, err := e.m.Auth.CreateUser(context.Background(), e.admin, auth.NewUser{Username: username, Password: "sandi-" + username, Role: role, Scope: scope})
	if err != nil {
		e.t.Fatal(err)
	}
	return u, e.token(e.admin, u.ID)
}

// fetch sends a request with a bearer token ("" for none) and returns the raw answer.
func (e *env) fetch(method, path, token string, body io.Reader) (int, string) {
	e.t.Helper()
	req, _ := http.NewRequest(method, e.srv.URL+path, body)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(raw)
}

// api sends a JSON request with a bearer token ("" for none) and decodes the answer.
func (e *env) api(method, path, token string, body any) (int, map[string]any) {
	e.t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	status, raw := e.fetch(method, path, token, rd)
	var out map[string]any
	if raw != "" {
		if err := json.Unmarshal([]byte(raw), &out); err != nil {
			e.t.Fatalf("%s %s: not JSON (%d): %s", method, path, status, raw)
		}
	}
	return status, out
}

// browser is a cookie-keeping client that does not follow redirects, so tests
// can see them.
type browser struct {
	e    *env
	c    *http.Client
	csrf string
}

func (e *env) browser() *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{e: e, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// get fetches a page and remembers its CSRF token.
func (b *browser) get(path string) (int, string) {
	b.e.t.Helper()
	res, err := b.c.Get(b.e.srv.URL + path)
	if err != nil {
		b.e.t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if m := csrfField.FindSubmatch(body); m != nil {
		b.csrf = string(m[1])
	}
	return res.StatusCode, string(body)
}

// post submits a form as the same site would (Origin set to the server), adding
// the remembered CSRF token unless the form has one.
func (b *browser) post(path string, form url.Values) (*http.Response, string) {
	b.e.t.Helper()
	if form.Get("csrf") == "" && b.csrf != "" {
		form.Set("csrf", b.csrf)
	}
	req, _ := http.NewRequest("POST", b.e.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", b.e.srv.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	res, err := b.c.Do(req)
	if err != nil {
		b.e.t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res, string(body)
}

// login signs the browser in and fails the test if that does not work.
func (b *browser) login(username, password string) {
	b.e.t.Helper()
	res, body := b.post("/login", url.Values{"username": {username}, "password": {password}})
	if res.StatusCode != http.StatusSeeOther {
		b.e.t.Fatalf("login %s: status %d: %s", username, res.StatusCode, body)
	}
	b.get("/")
}
