package auth

import (
	"context"
	"database/sql"

	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/errs"
)

// NewSetupLink makes a one-time secret for the first-run page that creates the
// first administrator; it works once, for SetupTTL, and only while no user exists.
func (s *Service) NewSetupLink(ctx context.Context) (string, error) {
	secret := newSecret()
	now := s.clock()
	if err := s.store.insertSetupToken(ctx, hashSecret(secret), now, now.Add(SetupTTL)); err != nil {
		return "", err
	}
	return secret, nil
}

// SetupLinkValid reports whether a setup secret can still be used.
func (s *Service) SetupLinkValid(ctx context.Context, secret string) (bool, error) {
	if has, err := s.HasUsers(ctx); err != nil || has {
		return false, err
	}
	return s.store.setupTokenLive(ctx, hashSecret(secret), s.clock())
}

// CompleteSetup uses a setup secret to create the organisation and its first
// administrator, and signs that administrator in. Using the link and creating
// the administrator are one transaction: a failure keeps the link usable, and
// two people racing with two links cannot both create an organisation.
func (s *Service) CompleteSetup(ctx context.Context, secret, orgName string, nu NewUser) (Session, error) {
	ok, err := s.SetupLinkValid(ctx, secret)
	if err != nil {
		return Session{}, err
	}
	if !ok {
		return Session{}, errs.New(errs.NotFound, "setup.err.link")
	}
	nu, hash, err := prepareAdmin(nu)
	if err != nil {
		return Session{}, err
	}
	var u User
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		used, err := s.store.useSetupToken(ctx, tx, hashSecret(secret), s.clock())
		if err != nil {
			return err
		}
		users, err := s.store.countUsers(ctx, tx)
		if err != nil {
			return err
		}
		if !used || users > 0 {
			return errs.New(errs.NotFound, "setup.err.link")
		}
		// A unique marker row: a second setup racing this one blocks on it and
		// then fails, whatever the isolation level.
		if err := s.store.claimSetup(ctx, tx, s.clock()); err != nil {
			if db.IsUniqueViolation(err) {
				return errs.New(errs.NotFound, "setup.err.link")
			}
			return err
		}
		_, u, err = s.bootstrapTx(ctx, tx, orgName, nu, hash)
		return err
	})
	if err != nil {
		return Session{}, err
	}
	return s.openSession(ctx, u)
}
