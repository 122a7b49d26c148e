package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Guests may change their own password (and nothing else: the rule lets a
// guest in only with a new password, and hooks/guestpassword.go refuses any
// other field in the body, which a rule cannot list).
func init() {
	m.Register(func(app core.App) error {
		return usersUpdateRule(app, `id = @request.auth.id && @request.body.access_level:isset = false && (`+
			canWrite+` || @request.body.password:isset = true)`)
	}, func(app core.App) error {
		return usersUpdateRule(app, `id = @request.auth.id && `+canWrite+` && @request.body.access_level:isset = false`)
	})
}

func usersUpdateRule(app core.App, rule string) error {
	users, err := app.FindCollectionByNameOrId("users")
	if err != nil {
		return err
	}
	users.UpdateRule = types.Pointer(rule)
	return app.Save(users)
}
