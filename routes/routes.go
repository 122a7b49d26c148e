// Package routes binds every custom endpoint; each feature area is a
// sub-package with its own Register.
package routes

import (
	"github.com/pocketbase/pocketbase/core"

	"trackbase/config"
	"trackbase/routes/account"
	"trackbase/routes/ai"
	"trackbase/routes/health"
	"trackbase/routes/portability"
	"trackbase/routes/workouts"
)

// Register binds the custom routes of every feature area.
func Register(app core.App, cfg config.Config) {
	account.Register(app)
	ai.Register(app, cfg.AI)
	health.Register(app)
	portability.Register(app)
	workouts.Register(app)
}
