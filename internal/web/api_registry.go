package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/registry"
)

// personFilter reads the list filters shared by the API and the pages.
func personFilter(q url.Values) (registry.Filter, error) {
	f := registry.Filter{Region: q.Get("region"), TargetGroup: registry.TargetGroup(q.Get("target_group")),
		Sex: registry.Sex(q.Get("sex")), Flag: q.Get("flag"), Query: q.Get("q"), Sort: q.Get("sort"), Desc: q.Get("desc") == "1" || q.Get("desc") == "true"}
	fields := errs.Fields{}
	num := func(name string) int {
		v := q.Get(name)
		if v == "" {
			return 0
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			fields.Add(name, "err.number")
		}
		return n
	}
	f.AgeMin, f.AgeMax, f.Page, f.PerPage = num("age_min"), num("age_max"), num("page"), num("per_page")
	return f, fields.Err()
}

var personQuery = []apiParam{
	{"region", "region code at any level (dotted or not)"}, {"target_group", "target-group code"}, {"sex", "L or P"},
	{"age_min", "minimum age in years"}, {"age_max", "maximum age in years"}, {"flag", "data-quality flag"},
	{"q", "name (spelling variants tolerated) or a full NIK"}, {"sort", "name, birth_date or updated"}, {"desc", "1 for descending"},
	{"page", "page number, from 1"}, {"per_page", "rows per page, at most 200"},
}

func (s *Server) registryAPI() []apiRoute {
	return []apiRoute{
		{Method: "GET", Path: "/persons", Summary: "Persons in the caller's scope, filtered and paged", Tag: "registry", Query: personQuery, Status: 200, Response: "PersonPage", handle: s.apiPersons},
		{Method: "POST", Path: "/persons", Summary: "Register a person (and its household when the KK is new)", Tag: "registry", Body: "PersonInput", Status: 201, Response: "Person", handle: s.apiCreatePerson},
		{Method: "GET", Path: "/persons/{id}", Summary: "One person with household and fellow members", Tag: "registry", Status: 200, Response: "PersonDetail", handle: s.apiPerson},
		{Method: "PUT", Path: "/persons/{id}", Summary: "Replace a person's details (audited)", Tag: "registry", Body: "PersonInput", Status: 200, Response: "Person", handle: s.apiUpdatePerson},
		{Method: "GET", Path: "/households", Summary: "Households in the caller's scope", Tag: "registry",
			Query:  []apiParam{{"region", "region code at any level"}, {"kk", "a full family-card number"}, {"page", "page number"}, {"per_page", "rows per page"}},
			Status: 200, Response: "HouseholdPage", handle: s.apiHouseholds},
		{Method: "GET", Path: "/households/{id}", Summary: "One household with its members", Tag: "registry", Status: 200, Response: "HouseholdDetail", handle: s.apiHousehold},
	}
}

func (s *Server) apiPersons(w http.ResponseWriter, r *http.Request) {
	f, err := personFilter(r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	page, err := s.Registry.ListPersons(r.Context(), principal(r), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, page)
}

func (s *Server) apiCreatePerson(w http.ResponseWriter, r *http.Request) {
	var in registry.PersonInput
	if err := decodeJSON(r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := s.Registry.CreatePerson(r.Context(), principal(r), in)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, p)
}

func (s *Server) apiPerson(w http.ResponseWriter, r *http.Request) {
	d, err := s.Registry.GetPerson(r.Context(), principal(r), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, d)
}

func (s *Server) apiUpdatePerson(w http.ResponseWriter, r *http.Request) {
	var in registry.PersonInput
	if err := decodeJSON(r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := s.Registry.UpdatePerson(r.Context(), principal(r), r.PathValue("id"), in)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, p)
}

func (s *Server) apiHouseholds(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	page, _ := strconv.Atoi(q.Get("page"))
	per, _ := strconv.Atoi(q.Get("per_page"))
	res, err := s.Registry.ListHouseholds(r.Context(), principal(r), registry.HouseholdFilter{Region: q.Get("region"), KK: q.Get("kk"), Page: page, PerPage: per})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, res)
}

func (s *Server) apiHousehold(w http.ResponseWriter, r *http.Request) {
	d, err := s.Registry.GetHousehold(r.Context(), principal(r), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, d)
}

func init() {
	date := obj{"type": "string", "format": "date-time", "description": "a calendar date at 00:00 UTC"}
	tg := obj{"type": "string", "description": "target-group code, e.g. fakir_miskin"}
	apiSchemas["PersonInput"] = object([]string{"nik", "kk", "name", "sex", "birth_date", "village_code"}, obj{
		"nik": str("16 digits"), "kk": str("family-card number, 16 digits"), "name": str(""), "sex": str("L or P (also laki-laki/perempuan, M/F)"),
		"birth_date": str("dd/mm/yyyy or yyyy-mm-dd"), "relationship": str("to the head, e.g. kepala_keluarga, istri_suami, anak"),
		"village_code": str("10-digit village code, dotted or not"), "address": str(""), "target_group": tg,
		"education": str(""), "occupation": str(""), "disability": str("empty when none"), "phone": str(""),
		"consent": str("ya/tidak"), "consent_date": str("dd/mm/yyyy"),
	})
	apiSchemas["Person"] = object([]string{"id", "household_id", "nik", "name", "sex", "birth_date", "village_code"}, obj{
		"org_id": str(""), "id": str("UUIDv7"), "household_id": str(""), "nik": str("masked (3204********0001) for roles without identifier access"),
		"name": str(""), "sex": obj{"type": "string", "enum": []string{"L", "P"}}, "birth_date": date, "relationship": str(""),
		"education": str(""), "occupation": str(""), "disability": str(""), "target_group": tg, "phone": str(""),
		"consent": boolean(), "consent_date": date, "village_code": str("dotted village code"),
		"flags":      obj{"type": "array", "items": obj{"type": "string"}, "description": "data-quality flags"},
		"created_at": obj{"type": "string", "format": "date-time"}, "updated_at": obj{"type": "string", "format": "date-time"},
	})
	apiSchemas["PersonPage"] = object([]string{"items", "total", "page", "per_page"}, obj{
		"items": arrayOf("Person"), "total": obj{"type": "integer", "description": "matches, counted up to 10,000"},
		"total_more": boolean(), "page": obj{"type": "integer"}, "per_page": obj{"type": "integer"}})
	apiSchemas["Household"] = object([]string{"id", "kk", "village_code"}, obj{
		"org_id": str(""), "id": str(""), "kk": str("masked for roles without identifier access"), "address": str(""),
		"village_code": str(""), "created_at": obj{"type": "string", "format": "date-time"}, "updated_at": obj{"type": "string", "format": "date-time"}})
	apiSchemas["HouseholdSummary"] = object([]string{"id", "kk", "village_code", "members"}, obj{
		"org_id": str(""), "id": str(""), "kk": str(""), "address": str(""), "village_code": str(""), "members": obj{"type": "integer"},
		"created_at": obj{"type": "string", "format": "date-time"}, "updated_at": obj{"type": "string", "format": "date-time"}})
	apiSchemas["HouseholdPage"] = object([]string{"items", "total"}, obj{"items": arrayOf("HouseholdSummary"), "total": obj{"type": "integer"},
		"page": obj{"type": "integer"}, "per_page": obj{"type": "integer"}})
	apiSchemas["HouseholdDetail"] = object([]string{"household", "members"}, obj{"household": ref("Household"), "members": arrayOf("Person")})
	apiSchemas["PersonDetail"] = object([]string{"person", "household", "members"}, obj{"person": ref("Person"), "household": ref("Household"),
		"members": arrayOf("Person"), "merged_into": str("set when this record was merged into another"), "import_id": str("the import that created it")})
}
