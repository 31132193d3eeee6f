package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/dbtest"
)

func TestSmoke(t *testing.T) {
	for _, d := range dbtest.Dialects() {
		t.Run(string(d), func(t *testing.T) { smoke(t, d) })
	}
}

func smoke(t *testing.T, d db.Dialect) {
	e := newEnv(t, d)
	b := e.browser()
	b.login("admin", adminPassword)
	for _, path := range []string{"/", "/regions", "/regions?parent=32.04", "/regions?q=bandung", "/account", "/admin/users", "/admin/audit", "/about"} {
		status, body := b.get(path)
		if status != http.StatusOK {
			t.Errorf("GET %s = %d: %s", path, status, body)
		}
		if strings.Contains(body, "%!") || strings.Contains(body, "nav.") {
			t.Errorf("GET %s has an untranslated or broken string", path)
		}
	}
	status, out := e.api("GET", "/api/v1/regions/3204", e.adminToken, nil)
	if status != 200 || out["code"] != "32.04" || out["name"] != "Kabupaten Bandung" || out["level"] != "regency" || out["parent"] != "32" {
		t.Errorf("region 3204: %d %v", status, out)
	}
}
