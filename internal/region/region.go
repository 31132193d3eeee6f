// Package region is Indonesia's official administrative hierarchy (Kemendagri
// codes): provinces, regencies/cities, districts (kecamatan) and villages
// (desa/kelurahan). It is a shared catalogue, not owned by any organisation.
// The data ships embedded, generated from the npm package idn-area-data (ODbL).
package region

import (
	"strings"

	"github.com/berdaya/berdaya/internal/errs"
)

// Level is a rank in the hierarchy.
type Level string

// The four levels, from the top.
const (
	Province Level = "province"
	Regency  Level = "regency"
	District Level = "district"
	Village  Level = "village"
)

// Levels lists the levels from the top down.
var Levels = []Level{Province, Regency, District, Village}

// Region is one administrative area.
type Region struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	Level  Level  `json:"level"`
	Parent string `json:"parent"`
}

// digitGroups is how many digits each dotted segment of a code has: 32.04.05.2001.
var digitGroups = []int{2, 2, 2, 4}

// NormalizeCode accepts a code in the dotted Kemendagri form (32.04.05.2001) or
// undotted (3204052001), with surrounding spaces, and returns the dotted form.
func NormalizeCode(input string) (string, error) {
	s := strings.TrimSpace(input)
	digits := strings.ReplaceAll(s, ".", "")
	if digits == "" || !allDigits(digits) {
		return "", errs.New(errs.Invalid, "region.err.code_format")
	}
	var parts []string
	rest := digits
	for _, n := range digitGroups {
		if rest == "" {
			break
		}
		if len(rest) < n {
			return "", errs.New(errs.Invalid, "region.err.code_format")
		}
		parts = append(parts, rest[:n])
		rest = rest[n:]
	}
	if rest != "" {
		return "", errs.New(errs.Invalid, "region.err.code_format")
	}
	dotted := strings.Join(parts, ".")
	if strings.Contains(s, ".") && s != dotted {
		return "", errs.New(errs.Invalid, "region.err.code_format")
	}
	return dotted, nil
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// LevelOf tells the level of a dotted code by its number of segments.
func LevelOf(code string) Level {
	n := strings.Count(code, ".")
	if n >= len(Levels) {
		return ""
	}
	return Levels[n]
}

// ParentOf is the dotted code one level up, or "" for a province.
func ParentOf(code string) string {
	i := strings.LastIndexByte(code, '.')
	if i < 0 {
		return ""
	}
	return code[:i]
}

// InScope reports whether a record at code lies inside a user's scope: a scope is
// a region code ("" for the whole country) and covers itself and everything below.
func InScope(scope, code string) bool {
	return scope == "" || code == scope || strings.HasPrefix(code, scope+".")
}

// Split names the province, regency and district of a dotted village code,
// the levels a located record stores beside its village.
func Split(village string) (province, regency, district string) {
	parts := strings.Split(village, ".")
	if len(parts) < 3 {
		return village, village, village
	}
	return parts[0], parts[0] + "." + parts[1], parts[0] + "." + parts[1] + "." + parts[2]
}

// Narrower returns the tighter of a user's scope and a list's region filter
// (both normalised codes, "" meaning the whole country), or ok=false when they
// do not overlap and the list is therefore empty.
func Narrower(scope, filter string) (string, bool) {
	switch {
	case filter == "" || InScope(filter, scope):
		return scope, true
	case InScope(scope, filter):
		return filter, true
	}
	return "", false
}

// searchKey is the form names are matched in: lower case, single spaces.
func searchKey(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

// New builds a Region from its code and name, deriving level and parent.
func New(code, name string) Region {
	return Region{Code: code, Name: strings.TrimSpace(name), Level: LevelOf(code), Parent: ParentOf(code)}
}
