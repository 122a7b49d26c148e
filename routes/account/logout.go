package account

import (
	"errors"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/pocketbase/pocketbase/core"

	"trackbase/hooks"
	"trackbase/routes/common"
)

// logout revokes the presented token until it expires, or, with
// {"all": true}, every session of the caller (this one included).
func logout(e *core.RequestEvent) error {
	body := struct {
		All bool `json:"all"`
	}{}
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
	expires, err := tokenExpiry(e.Auth, token)
	if err != nil {
		return e.UnauthorizedError("", err)
	}
	if err := hooks.RevokeToken(e.App, e.Auth, token, expires); err != nil {
		return e.InternalServerError("", err)
	}
	return common.OK(e, map[string]any{"all": false, "revoked_until": common.DBTime(expires)})
}

// tokenExpiry verifies token against auth's signing key (the same key
// PocketBase checked it with) and returns its expiry. It fails for a token of
// another record or type, and for one without an expiry.
func tokenExpiry(auth *core.Record, token string) (time.Time, error) {
	key := auth.TokenKey() + auth.Collection().AuthToken.Secret
	claims := jwt.MapClaims{}
	_, err := jwt.NewParser(jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}), jwt.WithExpirationRequired()).
		ParseWithClaims(token, claims, func(*jwt.Token) (any, error) { return []byte(key), nil })
	if err != nil {
		return time.Time{}, err
	}
	if id, _ := claims[core.TokenClaimId].(string); id != auth.Id {
		return time.Time{}, errors.New("the token belongs to another record")
	}
	if kind, _ := claims[core.TokenClaimType].(string); kind != core.TokenTypeAuth {
		return time.Time{}, errors.New("not an auth token")
	}
	exp, err := claims.GetExpirationTime()
	if err != nil {
		return time.Time{}, err
	}
	return exp.Time, nil
}
