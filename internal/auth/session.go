package auth

import (
	"context"
	"database/sql"
	"strings"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/audit"
	"github.com/berdaya/berdaya/internal/errs"
)

// Session is a signed-in browser: the cookie value and its CSRF token.
type Session struct {
	Cookie    string
	CSRF      string
	Principal access.Principal
}

// Login checks a username and password and opens a session. addr is the client's
// address, used with the username to limit guessing. A wrong username, a wrong
// password and a disabled user all get the same answer.
func (s *Service) Login(ctx context.Context, username, password, addr string) (Session, error) {
	username = strings.ToLower(strings.TrimSpace(username))
	now := s.clock()
	if !s.limiter.begin(username, addr, now) {
		return Session{}, errs.New(errs.TooMany, "auth.err.too_many")
	}
	u, hash, err := s.store.userByUsername(ctx, s.db.Reader(), username)
	if err != nil && !notFound(err) {
		s.limiter.done(username, addr, now, attemptAborted)
		return Session{}, err
	}
	if notFound(err) {
		hash = dummyHash
	}
	if !CheckPassword(hash, password) || notFound(err) || u.Disabled {
		s.limiter.done(username, addr, now, attemptFailed)
		return Session{}, errs.New(errs.Unauthorized, "auth.err.bad_login")
	}
	s.limiter.done(username, addr, now, attemptSucceeded)
	return s.openSession(ctx, u)
}

func (s *Service) openSession(ctx context.Context, u User) (Session, error) {
	secret, csrf := newSecret(), newSecret()
	now := s.clock()
	var org Org
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		var err error
		if org, err = s.store.org(ctx, tx, u.OrgID); err != nil {
			return err
		}
		if err := s.store.deleteExpiredSessions(ctx, tx, now); err != nil {
			return err
		}
		if err := s.store.insertSession(ctx, tx, u.OrgID, hashSecret(secret), u.ID, csrf, now, now.Add(SessionTTL)); err != nil {
			return err
		}
		return s.audit.Record(ctx, tx, audit.Change{OrgID: u.OrgID, ActorID: u.ID, ActorName: u.Username,
			Action: "login", Entity: "user", EntityID: u.ID, RegionCode: u.Scope})
	})
	if err != nil {
		return Session{}, err
	}
	return Session{Cookie: u.OrgID + "." + secret, CSRF: csrf, Principal: u.Principal(org)}, nil
}

// SessionFromCookie returns the live session a cookie value names.
func (s *Service) SessionFromCookie(ctx context.Context, cookie string) (Session, error) {
	orgID, secret, ok := strings.Cut(cookie, ".")
	if !ok || orgID == "" || secret == "" {
		return Session{}, errs.New(errs.Unauthorized, "err.unauthorized")
	}
	u, csrf, err := s.store.sessionUser(ctx, orgID, hashSecret(secret), s.clock())
	if notFound(err) || (err == nil && u.Disabled) {
		return Session{}, errs.New(errs.Unauthorized, "err.unauthorized")
	}
	if err != nil {
		return Session{}, err
	}
	org, err := s.store.org(ctx, s.db.Reader(), u.OrgID)
	if err != nil {
		return Session{}, err
	}
	return Session{Cookie: cookie, CSRF: csrf, Principal: u.Principal(org)}, nil
}

// Logout ends the session a cookie value names.
func (s *Service) Logout(ctx context.Context, cookie string) error {
	orgID, secret, ok := strings.Cut(cookie, ".")
	if !ok {
		return nil
	}
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		return s.store.deleteSession(ctx, tx, orgID, hashSecret(secret))
	})
}
