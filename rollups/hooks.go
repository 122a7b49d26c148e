package rollups

import (
	"database/sql"
	"errors"
	"slices"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"trackbase/collections"
	"trackbase/registry"
	"trackbase/routes/common"
)

// Bind keeps the rollups right in the transaction of every write that
// changes them: a tracker's row (food logs included) recomputes the days it
// was and is on, a user's new time zone all of the user's days, and a food's
// new nutrients every day that logs it.
func Bind(app core.App) {
	for _, t := range registry.Trackers {
		recompute := func(tx core.App, records ...*core.Record) error {
			for _, r := range records {
				if err := recomputeDayOf(tx, t, r); err != nil {
					return err
				}
			}
			return nil
		}
		app.OnRecordCreateExecute(t.Collection).BindFunc(func(e *core.RecordEvent) error {
			return inTx(e, func(tx core.App) error { return recompute(tx, e.Record) })
		})
		app.OnRecordUpdateExecute(t.Collection).BindFunc(func(e *core.RecordEvent) error {
			return inTx(e, func(tx core.App) error { return recompute(tx, e.Record.Original(), e.Record) })
		})
		app.OnRecordDeleteExecute(t.Collection).BindFunc(func(e *core.RecordEvent) error {
			return inTx(e, func(tx core.App) error { return recompute(tx, e.Record) })
		})
	}
	app.OnRecordUpdateExecute(collections.Users).BindFunc(func(e *core.RecordEvent) error {
		if e.Record.GetString("timezone") == e.Record.Original().GetString("timezone") {
			return e.Next()
		}
		return inTx(e, func(tx core.App) error { return RecomputeUser(tx, e.Record.Id) })
	})
	app.OnRecordUpdateExecute(collections.Foods).BindFunc(func(e *core.RecordEvent) error {
		changed := slices.ContainsFunc(Summed, func(n string) bool {
			return e.Record.GetFloat(n) != e.Record.Original().GetFloat(n)
		})
		if !changed {
			return e.Next()
		}
		return inTx(e, func(tx core.App) error { return recomputeFood(tx, e.Record.Id) })
	})
}

// inTx runs the write and then after in one transaction.
func inTx(e *core.RecordEvent, after func(tx core.App) error) error {
	app := e.App
	defer func() { e.App = app }()
	return app.RunInTransaction(func(tx core.App) error {
		e.App = tx
		if err := e.Next(); err != nil {
			return err
		}
		return after(tx)
	})
}

// recomputeDayOf recomputes the day a tracker's row falls on for its owner.
func recomputeDayOf(tx core.App, t registry.Tracker, r *core.Record) error {
	user := r.GetString("user")
	at := r.GetDateTime(t.TimeField)
	if user == "" || at.IsZero() {
		return nil
	}
	loc, err := userLocation(tx, user)
	if errors.Is(err, sql.ErrNoRows) {
		return nil // the user is being deleted: its rollups go with it
	}
	if err != nil {
		return err
	}
	day, err := localDay(at.String(), t.DateOnly(), loc)
	if err != nil {
		return err
	}
	return Write(tx, user, loc, day, common.NextDay(day))
}

// recomputeFood recomputes, for each user who logged the food, the days
// from their first to their last log of it.
func recomputeFood(tx core.App, food string) error {
	var rows []struct {
		User string `db:"user"`
		Lo   string `db:"lo"`
		Hi   string `db:"hi"`
	}
	if err := tx.DB().NewQuery(`SELECT [[user]] AS user, MIN(date_time) AS lo, MAX(date_time) AS hi
		FROM {{food_logs}} WHERE food = {:food} GROUP BY [[user]]`).Bind(dbx.Params{"food": food}).All(&rows); err != nil {
		return err
	}
	for _, r := range rows {
		loc, err := userLocation(tx, r.User)
		if err != nil {
			return err
		}
		bounds := [2]time.Time{}
		for i, s := range []string{r.Lo, r.Hi} {
			if bounds[i], err = localDay(s, false, loc); err != nil {
				return err
			}
		}
		if err := Write(tx, r.User, loc, bounds[0], common.NextDay(bounds[1])); err != nil {
			return err
		}
	}
	return nil
}

func userLocation(app core.App, user string) (*time.Location, error) {
	u, err := app.FindRecordById(collections.Users, user)
	if err != nil {
		return nil, err
	}
	return common.Location(u), nil
}
