// Package account holds the session and usage endpoints: logout (one
// session or all of them) and the AI/API usage analytics.
package account

import (
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"

	"trackbase/routes/common"
)

// Register binds POST /api/auth/logout, GET /api/analytics/usage and
// GET /api/analytics/usage/all. The revocation check itself is a global
// middleware of hooks.RegisterSecurity (bind.App binds both).
func Register(app core.App) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		api := se.Router.Group("/api")
		api.POST("/auth/logout", logout).Bind(apis.RequireAuth())
		api.GET("/analytics/usage", ownUsage).Bind(apis.RequireAuth(), common.RequireUser())
		api.GET("/analytics/usage/all", allUsage).Bind(apis.RequireAuth())
		return se.Next()
	})
}
