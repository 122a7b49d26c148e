package hooks

import (
	"strings"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"

	"trackbase/authtoken"
	"trackbase/collections"
)

// RevocationMiddlewareId is the id of the token check (revocationCheck),
// exported so that a benchmark can unbind it.
const RevocationMiddlewareId = "trackbaseRevokedTokens"

// RequestToken is the auth token of the request, read the way PocketBase's
// loadAuthToken reads it (an optional "Bearer " prefix).
func RequestToken(e *core.RequestEvent) string {
	token := e.Request.Header.Get("Authorization")
	if len(token) > 7 && strings.EqualFold(token[:7], "Bearer ") {
		return token[7:]
	}
	return token
}

// revocationCheck answers 401 to a request carrying a token that is revoked,
// that is not spelled canonically (authtoken.IsCanonical), or that PocketBase
// did not accept (expired, or signed with a tokenKey that "log out
// everywhere" or a password change has since rotated). PocketBase
// alone would serve such a request as a guest's, so a CRUD list would answer
// 200 with no items. It runs right after PocketBase loads the token, before
// any route: CRUD, realtime, files and custom routes are all covered.
func revocationCheck() *hook.Handler[*core.RequestEvent] {
	return &hook.Handler[*core.RequestEvent]{
		Id:       RevocationMiddlewareId,
		Priority: apis.DefaultLoadAuthTokenMiddlewarePriority + 1,
		Func: func(e *core.RequestEvent) error {
			token := RequestToken(e)
			if token == "" || (e.Auth != nil && authtoken.IsCanonical(token) && !revocations(e.App).revokedToken(token)) {
				return e.Next()
			}
			e.Auth = nil
			if isGuestRoute(e) {
				return e.Next()
			}
			return e.UnauthorizedError("The token is invalid, expired or revoked; sign in again.", nil)
		},
	}
}

// guestRoutes work without a session. The JS SDK sends whatever token its
// authStore holds, so a stale one is ignored there rather than refused: a
// logged-out device can still sign in, sign up or reset its password.
var guestRoutes = map[string]bool{
	"GET /api/health":                                           true,
	"GET /api/oauth2-redirect":                                  true,
	"POST /api/oauth2-redirect":                                 true,
	"GET /api/collections/{collection}/auth-methods":            true,
	"POST /api/collections/{collection}/auth-with-password":     true,
	"POST /api/collections/{collection}/auth-with-oauth2":       true,
	"POST /api/collections/{collection}/request-otp":            true,
	"POST /api/collections/{collection}/auth-with-otp":          true,
	"POST /api/collections/{collection}/request-password-reset": true,
	"POST /api/collections/{collection}/confirm-password-reset": true,
	"POST /api/collections/{collection}/request-verification":   true,
	"POST /api/collections/{collection}/confirm-verification":   true,
	"POST /api/collections/{collection}/confirm-email-change":   true,
}

func isGuestRoute(e *core.RequestEvent) bool {
	if guestRoutes[e.Request.Pattern] {
		return true
	}
	// sign-up
	return e.Request.Pattern == "POST /api/collections/{collection}/records" &&
		e.Request.PathValue("collection") == collections.Users
}
