package auth

import (
	"context"
	"database/sql"
	"strings"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/errs"
)

// tokenPrefix marks Berdaya API tokens so that secret scanners and people can
// recognise one; the organisation ID follows so that a lookup stays in its tenant.
const tokenPrefix = "bdy_"

// CreateToken makes a personal API token for a user of p's organisation: users
// make their own, an administrator may make one for a user in its scope. The
// secret is returned once; only its hash is kept.
func (s *Service) CreateToken(ctx context.Context, p access.Principal, userID, name string) (string, Token, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		name = "api"
	}
	secret := newSecret()
	t := Token{ID: newID(), UserID: userID, Name: name, CreatedAt: s.clock()}
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		u, err := s.tokenOwner(ctx, tx, p, userID)
		if err != nil {
			return err
		}
		if err := s.store.insertToken(ctx, tx, p.OrgID, t, hashSecret(secret)); err != nil {
			return err
		}
		return s.record(ctx, tx, p, "token_create", u, nil, t)
	})
	if err != nil {
		return "", Token{}, err
	}
	return tokenPrefix + p.OrgID + "_" + secret, t, nil
}

func (s *Service) tokenOwner(ctx context.Context, tx *sql.Tx, p access.Principal, userID string) (User, error) {
	if userID == p.UserID {
		return s.store.user(ctx, tx, p.OrgID, userID)
	}
	if err := p.Require(access.ManageUsers); err != nil {
		return User{}, err
	}
	return s.manageable(ctx, tx, p, userID)
}

// Tokens lists a user's tokens (without secrets).
func (s *Service) Tokens(ctx context.Context, p access.Principal, userID string) ([]Token, error) {
	if userID != p.UserID {
		if _, err := s.GetUser(ctx, p, userID); err != nil {
			return nil, err
		}
	}
	return s.store.tokens(ctx, p.OrgID, userID)
}

// RevokeToken ends one of a user's tokens.
func (s *Service) RevokeToken(ctx context.Context, p access.Principal, userID, tokenID string) error {
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		u, err := s.tokenOwner(ctx, tx, p, userID)
		if err != nil {
			return err
		}
		ok, err := s.store.revokeToken(ctx, tx, p.OrgID, userID, tokenID)
		if err != nil {
			return err
		}
		if !ok {
			return errs.New(errs.NotFound, "token.err.not_found")
		}
		return s.record(ctx, tx, p, "token_revoke", u, nil, map[string]string{"token_id": tokenID})
	})
}

// PrincipalFromToken returns who a bearer token acts for.
func (s *Service) PrincipalFromToken(ctx context.Context, token string) (access.Principal, error) {
	rest, ok := strings.CutPrefix(token, tokenPrefix)
	// The organisation ID is a UUID (36 characters) followed by "_" and the secret.
	if !ok || len(rest) < 38 || rest[36] != '_' {
		return access.Principal{}, errs.New(errs.Unauthorized, "auth.err.bad_token")
	}
	orgID, secret := rest[:36], rest[37:]
	u, err := s.store.tokenUser(ctx, orgID, hashSecret(secret))
	if notFound(err) || (err == nil && u.Disabled) {
		return access.Principal{}, errs.New(errs.Unauthorized, "auth.err.bad_token")
	}
	if err != nil {
		return access.Principal{}, err
	}
	org, err := s.store.org(ctx, s.db.Reader(), orgID)
	if err != nil {
		return access.Principal{}, err
	}
	return u.Principal(org), nil
}
