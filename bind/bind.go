// Package bind assembles trackbase: the one function that binds every hook,
// middleware and route to a PocketBase app, used by main and by every test
// app (internal/testapp), so that tests run what production runs.
package bind

import (
	"github.com/pocketbase/pocketbase/core"

	"trackbase/config"
	"trackbase/hooks"
	"trackbase/rollups"
	"trackbase/routes"
)

// App binds everything trackbase adds to PocketBase, configured by cfg, and
// logs cfg's warnings when the server starts.
func App(app core.App, cfg config.Config) {
	hooks.Register(app, cfg)
	hooks.RegisterSecurity(app)
	routes.Register(app, cfg)
	rollups.Bind(app)

	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		for _, w := range cfg.Warnings {
			se.App.Logger().Warn("configuration: " + w)
		}
		return se.Next()
	})
}
