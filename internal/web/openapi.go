package web

import (
	"net/http"
	"strconv"
	"strings"
)

type obj = map[string]any

func str(desc string) obj     { return obj{"type": "string", "description": desc} }
func boolean() obj            { return obj{"type": "boolean"} }
func ref(name string) obj     { return obj{"$ref": "#/components/schemas/" + name} }
func arrayOf(name string) obj { return obj{"type": "array", "items": ref(name)} }

func object(required []string, props obj) obj {
	o := obj{"type": "object", "properties": props}
	if len(required) > 0 {
		o["required"] = required
	}
	return o
}

var roleEnum = obj{"type": "string", "enum": []string{"admin", "manager", "facilitator", "treasurer", "viewer"}}

// apiSchemas describes every body the API sends or takes.
var apiSchemas = obj{
	"Error": object([]string{"error"}, obj{"error": object([]string{"code", "message"}, obj{
		"code":    obj{"type": "string", "enum": []string{"invalid", "bad_request", "unauthorized", "forbidden", "not_found", "conflict", "too_many", "internal"}},
		"message": str("human-readable, in the user's language"),
		"fields":  obj{"type": "object", "additionalProperties": obj{"type": "string"}, "description": "message per input field"},
	})}),
	"Region": object([]string{"code", "name", "level", "parent"}, obj{
		"code":   str("dotted Kemendagri code, e.g. 32.04"),
		"name":   str("official name"),
		"level":  obj{"type": "string", "enum": []string{"province", "regency", "district", "village"}},
		"parent": str("code of the region above; empty for a province"),
	}),
	"RegionList": object([]string{"items"}, obj{"items": arrayOf("Region")}),
	"Me": object([]string{"id", "username", "role", "scope", "org_id"}, obj{
		"id": str("user id"), "username": str(""), "name": str(""), "role": roleEnum,
		"scope": str("region code the user is limited to; empty for national"), "lang": str("id or en"),
		"org_id": str("organisation id"), "org_name": str("organisation name"),
	}),
	"User": object([]string{"id", "username", "role", "scope", "disabled"}, obj{
		"org_id": str(""), "id": str("UUIDv7"), "username": str(""), "name": str(""), "role": roleEnum,
		"scope": str("region code; empty for national"), "lang": str("id or en"), "disabled": boolean(),
		"created_at": obj{"type": "string", "format": "date-time"}, "updated_at": obj{"type": "string", "format": "date-time"},
	}),
	"UserList": object([]string{"items"}, obj{"items": arrayOf("User")}),
	"NewUser": object([]string{"username", "password", "role"}, obj{
		"username": str("3-32 characters: a-z, 0-9, dot, dash, underscore"), "name": str("full name"),
		"password": str("at least 8 characters"), "role": roleEnum,
		"scope": str("region code inside the caller's scope; empty for national"), "lang": str("id (default) or en"),
	}),
	"UserUpdate": object(nil, obj{"name": str(""), "role": roleEnum, "scope": str("region code"), "disabled": boolean()}),
	"AuditEntry": object([]string{"seq", "at", "actor_name", "action", "entity", "entity_id"}, obj{
		"org_id": str(""), "seq": obj{"type": "integer"}, "id": str(""), "at": obj{"type": "string", "format": "date-time"},
		"actor_id": str(""), "actor_name": str(""), "action": str(""), "entity": str(""), "entity_id": str(""),
		"region_code": str(""), "before": str("JSON of the record before"), "after": str("JSON of the record after"),
		"prev_hash": str(""), "hash": str("SHA-256 chain hash"),
	}),
	"AuditList": object([]string{"items"}, obj{"items": arrayOf("AuditEntry")}),
}

func errorResponse(desc string) obj {
	return obj{"description": desc, "content": obj{"application/json": obj{"schema": ref("Error")}}}
}

// openAPIDocument builds the OpenAPI 3 document from the route table.
func (s *Server) openAPIDocument() obj {
	paths := obj{}
	for _, rt := range s.allAPI() {
		item, _ := paths[rt.Path].(obj)
		if item == nil {
			item = obj{}
			paths[rt.Path] = item
		}
		item[strings.ToLower(rt.Method)] = operation(rt)
	}
	return obj{
		"openapi": "3.0.3",
		"info": obj{"title": "Berdaya API", "version": s.Version,
			"description": "JSON API of Berdaya. Authenticate with a personal token: Authorization: Bearer <token> (make one on the account page or with `berdaya users token`). Every error has the shape of the Error schema."},
		"servers":    []obj{{"url": apiBase}},
		"paths":      paths,
		"components": obj{"schemas": apiSchemas, "securitySchemes": obj{"bearer": obj{"type": "http", "scheme": "bearer"}}},
		"security":   []obj{{"bearer": []string{}}},
	}
}

func operation(rt apiRoute) obj {
	op := obj{"summary": rt.Summary, "tags": []string{rt.Tag}, "operationId": operationID(rt)}
	var params []obj
	for _, seg := range strings.Split(rt.Path, "/") {
		if strings.HasPrefix(seg, "{") {
			params = append(params, obj{"name": strings.Trim(seg, "{}"), "in": "path", "required": true, "schema": obj{"type": "string"}})
		}
	}
	for _, q := range rt.Query {
		params = append(params, obj{"name": q.Name, "in": "query", "description": q.Description, "schema": obj{"type": "string"}})
	}
	if len(params) > 0 {
		op["parameters"] = params
	}
	if rt.Body != "" {
		op["requestBody"] = obj{"required": true, "content": obj{"application/json": obj{"schema": ref(rt.Body)}}}
	}
	ok := obj{"description": http.StatusText(rt.Status)}
	if rt.Response != "" {
		ok["content"] = obj{"application/json": obj{"schema": ref(rt.Response)}}
	}
	responses := obj{strconv.Itoa(rt.Status): ok}
	if rt.Public {
		op["security"] = []obj{}
	} else {
		responses["401"] = errorResponse("no or invalid token")
		responses["403"] = errorResponse("the role or scope does not allow it")
	}
	if strings.Contains(rt.Path, "{") {
		responses["404"] = errorResponse("not found or outside the caller's scope")
	}
	if rt.Body != "" || len(rt.Query) > 0 {
		responses["400"] = errorResponse("unreadable request")
		responses["422"] = errorResponse("invalid input; fields says which")
	}
	if rt.Method == "POST" {
		responses["409"] = errorResponse("conflicts with an existing record")
	}
	op["responses"] = responses
	return op
}

func operationID(rt apiRoute) string {
	var b strings.Builder
	b.WriteString(strings.ToLower(rt.Method))
	for _, seg := range strings.Split(rt.Path, "/") {
		seg = strings.Trim(seg, "{}")
		seg = strings.TrimSuffix(seg, ".json")
		if seg != "" {
			b.WriteString(strings.ToUpper(seg[:1]) + seg[1:])
		}
	}
	return b.String()
}

func (s *Server) apiOpenAPI(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, s.openAPIDocument())
}
