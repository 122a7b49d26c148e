package hooks

import (
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"trackbase/collections"
)

// bindOwnership fills in and freezes the field that says whose a row is (see
// collections.Ownership): it defaults to the caller on create and can never
// change on update, since rules check the row as it is, so moving it to
// another owner must be refused here.
func bindOwnership(app core.App) {
	ownerOf := func(e *core.RecordRequestEvent) (collections.Owner, bool, error) {
		g, err := collections.Ownership(e.App)
		if err != nil {
			return collections.Owner{}, false, err
		}
		o, ok := g[e.Collection.Name]
		return o, ok, nil
	}

	// a direct owner defaults to the caller; the create rule has already
	// refused a body that names someone else
	app.OnRecordCreateRequest().BindFunc(func(e *core.RecordRequestEvent) error {
		o, ok, err := ownerOf(e)
		if err != nil {
			return err
		}
		if ok && o.Parent == collections.Users && e.Record.GetString(o.Field) == "" &&
			e.Auth != nil && e.Auth.Collection().Name == collections.Users {
			e.Record.Set(o.Field, e.Auth.Id)
		}
		return e.Next()
	})

	app.OnRecordUpdateRequest().BindFunc(func(e *core.RecordRequestEvent) error {
		o, ok, err := ownerOf(e)
		if err != nil {
			return err
		}
		if ok && e.Record.GetString(o.Field) != e.Record.Original().GetString(o.Field) && !e.HasSuperuserAuth() {
			return e.BadRequestError("Failed to update record.", validation.Errors{
				o.Field: validation.NewError("validation_immutable", "This field cannot be changed."),
			})
		}
		return e.Next()
	})
}
