package hooks

import (
	"context"
	"database/sql"
	"errors"
	"net/http"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
	"github.com/pocketbase/pocketbase/tools/security"

	"trackbase/authtoken"
)

// LoadAuthMiddlewareId is the id of the middleware that loads the request's
// auth record in place of PocketBase's (apis.DefaultLoadAuthTokenMiddlewareId).
const LoadAuthMiddlewareId = "trackbaseLoadAuthToken"

// AuthLookupBudget is how long loading the signed-in record of a request
// may wait for the database before the request is answered 503.
const AuthLookupBudget = 5 * time.Second

// loadAuthToken replaces PocketBase's middleware (its id cannot be reused:
// unbinding an id excludes it from every route), which
// serves a request as a guest's whenever the token's record could not be
// loaded, so a valid token got 401 "sign in again" while the database was
// busy. Here only a token that is wrong (malformed, unknown record, bad
// signature, expired) makes a guest; a lookup that failed is a 503.
func loadAuthToken() *hook.Handler[*core.RequestEvent] {
	return &hook.Handler[*core.RequestEvent]{
		Id:       LoadAuthMiddlewareId,
		Priority: apis.DefaultLoadAuthTokenMiddlewarePriority,
		Func: func(e *core.RequestEvent) error {
			token := RequestToken(e)
			if e.Auth != nil || token == "" {
				return e.Next()
			}
			record, err := authRecord(e, token)
			if err != nil {
				e.Response.Header().Set("Retry-After", "1")
				return e.Error(http.StatusServiceUnavailable, "Your sign-in could not be checked right now; try again shortly.", err)
			}
			e.Auth = record
			return e.Next()
		},
	}
}

// authRecord is the auth record a token of type "auth" was issued to, nil
// for a token that is not valid, and an error only when the database could
// not be asked.
func authRecord(e *core.RequestEvent, token string) (*core.Record, error) {
	claims, err := security.ParseUnverifiedJWT(token)
	if err != nil {
		return nil, nil
	}
	id, _ := claims[core.TokenClaimId].(string)
	collectionId, _ := claims[core.TokenClaimCollectionId].(string)
	if kind, _ := claims[core.TokenClaimType].(string); kind != core.TokenTypeAuth || id == "" {
		return nil, nil
	}
	collection, err := e.App.FindCachedCollectionByNameOrId(collectionId)
	if err != nil || !collection.IsAuth() {
		return nil, nil
	}

	ctx, cancel := context.WithTimeout(e.Request.Context(), AuthLookupBudget)
	defer cancel()
	record := &core.Record{}
	err = e.App.RecordQuery(collection).WithContext(ctx).AndWhere(dbx.HashExp{"id": id}).Limit(1).One(record)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}

	if _, err := security.ParseJWT(token, string(authtoken.SigningKey(record))); err != nil {
		return nil, nil
	}
	return record, nil
}
