package hooks

import (
	"github.com/pocketbase/pocketbase/core"

	"trackbase/collections"
	"trackbase/djangohash"
)

// bindLegacyPasswords lets an account moved from the Django original sign in
// with its old password: when PocketBase's password does not match and the
// Django hash does, the password becomes PocketBase's (SetPassword) and the
// Django hash is cleared, so only PocketBase's hash is kept from then on.
func bindLegacyPasswords(app core.App) {
	app.OnRecordAuthWithPasswordRequest(collections.Users).BindFunc(func(e *core.RecordAuthWithPasswordRequestEvent) error {
		r := e.Record
		if r == nil || r.ValidatePassword(e.Password) {
			return e.Next()
		}
		legacy := r.GetString(collections.LegacyPasswordHash)
		if legacy == "" || !djangohash.Verify(legacy, e.Password) {
			return e.Next()
		}
		r.SetPassword(e.Password)
		r.Set(collections.LegacyPasswordHash, "")
		// without validation: Django may have accepted a password shorter
		// than the users collection's minimum, and it is the user's own
		if err := e.App.SaveNoValidate(r); err != nil {
			return err
		}
		return e.Next()
	})
}
