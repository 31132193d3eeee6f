package auth_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/audit"
	"github.com/berdaya/berdaya/internal/auth"
	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/dbtest"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/region"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

const adminPassword = "rahasia-admin-1"

// fixture is a fresh database with one organisation and its national admin.
type fixture struct {
	t     *testing.T
	ctx   context.Context
	svc   *auth.Service
	audit *audit.Service
	org   auth.Org
	admin auth.User
	p     access.Principal // the national admin
	now   time.Time        // the service's clock; tests move it
}

func newService(d *db.DB) (*auth.Service, *audit.Service) {
	a := audit.NewService(d)
	return auth.NewService(d, a, region.NewService(d)), a
}

func setup(t *testing.T, d *db.DB) *fixture {
	t.Helper()
	f := &fixture{t: t, ctx: context.Background(), now: time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC)}
	f.svc, f.audit = newService(d)
	f.svc.SetClock(func() time.Time { return f.now })
	var err error
	f.org, f.admin, err = f.svc.Bootstrap(f.ctx, "Yayasan Uji", auth.NewUser{Username: "admin", Name: "Admin Nasional", Password: adminPassword})
	if err != nil {
		t.Fatal(err)
	}
	f.p = f.admin.Principal(f.org)
	return f
}

// add creates a user as the national admin; its password is "sandi-"+username.
func (f *fixture) add(username string, role access.Role, scope string) auth.User {
	f.t.Helper()
	u, err := f.svc.CreateUser(f.ctx, f.p, auth.NewUser{Username: username, Password: "sandi-" + username, Role: role, Scope: scope})
	if err != nil {
		f.t.Fatalf("create %s: %v", username, err)
	}
	return u
}

// wantCode fails unless err is a domain error with code, and returns it.
func wantCode(t *testing.T, err error, code errs.Code) *errs.Error {
	t.Helper()
	e, ok := errs.As(err)
	if !ok {
		t.Fatalf("want %s error, got %v", code, err)
	}
	if e.Code != code {
		t.Fatalf("want %s error, got %v", code, err)
	}
	return e
}

func usernames(users []auth.User) []string {
	var out []string
	for _, u := range users {
		out = append(out, u.Username)
	}
	slices.Sort(out)
	return out
}

func TestBootstrap(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		svc, aud := newService(d)
		if has, err := svc.HasUsers(ctx); err != nil || has {
			t.Fatalf("empty install: HasUsers = %v, %v", has, err)
		}
		// Bootstrap ignores any role or scope asked for: the first user is a national admin.
		org, u, err := svc.Bootstrap(ctx, "  Yayasan Uji ", auth.NewUser{Username: " Admin ", Password: adminPassword, Role: access.Viewer, Scope: "32.04"})
		if err != nil {
			t.Fatal(err)
		}
		if org.ID == "" || org.Name != "Yayasan Uji" || org.Kind != "other" || org.CreatedAt.IsZero() {
			t.Errorf("org = %+v", org)
		}
		if u.OrgID != org.ID || u.ID == "" || u.Username != "admin" || u.Name != "admin" || u.Role != access.Admin ||
			u.Scope != "" || u.Lang != "id" || u.Disabled {
			t.Errorf("admin = %+v", u)
		}
		if has, err := svc.HasUsers(ctx); err != nil || !has {
			t.Errorf("after bootstrap: HasUsers = %v, %v", has, err)
		}
		orgs, err := svc.Orgs(ctx)
		if err != nil || len(orgs) != 1 || orgs[0].ID != org.ID || orgs[0].Name != "Yayasan Uji" {
			t.Errorf("Orgs = %+v, %v", orgs, err)
		}
		p := u.Principal(org)
		if p.OrgName != "Yayasan Uji" || p.UserID != u.ID || p.Role != access.Admin || p.Scope != "" {
			t.Errorf("principal = %+v", p)
		}
		got, err := svc.GetUser(ctx, p, u.ID)
		if err != nil || got.Username != "admin" || got.Role != access.Admin {
			t.Errorf("GetUser = %+v, %v", got, err)
		}
		entries, err := aud.List(ctx, p, audit.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != 2 {
			t.Fatalf("audit entries = %d, want 2 (org, user)", len(entries))
		}
		// Newest first: the user, then the organisation.
		if entries[0].Entity != "user" || entries[0].EntityID != u.ID || entries[0].Action != "create" ||
			entries[1].Entity != "org" || entries[1].EntityID != org.ID || entries[1].Action != "create" {
			t.Errorf("audit entries = %+v", entries)
		}
		if rep, err := aud.Verify(ctx); err != nil || !rep.OK() || rep.Orgs != 1 || rep.Entries != 2 {
			t.Errorf("Verify = %+v, %v", rep, err)
		}

		// A second organisation: an empty name gets the default; its users are its own.
		org2, u2, err := svc.Bootstrap(ctx, " ", auth.NewUser{Username: "kedua", Password: "rahasia-kedua"})
		if err != nil {
			t.Fatal(err)
		}
		if org2.Name != auth.DefaultOrgName || org2.ID == org.ID {
			t.Errorf("second org = %+v", org2)
		}
		users, err := svc.ListUsers(ctx, u2.Principal(org2))
		if err != nil || !slices.Equal(usernames(users), []string{"kedua"}) {
			t.Errorf("second org users = %v, %v", usernames(users), err)
		}
		if _, err := svc.GetUser(ctx, u2.Principal(org2), u.ID); errs.CodeOf(err) != errs.NotFound {
			t.Errorf("GetUser across organisations: %v, want not found", err)
		}
		// Usernames are unique across the install; a clash leaves no half-made org.
		_, _, err = svc.Bootstrap(ctx, "Ketiga", auth.NewUser{Username: "admin", Password: "rahasia-ketiga"})
		wantCode(t, err, errs.Conflict)
		if orgs, _ := svc.Orgs(ctx); len(orgs) != 2 {
			t.Errorf("orgs after failed bootstrap = %d, want 2", len(orgs))
		}
		// Bootstrap validates its input too.
		_, _, err = svc.Bootstrap(ctx, "Keempat", auth.NewUser{Username: "x", Password: "short"})
		e := wantCode(t, err, errs.Invalid)
		if e.Fields["username"] == "" || e.Fields["password"] == "" {
			t.Errorf("fields = %v", e.Fields)
		}
	})
}

func TestNewUserValidation(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := setup(t, d)
		cases := []struct {
			name  string
			in    auth.NewUser
			field string
			msg   string
		}{
			{"short username", auth.NewUser{Username: "ab", Password: "panjang-sekali", Role: access.Viewer}, "username", "user.err.username"},
			{"bad characters", auth.NewUser{Username: "budi santoso!", Password: "panjang-sekali", Role: access.Viewer}, "username", "user.err.username"},
			{"leading dot", auth.NewUser{Username: ".budi", Password: "panjang-sekali", Role: access.Viewer}, "username", "user.err.username"},
			{"too long", auth.NewUser{Username: strings.Repeat("a", 33), Password: "panjang-sekali", Role: access.Viewer}, "username", "user.err.username"},
			{"short password", auth.NewUser{Username: "budi", Password: "1234567", Role: access.Viewer}, "password", "user.err.password_short"},
			{"password is username", auth.NewUser{Username: "budiman1", Password: "BUDIMAN1", Role: access.Viewer}, "password", "user.err.password_username"},
			{"unknown role", auth.NewUser{Username: "budi", Password: "panjang-sekali", Role: "boss"}, "role", "user.err.role"},
			{"no role", auth.NewUser{Username: "budi", Password: "panjang-sekali"}, "role", "user.err.role"},
			{"scope letters", auth.NewUser{Username: "budi", Password: "panjang-sekali", Role: access.Viewer, Scope: "3X.04"}, "scope", "region.err.code_format"},
			{"scope badly dotted", auth.NewUser{Username: "budi", Password: "panjang-sekali", Role: access.Viewer, Scope: "32.4"}, "scope", "region.err.code_format"},
			{"scope too long", auth.NewUser{Username: "budi", Password: "panjang-sekali", Role: access.Viewer, Scope: "32.04.05.2001.1"}, "scope", "region.err.code_format"},
			{"scope unknown region", auth.NewUser{Username: "budi", Password: "panjang-sekali", Role: access.Viewer, Scope: "99"}, "scope", "region.err.not_found"},
			{"unknown language", auth.NewUser{Username: "budi", Password: "panjang-sekali", Role: access.Viewer, Lang: "fr"}, "lang", "user.err.lang"},
		}
		for _, c := range cases {
			_, err := f.svc.CreateUser(f.ctx, f.p, c.in)
			e, ok := errs.As(err)
			if !ok || e.Code != errs.Invalid {
				t.Errorf("%s: got %v, want invalid", c.name, err)
				continue
			}
			if e.Fields[c.field] != c.msg {
				t.Errorf("%s: fields = %v, want %s: %s", c.name, e.Fields, c.field, c.msg)
			}
		}
		// Several problems at once are all reported.
		_, err := f.svc.CreateUser(f.ctx, f.p, auth.NewUser{Username: "A", Password: "a", Role: "x", Scope: "abc", Lang: "xx"})
		e := wantCode(t, err, errs.Invalid)
		for _, field := range []string{"username", "password", "role", "scope", "lang"} {
			if e.Fields[field] == "" {
				t.Errorf("all bad: no message for %s in %v", field, e.Fields)
			}
		}
		users, err := f.svc.ListUsers(f.ctx, f.p)
		if err != nil || !slices.Equal(usernames(users), []string{"admin"}) {
			t.Errorf("users after invalid input = %v, %v", usernames(users), err)
		}

		// Input is normalised: trimmed, lower-cased, name defaulted, undotted scope dotted.
		u, err := f.svc.CreateUser(f.ctx, f.p, auth.NewUser{Username: "  Siti.Aminah ", Password: "panjang-sekali", Role: access.Facilitator, Scope: " 3204 "})
		if err != nil {
			t.Fatal(err)
		}
		if u.Username != "siti.aminah" || u.Name != "siti.aminah" || u.Scope != "32.04" || u.Lang != "id" || u.Role != access.Facilitator {
			t.Errorf("normalised user = %+v", u)
		}

		// A username is taken whatever its case; the clash names the field.
		_, err = f.svc.CreateUser(f.ctx, f.p, auth.NewUser{Username: "SITI.AMINAH", Password: "lain-sekali", Role: access.Viewer})
		e = wantCode(t, err, errs.Conflict)
		if e.Fields["username"] != "user.err.username_taken" {
			t.Errorf("conflict fields = %v", e.Fields)
		}
		users, _ = f.svc.ListUsers(f.ctx, f.p)
		if !slices.Equal(usernames(users), []string{"admin", "siti.aminah"}) {
			t.Errorf("users after conflict = %v", usernames(users))
		}
	})
}

func TestLogin(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := setup(t, d)
		siti := f.add("siti", access.Viewer, "32.04")

		sess, err := f.svc.Login(f.ctx, " ADMIN ", adminPassword, "10.0.0.1")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(sess.Cookie, f.org.ID+".") || len(sess.Cookie) < len(f.org.ID)+40 || sess.CSRF == "" {
			t.Errorf("session = %+v", sess)
		}
		if p := sess.Principal; p.UserID != f.admin.ID || p.Username != "admin" || p.Role != access.Admin || p.OrgName != "Yayasan Uji" {
			t.Errorf("principal = %+v", p)
		}
		s2, err := f.svc.Login(f.ctx, "siti", "sandi-siti", "10.0.0.1")
		if err != nil {
			t.Fatal(err)
		}
		if s2.Cookie == sess.Cookie || s2.CSRF == sess.CSRF || s2.Principal.Scope != "32.04" || s2.Principal.Role != access.Viewer {
			t.Errorf("second session = %+v", s2)
		}

		// A wrong password, an unknown user and a disabled user get the same answer.
		var msgs []string
		_, err = f.svc.Login(f.ctx, "admin", "salah-sekali", "10.0.0.2")
		msgs = append(msgs, wantCode(t, err, errs.Unauthorized).Msg)
		_, err = f.svc.Login(f.ctx, "tidakada", "sandi-tidakada", "10.0.0.2")
		msgs = append(msgs, wantCode(t, err, errs.Unauthorized).Msg)
		_, err = f.svc.Login(f.ctx, "", "", "10.0.0.2")
		msgs = append(msgs, wantCode(t, err, errs.Unauthorized).Msg)
		disabled := true
		if _, err := f.svc.UpdateUser(f.ctx, f.p, siti.ID, auth.Update{Disabled: &disabled}); err != nil {
			t.Fatal(err)
		}
		_, err = f.svc.Login(f.ctx, "siti", "sandi-siti", "10.0.0.2")
		msgs = append(msgs, wantCode(t, err, errs.Unauthorized).Msg)
		for _, m := range msgs {
			if m != "auth.err.bad_login" {
				t.Errorf("login failure messages = %v, want all auth.err.bad_login", msgs)
				break
			}
		}
		// Disabling ended siti's open session.
		if _, err := f.svc.SessionFromCookie(f.ctx, s2.Cookie); errs.CodeOf(err) != errs.Unauthorized {
			t.Errorf("disabled user's session: %v, want unauthorized", err)
		}
		// Enabled again, siti can sign in.
		enabled := false
		if _, err := f.svc.UpdateUser(f.ctx, f.p, siti.ID, auth.Update{Disabled: &enabled}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Login(f.ctx, "siti", "sandi-siti", "10.0.0.3"); err != nil {
			t.Errorf("re-enabled user: %v", err)
		}

		// Every successful sign-in is in the audit trail, failures are not writes.
		logins, err := f.audit.List(f.ctx, f.p, audit.Filter{Action: "login"})
		if err != nil {
			t.Fatal(err)
		}
		var who []string
		for _, e := range logins {
			who = append(who, e.ActorName)
		}
		if !slices.Equal(who, []string{"siti", "siti", "admin"}) {
			t.Errorf("login audit actors (newest first) = %v", who)
		}
	})
}

func TestLoginRateLimit(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := setup(t, d)
		f.add("siti", access.Viewer, "")
		start := f.now
		for i := range 5 {
			f.now = start.Add(time.Duration(i) * time.Second)
			_, err := f.svc.Login(f.ctx, "admin", "salah-"+string(rune('a'+i)), "10.0.0.1")
			wantCode(t, err, errs.Unauthorized)
		}
		// The sixth try is refused even with the right password, from any address
		// and whatever the case of the username.
		_, err := f.svc.Login(f.ctx, "admin", adminPassword, "10.0.0.1")
		if e := wantCode(t, err, errs.TooMany); e.Msg != "auth.err.too_many" {
			t.Errorf("message = %s", e.Msg)
		}
		_, err = f.svc.Login(f.ctx, " Admin", adminPassword, "10.9.9.9")
		wantCode(t, err, errs.TooMany)
		// Another user from the same address is not held back.
		if _, err := f.svc.Login(f.ctx, "siti", "sandi-siti", "10.0.0.1"); err != nil {
			t.Errorf("other user from same address: %v", err)
		}
		// Still inside the 15-minute window of the last failure.
		f.now = start.Add(14 * time.Minute)
		_, err = f.svc.Login(f.ctx, "admin", adminPassword, "10.0.0.1")
		wantCode(t, err, errs.TooMany)
		// After the window the right password works again.
		f.now = start.Add(16 * time.Minute)
		sess, err := f.svc.Login(f.ctx, "admin", adminPassword, "10.0.0.1")
		if err != nil {
			t.Fatalf("after the window: %v", err)
		}
		if sess.Principal.UserID != f.admin.ID {
			t.Errorf("principal = %+v", sess.Principal)
		}
		// A success clears the count: four more failures still leave a try.
		for range 4 {
			_, err := f.svc.Login(f.ctx, "admin", "salah-lagi", "10.0.0.1")
			wantCode(t, err, errs.Unauthorized)
		}
		if _, err := f.svc.Login(f.ctx, "admin", adminPassword, "10.0.0.1"); err != nil {
			t.Errorf("after success and 4 failures: %v", err)
		}
	})
}

// TestLoginRateLimitConcurrent checks that the limit holds when the guesses
// arrive at once: checking a password takes tens of milliseconds, and every
// attempt in flight must count, or parallel requests get unlimited guesses.
func TestLoginRateLimitConcurrent(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := setup(t, d)
		const n = 16
		results := make(chan errs.Code, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := f.svc.Login(f.ctx, "admin", fmt.Sprintf("tebakan-%d", i), "10.0.0.1")
				results <- errs.CodeOf(err)
			}()
		}
		wg.Wait()
		close(results)
		checked := 0
		for code := range results {
			switch code {
			case errs.Unauthorized:
				checked++
			case errs.TooMany:
			default:
				t.Errorf("concurrent guess: code %q", code)
			}
		}
		if checked > 5 {
			t.Errorf("%d of %d concurrent guesses had their password checked, want at most 5", checked, n)
		}
		_, err := f.svc.Login(f.ctx, "admin", adminPassword, "10.0.0.1")
		wantCode(t, err, errs.TooMany)
		// A correct password in flight does not use up the address's allowance.
		f.add("siti", access.Viewer, "")
		for range 31 { // one more than the per-address limit of failures
			if _, err := f.svc.Login(f.ctx, "siti", "sandi-siti", "10.0.0.2"); err != nil {
				t.Fatalf("repeated good logins from one address: %v", err)
			}
		}
	})
}

func TestSessions(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := setup(t, d)
		start := f.now
		sess, err := f.svc.Login(f.ctx, "admin", adminPassword, "10.0.0.1")
		if err != nil {
			t.Fatal(err)
		}
		got, err := f.svc.SessionFromCookie(f.ctx, sess.Cookie)
		if err != nil {
			t.Fatal(err)
		}
		if got.Cookie != sess.Cookie || got.CSRF != sess.CSRF || got.Principal != sess.Principal || got.Principal.Username != "admin" {
			t.Errorf("round trip: got %+v, want %+v", got, sess)
		}
		for _, bad := range []string{"", "tanpa-titik", f.org.ID + ".", "." + strings.SplitN(sess.Cookie, ".", 2)[1],
			f.org.ID + ".rahasia-palsu", "00000000-0000-0000-0000-000000000000." + strings.SplitN(sess.Cookie, ".", 2)[1]} {
			if _, err := f.svc.SessionFromCookie(f.ctx, bad); errs.CodeOf(err) != errs.Unauthorized {
				t.Errorf("cookie %q: %v, want unauthorized", bad, err)
			}
		}

		// Logout ends that session and no other.
		other, err := f.svc.Login(f.ctx, "admin", adminPassword, "10.0.0.1")
		if err != nil {
			t.Fatal(err)
		}
		if err := f.svc.Logout(f.ctx, sess.Cookie); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.SessionFromCookie(f.ctx, sess.Cookie); errs.CodeOf(err) != errs.Unauthorized {
			t.Errorf("after logout: %v, want unauthorized", err)
		}
		if _, err := f.svc.SessionFromCookie(f.ctx, other.Cookie); err != nil {
			t.Errorf("other session after logout: %v", err)
		}
		if err := f.svc.Logout(f.ctx, "nonsense"); err != nil {
			t.Errorf("logout of a bad cookie: %v", err)
		}

		// Sessions last SessionTTL.
		f.now = start.Add(auth.SessionTTL - time.Minute)
		if _, err := f.svc.SessionFromCookie(f.ctx, other.Cookie); err != nil {
			t.Errorf("just before expiry: %v", err)
		}
		f.now = start.Add(auth.SessionTTL + time.Second)
		if _, err := f.svc.SessionFromCookie(f.ctx, other.Cookie); errs.CodeOf(err) != errs.Unauthorized {
			t.Errorf("after expiry: %v, want unauthorized", err)
		}
		// A new sign-in at that time works and lives its own TTL.
		fresh, err := f.svc.Login(f.ctx, "admin", adminPassword, "10.0.0.1")
		if err != nil {
			t.Fatal(err)
		}
		f.now = f.now.Add(auth.SessionTTL - time.Second)
		if _, err := f.svc.SessionFromCookie(f.ctx, fresh.Cookie); err != nil {
			t.Errorf("fresh session: %v", err)
		}
	})
}

func TestTokens(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := setup(t, d)
		siti := f.add("siti", access.Viewer, "32.04")
		cilacap := f.add("cilacap", access.Admin, "33.01")

		secret, tok, err := f.svc.CreateToken(f.ctx, f.p, siti.ID, "  ")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(secret, "bdy_"+f.org.ID+"_") || tok.Name != "api" || tok.UserID != siti.ID || tok.ID == "" || tok.Revoked {
			t.Errorf("token = %q %+v", secret, tok)
		}
		p, err := f.svc.PrincipalFromToken(f.ctx, secret)
		if err != nil {
			t.Fatal(err)
		}
		if p.UserID != siti.ID || p.Username != "siti" || p.Role != access.Viewer || p.Scope != "32.04" || p.OrgID != f.org.ID || p.OrgName != "Yayasan Uji" {
			t.Errorf("token principal = %+v", p)
		}
		for _, bad := range []string{"", "bdy_", secret[:len(secret)-1], secret + "x", strings.Replace(secret, "bdy_", "xyz_", 1),
			"bdy_" + f.org.ID + "_" + "rahasia-palsu", "bdy_00000000-0000-0000-0000-000000000000_" + secret[len("bdy_")+37:]} {
			if _, err := f.svc.PrincipalFromToken(f.ctx, bad); errs.CodeOf(err) != errs.Unauthorized {
				t.Errorf("token %q: %v, want unauthorized", bad, err)
			}
		}

		// A user makes its own tokens; a viewer cannot make one for someone else,
		// and an admin cannot reach a user out of its scope.
		own, _, err := f.svc.CreateToken(f.ctx, p, siti.ID, "laptop")
		if err != nil {
			t.Fatalf("own token: %v", err)
		}
		_, _, err = f.svc.CreateToken(f.ctx, p, f.admin.ID, "curi")
		wantCode(t, err, errs.Forbidden)
		_, _, err = f.svc.CreateToken(f.ctx, cilacap.Principal(f.org), siti.ID, "curi")
		wantCode(t, err, errs.NotFound)

		list, err := f.svc.Tokens(f.ctx, f.p, siti.ID)
		if err != nil || len(list) != 2 {
			t.Fatalf("tokens = %+v, %v", list, err)
		}
		if _, err := f.svc.Tokens(f.ctx, cilacap.Principal(f.org), siti.ID); errs.CodeOf(err) != errs.NotFound {
			t.Errorf("tokens out of scope: %v, want not found", err)
		}

		// Revoking ends exactly that token.
		if err := f.svc.RevokeToken(f.ctx, f.p, siti.ID, tok.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.PrincipalFromToken(f.ctx, secret); errs.CodeOf(err) != errs.Unauthorized {
			t.Errorf("revoked token: %v, want unauthorized", err)
		}
		if _, err := f.svc.PrincipalFromToken(f.ctx, own); err != nil {
			t.Errorf("other token after revoke: %v", err)
		}
		wantCode(t, f.svc.RevokeToken(f.ctx, f.p, siti.ID, tok.ID), errs.NotFound)
		wantCode(t, f.svc.RevokeToken(f.ctx, f.p, f.admin.ID, tok.ID), errs.NotFound) // not the admin's token
		list, _ = f.svc.Tokens(f.ctx, f.p, siti.ID)
		revoked := 0
		for _, tk := range list {
			if tk.Revoked {
				revoked++
			}
		}
		if revoked != 1 {
			t.Errorf("revoked tokens = %d, want 1: %+v", revoked, list)
		}

		// Disabling the user stops its tokens.
		yes := true
		if _, err := f.svc.UpdateUser(f.ctx, f.p, siti.ID, auth.Update{Disabled: &yes}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.PrincipalFromToken(f.ctx, own); errs.CodeOf(err) != errs.Unauthorized {
			t.Errorf("disabled user's token: %v, want unauthorized", err)
		}

		// Token creation and revocation are audited.
		entries, err := f.audit.List(f.ctx, f.p, audit.Filter{EntityID: siti.ID})
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, e := range entries {
			actions = append(actions, e.Action)
		}
		if want := []string{"update", "token_revoke", "token_create", "token_create", "create"}; !slices.Equal(actions, want) {
			t.Errorf("audit actions for siti = %v, want %v", actions, want)
		}
	})
}

func TestChangeOwnPassword(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := setup(t, d)
		siti := f.add("siti", access.Viewer, "32.04")
		sess, err := f.svc.Login(f.ctx, "siti", "sandi-siti", "10.0.0.1")
		if err != nil {
			t.Fatal(err)
		}
		p := siti.Principal(f.org)

		change := func(old, pw string) error {
			_, err := f.svc.ChangeOwnPassword(f.ctx, p, old, pw, pw)
			return err
		}
		e := wantCode(t, change("salah-lama", "sandi-baru-siti"), errs.Invalid)
		if e.Fields["old_password"] != "user.err.old_password" {
			t.Errorf("wrong old password: fields %v", e.Fields)
		}
		e = wantCode(t, change("sandi-siti", "pendek"), errs.Invalid)
		if e.Fields["password"] != "user.err.password_short" {
			t.Errorf("short new password: fields %v", e.Fields)
		}
		// Nothing changed yet: the session still works.
		if _, err := f.svc.SessionFromCookie(f.ctx, sess.Cookie); err != nil {
			t.Errorf("session after refused changes: %v", err)
		}

		_, err = f.svc.ChangeOwnPassword(f.ctx, p, "sandi-siti", "sandi-baru-siti", "sandi-lain-siti")
		if e := wantCode(t, err, errs.Invalid); e.Fields["password2"] != "user.err.password_mismatch" {
			t.Errorf("mismatched confirmation: fields %v", e.Fields)
		}
		fresh, err := f.svc.ChangeOwnPassword(f.ctx, p, "sandi-siti", "sandi-baru-siti", "sandi-baru-siti")
		if err != nil {
			t.Fatal(err)
		}
		if got, err := f.svc.SessionFromCookie(f.ctx, fresh.Cookie); err != nil || got.Principal.UserID != siti.ID {
			t.Errorf("the new session after a password change: %+v %v", got, err)
		}
		if _, err := f.svc.SessionFromCookie(f.ctx, sess.Cookie); errs.CodeOf(err) != errs.Unauthorized {
			t.Errorf("session after password change: %v, want unauthorized", err)
		}
		_, err = f.svc.Login(f.ctx, "siti", "sandi-siti", "10.0.0.1")
		wantCode(t, err, errs.Unauthorized)
		if _, err := f.svc.Login(f.ctx, "siti", "sandi-baru-siti", "10.0.0.1"); err != nil {
			t.Errorf("login with the new password: %v", err)
		}
		pw, err := f.audit.List(f.ctx, f.p, audit.Filter{EntityID: siti.ID, Action: "password"})
		if err != nil || len(pw) != 1 || pw[0].ActorName != "siti" || strings.Contains(pw[0].After, "sandi") {
			t.Errorf("password audit = %+v, %v", pw, err)
		}
	})
}

func TestScope(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := setup(t, d)
		bandung := f.add("bandung", access.Admin, "32.04")
		cilacap := f.add("cilacap", access.Viewer, "33.01")
		jabar := f.add("jabar", access.Manager, "32")
		rp := bandung.Principal(f.org)

		// Inside its own scope: allowed, and stored dotted.
		cileunyi, err := f.svc.CreateUser(f.ctx, rp, auth.NewUser{Username: "cileunyi", Password: "sandi-cileunyi", Role: access.Facilitator, Scope: "32.04.05"})
		if err != nil {
			t.Fatal(err)
		}
		if cileunyi.Scope != "32.04.05" || cileunyi.OrgID != f.org.ID {
			t.Errorf("created = %+v", cileunyi)
		}
		// Outside it, or wider than it (national, the province): forbidden.
		for _, scope := range []string{"33", "33.01", "", "32", "32.01"} {
			_, err := f.svc.CreateUser(f.ctx, rp, auth.NewUser{Username: "luar", Password: "sandi-luar", Role: access.Viewer, Scope: scope})
			if e := wantCode(t, err, errs.Forbidden); e.Fields["scope"] == "" {
				t.Errorf("scope %q: no field message: %v", scope, e)
			}
		}

		users, err := f.svc.ListUsers(f.ctx, rp)
		if err != nil {
			t.Fatal(err)
		}
		if got := usernames(users); !slices.Equal(got, []string{"bandung", "cileunyi"}) {
			t.Errorf("regency admin sees %v, want [bandung cileunyi]", got)
		}
		for _, u := range users {
			if !region.InScope("32.04", u.Scope) {
				t.Errorf("out-of-scope user listed: %+v", u)
			}
		}
		all, _ := f.svc.ListUsers(f.ctx, f.p)
		if got := usernames(all); !slices.Equal(got, []string{"admin", "bandung", "cilacap", "cileunyi", "jabar"}) {
			t.Errorf("national admin sees %v", got)
		}

		for _, u := range []auth.User{cilacap, jabar, f.admin} {
			if _, err := f.svc.GetUser(f.ctx, rp, u.ID); errs.CodeOf(err) != errs.NotFound {
				t.Errorf("GetUser %s out of scope: %v, want not found", u.Username, err)
			}
			if _, err := f.svc.UserByUsername(f.ctx, rp, u.Username); errs.CodeOf(err) != errs.NotFound {
				t.Errorf("UserByUsername %s out of scope: %v, want not found", u.Username, err)
			}
			name := "diubah"
			if _, err := f.svc.UpdateUser(f.ctx, rp, u.ID, auth.Update{Name: &name}); errs.CodeOf(err) != errs.NotFound {
				t.Errorf("UpdateUser %s out of scope: %v, want not found", u.Username, err)
			}
			if err := f.svc.SetPassword(f.ctx, rp, u.ID, "sandi-baru-1"); errs.CodeOf(err) != errs.NotFound {
				t.Errorf("SetPassword %s out of scope: %v, want not found", u.Username, err)
			}
		}
		if u, err := f.svc.GetUser(f.ctx, rp, cileunyi.ID); err != nil || u.Username != "cileunyi" {
			t.Errorf("GetUser in scope = %+v, %v", u, err)
		}
		if _, err := f.svc.GetUser(f.ctx, rp, "tidak-ada"); errs.CodeOf(err) != errs.NotFound {
			t.Errorf("GetUser unknown id: %v", err)
		}
		// Moving an in-scope user out of scope is refused.
		out := "33"
		_, err = f.svc.UpdateUser(f.ctx, rp, cileunyi.ID, auth.Update{Scope: &out})
		wantCode(t, err, errs.Forbidden)
		if u, _ := f.svc.GetUser(f.ctx, f.p, cileunyi.ID); u.Scope != "32.04.05" {
			t.Errorf("scope after refused move = %q", u.Scope)
		}

		// An admin cannot disable or demote itself.
		yes := true
		_, err = f.svc.UpdateUser(f.ctx, rp, rp.UserID, auth.Update{Disabled: &yes})
		if e := wantCode(t, err, errs.Invalid); e.Msg != "user.err.self_disable" {
			t.Errorf("self disable: %v", e)
		}
		_, err = f.svc.UpdateUser(f.ctx, f.p, f.p.UserID, auth.Update{Disabled: &yes})
		wantCode(t, err, errs.Invalid)
		viewer := access.Viewer
		_, err = f.svc.UpdateUser(f.ctx, f.p, f.p.UserID, auth.Update{Role: &viewer})
		if e := wantCode(t, err, errs.Invalid); e.Msg != "user.err.self_demote" {
			t.Errorf("self demote: %v", e)
		}
		if u, _ := f.svc.GetUser(f.ctx, f.p, f.p.UserID); u.Disabled || u.Role != access.Admin {
			t.Errorf("admin after refused self-changes = %+v", u)
		}

		// Roles without users.manage cannot list or create users.
		for _, u := range []auth.User{cilacap, jabar} {
			p := u.Principal(f.org)
			if _, err := f.svc.ListUsers(f.ctx, p); errs.CodeOf(err) != errs.Forbidden {
				t.Errorf("%s ListUsers: %v, want forbidden", u.Role, err)
			}
			_, err := f.svc.CreateUser(f.ctx, p, auth.NewUser{Username: "baru", Password: "sandi-baru", Role: access.Viewer, Scope: u.Scope})
			wantCode(t, err, errs.Forbidden)
		}
		// No principal at all is unauthorized.
		if _, err := f.svc.ListUsers(f.ctx, access.Principal{}); errs.CodeOf(err) != errs.Unauthorized {
			t.Errorf("anonymous ListUsers: %v, want unauthorized", err)
		}
	})
}

// TestWritesAreAudited checks that every write leaves an entry with the right
// actor, action, region and content, that failed writes leave none, and that
// the chain verifies with the expected number of entries.
func TestWritesAreAudited(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := setup(t, d)
		count := func() int64 {
			rep, err := f.audit.Verify(f.ctx)
			if err != nil || !rep.OK() {
				t.Fatalf("Verify = %+v, %v", rep, err)
			}
			return rep.Entries
		}
		if n := count(); n != 2 {
			t.Fatalf("after bootstrap: %d entries, want 2", n)
		}
		bandung := f.add("bandung", access.Admin, "32.04")
		rp := bandung.Principal(f.org)
		siti, err := f.svc.CreateUser(f.ctx, rp, auth.NewUser{Username: "siti", Password: "sandi-siti", Role: access.Viewer, Scope: "32.04.05"})
		if err != nil {
			t.Fatal(err)
		}
		name, role := "Siti Aminah", access.Facilitator
		if _, err := f.svc.UpdateUser(f.ctx, rp, siti.ID, auth.Update{Name: &name, Role: &role}); err != nil {
			t.Fatal(err)
		}
		if err := f.svc.SetPassword(f.ctx, rp, siti.ID, "sandi-baru-siti"); err != nil {
			t.Fatal(err)
		}
		sp := siti.Principal(f.org)
		if err := f.svc.SetLanguage(f.ctx, sp, "en"); err != nil {
			t.Fatal(err)
		}
		wantCode(t, f.svc.SetLanguage(f.ctx, sp, "fr"), errs.Invalid)
		if _, err := f.svc.Login(f.ctx, "siti", "sandi-baru-siti", "10.0.0.1"); err != nil {
			t.Fatal(err)
		}
		if n := count(); n != 2+1+5 {
			t.Errorf("after 6 writes: %d entries, want 8", n)
		}
		// Failed writes leave nothing behind.
		_, _ = f.svc.CreateUser(f.ctx, rp, auth.NewUser{Username: "siti", Password: "sandi-lain", Role: access.Viewer, Scope: "32.04"})
		_, _ = f.svc.CreateUser(f.ctx, rp, auth.NewUser{Username: "luar", Password: "sandi-luar", Role: access.Viewer, Scope: "33"})
		_ = f.svc.SetPassword(f.ctx, rp, siti.ID, "pendek")
		if n := count(); n != 8 {
			t.Errorf("after failed writes: %d entries, want 8", n)
		}

		entries, err := f.audit.List(f.ctx, f.p, audit.Filter{EntityID: siti.ID})
		if err != nil {
			t.Fatal(err)
		}
		type row struct{ actor, action, region string }
		var got []row
		for _, e := range entries {
			got = append(got, row{e.ActorName, e.Action, e.RegionCode})
			if e.Entity != "user" || e.OrgID != f.org.ID {
				t.Errorf("entry %+v", e)
			}
			if strings.Contains(e.Before+e.After, "argon2") || strings.Contains(e.Before+e.After, "sandi") {
				t.Errorf("a password leaked into the audit log: %+v", e)
			}
		}
		want := []row{{"siti", "login", "32.04.05"}, {"siti", "update", "32.04.05"}, {"bandung", "password", "32.04.05"},
			{"bandung", "update", "32.04.05"}, {"bandung", "create", "32.04.05"}}
		if !slices.Equal(got, want) {
			t.Errorf("siti's audit trail = %v, want %v", got, want)
		}
		// The update entry carries before and after.
		upd := entries[3]
		if !strings.Contains(upd.Before, `"role":"viewer"`) || !strings.Contains(upd.After, `"role":"facilitator"`) ||
			!strings.Contains(upd.After, `"name":"Siti Aminah"`) {
			t.Errorf("update entry before=%s after=%s", upd.Before, upd.After)
		}
		// The regency admin's audit view is its scope only: no org entry, no national admin.
		scoped, err := f.audit.List(f.ctx, rp, audit.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range scoped {
			if !region.InScope("32.04", e.RegionCode) {
				t.Errorf("regency admin sees entry at %q: %+v", e.RegionCode, e)
			}
		}
		if len(scoped) != 6 { // bandung's creation + 5 about siti
			t.Errorf("regency admin sees %d entries, want 6", len(scoped))
		}
	})
}

func TestSetupLink(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		svc, aud := newService(d)
		now := time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC)
		svc.SetClock(func() time.Time { return now })

		secret, err := svc.NewSetupLink(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(secret) < 40 {
			t.Errorf("setup secret %q is short", secret)
		}
		if ok, err := svc.SetupLinkValid(ctx, secret); err != nil || !ok {
			t.Fatalf("SetupLinkValid = %v, %v", ok, err)
		}
		if ok, _ := svc.SetupLinkValid(ctx, "tebakan"); ok {
			t.Error("a guessed setup secret is valid")
		}
		// Links expire after SetupTTL.
		old, err := svc.NewSetupLink(ctx)
		if err != nil {
			t.Fatal(err)
		}
		now = now.Add(auth.SetupTTL + time.Minute)
		if ok, _ := svc.SetupLinkValid(ctx, old); ok {
			t.Error("expired setup link is valid")
		}
		_, err = svc.CompleteSetup(ctx, old, "Yayasan", auth.NewUser{Username: "pertama", Password: "sandi-pertama"})
		wantCode(t, err, errs.NotFound)
		secret, err = svc.NewSetupLink(ctx)
		if err != nil {
			t.Fatal(err)
		}

		// Invalid input is refused without using the link up.
		_, err = svc.CompleteSetup(ctx, secret, "Yayasan", auth.NewUser{Username: "pertama", Password: "pendek"})
		if e := wantCode(t, err, errs.Invalid); e.Fields["password"] == "" {
			t.Errorf("fields = %v", e.Fields)
		}
		if ok, _ := svc.SetupLinkValid(ctx, secret); !ok {
			t.Fatal("setup link used up by invalid input")
		}

		sess, err := svc.CompleteSetup(ctx, secret, " Yayasan Pertama ", auth.NewUser{Username: "Pertama", Name: "Bu Pertama", Password: "sandi-pertama", Role: access.Viewer, Scope: "33"})
		if err != nil {
			t.Fatal(err)
		}
		p := sess.Principal
		if p.Username != "pertama" || p.Name != "Bu Pertama" || p.Role != access.Admin || p.Scope != "" || p.OrgName != "Yayasan Pertama" || p.UserID == "" {
			t.Errorf("setup principal = %+v", p)
		}
		if got, err := svc.SessionFromCookie(ctx, sess.Cookie); err != nil || got.Principal.UserID != p.UserID {
			t.Errorf("setup session = %+v, %v", got, err)
		}
		if has, _ := svc.HasUsers(ctx); !has {
			t.Error("no users after setup")
		}

		// The link works once; a new one is useless once users exist.
		if ok, _ := svc.SetupLinkValid(ctx, secret); ok {
			t.Error("used setup link still valid")
		}
		_, err = svc.CompleteSetup(ctx, secret, "Lagi", auth.NewUser{Username: "kedua", Password: "sandi-kedua"})
		if e := wantCode(t, err, errs.NotFound); e.Msg != "setup.err.link" {
			t.Errorf("second use: %v", e)
		}
		late, err := svc.NewSetupLink(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if ok, _ := svc.SetupLinkValid(ctx, late); ok {
			t.Error("setup link valid although users exist")
		}
		_, err = svc.CompleteSetup(ctx, late, "Lagi", auth.NewUser{Username: "kedua", Password: "sandi-kedua"})
		wantCode(t, err, errs.NotFound)
		if orgs, _ := svc.Orgs(ctx); len(orgs) != 1 {
			t.Errorf("orgs = %d, want 1", len(orgs))
		}
		if _, err := svc.Login(ctx, "kedua", "sandi-kedua", "10.0.0.1"); errs.CodeOf(err) != errs.Unauthorized {
			t.Errorf("second setup made a user: %v", err)
		}
		entries, err := aud.List(ctx, p, audit.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, e := range entries {
			actions = append(actions, e.Entity+"."+e.Action)
		}
		if want := []string{"user.login", "user.create", "org.create"}; !slices.Equal(actions, want) {
			t.Errorf("setup audit = %v, want %v", actions, want)
		}
	})
}

// TestColleagues lists, for a facilitator, the active users whose scope
// overlaps theirs: the national admin above, a colleague in the same
// regency, one in a district below; not a user elsewhere or a disabled one.
func TestColleagues(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := setup(t, d)
		fac := f.add("pendamping", access.Facilitator, "32.04")
		f.add("rekan", access.Facilitator, "32.04")
		f.add("kecamatan", access.Viewer, "32.04.05")
		f.add("cilacap", access.Facilitator, "33.01")
		f.add("bandungbarat", access.Facilitator, "32.17")
		gone := f.add("keluar", access.Facilitator, "32.04")
		disabled := true
		if _, err := f.svc.UpdateUser(f.ctx, f.p, gone.ID, auth.Update{Disabled: &disabled}); err != nil {
			t.Fatal(err)
		}
		list, err := f.svc.Colleagues(f.ctx, fac.Principal(f.org))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, c := range list {
			got = append(got, c.Username)
		}
		slices.Sort(got)
		if want := []string{"admin", "kecamatan", "pendamping", "rekan"}; !slices.Equal(got, want) {
			t.Errorf("colleagues of a regency facilitator = %v, want %v", got, want)
		}
		if all, _ := f.svc.Colleagues(f.ctx, f.p); len(all) != 6 || all[0].Label() != "Admin Nasional" {
			t.Errorf("colleagues of the national admin: %+v", all)
		}
		_, err = f.svc.Colleagues(f.ctx, access.Principal{OrgID: f.org.ID})
		wantCode(t, err, errs.Unauthorized)
	})
}
