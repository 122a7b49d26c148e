package hooks

import (
	"database/sql"
	"errors"
	"strings"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"trackbase/collections"
)

// defaultMusclePriority is the priority a new user's muscle_logs start with.
const defaultMusclePriority = 80

// bindSignup binds sign-up; requireInvite: sign-up needs an unused invite key.
func bindSignup(app core.App, requireInvite bool) {
	// Sign-up through the API: resolve the invite key the client sent (the key
	// text, or a record id) before the record is validated.
	app.OnRecordCreateRequest(collections.Users).BindFunc(func(e *core.RecordRequestEvent) error {
		if e.HasSuperuserAuth() {
			return e.Next()
		}
		if err := resolveInviteKey(e, requireInvite); err != nil {
			return err
		}
		return e.Next()
	})

	// invite_key is hidden, so PocketBase would silently drop it from an
	// update's data and no rule can see it: refuse it instead of ignoring it.
	app.OnRecordUpdateRequest(collections.Users).BindFunc(func(e *core.RecordRequestEvent) error {
		if e.HasSuperuserAuth() {
			return e.Next()
		}
		if raw, err := submittedInviteKey(e); err != nil || raw != "" {
			return e.BadRequestError("The invite key cannot be changed.", validation.Errors{
				"invite_key": validation.NewError("validation_immutable", "The invite key cannot be changed."),
			})
		}
		return e.Next()
	})

	// Every new user, however created, gets a role, a first goals row and a
	// priority for every muscle, in the same transaction as the user row.
	app.OnRecordCreate(collections.Users).BindFunc(func(e *core.RecordEvent) error {
		if e.Record.GetString("access_level") == "" {
			id, err := collections.AccessLevelID(e.App, collections.RoleUser)
			if err != nil {
				return err
			}
			e.Record.Set("access_level", id)
		}
		if e.Record.GetString("timezone") == "" {
			e.Record.Set("timezone", "UTC")
		}
		if e.Record.GetString("unit_preference") == "" {
			e.Record.Set("unit_preference", "metric")
		}
		return e.App.RunInTransaction(func(txApp core.App) error {
			e.App = txApp
			if err := e.Next(); err != nil {
				return err
			}
			return createUserDefaults(txApp, e.Record.Id)
		})
	})
}

// submittedInviteKey reads `invite_key` from the request body itself:
// PocketBase drops hidden fields from the data a non-superuser submits, so
// the record never sees it.
func submittedInviteKey(e *core.RecordRequestEvent) (string, error) {
	var body struct {
		InviteKey string `json:"invite_key" form:"invite_key"`
	}
	if err := e.BindBody(&body); err != nil {
		return "", err
	}
	return strings.TrimSpace(body.InviteKey), nil
}

const invalidInviteKey = "This invite key is invalid or has already been used."

func resolveInviteKey(e *core.RecordRequestEvent, requireInvite bool) error {
	raw, err := submittedInviteKey(e)
	if err != nil {
		return e.BadRequestError("Invalid invite key.", validation.Errors{
			"invite_key": validation.NewError("validation_invalid_invite_key", "The invite key must be a string."),
		})
	}
	if raw == "" {
		if requireInvite {
			return e.BadRequestError("An invite key is required to sign up.", validation.Errors{
				"invite_key": validation.NewError("validation_required", "An invite key is required."),
			})
		}
		return nil
	}
	// an unknown key and a used one get the same answer, so that nobody can
	// probe which keys exist
	key, err := e.App.FindFirstRecordByFilter(collections.InviteKeys, "key = {:k} || id = {:k}", dbx.Params{"k": raw})
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return e.InternalServerError("", err)
	}
	var used int64
	if key != nil {
		if used, err = e.App.CountRecords(collections.Users, dbx.HashExp{"invite_key": key.Id}); err != nil {
			return e.InternalServerError("", err)
		}
	}
	if key == nil || used > 0 {
		return e.BadRequestError(invalidInviteKey, validation.Errors{
			"invite_key": validation.NewError("validation_invalid_invite_key", invalidInviteKey),
		})
	}
	e.Record.Set("invite_key", key.Id)
	return nil
}

// createUserDefaults writes the first user_goals row and one muscle_logs row
// per muscle with a single INSERT … SELECT each.
func createUserDefaults(app core.App, userID string) error {
	goals, err := app.FindCachedCollectionByNameOrId(collections.UserGoals)
	if err != nil {
		return err
	}
	goal := core.NewRecord(goals)
	goal.Set("user", userID)
	goal.Set("tokens_goal", 1000)
	if err := app.Save(goal); err != nil {
		return err
	}
	_, err = app.DB().NewQuery(`
		INSERT OR IGNORE INTO {{muscle_logs}} ([[id]], [[user]], [[muscle]], [[priority]], [[created]], [[updated]])
		SELECT substr(lower(hex(randomblob(8))), 1, 15), {:user}, [[id]], {:priority},
		       strftime('%Y-%m-%d %H:%M:%fZ'), strftime('%Y-%m-%d %H:%M:%fZ')
		FROM {{muscles}}`).Bind(dbx.Params{"user": userID, "priority": defaultMusclePriority}).Execute()
	return err
}
