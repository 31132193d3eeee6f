package web_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/auth"
	"github.com/berdaya/berdaya/internal/dbtest"
	"github.com/berdaya/berdaya/internal/errs"
)

// eachEngine runs fn on a fresh running server per engine.
func eachEngine(t *testing.T, fn func(t *testing.T, e *env)) {
	t.Helper()
	for _, d := range dbtest.Dialects() {
		t.Run(string(d), func(t *testing.T) { fn(t, newEnv(t, d)) })
	}
}

// do sends a request with the browser's cookies and the given headers only (no
// Origin, Sec-Fetch-Site or CSRF token is added), without following redirects.
func (b *browser) do(method, path string, form url.Values, header map[string]string) (*http.Response, string) {
	b.e.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, _ := http.NewRequest(method, b.e.srv.URL+path, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := b.c.Do(req)
	if err != nil {
		b.e.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	return res, string(raw)
}

// wantAPIError checks an API error answer: its status and the one error shape.
func wantAPIError(t *testing.T, what string, status int, body map[string]any, wantStatus int, wantCode errs.Code) map[string]any {
	t.Helper()
	if status != wantStatus {
		t.Errorf("%s: status %d, want %d: %v", what, status, wantStatus, body)
		return nil
	}
	e, ok := body["error"].(map[string]any)
	if !ok || len(body) != 1 {
		t.Errorf("%s: body %v is not {\"error\": {...}}", what, body)
		return nil
	}
	if e["code"] != string(wantCode) {
		t.Errorf("%s: code %v, want %s", what, e["code"], wantCode)
	}
	if msg, _ := e["message"].(string); strings.TrimSpace(msg) == "" || strings.Contains(msg, ".err.") || strings.HasPrefix(msg, "err.") {
		t.Errorf("%s: message %q is empty or an untranslated key", what, e["message"])
	}
	return e
}

// itemNames lists the usernames in a {"items": [...]} answer.
func itemNames(t *testing.T, body map[string]any) []string {
	t.Helper()
	items, ok := body["items"].([]any)
	if !ok {
		t.Fatalf("no items in %v", body)
	}
	var out []string
	for _, it := range items {
		out = append(out, it.(map[string]any)["username"].(string))
	}
	slices.Sort(out)
	return out
}

func (e *env) userExists(username string) bool {
	e.t.Helper()
	_, err := e.m.Auth.UserByUsername(context.Background(), e.admin, username)
	if err != nil && errs.CodeOf(err) != errs.NotFound {
		e.t.Fatal(err)
	}
	return err == nil
}

func TestAPIAuthentication(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *env) {
		for _, path := range []string{"/api/v1/me", "/api/v1/regions", "/api/v1/users", "/api/v1/users/" + e.admin.UserID, "/api/v1/audit", "/api/v1/nope"} {
			status, body := e.api("GET", path, "", nil)
			wantAPIError(t, "no token "+path, status, body, http.StatusUnauthorized, errs.Unauthorized)
		}
		status, body := e.api("POST", "/api/v1/users", "", map[string]any{"username": "penyusup", "password": "sandi-penyusup", "role": "admin"})
		wantAPIError(t, "no token POST /users", status, body, http.StatusUnauthorized, errs.Unauthorized)
		for _, bad := range []string{"bdy_nonsense", e.adminToken + "x", strings.Replace(e.adminToken, "bdy_", "", 1), " "} {
			status, body := e.api("GET", "/api/v1/me", bad, nil)
			wantAPIError(t, "bad token "+bad, status, body, http.StatusUnauthorized, errs.Unauthorized)
		}
		if e.userExists("penyusup") {
			t.Error("a user was created without a token")
		}

		// Only the Bearer scheme is accepted, and a session cookie does not open the API.
		b := e.browser()
		b.login("admin", adminPassword)
		res, raw := b.do("GET", "/api/v1/me", nil, map[string]string{"Authorization": "Basic " + e.adminToken})
		if res.StatusCode != http.StatusUnauthorized || !strings.Contains(res.Header.Get("WWW-Authenticate"), "Bearer") ||
			!strings.Contains(raw, `"code":"unauthorized"`) {
			t.Errorf("basic auth with session cookie: %d %q %s", res.StatusCode, res.Header.Get("WWW-Authenticate"), raw)
		}

		// A good token works.
		status, body = e.api("GET", "/api/v1/me", e.adminToken, nil)
		if status != http.StatusOK || body["id"] != e.admin.UserID || body["username"] != "admin" || body["role"] != "admin" ||
			body["scope"] != "" || body["org_id"] != e.admin.OrgID || body["org_name"] != "Yayasan Uji" {
			t.Errorf("GET /me = %d %v", status, body)
		}
		// A revoked token stops at once.
		u, tok := e.addUser("sementara", access.Viewer, "")
		status, _ = e.api("GET", "/api/v1/me", tok, nil)
		if status != http.StatusOK {
			t.Fatalf("new token: %d", status)
		}
		toks, err := e.m.Auth.Tokens(context.Background(), e.admin, u.ID)
		if err != nil || len(toks) != 1 {
			t.Fatalf("tokens = %v, %v", toks, err)
		}
		if err := e.m.Auth.RevokeToken(context.Background(), e.admin, u.ID, toks[0].ID); err != nil {
			t.Fatal(err)
		}
		status, body = e.api("GET", "/api/v1/me", tok, nil)
		wantAPIError(t, "revoked token", status, body, http.StatusUnauthorized, errs.Unauthorized)

		// Health needs no sign-in.
		res, err = http.Get(e.srv.URL + "/healthz")
		if err != nil {
			t.Fatal(err)
		}
		hb, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK || strings.TrimSpace(string(hb)) != `{"status":"ok"}` {
			t.Errorf("/healthz = %d %s", res.StatusCode, hb)
		}

		// Unknown API paths answer 404 in the error shape, never a page.
		for _, path := range []string{"/api/v1/nope", "/api/v1/users/x/y", "/api/v2/me"} {
			status, body := e.api("GET", path, e.adminToken, nil)
			wantAPIError(t, "unknown "+path, status, body, http.StatusNotFound, errs.NotFound)
		}
	})
}

// scopeFixture adds a regency admin for Kabupaten Bandung (32.04) with a user in
// its scope (Cileunyi, 32.04.05) and one outside (Kabupaten Cilacap, 33.01).
type scopeFixture struct {
	bandung, cilacap, cileunyi auth.User
	bandungToken, viewerToken  string
}

func addScopeUsers(e *env) scopeFixture {
	var f scopeFixture
	f.bandung, f.bandungToken = e.addUser("bandung", access.Admin, "32.04")
	f.cilacap, f.viewerToken = e.addUser("cilacap", access.Viewer, "33.01")
	f.cileunyi, _ = e.addUser("cileunyi", access.Facilitator, "32.04.05")
	return f
}

func TestAPIScope(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *env) {
		f := addScopeUsers(e)
		tok := f.bandungToken

		status, body := e.api("GET", "/api/v1/users", tok, nil)
		if status != http.StatusOK {
			t.Fatalf("GET /users = %d %v", status, body)
		}
		if got := itemNames(t, body); !slices.Equal(got, []string{"bandung", "cileunyi"}) {
			t.Errorf("regency admin lists %v, want [bandung cileunyi]", got)
		}
		status, body = e.api("GET", "/api/v1/users", e.adminToken, nil)
		if got := itemNames(t, body); status != http.StatusOK || !slices.Equal(got, []string{"admin", "bandung", "cilacap", "cileunyi"}) {
			t.Errorf("national admin lists %d %v", status, got)
		}

		status, body = e.api("GET", "/api/v1/users/"+f.cileunyi.ID, tok, nil)
		if status != http.StatusOK || body["username"] != "cileunyi" || body["scope"] != "32.04.05" {
			t.Errorf("GET in-scope user = %d %v", status, body)
		}
		if _, leaked := body["password_hash"]; leaked {
			t.Errorf("user body has a password hash: %v", body)
		}
		for _, id := range []string{f.cilacap.ID, e.admin.UserID, "tidak-ada"} {
			status, body = e.api("GET", "/api/v1/users/"+id, tok, nil)
			wantAPIError(t, "GET out-of-scope user "+id, status, body, http.StatusNotFound, errs.NotFound)
		}

		// Creating: outside or above the scope is forbidden, inside is fine.
		for _, scope := range []string{"33", "", "32", "33.01"} {
			status, body = e.api("POST", "/api/v1/users", tok, map[string]any{"username": "luar", "password": "sandi-luar", "role": "viewer", "scope": scope})
			wantAPIError(t, "POST scope "+scope, status, body, http.StatusForbidden, errs.Forbidden)
		}
		if e.userExists("luar") {
			t.Error("out-of-scope user was created")
		}
		status, body = e.api("POST", "/api/v1/users", tok, map[string]any{"username": "Desa.Baru", "name": "Desa Baru", "password": "sandi-desa-baru", "role": "facilitator", "scope": "32.04.05"})
		if status != http.StatusCreated || body["username"] != "desa.baru" || body["scope"] != "32.04.05" || body["role"] != "facilitator" ||
			body["org_id"] != e.admin.OrgID || body["id"] == "" || body["disabled"] != false {
			t.Errorf("POST in scope = %d %v", status, body)
		}

		// Changing someone out of scope is not found; moving someone out is forbidden.
		status, body = e.api("PATCH", "/api/v1/users/"+f.cilacap.ID, tok, map[string]any{"name": "Diubah", "disabled": true})
		wantAPIError(t, "PATCH out of scope", status, body, http.StatusNotFound, errs.NotFound)
		status, body = e.api("PATCH", "/api/v1/users/"+f.cileunyi.ID, tok, map[string]any{"scope": "33.01"})
		wantAPIError(t, "PATCH move out of scope", status, body, http.StatusForbidden, errs.Forbidden)
		status, body = e.api("PATCH", "/api/v1/users/"+f.cileunyi.ID, tok, map[string]any{"name": "Pak Cileunyi", "role": "manager"})
		if status != http.StatusOK || body["name"] != "Pak Cileunyi" || body["role"] != "manager" || body["scope"] != "32.04.05" {
			t.Errorf("PATCH in scope = %d %v", status, body)
		}
		status, body = e.api("PATCH", "/api/v1/users/"+f.bandung.ID, tok, map[string]any{"disabled": true})
		wantAPIError(t, "PATCH disable self", status, body, http.StatusUnprocessableEntity, errs.Invalid)
		u, err := e.m.Auth.GetUser(context.Background(), e.admin, f.cilacap.ID)
		if err != nil || u.Name != "cilacap" || u.Disabled {
			t.Errorf("out-of-scope user after refused PATCH = %+v, %v", u, err)
		}

		// A viewer may not manage users at all.
		status, body = e.api("GET", "/api/v1/users", f.viewerToken, nil)
		wantAPIError(t, "viewer GET /users", status, body, http.StatusForbidden, errs.Forbidden)
		status, body = e.api("POST", "/api/v1/users", f.viewerToken, map[string]any{"username": "olehviewer", "password": "sandi-olehviewer", "role": "viewer", "scope": "33.01"})
		wantAPIError(t, "viewer POST /users", status, body, http.StatusForbidden, errs.Forbidden)
		status, body = e.api("GET", "/api/v1/audit", f.viewerToken, nil)
		wantAPIError(t, "viewer GET /audit", status, body, http.StatusForbidden, errs.Forbidden)

		// The regency admin's audit trail stays in its scope.
		status, body = e.api("GET", "/api/v1/audit", tok, nil)
		items, _ := body["items"].([]any)
		if status != http.StatusOK || len(items) == 0 {
			t.Fatalf("GET /audit = %d %v", status, body)
		}
		for _, it := range items {
			rc, _ := it.(map[string]any)["region_code"].(string)
			if rc != "32.04" && !strings.HasPrefix(rc, "32.04.") {
				t.Errorf("regency admin sees audit entry at %q", rc)
			}
		}

		// Input errors.
		status, body = e.api("POST", "/api/v1/users", tok, map[string]any{"username": "X!", "password": "pendek", "role": "viewer", "scope": "32.04"})
		if er := wantAPIError(t, "invalid fields", status, body, http.StatusUnprocessableEntity, errs.Invalid); er != nil {
			fields, _ := er["fields"].(map[string]any)
			if fields["username"] == nil || fields["password"] == nil || fields["username"] == "user.err.username" {
				t.Errorf("fields = %v, want translated username and password", fields)
			}
		}
		for name, raw := range map[string]string{
			"malformed":     `{"username": "rusak", `,
			"unknown field": `{"username": "asing", "password": "sandi-asing", "role": "viewer", "scope": "32.04", "is_root": true}`,
			"two values":    `{"username": "dua", "password": "sandi-dua", "role": "viewer", "scope": "32.04"} {}`,
			"not an object": `["a"]`,
		} {
			status, body := rawAPI(t, e, "POST", "/api/v1/users", tok, raw)
			wantAPIError(t, name, status, body, http.StatusBadRequest, errs.BadRequest)
		}
		status, body = rawAPI(t, e, "PATCH", "/api/v1/users/"+f.cileunyi.ID, tok, `{"disabld": true}`)
		wantAPIError(t, "PATCH unknown field", status, body, http.StatusBadRequest, errs.BadRequest)
		for _, name := range []string{"rusak", "asing", "dua"} {
			if e.userExists(name) {
				t.Errorf("user %s was created from a bad request", name)
			}
		}
		status, body = e.api("POST", "/api/v1/users", tok, map[string]any{"username": "CILEUNYI", "password": "sandi-lain-1", "role": "viewer", "scope": "32.04"})
		if er := wantAPIError(t, "duplicate", status, body, http.StatusConflict, errs.Conflict); er != nil {
			if fields, _ := er["fields"].(map[string]any); fields["username"] == nil {
				t.Errorf("duplicate: fields = %v", er["fields"])
			}
		}
		// A username taken outside the caller's scope is still taken (usernames are global).
		status, body = e.api("POST", "/api/v1/users", tok, map[string]any{"username": "cilacap", "password": "sandi-lain-1", "role": "viewer", "scope": "32.04"})
		wantAPIError(t, "duplicate out of scope", status, body, http.StatusConflict, errs.Conflict)
	})
}

// rawAPI sends body as it is, for malformed-JSON tests.
func rawAPI(t *testing.T, e *env, method, path, token, body string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(method, e.srv.URL+path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out map[string]any
	raw, _ := io.ReadAll(res.Body)
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("%s %s: not JSON (%d): %s", method, path, res.StatusCode, raw)
	}
	return res.StatusCode, out
}

func TestWebScope(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *env) {
		f := addScopeUsers(e)
		b := e.browser()
		b.login("bandung", "sandi-bandung")

		status, body := b.get("/admin/users")
		if status != http.StatusOK {
			t.Fatalf("GET /admin/users = %d", status)
		}
		if !strings.Contains(body, ">cileunyi<") || !strings.Contains(body, ">bandung<") {
			t.Errorf("users page misses in-scope users:\n%s", body)
		}
		if strings.Contains(body, ">cilacap<") || strings.Contains(body, f.cilacap.ID) || strings.Contains(body, ">admin<") {
			t.Errorf("users page shows an out-of-scope user:\n%s", body)
		}

		for _, id := range []string{f.cilacap.ID, e.admin.UserID} {
			status, body = b.get("/admin/users/" + id)
			if status != http.StatusNotFound || strings.Contains(body, "cilacap") {
				t.Errorf("GET /admin/users/%s = %d", id, status)
			}
		}
		if status, _ = b.get("/admin/users/" + f.cileunyi.ID); status != http.StatusOK {
			t.Errorf("GET in-scope user page = %d", status)
		}

		b.get("/admin/users/new")
		res, body := b.post("/admin/users", url.Values{"username": {"jateng"}, "password": {"sandi-jateng"}, "role": {"viewer"}, "scope": {"33"}})
		if res.StatusCode != http.StatusForbidden || res.Header.Get("Location") != "" {
			t.Errorf("POST /admin/users scope 33 = %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		if e.userExists("jateng") {
			t.Error("out-of-scope user was created through the web")
		}
		// Changing or resetting an out-of-scope user through the web is not found.
		b.get("/admin/users/" + f.cileunyi.ID)
		res, _ = b.post("/admin/users/"+f.cilacap.ID, url.Values{"action": {"disable"}})
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("disable out-of-scope user = %d", res.StatusCode)
		}
		res, _ = b.post("/admin/users/"+f.cilacap.ID+"/password", url.Values{"password": {"sandi-baru-99"}, "password2": {"sandi-baru-99"}})
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("reset out-of-scope password = %d", res.StatusCode)
		}
		if u, _ := e.m.Auth.GetUser(context.Background(), e.admin, f.cilacap.ID); u.Disabled {
			t.Error("out-of-scope user was disabled")
		}
		if _, err := e.m.Auth.Login(context.Background(), "cilacap", "sandi-cilacap", "192.0.2.1"); err != nil {
			t.Errorf("out-of-scope user's password changed: %v", err)
		}
		// In scope, it works.
		res, _ = b.post("/admin/users", url.Values{"username": {"cileunyi2"}, "password": {"sandi-cileunyi2"}, "role": {"viewer"}, "scope": {"32.04.05"}})
		if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/admin/users/") || !e.userExists("cileunyi2") {
			t.Errorf("POST /admin/users in scope = %d %s", res.StatusCode, res.Header.Get("Location"))
		}

		// A viewer gets no user pages.
		v := e.browser()
		v.login("cilacap", "sandi-cilacap")
		if status, _ := v.get("/admin/users"); status != http.StatusForbidden {
			t.Errorf("viewer GET /admin/users = %d", status)
		}
		if status, _ := v.get("/admin/audit"); status != http.StatusForbidden {
			t.Errorf("viewer GET /admin/audit = %d", status)
		}
	})
}

func TestCSRF(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *env) {
		b := e.browser()
		b.login("admin", adminPassword)
		b.get("/admin/users/new")
		if b.csrf == "" {
			t.Fatal("no CSRF token on the new-user form")
		}
		form := func(username string) url.Values {
			return url.Values{"username": {username}, "password": {"sandi-" + username}, "role": {"viewer"}}
		}

		// Wrong or missing token.
		res, _ := b.post("/admin/users", withCSRF(form("palsu1"), "salah"))
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("wrong csrf = %d", res.StatusCode)
		}
		res, _ = b.do("POST", "/admin/users", form("palsu2"), map[string]string{"Origin": e.srv.URL, "Sec-Fetch-Site": "same-origin"})
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("missing csrf = %d", res.StatusCode)
		}
		// Another site, even with the right token.
		cross := map[string]string{"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"}
		res, _ = b.do("POST", "/admin/users", withCSRF(form("palsu3"), b.csrf), cross)
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("cross-site with right csrf = %d", res.StatusCode)
		}
		res, _ = b.do("POST", "/admin/users", withCSRF(form("palsu4"), b.csrf), map[string]string{"Origin": "https://evil.example"})
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("foreign Origin alone with right csrf = %d", res.StatusCode)
		}
		res, _ = b.do("POST", "/logout", url.Values{"csrf": {b.csrf}}, cross)
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("cross-site logout = %d", res.StatusCode)
		}
		for _, u := range []string{"palsu1", "palsu2", "palsu3", "palsu4"} {
			if e.userExists(u) {
				t.Errorf("user %s was created by a forged request", u)
			}
		}
		// Still signed in, and the genuine form works.
		if status, _ := b.get("/admin/users"); status != http.StatusOK {
			t.Errorf("after forged requests GET /admin/users = %d", status)
		}
		res, _ = b.post("/admin/users", form("asli"))
		if res.StatusCode != http.StatusSeeOther || !e.userExists("asli") {
			t.Errorf("genuine POST = %d", res.StatusCode)
		}
		// Another user's CSRF token does not work for this session.
		other := e.browser()
		other.login("asli", "sandi-asli")
		res, _ = b.post("/admin/users", withCSRF(form("palsu5"), other.csrf))
		if res.StatusCode != http.StatusForbidden || e.userExists("palsu5") {
			t.Errorf("another session's csrf = %d", res.StatusCode)
		}

		// Logging in from another site (login CSRF) is refused too.
		guest := e.browser()
		res, _ = guest.do("POST", "/login", url.Values{"username": {"admin"}, "password": {adminPassword}}, cross)
		if res.StatusCode != http.StatusForbidden || hasCookie(res, "berdaya_session") {
			t.Errorf("cross-site login = %d, cookies %v", res.StatusCode, res.Cookies())
		}
		res, _ = guest.do("POST", "/lang", url.Values{"lang": {"en"}}, cross)
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("cross-site /lang = %d", res.StatusCode)
		}
	})
}

func withCSRF(v url.Values, token string) url.Values {
	v.Set("csrf", token)
	return v
}

func hasCookie(res *http.Response, name string) bool {
	for _, c := range res.Cookies() {
		if c.Name == name && c.Value != "" {
			return true
		}
	}
	return false
}

func TestLoginRateLimitHTTP(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *env) {
		b := e.browser()
		for i := range 5 {
			res, body := b.post("/login", url.Values{"username": {"admin"}, "password": {"salah-" + string(rune('a'+i))}})
			if res.StatusCode != http.StatusUnauthorized || res.Header.Get("Location") != "" || !strings.Contains(body, `action="/login"`) {
				t.Fatalf("wrong password %d = %d %s", i+1, res.StatusCode, res.Header.Get("Location"))
			}
			if strings.Contains(body, "salah-") || !strings.Contains(body, `value="admin"`) {
				t.Errorf("failed login page echoes the password or loses the username")
			}
		}
		res, body := b.post("/login", url.Values{"username": {"admin"}, "password": {adminPassword}})
		if res.StatusCode != http.StatusTooManyRequests {
			t.Fatalf("sixth try = %d, want 429", res.StatusCode)
		}
		if res.Header.Get("Location") != "" || hasCookie(res, "berdaya_session") {
			t.Errorf("rate-limited login redirected or set a session: %q %v", res.Header.Get("Location"), res.Cookies())
		}
		if !strings.Contains(res.Header.Get("Content-Type"), "text/html") || !strings.Contains(body, "15") || !strings.Contains(body, `action="/login"`) {
			t.Errorf("rate-limited login page:\n%s", body)
		}
		// The limit is per username: another user still signs in.
		e.addUser("siti", access.Viewer, "")
		e.browser().login("siti", "sandi-siti")
	})
}

func TestLanguage(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *env) {
		guest := e.browser()
		_, en := guest.do("GET", "/login", nil, map[string]string{"Accept-Language": "en-US,en;q=0.9"})
		if !strings.Contains(en, "Log in") || strings.Contains(en, "Masuk") || !strings.Contains(en, `<html lang="en">`) {
			t.Errorf("login page for en-US is not English:\n%s", en)
		}
		_, id := guest.do("GET", "/login", nil, map[string]string{"Accept-Language": "id"})
		if !strings.Contains(id, "Masuk") || strings.Contains(id, "Log in") || !strings.Contains(id, `<html lang="id">`) {
			t.Errorf("login page for id is not Indonesian:\n%s", id)
		}
		_, none := guest.do("GET", "/login", nil, nil)
		if !strings.Contains(none, "Masuk") {
			t.Error("login page without Accept-Language is not Indonesian")
		}
		// API errors follow Accept-Language when there is no user.
		res, raw := guest.do("GET", "/api/v1/me", nil, map[string]string{"Accept-Language": "en"})
		if res.StatusCode != http.StatusUnauthorized || !strings.Contains(raw, "Send an API token") {
			t.Errorf("English API error: %d %s", res.StatusCode, raw)
		}

		// A signed-in user's choice is stored on the user.
		u, tok := e.addUser("siti", access.Viewer, "")
		b := e.browser()
		b.login("siti", "sandi-siti")
		if _, home := b.get("/"); !strings.Contains(home, `<html lang="id">`) || !strings.Contains(home, "Keluar") {
			t.Fatalf("home before choosing is not Indonesian")
		}
		res, _ = b.post("/lang", url.Values{"lang": {"en"}, "next": {"/account"}})
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/account" {
			t.Fatalf("POST /lang = %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		if _, home := b.get("/"); !strings.Contains(home, `<html lang="en">`) || !strings.Contains(home, "Log out") {
			t.Errorf("home after choosing English is not English")
		}
		// A fresh browser (no language cookie, Indonesian Accept-Language) still gets English.
		fresh := e.browser()
		fresh.login("siti", "sandi-siti")
		res, home := fresh.do("GET", "/", nil, map[string]string{"Accept-Language": "id"})
		if res.StatusCode != http.StatusOK || !strings.Contains(home, `<html lang="en">`) || !strings.Contains(home, "Log out") {
			t.Errorf("stored language not used on a new sign-in: %d", res.StatusCode)
		}
		status, me := e.api("GET", "/api/v1/me", tok, nil)
		if status != http.StatusOK || me["lang"] != "en" || me["id"] != u.ID {
			t.Errorf("GET /me = %d %v", status, me)
		}
		// An unsupported language is refused and changes nothing.
		res, _ = b.post("/lang", url.Values{"lang": {"fr"}})
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("POST /lang fr = %d", res.StatusCode)
		}
		if _, me := e.api("GET", "/api/v1/me", tok, nil); me["lang"] != "en" {
			t.Errorf("lang after refused change = %v", me["lang"])
		}
		// The redirect after choosing stays on this site.
		res, _ = b.post("/lang", url.Values{"lang": {"id"}, "next": {"//evil.example/"}})
		if loc := res.Header.Get("Location"); loc != "/" {
			t.Errorf("open redirect through /lang: %q", loc)
		}
	})
}

func TestSessionCookie(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *env) {
		b := e.browser()
		b.get("/login")
		res, _ := b.post("/login", url.Values{"username": {"admin"}, "password": {adminPassword}, "next": {"/regions"}})
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/regions" {
			t.Fatalf("login = %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		var sess *http.Cookie
		for _, c := range res.Cookies() {
			if c.Name == "berdaya_session" {
				sess = c
			}
		}
		if sess == nil {
			t.Fatalf("no session cookie in %v", res.Header["Set-Cookie"])
		}
		if !sess.HttpOnly || sess.SameSite != http.SameSiteLaxMode || sess.Path != "/" || sess.Value == "" ||
			sess.MaxAge != int(auth.SessionTTL/time.Second) {
			t.Errorf("session cookie = %+v (%v)", sess, res.Header["Set-Cookie"])
		}
		if strings.Contains(sess.Value, adminPassword) {
			t.Error("the session cookie carries the password")
		}
		// Security headers on pages.
		for h, want := range map[string]string{"X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff"} {
			if got := res.Header.Get(h); got != want {
				t.Errorf("%s = %q, want %q", h, got, want)
			}
		}
		if !strings.Contains(res.Header.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
			t.Errorf("CSP = %q", res.Header.Get("Content-Security-Policy"))
		}
		// A login page's "next" cannot send the user to another site.
		for _, next := range []string{"//evil.example/", "https://evil.example/", "/\\evil.example"} {
			res, _ := e.browser().post("/login", url.Values{"username": {"admin"}, "password": {adminPassword}, "next": {next}})
			if loc := res.Header.Get("Location"); loc != "/" {
				t.Errorf("login next=%q redirects to %q", next, loc)
			}
		}

		// Logging out ends the session on the server, not only in the browser.
		b.get("/")
		res, _ = b.post("/logout", url.Values{})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("logout = %d", res.StatusCode)
		}
		if _, err := e.m.Auth.SessionFromCookie(context.Background(), sess.Value); errs.CodeOf(err) != errs.Unauthorized {
			t.Errorf("session after logout: %v", err)
		}
		replay := e.browser()
		res, _ = replay.do("GET", "/admin/users", nil, map[string]string{"Cookie": "berdaya_session=" + sess.Value})
		if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login") {
			t.Errorf("replayed cookie after logout = %d %s", res.StatusCode, res.Header.Get("Location"))
		}
	})
}
