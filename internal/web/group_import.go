package web

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/group"
	"github.com/berdaya/berdaya/internal/i18n"
	"github.com/berdaya/berdaya/internal/programme"
	"github.com/berdaya/berdaya/internal/registry"
)

// maxGroupUpload bounds a groups-and-members file: one row per member, so even
// a province's groups fit in a few megabytes.
const maxGroupUpload = 32 << 20

// groupImportData is the groups import page: the form, and after an upload
// what it did and every refused row.
type groupImportData struct {
	Programmes []programme.Programme
	Columns    []registry.Column
	Programme  string
	FileName   string
	Result     *group.ImportResult
	Refused    []registry.Rejection
}

func (s *Server) groupImportPage(w http.ResponseWriter, r *http.Request) {
	s.renderGroupImport(w, r, http.StatusOK, groupImportData{Programme: r.URL.Query().Get("programme")}, nil)
}

func (s *Server) renderGroupImport(w http.ResponseWriter, r *http.Request, status int, d groupImportData, failure error) {
	p := principal(r)
	if err := p.Require(access.WriteRecords); err != nil {
		s.fail(w, r, err)
		return
	}
	progs, err := s.Programmes.ListProgrammes(r.Context(), p)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Programmes, d.Columns = progs, group.ImportColumns
	v := s.newView(w, r, i18n.T(state(r).lang, "gimport.title"), d)
	if failure != nil {
		status = s.setFormError(r, &v, failure)
	}
	s.render(w, r, status, "group_import", v)
}

// importGroups runs an uploaded file at once (such files are small) and shows
// what it did, with every refused row's line, column and reason.
func (s *Server) importGroups(w http.ResponseWriter, r *http.Request) {
	p := principal(r)
	// The body was read by the middleware (bounded there); this file's own,
	// smaller bound is checked on the file's size.
	file, header, err := r.FormFile("file")
	d := groupImportData{Programme: r.FormValue("programme")}
	if err != nil {
		s.renderGroupImport(w, r, 0, d, errs.New(errs.Invalid, "import.err.no_file"))
		return
	}
	defer file.Close()
	d.FileName = header.Filename
	if header.Size > maxGroupUpload {
		s.renderGroupImport(w, r, 0, d, errs.New(errs.Invalid, "err.upload_too_large", maxGroupUpload>>20))
		return
	}
	ext := strings.ToLower(filepath.Ext(header.Filename))
	if ext != ".csv" && ext != ".xlsx" && ext != ".txt" {
		s.renderGroupImport(w, r, 0, d, errs.New(errs.Invalid, "import.err.file_type"))
		return
	}
	tmp, err := saveUpload(file, ext)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	defer os.Remove(tmp)
	src, closeSrc, err := registry.OpenFile(tmp)
	if err != nil {
		s.renderGroupImport(w, r, 0, d, err)
		return
	}
	defer closeSrc()
	res, err := s.Groups.ImportMembers(r.Context(), p, d.Programme, src, func(rj registry.Rejection) error {
		d.Refused = append(d.Refused, rj)
		return nil
	})
	if err != nil {
		s.renderGroupImport(w, r, 0, d, err)
		return
	}
	d.Result = &res
	s.renderGroupImport(w, r, http.StatusOK, d, nil)
}
