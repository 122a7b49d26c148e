package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Accounts moved from the Django original keep their Django password hash
// in a hidden field until their first sign-in, which replaces it with
// PocketBase's own hash and clears it (hooks/legacypassword.go). Hidden: the
// API never shows it, and a non-superuser cannot set it.
func init() {
	m.Register(func(app core.App) error {
		return editCollections(app, map[string]func(*core.Collection){
			"users": func(c *core.Collection) {
				c.Fields.Add(&core.TextField{Name: "legacy_password_hash", Max: 255, Hidden: true})
			},
		})
	}, func(app core.App) error {
		return editCollections(app, map[string]func(*core.Collection){
			"users": func(c *core.Collection) { c.Fields.RemoveByName("legacy_password_hash") },
		})
	})
}
