package region

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/errs"
)

// Service answers questions about regions and loads the catalogue. Regions are
// public reference data: any signed-in user may read them.
type Service struct {
	store store
}

// NewService returns the regions service over d.
func NewService(d *db.DB) *Service { return &Service{store: store{db: d}} }

const metaSource = "regions.source"

// EnsureLoaded fills an empty catalogue from the embedded data. It is cheap when
// the catalogue is already there, so every command calls it after migrating.
func (s *Service) EnsureLoaded(ctx context.Context) error {
	n, err := s.store.count(ctx)
	if err != nil || n > 0 {
		return err
	}
	regions, err := Embedded()
	if err != nil {
		return err
	}
	return s.replace(ctx, regions, DataSource)
}

// Import replaces the catalogue with a newer idn-area-data release read from
// dir (its data/ folder with the four CSV files) and returns the counts per level.
func (s *Service) Import(ctx context.Context, dir string) (map[Level]int, error) {
	regions, err := ReadCSVDir(dir)
	if err != nil {
		return nil, err
	}
	if err := s.replace(ctx, regions, "import from "+dir); err != nil {
		return nil, err
	}
	return s.Stats(ctx)
}

func (s *Service) replace(ctx context.Context, regions []Region, source string) error {
	return s.store.db.Tx(ctx, func(tx *sql.Tx) error {
		if err := s.store.replaceAll(ctx, tx, regions); err != nil {
			return fmt.Errorf("load regions: %w", err)
		}
		return s.store.setMeta(ctx, tx, metaSource, source)
	})
}

// Source tells where the loaded catalogue came from.
func (s *Service) Source(ctx context.Context) (string, error) { return s.store.meta(ctx, metaSource) }

// Stats counts regions per level.
func (s *Service) Stats(ctx context.Context) (map[Level]int, error) {
	return s.store.countByLevel(ctx)
}

// Get returns one region; code may be dotted or not.
func (s *Service) Get(ctx context.Context, code string) (Region, error) {
	dotted, err := NormalizeCode(code)
	if err != nil {
		return Region{}, err
	}
	r, ok, err := s.store.get(ctx, dotted)
	if err != nil {
		return Region{}, err
	}
	if !ok {
		return Region{}, errs.New(errs.NotFound, "region.err.not_found")
	}
	return r, nil
}

// Children lists the regions directly under parent ("" for the provinces).
func (s *Service) Children(ctx context.Context, parent string) ([]Region, error) {
	if parent == "" {
		return s.store.children(ctx, "")
	}
	p, err := s.Get(ctx, parent)
	if err != nil {
		return nil, err
	}
	return s.store.children(ctx, p.Code)
}

// Path returns the region with code and all its ancestors, top level first
// (for breadcrumbs and for showing a scope by name).
func (s *Service) Path(ctx context.Context, code string) ([]Region, error) {
	r, err := s.Get(ctx, code)
	if err != nil {
		return nil, err
	}
	paths, err := s.withAncestors(ctx, []Region{r})
	if err != nil {
		return nil, err
	}
	return paths[0], nil
}

// ancestorCodes lists the codes above code, nearest first.
func ancestorCodes(code string) []string {
	var out []string
	for c := ParentOf(code); c != ""; c = ParentOf(c) {
		out = append(out, c)
	}
	return out
}

// withAncestors returns each region preceded by its ancestors, fetching all the
// ancestors in one query.
func (s *Service) withAncestors(ctx context.Context, regions []Region) ([][]Region, error) {
	seen := map[string]bool{}
	var codes []string
	for _, r := range regions {
		for _, c := range ancestorCodes(r.Code) {
			if !seen[c] {
				seen[c] = true
				codes = append(codes, c)
			}
		}
	}
	found, err := s.store.getMany(ctx, codes)
	if err != nil {
		return nil, err
	}
	out := make([][]Region, len(regions))
	for i, r := range regions {
		path := []Region{r}
		for _, c := range ancestorCodes(r.Code) {
			if a, ok := found[c]; ok {
				path = append([]Region{a}, path...)
			}
		}
		out[i] = path
	}
	return out, nil
}

// SearchPaths is Search with each match preceded by its ancestors, so that a
// person can tell apart the many villages that share a name.
func (s *Service) SearchPaths(ctx context.Context, query, under string, limit int) ([][]Region, error) {
	found, err := s.Search(ctx, query, under, limit)
	if err != nil {
		return nil, err
	}
	return s.withAncestors(ctx, found)
}

// MaxSearch caps how many matches a search returns.
const MaxSearch = 100

// Search finds regions by name (every word must appear), optionally only under
// the region with code under. Short queries are refused: two letters match
// thousands of villages and help nobody.
func (s *Service) Search(ctx context.Context, query, under string, limit int) ([]Region, error) {
	words := strings.Fields(searchKey(query))
	if len(strings.Join(words, "")) < 3 {
		return nil, errs.New(errs.Invalid, "region.err.query_short").Field("q", "region.err.query_short")
	}
	if limit <= 0 || limit > MaxSearch {
		limit = MaxSearch
	}
	if under != "" {
		u, err := NormalizeCode(under)
		if err != nil {
			return nil, err
		}
		under = u
	}
	return s.store.search(ctx, words, under, limit)
}

// CodeSet returns every code at a level as a set, for checking many records at
// once (an import) without a query per row.
func (s *Service) CodeSet(ctx context.Context, level Level) (map[string]bool, error) {
	return s.store.codesAt(ctx, level)
}
