package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// revoked_tokens: logged-out tokens, refused until they expire (hooks/sessions.go).
// Only a SHA-256 digest of each token is kept. The API rules stay nil, so
// only superusers see the collection; the hourly purge deletes expired rows
// (the `expires` index serves it).
func init() {
	m.Register(func(app core.App) error {
		c := core.NewBaseCollection("revoked_tokens")
		c.Fields.Add(&core.TextField{Name: "token_hash", Required: true, Min: 64, Max: 64, Pattern: `^[0-9a-f]{64}$`})
		c.Fields.Add(&core.TextField{Name: "auth_collection", Required: true, Max: 100})
		c.Fields.Add(&core.TextField{Name: "auth_id", Required: true, Max: 50})
		c.Fields.Add(&core.DateField{Name: "expires", Required: true})
		c.Fields.Add(&core.AutodateField{Name: "created", OnCreate: true})
		c.AddIndex("idx_revoked_tokens_token_hash", true, "token_hash", "")
		c.AddIndex("idx_revoked_tokens_expires", false, "expires", "")
		return app.Save(c)
	}, func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("revoked_tokens")
		if err != nil {
			return nil
		}
		return app.Delete(c)
	})
}
