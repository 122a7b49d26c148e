package openapi

import (
	"encoding/json"
	"reflect"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/tools/types"
)

var (
	rawJSONType  = reflect.TypeOf(json.RawMessage{})
	timeType     = reflect.TypeOf(time.Time{})
	dateTimeType = reflect.TypeOf(types.DateTime{})
)

// Schema is the JSON schema of the values encoding/json writes for t:
// exported fields by their json names (embedded structs inlined), pointers
// nullable, maps as objects.
func Schema(t reflect.Type) Object {
	return schemaOf(t, map[reflect.Type]bool{})
}

func schemaOf(t reflect.Type, seen map[reflect.Type]bool) Object {
	switch t {
	case rawJSONType:
		return Object{}
	case timeType, dateTimeType:
		return Object{"type": "string"}
	}
	switch t.Kind() {
	case reflect.Pointer:
		s := schemaOf(t.Elem(), seen)
		if typ, ok := s["type"].(string); ok {
			s["type"] = []string{typ, "null"}
		}
		return s
	case reflect.Bool:
		return Object{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return Object{"type": "integer"}
	case reflect.Float32, reflect.Float64:
		return Object{"type": "number"}
	case reflect.String:
		return Object{"type": "string"}
	case reflect.Slice, reflect.Array:
		// a nil slice is written as null
		return Object{"type": []string{"array", "null"}, "items": schemaOf(t.Elem(), seen)}
	case reflect.Map:
		return Object{"type": "object", "additionalProperties": schemaOf(t.Elem(), seen)}
	case reflect.Struct:
		if seen[t] {
			return Object{"type": "object"}
		}
		seen[t] = true
		defer delete(seen, t)
		props, required := Object{}, []string{}
		addFields(t, props, &required, seen)
		return Object{"type": "object", "properties": props, "required": required}
	}
	// interfaces (any): every JSON value
	return Object{}
}

// addFields adds t's fields as encoding/json names them.
func addFields(t reflect.Type, props Object, required *[]string, seen map[reflect.Type]bool) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				addFields(ft, props, required, seen)
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		props[name] = schemaOf(f.Type, seen)
		if !strings.Contains(opts, "omitempty") && !strings.Contains(opts, "omitzero") {
			*required = append(*required, name)
		}
	}
}
