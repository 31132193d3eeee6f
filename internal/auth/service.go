package auth

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"time"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/audit"
	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/region"
	"github.com/google/uuid"
)

// SessionTTL is how long a sign-in lasts.
const SessionTTL = 12 * time.Hour

// SetupTTL is how long a first-run setup link works.
const SetupTTL = 24 * time.Hour

// Service runs organisations, users, sessions and tokens.
type Service struct {
	store   store
	db      *db.DB
	audit   *audit.Service
	regions *region.Service
	limiter *loginLimiter
	now     func() time.Time
}

// NewService wires the auth service.
func NewService(d *db.DB, a *audit.Service, r *region.Service) *Service {
	return &Service{store: store{db: d}, db: d, audit: a, regions: r, limiter: newLoginLimiter(), now: time.Now}
}

// SetClock replaces the clock (tests of expiry and rate limits use it).
func (s *Service) SetClock(now func() time.Time) { s.now = now }

func (s *Service) clock() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

func newID() string { return uuid.Must(uuid.NewV7()).String() }

// System is the principal of the command line acting on org: an operator with
// shell access to the server is trusted like a national administrator.
func System(org Org) access.Principal {
	return access.Principal{OrgID: org.ID, OrgName: org.Name, UserID: "system", Username: "cli", Name: "CLI", Role: access.Admin, Lang: "id"}
}

func actorOf(p access.Principal) (string, string) { return p.UserID, p.Username }

// HasUsers reports whether anyone can sign in yet.
func (s *Service) HasUsers(ctx context.Context) (bool, error) {
	n, err := s.store.countUsers(ctx, s.db.Reader())
	return n > 0, err
}

// Orgs lists every organisation of the install (for the command line).
func (s *Service) Orgs(ctx context.Context) ([]Org, error) { return s.store.orgs(ctx) }

// DefaultOrgName is the name of the organisation made for the first admin when
// none is given.
const DefaultOrgName = "Organisasi Saya"

// Bootstrap creates an organisation with its first, national administrator. It
// is how an empty install gets its first user (flags, environment, setup link,
// or `users add` on an empty database).
func (s *Service) Bootstrap(ctx context.Context, orgName string, nu NewUser) (Org, User, error) {
	nu, hash, err := prepareAdmin(nu)
	if err != nil {
		return Org{}, User{}, err
	}
	var org Org
	var u User
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		org, u, err = s.bootstrapTx(ctx, tx, orgName, nu, hash)
		return err
	})
	return org, u, err
}

// prepareAdmin validates a first administrator and hashes its password; the
// slow hashing happens before any transaction so that it never holds the writer.
func prepareAdmin(nu NewUser) (NewUser, string, error) {
	nu.Role = access.Admin
	nu.Scope = ""
	nu.Normalize()
	if err := nu.Validate(); err != nil {
		return nu, "", err
	}
	return nu, HashPassword(nu.Password), nil
}

func (s *Service) bootstrapTx(ctx context.Context, tx *sql.Tx, orgName string, nu NewUser, hash string) (Org, User, error) {
	org := Org{ID: newID(), Name: strings.TrimSpace(orgName), Kind: "other", CreatedAt: s.clock()}
	if org.Name == "" {
		org.Name = DefaultOrgName
	}
	if err := s.store.insertOrg(ctx, tx, org); err != nil {
		return org, User{}, err
	}
	p := System(org)
	if err := s.audit.Record(ctx, tx, audit.Change{OrgID: org.ID, ActorID: p.UserID, ActorName: p.Username,
		Action: "create", Entity: "org", EntityID: org.ID, After: org}); err != nil {
		return org, User{}, err
	}
	u, err := s.createUser(ctx, tx, p, nu, hash)
	return org, u, err
}

// CreateUser adds a user to p's organisation. An administrator can only give
// a scope inside its own: a regency admin cannot create a national user.
func (s *Service) CreateUser(ctx context.Context, p access.Principal, nu NewUser) (User, error) {
	if err := p.Require(access.ManageUsers); err != nil {
		return User{}, err
	}
	nu.Normalize()
	if err := nu.Validate(); err != nil {
		return User{}, err
	}
	// Lookups on the read pool happen before the write transaction: on PostgreSQL
	// both are one pool, and holding a connection while asking for a second one
	// deadlocks under load.
	scope, err := s.checkScope(ctx, p, nu.Scope)
	if err != nil {
		return User{}, err
	}
	nu.Scope = scope
	hash := HashPassword(nu.Password)
	var u User
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		var err error
		u, err = s.createUser(ctx, tx, p, nu, hash)
		return err
	})
	return u, err
}

// createUser inserts a user whose scope the caller has already checked.
func (s *Service) createUser(ctx context.Context, tx *sql.Tx, p access.Principal, nu NewUser, hash string) (User, error) {
	now := s.clock()
	u := User{OrgID: p.OrgID, ID: newID(), Username: nu.Username, Name: nu.Name, Role: nu.Role, Scope: nu.Scope,
		Lang: nu.Lang, CreatedAt: now, UpdatedAt: now}
	if err := s.store.insertUser(ctx, tx, u, hash); err != nil {
		if db.IsUniqueViolation(err) {
			return User{}, errs.New(errs.Conflict, "user.err.username_taken").Field("username", "user.err.username_taken")
		}
		return User{}, err
	}
	return u, s.record(ctx, tx, p, "create", u, nil, u)
}

// checkScope validates a scope for a user p manages: it must name a real region
// (or "" for national) inside p's own scope. It returns the dotted form.
func (s *Service) checkScope(ctx context.Context, p access.Principal, scope string) (string, error) {
	if scope != "" {
		r, err := s.regions.Get(ctx, scope)
		if err != nil {
			return "", errs.New(errs.Invalid, "err.invalid").Field("scope", "region.err.not_found")
		}
		scope = r.Code
	}
	if !p.Covers(scope) || (scope == "" && p.Scope != "") {
		return "", errs.New(errs.Forbidden, "err.out_of_scope").Field("scope", "err.out_of_scope")
	}
	return scope, nil
}

func (s *Service) record(ctx context.Context, tx *sql.Tx, p access.Principal, action string, u User, before, after any) error {
	id, name := actorOf(p)
	return s.audit.Record(ctx, tx, audit.Change{OrgID: u.OrgID, ActorID: id, ActorName: name, Action: action,
		Entity: "user", EntityID: u.ID, RegionCode: u.Scope, Before: before, After: after})
}

// ListUsers lists the users of p's organisation inside p's scope.
func (s *Service) ListUsers(ctx context.Context, p access.Principal) ([]User, error) {
	if err := p.Require(access.ManageUsers); err != nil {
		return nil, err
	}
	return s.store.listUsers(ctx, p.OrgID, p.Scope)
}

// GetUser returns one user of p's organisation inside p's scope. A user out of
// scope is reported as not found, so that its existence does not leak.
func (s *Service) GetUser(ctx context.Context, p access.Principal, id string) (User, error) {
	if err := p.Require(access.ManageUsers); err != nil {
		return User{}, err
	}
	return s.userInScope(ctx, s.db.Reader(), p, id)
}

func (s *Service) userInScope(ctx context.Context, r db.Querier, p access.Principal, id string) (User, error) {
	u, err := s.store.user(ctx, r, p.OrgID, id)
	if notFound(err) || (err == nil && !p.Covers(u.Scope)) {
		return User{}, errs.New(errs.NotFound, "user.err.not_found")
	}
	return u, err
}

// UserByUsername finds a user of p's organisation by login name, in scope.
func (s *Service) UserByUsername(ctx context.Context, p access.Principal, username string) (User, error) {
	u, _, err := s.store.userByUsername(ctx, s.db.Reader(), strings.ToLower(strings.TrimSpace(username)))
	if notFound(err) || (err == nil && u.OrgID != p.OrgID) {
		return User{}, errs.New(errs.NotFound, "user.err.not_found")
	}
	if err != nil {
		return User{}, err
	}
	return s.GetUser(ctx, p, u.ID)
}

// Update is a change to a user by an administrator; nil fields stay as they are.
type Update struct {
	Name     *string      `json:"name,omitempty"`
	Role     *access.Role `json:"role,omitempty"`
	Scope    *string      `json:"scope,omitempty"`
	Disabled *bool        `json:"disabled,omitempty"`
}

// UpdateUser changes a user's name, role, scope or disabled flag. Disabling ends
// the user's sessions at once; an admin cannot disable or demote itself, so an
// organisation is never left without an administrator by accident.
func (s *Service) UpdateUser(ctx context.Context, p access.Principal, id string, up Update) (User, error) {
	if err := p.Require(access.ManageUsers); err != nil {
		return User{}, err
	}
	if up.Scope != nil {
		scope, err := s.checkScope(ctx, p, strings.TrimSpace(*up.Scope))
		if err != nil {
			return User{}, err
		}
		up.Scope = &scope
	}
	var after User
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		before, err := s.manageable(ctx, tx, p, id)
		if err != nil {
			return err
		}
		after, err = s.applyUpdate(p, before, up)
		if err != nil || after == before {
			after = before
			return err // nothing changed: nothing to write or audit
		}
		after.UpdatedAt = s.clock()
		if err := s.store.updateUser(ctx, tx, after); err != nil {
			return err
		}
		if after.Disabled && !before.Disabled {
			if err := s.endAccess(ctx, tx, after); err != nil {
				return err
			}
		}
		return s.record(ctx, tx, p, "update", after, before, after)
	})
	return after, err
}

// endAccess ends a disabled user's sessions and revokes its tokens, so that
// enabling it again later does not bring old tokens back to life.
func (s *Service) endAccess(ctx context.Context, tx *sql.Tx, u User) error {
	if err := s.store.deleteUserSessions(ctx, tx, u.OrgID, u.ID); err != nil {
		return err
	}
	return s.store.revokeUserTokens(ctx, tx, u.OrgID, u.ID)
}

// manageable locks a user that p may change: in p's scope and, when the user is
// an administrator of the very same regional scope, not a peer (a regency admin
// cannot take over another admin of the same regency; a national one can).
func (s *Service) manageable(ctx context.Context, tx *sql.Tx, p access.Principal, id string) (User, error) {
	u, err := s.store.userForUpdate(ctx, tx, p.OrgID, id)
	if notFound(err) || (err == nil && !p.Covers(u.Scope)) {
		return User{}, errs.New(errs.NotFound, "user.err.not_found")
	}
	if err != nil {
		return User{}, err
	}
	if u.Role == access.Admin && u.ID != p.UserID && p.Scope != "" && u.Scope == p.Scope {
		return User{}, errs.New(errs.Forbidden, "user.err.peer_admin")
	}
	return u, nil
}

// applyUpdate returns u changed by up; a scope in up has been checked already.
func (s *Service) applyUpdate(p access.Principal, u User, up Update) (User, error) {
	self := u.ID == p.UserID
	if up.Name != nil {
		if name := strings.TrimSpace(*up.Name); name != "" {
			u.Name = name
		}
	}
	if up.Role != nil {
		if !up.Role.Valid() {
			return u, errs.New(errs.Invalid, "err.invalid").Field("role", "user.err.role")
		}
		if self && *up.Role != u.Role {
			return u, errs.New(errs.Invalid, "user.err.self_demote")
		}
		u.Role = *up.Role
	}
	if up.Scope != nil {
		u.Scope = *up.Scope
	}
	if up.Disabled != nil {
		if self && *up.Disabled {
			return u, errs.New(errs.Invalid, "user.err.self_disable")
		}
		u.Disabled = *up.Disabled
	}
	return u, nil
}

// SetPassword sets another user's password (an administrator's reset) and ends
// that user's sessions.
func (s *Service) SetPassword(ctx context.Context, p access.Principal, id, password string) error {
	if err := p.Require(access.ManageUsers); err != nil {
		return err
	}
	hash := HashPassword(password)
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		u, err := s.manageable(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if msg := passwordProblem(password, u.Username); msg != "" {
			return errs.New(errs.Invalid, msg).Field("password", msg)
		}
		return s.changePassword(ctx, tx, p, u, hash)
	})
}

func (s *Service) changePassword(ctx context.Context, tx *sql.Tx, p access.Principal, u User, hash string) error {
	if err := s.store.setPassword(ctx, tx, u.OrgID, u.ID, hash, s.clock()); err != nil {
		return err
	}
	if err := s.store.deleteUserSessions(ctx, tx, u.OrgID, u.ID); err != nil {
		return err
	}
	return s.record(ctx, tx, p, "password", u, nil, map[string]string{"password": "changed"})
}

// ChangeOwnPassword lets a signed-in user change its password, given the old one
// and the new one twice. Every session of the user ends and a new one is opened
// for the caller's browser. The slow password work happens before the write
// transaction.
func (s *Service) ChangeOwnPassword(ctx context.Context, p access.Principal, old, password, confirm string) (Session, error) {
	u, err := s.store.user(ctx, s.db.Reader(), p.OrgID, p.UserID)
	if err != nil {
		return Session{}, err
	}
	current, err := s.store.passwordHash(ctx, s.db.Reader(), p.OrgID, p.UserID)
	if err != nil {
		return Session{}, err
	}
	if !CheckPassword(current, old) {
		return Session{}, errs.New(errs.Invalid, "err.invalid").Field("old_password", "user.err.old_password")
	}
	if err := CheckNewPassword(password, confirm, u.Username); err != nil {
		return Session{}, err
	}
	hash := HashPassword(password)
	err = s.db.Tx(ctx, func(tx *sql.Tx) error { return s.changePassword(ctx, tx, p, u, hash) })
	if err != nil {
		return Session{}, err
	}
	return s.openSession(ctx, u)
}

// CheckNewPassword checks a new password typed twice: the same both times and
// strong enough.
func CheckNewPassword(password, confirm, username string) error {
	if password != confirm {
		return errs.New(errs.Invalid, "err.invalid").Field("password2", "user.err.password_mismatch")
	}
	if msg := passwordProblem(password, username); msg != "" {
		return errs.New(errs.Invalid, "err.invalid").Field("password", msg)
	}
	return nil
}

// SetLanguage stores the interface language a user chose.
func (s *Service) SetLanguage(ctx context.Context, p access.Principal, lang string) error {
	if !slices.Contains(Languages, lang) {
		return errs.New(errs.Invalid, "err.invalid").Field("lang", "user.err.lang")
	}
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		before, err := s.store.userForUpdate(ctx, tx, p.OrgID, p.UserID)
		if err != nil {
			return err
		}
		after := before
		after.Lang, after.UpdatedAt = lang, s.clock()
		if err := s.store.updateUser(ctx, tx, after); err != nil {
			return err
		}
		return s.record(ctx, tx, p, "update", after, before, after)
	})
}

// Org returns p's organisation.
func (s *Service) Org(ctx context.Context, p access.Principal) (Org, error) {
	return s.store.org(ctx, s.db.Reader(), p.OrgID)
}

// OrgByID returns an organisation (for the command line's --org).
func (s *Service) OrgByID(ctx context.Context, id string) (Org, error) {
	o, err := s.store.org(ctx, s.db.Reader(), id)
	if notFound(err) {
		return Org{}, errs.New(errs.NotFound, "org.err.not_found")
	}
	return o, err
}

// Colleague is what any user of an organisation may know of another: enough
// to pick them as a group's facilitator or a unit's head, and to show their
// name on a record. Roles and scopes beyond that stay with user managers.
type Colleague struct {
	ID       string      `json:"id"`
	Username string      `json:"username"`
	Name     string      `json:"name"`
	Role     access.Role `json:"role"`
}

// Label is the colleague's name, or their login name when they have none.
func (c Colleague) Label() string {
	if c.Name != "" {
		return c.Name
	}
	return c.Username
}

// Colleagues lists the active users of p's organisation whose scope overlaps
// p's (inside it, or above it), by name, for anyone who may read records.
func (s *Service) Colleagues(ctx context.Context, p access.Principal) ([]Colleague, error) {
	if err := p.Require(access.ReadRecords); err != nil {
		return nil, err
	}
	return s.store.colleagues(ctx, p.OrgID, p.Scope)
}
