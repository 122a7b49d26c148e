package account

import (
	"github.com/pocketbase/pocketbase/core"

	"trackbase/authtoken"
	"trackbase/hooks"
	"trackbase/routes/common"
)

type logoutRequest struct {
	All bool `json:"all"`
}

// logout revokes the presented token until it expires, or, with
// {"all": true}, every session of the caller (this one included).
func logout(e *core.RequestEvent) error {
	body := logoutRequest{}
	if err := common.ReadJSON(e, &body); err != nil {
		return err
	}

	if body.All {
		if err := hooks.RevokeAllSessions(e.App, e.Auth); err != nil {
			return e.InternalServerError("", err)
		}
		return common.OK(e, map[string]any{"all": true})
	}

	token := hooks.RequestToken(e)
	expires, err := authtoken.Expiry(e.Auth, token)
	if err != nil {
		return e.UnauthorizedError("", err)
	}
	if err := hooks.RevokeToken(e.App, e.Auth, token, expires); err != nil {
		return e.InternalServerError("", err)
	}
	return common.OK(e, map[string]any{"all": false, "revoked_until": common.DBTime(expires)})
}
