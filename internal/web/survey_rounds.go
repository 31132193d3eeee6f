package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/group"
	"github.com/berdaya/berdaya/internal/i18n"
	"github.com/berdaya/berdaya/internal/ppi"
	"github.com/berdaya/berdaya/internal/ppisurvey"
	"github.com/berdaya/berdaya/internal/programme"
	"github.com/berdaya/berdaya/internal/survey"
)

// surveyRoundRoutes registers the pages that design a round and run its
// sample (issue 5): the new-round form with its sample-size helper, the
// draw, and the replacement of a household that refused or cannot be found.
func (s *Server) surveyRoundRoutes(page func(string, http.HandlerFunc)) {
	page("GET /surveys/new", s.signedIn(s.newRoundForm))
	page("POST /surveys/new", s.signedIn(s.createRound))
	page("POST /surveys/{id}/draw", s.signedIn(s.drawRound))
	page("POST /surveys/{id}/units/{uid}/replace", s.signedIn(s.replaceUnit))
}

// ---- new round ----

// roundFormValues are the new-round form's fields as typed, so that a refused
// form comes back exactly as it was sent.
type roundFormValues struct {
	Name, ProgrammeID, Scorecard, Population, Region, BaselineID string
	Method, Allocation, Strata, Size, Seed, Confidence           string
	Lines, Groups                                                map[string]bool
	Alphas                                                       map[string]string // line code -> α as typed
}

// svrLine is a poverty line of the chosen card on the new-round form:
// chosen or not, and its precision factor α as typed.
type svrLine struct {
	Code, Label string
	Chosen      bool
	Alpha       string
	Field       string // the α input's name: "alpha_nl100"
}

// svrAlphaField is the name of line's α input.
func svrAlphaField(line string) string { return "alpha_" + line }

// sizeCalc is the sample-size helper: its fields as typed and its answer.
type sizeCalc struct {
	Rate, Precision, Confidence, Population string
	Fields                                  map[string]string
	Size                                    int // 0 when not computed
}

type roundFormData struct {
	In          roundFormValues
	Cards       []ppi.Summary
	Card        *ppi.Scorecard // the chosen card, nil until one is chosen
	Lines       []svrLine
	Programmes  []programme.Programme
	Groups      []group.Summary
	Baselines   []ppisurvey.Round
	Populations []string
	Methods     []string
	Allocations []string
	StrataCols  []string
	Calc        sizeCalc
}

func (s *Server) newRoundForm(w http.ResponseWriter, r *http.Request) {
	if err := principal(r).Require(access.ManageSurveys); err != nil {
		s.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	in := roundFormValues{Scorecard: q.Get("scorecard"), Population: ppisurvey.RegionHeads, Method: ppisurvey.Simple,
		Allocation: "proportional", Confidence: "0,90", Lines: map[string]bool{}, Groups: map[string]bool{}, Alphas: map[string]string{}}
	d, err := s.roundFormData(r, in)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if q.Has("rate") || q.Has("precision") || q.Has("population") {
		d.Calc = calcSize(q)
		if d.Calc.Size > 0 {
			d.In.Size = strconv.Itoa(d.Calc.Size)
		}
	} else {
		d.Calc = sizeCalc{Rate: "0,5", Precision: "0,05", Confidence: "0,90"}
	}
	s.render(w, r, http.StatusOK, "survey_new", s.newView(w, r, i18n.T(state(r).lang, "svr.new"), d))
}

// roundFormData loads what the form offers: the catalogue, the chosen card's
// lines, the programmes, the groups and the possible baselines.
func (s *Server) roundFormData(r *http.Request, in roundFormValues) (roundFormData, error) {
	ctx, p, lang := r.Context(), principal(r), state(r).lang
	d := roundFormData{In: in,
		Populations: []string{ppisurvey.RegionHeads, ppisurvey.RegionPersons, ppisurvey.GroupMembers},
		Methods:     []string{ppisurvey.Simple, ppisurvey.Stratified, ppisurvey.Census},
		Allocations: []string{"proportional", "equal"},
		StrataCols:  []string{ppisurvey.ByDistrict, ppisurvey.ByRegency, ppisurvey.ByGroup, ppisurvey.ByBranch, ppisurvey.ByHeadSex}}
	var err error
	if d.Cards, err = s.PPI.List(ctx); err != nil {
		return d, err
	}
	if d.In.Scorecard == "" && len(d.Cards) == 1 {
		d.In.Scorecard = d.Cards[0].Name
	}
	if d.In.Scorecard != "" {
		card, err := s.PPI.Get(ctx, d.In.Scorecard)
		switch {
		case err == nil:
			d.Card, d.In.Scorecard = &card, card.Name
			for _, l := range card.Lines {
				alpha, ok := d.In.Alphas[l.Code]
				if !ok {
					alpha = "1"
				}
				d.Lines = append(d.Lines, svrLine{Code: l.Code, Label: svLineLabel(lang, card, l.Code), Chosen: d.In.Lines[l.Code],
					Alpha: alpha, Field: svrAlphaField(l.Code)})
			}
		case errs.CodeOf(err) != errs.NotFound:
			return d, err
		}
	}
	if d.Programmes, err = s.Programmes.ListProgrammes(ctx, p); err != nil {
		return d, err
	}
	groups, err := s.Groups.ListGroups(ctx, p, group.Filter{Page: 1, PerPage: group.MaxPerPage})
	if err != nil {
		return d, err
	}
	d.Groups = groups.Items
	rounds, err := s.Surveys.ListRounds(ctx, p)
	if err != nil {
		return d, err
	}
	for _, rd := range rounds {
		if d.Card != nil && rd.ScorecardID == d.Card.ID {
			d.Baselines = append(d.Baselines, rd)
		}
	}
	return d, nil
}

func (s *Server) createRound(w http.ResponseWriter, r *http.Request) {
	p := principal(r)
	if err := p.Require(access.ManageSurveys); err != nil {
		s.fail(w, r, err)
		return
	}
	r.ParseForm()
	f := r.PostForm
	in := roundFormValues{Name: f.Get("name"), ProgrammeID: f.Get("programme_id"), Scorecard: f.Get("scorecard"),
		Population: f.Get("population_kind"), Region: strings.TrimSpace(f.Get("region_code")), BaselineID: f.Get("baseline_id"),
		Method: f.Get("method"), Allocation: f.Get("allocation"), Strata: f.Get("strata_column"),
		Size: strings.TrimSpace(f.Get("sample_size")), Seed: strings.TrimSpace(f.Get("seed")), Confidence: strings.TrimSpace(f.Get("confidence")),
		Lines: gpSet(f["lines"]), Groups: gpSet(f["group_ids"]), Alphas: map[string]string{}}
	for k, v := range f {
		if line, ok := strings.CutPrefix(k, svrAlphaField("")); ok && len(v) > 0 {
			in.Alphas[line] = strings.TrimSpace(v[0])
		}
	}
	round := ppisurvey.RoundInput{Name: in.Name, ProgrammeID: in.ProgrammeID, Scorecard: in.Scorecard, Lines: f["lines"],
		Population: in.Population, Region: in.Region, GroupIDs: f["group_ids"], BaselineID: in.BaselineID,
		Method: in.Method, Allocation: in.Allocation, Strata: in.Strata}
	bad := errs.Fields{}
	round.Alphas = svrAlphas(f["lines"], in.Alphas, bad)
	if in.Size != "" && in.Method != ppisurvey.Census {
		n, err := strconv.Atoi(in.Size)
		if err != nil {
			bad.Add("sample_size", "svr.err.whole_number")
		}
		round.Size = n
	}
	if in.Seed != "" {
		n, err := strconv.ParseInt(in.Seed, 10, 64)
		if err != nil {
			bad.Add("seed", "ppisurvey.err.seed")
		}
		round.Seed = n
	}
	if in.Confidence != "" {
		c, ok := svConfidence(in.Confidence)
		if !ok {
			bad.Add("confidence", "svr.err.confidence")
		}
		round.Confidence = c
	}
	var created ppisurvey.Round
	err := bad.Err()
	if err == nil {
		created, err = s.Surveys.CreateRound(r.Context(), p, round)
	}
	if err != nil {
		d, loadErr := s.roundFormData(r, in)
		if loadErr != nil {
			s.fail(w, r, loadErr)
			return
		}
		d.Calc = sizeCalc{Rate: "0,5", Precision: "0,05", Confidence: in.Confidence}
		if errs.CodeOf(err) == errs.Forbidden && len(s.publicError(r, err).Fields) == 0 {
			s.fail(w, r, err)
			return
		}
		s.formError(w, r, "survey_new", i18n.T(state(r).lang, "svr.new"), d, err)
		return
	}
	s.flash(w, r, "svr.created")
	http.Redirect(w, r, "/surveys/"+created.ID, http.StatusSeeOther)
}

// svFraction reads a fraction as people type it: "0,9", "0.9" or "90"
// (a percentage, when above 1).
func svFraction(v string) (float64, bool) {
	v = strings.TrimSuffix(strings.TrimSpace(v), "%")
	f, err := strconv.ParseFloat(strings.Replace(v, ",", ".", 1), 64)
	if err != nil {
		return 0, false
	}
	if f > 1 && f <= 100 {
		f /= 100
	}
	return f, true
}

// svConfidence reads a confidence level as svFraction does ("0,9", "90",
// "90%") and accepts it within the range a round allows (ppisurvey's), so that
// "2" (read as 2%) or "0" is refused rather than giving a sample of one.
func svConfidence(v string) (float64, bool) {
	f, ok := svFraction(v)
	return f, ok && f >= ppisurvey.MinConfidence && f <= ppisurvey.MaxConfidence
}

// svrAlphas reads the α of each chosen line as typed, "1,2" or "1.2"; a
// blank one is left to the default (1). A value that is no number is a
// field error on its line; its range is the service's to check.
func svrAlphas(lines []string, typed map[string]string, bad errs.Fields) map[string]float64 {
	out := map[string]float64{}
	for _, l := range lines {
		v := typed[l]
		if v == "" {
			continue
		}
		a, err := strconv.ParseFloat(strings.Replace(v, ",", ".", 1), 64)
		if err != nil {
			bad.Add(svrAlphaField(l), "svr.err.alpha_number")
			continue
		}
		out[l] = a
	}
	return out
}

// svDecimal formats a number as people read it in lang, with as many
// decimals as it has: 1.2 → "1,2" (id), "1.2" (en).
func svDecimal(lang string, f float64) string {
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if lang != "en" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// calcSize runs the sample-size helper on the query's values.
func calcSize(q url.Values) sizeCalc {
	c := sizeCalc{Rate: strings.TrimSpace(q.Get("rate")), Precision: strings.TrimSpace(q.Get("precision")),
		Confidence: strings.TrimSpace(q.Get("confidence")), Population: strings.TrimSpace(q.Get("population")), Fields: map[string]string{}}
	var sp survey.SizeParams
	var ok bool
	if sp.Rate, ok = svFraction(c.Rate); !ok || !(sp.Rate > 0 && sp.Rate < 1) {
		c.Fields["rate"] = "svr.err.rate"
	}
	if sp.Precision, ok = svFraction(c.Precision); !ok || !(sp.Precision > 0 && sp.Precision < 1) {
		c.Fields["precision"] = "svr.err.precision"
	}
	if sp.Confidence, ok = svConfidence(c.Confidence); !ok {
		c.Fields["confidence"] = "svr.err.confidence"
	}
	if c.Population != "" {
		n, err := strconv.Atoi(strings.NewReplacer(".", "", " ", "").Replace(c.Population))
		if err != nil || n < 0 {
			c.Fields["population"] = "svr.err.population"
		}
		sp.Population = n
	}
	if len(c.Fields) > 0 {
		return c
	}
	n, err := survey.SampleSize(sp)
	if err != nil {
		c.Fields["rate"] = "svr.err.calc"
		return c
	}
	c.Size = n
	return c
}

// ---- draw and replacement ----

func (s *Server) drawRound(w http.ResponseWriter, r *http.Request) {
	round, err := s.Surveys.DrawSample(r.Context(), principal(r), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.flash(w, r, "svr.drawn")
	http.Redirect(w, r, "/surveys/"+round.ID+"#units", http.StatusSeeOther)
}

func (s *Server) replaceUnit(w http.ResponseWriter, r *http.Request) {
	roundID := r.PathValue("id")
	// The unit must belong to the round in the address.
	u, err := s.Surveys.RoundUnit(r.Context(), principal(r), roundID, r.PathValue("uid"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if _, err := s.Surveys.ReplaceRefusal(r.Context(), principal(r), u.ID, r.PostFormValue("reason")); err != nil {
		s.fail(w, r, err)
		return
	}
	s.flash(w, r, "svr.replaced")
	http.Redirect(w, r, "/surveys/"+roundID+"#units", http.StatusSeeOther)
}

// ---- helpers for the round page ----

// Replaced is the name of the household a promoted unit replaced ("" for a
// unit drawn in the first place).
func (d surveyPageData) Replaced(u svUnit) string {
	if u.ReplacesID == "" {
		return ""
	}
	for _, o := range d.Units {
		if o.ID == u.ReplacesID {
			return o.Name
		}
	}
	return "-"
}

// Reserve is how many households of the population are still on the
// reserve list: N less the households sampled so far (drawn, promoted,
// interviewed, refused or replaced). It is exact for a user who sees the
// whole region of the round, which the page checks.
func (d surveyPageData) Reserve() int {
	n := d.Round.PopulationSize - len(d.Units)
	if n < 0 {
		return 0
	}
	return n
}
