package web

import (
	"fmt"
	"html"
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/i18n"
	"github.com/berdaya/berdaya/internal/ppi"
	"github.com/berdaya/berdaya/internal/ppisurvey"
	"github.com/berdaya/berdaya/internal/survey"
)

// surveyRoutes registers the pages of PPI survey rounds (issue 5): the list,
// a round with its sample, the interview form of one sampled household, and
// a round's estimate on one poverty line.
func (s *Server) surveyRoutes(page func(string, http.HandlerFunc)) {
	page("GET /surveys", s.signedIn(s.surveysPage))
	page("GET /surveys/{id}", s.signedIn(s.surveyPage))
	page("GET /surveys/{id}/units/{uid}/interview", s.signedIn(s.interviewForm))
	page("POST /surveys/{id}/units/{uid}/interview", s.signedIn(s.recordInterview))
	page("GET /surveys/{id}/estimate", s.signedIn(s.estimatePage))
	page("GET /surveys/{id}/compare", s.signedIn(s.comparePage))
	s.surveyRoundRoutes(page)
}

// ---- list ----

func (s *Server) surveysPage(w http.ResponseWriter, r *http.Request) {
	rounds, err := s.Surveys.ListRounds(r.Context(), principal(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "surveys", s.newView(w, r, i18n.T(state(r).lang, "nav.surveys"), rounds))
}

// ---- one round ----

// svUnit is a unit of the round as its page lists it.
type svUnit struct {
	ppisurvey.Unit
	Name  string // the respondent's name ("-" when unknown)
	Place string // the village's name
}

type surveyPageData struct {
	Round     ppisurvey.Round
	Region    string // the round's region by name
	Units     []svUnit
	Sampled   int // units to interview or interviewed (not the reserve)
	Done      int // interviewed
	Baseline  string
	Programme string
}

func (s *Server) surveyPage(w http.ResponseWriter, r *http.Request) {
	ctx, p := r.Context(), principal(r)
	round, err := s.Surveys.GetRound(ctx, p, r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := surveyPageData{Round: round, Region: i18n.T(state(r).lang, "scope.national")}
	if round.Region != "" {
		d.Region = s.placeName(r, round.Region)
	}
	if round.ProgrammeID != "" {
		if prog, err := s.Programmes.GetProgramme(ctx, p, round.ProgrammeID); err == nil {
			d.Programme = prog.Name
		}
	}
	if round.BaselineID != "" {
		if b, err := s.Surveys.GetRound(ctx, p, round.BaselineID); err == nil {
			d.Baseline = b.Name
		}
	}
	if round.Drawn() {
		units, err := s.Surveys.Units(ctx, p, round.ID, false)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		ids := make([]string, len(units))
		for i, u := range units {
			ids[i] = u.PersonID
		}
		persons, err := s.Registry.PersonsByID(ctx, p, ids)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		places := map[string]string{}
		for _, u := range units {
			su := svUnit{Unit: u, Name: "-"}
			if person, ok := persons[u.PersonID]; ok {
				su.Name = person.Name
			}
			if _, ok := places[u.VillageCode]; !ok {
				places[u.VillageCode] = s.regionName(r, u.VillageCode)
			}
			su.Place = places[u.VillageCode]
			if u.Status != ppisurvey.StatusReserve {
				d.Sampled++
			}
			if u.Status == ppisurvey.StatusInterviewed {
				d.Done++
			}
			d.Units = append(d.Units, su)
		}
	}
	s.render(w, r, http.StatusOK, "survey", s.newView(w, r, round.Name, d))
}

// regionName is one region's own name, or its code when unknown.
func (s *Server) regionName(r *http.Request, code string) string {
	if code == "" {
		return ""
	}
	if reg, err := s.Regions.Get(r.Context(), code); err == nil {
		return reg.Name
	}
	return code
}

// ---- interview form ----

// svQuestion is one question of the form, with what is chosen.
type svQuestion struct {
	ppi.Question
	Field  string // "q3"
	Chosen string // the answer code selected
	Known  bool   // filled from the registry
}

type interviewFormData struct {
	Round     ppisurvey.Round
	Unit      svUnit
	Card      ppi.Scorecard
	Questions []svQuestion
	Date      string
	Done      bool // already interviewed
}

// interviewData loads the round, the unit and the card of an interview form.
func (s *Server) interviewData(r *http.Request) (interviewFormData, error) {
	ctx, p := r.Context(), principal(r)
	var d interviewFormData
	var err error
	if d.Round, err = s.Surveys.GetRound(ctx, p, r.PathValue("id")); err != nil {
		return d, err
	}
	units, err := s.Surveys.Units(ctx, p, d.Round.ID, false)
	if err != nil {
		return d, err
	}
	found := false
	for _, u := range units {
		if u.ID == r.PathValue("uid") {
			d.Unit, found = svUnit{Unit: u, Name: "-"}, true
		}
	}
	if !found {
		return d, errs.New(errs.NotFound, "err.not_found")
	}
	if det, err := s.Registry.GetPerson(ctx, p, d.Unit.PersonID); err == nil {
		d.Unit.Name = det.Person.Name
	}
	d.Unit.Place = s.placeName(r, d.Unit.VillageCode)
	d.Done = d.Unit.Status == ppisurvey.StatusInterviewed
	if d.Card, err = s.PPI.Get(ctx, d.Round.ScorecardID); err != nil {
		return d, err
	}
	known := ppisurvey.KnownAnswers(d.Card, d.Unit.VillageCode)
	for _, q := range d.Card.Questions {
		sq := svQuestion{Question: q, Field: ppisurvey.QuestionField(q.No)}
		if code, ok := known[q.No]; ok {
			sq.Chosen, sq.Known = code, true
		}
		d.Questions = append(d.Questions, sq)
	}
	return d, nil
}

func (s *Server) interviewForm(w http.ResponseWriter, r *http.Request) {
	d, err := s.interviewData(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Date = gpToday()
	s.render(w, r, http.StatusOK, "survey_interview", s.newView(w, r, svInterviewTitle(r, d), d))
}

func svInterviewTitle(r *http.Request, d interviewFormData) string {
	return i18n.T(state(r).lang, "svp.interview") + " · " + d.Unit.Name
}

func (s *Server) recordInterview(w http.ResponseWriter, r *http.Request) {
	d, err := s.interviewData(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	r.ParseForm()
	in := ppisurvey.InterviewInput{Date: strings.TrimSpace(r.PostForm.Get("date")), Answers: map[int]string{}}
	for i := range d.Questions {
		q := &d.Questions[i]
		if v := strings.TrimSpace(r.PostForm.Get(q.Field)); v != "" {
			in.Answers[q.No] = v
			q.Chosen = v
		}
	}
	d.Date = in.Date
	if _, err := s.Surveys.RecordInterview(r.Context(), principal(r), d.Unit.ID, in); err != nil {
		s.formError(w, r, "survey_interview", svInterviewTitle(r, d), d, err)
		return
	}
	s.flash(w, r, "svp.saved")
	http.Redirect(w, r, "/surveys/"+d.Round.ID+"#units", http.StatusSeeOther)
}

// ---- estimate ----

// svRow is one row of a breakdown table, formatted.
type svRow struct {
	Label, Rate, Interval, N, Population string
}

type svTable struct {
	Title string // message key
	Rows  []svRow
}

type estimatePageData struct {
	Round      ppisurvey.Round
	Line       string
	LineLabel  string
	Lines      []svLineChoice
	Est        ppisurvey.RoundEstimate
	Rate       string // "45,4%"
	Low, High  string
	Confidence string // "90%"
	N          string // interviewed
	Population string
	Tables     []svTable
	Chart      template.HTML
}

type svLineChoice struct {
	Code, Label string
	Current     bool
}

func (s *Server) estimatePage(w http.ResponseWriter, r *http.Request) {
	ctx, p, lang := r.Context(), principal(r), state(r).lang
	round, err := s.Surveys.GetRound(ctx, p, r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	line := r.URL.Query().Get("line")
	if line == "" && len(round.Lines) > 0 {
		line = round.Lines[0]
	}
	d := estimatePageData{Round: round, Line: line, LineLabel: line}
	card, cardErr := s.PPI.Get(ctx, round.ScorecardID)
	for _, l := range round.Lines {
		c := svLineChoice{Code: l, Label: l, Current: l == line}
		if cardErr == nil {
			c.Label = svLineLabel(lang, card, l)
		}
		if c.Current {
			d.LineLabel = c.Label
		}
		d.Lines = append(d.Lines, c)
	}
	est, err := s.Surveys.Estimates(ctx, p, round.ID, line)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Est = est
	d.Rate, d.Low, d.High = svPercent(lang, est.Rate.Rate), svPercent(lang, est.Rate.Low), svPercent(lang, est.Rate.High)
	d.Confidence = svPercent(lang, est.Rate.Confidence)
	d.N, d.Population = i18n.Number(lang, int64(est.Interviewed)), i18n.Number(lang, int64(est.Population))
	if round.Method == ppisurvey.Stratified {
		d.Tables = append(d.Tables, s.svTable(r, "svp.by_stratum", round.StrataColumn, est.Strata))
	}
	d.Tables = append(d.Tables, s.svTable(r, "svp.by_district", ppisurvey.ByDistrict, est.ByDistrict))
	if len(est.ByGroup) > 0 {
		d.Tables = append(d.Tables, s.svTable(r, "svp.by_group", ppisurvey.ByGroup, est.ByGroup))
	}
	d.Tables = append(d.Tables, s.svTable(r, "svp.by_head_sex", ppisurvey.ByHeadSex, est.ByHeadSex))
	d.Chart = scoreChart(lang, est.Scores)
	s.render(w, r, http.StatusOK, "survey_estimate", s.newView(w, r, i18n.T(lang, "svp.estimate")+" · "+round.Name, d))
}

// svLineLabel is a poverty line's label in the language, with its code.
func svLineLabel(lang string, card ppi.Scorecard, code string) string {
	l, ok := card.Line(code)
	if !ok {
		return code
	}
	label := l.Label
	if lang == "id" && l.LabelID != "" {
		label = l.LabelID
	}
	if label == "" {
		return code
	}
	return label
}

// svTable formats a breakdown; labels are names of districts or groups, or
// the head's sex.
func (s *Server) svTable(r *http.Request, title, column string, rows []survey.GroupEstimate) svTable {
	lang := state(r).lang
	t := svTable{Title: title}
	for _, g := range rows {
		row := svRow{Label: s.svCategory(r, column, g.Label), Rate: svPercent(lang, g.Rate),
			Interval: svPercent(lang, g.Low) + " – " + svPercent(lang, g.High), N: i18n.Number(lang, int64(g.N)), Population: "-"}
		if g.Population > 0 {
			row.Population = i18n.Number(lang, int64(g.Population))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

func (s *Server) svCategory(r *http.Request, column, label string) string {
	lang := state(r).lang
	switch {
	case label == "":
		return i18n.T(lang, "svp.unknown")
	case column == ppisurvey.ByDistrict || column == ppisurvey.ByRegency:
		return s.regionName(r, label)
	case column == ppisurvey.ByGroup:
		if det, err := s.Groups.GetGroup(r.Context(), principal(r), label); err == nil {
			return det.Group.Name
		}
	case column == ppisurvey.ByHeadSex:
		return i18n.T(lang, "sex."+label)
	}
	return label
}

// svPercent formats a fraction as a percentage with one decimal, in the
// language's number format: 0.4542 → "45,4%" (id), "45.4%" (en).
func svPercent(lang string, f float64) string {
	s := strconv.FormatFloat(f*100, 'f', 1, 64)
	if lang != "en" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s + "%"
}

// scoreChart draws the score distribution as an inline SVG bar chart: one
// bar per band, its count above it, the band's lower bound every fourth
// band below. The viewBox scales to the page's width, so it reads at 360 px.
func scoreChart(lang string, bands []survey.Band) template.HTML {
	if len(bands) == 0 {
		return ""
	}
	const w, h, left, top, bottom = 340.0, 200.0, 8.0, 18.0, 34.0
	max := 0
	for _, b := range bands {
		if b.Count > max {
			max = b.Count
		}
	}
	if max == 0 {
		max = 1
	}
	slot := (w - 2*left) / float64(len(bands))
	plot := h - top - bottom
	var b strings.Builder
	title := html.EscapeString(i18n.T(lang, "svp.chart_title"))
	fmt.Fprintf(&b, `<svg class="sv-chart" viewBox="0 0 %g %g" width="100%%" role="img" aria-labelledby="sv-chart-title" xmlns="http://www.w3.org/2000/svg">`, w, h)
	fmt.Fprintf(&b, `<title id="sv-chart-title">%s</title>`, title)
	base := top + plot
	fmt.Fprintf(&b, `<line x1="%g" y1="%g" x2="%g" y2="%g" stroke="#667085" stroke-width="1"/>`, left, base, w-left, base)
	for i, band := range bands {
		x := left + float64(i)*slot
		bh := plot * float64(band.Count) / float64(max)
		label := html.EscapeString(fmt.Sprintf("%d–%d: %s", band.Low, band.High, i18n.Number(lang, int64(band.Count))))
		fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="#0f766e"><title>%s</title></rect>`, x+1, base-bh, slot-2, bh, label)
		if band.Count > 0 {
			fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="12" text-anchor="middle" fill="#101828">%s</text>`, x+slot/2, base-bh-3, i18n.Number(lang, int64(band.Count)))
		}
		if i%4 == 0 {
			fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="12" text-anchor="middle" fill="#475467">%d</text>`, x+slot/2, base+15, band.Low)
		}
	}
	fmt.Fprintf(&b, `<text x="%g" y="%g" font-size="12" text-anchor="middle" fill="#475467">%s</text>`, w/2, h-4, html.EscapeString(i18n.T(lang, "svp.chart_axis")))
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}
