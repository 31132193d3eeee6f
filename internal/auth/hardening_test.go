package auth_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/auth"
	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/dbtest"
	"github.com/berdaya/berdaya/internal/errs"
)

// Many concurrent edits must all finish: a write transaction that asks the pool
// for a second connection deadlocks PostgreSQL once the pool is exhausted.
func TestConcurrentUpdatesDoNotExhaustThePool(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := setup(t, d)
		u := f.add("siti", access.Viewer, "32.04")
		ctx, cancel := context.WithTimeout(f.ctx, 60*time.Second)
		defer cancel()
		var wg sync.WaitGroup
		failures := make(chan error, 60)
		for i := 0; i < 60; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				scope := []string{"32.04", "32.04.05", "32.04.06"}[i%3]
				if _, err := f.svc.UpdateUser(ctx, f.p, u.ID, auth.Update{Scope: &scope}); err != nil {
					failures <- err
				}
			}(i)
		}
		wg.Wait()
		close(failures)
		for err := range failures {
			t.Errorf("concurrent update: %v", err)
		}
	})
}

// A disable racing a language switch must not be undone by it.
func TestDisableSurvivesConcurrentLanguageChange(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := setup(t, d)
		for i := 0; i < 10; i++ {
			u := f.add("user"+string(rune('a'+i)), access.Viewer, "")
			var wg sync.WaitGroup
			wg.Add(2)
			go func() {
				defer wg.Done()
				yes := true
				if _, err := f.svc.UpdateUser(f.ctx, f.p, u.ID, auth.Update{Disabled: &yes}); err != nil {
					t.Error(err)
				}
			}()
			go func() {
				defer wg.Done()
				if err := f.svc.SetLanguage(f.ctx, u.Principal(f.org), "en"); err != nil {
					t.Error(err)
				}
			}()
			wg.Wait()
			got, err := f.svc.GetUser(f.ctx, f.p, u.ID)
			if err != nil || !got.Disabled || got.Lang != "en" {
				t.Fatalf("after the race: disabled=%v lang=%q err=%v", got.Disabled, got.Lang, err)
			}
		}
	})
}

func TestDisableRevokesTokensForGood(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := setup(t, d)
		u := f.add("siti", access.Viewer, "32.04")
		token, _, err := f.svc.CreateToken(f.ctx, f.p, u.ID, "kobo")
		if err != nil {
			t.Fatal(err)
		}
		yes, no := true, false
		if _, err := f.svc.UpdateUser(f.ctx, f.p, u.ID, auth.Update{Disabled: &yes}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.UpdateUser(f.ctx, f.p, u.ID, auth.Update{Disabled: &no}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.PrincipalFromToken(f.ctx, token); errs.CodeOf(err) != errs.Unauthorized {
			t.Errorf("a token from before the disable works again after enabling: %v", err)
		}
	})
}

func TestRegionalAdminCannotTakeOverPeer(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := setup(t, d)
		a := f.add("bandung1", access.Admin, "32.04")
		b := f.add("bandung2", access.Admin, "32.04")
		lower := f.add("cileunyi", access.Admin, "32.04.05")
		pa := a.Principal(f.org)
		if err := f.svc.SetPassword(f.ctx, pa, b.ID, "ambil-alih-123"); errs.CodeOf(err) != errs.Forbidden {
			t.Errorf("peer admin password reset: %v", err)
		}
		if _, _, err := f.svc.CreateToken(f.ctx, pa, b.ID, "x"); errs.CodeOf(err) != errs.Forbidden {
			t.Errorf("token for a peer admin: %v", err)
		}
		if err := f.svc.SetPassword(f.ctx, pa, lower.ID, "sandi-baru-bawah"); err != nil {
			t.Errorf("admin of a district below: %v", err)
		}
		if err := f.svc.SetPassword(f.ctx, f.p, b.ID, "sandi-dari-pusat"); err != nil {
			t.Errorf("the national admin: %v", err)
		}
	})
}

func TestReservedUsernames(t *testing.T) {
	nu := auth.NewUser{Username: "cli", Password: "panjang-sekali", Role: access.Viewer}
	nu.Normalize()
	e, ok := errs.As(nu.Validate())
	if !ok || e.Fields["username"] != "user.err.reserved" {
		t.Errorf("username cli: %v", nu.Validate())
	}
}
