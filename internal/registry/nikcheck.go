package registry

import (
	"context"

	"github.com/berdaya/berdaya/internal/errs"
)

// NIKReport is what `berdaya nik check` prints: the decoded parts of a NIK, with
// region names where the catalogue knows the codes.
type NIKReport struct {
	Valid     bool      `json:"valid"`
	NIK       string    `json:"nik"`
	Error     string    `json:"error,omitempty"`
	Province  *RegionOf `json:"province,omitempty"`
	Regency   *RegionOf `json:"regency,omitempty"`
	District  *RegionOf `json:"district,omitempty"`
	BirthDate string    `json:"birth_date,omitempty"` // yyyy-mm-dd
	Sex       Sex       `json:"sex,omitempty"`
	Serial    string    `json:"serial,omitempty"`
	Warnings  []string  `json:"warnings"`
}

// RegionOf is a code with its name ("" when the code is not in the catalogue).
type RegionOf struct {
	Code string `json:"code"`
	Name string `json:"name,omitempty"`
}

// CheckNIK decodes a NIK as typed (Excel damage is cleaned first). The error
// and warnings are message keys; the caller translates them.
func (s *Service) CheckNIK(ctx context.Context, raw string) (NIKReport, error) {
	rep := NIKReport{Warnings: []string{}}
	clean, err := CleanID(raw)
	rep.NIK = clean
	var n NIK
	if err == nil {
		n, err = ParseNIK(clean, s.today())
	}
	if err != nil {
		e, ok := errs.As(err)
		if !ok {
			return rep, err
		}
		rep.Error = e.Msg
		return rep, nil
	}
	rep.Valid, rep.BirthDate, rep.Sex, rep.Serial = true, dateText(n.BirthDate), n.Sex, n.Serial
	unknown := false
	for _, part := range []struct {
		code string
		dst  **RegionOf
	}{{n.ProvinceCode, &rep.Province}, {n.RegencyCode, &rep.Regency}, {n.DistrictCode, &rep.District}} {
		r := &RegionOf{Code: part.code}
		if got, err := s.regions.Get(ctx, part.code); err == nil {
			r.Name = got.Name
		} else if errs.CodeOf(err) == errs.NotFound {
			unknown = true
		} else {
			return rep, err
		}
		*part.dst = r
	}
	if unknown {
		rep.Warnings = append(rep.Warnings, FlagNIKRegionUnknown)
	}
	return rep, nil
}
