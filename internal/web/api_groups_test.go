package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/errs"
)

// groupTags are the OpenAPI tags of the programme and group API.
var groupTags = []string{"programmes", "units", "groups", "members", "board", "meetings"}

// items returns the "items" of a list answer.
func apiItems(t *testing.T, what string, body map[string]any) []map[string]any {
	t.Helper()
	raw, ok := body["items"].([]any)
	if !ok {
		t.Fatalf("%s: no items in %v", what, body)
	}
	out := make([]map[string]any, len(raw))
	for i, it := range raw {
		out[i] = it.(map[string]any)
	}
	return out
}

// apiOK sends a request that must succeed with status and returns the answer.
func (e *env) apiOK(status int, method, path, token string, body any) map[string]any {
	e.t.Helper()
	got, out := e.api(method, path, token, body)
	if got != status {
		e.t.Fatalf("%s %s = %d, want %d: %v", method, path, got, status, out)
	}
	return out
}

// TestGroupAPIWorkflow forms a waste-picker group through the API, as a
// regency manager would: programme, unit, persons, group, members, three FGDs,
// formed, board, operating, a visit with a follow-up, then the lists.
func TestGroupAPIWorkflow(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *env) {
		mgr, tok := e.addUser("manajer", access.Manager, "32.04")
		prog := e.apiOK(201, "POST", "/api/v1/programmes", tok, map[string]any{"name": "Pemberdayaan Pemulung Fase I", "start": "01/01/2026",
			"end": "31/12/2027", "regions": []string{"3204"}, "target_groups": []string{"pemulung"},
			"rules": []map[string]any{{"group_type": "ksp", "min_members": 5, "fgd_min": 3}}})
		rules := prog["rules"].([]any)[0].(map[string]any)
		if prog["phase"] != float64(1) || !slices.Equal(strsOf(prog["regions"]), []string{"32.04"}) || len(rules["steps"].([]any)) != 7 {
			t.Errorf("programme = %v", prog)
		}
		progID := prog["id"].(string)
		unit := e.apiOK(201, "POST", "/api/v1/units", tok, map[string]any{"programme_id": progID, "type": "lpp", "name": "LPP Cileunyi", "village_code": "3204052001"})

		// Six waste pickers registered through the registry API.
		var people []string
		for i, name := range []string{"Asep Sunandar", "Dedi Kurniawan", "Ujang Suherman", "Tatang Sutisna", "Cecep Hidayat", "Oman Abdurahman"} {
			p := e.apiOK(201, "POST", "/api/v1/persons", tok, map[string]any{"nik": fmt.Sprintf("320405%02d0180%04d", i+1, 50+i),
				"kk": fmt.Sprintf("320405120310%04d", 50+i), "name": name, "sex": "L", "birth_date": fmt.Sprintf("%02d/01/1980", i+1),
				"village_code": "3204052001", "target_group": "pemulung"})
			people = append(people, p["id"].(string))
		}
		g := e.apiOK(201, "POST", "/api/v1/groups", tok, map[string]any{"programme_id": progID, "unit_id": unit["id"], "name": "KSP Mekar Sari",
			"type": "ksp", "business_field": "daur_ulang", "village_code": "3204052001", "address": "RW 05"})
		if g["stage"] != "forming" || g["facilitator_id"] != mgr.ID || g["village_code"] != "32.04.05.2001" {
			t.Errorf("group = %v", g)
		}
		gp := "/api/v1/groups/" + g["id"].(string)
		var memberIDs []string
		for _, p := range people {
			m := e.apiOK(201, "POST", gp+"/members", tok, map[string]any{"person_id": p, "joined": apiDay(-30)})
			if m["role"] != "member" || m["person_id"] != p {
				t.Errorf("member = %v", m)
			}
			memberIDs = append(memberIDs, m["id"].(string))
		}
		f := e.apiOK(200, "GET", gp+"/formation", tok, nil)
		if f["fgds"] != float64(0) || f["ready"] != false || f["next"] != "sosialisasi" || f["members"] != float64(6) || f["fgd_min"] != float64(3) {
			t.Errorf("formation before the FGDs = %v", f)
		}
		// Formed before the third FGD: refused, with the reason.
		for i := range 2 {
			e.apiOK(201, "POST", gp+"/steps", tok, map[string]any{"kind": "fgd", "date": apiDay(-20 + i), "attendance": people[:4], "notes": "FGD pembentukan"})
		}
		status, body := e.api("POST", gp+"/stage", tok, map[string]any{"to": "formed", "date": apiDay(-10), "evidence": "FGD ke-2"})
		wantAPIError(t, "formed after 2 FGDs", status, body, http.StatusUnprocessableEntity, errs.Invalid)
		step := e.apiOK(201, "POST", gp+"/steps", tok, map[string]any{"kind": "fgd", "date": apiDay(-15), "attendance": people})
		if step["kind"] != "fgd" || len(step["attendance"].([]any)) != 6 || step["facilitator_id"] != mgr.ID {
			t.Errorf("step = %v", step)
		}
		f = e.apiOK(200, "GET", gp+"/formation", tok, nil)
		if f["fgds"] != float64(3) || f["ready"] != true {
			t.Errorf("formation after 3 FGDs = %v", f)
		}
		g = e.apiOK(200, "POST", gp+"/stage", tok, map[string]any{"to": "formed", "date": apiDay(-10), "evidence": "Berita acara FGD ke-3"})
		if g["stage"] != "formed" {
			t.Errorf("after formed: %v", g)
		}
		// The board, by consensus; then operating.
		el := e.apiOK(201, "POST", gp+"/elections", tok, map[string]any{"date": apiDay(-9), "method": "consensus", "minutes": "Musyawarah di balai RW",
			"elected": []map[string]any{{"person_id": people[0], "role": "chair"}, {"person_id": people[1], "role": "secretary"}, {"person_id": people[2], "role": "treasurer"}}})
		if len(el["elected"].([]any)) != 3 || el["method"] != "consensus" {
			t.Errorf("election = %v", el)
		}
		board := e.apiOK(200, "GET", gp+"/board", tok, nil)
		seats := map[string]string{}
		for _, s := range board["seats"].([]any) {
			seats[s.(map[string]any)["role"].(string)] = s.(map[string]any)["name"].(string)
		}
		if seats["chair"] != "Asep Sunandar" || seats["secretary"] != "Dedi Kurniawan" || seats["treasurer"] != "Ujang Suherman" || len(board["elections"].([]any)) != 1 {
			t.Errorf("board = %v", board)
		}
		g = e.apiOK(200, "POST", gp+"/stage", tok, map[string]any{"to": "operating", "date": apiDay(-8), "evidence": "Pengurus terpilih"})
		if g["stage"] != "operating" {
			t.Errorf("after operating: %v", g)
		}
		// A visit with attendance and a follow-up.
		m := e.apiOK(201, "POST", gp+"/meetings", tok, map[string]any{"kind": "visit", "date": apiDay(-2), "topics": []string{"menabung", "ekonomi"},
			"attendance": people[:4], "notes": "Kunjungan rutin", "follow_ups": []map[string]any{{"action": "Buka rekening kelompok", "due": apiDay(5)}}})
		if len(m["follow_ups"].([]any)) != 1 || len(m["attendance"].([]any)) != 4 {
			t.Errorf("meeting = %v", m)
		}
		meetings := apiItems(t, "meetings", e.apiOK(200, "GET", gp+"/meetings", tok, nil))
		if len(meetings) != 1 || !slices.Equal(strsOf(meetings[0]["topics"]), []string{"menabung", "ekonomi"}) {
			t.Errorf("meetings = %v", meetings)
		}
		rv := e.apiOK(201, "POST", gp+"/rules", tok, map[string]any{"text": "Iuran Rp 5.000 per minggu.", "adopted_on": apiDay(-9)})
		e.apiOK(201, "POST", gp+"/rules", tok, map[string]any{"text": "Iuran Rp 10.000 per minggu.", "adopted_on": apiDay(-1)})
		book := apiItems(t, "rules", e.apiOK(200, "GET", gp+"/rules", tok, nil))
		if rv["version"] != float64(1) || len(book) != 2 || book[0]["version"] != float64(2) {
			t.Errorf("rules book = %v", book)
		}

		// Lists and counts.
		page := e.apiOK(200, "GET", "/api/v1/groups?programme="+progID, tok, nil)
		list := apiItems(t, "groups", page)
		if page["total"] != float64(1) || len(list) != 1 || list[0]["members"] != float64(6) || list[0]["stage"] != "operating" || list[0]["name"] != "KSP Mekar Sari" {
			t.Errorf("groups = %v", page)
		}
		for path, want := range map[string]float64{"/api/v1/groups?stage=forming": 0, "/api/v1/groups?stage=operating&type=ksp&region=32.04.05": 1,
			"/api/v1/groups?region=33": 0, "/api/v1/groups?facilitator=" + mgr.ID: 1} {
			if page := e.apiOK(200, "GET", path, tok, nil); page["total"] != want {
				t.Errorf("%s total = %v, want %v", path, page["total"], want)
			}
		}
		counts := apiItems(t, "counts", e.apiOK(200, "GET", "/api/v1/group-counts", tok, nil))
		if len(counts) != 1 || counts[0]["region_code"] != "32.04.05" || counts[0]["region_name"] == "" || counts[0]["type"] != "ksp" ||
			counts[0]["stage"] != "operating" || counts[0]["groups"] != float64(1) || counts[0]["members"] != float64(6) {
			t.Errorf("counts by district = %v", counts)
		}
		if counts := apiItems(t, "counts", e.apiOK(200, "GET", "/api/v1/group-counts?level=village", tok, nil)); len(counts) != 1 || counts[0]["region_code"] != "32.04.05.2001" {
			t.Errorf("counts by village = %v", counts)
		}
		ov := e.apiOK(200, "GET", "/api/v1/facilitators/me/overview", tok, nil)
		if len(ov["groups"].([]any)) != 1 || len(ov["overdue"].([]any)) != 0 || len(ov["not_visited"].([]any)) != 0 || ov["days"] != float64(30) {
			t.Errorf("overview = %v", ov)
		}

		// A member leaves: the list shows five, the history six.
		left := e.apiOK(200, "POST", "/api/v1/members/"+memberIDs[5]+"/leave", tok, map[string]any{"date": apiDay(0), "reason": "Pindah domisili"})
		if left["leave_reason"] != "Pindah domisili" {
			t.Errorf("left = %v", left)
		}
		if n := len(apiItems(t, "members", e.apiOK(200, "GET", gp+"/members", tok, nil))); n != 5 {
			t.Errorf("%d active members, want 5", n)
		}
		if n := len(apiItems(t, "members", e.apiOK(200, "GET", gp+"/members?history=1", tok, nil))); n != 6 {
			t.Errorf("%d members with history, want 6", n)
		}
		det := e.apiOK(200, "GET", gp, tok, nil)
		if det["active_members"] != float64(5) || len(det["stages"].([]any)) != 3 {
			t.Errorf("group detail = %v", det)
		}
	})
}

func strsOf(v any) []string {
	var out []string
	for _, s := range v.([]any) {
		out = append(out, s.(string))
	}
	return out
}

// TestGroupAPIValidation: invalid input is a 422 naming the fields; unreadable
// input a 400; a missing record a 404; a viewer's write a 403.
func TestGroupAPIValidation(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *env) {
		w := newGroupWorld(t, e, "3204052001", "Cileunyi", 1)
		_, viewer := e.addUser("pembaca", access.Viewer, "32.04")
		tok := e.adminToken
		gp := "/api/v1/groups/" + w.a.ID
		for _, c := range []struct {
			what, method, path string
			body               any
			fields             []string
		}{
			{"empty programme", "POST", "/api/v1/programmes", map[string]any{}, []string{"name", "start", "regions", "rules"}},
			{"programme ends before it starts", "POST", "/api/v1/programmes", map[string]any{"name": "P", "start": "01/02/2026", "end": "01/01/2026",
				"regions": []string{"32.04"}, "rules": []map[string]any{{"group_type": "ksp"}}}, []string{"end"}},
			{"bad group type in rules", "POST", "/api/v1/programmes", map[string]any{"name": "P", "start": "01/02/2026",
				"regions": []string{"32.04"}, "rules": []map[string]any{{"group_type": "arisan"}}}, []string{"rules.group_type"}},
			{"group form", "POST", "/api/v1/groups", map[string]any{"programme_id": w.prog.ID, "name": "", "type": "arisan", "business_field": "tambang",
				"village_code": "12"}, []string{"name", "type", "business_field", "village_code"}},
			{"group of an unknown programme", "POST", "/api/v1/groups", map[string]any{"programme_id": "0190aaaa-0000-7000-8000-000000000000", "name": "K",
				"type": "ksp", "business_field": "daur_ulang", "village_code": "3204052001"}, []string{"programme_id"}},
			{"group type the programme does not form", "POST", "/api/v1/groups", map[string]any{"programme_id": w.prog.ID, "name": "K",
				"type": "kube", "business_field": "daur_ulang", "village_code": "3204052001"}, []string{"type"}},
			{"group outside the programme", "POST", "/api/v1/groups", map[string]any{"programme_id": w.prog.ID, "name": "K", "type": "ksp",
				"business_field": "daur_ulang", "village_code": "3301012001"}, []string{"village_code"}},
			{"unit form", "POST", "/api/v1/units", map[string]any{"type": "bank", "name": "", "village_code": "32"}, []string{"type", "name", "village_code"}},
			{"staff who", "POST", "/api/v1/units/" + w.unit.ID + "/staff", map[string]any{"position": "Kasir", "start": apiDay(0)}, []string{"person_id"}},
			{"step form", "POST", gp + "/steps", map[string]any{"kind": "pelatihan", "date": "31/02/2026"}, []string{"kind", "date"}},
			{"step in the future", "POST", gp + "/steps", map[string]any{"kind": "fgd", "date": apiDay(3)}, []string{"date"}},
			{"meeting form", "POST", gp + "/meetings", map[string]any{"kind": "arisan", "date": "", "topics": []string{"politik"}}, []string{"kind", "date", "topics"}},
			{"attendance of a non-member", "POST", gp + "/meetings", map[string]any{"kind": "visit", "date": apiDay(0), "attendance": []string{w.people[8].ID}}, []string{"attendance"}},
			{"candidate not a member", "POST", gp + "/elections", map[string]any{"date": apiDay(0), "method": "votes",
				"candidates": []map[string]any{{"person_id": w.people[8].ID, "role": "chair", "votes": 3}}, "elected": []map[string]any{}}, []string{"candidates"}},
			{"election method", "POST", gp + "/elections", map[string]any{"date": apiDay(0), "method": "undian", "elected": []map[string]any{}}, []string{"method"}},
			{"stage unknown", "POST", gp + "/stage", map[string]any{"to": "jaya", "date": apiDay(0), "evidence": "x"}, []string{"to"}},
			{"stage without evidence", "POST", gp + "/stage", map[string]any{"to": "formed", "date": apiDay(0)}, []string{"evidence"}},
			{"upgrade form", "POST", "/api/v1/groups/" + w.b.ID + "/upgrade", map[string]any{"date": apiDay(0)}, []string{"statutes", "legal_number", "legal_date", "supervisors"}},
			{"member role", "POST", gp + "/members", map[string]any{"person_id": w.people[12].ID, "role": "ketua"}, []string{"role"}},
			{"leave undated", "POST", "/api/v1/members/" + w.aMembers[5].ID + "/leave", map[string]any{"reason": "x"}, []string{"date"}},
			{"rules text", "POST", gp + "/rules", map[string]any{"text": " ", "adopted_on": apiDay(0)}, []string{"text"}},
			{"follow-up undated", "POST", "/api/v1/followups/" + w.followUp.ID + "/complete", map[string]any{"done": "kemarin"}, []string{"done"}},
			{"staff end undated", "POST", "/api/v1/staff/" + w.staff.ID + "/end", map[string]any{"end": ""}, []string{"end"}},
			{"page", "GET", "/api/v1/groups?page=dua", nil, []string{"page"}},
			{"stage filter", "GET", "/api/v1/groups?stage=jaya&type=arisan", nil, []string{"stage", "type"}},
			{"count level", "GET", "/api/v1/group-counts?level=planet", nil, []string{"level"}},
			{"overview days", "GET", "/api/v1/facilitators/me/overview?days=tiga", nil, []string{"days"}},
		} {
			status, body := e.api(c.method, c.path, tok, c.body)
			er := wantAPIError(t, c.what, status, body, http.StatusUnprocessableEntity, errs.Invalid)
			if er == nil {
				continue
			}
			fields, _ := er["fields"].(map[string]any)
			var got []string
			for k, msg := range fields {
				got = append(got, k)
				if s, _ := msg.(string); s == "" || strings.Contains(s, ".err.") || strings.HasPrefix(s, "err.") {
					t.Errorf("%s: field %s message %q", c.what, k, msg)
				}
			}
			slices.Sort(got)
			want := slices.Sorted(slices.Values(c.fields))
			if !slices.Equal(got, want) {
				t.Errorf("%s: fields %v, want %v", c.what, got, want)
			}
		}
		// Unreadable bodies: not JSON, an unknown field (a typo), trailing data.
		for _, raw := range []string{`{"name":`, `{"nama":"P"}`, `{"name":"P"} {}`} {
			status, out := e.fetch("POST", "/api/v1/programmes", tok, strings.NewReader(raw))
			var body map[string]any
			json.Unmarshal([]byte(out), &body)
			wantAPIError(t, "body "+raw, status, body, http.StatusBadRequest, errs.BadRequest)
		}
		// Unknown records.
		unknown := "0190aaaa-0000-7000-8000-000000000000"
		for _, path := range []string{"/programmes/", "/units/", "/groups/", "/groups/" + unknown + "/board?", "/groups/" + unknown + "/formation?"} {
			p := "/api/v1" + path
			if strings.HasSuffix(path, "/") {
				p += unknown
			}
			status, body := e.api("GET", p, tok, nil)
			wantAPIError(t, "GET "+p, status, body, http.StatusNotFound, errs.NotFound)
		}
		status, body := e.api("POST", "/api/v1/followups/"+unknown+"/complete", tok, map[string]any{"done": apiDay(0)})
		wantAPIError(t, "unknown follow-up", status, body, http.StatusNotFound, errs.NotFound)
		// Conflicts: a member twice, a follow-up done twice, a forming group upgraded.
		status, body = e.api("POST", gp+"/members", tok, map[string]any{"person_id": w.people[0].ID})
		wantAPIError(t, "member twice", status, body, http.StatusConflict, errs.Conflict)
		e.apiOK(200, "POST", "/api/v1/followups/"+w.followUp.ID+"/complete", tok, map[string]any{"done": apiDay(0)})
		status, body = e.api("POST", "/api/v1/followups/"+w.followUp.ID+"/complete", tok, map[string]any{"done": apiDay(0)})
		wantAPIError(t, "follow-up done twice", status, body, http.StatusConflict, errs.Conflict)
		status, body = e.api("POST", gp+"/upgrade", tok, map[string]any{"date": apiDay(0), "statutes": "AD/ART", "legal_number": "AHU-1", "legal_date": apiDay(0),
			"supervisors": []string{w.people[5].ID}})
		wantAPIError(t, "upgrade a forming group", status, body, http.StatusConflict, errs.Conflict)

		// The viewer reads but may not write; a facilitator may not correct a stage.
		e.apiOK(200, "GET", gp, viewer, nil)
		for _, c := range []struct {
			method, path string
			body         any
		}{
			{"POST", "/api/v1/programmes", map[string]any{"name": "P", "start": apiDay(0), "regions": []string{"32.04"}, "rules": []map[string]any{{"group_type": "ksp"}}}},
			{"POST", "/api/v1/units", map[string]any{"type": "lpp", "name": "LPP", "village_code": "3204052001"}},
			{"POST", "/api/v1/groups", map[string]any{"programme_id": w.prog.ID, "name": "K", "type": "ksp", "business_field": "daur_ulang", "village_code": "3204052001"}},
			{"POST", gp + "/members", map[string]any{"person_id": w.people[12].ID}},
			{"POST", gp + "/steps", map[string]any{"kind": "fgd", "date": apiDay(0)}},
			{"POST", gp + "/meetings", map[string]any{"kind": "visit", "date": apiDay(0)}},
		} {
			status, body := e.api(c.method, c.path, viewer, c.body)
			wantAPIError(t, "viewer "+c.method+" "+c.path, status, body, http.StatusForbidden, errs.Forbidden)
		}
		_, facil := e.addUser("fasil", access.Facilitator, "32.04")
		status, body = e.api("POST", "/api/v1/groups/"+w.b.ID+"/stage", facil, map[string]any{"to": "formed", "date": apiDay(0), "evidence": "salah catat", "correction": true})
		wantAPIError(t, "facilitator's correction", status, body, http.StatusForbidden, errs.Forbidden)
	})
}
