package hooks

import (
	"errors"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"trackbase/collections"
)

// refuseWhileUsed refuses (400, with message) a delete request of a record
// that others counts rows of other users depending on.
func refuseWhileUsed(app core.App, collection, message string, others func(core.App, *core.Record) (int64, error)) {
	app.OnRecordDeleteRequest(collection).BindFunc(func(e *core.RecordRequestEvent) error {
		n, err := others(e.App, e.Record)
		if err != nil {
			return err
		}
		if n > 0 {
			return e.BadRequestError(message, nil)
		}
		return e.Next()
	})
}

func bindDeleteGuards(app core.App) {
	// No one loses their logs or meals to someone else's delete: a food that
	// another user has logged or put in a meal stays (the cascade would remove
	// their rows). Deleting your own food removes your own logs of it.
	refuseWhileUsed(app, collections.Foods,
		"Other users have logged this food or put it in a meal, so it cannot be deleted; make it private instead.",
		func(app core.App, food *core.Record) (n int64, err error) {
			err = app.DB().NewQuery(`SELECT
				(SELECT COUNT(*) FROM {{food_logs}} WHERE [[food]] = {:food} AND [[user]] != {:creator}) +
				(SELECT COUNT(*) FROM {{meal_foods}} mf JOIN {{meals}} m ON m.id = mf.meal
				 WHERE mf.food = {:food} AND m.user != {:creator})`).
				Bind(dbx.Params{"food": food.Id, "creator": food.GetString("created_by")}).Row(&n)
			return n, err
		})

	// The same for workouts: a workout that other users logged sets of stays.
	// Deleting your own workout removes your own sets of it.
	refuseWhileUsed(app, collections.Workouts,
		"Other users have logged sets of this workout, so it cannot be deleted: they would lose their sets.",
		func(app core.App, workout *core.Record) (int64, error) {
			return app.CountRecords(collections.WorkoutLogs, dbx.HashExp{"workout": workout.Id},
				dbx.Not(dbx.HashExp{"user": workout.GetString("user")}))
		})

	// Deleting an account takes the user's workouts along, except those other
	// users logged sets of: they stay without owner (only superusers can edit
	// them, as a food whose creator is gone), with everyone's sets but the
	// deleted user's. In the delete's transaction, before the cascade.
	app.OnRecordDelete(collections.Users).BindFunc(func(e *core.RecordEvent) error {
		return e.App.RunInTransaction(func(tx core.App) error {
			var shared []*core.Record
			err := tx.RecordQuery(collections.Workouts).
				Where(dbx.HashExp{"user": e.Record.Id}).
				AndWhere(dbx.Exists(dbx.NewExp(`SELECT 1 FROM {{workout_logs}} l WHERE l.workout = [[workouts.id]] AND l.user != {:user}`,
					dbx.Params{"user": e.Record.Id}))).
				All(&shared)
			if err != nil {
				return err
			}
			for _, w := range shared {
				w.Set("user", "")
				if err := tx.Save(w); err != nil {
					return err
				}
			}
			original := e.App
			e.App = tx
			defer func() { e.App = original }()
			return e.Next()
		})
	})

	// An invite key that a user signed up with is kept: it records how that
	// user was let in.
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
	forgetOwnership := func(e *core.CollectionEvent) error { collections.ForgetOwnership(e.App); return e.Next() }
	app.OnCollectionAfterCreateSuccess().BindFunc(forgetOwnership)
	app.OnCollectionAfterUpdateSuccess().BindFunc(forgetOwnership)
	app.OnCollectionAfterDeleteSuccess().BindFunc(forgetOwnership)
}
