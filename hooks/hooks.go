// Package hooks binds trackbase's record and request hooks: what an API rule
// cannot say (defaults, sign-up rows, cross-field checks, delete guards).
package hooks

import (
	"github.com/pocketbase/pocketbase/core"
)

// Register binds every hook of this package to the app.
func Register(app core.App) {
	bindSignup(app)
	bindOwnership(app)
	bindDefaults(app)
	bindValidation(app)
	bindDeleteGuards(app)
	bindCaches(app)
	bindListHints(app)
	bindQueryCost(app)
}
