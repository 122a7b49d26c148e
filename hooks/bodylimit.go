package hooks

import (
	"errors"
	"strings"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
)

// JSONBodyLimitMiddlewareId is the id of the body limit (jsonBodyLimit).
const JSONBodyLimitMiddlewareId = "trackbaseJSONBodyLimit"

// MaxJSONBody is the largest non-multipart request body accepted (413 above).
// The biggest legitimate JSON body (a batch of 50 records) stays far below it;
// multipart uploads keep PocketBase's own per-collection limits.
const MaxJSONBody int64 = 1 << 20

// jsonBodyLimit answers 413 to a non-multipart body over MaxJSONBody.
// Superusers are exempt (collection imports can be large).
func jsonBodyLimit() *hook.Handler[*core.RequestEvent] {
	limit := apis.BodyLimit(MaxJSONBody)
	return &hook.Handler[*core.RequestEvent]{
		Id:       JSONBodyLimitMiddlewareId,
		Priority: apis.DefaultLoadAuthTokenMiddlewarePriority + 3,
		Func: func(e *core.RequestEvent) error {
			contentType := strings.ToLower(e.Request.Header.Get("Content-Type"))
			if strings.HasPrefix(contentType, "multipart/") || e.HasSuperuserAuth() {
				return e.Next()
			}
			err := limit.Func(e)
			// a body without Content-Length is cut while being read, and the
			// handler reports that as a malformed body (400)
			if err != nil && errors.Is(err, apis.ErrRequestEntityTooLarge) {
				return apis.ErrRequestEntityTooLarge
			}
			return err
		},
	}
}
