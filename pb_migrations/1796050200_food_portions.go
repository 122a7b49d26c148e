package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// food_portions: household measures of a food ("1 large" egg = 50 g, "1 cup"
// of cooked rice = 158 g). Readable by a signed-in user for the foods they can
// see; only the creator of a food adds, edits or deletes its portions, so the
// USDA portions (foods without creator) are read-only. `seq` orders a food's
// portions (USDA's order).
//
// food_logs and meal_foods may name a portion and a count of it
// (`portion`, `portion_count`) or a weight (`grams`) instead of servings;
// hooks/portions.go converts them into servings on every save.
func init() {
	m.Register(func(app core.App) error {
		foods, err := app.FindCollectionByNameOrId("foods")
		if err != nil {
			return err
		}
		portions := core.NewBaseCollection("food_portions")
		portions.Fields.Add(&core.RelationField{Name: "food", CollectionId: foods.Id, MaxSelect: 1, Required: true, CascadeDelete: true})
		portions.Fields.Add(num("amount", f(0), f(10000), true, false))
		portions.Fields.Add(&core.TextField{Name: "unit", Required: true, Max: 100, Presentable: true})
		portions.Fields.Add(num("grams", f(0), f(100000), true, false))
		portions.Fields.Add(num("seq", f(0), f(10000), false, true))
		withTimestamps(portions)
		portions.AddIndex("idx_food_portions_food_seq", false, "food, seq", "")
		visibleFood := `food.make_public = true || food.created_by = @request.auth.id || food.food_logs_via_food.user ?= @request.auth.id || ` + isAdmin
		portions.ListRule = types.Pointer(signedIn + ` && (` + visibleFood + `)`)
		portions.ViewRule = portions.ListRule
		ownFood := canWrite + ` && food.created_by = @request.auth.id`
		portions.CreateRule = types.Pointer(ownFood)
		portions.UpdateRule = types.Pointer(ownFood) // hooks/ownership.go keeps `food` from changing
		portions.DeleteRule = types.Pointer(ownFood)
		if err := app.Save(portions); err != nil {
			return err
		}

		for _, name := range []string{"food_logs", "meal_foods"} {
			c, err := app.FindCollectionByNameOrId(name)
			if err != nil {
				return err
			}
			c.Fields.Add(&core.RelationField{Name: "portion", CollectionId: portions.Id, MaxSelect: 1})
			c.Fields.Add(num("portion_count", f(0), f(1000), false, false))
			c.Fields.Add(num("grams", f(0), f(100000), false, false))
			if err := app.Save(c); err != nil {
				return err
			}
		}
		return nil
	}, func(app core.App) error {
		for _, name := range []string{"food_logs", "meal_foods"} {
			c, err := app.FindCollectionByNameOrId(name)
			if err != nil {
				return err
			}
			for _, f := range []string{"portion", "portion_count", "grams"} {
				c.Fields.RemoveByName(f)
			}
			if err := app.Save(c); err != nil {
				return err
			}
		}
		c, err := app.FindCollectionByNameOrId("food_portions")
		if err != nil {
			return nil
		}
		return app.Delete(c)
	})
}
