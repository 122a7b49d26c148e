package hooks

import (
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"trackbase/collections"
)

// passwordChangeFields are what a password change sends.
var passwordChangeFields = map[string]bool{"password": true, "passwordConfirm": true, "oldPassword": true}

// bindGuestPasswordChange keeps guests read-only except for their own
// password: the users update rule lets a guest through only with a new
// password, and here any other field of the body is refused (400 naming it).
func bindGuestPasswordChange(app core.App) {
	app.OnRecordUpdateRequest(collections.Users).BindFunc(func(e *core.RecordRequestEvent) error {
		if collections.Role(e.App, e.Auth) != collections.RoleGuest {
			return e.Next()
		}
		info, err := e.RequestInfo()
		if err != nil {
			return e.BadRequestError("", err)
		}
		errs := validation.Errors{}
		for name := range info.Body {
			if !passwordChangeFields[name] {
				errs[name] = validation.NewError("validation_guest_read_only", "Guests can change only their password.")
			}
		}
		if len(errs) > 0 {
			return e.BadRequestError("Guests can change only their password.", errs)
		}
		return e.Next()
	})
}
