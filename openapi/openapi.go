// Package openapi builds the OpenAPI 3.1 document of trackbase from the
// declarations the server runs on: the custom routes' table (package route)
// and every collection's fields, as PocketBase's records API serves them.
package openapi

import (
	"encoding/json"
	"net/http"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"trackbase/routes/route"
)

// Object is a JSON object of the document.
type Object = map[string]any

// errorRef is PocketBase's error body {status, message, data}.
const errorRef = "#/components/schemas/Error"

// Build describes table and the records API of every collection of app.
func Build(app core.App, table []route.Route) ([]byte, error) {
	cols, err := app.FindAllCollections()
	if err != nil {
		return nil, err
	}
	paths := Object{}
	schemas := Object{"Error": errorSchema()}
	for _, r := range table {
		addOperation(paths, r.Path, r.Method, customOperation(r))
	}
	sort.Slice(cols, func(i, j int) bool { return cols[i].Name < cols[j].Name })
	for _, c := range cols {
		if c.System {
			continue
		}
		schemas[schemaName(c.Name)] = recordSchema(c)
		for _, op := range collectionOperations(c) {
			addOperation(paths, op.path, op.method, op.op)
		}
	}
	return json.Marshal(Object{
		"openapi": "3.1.0",
		"info": Object{
			"title":       "trackbase",
			"version":     "1",
			"description": "Custom endpoints answer {\"data\": …}; errors are PocketBase's {status, message, data}. Collections are served by PocketBase's records API.",
		},
		"servers": []Object{{"url": "/"}},
		"paths":   paths,
		"components": Object{
			"schemas": schemas,
			"securitySchemes": Object{
				"token": Object{"type": "apiKey", "in": "header", "name": "Authorization",
					"description": "The auth token of a user or superuser, as answered by auth-with-password (no Bearer prefix needed)."},
			},
		},
	})
}

func addOperation(paths Object, path, method string, op Object) {
	item, _ := paths[path].(Object)
	if item == nil {
		item = Object{}
		paths[path] = item
	}
	item[strings.ToLower(method)] = op
}

var pathParam = regexp.MustCompile(`\{([a-zA-Z_]+)\}`)

// pathParams declares the {name} segments of path.
func pathParams(path string) []Object {
	var out []Object
	for _, m := range pathParam.FindAllStringSubmatch(path, -1) {
		out = append(out, Object{"name": m[1], "in": "path", "required": true, "schema": Object{"type": "string"}})
	}
	return out
}

// operationId is method and path as one identifier, e.g. getApiFoodsIdStats.
func operationId(method, path string) string {
	id := strings.ToLower(method)
	for _, part := range strings.FieldsFunc(path, func(r rune) bool { return r == '/' || r == '-' || r == '{' || r == '}' || r == '_' }) {
		id += strings.ToUpper(part[:1]) + part[1:]
	}
	return id
}

func customOperation(r route.Route) Object {
	op := Object{
		"operationId": operationId(r.Method, r.Path),
		"summary":     r.Summary,
		"tags":        []string{tag(r.Path)},
	}
	params := pathParams(r.Path)
	for _, p := range r.Query {
		params = append(params, queryParam(p))
	}
	if len(params) > 0 {
		op["parameters"] = params
	}
	op["security"] = []Object{{"token": []string{}}}
	if r.Auth == route.Public {
		op["security"] = []Object{{}}
	}
	switch {
	case r.Body != nil:
		op["requestBody"] = Object{"required": true, "content": Object{"application/json": Object{"schema": Schema(reflect.TypeOf(r.Body))}}}
	case len(r.Multipart) > 0:
		props := Object{}
		for _, f := range r.Multipart {
			props[f] = Object{"type": "string", "contentMediaType": "application/octet-stream"}
		}
		op["requestBody"] = Object{"required": true, "content": Object{"multipart/form-data": Object{"schema": Object{
			"type": "object", "properties": props, "required": r.Multipart}}}}
	}
	responses := Object{}
	status := strconv.Itoa(r.SuccessStatus())
	if r.ContentType == "application/json" {
		responses[status] = jsonResponse("OK", Object{"type": "object"})
	} else if r.ContentType != "" {
		responses[status] = Object{"description": "OK", "content": Object{r.ContentType: Object{"schema": Object{"type": "string", "contentMediaType": r.ContentType}}}}
	} else {
		data := Object{"type": "object"}
		if r.Response != nil {
			data = Schema(reflect.TypeOf(r.Response))
		}
		responses[status] = jsonResponse("OK", Object{
			"type": "object", "required": []string{"data"}, "properties": Object{"data": data},
		})
	}
	addErrors(responses, r.AllErrors())
	op["responses"] = responses
	return op
}

func tag(path string) string {
	parts := strings.Split(strings.TrimPrefix(path, "/api/"), "/")
	return parts[0]
}

func queryParam(p route.Param) Object {
	s := Object{"type": string(p.Type)}
	switch p.Type {
	case route.Date:
		s = Object{"type": "string", "format": "date"}
	case route.Integer:
		if p.Min != 0 || p.Max != 0 {
			s["minimum"], s["maximum"] = p.Min, p.Max
		}
	}
	if len(p.Enum) > 0 {
		s["enum"] = p.Enum
	}
	if p.Default != nil {
		s["default"] = p.Default
	}
	out := Object{"name": p.Name, "in": "query", "schema": s}
	if p.Required {
		out["required"] = true
	}
	if p.Description != "" {
		out["description"] = p.Description
	}
	return out
}

func jsonResponse(description string, schema Object) Object {
	return Object{"description": description, "content": Object{"application/json": Object{"schema": schema}}}
}

func addErrors(responses Object, statuses []int) {
	for _, s := range statuses {
		responses[strconv.Itoa(s)] = jsonResponse(http.StatusText(s), Object{"$ref": errorRef})
	}
}

func errorSchema() Object {
	return Object{
		"type":     "object",
		"required": []string{"status", "message", "data"},
		"properties": Object{
			"status":  Object{"type": "integer"},
			"message": Object{"type": "string"},
			"data": Object{"type": "object", "description": "Per field: {code, message}.", "additionalProperties": Object{
				"type": "object", "properties": Object{"code": Object{"type": "string"}, "message": Object{"type": "string"}},
			}},
		},
	}
}
