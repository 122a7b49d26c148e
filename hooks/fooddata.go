package hooks

import (
	"encoding/json"
	"slices"

	"github.com/pocketbase/pocketbase/core"

	"trackbase/collections"
	"trackbase/fooddb"
	"trackbase/registry"
)

// bindFoodData fills in and checks where a food comes from, its barcode and
// which of its nutrients are unknown (pb_migrations/1796050000_food_sources.go).
func bindFoodData(app core.App) {
	app.OnRecordCreate(collections.Foods).BindFunc(func(e *core.RecordEvent) error {
		if e.Record.GetString("source") == "" {
			e.Record.Set("source", "user")
		}
		if raw := e.Record.GetString("unknown_nutrients"); raw == "" || raw == "null" {
			e.Record.Set("unknown_nutrients", []string{})
		}
		return e.Next()
	})
	app.OnRecordValidate(collections.Foods).BindFunc(func(e *core.RecordEvent) error {
		// one form per barcode, so that every form of it finds the food
		if code := e.Record.GetString("barcode"); code != "" {
			normal, err := fooddb.NormalizeGTIN(code)
			if err != nil {
				return fieldError("barcode", "validation_invalid_barcode", err.Error())
			}
			e.Record.Set("barcode", normal)
		}
		if err := e.Next(); err != nil {
			return err
		}
		return validateUnknownNutrients(e.Record)
	})
}

// validateUnknownNutrients accepts a list of nutrient field names, each once.
func validateUnknownNutrients(r *core.Record) error {
	raw := r.GetString("unknown_nutrients")
	if raw == "" || raw == "null" {
		return nil
	}
	var names []string
	bad := json.Unmarshal([]byte(raw), &names) != nil
	for i, n := range names {
		bad = bad || !slices.Contains(registry.EnergyAndNutrientNames(), n) || slices.Contains(names[:i], n)
	}
	if bad {
		return fieldError("unknown_nutrients", "validation_unknown_nutrients",
			"unknown_nutrients must list nutrient fields (calories, protein, …), each once.")
	}
	return nil
}
