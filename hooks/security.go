package hooks

import (
	"github.com/pocketbase/pocketbase/core"
)

// RegisterSecurity binds every session and hardening hook of this package:
// token revocation (checked on every request, CRUD and realtime included),
// distinct tokens per sign-in, the hourly purge of expired revocations,
// Cache-Control on authenticated answers, the JSON body limit, the per-user
// AI rate limit, the error tracker (errortracking.go), and the bounds on what
// one request may cost with the auth lookup that tells a busy database from
// a bad token (querycost.go, authlookup.go).
func RegisterSecurity(app core.App) {
	bindRevocations(app)
	bindQueryCost(app)
	app.OnRecordAuthRequest().BindFunc(addTokenId)
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.Bind(revocationCheck(), noStore(), jsonBodyLimit(), aiRateLimit(), errorTracker())
		return se.Next()
	})
}
