package web_test

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/registry"
)

// TestOpenAPI checks the API document against the running server: every
// documented operation is served with its documented success status and a body
// that has what its schema requires, undocumented methods are not served, and
// the documented 401s happen.
func TestOpenAPI(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *env) {
		status, doc := e.api("GET", "/api/v1/openapi.json", "", nil)
		if status != http.StatusOK {
			t.Fatalf("GET openapi.json = %d", status)
		}
		if v, _ := doc["openapi"].(string); !strings.HasPrefix(v, "3.") {
			t.Fatalf("openapi = %v", doc["openapi"])
		}
		servers, _ := doc["servers"].([]any)
		if len(servers) != 1 || servers[0].(map[string]any)["url"] != "/api/v1" {
			t.Fatalf("servers = %v", doc["servers"])
		}
		schemas := obj(t, obj(t, doc, "components"), "schemas")
		paths := obj(t, doc, "paths")
		if len(paths) < 5 {
			t.Fatalf("only %d paths documented", len(paths))
		}

		// A person and household for the registry's {id} paths.
		person, err := e.m.Registry.CreatePerson(context.Background(), e.admin, registry.PersonInput{NIK: "3204054107850003",
			KK: "3204051203100007", Name: "Siti Aminah", Sex: "P", BirthDate: "01/07/1985", VillageCode: "3204052001"})
		if err != nil {
			t.Fatal(err)
		}
		// Every area's records and example values for its operations.
		ex := openAPIExamplesFor(t, e)
		idFor := func(path string) string {
			if id, ok := ex.id(path); ok {
				return id
			}
			switch {
			case strings.HasPrefix(path, "/persons/"):
				return person.ID
			case strings.HasPrefix(path, "/households/"):
				return person.HouseholdID
			}
			return e.admin.UserID
		}
		var ops []string
		opIDs := map[string]string{}
		nth := 0
		for _, path := range sortedKeys(paths) {
			item := obj(t, paths, path)
			for _, method := range sortedKeys(item) {
				op := obj(t, item, method)
				name := strings.ToUpper(method) + " " + path
				ops = append(ops, name)
				if id, _ := op["operationId"].(string); id == "" || opIDs[id] != "" {
					t.Errorf("%s: operationId %q missing or also used by %s", name, id, opIDs[id])
				} else {
					opIDs[id] = name
				}
				responses := obj(t, op, "responses")
				want := successStatus(t, name, responses)
				url := "/api/v1" + strings.NewReplacer("{code}", "32.04", "{id}", idFor(path)).Replace(path)
				if strings.Contains(url, "{") {
					t.Errorf("%s: no test value for a path parameter", name)
					continue
				}
				nth++
				body := requestBody(t, name, op, schemas, nth, ex)
				status, out := e.api(strings.ToUpper(method), url, e.adminToken, body)
				if status != want {
					t.Errorf("%s: status %d, want documented %d: %v", name, status, want, out)
					continue
				}
				if schema := responseSchema(responses, strconv.Itoa(want)); schema != nil {
					checkSchema(t, name, schemas, schema, out)
				}

				// Without a token: the documented 401, or served when public.
				status, out = e.api(strings.ToUpper(method), url, "", body)
				if _, secured := responses["401"]; secured {
					if status != http.StatusUnauthorized {
						t.Errorf("%s without token: %d, want 401", name, status)
					} else {
						checkSchema(t, name+" 401", schemas, refTo("Error"), out)
					}
				} else if sec, ok := op["security"].([]any); !ok || len(sec) != 0 || status != want {
					t.Errorf("%s: neither documents 401 nor is public (security %v, status %d)", name, op["security"], status)
				}

				// Methods the document does not list for this path are not served.
				for _, other := range []string{"GET", "POST", "PUT", "PATCH", "DELETE"} {
					if _, documented := item[strings.ToLower(other)]; documented {
						continue
					}
					status, out := e.api(other, url, e.adminToken, map[string]any{})
					if status != http.StatusNotFound && status != http.StatusMethodNotAllowed {
						t.Errorf("undocumented %s %s: status %d: %v", other, path, status, out)
					}
				}
			}
		}
		for _, want := range []string{"GET /me", "GET /regions", "GET /regions/{code}", "GET /users", "POST /users", "GET /users/{id}", "PATCH /users/{id}", "GET /audit", "GET /openapi.json"} {
			if !slices.Contains(ops, want) {
				t.Errorf("%s is not documented (documented: %v)", want, ops)
			}
		}

		// The operations the tests made are really there: the created user exists.
		status, out := e.api("GET", "/api/v1/users", e.adminToken, nil)
		if status != http.StatusOK || len(out["items"].([]any)) < 2 {
			t.Errorf("users after POST = %d %v", status, out)
		}
		// And the PATCH of the admin left it an enabled admin.
		_, me := e.api("GET", "/api/v1/me", e.adminToken, nil)
		if me["role"] != "admin" {
			t.Errorf("admin after PATCH: %v", me)
		}

		// Explicitly: deleting a user is not part of the API.
		status, out = e.api("DELETE", "/api/v1/users/"+e.admin.UserID, e.adminToken, nil)
		if status != http.StatusNotFound && status != http.StatusMethodNotAllowed {
			t.Errorf("DELETE /users/{id} = %d %v", status, out)
		}
		if status == http.StatusNotFound {
			wantAPIError(t, "DELETE /users/{id}", status, out, http.StatusNotFound, errs.NotFound)
		}
		if u, err := e.m.Auth.GetUser(t.Context(), e.admin, e.admin.UserID); err != nil || u.Disabled {
			t.Errorf("admin after DELETE: %+v, %v", u, err)
		}
	})
}

func obj(t *testing.T, m map[string]any, key string) map[string]any {
	t.Helper()
	v, ok := m[key].(map[string]any)
	if !ok {
		t.Fatalf("%q is not an object in %v", key, m)
	}
	return v
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// successStatus is the one 2xx status an operation documents.
func successStatus(t *testing.T, name string, responses map[string]any) int {
	t.Helper()
	found := 0
	for code := range responses {
		if n, err := strconv.Atoi(code); err == nil && n >= 200 && n < 300 {
			if found != 0 {
				t.Errorf("%s documents two success statuses", name)
			}
			found = n
		}
	}
	if found == 0 {
		t.Fatalf("%s documents no success status: %v", name, responses)
	}
	return found
}

func refTo(name string) map[string]any { return map[string]any{"$ref": "#/components/schemas/" + name} }

// responseSchema is the JSON schema of a documented response, or nil.
func responseSchema(responses map[string]any, status string) map[string]any {
	r, _ := responses[status].(map[string]any)
	content, _ := r["content"].(map[string]any)
	js, _ := content["application/json"].(map[string]any)
	s, _ := js["schema"].(map[string]any)
	return s
}

// resolve follows a $ref into components/schemas.
func resolve(t *testing.T, schemas, s map[string]any) (string, map[string]any) {
	t.Helper()
	ref, ok := s["$ref"].(string)
	if !ok {
		return "", s
	}
	name := strings.TrimPrefix(ref, "#/components/schemas/")
	target, ok := schemas[name].(map[string]any)
	if !ok {
		t.Fatalf("dangling $ref %s", ref)
	}
	return name, target
}

// requestBody builds a valid body for an operation from its request schema:
// every required property filled, plus name for updates; or takes the area's
// example body for it. Either way every property sent must be documented.
func requestBody(t *testing.T, name string, op, schemas map[string]any, nth int, ex openAPIExamples) map[string]any {
	t.Helper()
	rb, ok := op["requestBody"].(map[string]any)
	if !ok {
		return nil
	}
	content := obj(t, rb, "content")
	js := obj(t, content, "application/json")
	schemaName, schema := resolve(t, schemas, obj(t, js, "schema"))
	props := obj(t, schema, "properties")
	body := map[string]any{}
	required, _ := schema["required"].([]any)
	values := map[string]any{
		"username": fmt.Sprintf("openapi%d", nth),
		"password": "sandi-openapi-1",
		"role":     "viewer",
		"scope":    "32.04",
		"name":     "Nama dari OpenAPI",
		"lang":     "en",
		// A person: the NIK's serial differs per call so that each is new.
		"nik": fmt.Sprintf("320405410785%04d", nth), "kk": "3204051203100007", "sex": "P",
		"birth_date": "01/07/1985", "village_code": "3204052001",
	}
	preset, hasPreset := ex.Bodies[name]
	for _, r := range required {
		v, ok := ex.value(schemaName, r.(string))
		if !ok {
			v, ok = values[r.(string)]
		}
		if hasPreset {
			v, ok = preset[r.(string)]
		}
		if !ok {
			t.Fatalf("%s: no test value for required %s.%s", name, schemaName, r)
		}
		body[r.(string)] = v
	}
	if hasPreset {
		body = preset
	} else if len(required) == 0 {
		// An update: change only the name, which is safe on the caller itself.
		if _, ok := props["name"]; !ok {
			t.Fatalf("%s: no safe property to send in %s", name, schemaName)
		}
		body["name"] = values["name"]
	}
	for k := range body {
		if _, ok := props[k]; !ok {
			t.Fatalf("%s: %s has no property %s", name, schemaName, k)
		}
	}
	return body
}

// checkSchema checks v against schema s: required properties present, declared
// types and enums respected, and, for arrays of objects, the first item too.
func checkSchema(t *testing.T, where string, schemas, s map[string]any, v any) {
	t.Helper()
	name, s := resolve(t, schemas, s)
	if name != "" {
		where += " " + name
	}
	switch s["type"] {
	case "object":
		m, ok := v.(map[string]any)
		if !ok {
			t.Errorf("%s: %T is not an object", where, v)
			return
		}
		req, _ := s["required"].([]any)
		for _, r := range req {
			if _, ok := m[r.(string)]; !ok {
				t.Errorf("%s: required property %q missing in %v", where, r, m)
			}
		}
		props, _ := s["properties"].(map[string]any)
		for k, pv := range m {
			ps, ok := props[k].(map[string]any)
			if !ok {
				if _, free := s["additionalProperties"]; !free {
					t.Errorf("%s: property %q is not documented", where, k)
				}
				continue
			}
			checkSchema(t, where+"."+k, schemas, ps, pv)
		}
	case "array":
		a, ok := v.([]any)
		if !ok {
			t.Errorf("%s: %T is not an array", where, v)
			return
		}
		items, _ := s["items"].(map[string]any)
		if len(a) == 0 {
			// A list of records must hold one here so its items get checked; a
			// list of plain values (e.g. flags) may well be empty.
			if _, isRecord := items["$ref"]; isRecord {
				t.Errorf("%s: empty list, so its items cannot be checked", where)
			}
			return
		}
		checkSchema(t, where+"[0]", schemas, items, a[0])
	case "string":
		str, ok := v.(string)
		if !ok {
			t.Errorf("%s: %T is not a string", where, v)
			return
		}
		if enum, ok := s["enum"].([]any); ok && !slices.Contains(enum, any(str)) {
			t.Errorf("%s: %q is not one of %v", where, str, enum)
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			t.Errorf("%s: %T is not a boolean", where, v)
		}
	case "integer":
		if f, ok := v.(float64); !ok || f != math.Trunc(f) {
			t.Errorf("%s: %v is not an integer", where, v)
		}
	}
}
