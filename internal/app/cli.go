package app

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/auth"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/i18n"
	"github.com/berdaya/berdaya/internal/region"
	"github.com/spf13/cobra"
)

// Run executes the command line with args and returns the process exit code.
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	root := newRoot(stdin, stdout, stderr)
	root.SetArgs(args)
	if err := root.ExecuteContext(ctx); err != nil {
		if !errors.Is(err, errSilentFailure) {
			fmt.Fprintln(stderr, "error:", describeError(err))
		}
		return 1
	}
	return 0
}

// errSilentFailure makes a command exit 1 after it has already said why.
var errSilentFailure = errors.New("failed")

// cli holds what every command shares.
type cli struct {
	dbSource  string
	logFormat string
	stdin     io.Reader
	stdout    io.Writer
	stderr    io.Writer
}

func (c *cli) logger() *slog.Logger {
	opts := &slog.HandlerOptions{Level: slog.LevelInfo}
	if c.logFormat == "json" {
		return slog.New(slog.NewJSONHandler(c.stderr, opts))
	}
	return slog.New(slog.NewTextHandler(c.stderr, opts))
}

// open opens the database for a command, creating and migrating it when new.
func (c *cli) open(cmd *cobra.Command) (*Main, error) {
	return Open(cmd.Context(), c.dbSource, c.logger())
}

// withMain opens the database, runs fn and closes it.
func (c *cli) withMain(fn func(cmd *cobra.Command, args []string, m *Main) error) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		m, err := c.open(cmd)
		if err != nil {
			return err
		}
		defer m.Close()
		return fn(cmd, args, m)
	}
}

func newRoot(stdin io.Reader, stdout, stderr io.Writer) *cobra.Command {
	c := &cli{stdin: stdin, stdout: stdout, stderr: stderr}
	root := &cobra.Command{
		Use:   "berdaya",
		Short: "Berdaya: the system community-empowerment programmes run on",
		Long: "Berdaya registers the families a programme serves, forms and coaches their groups, keeps\n" +
			"their books honest and reports up the government hierarchy. One binary: a web application,\n" +
			"a JSON API and this command line, on an embedded SQLite file or on PostgreSQL.",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	defaultDB := os.Getenv("BERDAYA_DB")
	if defaultDB == "" {
		defaultDB = "berdaya.db"
	}
	root.PersistentFlags().StringVar(&c.dbSource, "db", defaultDB, "database: a SQLite file path or a postgres:// URL (env BERDAYA_DB)")
	root.PersistentFlags().StringVar(&c.logFormat, "log-format", "text", "log format: text or json")
	root.AddCommand(c.serveCmd(), c.migrateCmd(), c.usersCmd(), c.regionsCmd(), c.auditCmd(), c.backupCmd(), c.versionCmd(),
		c.nikCmd(), c.importCmd(), c.demoCmd(), c.sampleCmd(), c.ppiCmd())
	return root
}

func (c *cli) serveCmd() *cobra.Command {
	var addr, adminUser, adminPassword, publicURL string
	var trustProxy, withDemo bool
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Run the web application and the API",
		Long: "Run the web application and the JSON API. On an empty database the first administrator\n" +
			"comes from --admin-user/--admin-password (or BERDAYA_ADMIN_USER/BERDAYA_ADMIN_PASSWORD);\n" +
			"without them a one-time setup link is printed.",
		Args: cobra.NoArgs,
		RunE: c.withMain(func(cmd *cobra.Command, _ []string, m *Main) error {
			if adminUser == "" {
				adminUser, adminPassword = os.Getenv("BERDAYA_ADMIN_USER"), os.Getenv("BERDAYA_ADMIN_PASSWORD")
			}
			if publicURL == "" {
				publicURL = localURL(addr)
			}
			if withDemo {
				if err := m.startDemo(cmd.Context(), c.stderr); err != nil {
					return err
				}
			}
			if err := m.ensureAdmin(cmd.Context(), c.stderr, adminUser, adminPassword, strings.TrimSuffix(publicURL, "/")); err != nil {
				return err
			}
			if err := m.Registry.CloseInterrupted(cmd.Context()); err != nil {
				return err
			}
			return m.Serve(cmd.Context(), addr, trustProxy, func(a net.Addr) {
				m.Log.Info("Berdaya is running", "url", publicURL, "listen", a.String(), "db", m.DB.Dialect(), "version", version())
			})
		}),
	}
	cmd.Flags().StringVar(&addr, "addr", ":8080", "address to listen on, HOST:PORT")
	cmd.Flags().StringVar(&adminUser, "admin-user", "", "username of the first administrator (empty database only)")
	cmd.Flags().StringVar(&adminPassword, "admin-password", "", "password of the first administrator")
	cmd.Flags().StringVar(&publicURL, "public-url", "", "address people use to reach this server (for the setup link); default http://localhost:PORT")
	cmd.Flags().BoolVar(&withDemo, "demo", false, "on an empty database, create a demo organisation with households (log in as demo / demo-berdaya)")
	cmd.Flags().BoolVar(&trustProxy, "trust-proxy", false, "trust X-Forwarded-For/-Proto from a reverse proxy (TLS termination)")
	return cmd
}

// localURL is the address to show for a listen address such as ":8080".
func localURL(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "http://" + addr
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port)
}

func (c *cli) migrateCmd() *cobra.Command {
	var status bool
	cmd := &cobra.Command{
		Use:   "migrate",
		Short: "Create or upgrade the database schema",
		Args:  cobra.NoArgs,
		RunE: c.withMain(func(cmd *cobra.Command, _ []string, m *Main) error {
			if !status {
				fmt.Fprintln(c.stdout, "database is up to date")
				return nil
			}
			lines, err := m.DB.MigrationStatus(cmd.Context())
			for _, l := range lines {
				fmt.Fprintln(c.stdout, l)
			}
			return err
		}),
	}
	cmd.Flags().BoolVar(&status, "status", false, "list the migrations and their state")
	return cmd
}

func (c *cli) versionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			fmt.Fprintln(c.stdout, "berdaya", version())
			return nil
		},
	}
}

func (c *cli) backupCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "backup OUT",
		Short: "Write a consistent copy of the database to OUT (safe while the server runs)",
		Long: "Write a consistent copy of a SQLite database to the file OUT while the server may be\n" +
			"running (VACUUM INTO reads one snapshot). For PostgreSQL use pg_dump, e.g.\n" +
			"  pg_dump --format=custom --file=berdaya.dump \"postgres://...\"",
		Args: cobra.ExactArgs(1),
		RunE: c.withMain(func(cmd *cobra.Command, args []string, m *Main) error {
			if err := m.DB.Backup(cmd.Context(), args[0]); err != nil {
				return err
			}
			fmt.Fprintln(c.stdout, "backup written to", args[0])
			return nil
		}),
	}
}

func (c *cli) regionsCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "regions", Short: "Indonesia's administrative regions (Kemendagri codes)"}
	cmd.AddCommand(&cobra.Command{
		Use:   "stats",
		Short: "Count the regions per level",
		Args:  cobra.NoArgs,
		RunE: c.withMain(func(cmd *cobra.Command, _ []string, m *Main) error {
			stats, err := m.Regions.Stats(cmd.Context())
			if err != nil {
				return err
			}
			printStats(c.stdout, stats)
			return nil
		}),
	}, &cobra.Command{
		Use:   "import DIR",
		Short: "Replace the regions with a newer idn-area-data release",
		Long: "Replace the region catalogue with the CSV files of an idn-area-data release\n" +
			"(provinces.csv, regencies.csv, districts.csv, villages.csv in DIR), e.g. after\n" +
			"  npm pack idn-area-data@latest && tar xzf idn-area-data-*.tgz\n" +
			"  berdaya regions import package/data\n" +
			"The files are checked first; on any error nothing changes.",
		Args: cobra.ExactArgs(1),
		RunE: c.withMain(func(cmd *cobra.Command, args []string, m *Main) error {
			stats, err := m.Regions.Import(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			printStats(c.stdout, stats)
			return nil
		}),
	})
	return cmd
}

func printStats(w io.Writer, stats map[region.Level]int) {
	for _, l := range region.Levels {
		fmt.Fprintf(w, "%s %d\n", l, stats[l])
	}
}

func (c *cli) auditCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "audit", Short: "The audit trail"}
	cmd.AddCommand(&cobra.Command{
		Use:   "verify",
		Short: "Check every organisation's hash chain; exit 1 if a row was changed or removed",
		Args:  cobra.NoArgs,
		RunE: c.withMain(func(cmd *cobra.Command, _ []string, m *Main) error {
			rep, err := m.Audit.Verify(cmd.Context())
			if err != nil {
				return err
			}
			for _, b := range rep.Breaks {
				fmt.Fprintf(c.stdout, "BROKEN org %s at entry %d: %s\n", b.OrgID, b.Seq, b.Reason)
			}
			if !rep.OK() {
				return fmt.Errorf("audit chain broken in %d organisation(s)", len(rep.Breaks))
			}
			fmt.Fprintf(c.stdout, "ok: %d entries in %d organisation(s), chains intact\n", rep.Entries, rep.Orgs)
			return nil
		}),
	})
	return cmd
}

func (c *cli) usersCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "users", Short: "Manage users (add, list, passwd, token, disable)"}
	var orgID string
	cmd.PersistentFlags().StringVar(&orgID, "org", "", "organisation ID (needed only when the database holds several)")
	cmd.AddCommand(c.usersAddCmd(&orgID), c.usersListCmd(&orgID), c.usersPasswdCmd(&orgID), c.usersTokenCmd(&orgID), c.usersDisableCmd(&orgID))
	return cmd
}

func (c *cli) usersAddCmd(orgID *string) *cobra.Command {
	var nu auth.NewUser
	var role, orgName string
	cmd := &cobra.Command{
		Use:   "add",
		Short: "Add a user; on an empty database this also creates the organisation",
		Args:  cobra.NoArgs,
		RunE: c.withMain(func(cmd *cobra.Command, _ []string, m *Main) error {
			ctx := cmd.Context()
			nu.Role = access.Role(role)
			if nu.Password == "" {
				pw, err := readLine(c.stdin)
				if err != nil {
					return errors.New("give --password or type the password on standard input")
				}
				nu.Password = pw
			}
			has, err := m.Auth.HasUsers(ctx)
			if err != nil {
				return err
			}
			var u auth.User
			if !has && *orgID == "" {
				if nu.Role != access.Admin {
					return errors.New("the first user must be an admin (--role admin)")
				}
				_, u, err = m.Auth.Bootstrap(ctx, orgName, nu)
			} else {
				var p access.Principal
				if p, err = m.System(ctx, *orgID); err == nil {
					u, err = m.Auth.CreateUser(ctx, p, nu)
				}
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(c.stdout, "added %s (%s, scope %s) id %s\n", u.Username, u.Role, scopeText(u.Scope), u.ID)
			return nil
		}),
	}
	f := cmd.Flags()
	f.StringVar(&nu.Username, "username", "", "login name")
	f.StringVar(&nu.Password, "password", "", "password (read from standard input when empty)")
	f.StringVar(&nu.Name, "name", "", "full name")
	f.StringVar(&role, "role", string(access.Viewer), "role: admin, manager, facilitator, treasurer or viewer")
	f.StringVar(&nu.Scope, "scope", "", "region code the user is limited to, e.g. 32.04 (empty: national)")
	f.StringVar(&nu.Lang, "lang", "id", "interface language: id or en")
	f.StringVar(&orgName, "org-name", auth.DefaultOrgName, "name of the organisation created on an empty database")
	cmd.MarkFlagRequired("username")
	return cmd
}

func scopeText(scope string) string {
	if scope == "" {
		return "national"
	}
	return scope
}

func (c *cli) usersListCmd(orgID *string) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the users",
		Args:  cobra.NoArgs,
		RunE: c.withMain(func(cmd *cobra.Command, _ []string, m *Main) error {
			p, err := m.System(cmd.Context(), *orgID)
			if err != nil {
				return err
			}
			users, err := m.Auth.ListUsers(cmd.Context(), p)
			if err != nil {
				return err
			}
			if asJSON {
				return json.NewEncoder(c.stdout).Encode(users)
			}
			for _, u := range users {
				state := "active"
				if u.Disabled {
					state = "disabled"
				}
				fmt.Fprintf(c.stdout, "%-20s %-12s %-14s %-9s %s\n", u.Username, u.Role, scopeText(u.Scope), state, u.Name)
			}
			return nil
		}),
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

// findUser resolves a username to a user of the command's organisation.
func (c *cli) findUser(cmd *cobra.Command, m *Main, orgID, username string) (access.Principal, auth.User, error) {
	p, err := m.System(cmd.Context(), orgID)
	if err != nil {
		return p, auth.User{}, err
	}
	u, err := m.Auth.UserByUsername(cmd.Context(), p, username)
	return p, u, err
}

func (c *cli) usersPasswdCmd(orgID *string) *cobra.Command {
	var password string
	cmd := &cobra.Command{
		Use:   "passwd USERNAME",
		Short: "Set a user's password (read from standard input unless --password is given)",
		Args:  cobra.ExactArgs(1),
		RunE: c.withMain(func(cmd *cobra.Command, args []string, m *Main) error {
			p, u, err := c.findUser(cmd, m, *orgID, args[0])
			if err != nil {
				return err
			}
			if password == "" {
				if password, err = readLine(c.stdin); err != nil {
					return errors.New("give --password or type the password on standard input")
				}
			}
			if err := m.Auth.SetPassword(cmd.Context(), p, u.ID, password); err != nil {
				return err
			}
			fmt.Fprintln(c.stdout, "password set for", u.Username)
			return nil
		}),
	}
	cmd.Flags().StringVar(&password, "password", "", "the new password")
	return cmd
}

func (c *cli) usersTokenCmd(orgID *string) *cobra.Command {
	var name string
	cmd := &cobra.Command{
		Use:   "token USERNAME",
		Short: "Create a personal API token for a user and print it (shown only once)",
		Args:  cobra.ExactArgs(1),
		RunE: c.withMain(func(cmd *cobra.Command, args []string, m *Main) error {
			p, u, err := c.findUser(cmd, m, *orgID, args[0])
			if err != nil {
				return err
			}
			secret, _, err := m.Auth.CreateToken(cmd.Context(), p, u.ID, name)
			if err != nil {
				return err
			}
			fmt.Fprintln(c.stdout, secret)
			return nil
		}),
	}
	cmd.Flags().StringVar(&name, "name", "cli", "a name to recognise the token by")
	return cmd
}

func (c *cli) usersDisableCmd(orgID *string) *cobra.Command {
	var enable bool
	cmd := &cobra.Command{
		Use:   "disable USERNAME",
		Short: "Disable a user (ends its sessions and tokens); --enable undoes it",
		Args:  cobra.ExactArgs(1),
		RunE: c.withMain(func(cmd *cobra.Command, args []string, m *Main) error {
			p, u, err := c.findUser(cmd, m, *orgID, args[0])
			if err != nil {
				return err
			}
			disabled := !enable
			if _, err := m.Auth.UpdateUser(cmd.Context(), p, u.ID, auth.Update{Disabled: &disabled}); err != nil {
				return err
			}
			fmt.Fprintf(c.stdout, "%s is now %s\n", u.Username, map[bool]string{true: "disabled", false: "enabled"}[disabled])
			return nil
		}),
	}
	cmd.Flags().BoolVar(&enable, "enable", false, "enable the user again")
	return cmd
}

func readLine(r io.Reader) (string, error) {
	line, err := bufio.NewReader(r).ReadString('\n')
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		if err == nil {
			err = io.EOF
		}
		return "", err
	}
	return line, nil
}

// describeError renders an error for the terminal: a domain error in words from
// the catalogue (in BERDAYA_LANG, English by default), with its fields.
func describeError(err error) string {
	e, ok := errs.As(err)
	if !ok {
		return err.Error()
	}
	lang := cliLang()
	msg := i18n.T(lang, e.Msg, e.Args...)
	names := make([]string, 0, len(e.Fields))
	for f := range e.Fields {
		names = append(names, f)
	}
	sort.Strings(names)
	for _, f := range names {
		msg += fmt.Sprintf("\n  %s: %s", f, i18n.T(lang, e.Fields[f]))
	}
	return msg
}
