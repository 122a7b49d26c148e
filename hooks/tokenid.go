package hooks

import (
	"github.com/pocketbase/pocketbase/core"

	"trackbase/authtoken"
)

// addTokenId gives every token issued by a sign-in or refresh its own id
// (authtoken.WithId), so that logging one device out leaves the others.
func addTokenId(e *core.RecordAuthRequestEvent) error {
	if e.Token != "" {
		token, err := authtoken.WithId(e.Record, e.Token)
		if err != nil {
			return e.InternalServerError("", err)
		}
		e.Token = token
	}
	return e.Next()
}
