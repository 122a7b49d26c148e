package ai

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"

	"trackbase/registry"
	"trackbase/units"
)

// The reply schemas and their validation share one description of each field, so the JSON
// schema sent to the model and the checks run on its reply cannot drift apart. The schema
// tells the model what to write; the checks decide what is used: types, ranges, known units
// and food groups. A reply failing them is bad_model_output and nothing is written.

type fieldKind int

const (
	textField fieldKind = iota
	numberField
	enumField
)

type field struct {
	name     string
	kind     fieldKind
	nullable bool
	min, max float64 // numbers: min ≤ v ≤ max, or min < v when positive
	positive bool
	maxLen   int      // text
	values   []string // enums
	describe string
}

var foodGroups = []string{"fruit", "vegetable", "grain", "protein", "dairy", "other"}

// nutrientFields are the per-serving nutrient fields of foods, calories first.
var nutrientFields = registry.EnergyAndNutrientNames()

// maxNutrient is the foods collection's bound on every nutrient field.
const maxNutrient = 100000

// nutrientUnits documents each nutrient's unit for the model (and docs/AI.md).
var nutrientUnits = registry.NutrientUnits()

// nutrientUnitsText says in the prompts which unit each nutrient is in,
// grouped by unit: "calories in kcal; protein, fat, … in g; …".
func nutrientUnitsText() string {
	var units []string
	byUnit := map[string][]string{}
	for _, n := range registry.EnergyAndNutrients() {
		if byUnit[n.Unit] == nil {
			units = append(units, n.Unit)
		}
		byUnit[n.Unit] = append(byUnit[n.Unit], n.Name)
	}
	parts := make([]string, len(units))
	for i, u := range units {
		parts[i] = strings.Join(byUnit[u], ", ") + " in " + u
	}
	return strings.Join(parts, "; ")
}

// nutritionFields describe one serving of a food: what food-metadata returns and what each
// parsed item carries for a food that is not in the database.
func nutritionFields(unitNames []string) []field {
	fs := []field{
		{name: "serving_size", kind: numberField, positive: true, max: maxNutrient, describe: "size of the reference serving, in unit"},
		{name: "unit", kind: enumField, values: unitNames, describe: "unit of serving_size"},
		{name: "food_group", kind: enumField, values: foodGroups},
		{name: "brand", kind: textField, nullable: true, maxLen: 100, describe: "brand if one is named, else null"},
		{name: "cost", kind: numberField, nullable: true, max: 10000, describe: "typical US retail price in USD of one serving, null if unknown"},
	}
	for _, n := range nutrientFields {
		fs = append(fs, field{name: n, kind: numberField, max: maxNutrient, describe: nutrientUnits[n] + " per serving"})
	}
	return fs
}

// mealItemFields describe one food of a parsed meal: what the user said (name, quantity,
// unit, price paid), how many servings that is, and the nutrition of one serving.
func mealItemFields(unitNames []string) []field {
	fs := []field{
		{name: "name", kind: textField, maxLen: 200, describe: "short generic food name, without quantity or brand"},
		{name: "quantity", kind: numberField, positive: true, max: 100000, describe: "amount the user stated, 1 if none"},
		{name: "quantity_unit", kind: enumField, values: unitNames, describe: "unit of quantity; piece for a count"},
		{name: "servings", kind: numberField, positive: true, max: 100, describe: "how many reference servings the user ate"},
		{name: "price_paid", kind: numberField, nullable: true, max: 10000, describe: "USD the user says they paid for this item, else null"},
		{name: "confidence", kind: numberField, max: 1, describe: "0 to 1: how sure you are of the nutrition values"},
	}
	return append(fs, nutritionFields(unitNames)...)
}

// servingUnits are the names of the table's units a serving can be measured in.
func servingUnits(t units.Table) []string {
	var names []string
	for _, u := range t {
		switch u.Category {
		case units.Weight, units.Volume, units.Count:
			names = append(names, u.Name)
		}
	}
	slices.Sort(names)
	return names
}

// objectSchema is the strict-mode JSON schema of an object holding fields: every property
// required, nothing else allowed, null spelled as a type.
func objectSchema(fields []field) map[string]any {
	props := map[string]any{}
	required := make([]string, 0, len(fields))
	for _, f := range fields {
		var p map[string]any
		switch f.kind {
		case textField:
			p = map[string]any{"type": "string"}
		case numberField:
			p = map[string]any{"type": "number"}
		case enumField:
			p = map[string]any{"type": "string", "enum": f.values}
		}
		if f.nullable {
			p["type"] = []string{p["type"].(string), "null"}
		}
		if f.describe != "" {
			p["description"] = f.describe
		}
		props[f.name] = p
		required = append(required, f.name)
	}
	return map[string]any{"type": "object", "properties": props, "required": required, "additionalProperties": false}
}

func mealSchema(unitNames []string) json.RawMessage {
	return mustJSON(map[string]any{
		"type": "object",
		"properties": map[string]any{
			"items": map[string]any{"type": "array", "items": objectSchema(mealItemFields(unitNames))},
		},
		"required":             []string{"items"},
		"additionalProperties": false,
	})
}

func nutritionSchema(unitNames []string) json.RawMessage {
	return mustJSON(objectSchema(nutritionFields(unitNames)))
}

func mustJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only static maps of strings and slices are marshalled
	}
	return b
}

// values is a checked object: numbers as float64, text as string, null as nil.
type values map[string]any

func (v values) text(name string) string    { s, _ := v[name].(string); return strings.TrimSpace(s) }
func (v values) number(name string) float64 { f, _ := v[name].(float64); return f }

// numberOrNil is a nullable number as a pointer.
func (v values) numberOrNil(name string) *float64 {
	if f, ok := v[name].(float64); ok {
		return &f
	}
	return nil
}

// checkObject checks that raw is an object with exactly fields, each of the right type and
// range. path prefixes the messages ("items[2].").
func checkObject(raw any, fields []field, path string) (values, error) {
	obj, ok := raw.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s is not an object", strings.TrimSuffix(path, "."))
	}
	for k := range obj {
		if !slices.ContainsFunc(fields, func(f field) bool { return f.name == k }) {
			return nil, fmt.Errorf("%s%s is not an expected field", path, k)
		}
	}
	out := values{}
	for _, f := range fields {
		v, present := obj[f.name]
		if !present {
			return nil, fmt.Errorf("%s%s is missing", path, f.name)
		}
		checked, err := checkValue(v, f)
		if err != nil {
			return nil, fmt.Errorf("%s%s %v", path, f.name, err)
		}
		out[f.name] = checked
	}
	return out, nil
}

func checkValue(v any, f field) (any, error) {
	if v == nil {
		if f.nullable {
			return nil, nil
		}
		return nil, fmt.Errorf("must not be null")
	}
	switch f.kind {
	case numberField:
		n, ok := v.(json.Number)
		if !ok {
			return nil, fmt.Errorf("must be a number")
		}
		x, err := n.Float64()
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, fmt.Errorf("must be a finite number")
		}
		if (f.positive && x <= 0) || (!f.positive && x < f.min) || x > f.max {
			low := fmt.Sprintf("from %g", f.min)
			if f.positive {
				low = "above 0"
			}
			return nil, fmt.Errorf("must be a number %s to %g, got %g", low, f.max, x)
		}
		return x, nil
	case enumField:
		s, ok := v.(string)
		if !ok {
			return nil, fmt.Errorf("must be text")
		}
		if !slices.Contains(f.values, s) {
			return nil, fmt.Errorf("must be one of %s, got %q", strings.Join(f.values, ", "), s)
		}
		return s, nil
	default:
		s, ok := v.(string)
		if !ok {
			return nil, fmt.Errorf("must be text")
		}
		s = strings.TrimSpace(s)
		if s == "" && !f.nullable {
			return nil, fmt.Errorf("must not be empty")
		}
		if len([]rune(s)) > f.maxLen {
			return nil, fmt.Errorf("must be at most %d characters", f.maxLen)
		}
		return s, nil
	}
}

// decodeJSON reads one JSON document, numbers kept exact, trailing data refused.
func decodeJSON(content string) (any, error) {
	dec := json.NewDecoder(strings.NewReader(content))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("the reply is not JSON: %v", err)
	}
	if dec.More() {
		return nil, fmt.Errorf("the reply has data after its JSON document")
	}
	return v, nil
}

// maxMealItems bounds the items of one parse; the text is at most 1000 characters.
const maxMealItems = 30

// checkMealReply validates a parse-meal reply and returns its items.
func checkMealReply(content string, unitNames []string) ([]values, error) {
	doc, err := decodeJSON(content)
	if err != nil {
		return nil, err
	}
	root, ok := doc.(map[string]any)
	if !ok || len(root) != 1 {
		return nil, fmt.Errorf(`the reply must be an object with only "items"`)
	}
	list, ok := root["items"].([]any)
	if !ok {
		return nil, fmt.Errorf("items must be a list")
	}
	if len(list) > maxMealItems {
		return nil, fmt.Errorf("items has %d entries, at most %d are allowed", len(list), maxMealItems)
	}
	fields := mealItemFields(unitNames)
	items := make([]values, len(list))
	for i, raw := range list {
		if items[i], err = checkObject(raw, fields, fmt.Sprintf("items[%d].", i)); err != nil {
			return nil, err
		}
	}
	return items, nil
}

// checkNutritionReply validates a food-metadata reply.
func checkNutritionReply(content string, unitNames []string) (values, error) {
	doc, err := decodeJSON(content)
	if err != nil {
		return nil, err
	}
	return checkObject(doc, nutritionFields(unitNames), "")
}

// checkKnown validates the caller's known values for food-metadata: any subset of the
// nutrition fields, each of the right type and range. It returns the field at fault.
func checkKnown(raw json.RawMessage, unitNames []string) (values, string, error) {
	out := values{}
	if len(bytes.TrimSpace(raw)) == 0 || string(bytes.TrimSpace(raw)) == "null" {
		return out, "", nil
	}
	doc, err := decodeJSON(string(raw))
	obj, ok := doc.(map[string]any)
	if err != nil || !ok {
		return nil, "known", fmt.Errorf("known must be an object of nutrition fields")
	}
	fields := nutritionFields(unitNames)
	for k, v := range obj {
		i := slices.IndexFunc(fields, func(f field) bool { return f.name == k })
		if i < 0 {
			return nil, "known." + k, fmt.Errorf("%s is not a nutrition field", k)
		}
		checked, err := checkValue(v, fields[i])
		if err != nil {
			return nil, "known." + k, fmt.Errorf("%s %v", k, err)
		}
		out[k] = checked
	}
	return out, "", nil
}
