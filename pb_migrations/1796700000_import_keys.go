package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	"trackbase/collections"
)

// Imported rows remember where they came from: `import_source` (the format)
// and `import_key` (the row's key in that source), unique per owner, so
// importing the same file twice creates nothing new. The collections are
// those of the ownership graph whose rows their owner creates (a create
// rule) as the schema stands at this migration; a collection added later
// gets the two fields in its own migration (importKeyFields below).
func init() {
	m.Register(func(app core.App) error {
		return eachImportable(app, addImportKeyFields)
	}, func(app core.App) error {
		return eachImportable(app, func(c *core.Collection, _ collections.Owner) {
			c.RemoveIndex(importKeyIndex(c))
			c.Fields.RemoveByName("import_source")
			c.Fields.RemoveByName("import_key")
		})
	})
}

func importKeyIndex(c *core.Collection) string { return "idx_" + c.Name + "_import_key" }

// addImportKeyFields adds the hidden import fields and their unique index
// (owner field, import_source, import_key) over imported rows.
func addImportKeyFields(c *core.Collection, o collections.Owner) {
	c.Fields.Add(&core.TextField{Name: "import_source", Max: 40, Hidden: true})
	c.Fields.Add(&core.TextField{Name: "import_key", Max: 300, Hidden: true})
	c.AddIndex(importKeyIndex(c), true, o.Field+", import_source, import_key", "import_key != ''")
}

func eachImportable(app core.App, change func(*core.Collection, collections.Owner)) error {
	collections.ForgetOwnership(app)
	defer collections.ForgetOwnership(app)
	g, err := collections.Ownership(app)
	if err != nil {
		return err
	}
	for _, name := range g.Names() {
		c, err := app.FindCollectionByNameOrId(name)
		if err != nil {
			return err
		}
		if c.CreateRule == nil {
			continue
		}
		change(c, g[name])
		if err := app.Save(c); err != nil {
			return err
		}
	}
	return nil
}
