package auth

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/db"
)

type store struct{ db *db.DB }

func (s store) insertOrg(ctx context.Context, tx *sql.Tx, o Org) error {
	_, err := tx.ExecContext(ctx, "INSERT INTO orgs (id, name, kind, created_at) VALUES ($1,$2,$3,$4)", o.ID, o.Name, o.Kind, o.CreatedAt)
	return err
}

func (s store) org(ctx context.Context, r db.Querier, id string) (Org, error) {
	var o Org
	err := r.QueryRowContext(ctx, "SELECT id, name, kind, created_at FROM orgs WHERE id = $1", id).Scan(&o.ID, &o.Name, &o.Kind, &o.CreatedAt)
	return o, err
}

func (s store) orgs(ctx context.Context) ([]Org, error) {
	rows, err := s.db.Reader().QueryContext(ctx, "SELECT id, name, kind, created_at FROM orgs ORDER BY created_at, id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Org
	for rows.Next() {
		var o Org
		if err := rows.Scan(&o.ID, &o.Name, &o.Kind, &o.CreatedAt); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

func (s store) countUsers(ctx context.Context, r db.Querier) (int, error) {
	var n int
	err := r.QueryRowContext(ctx, "SELECT COUNT(*) FROM usernames").Scan(&n)
	return n, err
}

const userColumns = "org_id, id, username, full_name, role, scope, lang, disabled, created_at, updated_at"

func scanUser(sc interface{ Scan(...any) error }, extra ...any) (User, error) {
	var u User
	var role string
	dest := append([]any{&u.OrgID, &u.ID, &u.Username, &u.Name, &role, &u.Scope, &u.Lang, &u.Disabled, &u.CreatedAt, &u.UpdatedAt}, extra...)
	err := sc.Scan(dest...)
	u.Role = access.Role(role)
	return u, err
}

func (s store) insertUser(ctx context.Context, tx *sql.Tx, u User, hash string) error {
	if _, err := tx.ExecContext(ctx, "INSERT INTO usernames (username, org_id, user_id) VALUES ($1,$2,$3)", u.Username, u.OrgID, u.ID); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, "INSERT INTO users ("+userColumns+", password_hash) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)",
		u.OrgID, u.ID, u.Username, u.Name, string(u.Role), u.Scope, u.Lang, u.Disabled, u.CreatedAt, u.UpdatedAt, hash)
	return err
}

func (s store) user(ctx context.Context, r db.Querier, orgID, id string) (User, error) {
	return scanUser(r.QueryRowContext(ctx, "SELECT "+userColumns+" FROM users WHERE org_id = $1 AND id = $2", orgID, id))
}

// userForUpdate reads a user and locks its row until tx ends, so that two
// changes to one user (a disable and a language switch) cannot undo each other.
func (s store) userForUpdate(ctx context.Context, tx *sql.Tx, orgID, id string) (User, error) {
	return scanUser(tx.QueryRowContext(ctx, "SELECT "+userColumns+" FROM users WHERE org_id = $1 AND id = $2"+s.db.ForUpdate(), orgID, id))
}

func (s store) revokeUserTokens(ctx context.Context, tx *sql.Tx, orgID, userID string) error {
	_, err := tx.ExecContext(ctx, "UPDATE api_tokens SET revoked = $1 WHERE org_id = $2 AND user_id = $3", true, orgID, userID)
	return err
}

// userByUsername finds a user by login name across the install, with the hash.
func (s store) userByUsername(ctx context.Context, r db.Querier, username string) (User, string, error) {
	var orgID, id string
	err := r.QueryRowContext(ctx, "SELECT org_id, user_id FROM usernames WHERE username = $1", username).Scan(&orgID, &id)
	if err != nil {
		return User{}, "", err
	}
	var hash string
	u, err := scanUser(r.QueryRowContext(ctx, "SELECT "+userColumns+", password_hash FROM users WHERE org_id = $1 AND id = $2", orgID, id), &hash)
	return u, hash, err
}

// listUsers returns org's users whose scope lies inside scope ("" = all).
func (s store) listUsers(ctx context.Context, orgID, scope string) ([]User, error) {
	query := "SELECT " + userColumns + " FROM users WHERE org_id = $1"
	args := []any{orgID}
	if scope != "" {
		query += " AND (scope = $2 OR scope LIKE $3)"
		args = append(args, scope, scope+".%")
	}
	return db.Query(ctx, s.db.Reader(), func(sc db.Scanner) (User, error) { return scanUser(sc) }, query+" ORDER BY username", args...)
}

func (s store) updateUser(ctx context.Context, tx *sql.Tx, u User) error {
	_, err := tx.ExecContext(ctx, "UPDATE users SET full_name = $1, role = $2, scope = $3, lang = $4, disabled = $5, updated_at = $6 WHERE org_id = $7 AND id = $8",
		u.Name, string(u.Role), u.Scope, u.Lang, u.Disabled, u.UpdatedAt, u.OrgID, u.ID)
	return err
}

func (s store) setPassword(ctx context.Context, tx *sql.Tx, orgID, id, hash string, at time.Time) error {
	_, err := tx.ExecContext(ctx, "UPDATE users SET password_hash = $1, updated_at = $2 WHERE org_id = $3 AND id = $4", hash, at, orgID, id)
	return err
}

func (s store) passwordHash(ctx context.Context, r db.Querier, orgID, id string) (string, error) {
	var h string
	err := r.QueryRowContext(ctx, "SELECT password_hash FROM users WHERE org_id = $1 AND id = $2", orgID, id).Scan(&h)
	return h, err
}

func (s store) insertSession(ctx context.Context, tx *sql.Tx, orgID, id, userID, csrf string, now, expires time.Time) error {
	_, err := tx.ExecContext(ctx, "INSERT INTO sessions (org_id, id, user_id, csrf_token, created_at, expires_at) VALUES ($1,$2,$3,$4,$5,$6)",
		orgID, id, userID, csrf, now, expires)
	return err
}

// sessionUser returns the live session's user and CSRF token.
func (s store) sessionUser(ctx context.Context, orgID, id string, now time.Time) (User, string, error) {
	var csrf string
	u, err := scanUser(s.db.Reader().QueryRowContext(ctx,
		"SELECT u.org_id, u.id, u.username, u.full_name, u.role, u.scope, u.lang, u.disabled, u.created_at, u.updated_at, s.csrf_token "+
			"FROM sessions s JOIN users u ON u.org_id = s.org_id AND u.id = s.user_id "+
			"WHERE s.org_id = $1 AND s.id = $2 AND s.expires_at > $3", orgID, id, now), &csrf)
	return u, csrf, err
}

func (s store) deleteSession(ctx context.Context, tx *sql.Tx, orgID, id string) error {
	_, err := tx.ExecContext(ctx, "DELETE FROM sessions WHERE org_id = $1 AND id = $2", orgID, id)
	return err
}

func (s store) deleteUserSessions(ctx context.Context, tx *sql.Tx, orgID, userID string) error {
	_, err := tx.ExecContext(ctx, "DELETE FROM sessions WHERE org_id = $1 AND user_id = $2", orgID, userID)
	return err
}

func (s store) deleteExpiredSessions(ctx context.Context, tx *sql.Tx, now time.Time) error {
	_, err := tx.ExecContext(ctx, "DELETE FROM sessions WHERE expires_at <= $1", now)
	return err
}

func (s store) insertToken(ctx context.Context, tx *sql.Tx, orgID string, t Token, hash string) error {
	_, err := tx.ExecContext(ctx, "INSERT INTO api_tokens (org_id, id, user_id, name, token_hash, created_at, revoked) VALUES ($1,$2,$3,$4,$5,$6,$7)",
		orgID, t.ID, t.UserID, t.Name, hash, t.CreatedAt, false)
	return err
}

// tokenUser returns the user owning a live token.
func (s store) tokenUser(ctx context.Context, orgID, hash string) (User, error) {
	return scanUser(s.db.Reader().QueryRowContext(ctx,
		"SELECT u.org_id, u.id, u.username, u.full_name, u.role, u.scope, u.lang, u.disabled, u.created_at, u.updated_at "+
			"FROM api_tokens t JOIN users u ON u.org_id = t.org_id AND u.id = t.user_id "+
			"WHERE t.org_id = $1 AND t.token_hash = $2 AND NOT t.revoked", orgID, hash))
}

func (s store) tokens(ctx context.Context, orgID, userID string) ([]Token, error) {
	rows, err := s.db.Reader().QueryContext(ctx,
		"SELECT id, user_id, name, created_at, revoked FROM api_tokens WHERE org_id = $1 AND user_id = $2 ORDER BY created_at DESC", orgID, userID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Token
	for rows.Next() {
		var t Token
		if err := rows.Scan(&t.ID, &t.UserID, &t.Name, &t.CreatedAt, &t.Revoked); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

func (s store) revokeToken(ctx context.Context, tx *sql.Tx, orgID, userID, id string) (bool, error) {
	res, err := tx.ExecContext(ctx, "UPDATE api_tokens SET revoked = $1 WHERE org_id = $2 AND user_id = $3 AND id = $4 AND NOT revoked", true, orgID, userID, id)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

func (s store) insertSetupToken(ctx context.Context, hash string, now, expires time.Time) error {
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "INSERT INTO setup_tokens (token_hash, created_at, expires_at, used) VALUES ($1,$2,$3,$4)", hash, now, expires, false)
		return err
	})
}

// useSetupToken marks a live setup token used; false when there is none.
func (s store) useSetupToken(ctx context.Context, tx *sql.Tx, hash string, now time.Time) (bool, error) {
	res, err := tx.ExecContext(ctx, "UPDATE setup_tokens SET used = $1 WHERE token_hash = $2 AND NOT used AND expires_at > $3", true, hash, now)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

func (s store) setupTokenLive(ctx context.Context, hash string, now time.Time) (bool, error) {
	var n int
	err := s.db.Reader().QueryRowContext(ctx, "SELECT COUNT(*) FROM setup_tokens WHERE token_hash = $1 AND NOT used AND expires_at > $2", hash, now).Scan(&n)
	return n == 1, err
}

// claimSetup records that first-run setup happened; its key is unique.
func (s store) claimSetup(ctx context.Context, tx *sql.Tx, now time.Time) error {
	_, err := tx.ExecContext(ctx, "INSERT INTO app_meta (key, value) VALUES ($1, $2)", "setup.completed", now.Format(time.RFC3339))
	return err
}

func notFound(err error) bool { return errors.Is(err, sql.ErrNoRows) }

// colleagues are the active users whose scope lies inside scope or above it.
func (s store) colleagues(ctx context.Context, orgID, scope string) ([]Colleague, error) {
	scan := func(sc db.Scanner) (c Colleague, err error) {
		return c, sc.Scan(&c.ID, &c.Username, &c.Name, &c.Role)
	}
	return db.Query(ctx, s.db.Reader(), scan, "SELECT id, username, full_name, role FROM users WHERE org_id = $1 AND NOT disabled "+
		"AND ($2 = '' OR scope = '' OR scope = $2 OR scope LIKE $3 OR $2 LIKE scope || '.%') ORDER BY full_name, username",
		orgID, scope, scope+".%")
}
