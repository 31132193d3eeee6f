package web_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/berdaya/berdaya/internal/access"
)

// scopeCase is one request of a user scoped to Cilacap (33.01) at Kabupaten
// Bandung's (32.04) records, or at a list.
type scopeCase struct {
	op     string // the documented operation it covers, "METHOD /path"
	path   string
	body   any
	list   string // for a list: the Cilacap record it must show ("" when the filter excludes all)
	inside bool   // the operation lists (200); otherwise it is refused (403 or 404)
	// ref is the body field that names a Bandung record in a write to a
	// Cilacap one: that field may instead be refused as naming nothing (422).
	ref string
}

// TestGroupAPIScope: for every operation of the programme and group API, a
// user of another regency gets 403 or 404 and never a Bandung record, on
// reads and writes alike; lists and counts hold only the user's own records;
// and nothing in Bandung changed.
func TestGroupAPIScope(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *env) {
		w := newGroupWorld(t, e, "3204052001", "Cileunyi", 1)       // Kabupaten Bandung
		c := newGroupWorld(t, e, "3301012001", "Kroya", 100)        // Kabupaten Cilacap
		_, insideTok := e.addUser("bandung", access.Admin, "32.04") // in scope: the control
		cilacapAdmin, adminTok := e.addUser("cilacap", access.Admin, "33.01")
		_, facilTok := e.addUser("fasilcilacap", access.Facilitator, "33.01")
		a, b := "/api/v1/groups/"+w.a.ID, "/api/v1/groups/"+w.b.ID
		today := apiDay(0)
		// Bodies valid in form, and placed in Cilacap where they place anything,
		// so that only the Bandung record they aim at stands in the way.
		progIn := map[string]any{"name": "Program Cilacap", "start": apiDay(-10), "regions": []string{"33.01"}, "rules": []map[string]any{{"group_type": "ksp"}}}
		groupIn := map[string]any{"programme_id": c.prog.ID, "name": "KSP Baru", "type": "ksp", "business_field": "daur_ulang", "village_code": "3301012001"}
		unitIn := map[string]any{"type": "lpp", "name": "LPP Baru", "village_code": "3301012001"}
		vote := map[string]any{"date": today, "method": "consensus", "elected": []map[string]any{{"person_id": c.people[0].ID, "role": "chair"},
			{"person_id": c.people[1].ID, "role": "secretary"}, {"person_id": c.people[2].ID, "role": "treasurer"}}}
		with := func(m map[string]any, k string, v any) map[string]any {
			out := map[string]any{}
			for key, val := range m {
				out[key] = val
			}
			out[k] = v
			return out
		}
		cases := []scopeCase{
			// Lists: only Cilacap, whatever the filter.
			{op: "GET /programmes", path: "/api/v1/programmes", list: c.prog.ID, inside: true},
			{op: "GET /units", path: "/api/v1/units", list: c.unit.ID, inside: true},
			{op: "GET /units", path: "/api/v1/units?region=32.04", inside: true},
			{op: "GET /units", path: "/api/v1/units?programme=" + w.prog.ID, inside: true},
			{op: "GET /units", path: "/api/v1/units?parent=" + w.unit.ID, inside: true},
			{op: "GET /groups", path: "/api/v1/groups", list: c.a.ID, inside: true},
			{op: "GET /groups", path: "/api/v1/groups?region=3204052001", inside: true},
			{op: "GET /groups", path: "/api/v1/groups?programme=" + w.prog.ID + "&per_page=200", inside: true},
			{op: "GET /groups", path: "/api/v1/groups?facilitator=" + e.admin.UserID + "&stage=forming", list: c.a.ID, inside: true},
			{op: "GET /group-counts", path: "/api/v1/group-counts", list: "33.01.01", inside: true},
			{op: "GET /group-counts", path: "/api/v1/group-counts?level=village", list: "33.01.01.2001", inside: true},
			{op: "GET /group-counts", path: "/api/v1/group-counts?region=32.04&level=district", inside: true},
			{op: "GET /group-counts", path: "/api/v1/group-counts?programme=" + w.prog.ID, inside: true},
			{op: "GET /facilitators/{id}/overview", path: "/api/v1/facilitators/" + e.admin.UserID + "/overview", list: c.a.ID, inside: true},
			{op: "GET /facilitators/{id}/overview", path: "/api/v1/facilitators/" + e.admin.UserID + "/overview?days=1", list: c.followUp.ID, inside: true},

			// Reads of Bandung records.
			{op: "GET /programmes/{id}", path: "/api/v1/programmes/" + w.prog.ID},
			{op: "GET /programmes/{id}/baseline", path: "/api/v1/programmes/" + w.prog2.ID + "/baseline"},
			{op: "GET /units/{id}", path: "/api/v1/units/" + w.unit.ID},
			{op: "GET /units/{id}", path: "/api/v1/units/" + w.child.ID},
			{op: "GET /groups/{id}", path: a},
			{op: "GET /groups/{id}/formation", path: a + "/formation"},
			{op: "GET /groups/{id}/members", path: a + "/members?history=1"},
			{op: "GET /groups/{id}/board", path: a + "/board"},
			{op: "GET /groups/{id}/rules", path: a + "/rules"},
			{op: "GET /groups/{id}/meetings", path: a + "/meetings"},

			// Creating in Bandung.
			{op: "POST /programmes", path: "/api/v1/programmes", body: with(progIn, "regions", []string{"32.04"})},
			{op: "POST /programmes", path: "/api/v1/programmes", body: with(progIn, "regions", []string{"33.01", "32.04.05"})},
			{op: "POST /units", path: "/api/v1/units", body: with(unitIn, "village_code", "3204052001")},
			{op: "POST /units", path: "/api/v1/units", body: with(unitIn, "parent_id", w.unit.ID), ref: "parent_id"},
			{op: "POST /groups", path: "/api/v1/groups", body: with(groupIn, "village_code", "3204052001")},
			{op: "POST /groups", path: "/api/v1/groups", body: with(groupIn, "programme_id", w.prog.ID), ref: "programme_id"},
			{op: "POST /groups", path: "/api/v1/groups", body: with(groupIn, "unit_id", w.unit.ID), ref: "unit_id"},

			// Changing Bandung records.
			{op: "PUT /programmes/{id}", path: "/api/v1/programmes/" + w.prog.ID, body: progIn},
			{op: "POST /programmes/{id}/phases", path: "/api/v1/programmes/" + w.prog.ID + "/phases", body: progIn},
			{op: "PUT /units/{id}", path: "/api/v1/units/" + w.unit.ID, body: unitIn},
			{op: "POST /units/{id}/staff", path: "/api/v1/units/" + w.unit.ID + "/staff", body: map[string]any{"user_id": cilacapAdmin.ID, "position": "Kasir", "start": today}},
			{op: "POST /staff/{id}/end", path: "/api/v1/staff/" + w.staff.ID + "/end", body: map[string]any{"end": today}},
			{op: "PUT /groups/{id}", path: a, body: groupIn},
			{op: "POST /groups/{id}/stage", path: a + "/stage", body: map[string]any{"to": "formed", "date": today, "evidence": "FGD ke-3"}},
			{op: "POST /groups/{id}/stage", path: b + "/stage", body: map[string]any{"to": "forming", "date": today, "evidence": "koreksi", "correction": true}},
			{op: "POST /groups/{id}/upgrade", path: b + "/upgrade", body: map[string]any{"date": today, "statutes": "AD/ART", "legal_number": "AHU-1",
				"legal_date": today, "supervisors": []string{w.people[10].ID}}},
			{op: "POST /groups/{id}/steps", path: a + "/steps", body: map[string]any{"kind": "fgd", "date": today}},
			{op: "POST /groups/{id}/members", path: a + "/members", body: map[string]any{"person_id": c.people[12].ID}},
			{op: "POST /groups/{id}/members", path: a + "/members", body: map[string]any{"person_id": w.people[12].ID}},
			{op: "POST /members/{id}/leave", path: "/api/v1/members/" + w.aMembers[5].ID + "/leave", body: map[string]any{"date": today}},
			{op: "POST /groups/{id}/elections", path: a + "/elections", body: vote},
			{op: "POST /groups/{id}/rules", path: a + "/rules", body: map[string]any{"text": "Aturan baru", "adopted_on": today}},
			{op: "POST /groups/{id}/meetings", path: a + "/meetings", body: map[string]any{"kind": "visit", "date": today}},
			{op: "POST /followups/{id}/complete", path: "/api/v1/followups/" + w.followUp.ID + "/complete", body: map[string]any{"done": today}},
		}
		// Cilacap's own records may not take in Bandung's either.
		cg := "/api/v1/groups/" + c.a.ID
		cases = append(cases,
			scopeCase{op: "POST /groups/{id}/members", path: cg + "/members", body: map[string]any{"person_id": w.people[12].ID}, ref: "person_id"},
			scopeCase{op: "POST /groups/{id}/steps", path: cg + "/steps", body: map[string]any{"kind": "fgd", "date": today, "attendance": []string{w.people[0].ID}}, ref: "attendance"},
			scopeCase{op: "POST /groups/{id}/meetings", path: cg + "/meetings", body: map[string]any{"kind": "visit", "date": today, "attendance": []string{w.people[0].ID}}, ref: "attendance"},
			scopeCase{op: "POST /groups/{id}/elections", path: cg + "/elections", body: with(vote, "elected", []map[string]any{{"person_id": w.people[0].ID, "role": "chair"},
				{"person_id": c.people[1].ID, "role": "secretary"}, {"person_id": c.people[2].ID, "role": "treasurer"}}), ref: "seats"},
			scopeCase{op: "POST /units/{id}/staff", path: "/api/v1/units/" + c.unit.ID + "/staff", body: map[string]any{"person_id": w.people[12].ID, "position": "Kasir", "start": today}, ref: "person_id"},
			scopeCase{op: "PUT /units/{id}", path: "/api/v1/units/" + c.unit.ID, body: with(unitIn, "parent_id", w.unit.ID), ref: "parent_id"},
		)

		// Every operation of these tags has a case.
		_, doc := e.api("GET", "/api/v1/openapi.json", "", nil)
		covered := map[string]bool{}
		for _, sc := range cases {
			covered[sc.op] = true
		}
		n := 0
		for path, item := range doc["paths"].(map[string]any) {
			for method, op := range item.(map[string]any) {
				tags, _ := op.(map[string]any)["tags"].([]any)
				if len(tags) == 0 || !slices.Contains(groupTags, tags[0].(string)) {
					continue
				}
				n++
				if name := strings.ToUpper(method) + " " + path; !covered[name] {
					t.Errorf("%s has no scope case", name)
				}
			}
		}
		if n < 30 {
			t.Errorf("only %d operations tagged %v", n, groupTags)
		}

		// What the national admin sees of Bandung before: it must not change.
		var reads []string
		for _, sc := range cases {
			if strings.HasPrefix(sc.op, "GET") && !sc.inside {
				reads = append(reads, sc.path)
			}
		}
		reads = append(reads, "/api/v1/groups?region=32.04", "/api/v1/units?region=32.04", "/api/v1/group-counts?region=32.04&level=village",
			"/api/v1/groups/"+w.b.ID, "/api/v1/units/"+w.unit.ID, "/api/v1/programmes/"+w.prog.ID)
		before := map[string]string{}
		for _, path := range reads {
			status, raw := e.fetch("GET", path, e.adminToken, nil)
			if status != http.StatusOK {
				t.Fatalf("national GET %s = %d %s", path, status, raw)
			}
			before[path] = raw
			// The control: a Bandung admin reads them all.
			if status, raw := e.fetch("GET", path, insideTok, nil); status != http.StatusOK {
				t.Errorf("Bandung admin GET %s = %d %s", path, status, raw)
			}
		}

		for who, tok := range map[string]string{"Cilacap admin": adminTok, "Cilacap facilitator": facilTok} {
			for _, sc := range cases {
				status, raw := e.fetch(method(sc.op), sc.path, tok, jsonBody(sc.body))
				what := who + " " + method(sc.op) + " " + sc.path
				if leaks := w.leaks(raw, "Cileunyi"); len(leaks) > 0 {
					t.Errorf("%s = %d shows Bandung's %v: %s", what, status, leaks, raw)
				}
				switch {
				case sc.inside:
					if status != http.StatusOK {
						t.Errorf("%s = %d: %s", what, status, raw)
					}
					if sc.list != "" && !strings.Contains(raw, sc.list) {
						t.Errorf("%s misses Cilacap's %s: %s", what, sc.list, raw)
					}
					if sc.list == "" && (strings.Contains(raw, c.a.ID) || strings.Contains(raw, c.unit.ID) || strings.Contains(raw, "33.01")) {
						t.Errorf("%s shows Cilacap records a Bandung filter excludes: %s", what, raw)
					}
				case status == http.StatusForbidden || status == http.StatusNotFound:
				case status == http.StatusUnprocessableEntity && sc.ref != "":
					// The Bandung record named is, to this user, nothing: its
					// field alone is refused (nothing shown, checked above;
					// nothing written, checked below).
					var body map[string]any
					json.Unmarshal([]byte(raw), &body)
					if fields, _ := body["error"].(map[string]any)["fields"].(map[string]any); len(fields) != 1 || fields[sc.ref] == nil {
						t.Errorf("%s = 422 on %v, want only %s", what, fields, sc.ref)
					}
				default:
					t.Errorf("%s = %d, want 403 or 404: %s", what, status, raw)
				}
			}
		}
		for _, path := range reads {
			if _, raw := e.fetch("GET", path, e.adminToken, nil); raw != before[path] {
				t.Errorf("Bandung changed: GET %s\nbefore %s\nafter  %s", path, before[path], raw)
			}
		}
		// And nothing was created in Bandung or under its programme.
		if _, raw := e.fetch("GET", "/api/v1/programmes", e.adminToken, nil); strings.Count(raw, `"phase":`) != 4 {
			t.Errorf("programmes after the attempts: %s", raw)
		}
	})
}

func method(op string) string { return op[:strings.IndexByte(op, ' ')] }

func jsonBody(v any) *strings.Reader {
	if v == nil {
		return strings.NewReader("")
	}
	b, _ := json.Marshal(v)
	return strings.NewReader(string(b))
}
