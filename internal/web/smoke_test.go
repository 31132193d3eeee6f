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
	for _, path := range []string{"/", "/regions", "/regions?parent=32.04", "/regions?q=bandung", "/account", "/admin/users", "/admin/audit", "/about",
		"/persons", "/persons?q=siti&sex=P&age_min=18", "/persons/new", "/import", "/duplicates"} {
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
	status, out = e.api("GET", "/api/v1/regions?parent=3204", e.adminToken, nil)
	items, _ := out["items"].([]any)
	if status != 200 || len(items) != 31 {
		t.Fatalf("children of 3204: %d, %d items", status, len(items))
	}
	for _, it := range items {
		r := it.(map[string]any)
		if r["parent"] != "32.04" || r["level"] != "district" || !strings.HasPrefix(r["code"].(string), "32.04.") {
			t.Errorf("child of 32.04: %v", r)
		}
	}
	status, out = e.api("GET", "/api/v1/regions", e.adminToken, nil)
	if items, _ := out["items"].([]any); status != 200 || len(items) != 38 {
		t.Errorf("provinces: %d, %d items", status, len(items))
	}
	status, out = e.api("GET", "/api/v1/regions?q=cileunyi&parent=32", e.adminToken, nil)
	if items, _ := out["items"].([]any); status != 200 || len(items) != 3 {
		t.Errorf("search cileunyi in 32: %d %v", status, out)
	}
	status, out = e.api("GET", "/api/v1/regions/32.4", e.adminToken, nil)
	if errObj, _ := out["error"].(map[string]any); status != 422 || errObj["code"] != "invalid" {
		t.Errorf("malformed code: %d %v", status, out)
	}
	status, _ = e.api("GET", "/api/v1/regions/9999", e.adminToken, nil)
	if status != 404 {
		t.Errorf("unknown region: %d", status)
	}
}
