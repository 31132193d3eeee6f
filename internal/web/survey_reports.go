package web

import (
	"bytes"
	"html/template"
	"io"
	"net/http"
	"strconv"
	"strings"
	"unicode"

	"github.com/berdaya/berdaya/internal/chart"
	"github.com/berdaya/berdaya/internal/i18n"
	"github.com/berdaya/berdaya/internal/ppisurvey"
	"github.com/berdaya/berdaya/internal/survey"
)

// Content types of the reports.
const (
	svPDFType  = "application/pdf"
	svXLSXType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)

// surveyReportRoutes registers the reports of a round and of its
// comparison with its baseline, as PDF and as xlsx.
func (s *Server) surveyReportRoutes(page func(string, http.HandlerFunc)) {
	page("GET /surveys/{id}/report.pdf", s.signedIn(s.roundReport(svPDFType)))
	page("GET /surveys/{id}/report.xlsx", s.signedIn(s.roundReport(svXLSXType)))
	page("GET /surveys/{id}/compare/report.pdf", s.signedIn(s.comparisonReport(svPDFType)))
	page("GET /surveys/{id}/compare/report.xlsx", s.signedIn(s.comparisonReport(svXLSXType)))
}

// svReport is what both reports can do: print themselves in a language.
type svReport interface {
	WritePDF(w io.Writer, lang string) error
	WriteXLSX(w io.Writer, lang string) error
}

// roundReport serves a round's report in the given content type.
func (s *Server) roundReport(contentType string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		rep, err := s.Surveys.RoundReport(r.Context(), principal(r), r.PathValue("id"))
		if err != nil {
			s.fail(w, r, err)
			return
		}
		s.svNameRegions(r, &rep)
		s.sendReport(w, r, rep, contentType, "svrep.file.round", rep.Round.Name)
	}
}

// comparisonReport serves a round's comparison with its baseline.
func (s *Server) comparisonReport(contentType string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		rep, err := s.Surveys.ComparisonReport(r.Context(), principal(r), r.PathValue("id"))
		if err != nil {
			s.fail(w, r, err)
			return
		}
		s.sendReport(w, r, rep, contentType, "svrep.file.compare", rep.FollowUp.Name)
	}
}

// sendReport writes the report in memory first, so that a failure is a
// proper error page rather than half a file, then sends it as a download
// named after its kind and the round.
func (s *Server) sendReport(w http.ResponseWriter, r *http.Request, rep svReport, contentType, fileKey, name string) {
	lang := state(r).lang
	var buf bytes.Buffer
	write, ext := rep.WritePDF, ".pdf"
	if contentType == svXLSXType {
		write, ext = rep.WriteXLSX, ".xlsx"
	}
	if err := write(&buf, lang); err != nil {
		s.fail(w, r, err)
		return
	}
	file := i18n.T(lang, fileKey)
	if slug := svSlug(name); slug != "" {
		file += "-" + slug
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", `attachment; filename="`+file+ext+`"`)
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.Header().Set("Cache-Control", "no-store")
	buf.WriteTo(w)
}

// svSlug keeps the ASCII letters and digits of a name, other runs becoming
// one hyphen ("Survei PPI 2026/II" → "survei-ppi-2026-ii"), so that a file
// name is safe in a header and on any disk.
func svSlug(name string) string {
	var b strings.Builder
	for _, c := range strings.ToLower(name) {
		switch {
		case c < unicode.MaxASCII && (unicode.IsLetter(c) || unicode.IsDigit(c)):
			b.WriteRune(c)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
	}
	return strings.Trim(b.String(), "-")
}

// svNameRegions names the report's regions (its own and every district or
// regency of its breakdowns) from the region service, which the survey
// service does not reach.
func (s *Server) svNameRegions(r *http.Request, rep *ppisurvey.RoundReport) {
	name := func(code string) {
		if _, ok := rep.Names[code]; !ok && code != "" {
			rep.Names[code] = s.regionName(r, code)
		}
	}
	name(rep.Round.Region)
	for _, l := range rep.Lines {
		for _, b := range rep.Breakdowns(l.RoundEstimate) {
			if b.Column != ppisurvey.ByDistrict && b.Column != ppisurvey.ByRegency {
				continue
			}
			for _, g := range b.Rows {
				name(g.Label)
			}
		}
	}
}

// svReportCharts are the estimate page's charts drawn from the round's
// report: the rate on every line of the round and, for a stratified round,
// the rate per stratum on the line shown.
type svReportCharts struct {
	Lines  template.HTML
	Strata template.HTML
}

// svEstimateCharts draws the estimate page's report charts; est is the
// line shown.
func svEstimateCharts(lang string, rep ppisurvey.RoundReport, est ppisurvey.RoundEstimate) svReportCharts {
	out := svReportCharts{Lines: svChart(rep.RateChart(lang))}
	if rep.Round.Method == ppisurvey.Stratified {
		out.Strata = svChart(rep.StratumChart(lang, est))
	}
	return out
}

// svScoreChart draws a score distribution.
func svScoreChart(lang string, bands []survey.Band) template.HTML {
	if len(bands) == 0 {
		return ""
	}
	return svChart(ppisurvey.ScoreChart(lang, bands))
}

// svChart renders a chart as inline SVG at the page's width. The markup
// is built by internal/chart, which escapes every text it prints.
func svChart(c chart.Chart) template.HTML {
	return template.HTML(chart.Lay(c, chart.Options{}).SVG("sv-chart"))
}
