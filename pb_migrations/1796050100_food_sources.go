package migrations

import (
	"strings"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Where a food comes from (SPEC §2): `source` (user, usda, openfoodfacts,
// import) with the id it has there (`source_id`: the USDA NDB number, the
// barcode of an Open Food Facts product), and `unknown_nutrients`, the
// nutrient fields the source has no value for. A number field cannot be
// empty, so an unknown nutrient holds 0 and is named in that list: 0 with
// the name listed means "unknown", 0 without it means "none".
// Users create foods of source user (the default) and cannot relabel them.
func init() {
	const (
		sourceIsUser    = `(@request.body.source:isset = false || @request.body.source = "user")`
		sourceUnchanged = `@request.body.source:isset = false && @request.body.source_id:isset = false`
	)
	m.Register(func(app core.App) error {
		foods, err := app.FindCollectionByNameOrId("foods")
		if err != nil {
			return err
		}
		foods.Fields.Add(&core.SelectField{Name: "source", MaxSelect: 1, Values: []string{"user", "usda", "openfoodfacts", "import"}})
		foods.Fields.Add(&core.TextField{Name: "source_id", Max: 64})
		foods.Fields.Add(&core.JSONField{Name: "unknown_nutrients", MaxSize: 2000})
		foods.AddIndex("idx_foods_source_source_id", true, "source, source_id", "source_id != ''")
		foods.CreateRule = types.Pointer(*foods.CreateRule + ` && ` + sourceIsUser)
		foods.UpdateRule = types.Pointer(*foods.UpdateRule + ` && ` + sourceUnchanged)
		if err := app.Save(foods); err != nil {
			return err
		}
		_, err = app.DB().NewQuery(`UPDATE {{foods}} SET [[source]] = 'user' WHERE [[source]] = ''`).Execute()
		return err
	}, func(app core.App) error {
		foods, err := app.FindCollectionByNameOrId("foods")
		if err != nil {
			return err
		}
		for _, f := range []string{"source", "source_id", "unknown_nutrients"} {
			foods.Fields.RemoveByName(f)
		}
		foods.RemoveIndex("idx_foods_source_source_id")
		foods.CreateRule = types.Pointer(strings.TrimSuffix(*foods.CreateRule, ` && `+sourceIsUser))
		foods.UpdateRule = types.Pointer(strings.TrimSuffix(*foods.UpdateRule, ` && `+sourceUnchanged))
		return app.Save(foods)
	})
}
