package app

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/dbtest"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// run executes the CLI and returns its exit code, stdout and stderr.
func run(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Run(args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestCLIContract(t *testing.T) {
	for _, d := range dbtest.Dialects() {
		t.Run(string(d), func(t *testing.T) {
			// A brand-new SQLite path (not from the template) checks that a command
			// creates, migrates and loads a new database by itself.
			source := filepath.Join(t.TempDir(), "new", "berdaya.db")
			if d == db.Postgres {
				source = dbtest.Source(t, d)
			}
			cliContract(t, source)
		})
	}
}

func cliContract(t *testing.T, source string) {
	code, out, errOut := run(t, "", "regions", "stats", "--db", source)
	want := "province 38\nregency 514\ndistrict 7285\nvillage 83762\n"
	if code != 0 || out != want {
		t.Fatalf("regions stats = %d %q (stderr %s), want %q", code, out, errOut, want)
	}
	code, out, errOut = run(t, "", "users", "add", "--db", source, "--username", "admin", "--password", "rahasia-123", "--role", "admin")
	if code != 0 || !strings.Contains(out, "added admin (admin, scope national)") {
		t.Fatalf("users add = %d %q %q", code, out, errOut)
	}
	// A second user, scoped, with the password on standard input.
	code, out, errOut = run(t, "sandi-pendamping\n", "users", "add", "--db", source, "--username", "pendamping1", "--role", "facilitator", "--scope", "3204")
	if code != 0 || !strings.Contains(out, "scope 32.04") {
		t.Fatalf("users add scoped = %d %q %q", code, out, errOut)
	}
	code, out, _ = run(t, "", "users", "token", "--db", source, "admin")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) != 1 || !strings.HasPrefix(lines[0], "bdy_") {
		t.Fatalf("users token = %d %q, want one bdy_ line", code, out)
	}
	code, out, _ = run(t, "", "users", "list", "--db", source)
	if code != 0 || !strings.Contains(out, "pendamping1") || !strings.Contains(out, "facilitator") {
		t.Errorf("users list = %d %q", code, out)
	}
	code, out, errOut = run(t, "", "users", "add", "--db", source, "--username", "x", "--password", "short", "--role", "boss")
	if code != 1 || !strings.Contains(errOut, "username") || !strings.Contains(errOut, "role") {
		t.Errorf("bad users add = %d %q %q; want field messages", code, out, errOut)
	}
	code, _, _ = run(t, "", "users", "passwd", "--db", source, "--password", "baru-sandi-99", "pendamping1")
	if code != 0 {
		t.Error("users passwd failed")
	}
	code, out, _ = run(t, "", "users", "disable", "--db", source, "pendamping1")
	if code != 0 || !strings.Contains(out, "disabled") {
		t.Errorf("users disable = %d %q", code, out)
	}
	code, out, _ = run(t, "", "audit", "verify", "--db", source)
	if code != 0 || !strings.HasPrefix(out, "ok: ") {
		t.Errorf("audit verify = %d %q", code, out)
	}
	code, out, _ = run(t, "", "migrate", "--status", "--db", source)
	if code != 0 || !strings.Contains(out, "00001_foundation.sql") {
		t.Errorf("migrate --status = %d %q", code, out)
	}
}

func TestEveryVerbHasHelp(t *testing.T) {
	for _, verb := range [][]string{{"serve"}, {"migrate"}, {"users", "add"}, {"users", "list"}, {"users", "passwd"},
		{"users", "token"}, {"users", "disable"}, {"regions", "stats"}, {"regions", "import"}, {"audit", "verify"}, {"backup"}, {"version"}} {
		code, out, _ := run(t, "", append(verb, "--help")...)
		if code != 0 || !strings.Contains(out, "Usage:") {
			t.Errorf("%v --help = %d %q", verb, code, out)
		}
	}
}

func TestBackupWhileServing(t *testing.T) {
	source := dbtest.Source(t, db.SQLite)
	if code, _, errOut := run(t, "", "users", "add", "--db", source, "--username", "admin", "--password", "rahasia-123", "--role", "admin"); code != 0 {
		t.Fatal(errOut)
	}
	ctx, cancel := context.WithCancel(context.Background())
	m, err := Open(ctx, source, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	addr := make(chan net.Addr, 1)
	served := make(chan error, 1)
	go func() { served <- m.Serve(ctx, "127.0.0.1:0", false, func(a net.Addr) { addr <- a }) }()
	base := fmt.Sprintf("http://%s", <-addr)
	res, err := http.Get(base + "/healthz")
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("healthz: %v %v", res, err)
	}
	res.Body.Close()

	out := filepath.Join(t.TempDir(), "copy.db")
	if code, _, errOut := run(t, "", "backup", "--db", source, out); code != 0 {
		t.Fatalf("backup: %s", errOut)
	}
	if code, stdout, _ := run(t, "", "users", "list", "--db", out); code != 0 || !strings.Contains(stdout, "admin") {
		t.Errorf("the backup does not hold the admin: %q", stdout)
	}
	if code, _, errOut := run(t, "", "backup", "--db", source, out); code == 0 || !strings.Contains(errOut, "exists") {
		t.Errorf("backup over an existing file: %d %q", code, errOut)
	}

	cancel() // what SIGTERM does: the server shuts down gracefully
	select {
	case err := <-served:
		if err != nil {
			t.Fatalf("serve ended with %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("server did not shut down")
	}
	if _, err := os.Stat(out); err != nil {
		t.Fatal(err)
	}
}

func TestDemoCSVMakesNoDatabase(t *testing.T) {
	dir := t.TempDir()
	csvPath, dbPath := filepath.Join(dir, "p.csv"), filepath.Join(dir, "never.db")
	code, out, _ := run(t, "", "demo", "--csv", csvPath, "--households", "20", "--db", dbPath)
	if code != 0 || !strings.HasPrefix(out, "wrote ") {
		t.Fatalf("demo --csv = %d %q", code, out)
	}
	if _, err := os.Stat(dbPath); !os.IsNotExist(err) {
		t.Errorf("demo --csv created the database: %v", err)
	}
	body, err := os.ReadFile(csvPath)
	if err != nil || !strings.HasPrefix(string(body), "nik,no_kk,nama") {
		t.Errorf("csv = %.80q %v", body, err)
	}
}
