package ppi

import (
	"path/filepath"
	"strings"

	"github.com/berdaya/berdaya/internal/errs"
)

// ReadFile reads a card from IPA's workbook (.xlsx) or from the CSV form
// (.csv: the scorecard file, with its look-up file at lookupPath or, when
// that is "", beside it by name; see ReadCSVFiles).
func ReadFile(path, lookupPath string) (Scorecard, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx", ".xlsm":
		return ReadWorkbook(path)
	case ".csv", ".txt":
		return ReadCSVFiles(path, lookupPath)
	}
	return Scorecard{}, errs.New(errs.Invalid, "ppi.err.file_type", filepath.Base(path))
}
