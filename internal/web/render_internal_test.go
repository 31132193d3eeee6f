package web

import (
	"net/http/httptest"
	"testing"
)

func TestSafeNext(t *testing.T) {
	cases := map[string]string{
		"/regions?parent=32":   "/regions?parent=32",
		"/":                    "/",
		"":                     "/",
		"//evil.example":       "/",
		"/\\evil.example":      "/",
		"/\t/evil.example":     "/",
		"/%09/evil.example":    "/%09/evil.example", // stays a path on this site once decoded by the mux
		"https://evil.example": "/",
		"/\n":                  "/",
		"javascript:alert(1)":  "/",
	}
	for in, want := range cases {
		if got := safeNext(in); got != want {
			t.Errorf("safeNext(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestClientAddrBehindProxy(t *testing.T) {
	s := &Server{Deps: Deps{TrustProxy: true}}
	r := httptest.NewRequest("GET", "/", nil)
	r.RemoteAddr = "10.0.0.2:5555"
	r.Header.Set("X-Forwarded-For", "1.2.3.4, 203.0.113.9")
	if got := s.clientAddr(r); got != "203.0.113.9" {
		t.Errorf("behind a proxy the address is %q, want the one the proxy appended", got)
	}
	s.TrustProxy = false
	if got := s.clientAddr(r); got != "10.0.0.2" {
		t.Errorf("without a trusted proxy the address is %q", got)
	}
}

func TestActiveNav(t *testing.T) {
	cases := map[string]string{"/": "nav.home", "/account": "", "/regions": "nav.regions", "/admin/users/x": "nav.users"}
	for path, want := range cases {
		if got := activeNav(navItems, path); got != want {
			t.Errorf("activeNav(%q) = %q, want %q", path, got, want)
		}
	}
}
