// Package auth holds organisations (the tenants), their users, sign-in with
// sessions and personal API tokens, and the first-run setup of an empty install.
package auth

import (
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/region"
)

// Org is an implementing organisation: an NGO, a Dinas Sosial office, a credit
// union, a CSR unit. Every record it owns carries its ID.
type Org struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	Kind      string    `json:"kind"`
	CreatedAt time.Time `json:"created_at"`
}

// OrgKinds lists the kinds of implementing organisation.
var OrgKinds = []string{"ngo", "government", "credit_union", "csr", "social_institution", "cooperative", "other"}

// User is a person who signs in. The password hash never leaves the store.
type User struct {
	OrgID     string      `json:"org_id"`
	ID        string      `json:"id"`
	Username  string      `json:"username"`
	Name      string      `json:"name"`
	Role      access.Role `json:"role"`
	Scope     string      `json:"scope"`
	Lang      string      `json:"lang"`
	Disabled  bool        `json:"disabled"`
	CreatedAt time.Time   `json:"created_at"`
	UpdatedAt time.Time   `json:"updated_at"`
}

// Languages the interface speaks; the first is the default.
var Languages = []string{"id", "en"}

// NewUser is the input for creating a user.
type NewUser struct {
	Username string      `json:"username"`
	Name     string      `json:"name"`
	Password string      `json:"password"`
	Role     access.Role `json:"role"`
	Scope    string      `json:"scope"`
	Lang     string      `json:"lang"`
}

// reservedUsernames are the actor names the system itself writes into the audit
// trail; a person with one of them would be mistaken for it.
var reservedUsernames = []string{"cli", "system", "setup", "root"}

var usernamePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{2,31}$`)

// MinPasswordLength is the shortest password accepted.
const MinPasswordLength = 8

// Normalize trims the input and fills defaults: lower-case username, the name
// from the username, Indonesian, national scope written as "".
func (n *NewUser) Normalize() {
	n.Username = strings.ToLower(strings.TrimSpace(n.Username))
	n.Name = strings.TrimSpace(n.Name)
	if n.Name == "" {
		n.Name = n.Username
	}
	if n.Lang == "" {
		n.Lang = Languages[0]
	}
	n.Scope = strings.TrimSpace(n.Scope)
}

// Validate checks the input's form (not whether the scope region exists, which
// needs the catalogue; the service checks that).
func (n NewUser) Validate() error {
	f := errs.Fields{}
	if !usernamePattern.MatchString(n.Username) {
		f.Add("username", "user.err.username")
	} else if slices.Contains(reservedUsernames, n.Username) {
		f.Add("username", "user.err.reserved")
	}
	if msg := passwordProblem(n.Password, n.Username); msg != "" {
		f.Add("password", msg)
	}
	if !n.Role.Valid() {
		f.Add("role", "user.err.role")
	}
	if !slices.Contains(Languages, n.Lang) {
		f.Add("lang", "user.err.lang")
	}
	if n.Scope != "" {
		if _, err := region.NormalizeCode(n.Scope); err != nil {
			f.Add("scope", "region.err.code_format")
		}
	}
	return f.Err()
}

// passwordProblem returns a message key when a password is too weak, else "".
func passwordProblem(password, username string) string {
	switch {
	case len([]rune(password)) < MinPasswordLength:
		return "user.err.password_short"
	case strings.EqualFold(password, username):
		return "user.err.password_username"
	}
	return ""
}

// Principal turns a user (and its organisation) into the actor of a request.
func (u User) Principal(org Org) access.Principal {
	return access.Principal{OrgID: u.OrgID, OrgName: org.Name, UserID: u.ID, Username: u.Username,
		Name: u.Name, Role: u.Role, Scope: u.Scope, Lang: u.Lang}
}

// Token is a personal API token as listed (the secret is shown once, at creation).
type Token struct {
	ID        string    `json:"id"`
	UserID    string    `json:"user_id"`
	Name      string    `json:"name"`
	CreatedAt time.Time `json:"created_at"`
	Revoked   bool      `json:"revoked"`
}
