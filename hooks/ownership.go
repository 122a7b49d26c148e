package hooks

import (
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"trackbase/collections"
)

// parentFields names, per collection, the relation that says whose a row is.
// It is filled in from the caller on create and can never change on update:
// rules check the row as it is, so moving it to another owner must be refused here.
var parentFields = map[string]string{
	collections.MealFoods:       "meal",
	collections.WorkoutMuscles:  "workout",
	collections.SplitDays:       "split",
	collections.SplitDayTargets: "split_day",
	collections.Foods:           "created_by",
}

func init() {
	for _, c := range collections.PerUser {
		parentFields[c] = "user"
	}
}

func bindOwnership(app core.App) {
	owned := make([]string, 0, len(parentFields))
	for c := range parentFields {
		owned = append(owned, c)
	}

	// `user` (and `created_by` of foods) default to the caller; the create
	// rule has already refused a body that names someone else.
	app.OnRecordCreateRequest(owned...).BindFunc(func(e *core.RecordRequestEvent) error {
		field := parentFields[e.Collection.Name]
		if (field == "user" || field == "created_by") && e.Record.GetString(field) == "" &&
			e.Auth != nil && e.Auth.Collection().Name == collections.Users {
			e.Record.Set(field, e.Auth.Id)
		}
		return e.Next()
	})

	app.OnRecordUpdateRequest(owned...).BindFunc(func(e *core.RecordRequestEvent) error {
		field := parentFields[e.Collection.Name]
		if e.Record.GetString(field) != e.Record.Original().GetString(field) && !e.HasSuperuserAuth() {
			return e.BadRequestError("Failed to update record.", validation.Errors{
				field: validation.NewError("validation_immutable", "This field cannot be changed."),
			})
		}
		return e.Next()
	})
}
