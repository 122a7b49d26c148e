package openapi

import (
	"net/http"
	"strings"

	"github.com/pocketbase/pocketbase/core"
)

type collectionOperation struct {
	method, path string
	op           Object
}

// schemaName is the component name of a collection's records, e.g. FoodLogsRecord.
func schemaName(collection string) string {
	name := ""
	for _, part := range strings.Split(collection, "_") {
		if part != "" {
			name += strings.ToUpper(part[:1]) + part[1:]
		}
	}
	return name + "Record"
}

// recordSchema is a record as the records API answers it: the base fields
// and every field that is not hidden.
func recordSchema(c *core.Collection) Object {
	props := Object{
		"collectionId":   Object{"type": "string"},
		"collectionName": Object{"type": "string", "const": c.Name},
	}
	required := []string{"collectionId", "collectionName"}
	for _, f := range c.Fields {
		if f.GetHidden() {
			continue
		}
		props[f.GetName()] = fieldSchema(f)
		required = append(required, f.GetName())
	}
	return Object{"type": "object", "properties": props, "required": required}
}

// fieldSchema is the JSON value PocketBase writes for a field.
func fieldSchema(f core.Field) Object {
	switch f := f.(type) {
	case *core.NumberField:
		if f.OnlyInt {
			return Object{"type": "integer"}
		}
		return Object{"type": "number"}
	case *core.BoolField:
		return Object{"type": "boolean"}
	case *core.JSONField:
		return Object{}
	case *core.GeoPointField:
		return Object{"type": "object", "properties": Object{"lon": Object{"type": "number"}, "lat": Object{"type": "number"}}}
	case *core.SelectField:
		values := append([]string{}, f.Values...)
		if f.IsMultiple() {
			return Object{"type": "array", "items": Object{"type": "string", "enum": values}}
		}
		// an unset select is ""
		return Object{"type": "string", "enum": append(values, "")}
	case *core.RelationField:
		if f.IsMultiple() {
			return Object{"type": "array", "items": Object{"type": "string"}}
		}
		return Object{"type": "string"}
	case *core.FileField:
		if f.IsMultiple() {
			return Object{"type": "array", "items": Object{"type": "string"}}
		}
		return Object{"type": "string"}
	}
	// text, editor, email, url, date, autodate
	return Object{"type": "string"}
}

// writeSchema is the body of a create or update: every field but the
// autodates and the id's generation, none required (the collection's own
// validation answers 400).
func writeSchema(c *core.Collection) Object {
	props := Object{}
	for _, f := range c.Fields {
		if _, auto := f.(*core.AutodateField); auto {
			continue
		}
		props[f.GetName()] = fieldSchema(f)
	}
	return Object{"type": "object", "properties": props}
}

// collectionOperations are the records API routes PocketBase serves for c
// (a view collection is read-only).
func collectionOperations(c *core.Collection) []collectionOperation {
	base := "/api/collections/" + c.Name + "/records"
	ref := Object{"$ref": "#/components/schemas/" + schemaName(c.Name)}
	id := []Object{{"name": "id", "in": "path", "required": true, "schema": Object{"type": "string"}}}
	tagged := func(op Object, name string, statuses ...int) Object {
		op["operationId"] = name + schemaName(c.Name)
		op["tags"] = []string{"collection " + c.Name}
		op["security"] = []Object{{}, {"token": []string{}}}
		responses := op["responses"].(Object)
		addErrors(responses, append(statuses, http.StatusTooManyRequests))
		return op
	}
	listParams := []Object{
		{"name": "page", "in": "query", "schema": Object{"type": "integer", "minimum": 1, "default": 1}},
		{"name": "perPage", "in": "query", "schema": Object{"type": "integer", "minimum": 1, "maximum": 1000, "default": 30}},
		{"name": "sort", "in": "query", "schema": Object{"type": "string"}},
		{"name": "filter", "in": "query", "schema": Object{"type": "string"}},
		{"name": "expand", "in": "query", "schema": Object{"type": "string"}},
		{"name": "fields", "in": "query", "schema": Object{"type": "string"}},
		{"name": "skipTotal", "in": "query", "schema": Object{"type": "boolean"}},
	}
	list := Object{"summary": "List " + c.Name + " records the list rule lets the caller see.", "parameters": listParams,
		"responses": Object{"200": jsonResponse("OK", Object{
			"type": "object", "required": []string{"page", "perPage", "totalItems", "totalPages", "items"},
			"properties": Object{
				"page": Object{"type": "integer"}, "perPage": Object{"type": "integer"},
				"totalItems": Object{"type": "integer"}, "totalPages": Object{"type": "integer"},
				"items": Object{"type": "array", "items": ref},
			},
		})}}
	view := Object{"summary": "One " + c.Name + " record.", "parameters": id,
		"responses": Object{"200": jsonResponse("OK", ref)}}
	ops := []collectionOperation{
		{http.MethodGet, base, tagged(list, "list", http.StatusBadRequest, http.StatusForbidden)},
		{http.MethodGet, base + "/{id}", tagged(view, "view", http.StatusForbidden, http.StatusNotFound)},
	}
	if c.IsView() {
		return ops
	}
	body := Object{"required": true, "content": Object{
		"application/json":    Object{"schema": writeSchema(c)},
		"multipart/form-data": Object{"schema": writeSchema(c)},
	}}
	create := Object{"summary": "Create a " + c.Name + " record (create rule).", "requestBody": body,
		"responses": Object{"200": jsonResponse("OK", ref)}}
	update := Object{"summary": "Update a " + c.Name + " record (update rule).", "parameters": id, "requestBody": body,
		"responses": Object{"200": jsonResponse("OK", ref)}}
	del := Object{"summary": "Delete a " + c.Name + " record (delete rule).", "parameters": id,
		"responses": Object{"204": Object{"description": "Deleted"}}}
	return append(ops,
		collectionOperation{http.MethodPost, base, tagged(create, "create", http.StatusBadRequest, http.StatusForbidden)},
		collectionOperation{http.MethodPatch, base + "/{id}", tagged(update, "update", http.StatusBadRequest, http.StatusForbidden, http.StatusNotFound)},
		collectionOperation{http.MethodDelete, base + "/{id}", tagged(del, "delete", http.StatusBadRequest, http.StatusForbidden, http.StatusNotFound)},
	)
}
