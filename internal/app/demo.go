package app

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/auth"
	"github.com/berdaya/berdaya/internal/demo"
	"github.com/berdaya/berdaya/internal/region"
	"github.com/berdaya/berdaya/internal/registry"
)

// Demo credentials of the organisation `serve --demo` and `demo` create on an
// empty database. They are printed at start; a demo database is for trying.
const (
	DemoOrg      = "Yayasan Berdaya Contoh"
	DemoUser     = "demo"
	DemoPassword = "demo-berdaya"
)

// demoPrincipal is the organisation demo data goes into: the only one, or a new
// demo organisation with its admin on an empty database.
func (m *Main) demoPrincipal(ctx context.Context, orgID string, out io.Writer) (access.Principal, error) {
	has, err := m.Auth.HasUsers(ctx)
	if err != nil {
		return access.Principal{}, err
	}
	if !has {
		org, _, err := m.Auth.Bootstrap(ctx, DemoOrg, auth.NewUser{Username: DemoUser, Name: "Admin Contoh", Password: DemoPassword})
		if err != nil {
			return access.Principal{}, err
		}
		fmt.Fprintf(out, "demo organisation %q created; log in as %s / %s\n", org.Name, DemoUser, DemoPassword)
		return auth.System(org), nil
	}
	return m.System(ctx, orgID)
}

// demoVillages is every village under the region under ("" = all).
func demoVillages(under string) ([]region.Region, error) {
	all, err := region.Embedded()
	if err != nil || under == "" {
		return all, err
	}
	code, err := region.NormalizeCode(under)
	if err != nil {
		return nil, err
	}
	var some []region.Region
	for _, r := range all {
		if region.InScope(code, r.Code) {
			some = append(some, r)
		}
	}
	return some, nil
}

// writeDemoCSV writes generated households as an import file (for benchmarks
// and for trying the importer).
func writeDemoCSV(path string, seed uint64, households int, under string) (int, error) {
	villages, err := demoVillages(under)
	if err != nil {
		return 0, err
	}
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	n, err := demo.WriteCSV(f, demo.NewGenerator(seed, villages), households, ',')
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return n, err
}

// Demo generates households under the region under ("" = everywhere) and
// imports them for p.
func (m *Main) Demo(ctx context.Context, p access.Principal, seed uint64, households int, under string) (registry.ImportResult, error) {
	villages, err := demoVillages(under)
	if err != nil {
		return registry.ImportResult{}, err
	}
	rows := demo.NewRows(demo.NewGenerator(seed, villages), households)
	return m.Registry.Import(ctx, p, rows, registry.ImportOptions{FileName: fmt.Sprintf("demo seed %d", seed)})
}

// DemoHouseholds is how many households `serve --demo` starts with: enough to
// browse and search, quick to make.
const DemoHouseholds = 300

// startDemo fills an empty database with a demo organisation in one regency
// (Kabupaten Bandung), so that a newcomer sees a living system. A database that
// already has users is left alone.
func (m *Main) startDemo(ctx context.Context, out io.Writer) error {
	has, err := m.Auth.HasUsers(ctx)
	if err != nil || has {
		return err
	}
	p, err := m.demoPrincipal(ctx, "", out)
	if err != nil {
		return err
	}
	res, err := m.Demo(ctx, p, 1, DemoHouseholds, "32.04")
	if err != nil {
		return err
	}
	if err := m.demoGroups(ctx, p); err != nil {
		return fmt.Errorf("demo groups: %w", err)
	}
	m.Log.Info("demo data ready", "persons", res.Imported, "login", DemoUser, "password", DemoPassword)
	return nil
}
