package hooks

import (
	"net/http"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
)

// NoStoreMiddlewareId is the id of the Cache-Control middleware (noStore).
const NoStoreMiddlewareId = "trackbaseNoStore"

// noStore keeps answers to authenticated requests (health data, tokens), and
// the answers of the session routes (a sign-in's token, a sign-up's account,
// a password reset), out of browser and proxy caches.
func noStore() *hook.Handler[*core.RequestEvent] {
	return &hook.Handler[*core.RequestEvent]{
		Id:       NoStoreMiddlewareId,
		Priority: apis.DefaultLoadAuthTokenMiddlewarePriority + 2,
		Func: func(e *core.RequestEvent) error {
			if e.Auth != nil || (isGuestRoute(e) && e.Request.Method == http.MethodPost) {
				e.Response.Header().Set("Cache-Control", "no-store")
			}
			return e.Next()
		},
	}
}
