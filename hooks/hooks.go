// Package hooks binds trackbase's record and request hooks: what an API rule
// cannot say (defaults, sign-up rows, cross-field checks, delete guards).
package hooks

import (
	"github.com/pocketbase/pocketbase/core"

	"trackbase/config"
)

// Register binds the record hooks of this package to the app (RegisterSecurity
// binds the request middlewares).
func Register(app core.App, cfg config.Config) {
	bindSignup(app, cfg.RequireInvite)
	bindGuestPasswordChange(app)
	bindLegacyPasswords(app)
	bindOwnership(app)
	bindDefaults(app)
	bindValidation(app)
	bindDeleteGuards(app)
	bindCaches(app)
	bindListHints(app)
	bindFoodData(app)
	bindPortions(app)
}
