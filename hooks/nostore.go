package hooks

import (
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
)

// NoStoreMiddlewareId is the id of the Cache-Control middleware (noStore).
const NoStoreMiddlewareId = "trackbaseNoStore"

// noStore keeps answers to authenticated requests (health data, tokens) out
// of browser and proxy caches.
func noStore() *hook.Handler[*core.RequestEvent] {
	return &hook.Handler[*core.RequestEvent]{
		Id:       NoStoreMiddlewareId,
		Priority: apis.DefaultLoadAuthTokenMiddlewarePriority + 2,
		Func: func(e *core.RequestEvent) error {
			if e.Auth != nil {
				e.Response.Header().Set("Cache-Control", "no-store")
			}
			return e.Next()
		},
	}
}
