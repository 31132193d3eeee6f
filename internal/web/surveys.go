package web

import (
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/i18n"
	"github.com/berdaya/berdaya/internal/ppi"
	"github.com/berdaya/berdaya/internal/ppisurvey"
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
	s.surveyReportRoutes(page)
	s.surveyImportRoutes(page)
}

// ---- list ----

// surveysData is the list of rounds; NoCard says the catalogue is empty, so
// that the page can say where scorecards come from before anyone tries to
// create a round.
type surveysData struct {
	Rounds []ppisurvey.Round
	NoCard bool
}

func (s *Server) surveysPage(w http.ResponseWriter, r *http.Request) {
	rounds, err := s.Surveys.ListRounds(r.Context(), principal(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	cards, err := s.PPI.List(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := surveysData{Rounds: rounds, NoCard: len(cards) == 0}
	s.render(w, r, http.StatusOK, "surveys", s.newView(w, r, i18n.T(state(r).lang, "nav.surveys"), d))
}

// ---- one round ----

// svUnit is a unit of the round as its page lists it.
type svUnit struct {
	ppisurvey.Unit
	Name    string // the respondent's name ("-" when unknown)
	Place   string // the village's name
	Stratum string // the stratum's name ("" when the round is not stratified)
}

type surveyPageData struct {
	Round  ppisurvey.Round
	Region string        // the round's region by name
	Lines  []svRoundLine // the round's poverty lines with their α
	Units  []svUnit      // the sample: drawn and promoted units, not the reserve
	// ReserveList is the reserve list in its random order, the promoted
	// units included, up to svReserveShown; ReserveMore counts the rest.
	ReserveList []svUnit
	ReserveMore int
	Sampled     int // units to interview or interviewed
	Done        int // interviewed
	Baseline    string
	Programme   string
}

// svRoundLine is one of a round's poverty lines as its page shows it.
type svRoundLine struct {
	Code, Label string
	Alpha       string // the precision factor, formatted ("1", "1,2")
}

// svReserveShown caps the reserve list on a round's page: a field team only
// ever reaches its head, and a frame of ten thousand households would make
// a page of megabytes.
const svReserveShown = 500

func (s *Server) surveyPage(w http.ResponseWriter, r *http.Request) {
	ctx, p := r.Context(), principal(r)
	round, err := s.Surveys.GetRound(ctx, p, r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := surveyPageData{Round: round, Region: i18n.T(state(r).lang, "scope.national"), Lines: s.svRoundLines(r, round)}
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
		if err := s.svLoadUnits(r, &d); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "survey", s.newView(w, r, round.Name, d))
}

// svRoundLines labels the round's lines from its card and formats their α.
func (s *Server) svRoundLines(r *http.Request, round ppisurvey.Round) []svRoundLine {
	lang := state(r).lang
	card, cardErr := s.PPI.Get(r.Context(), round.ScorecardID)
	out := make([]svRoundLine, 0, len(round.Lines))
	for _, l := range round.Lines {
		rl := svRoundLine{Code: l, Label: l, Alpha: svDecimal(lang, round.Alpha(l))}
		if cardErr == nil {
			rl.Label = svLineLabel(lang, card, l)
		}
		out = append(out, rl)
	}
	return out
}

// svLoadUnits fills in a drawn round's sample and its reserve list, with
// the respondents' names, their villages and their strata.
func (s *Server) svLoadUnits(r *http.Request, d *surveyPageData) error {
	all, err := s.Surveys.Units(r.Context(), principal(r), d.Round.ID, true)
	if err != nil {
		return err
	}
	var sample, reserve []ppisurvey.Unit
	for _, u := range all {
		if u.Status != ppisurvey.StatusReserve {
			sample = append(sample, u)
		}
		// A promoted unit stays on the reserve list, marked, so the list
		// shows how far down it has been used.
		if u.Status == ppisurvey.StatusReserve || u.ReplacesID != "" {
			if len(reserve) < svReserveShown {
				reserve = append(reserve, u)
			} else {
				d.ReserveMore++
			}
		}
	}
	describe, err := s.svDescriber(r, d.Round, slices.Concat(sample, reserve))
	if err != nil {
		return err
	}
	for _, u := range sample {
		if u.Status == ppisurvey.StatusSample || u.Status == ppisurvey.StatusInterviewed {
			d.Sampled++
		}
		if u.Status == ppisurvey.StatusInterviewed {
			d.Done++
		}
		d.Units = append(d.Units, describe(u))
	}
	for _, u := range reserve {
		d.ReserveList = append(d.ReserveList, describe(u))
	}
	return nil
}

// svDescriber reads the respondents of units in one query and returns what
// names a unit, looking each village and stratum up once.
func (s *Server) svDescriber(r *http.Request, round ppisurvey.Round, units []ppisurvey.Unit) (func(ppisurvey.Unit) svUnit, error) {
	ids := make([]string, len(units))
	for i, u := range units {
		ids[i] = u.PersonID
	}
	persons, err := s.Registry.PersonsByID(r.Context(), principal(r), ids)
	if err != nil {
		return nil, err
	}
	places, strata := map[string]string{}, map[string]string{}
	return func(u ppisurvey.Unit) svUnit {
		su := svUnit{Unit: u, Name: "-"}
		if person, ok := persons[u.PersonID]; ok {
			su.Name = person.Name
		}
		if _, ok := places[u.VillageCode]; !ok {
			places[u.VillageCode] = s.regionName(r, u.VillageCode)
		}
		su.Place = places[u.VillageCode]
		if round.Method == ppisurvey.Stratified {
			if _, ok := strata[u.Stratum]; !ok {
				strata[u.Stratum] = s.svCategory(r, round.StrataColumn, u.Stratum)
			}
			su.Stratum = strata[u.Stratum]
		}
		return su
	}, nil
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

// svText is a card's wording in the page's language, with the other
// language's beneath it ("" when the card has one wording only).
type svText struct {
	Main, Other string
}

// svBilingual orders a wording for lang: Indonesian first in the Indonesian
// UI, English first in the English one. The cards' own text is IPA's
// English; the Indonesian is ours.
func svBilingual(lang, id, en string) svText {
	t := svText{Main: id, Other: en}
	if lang == "en" {
		t = svText{Main: en, Other: id}
	}
	if t.Main == "" {
		t = svText{Main: t.Other}
	}
	if t.Other == t.Main {
		t.Other = ""
	}
	return t
}

// svAnswer is one answer of a question on the form.
type svAnswer struct {
	Code string
	Text svText
}

// svQuestion is one question of the form, with what is chosen.
type svQuestion struct {
	No       int
	Field    string // "q3"
	Text     svText
	Guidance svText
	Answers  []svAnswer
	Chosen   string // the answer code selected
	Known    bool   // filled from the registry
}

// svScore is an interview's result on one line, formatted.
type svScore struct {
	Line, Label string
	Score       int
	Likelihood  string // "81,2%"
}

// svChange is one thing a correction changed, before and after.
type svChange struct {
	Label, Before, After string
}

// svCorrection is one correction of the history, formatted.
type svCorrection struct {
	When, Who, Reason string
	Changes           []svChange // the date and answers that changed
	Scores            []svChange // the scores that changed
}

type interviewFormData struct {
	Round     ppisurvey.Round
	Unit      svUnit
	Card      ppi.Scorecard
	Questions []svQuestion
	OtherLang string // the language of the wording beneath ("en" or "id")
	Date      string
	Done      bool // already interviewed: the form corrects it
	Reason    string
	// The recorded interview, when Done: its enumerator, its scores per
	// line and its corrections, oldest first.
	Interview  ppisurvey.Interview
	Enumerator string
	Scores     []svScore
	History    []svCorrection
}

// interviewData loads the round, the unit and the card of an interview form
// and, when the household is interviewed already, its interview.
func (s *Server) interviewData(r *http.Request) (interviewFormData, error) {
	ctx, p, lang := r.Context(), principal(r), state(r).lang
	var d interviewFormData
	var err error
	if d.Round, err = s.Surveys.GetRound(ctx, p, r.PathValue("id")); err != nil {
		return d, err
	}
	if err := s.svFormUnit(r, &d); err != nil {
		return d, err
	}
	if d.Card, err = s.PPI.Get(ctx, d.Round.ScorecardID); err != nil {
		return d, err
	}
	d.OtherLang, d.Date = "en", gpToday()
	if lang == "en" {
		d.OtherLang = "id"
	}
	known := ppisurvey.KnownAnswers(d.Card, d.Unit.VillageCode)
	for _, q := range d.Card.Questions {
		sq := svQuestion{No: q.No, Field: ppisurvey.QuestionField(q.No), Text: svBilingual(lang, q.TextID, q.Text),
			Guidance: svBilingual(lang, q.GuidanceID, q.Guidance)}
		for _, a := range q.Answers {
			sq.Answers = append(sq.Answers, svAnswer{Code: a.Code, Text: svBilingual(lang, a.TextID, a.Text)})
		}
		if code, ok := known[q.No]; ok {
			sq.Chosen, sq.Known = code, true
		}
		d.Questions = append(d.Questions, sq)
	}
	if d.Done {
		return d, s.svRecorded(r, &d)
	}
	return d, nil
}

// svFormUnit puts the form's unit on it, with its respondent and village.
func (s *Server) svFormUnit(r *http.Request, d *interviewFormData) error {
	ctx, p := r.Context(), principal(r)
	u, err := s.Surveys.RoundUnit(r.Context(), principal(r), d.Round.ID, r.PathValue("uid"))
	if err != nil {
		return err
	}
	d.Unit = svUnit{Unit: u, Name: "-"}
	if det, err := s.Registry.GetPerson(ctx, p, d.Unit.PersonID); err == nil {
		d.Unit.Name = det.Person.Name
	}
	d.Unit.Place = s.placeName(r, d.Unit.VillageCode)
	d.Done = d.Unit.Status == ppisurvey.StatusInterviewed
	return nil
}

// svRecorded puts the recorded interview on the form: its date and answers
// to correct, its scores and its corrections.
func (s *Server) svRecorded(r *http.Request, d *interviewFormData) error {
	lang := state(r).lang
	iv, history, err := s.Surveys.InterviewOfUnit(r.Context(), principal(r), d.Unit.ID)
	if err != nil {
		return err
	}
	d.Interview, d.Date = iv, i18n.Date(iv.Date)
	for i := range d.Questions {
		d.Questions[i].Chosen = iv.Answers[d.Questions[i].No]
	}
	for _, sc := range iv.Scores {
		d.Scores = append(d.Scores, svScore{Line: sc.Line, Label: svLineLabel(lang, d.Card, sc.Line), Score: sc.Score,
			Likelihood: ppisurvey.Percent(lang, sc.Likelihood/100)})
	}
	names := map[string]string{}
	for _, u := range s.orgUsers(r) {
		names[u.ID] = u.Label()
	}
	d.Enumerator = svName(names, iv.EnumeratorID)
	for _, c := range history {
		d.History = append(d.History, svDescribeCorrection(lang, d.Card, names, c))
	}
	return nil
}

// svName is a user's name, or "-" for one the reader cannot see.
func svName(names map[string]string, id string) string {
	if n, ok := names[id]; ok {
		return n
	}
	return "-"
}

// svDescribeCorrection formats one correction: when, who, why, and the
// date, answers and scores it changed.
func svDescribeCorrection(lang string, card ppi.Scorecard, names map[string]string, c ppisurvey.Correction) svCorrection {
	out := svCorrection{When: i18n.DateTime(c.CreatedAt), Who: svName(names, c.UserID), Reason: c.Reason}
	if !c.Before.Date.Equal(c.After.Date) {
		out.Changes = append(out.Changes, svChange{Label: i18n.T(lang, "svp.date"), Before: i18n.Date(c.Before.Date), After: i18n.Date(c.After.Date)})
	}
	if c.Before.EnumeratorID != c.After.EnumeratorID {
		out.Changes = append(out.Changes, svChange{Label: i18n.T(lang, "svp.enumerator"), Before: svName(names, c.Before.EnumeratorID), After: svName(names, c.After.EnumeratorID)})
	}
	for _, ch := range c.Changes() {
		out.Changes = append(out.Changes, svChange{Label: i18n.T(lang, "svp.question_no", ch.No),
			Before: svAnswerLabel(lang, card, ch.No, ch.Before), After: svAnswerLabel(lang, card, ch.No, ch.After)})
	}
	for _, after := range c.After.Scores {
		before, _ := c.Before.Score(after.Line)
		if before.Score != after.Score || before.Likelihood != after.Likelihood {
			out.Scores = append(out.Scores, svChange{Label: svLineLabel(lang, card, after.Line),
				Before: svScoreText(lang, before), After: svScoreText(lang, after)})
		}
	}
	return out
}

// svAnswerLabel is an answer's code with its wording in lang: "B · Ya".
func svAnswerLabel(lang string, card ppi.Scorecard, no int, code string) string {
	if code == "" {
		return "-"
	}
	if no < 1 || no > len(card.Questions) {
		return code
	}
	a, ok := card.Questions[no-1].Answer(code)
	if !ok {
		return code
	}
	return code + " · " + svBilingual(lang, a.TextID, a.Text).Main
}

// svScoreText is a score with its likelihood: "38 (45,4%)".
func svScoreText(lang string, sc ppisurvey.LineScore) string {
	return strconv.Itoa(sc.Score) + " (" + ppisurvey.Percent(lang, sc.Likelihood/100) + ")"
}

func (s *Server) interviewForm(w http.ResponseWriter, r *http.Request) {
	d, err := s.interviewData(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "survey_interview", s.newView(w, r, svInterviewTitle(r, d), d))
}

func svInterviewTitle(r *http.Request, d interviewFormData) string {
	key := "svp.interview"
	if d.Done {
		key = "svp.correct"
	}
	return i18n.T(state(r).lang, key) + " · " + d.Unit.Name
}

// recordInterview saves the form: a new interview, or a correction of the
// recorded one.
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
		v := strings.TrimSpace(r.PostForm.Get(q.Field))
		if v != "" {
			in.Answers[q.No] = v
		}
		// A blank known answer is the registry's, and stays shown as such.
		if v != "" || !q.Known {
			q.Chosen = v
		}
	}
	d.Date = in.Date
	if d.Done {
		s.correctInterview(w, r, d, in)
		return
	}
	if _, err := s.Surveys.RecordInterview(r.Context(), principal(r), d.Unit.ID, in); err != nil {
		s.formError(w, r, "survey_interview", svInterviewTitle(r, d), d, err)
		return
	}
	s.flash(w, r, "svp.saved")
	http.Redirect(w, r, "/surveys/"+d.Round.ID+"#units", http.StatusSeeOther)
}

// correctInterview corrects the recorded interview and returns to its form,
// where the new score and the history show; a correction that changes
// nothing says so.
func (s *Server) correctInterview(w http.ResponseWriter, r *http.Request, d interviewFormData, in ppisurvey.InterviewInput) {
	in.Reason = strings.TrimSpace(r.PostForm.Get("reason"))
	d.Reason = in.Reason
	got, err := s.Surveys.CorrectInterview(r.Context(), principal(r), d.Interview.ID, in)
	if err != nil {
		s.formError(w, r, "survey_interview", svInterviewTitle(r, d), d, err)
		return
	}
	key := "svp.corrected"
	if got.Same(d.Interview) {
		key = "svp.unchanged"
	}
	s.flash(w, r, key)
	http.Redirect(w, r, "/surveys/"+d.Round.ID+"/units/"+d.Unit.ID+"/interview", http.StatusSeeOther)
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
	Rate       string // "45,4%"
	Low, High  string
	Confidence string // "90%"
	N          string // interviewed
	Population string
	Tables     []svTable
	Chart      template.HTML
	Reports    svReportCharts // rate per line and per stratum (survey_reports.go)
}

type svLineChoice struct {
	Code, Label string
	Current     bool
}

// estimatePage shows a round's estimate on one of its lines. It reads the
// round's report, which estimates every line once: the page charts them
// all, and shows the line asked for (the first by default) in full.
func (s *Server) estimatePage(w http.ResponseWriter, r *http.Request) {
	lang := state(r).lang
	rep, err := s.Surveys.RoundReport(r.Context(), principal(r), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.svNameRegions(r, &rep)
	lines, picked, err := svPickLine(lang, rep.Lines, func(l ppisurvey.LineEstimate) ppisurvey.LineInfo { return l.Line },
		r.URL.Query().Get("line"), "svp.err.line_absent")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	est := picked.RoundEstimate
	d := estimatePageData{Round: rep.Round, Line: picked.Line.Code, LineLabel: picked.Line.Name(lang), Lines: lines,
		Rate: ppisurvey.Percent(lang, est.Rate.Rate), Low: ppisurvey.Percent(lang, est.Rate.Low), High: ppisurvey.Percent(lang, est.Rate.High),
		Confidence: ppisurvey.Percent(lang, est.Rate.Confidence),
		N:          i18n.Number(lang, int64(est.Interviewed)), Population: i18n.Number(lang, int64(est.Population)),
		Chart: svScoreChart(lang, est.Scores), Reports: svEstimateCharts(lang, rep, est)}
	// The page shows the breakdowns the reports print, in their order.
	for _, b := range rep.Breakdowns(est) {
		d.Tables = append(d.Tables, svTableOf(lang, rep, b))
	}
	s.render(w, r, http.StatusOK, "survey_estimate", s.newView(w, r, i18n.T(lang, "svp.estimate")+" · "+rep.Round.Name, d))
}

// svPickLine finds the line asked for among a report's lines (the first
// when none is asked) and lists them all for the line switcher. A line the
// report does not have is not found, with the message msg.
func svPickLine[T any](lang string, lines []T, info func(T) ppisurvey.LineInfo, asked, msg string) ([]svLineChoice, T, error) {
	var picked T
	found := false
	choices := make([]svLineChoice, 0, len(lines))
	for i, l := range lines {
		li := info(l)
		c := svLineChoice{Code: li.Code, Label: li.Name(lang), Current: li.Code == asked || (asked == "" && i == 0)}
		if c.Current {
			picked, found = l, true
		}
		choices = append(choices, c)
	}
	if !found {
		return nil, picked, errs.New(errs.NotFound, msg)
	}
	return choices, picked, nil
}

// svLineLabel is a poverty line's label in the language, or its code.
func svLineLabel(lang string, card ppi.Scorecard, code string) string {
	l, _ := card.Line(code)
	return ppisurvey.LineInfo{Code: code, Label: l.Label, LabelID: l.LabelID}.Name(lang)
}

// svTableOf formats a breakdown of the report; its labels are named by
// the report (districts, groups, branches) or the catalogue (the head's sex).
func svTableOf(lang string, rep ppisurvey.RoundReport, b ppisurvey.Breakdown) svTable {
	t := svTable{Title: b.Title}
	for _, g := range b.Rows {
		row := svRow{Label: rep.Category(lang, b.Column, g.Label), Rate: ppisurvey.Percent(lang, g.Rate),
			Interval: ppisurvey.Percent(lang, g.Low) + " – " + ppisurvey.Percent(lang, g.High), N: i18n.Number(lang, int64(g.N)), Population: "-"}
		if g.Population > 0 {
			row.Population = i18n.Number(lang, int64(g.Population))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// svCategory names a stratum on the round's page: a region, group or
// branch (an organisation unit) by its name, the head's sex by the
// catalogue; a group or branch the user cannot see keeps its ID. The
// describer calls it once per stratum.
func (s *Server) svCategory(r *http.Request, column, label string) string {
	lang := state(r).lang
	switch {
	case label == "" && column == ppisurvey.ByBranch:
		return i18n.T(lang, "svp.no_branch")
	case label == "":
		return i18n.T(lang, "svp.unknown")
	case column == ppisurvey.ByDistrict || column == ppisurvey.ByRegency:
		return s.regionName(r, label)
	case column == ppisurvey.ByGroup:
		if det, err := s.Groups.GetGroup(r.Context(), principal(r), label); err == nil {
			return det.Group.Name
		}
	case column == ppisurvey.ByBranch:
		if det, err := s.Programmes.GetUnit(r.Context(), principal(r), label); err == nil {
			return det.Unit.Name
		}
	case column == ppisurvey.ByHeadSex:
		return i18n.T(lang, "sex."+label)
	}
	return label
}
