package registry

import (
	"context"
	"database/sql"
	"time"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/audit"
)

// ExportHeader is the export's header row: the import columns (so an export can
// be edited and imported back) in canonical names.
func ExportHeader() []string { return HeaderNames() }

// ExportPersons streams every person in p's scope matching f as rows of the
// import layout, household details included. With identifiers, NIK and KK are
// whole: that needs its own permission and every such export is audited;
// otherwise they are masked. Memory stays flat: rows go out as they are read.
func (s *Service) ExportPersons(ctx context.Context, p access.Principal, f Filter, identifiers bool, write func([]string) error) error {
	if err := p.Require(access.ReadRecords); err != nil {
		return err
	}
	if identifiers {
		if err := p.Require(access.ExportIdentifiers); err != nil {
			return err
		}
	}
	if err := f.Normalize(); err != nil {
		return err
	}
	if identifiers {
		if err := s.auditExport(ctx, p, f); err != nil {
			return err
		}
	}
	if err := write(ExportHeader()); err != nil {
		return err
	}
	return s.store.eachPerson(ctx, p.OrgID, p.Scope, f, s.today(), func(person Person, h Household) error {
		if !identifiers {
			person.NIK, h.KK = MaskID(person.NIK), MaskID(h.KK)
		}
		return write(exportRow(h, person))
	})
}

func (s *Service) auditExport(ctx context.Context, p access.Principal, f Filter) error {
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		return s.record(ctx, tx, p, "export", "persons", newID(), p.Scope, nil, map[string]any{"filter": f, "identifiers": true})
	})
}

func exportRow(h Household, p Person) []string {
	in := InputOf(h, p)
	return []string{in.NIK, in.KK, in.Name, in.Sex, in.BirthDate, in.Relationship, in.VillageCode, in.Address,
		in.TargetGroup, in.Education, in.Occupation, in.Disability, in.Phone, in.Consent, in.ConsentDate}
}

// InputOf turns a stored person and its household back into the values a form
// or an import row holds (dates as dd/mm/yyyy, consent as ya/tidak), so that an
// edit form or an export can be read back by Parse.
func InputOf(h Household, p Person) PersonInput {
	consent := "tidak"
	if p.Consent {
		consent = "ya"
	}
	return PersonInput{NIK: p.NIK, KK: h.KK, Name: p.Name, Sex: string(p.Sex), BirthDate: cellDate(p.BirthDate),
		Relationship: string(p.Relationship), VillageCode: p.VillageCode, Address: h.Address, TargetGroup: string(p.TargetGroup),
		Education: p.Education, Occupation: p.Occupation, Disability: p.Disability, Phone: p.Phone, Consent: consent,
		ConsentDate: cellDate(p.ConsentDate)}
}

// cellDate writes a registry date as the import reads it: dd/mm/yyyy.
func cellDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("02/01/2006")
}

// ExportLog lists the audited identifier exports visible to p (newest first).
func (s *Service) ExportLog(ctx context.Context, p access.Principal) ([]audit.Entry, error) {
	return s.audit.List(ctx, p, audit.Filter{Entity: "persons", Action: "export"})
}
