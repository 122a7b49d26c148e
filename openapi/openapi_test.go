package openapi_test

import (
	"reflect"
	"testing"

	"trackbase/internal/testapp"
	"trackbase/openapi"
	"trackbase/routes/route"
)

type inner struct {
	A int `json:"a"`
}

type sample struct {
	inner
	Name  string            `json:"name"`
	Note  *float64          `json:"note,omitempty"`
	List  []inner           `json:"list"`
	Units map[string]string `json:"units"`
	Skip  string            `json:"-"`
}

// The schema names what encoding/json writes: embedded fields inline,
// pointers nullable, nil slices null, json:"-" left out.
func TestSchema(t *testing.T) {
	got := openapi.Schema(reflect.TypeOf(sample{}))
	want := openapi.Object{
		"type": "object",
		"properties": openapi.Object{
			"a":     openapi.Object{"type": "integer"},
			"name":  openapi.Object{"type": "string"},
			"note":  openapi.Object{"type": []string{"number", "null"}},
			"list":  openapi.Object{"type": []string{"array", "null"}, "items": openapi.Object{"type": "object", "properties": openapi.Object{"a": openapi.Object{"type": "integer"}}, "required": []string{"a"}}},
			"units": openapi.Object{"type": "object", "additionalProperties": openapi.Object{"type": "string"}},
		},
		"required": []string{"a", "name", "list", "units"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %#v\nwant %#v", got, want)
	}
}

// BenchmarkBuild is the time the server spends on the document at start.
func BenchmarkBuild(b *testing.B) {
	app := testapp.New(b)
	table := []route.Route{{Method: "GET", Path: "/api/x", Auth: route.User, Query: []route.Param{route.From, route.To}}}
	var size int
	for b.Loop() {
		doc, err := openapi.Build(app, table)
		if err != nil {
			b.Fatal(err)
		}
		size = len(doc)
	}
	b.ReportMetric(float64(size), "bytes")
}
