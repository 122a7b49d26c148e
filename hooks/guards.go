package hooks

import (
	"errors"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"trackbase/collections"
)

func bindDeleteGuards(app core.App) {
	// No one loses their logs or meals to someone else's delete: a food that
	// another user has logged or put in a meal stays (the cascade would remove
	// their rows). Deleting your own food removes your own logs of it.
	app.OnRecordDeleteRequest(collections.Foods).BindFunc(func(e *core.RecordRequestEvent) error {
		var others int
		err := e.App.DB().NewQuery(`SELECT
			(SELECT COUNT(*) FROM {{food_logs}} WHERE [[food]] = {:food} AND [[user]] != {:creator}) +
			(SELECT COUNT(*) FROM {{meal_foods}} mf JOIN {{meals}} m ON m.id = mf.meal
			 WHERE mf.food = {:food} AND m.user != {:creator})`).
			Bind(dbx.Params{"food": e.Record.Id, "creator": e.Record.GetString("created_by")}).Row(&others)
		if err != nil {
			return err
		}
		if others > 0 {
			return e.BadRequestError("Other users have logged this food or put it in a meal, so it cannot be deleted; make it private instead.", nil)
		}
		return e.Next()
	})

	// An invite key that a user signed up with is kept (the original's PROTECT).
	app.OnRecordDelete(collections.InviteKeys).BindFunc(func(e *core.RecordEvent) error {
		n, err := e.App.CountRecords(collections.Users, dbx.HashExp{"invite_key": e.Record.Id})
		if err != nil {
			return err
		}
		if n > 0 {
			return errors.New("this invite key was used by a user and cannot be deleted")
		}
		return e.Next()
	})
}

func bindCaches(app core.App) {
	forgetUnits := func(e *core.RecordEvent) error { collections.ForgetUnits(e.App); return e.Next() }
	app.OnRecordAfterCreateSuccess(collections.Units).BindFunc(forgetUnits)
	app.OnRecordAfterUpdateSuccess(collections.Units).BindFunc(forgetUnits)
	app.OnRecordAfterDeleteSuccess(collections.Units).BindFunc(forgetUnits)
	forgetRoles := func(e *core.RecordEvent) error { collections.ForgetRoles(e.App); return e.Next() }
	app.OnRecordAfterCreateSuccess(collections.AccessLevels).BindFunc(forgetRoles)
	app.OnRecordAfterUpdateSuccess(collections.AccessLevels).BindFunc(forgetRoles)
	app.OnRecordAfterDeleteSuccess(collections.AccessLevels).BindFunc(forgetRoles)
}
