package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Foods carry a `barcode`: a GTIN (8, 13 or 14 digits), stored normalised
// with a valid check digit (hooks/fooddata.go) and indexed for
// GET /api/foods/barcode/{code}. Several foods may share one (a user's own
// entry of a product beside the Open Food Facts one).
func init() {
	m.Register(func(app core.App) error {
		return editCollections(app, map[string]func(*core.Collection){"foods": func(c *core.Collection) {
			c.Fields.Add(&core.TextField{Name: "barcode", Max: 14, Pattern: `^[0-9]{8,14}$`})
			c.AddIndex("idx_foods_barcode", false, "barcode", "barcode != ''")
		}})
	}, func(app core.App) error {
		return editCollections(app, map[string]func(*core.Collection){"foods": func(c *core.Collection) {
			c.Fields.RemoveByName("barcode")
			c.RemoveIndex("idx_foods_barcode")
		}})
	})
}
