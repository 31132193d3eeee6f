package region_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/dbtest"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/region"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

func TestNormalizeCode(t *testing.T) {
	cases := []struct{ in, want string }{
		{"32", "32"},
		{"3204", "32.04"},
		{"32.04", "32.04"},
		{" 320405 ", "32.04.05"},
		{"3204052001", "32.04.05.2001"},
		{"32.04.05.2001", "32.04.05.2001"},
	}
	for _, c := range cases {
		got, err := region.NormalizeCode(c.in)
		if err != nil || got != c.want {
			t.Errorf("NormalizeCode(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{"", "3", "320", "32.4", "32a4", "32.04.05.20011", "3204.05", "32..04"} {
		if _, err := region.NormalizeCode(bad); errs.CodeOf(err) != errs.Invalid {
			t.Errorf("NormalizeCode(%q) error = %v; want invalid", bad, err)
		}
	}
}

func TestInScope(t *testing.T) {
	cases := []struct {
		scope, code string
		want        bool
	}{
		{"", "32.04", true},
		{"32.04", "32.04", true},
		{"32.04", "32.04.05.2001", true},
		{"32.04", "32.05.01", false},
		{"32.04", "32", false},
		{"32.0", "32.04", false},
	}
	for _, c := range cases {
		if got := region.InScope(c.scope, c.code); got != c.want {
			t.Errorf("InScope(%q, %q) = %v", c.scope, c.code, got)
		}
	}
}

func TestEmbeddedCatalogue(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := region.NewService(d)
		stats, err := s.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := map[region.Level]int{region.Province: 38, region.Regency: 514, region.District: 7285, region.Village: 83762}
		for l, n := range want {
			if stats[l] != n {
				t.Errorf("%s: %d regions, want %d", l, stats[l], n)
			}
		}
		r, err := s.Get(ctx, "3204")
		if err != nil {
			t.Fatal(err)
		}
		if r.Code != "32.04" || r.Name != "Kabupaten Bandung" || r.Level != region.Regency || r.Parent != "32" {
			t.Errorf("Get(3204) = %+v", r)
		}
		kids, err := s.Children(ctx, "32.04")
		if err != nil {
			t.Fatal(err)
		}
		if len(kids) != 31 || kids[0].Level != region.District || kids[0].Parent != "32.04" {
			t.Errorf("children of 32.04: %d, first %+v", len(kids), kids[0])
		}
		path, err := s.Path(ctx, "3204052001")
		if err != nil {
			t.Fatal(err)
		}
		if len(path) != 4 || path[0].Name != "Jawa Barat" || path[3].Code != "32.04.05.2001" {
			t.Errorf("path = %+v", path)
		}
		if _, err := s.Get(ctx, "99.99"); errs.CodeOf(err) != errs.NotFound {
			t.Errorf("Get(99.99) error = %v, want not found", err)
		}
		found, err := s.Search(ctx, "kabupaten  BANDUNG", "", 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(found) != 2 || found[0].Code != "32.04" || found[1].Code != "32.17" {
			t.Errorf("search = %+v", found)
		}
		if _, err := s.Search(ctx, "ba", "", 10); errs.CodeOf(err) != errs.Invalid {
			t.Errorf("short search error = %v", err)
		}
	})
}

func TestImportReplacesCatalogue(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"provinces.csv": "code,name\n11,Aceh\n",
		"regencies.csv": "code,province_code,name\n11.01,11,Kabupaten Aceh Selatan\n",
		"districts.csv": "code,regency_code,name\n11.01.01,11.01,Bakongan\n",
		"villages.csv":  "code,district_code,name\n11.01.01.2001,11.01.01,Keude Bakongan\n11.01.01.2002,11.01.01,Desa Baru\n",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := region.NewService(d)
		stats, err := s.Import(context.Background(), dir)
		if err != nil {
			t.Fatal(err)
		}
		if stats[region.Province] != 1 || stats[region.Village] != 2 {
			t.Errorf("stats after import = %v", stats)
		}
		r, err := s.Get(context.Background(), "1101012002")
		if err != nil || r.Name != "Desa Baru" {
			t.Errorf("imported village = %+v, %v", r, err)
		}
	})
	// An orphan village is refused and the catalogue is left as it was.
	if err := os.WriteFile(filepath.Join(dir, "villages.csv"), []byte("code,district_code,name\n11.01.09.2001,11.01.09,Hilang\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := region.ReadCSVDir(dir); err == nil {
		t.Error("orphan village accepted")
	}
}

func TestNarrower(t *testing.T) {
	for _, c := range []struct {
		scope, filter, want string
		ok                  bool
	}{
		{"", "", "", true},
		{"", "32.04", "32.04", true},
		{"32.04", "", "32.04", true},
		{"32.04", "32", "32.04", true},
		{"32.04", "32.04.05", "32.04.05", true},
		{"32.04", "33.01", "", false},
		{"32.04", "32.041", "", false},
	} {
		got, ok := region.Narrower(c.scope, c.filter)
		if got != c.want || ok != c.ok {
			t.Errorf("Narrower(%q, %q) = %q, %v; want %q, %v", c.scope, c.filter, got, ok, c.want, c.ok)
		}
	}
}
