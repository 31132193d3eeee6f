package web

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/csvio"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/i18n"
	"github.com/berdaya/berdaya/internal/registry"
)

func (s *Server) importRoutes(page func(string, http.HandlerFunc)) {
	page("GET /import", s.signedIn(s.importPage))
	page("POST /import", s.signedIn(s.startImport))
	page("GET /import/template.csv", s.signedIn(s.importTemplate))
	page("GET /import/template.xlsx", s.signedIn(s.importTemplate))
	page("GET /import/{id}", s.signedIn(s.importJobPage))
	page("GET /import/{id}/errors.csv", s.signedIn(s.importErrors))
	page("GET /import/{id}/errors.xlsx", s.signedIn(s.importErrors))
}

// MaxUpload bounds an uploaded import file (a million rows of CSV is ~150 MB),
// and with it every upload: s.browser reads the form before any handler.
const MaxUpload = 512 << 20

type importData struct {
	Recent  []registry.ImportJob
	Columns []registry.Column
}

func (s *Server) importPage(w http.ResponseWriter, r *http.Request) {
	s.renderImportPage(w, r, http.StatusOK, nil)
}

func (s *Server) renderImportPage(w http.ResponseWriter, r *http.Request, status int, failure error) {
	recent, err := s.Registry.RecentImports(r.Context(), principal(r), 10)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.newView(w, r, i18n.T(state(r).lang, "nav.import"), importData{Recent: recent, Columns: registry.Columns})
	if failure != nil {
		status = s.setFormError(r, &v, failure)
	}
	s.render(w, r, status, "import", v)
}

// startImport saves the upload and starts the import in the background, then
// sends the browser to the job's page, which shows its progress.
func (s *Server) startImport(w http.ResponseWriter, r *http.Request) {
	p := principal(r)
	if err := p.Require(access.ImportRecords); err != nil {
		s.fail(w, r, err)
		return
	}
	file, header, err := r.FormFile("file") // read within MaxUpload by s.browser
	if err != nil {
		s.renderImportPage(w, r, 0, errs.New(errs.Invalid, "import.err.no_file"))
		return
	}
	defer file.Close()
	ext := strings.ToLower(filepath.Ext(header.Filename))
	if ext != ".csv" && ext != ".xlsx" && ext != ".txt" {
		s.renderImportPage(w, r, 0, errs.New(errs.Invalid, "import.err.file_type"))
		return
	}
	tmp, err := saveUpload(file, ext)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	id, err := s.Registry.StartImportFile(r.Context(), p, tmp, header.Filename, func(res registry.ImportResult, err error) {
		os.Remove(tmp)
		if err != nil {
			s.Log.Error("import failed", "import", res.ID, "err", err)
		}
	})
	if err != nil {
		s.renderImportPage(w, r, 0, err)
		return
	}
	http.Redirect(w, r, "/import/"+id, http.StatusSeeOther)
}

// saveUpload copies an upload to a temporary file the background import reads.
func saveUpload(src io.Reader, ext string) (string, error) {
	f, err := os.CreateTemp("", "berdaya-import-*"+ext)
	if err != nil {
		return "", err
	}
	if _, err := io.Copy(f, src); err != nil {
		f.Close()
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), f.Close()
}

type importJobData struct {
	Job     registry.ImportJob
	Percent int
	Running bool
}

func (s *Server) importJobPage(w http.ResponseWriter, r *http.Request) {
	job, err := s.Registry.ImportJob(r.Context(), principal(r), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := importJobData{Job: job, Running: job.Status == "running"}
	done := job.Result.Rows
	switch {
	case !d.Running:
		d.Percent = 100
	case job.TotalRows > 0:
		d.Percent = min(99, done*100/job.TotalRows)
	}
	v := s.newView(w, r, i18n.T(state(r).lang, "import.job_title"), d)
	if d.Running {
		// Without JavaScript the page refreshes itself while the import runs.
		w.Header().Set("Refresh", "2")
	}
	s.render(w, r, http.StatusOK, "import_job", v)
}

func (s *Server) importErrors(w http.ResponseWriter, r *http.Request) {
	p, id, lang := principal(r), r.PathValue("id"), state(r).lang
	name := "kesalahan-impor"
	if lang == "en" {
		name = "import-errors"
	}
	if strings.HasSuffix(r.URL.Path, ".xlsx") {
		s.exportXLSX(w, r, name, func(write func([]string) error) error {
			return s.Registry.WriteRejections(r.Context(), p, id, lang, write)
		})
		return
	}
	if _, err := s.Registry.ImportJob(r.Context(), p, id); err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.csv"`)
	cw := csvio.NewWriter(w, ';')
	if err := s.Registry.WriteRejections(r.Context(), p, id, lang, cw.Write); err != nil {
		s.Log.Error("error report", "err", err)
	}
	cw.Flush()
}

func (s *Server) importTemplate(w http.ResponseWriter, r *http.Request) {
	rows := registry.TemplateRows()
	if strings.HasSuffix(r.URL.Path, ".xlsx") {
		s.exportXLSX(w, r, "templat-impor-penerima-manfaat", func(write func([]string) error) error {
			for _, row := range rows {
				if err := write(row); err != nil {
					return err
				}
			}
			return nil
		})
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="templat-impor-penerima-manfaat.csv"`)
	cw := csvio.NewWriter(w, ';')
	for _, row := range rows {
		cw.Write(row)
	}
	cw.Flush()
}
