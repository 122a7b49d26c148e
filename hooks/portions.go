package hooks

import (
	"github.com/pocketbase/pocketbase/core"

	"trackbase/collections"
	"trackbase/fooddb"
)

// bindPortions lets food_logs and meal_foods give their amount as a count of
// one of the food's portions (`portion` + `portion_count`, default 1) or as
// a weight (`grams`) instead of servings: every save converts it into
// `servings` through the portion's grams and the food's serving weight, so
// every total keeps reading servings. A later edit of servings alone drops
// the portion and grams, which would no longer describe the row.
func bindPortions(app core.App) {
	app.OnRecordValidate(collections.FoodLogs, collections.MealFoods).BindFunc(func(e *core.RecordEvent) error {
		if err := portionServings(e.App, e.Record); err != nil {
			return err
		}
		return e.Next()
	})
}

var portionFields = []string{"portion", "portion_count", "grams"}

func portionServings(app core.App, r *core.Record) error {
	portion, grams := r.GetString("portion"), r.GetFloat("grams")
	if portion == "" && grams == 0 {
		return nil
	}
	if !r.IsNew() && !changed(r, append(portionFields, "food")...) {
		if changed(r, "servings") {
			r.Set("portion", "")
			r.Set("portion_count", 0)
			r.Set("grams", 0)
		}
		return nil
	}
	if portion != "" && grams != 0 {
		return fieldError("grams", "validation_grams_and_portion", "Give either grams or a portion, not both.")
	}
	food, err := app.FindRecordById(collections.Foods, r.GetString("food"))
	if err != nil {
		return nil // the required food relation reports it
	}
	field := "grams"
	if portion != "" {
		field = "portion"
		p, err := app.FindRecordById(collections.FoodPortions, portion)
		if err != nil || p.GetString("food") != food.Id {
			return fieldError("portion", "validation_portion_of_other_food", "Unknown portion of this food.")
		}
		if r.GetFloat("portion_count") == 0 {
			r.Set("portion_count", 1)
		}
		grams = r.GetFloat("portion_count") * p.GetFloat("grams")
	}
	table, err := collections.UnitTable(app)
	if err != nil {
		return err
	}
	servings, err := fooddb.Servings(grams, food.GetFloat("serving_size"), food.GetString("unit"), table)
	if err != nil {
		return fieldError(field, "validation_no_serving_weight", err.Error())
	}
	r.Set("servings", servings)
	return nil
}

func changed(r *core.Record, fields ...string) bool {
	orig := r.Original()
	for _, f := range fields {
		if r.GetString(f) != orig.GetString(f) {
			return true
		}
	}
	return false
}
