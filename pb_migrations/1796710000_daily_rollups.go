package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"

	"trackbase/rollups"
)

// daily_rollups: one row per (user, local day) that package rollups keeps
// in step with the logs, so the read endpoints need not scan a history.
// Users read their own (admins all, as elsewhere); only the server writes them (no write rules),
// which also keeps them out of exports and imports.
func init() {
	m.Register(func(app core.App) error {
		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			return err
		}
		c := core.NewBaseCollection(rollups.Collection)
		c.Fields.Add(&core.RelationField{Name: "user", CollectionId: users.Id, MaxSelect: 1, Required: true, CascadeDelete: true})
		c.Fields.Add(&core.TextField{Name: "day", Required: true, Pattern: `^\d{4}-\d{2}-\d{2}$`})
		c.Fields.Add(num("entries", f(0), nil, false, true))
		c.Fields.Add(&core.JSONField{Name: "totals"})
		c.Fields.Add(&core.JSONField{Name: "trackers"})
		c.ListRule = types.Pointer(`user = @request.auth.id || ` + isAdmin)
		c.ViewRule = c.ListRule
		c.AddIndex("idx_daily_rollups_user_day", true, "`user`, `day`", "")
		if err := app.Save(c); err != nil {
			return err
		}
		return rollups.Rebuild(app, nil)
	}, func(app core.App) error {
		c, err := app.FindCollectionByNameOrId(rollups.Collection)
		if err != nil {
			return nil
		}
		return app.Delete(c)
	})
}
