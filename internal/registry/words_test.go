package registry_test

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/dbtest"
	"github.com/berdaya/berdaya/internal/registry"
)

// TestPersonWordsFollowThePersons checks person_words against the persons
// after each way a person is written: create, an update that renames, a merge,
// an import (new and changed rows) and a bulk import that defers its index.
func TestPersonWordsFollowThePersons(t *testing.T) {
	const persons = 1200
	path, _ := demoFile(t, persons)
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		check := func(when string) {
			t.Helper()
			if err := registry.CheckWords(f.ctx, d); err != nil {
				t.Fatalf("after %s: %v", when, err)
			}
		}
		words := func(id string) string {
			t.Helper()
			w, err := registry.WordsOf(f.ctx, d, id)
			if err != nil {
				t.Fatal(err)
			}
			return strings.Join(w, " ")
		}
		a, err := f.reg.CreatePerson(f.ctx, f.admin, siti())
		if err != nil {
			t.Fatal(err)
		}
		check("create")
		if got := words(a.ID); got != "siti aminah" {
			t.Errorf("words of Siti Aminah: %q", got)
		}
		in := siti()
		in.Name, in.Sex, in.BirthDate = "Sitti Aminah Soekarno", "P", "02/07/1985"
		if _, err := f.reg.UpdatePerson(f.ctx, f.admin, a.ID, in); err != nil {
			t.Fatal(err)
		}
		check("an update that renames")
		if got := words(a.ID); got != "siti aminah sukarno" {
			t.Errorf("words after renaming: %q", got)
		}
		twin := siti()
		twin.NIK, twin.Name = "3204054107850009", "Siti Aminha"
		b, err := f.reg.CreatePerson(f.ctx, f.admin, twin)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.reg.Merge(f.ctx, f.admin, a.ID, b.ID); err != nil {
			t.Fatal(err)
		}
		check("a merge")
		if got := words(b.ID); got != "" {
			t.Errorf("a merged record keeps its words: %q", got)
		}
		// An import of a changed row for a merged record must not bring its words back.
		twin.Name = "Siti Aminah Baru"
		src := &rows{header: []string{"nik", "no_kk", "nama", "jenis_kelamin", "tanggal_lahir", "hubungan", "kode_wilayah", "alamat"},
			data: [][]string{
				{twin.NIK, twin.KK, twin.Name, "P", "01/07/1985", "istri", "3204052001", "Jl. Melati 5"},
				{"3204054107850013", twin.KK, "Dewi Nur Lestari", "P", "01/07/1985", "anak", "3204052001", "Jl. Melati 5"},
			}}
		if _, err := f.reg.Import(f.ctx, f.admin, src, registry.ImportOptions{FileName: "kecil.csv"}); err != nil {
			t.Fatal(err)
		}
		check("a small import")
		if got := words(b.ID); got != "" {
			t.Errorf("an import brought back a merged record's words: %q", got)
		}

		// A bulk import drops the search index while it runs and builds it again.
		during := -1
		opts := registry.ImportOptions{FileName: "demo.csv", TotalRows: persons, BatchSize: 300, BulkMin: 500,
			Progress: func(registry.ImportResult) {
				if during < 0 {
					during = wordIndexes(t, d)
				}
			}}
		file, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer file.Close()
		if res, err := f.reg.Import(f.ctx, f.admin, newCSVSource(t, file), opts); err != nil || res.Imported != persons {
			t.Fatalf("bulk import = %+v, %v", res, err)
		}
		if during != 0 || wordIndexes(t, d) != 1 {
			t.Errorf("person_words_search during the bulk import: %d, after: %d; want 0, then 1", during, wordIndexes(t, d))
		}
		check("a bulk import")
	})
}

func wordIndexes(t *testing.T, d *db.DB) int {
	q := "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'person_words_search'"
	if d.Dialect() == db.Postgres {
		q = "SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'person_words_search'"
	}
	return count(t, d, q)
}

// TestWordSearchMeansLike compares national name searches answered from
// person_words with the same searches through the persons indexes and LIKE
// conditions: every page of every sort, with and without filters, the same
// persons in the same order (ties of the whole sort key may settle in another
// order on SQLite, where the persons indexes settle them by rowid) and the
// same totals.
func TestWordSearchMeansLike(t *testing.T) {
	const persons = 1500
	path, _ := demoFile(t, persons)
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		if _, err := f.reg.ImportFile(f.ctx, f.admin, path, "demo.csv", nil); err != nil {
			t.Fatal(err)
		}
		// Names where a prefix begins two words, and spelling variants.
		for i, name := range []string{"Siti Sitompul", "Nur Siti Nurhayati", "Mochammad Soekarno", "Ani Anisa Ani", "Sri Sri Rahayu"} {
			in := siti()
			in.NIK = "32040541078500" + string(rune('2'+i)) + "1"
			in.Name = name
			if _, err := f.reg.CreatePerson(f.ctx, f.admin, in); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
		}
		queries := []string{"siti", "sit", "nur", "muhammad", "muh", "m", "dw", "ani", "sri", "siti nur", "nur siti", "a", "s", "soekarno",
			"budi", "zzz", "sri rah", "ani ani", "Siti-Aminah"}
		filters := []registry.Filter{{}, {Sex: registry.Female}, {Sex: registry.Male, AgeMin: 18}, {AgeMin: 10, AgeMax: 40},
			{TargetGroup: "lanjut_usia"}, {Sort: "birth_date"}, {Sort: "updated", Desc: true}, {Sort: "name", Desc: true},
			{Sort: "birth_date", Desc: true, Sex: registry.Female}}
		key := func(sort string, p registry.Person) string {
			switch sort {
			case "birth_date":
				return p.BirthDate.Format("2006-01-02")
			case "updated":
				return p.UpdatedAt.UTC().Format("2006-01-02T15:04:05.000000")
			}
			return registry.NameKey(p.Name) + "\x00" + string(p.Sex) + "\x00" + p.BirthDate.Format("2006-01-02")
		}
		for _, q := range queries {
			for _, base := range filters {
				flt := base
				flt.Query = q
				if flt.Sort == "" {
					flt.Sort = "name"
				}
				for _, per := range []int{7, 50} {
					flt.PerPage = per
					var got, want []string
					for n := 1; n <= 30; n++ {
						flt.Page = n
						pw, err := f.reg.ListPersons(f.ctx, f.admin, flt)
						if err != nil {
							t.Fatal(err)
						}
						pl, err := f.reg.ListPersonsByLike(f.ctx, f.admin, flt)
						if err != nil {
							t.Fatal(err)
						}
						// A count that runs out of its time budget (a loaded
						// machine) gives a lower bound: it must not exceed the
						// exact total.
						sameTotal := pw.Total == pl.Total && pw.TotalMore == pl.TotalMore ||
							pw.TotalMore && pw.Total <= pl.Total || pl.TotalMore && pl.Total <= pw.Total
						if len(pw.Items) != len(pl.Items) || !sameTotal {
							t.Fatalf("%q %+v page %d: %d items of %d (more %v), by LIKE %d of %d (more %v)", q, base, n,
								len(pw.Items), pw.Total, pw.TotalMore, len(pl.Items), pl.Total, pl.TotalMore)
						}
						for i := range pw.Items {
							got = append(got, key(flt.Sort, pw.Items[i])+"\x01"+pw.Items[i].ID)
							want = append(want, key(flt.Sort, pl.Items[i])+"\x01"+pl.Items[i].ID)
						}
						if len(pw.Items) < per {
							break
						}
					}
					if d.Dialect() == db.SQLite {
						// Ties of the whole key: compare them as sets.
						tieSort(got, flt.Desc)
						tieSort(want, flt.Desc)
					}
					if !slices.Equal(got, want) {
						t.Errorf("%q %+v per page %d: %d persons differ from the LIKE search's %d", q, base, per, len(got), len(want))
					}
				}
			}
		}
	})
}

// tieSort orders entries "key\x01id" by id within each run of equal keys.
func tieSort(list []string, desc bool) {
	keyOf := func(e string) string { return e[:strings.LastIndexByte(e, '\x01')] }
	for i := 0; i < len(list); {
		j := i + 1
		for j < len(list) && keyOf(list[j]) == keyOf(list[i]) {
			j++
		}
		slices.Sort(list[i:j])
		i = j
	}
}
