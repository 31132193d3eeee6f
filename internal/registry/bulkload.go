package registry

import (
	"context"
	"database/sql"
	"fmt"
)

// listIndex is an index that only serves lists and searches. Uniqueness and
// the lookups an import makes (NIK, KK, primary keys) never depend on one.
type listIndex struct {
	name, table, columns string
	live                 bool // partial: only persons not merged into another
}

// listIndexes are the registry's list indexes, exactly as the migrations make
// them (a test compares the two). A large import drops them and builds them
// again at the end: one sort per index costs a fraction of a million random
// B-tree inserts into each.
var listIndexes = []listIndex{
	{"households_region", "households", "org_id, province_code, regency_code, district_code, village_code", false},
	{"persons_region", "persons", "org_id, province_code, regency_code, district_code, village_code", false},
	{"persons_household", "persons", "org_id, household_id", false},
	{"persons_name", "persons", "org_id, name_key, sex, birth_date", true},
	{"persons_province_name", "persons", "org_id, province_code, name_key, sex, birth_date", true},
	{"persons_regency_name", "persons", "org_id, regency_code, name_key, sex, birth_date", true},
	{"persons_group_name", "persons", "org_id, target_group, name_key, sex, birth_date", true},
	{"persons_birth_date", "persons", "org_id, birth_date", true},
	{"persons_updated", "persons", "org_id, updated_at", true},
	{"person_words_search", "person_words", "org_id, word, name_key, sex, birth_date, person_id, lead, target_group", false},
}

func (ix listIndex) createSQL() string {
	q := fmt.Sprintf("CREATE INDEX IF NOT EXISTS %s ON %s (%s)", ix.name, ix.table, ix.columns)
	if ix.live {
		q += " WHERE merged_into = ''"
	}
	return q
}

// BulkLoadMin is the default smallest import (in rows) that defers the list
// indexes. The import must also be at least twice as big as the persons table
// (all organisations), so that rebuilding costs less than it saves.
const BulkLoadMin = 50000

// beginBulkLoad drops the list indexes unless another bulk load of this
// process already has. Lists stay correct meanwhile, only slower.
func (s *Service) beginBulkLoad(ctx context.Context) error {
	s.bulk.Lock()
	defer s.bulk.Unlock()
	s.bulk.active++
	if s.bulk.active > 1 {
		return nil
	}
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		for _, ix := range listIndexes {
			if _, err := tx.ExecContext(ctx, "DROP INDEX IF EXISTS "+ix.name); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		s.bulk.active--
	}
	return err
}

// endBulkLoad rebuilds the list indexes once the last bulk load of this
// process has ended, whether it succeeded or not.
func (s *Service) endBulkLoad(ctx context.Context) error {
	s.bulk.Lock()
	defer s.bulk.Unlock()
	s.bulk.active--
	if s.bulk.active > 0 {
		return nil
	}
	return s.EnsureIndexes(context.WithoutCancel(ctx))
}

// EnsureIndexes makes any list index that is missing: after a bulk import that
// was killed before it could rebuild them. It costs nothing when all exist.
func (s *Service) EnsureIndexes(ctx context.Context) error {
	for _, ix := range listIndexes {
		err := s.db.Tx(ctx, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, ix.createSQL())
			return err
		})
		if err != nil {
			return fmt.Errorf("index %s: %w", ix.name, err)
		}
	}
	return nil
}

// bulkLoadFor starts a bulk load when an import is worth one, and reports
// whether it did.
func (s *Service) bulkLoadFor(ctx context.Context, opts ImportOptions) (bool, error) {
	rows := opts.TotalRows
	if rows < opts.BulkMin {
		return false, nil
	}
	// The file must be at least twice the table: a re-import of a file
	// already in would otherwise rebuild every index for nothing.
	existing, err := s.store.countPersonsUpTo(ctx, rows/2+1)
	if err != nil || existing > rows/2 {
		return false, err
	}
	return true, s.beginBulkLoad(ctx)
}
