package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Potassium joins the nutrients (USDA, MyFitnessPal and Cronometer all carry
// it): mg per serving on foods, a daily goal on user_goals, both with the
// bounds of the other nutrients. Existing rows read 0 until edited.
func init() {
	m.Register(func(app core.App) error {
		return editCollections(app, map[string]func(*core.Collection){
			"foods":      func(c *core.Collection) { c.Fields.Add(num("potassium", f(0), f(100000), false, false)) },
			"user_goals": func(c *core.Collection) { c.Fields.Add(num("potassium_goal", f(0), nil, false, false)) },
		})
	}, func(app core.App) error {
		return editCollections(app, map[string]func(*core.Collection){
			"foods":      func(c *core.Collection) { c.Fields.RemoveByName("potassium") },
			"user_goals": func(c *core.Collection) { c.Fields.RemoveByName("potassium_goal") },
		})
	})
}

// editCollections changes and saves each named collection.
func editCollections(app core.App, edits map[string]func(*core.Collection)) error {
	for name, edit := range edits {
		c, err := app.FindCollectionByNameOrId(name)
		if err != nil {
			return err
		}
		edit(c)
		if err := app.Save(c); err != nil {
			return err
		}
	}
	return nil
}
