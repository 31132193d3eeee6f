// Package app wires Berdaya together: it opens the database, builds the services
// and the web server, and runs the command line. Tests reuse its Main type.
package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/audit"
	"github.com/berdaya/berdaya/internal/auth"
	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/group"
	"github.com/berdaya/berdaya/internal/ppi"
	"github.com/berdaya/berdaya/internal/ppisurvey"
	"github.com/berdaya/berdaya/internal/programme"
	"github.com/berdaya/berdaya/internal/region"
	"github.com/berdaya/berdaya/internal/registry"
	"github.com/berdaya/berdaya/internal/web"
)

// Version is set at build time with -ldflags "-X .../internal/app.Version=v1.2.3";
// otherwise it is taken from the VCS information Go records in the binary.
var Version = ""

// version returns the best version string available.
func version() string {
	if Version != "" {
		return Version
	}
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				return "dev-" + s.Value[:12]
			}
		}
	}
	return "dev"
}

// Main is one running Berdaya: its database and services.
type Main struct {
	DB         *db.DB
	Regions    *region.Service
	Audit      *audit.Service
	Auth       *auth.Service
	Registry   *registry.Service
	Programmes *programme.Service
	Groups     *group.Service
	PPI        *ppi.Service
	Surveys    *ppisurvey.Service
	Log        *slog.Logger
}

// Open opens (creating and migrating if new) the database at source, loads the
// built-in regions when the catalogue is empty and builds the services.
func Open(ctx context.Context, source string, log *slog.Logger) (*Main, error) {
	if log == nil {
		log = slog.Default()
	}
	d, err := db.OpenAndMigrate(ctx, source)
	if err != nil {
		return nil, err
	}
	m := &Main{DB: d, Regions: region.NewService(d), Audit: audit.NewService(d), Log: log}
	m.Auth = auth.NewService(d, m.Audit, m.Regions)
	m.Registry = registry.NewService(d, m.Audit, m.Regions)
	m.Programmes = programme.NewService(d, m.Audit, m.Regions, m.Registry)
	m.Groups = group.NewService(d, m.Audit, m.Regions, m.Registry, m.Programmes)
	m.PPI = ppi.NewService(d, m.Audit)
	m.Surveys = ppisurvey.NewService(d, m.Audit, m.Registry, m.Groups, m.Programmes, m.PPI)
	if err := m.Regions.EnsureLoaded(ctx); err != nil {
		d.Close()
		return nil, fmt.Errorf("load regions: %w", err)
	}
	if err := m.Registry.EnsureIndexes(ctx); err != nil {
		d.Close()
		return nil, fmt.Errorf("registry indexes: %w", err)
	}
	return m, nil
}

// Close releases the database.
func (m *Main) Close() error { return m.DB.Close() }

// Handler builds the web application.
func (m *Main) Handler(trustProxy bool) (*web.Server, error) {
	return web.New(web.Deps{Auth: m.Auth, Regions: m.Regions, Audit: m.Audit, Registry: m.Registry, Programmes: m.Programmes, Groups: m.Groups, Surveys: m.Surveys, PPI: m.PPI, Ping: m.DB.Ping, Log: m.Log,
		Version: version(), TrustProxy: trustProxy})
}

// Org picks the organisation a command acts on: the one given, or the only one.
func (m *Main) Org(ctx context.Context, id string) (auth.Org, error) {
	if id != "" {
		return m.Auth.OrgByID(ctx, id)
	}
	orgs, err := m.Auth.Orgs(ctx)
	if err != nil {
		return auth.Org{}, err
	}
	switch len(orgs) {
	case 0:
		return auth.Org{}, errors.New("there is no organisation yet: create the first admin with `berdaya users add --role admin`")
	case 1:
		return orgs[0], nil
	}
	return auth.Org{}, fmt.Errorf("this database holds %d organisations; choose one with --org", len(orgs))
}

// System is the command line's principal on an organisation.
func (m *Main) System(ctx context.Context, orgID string) (access.Principal, error) {
	org, err := m.Org(ctx, orgID)
	if err != nil {
		return access.Principal{}, err
	}
	return auth.System(org), nil
}

// ensureAdmin creates the first admin from flags or environment on an empty
// install, or prints a one-time setup link when none was given.
func (m *Main) ensureAdmin(ctx context.Context, out io.Writer, user, password, publicURL string) error {
	has, err := m.Auth.HasUsers(ctx)
	if err != nil || has {
		return err
	}
	if user != "" {
		_, u, err := m.Auth.Bootstrap(ctx, "", auth.NewUser{Username: user, Password: password})
		if err != nil {
			return fmt.Errorf("first admin: %w", err)
		}
		m.Log.Info("created the first administrator", "username", u.Username)
		return nil
	}
	secret, err := m.Auth.NewSetupLink(ctx)
	if err != nil {
		return err
	}
	link := publicURL + "/setup?token=" + secret
	m.Log.Warn("no users yet: open the setup link to create the first administrator (valid 24 hours, once)", "link", link)
	fmt.Fprintf(out, "\n  Buka tautan ini untuk membuat admin pertama / Open this link to create the first admin:\n  %s\n\n", link)
	return nil
}

// Serve runs the web server on addr until ctx ends, then shuts down gracefully.
func (m *Main) Serve(ctx context.Context, addr string, trustProxy bool, ready func(net.Addr)) error {
	h, err := m.Handler(trustProxy)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 2 * time.Minute,
		WriteTimeout: 5 * time.Minute, IdleTimeout: 2 * time.Minute,
		ErrorLog: slog.NewLogLogger(m.Log.Handler(), slog.LevelWarn)}
	if ready != nil {
		ready(ln.Addr())
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	m.Log.Info("shutting down")
	shutCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		return err
	}
	if err := <-done; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
