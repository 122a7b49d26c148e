package workouts

import (
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"trackbase/routes/common"
)

// recentDays is the window of /api/workouts/recent: today and the 29 days before.
const recentDays = 30

type recentWorkout struct {
	Workout        string  `db:"workout" json:"workout"`
	WorkoutName    string  `db:"workout_name" json:"workout_name"`
	LastLogged     string  `db:"date_time" json:"last_logged"`
	LastWeight     float64 `db:"weight" json:"last_weight"`
	LastWeightUnit string  `db:"weight_unit" json:"last_weight_unit"`
	LastWeightKg   float64 `db:"weight_kg" json:"last_weight_kg"`
	LastReps       int     `db:"reps" json:"last_reps"`
	LastRIR        int     `db:"rir" json:"last_rir"`
	SetCount       int     `db:"set_count" json:"set_count"`
}

// recent answers GET /api/workouts/recent?limit=10: the workouts the caller
// logged in the last 30 days, most recent first, each with the values of its
// last set (by date_time) and its number of sets in the window.
func recent(e *core.RequestEvent) error {
	limit, err := recentLimit.Int(e)
	if err != nil {
		return err
	}
	loc := common.Location(e.Auth)
	today := common.Today(loc)
	y, m, d := today.Date()
	since := time.Date(y, m, d-(recentDays-1), 0, 0, 0, 0, loc)
	kg, kgParams, err := kgOf(e.App)
	if err != nil {
		return err
	}
	rows := []recentWorkout{}
	// One GROUP BY with a single max(): SQLite then takes the other bare
	// columns from the row holding that max, here the last set by date_time,
	// then created, then id (the key is unique, so ties are settled). It
	// sorts only the grouping keys, four times cheaper than a window function.
	err = e.App.DB().NewQuery(`
		SELECT x.workout, w.workout_name, x.date_time, x.weight, x.weight_unit, x.weight_kg, x.reps, x.rir, x.set_count
		FROM (
			SELECT wl.workout, wl.date_time, wl.weight, wl.weight_unit, ` + kg + ` AS weight_kg,
				COALESCE(wl.reps, 0) AS reps, COALESCE(wl.rir, 0) AS rir, COUNT(*) AS set_count,
				MAX(wl.date_time || wl.created || wl.id) AS last_key
			FROM {{workout_logs}} wl
			WHERE wl.[[user]] = {:user} AND wl.date_time >= {:since}
			GROUP BY wl.workout
		) x JOIN {{workouts}} w ON w.id = x.workout
		ORDER BY x.date_time DESC, x.last_key DESC
		LIMIT {:limit}`).
		Bind(merge(kgParams, dbx.Params{"user": e.Auth.Id, "since": common.DBTime(since), "limit": limit})).
		All(&rows)
	if err != nil {
		return err
	}
	for i := range rows {
		rows[i].LastWeightKg = round2(rows[i].LastWeightKg)
	}
	return common.OK(e, struct {
		Since    string          `json:"since"`
		Unit     string          `json:"unit"`
		Workouts []recentWorkout `json:"workouts"`
	}{since.Format(common.DayLayout), "kg", rows})
}
