package registry

import (
	"context"
	"database/sql"
	"github.com/berdaya/berdaya/internal/region"
	"time"

	"github.com/berdaya/berdaya/internal/access"
)

var householdInsertColumns = []string{"org_id", "id", "kk", "address", "village_code", "province_code", "regency_code", "district_code", "created_at", "updated_at"}

var personInsertColumns = []string{"household_id", "nik", "name", "name_key", "sex", "birth_date", "relationship", "education", "occupation",
	"disability", "target_group", "phone", "consent", "consent_date", "village_code", "province_code", "regency_code", "district_code",
	"flags", "content_hash", "updated_at", "org_id", "id", "import_id", "merged_into", "created_at"}

// flush commits the queued rows in one transaction: new persons (and families)
// inserted in bulk, changed ones updated and audited one by one, the job's
// progress and an audit entry for the batch. Rows refused at this stage (a NIK
// held by a person outside the importer's scope) are reported after the commit.
func (im *importer) flush(ctx context.Context) error {
	if len(im.batch) == 0 {
		return nil
	}
	var late []Rejection
	counts := ImportResult{}
	err := im.s.db.Tx(ctx, func(tx *sql.Tx) error {
		var err error
		late, counts, err = im.writeBatch(ctx, tx)
		if err != nil {
			return err
		}
		next := im.result
		next.Imported += counts.Imported
		next.Updated += counts.Updated
		next.Unchanged += counts.Unchanged
		next.Rejected += len(late)
		if err := im.s.store.updateImport(ctx, tx, im.p.OrgID, next, "running", "", time.Time{}); err != nil {
			return err
		}
		return im.s.record(ctx, tx, im.p, "import_batch", "import", im.result.ID, im.p.Scope, nil, map[string]any{
			"file": im.opts.FileName, "first_line": im.batch[0].line, "last_line": im.batch[len(im.batch)-1].line,
			"imported": counts.Imported, "updated": counts.Updated, "unchanged": counts.Unchanged})
	})
	if err != nil {
		return err
	}
	before := im.result.Imported
	im.result.Imported += counts.Imported
	im.result.Updated += counts.Updated
	im.result.Unchanged += counts.Unchanged
	im.batch = im.batch[:0]
	if crossedGrowthStep(before, im.result.Imported) {
		if err := im.s.db.AnalyzeGrowing(ctx, "households", "persons"); err != nil {
			return err
		}
	}
	for _, r := range late {
		if err := im.rejectWith(r); err != nil {
			return err
		}
	}
	if im.opts.Progress != nil {
		im.opts.Progress(im.result)
	}
	return nil
}

func (im *importer) writeBatch(ctx context.Context, tx *sql.Tx) ([]Rejection, ImportResult, error) {
	var counts ImportResult
	var late []Rejection
	org := im.p.OrgID
	niks, kks := make([]string, len(im.batch)), make([]string, 0, len(im.batch))
	for i, r := range im.batch {
		niks[i] = r.person.NIK
		kks = append(kks, r.household.KK)
	}
	existing, err := im.s.store.personsByNIK(ctx, tx, org, niks)
	if err != nil {
		return nil, counts, err
	}
	families, err := im.s.store.householdsByKK(ctx, tx, org, uniq(kks))
	if err != nil {
		return nil, counts, err
	}
	now := im.s.clock()
	var newFamilies, newPersons, newWords [][]any
	for _, r := range im.batch {
		old, known := existing[r.person.NIK]
		switch {
		case known && !im.p.Covers(old.VillageCode):
			late = append(late, Rejection{Line: r.line, Column: im.header("nik"), Value: r.person.NIK, Reason: "import.err.nik_out_of_scope"})
		case known && old.Hash == r.hash:
			counts.Unchanged++
		case known:
			if _, err := im.s.applyUpdate(ctx, tx, im.p, old, r.household, r.person); err != nil {
				return nil, counts, err
			}
			counts.Updated++
		default:
			h, isNew := im.family(families, r.household, now)
			if isNew {
				newFamilies = append(newFamilies, householdValues(h))
			}
			if !im.p.Covers(h.VillageCode) {
				late = append(late, Rejection{Line: r.line, Column: im.header("no_kk"), Value: r.household.KK, Reason: "person.err.kk_out_of_scope"})
				continue
			}
			p := r.person
			p.OrgID, p.ID, p.HouseholdID, p.CreatedAt, p.UpdatedAt = org, newID(), h.ID, now, now
			values := personValues(p, r.hash, im.result.ID)
			newPersons = append(newPersons, values)
			newWords = append(newWords, wordValues(p, values[3].(string))...)
			counts.Imported++
		}
	}
	if err := im.s.db.InsertRows(ctx, tx, "households", householdInsertColumns, newFamilies); err != nil {
		return nil, counts, err
	}
	if err := im.s.db.InsertRows(ctx, tx, "persons", personInsertColumns, newPersons); err != nil {
		return nil, counts, err
	}
	return late, counts, im.s.store.insertWordRows(ctx, tx, newWords)
}

// growthSteps are the imported-row counts at which the planner's statistics are
// refreshed during an import: PostgreSQL plans the batch lookups from what it
// last knew of the tables, and a plan made for an empty table turns into a
// full scan per batch as the table fills.
var growthSteps = []int{1000, 10000, 100000, 1000000}

func crossedGrowthStep(before, after int) bool {
	for _, step := range growthSteps {
		if before < step && after >= step {
			return true
		}
	}
	return false
}

// family finds the household of a family card among those known or made in this
// import, making a new one when needed.
func (im *importer) family(families map[string]Household, h Household, now time.Time) (Household, bool) {
	if old, ok := families[h.KK]; ok {
		return old, false
	}
	h.OrgID, h.ID, h.CreatedAt, h.UpdatedAt = im.p.OrgID, newID(), now, now
	families[h.KK] = h
	return h, true
}

func householdValues(h Household) []any {
	prov, reg, dist := region.Split(h.VillageCode)
	return []any{h.OrgID, h.ID, h.KK, h.Address, h.VillageCode, prov, reg, dist, h.CreatedAt, h.UpdatedAt}
}

func personValues(p Person, hash, importID string) []any {
	return append(personArgs(p, hash), p.OrgID, p.ID, importID, "", p.CreatedAt)
}

func uniq(list []string) []string {
	seen := make(map[string]bool, len(list))
	out := list[:0:0]
	for _, s := range list {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// startImport records the job so that its progress can be watched.
func (s *Service) startImport(ctx context.Context, p access.Principal, im *importer) error {
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		return s.store.insertImport(ctx, tx, p.OrgID, im.result.ID, im.opts.FileName, p.UserID, p.Scope, im.opts.TotalRows, s.clock())
	})
}

// finishImport marks the job done or failed, with its final counts.
func (s *Service) finishImport(ctx context.Context, p access.Principal, r ImportResult, runErr error) error {
	status, text := "done", ""
	if runErr != nil {
		status, text = "failed", runErr.Error()
	}
	// A cancelled context must not stop the job from being marked.
	ctx = context.WithoutCancel(ctx)
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		if err := s.store.updateImport(ctx, tx, p.OrgID, r, status, text, s.clock()); err != nil {
			return err
		}
		return s.record(ctx, tx, p, "import", "import", r.ID, p.Scope, nil, r)
	})
}
