package demo

import (
	"bufio"
	"encoding/csv"
	"io"
	"time"

	"github.com/berdaya/berdaya/internal/registry"
)

// WriteCSV takes the next households families from g and writes their members
// as a person import file: the canonical header, then one row per person,
// dates as dd/mm/yyyy, codes as the registry stores them and persetujuan "ya"
// or "tidak". Columns follow registry.Columns, so the file stays importable if
// columns are added. It returns the number of persons written.
func WriteCSV(w io.Writer, g *Generator, households int, delimiter rune) (persons int, err error) {
	header := registry.HeaderNames()
	fields := make([]field, len(header))
	for i, h := range header {
		fields[i] = fieldOf[h]
	}
	cw := csv.NewWriter(bufio.NewWriterSize(w, 256<<10)) // csv uses the bufio.Writer as is
	cw.Comma = delimiter
	if err := cw.Write(header); err != nil {
		return 0, err
	}
	rec := make([]string, len(header))
	for range households {
		f := g.Next()
		for i := range f.Members {
			p := &f.Members[i]
			for j, fl := range fields {
				rec[j] = value(fl, &f.Household, p)
			}
			if err := cw.Write(rec); err != nil {
				return persons, err
			}
			persons++
		}
	}
	cw.Flush()
	return persons, cw.Error()
}

// field is a column of the import file WriteCSV knows how to fill.
type field uint8

const (
	fUnknown field = iota
	fNIK
	fKK
	fName
	fSex
	fBirthDate
	fRelationship
	fVillage
	fAddress
	fTargetGroup
	fEducation
	fOccupation
	fDisability
	fPhone
	fConsent
	fConsentDate
)

var fieldOf = map[string]field{
	"nik": fNIK, "no_kk": fKK, "nama": fName, "jenis_kelamin": fSex, "tanggal_lahir": fBirthDate,
	"hubungan": fRelationship, "kode_wilayah": fVillage, "alamat": fAddress, "kelompok_sasaran": fTargetGroup,
	"pendidikan": fEducation, "pekerjaan": fOccupation, "disabilitas": fDisability, "telepon": fPhone,
	"persetujuan": fConsent, "tanggal_persetujuan": fConsentDate,
}

// value is one cell of a person's row.
func value(f field, h *registry.Household, p *registry.Person) string {
	switch f {
	case fNIK:
		return p.NIK
	case fKK:
		return h.KK
	case fName:
		return p.Name
	case fSex:
		return string(p.Sex)
	case fBirthDate:
		return formatDate(p.BirthDate)
	case fRelationship:
		return string(p.Relationship)
	case fVillage:
		return p.VillageCode
	case fAddress:
		return h.Address
	case fTargetGroup:
		return string(p.TargetGroup)
	case fEducation:
		return p.Education
	case fOccupation:
		return p.Occupation
	case fDisability:
		return p.Disability
	case fPhone:
		return p.Phone
	case fConsent:
		if p.Consent {
			return "ya"
		}
		return "tidak"
	case fConsentDate:
		if !p.Consent || p.ConsentDate.IsZero() {
			return ""
		}
		return formatDate(p.ConsentDate)
	}
	return ""
}

// formatDate writes dd/mm/yyyy; time.Format would cost several times more.
func formatDate(t time.Time) string {
	y, m, d := t.Date()
	var b [10]byte
	putDigits(b[0:2], d)
	b[2] = '/'
	putDigits(b[3:5], int(m))
	b[5] = '/'
	putDigits(b[6:10], y)
	return string(b[:])
}
