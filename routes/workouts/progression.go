package workouts

import (
	"database/sql"
	"errors"
	"slices"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"trackbase/routes/common"
)

// progressionMetrics are the values of `metric`; the first is the default.
var progressionMetrics = []string{"e1rm", "volume", "max_weight", "avg_weight"}

type progressionPoint struct {
	Date      string  `db:"day" json:"date"`
	Value     float64 `db:"-" json:"value"` // the requested metric
	E1RM      float64 `db:"e1rm" json:"e1rm"`
	Volume    float64 `db:"volume" json:"volume"`
	MaxWeight float64 `db:"max_weight" json:"max_weight"`
	AvgWeight float64 `db:"avg_weight" json:"avg_weight"`
	Sets      int     `db:"sets" json:"sets"`
	Reps      int     `db:"reps" json:"reps"`
}

func (p progressionPoint) metric(name string) float64 {
	switch name {
	case "volume":
		return p.Volume
	case "max_weight":
		return p.MaxWeight
	case "avg_weight":
		return p.AvgWeight
	}
	return p.E1RM
}

// progression answers GET /api/workouts/progression?workout=&from&to&metric=
// (default: the last 90 days, e1rm): per day of the caller's sets of one
// workout (their own or a public one), the Epley e1RM of the best set,
// volume, heaviest and mean set weight, all in kg.
func progression(e *core.RequestEvent) error {
	query := e.Request.URL.Query()
	metric := query.Get("metric")
	if metric == "" {
		metric = progressionMetrics[0]
	}
	if !slices.Contains(progressionMetrics, metric) {
		return common.FieldError(e, "metric", "metric must be one of e1rm, volume, max_weight, avg_weight.")
	}
	workoutID := query.Get("workout")
	if workoutID == "" {
		return common.FieldError(e, "workout", "workout is required.")
	}
	loc := common.Location(e.Auth)
	from, to, err := common.RangeParams(e, loc, 90, maxRangeDays)
	if err != nil {
		return err
	}

	workout := struct {
		ID   string `db:"id" json:"id"`
		Name string `db:"workout_name" json:"workout_name"`
	}{}
	err = e.App.DB().NewQuery(`SELECT id, workout_name FROM {{workouts}}
		WHERE id = {:id} AND ([[user]] = {:user} OR make_public = TRUE)`).
		Bind(dbx.Params{"id": workoutID, "user": e.Auth.Id}).One(&workout)
	if errors.Is(err, sql.ErrNoRows) {
		return e.NotFoundError("Workout not found.", nil)
	}
	if err != nil {
		return err
	}

	kg, kgParams, err := kgOf(e.App)
	if err != nil {
		return err
	}
	end := common.NextDay(to)
	dayExpr, dayParams := common.LocalDay("wl.date_time", loc, from, end)
	points := []progressionPoint{}
	err = e.App.DB().NewQuery(`
		SELECT ` + dayExpr + ` AS day, COUNT(*) AS sets, COALESCE(SUM(wl.reps), 0) AS reps,
			SUM(` + kg + ` * wl.reps) AS volume, MAX(` + kg + `) AS max_weight, AVG(` + kg + `) AS avg_weight,
			MAX(` + kg + ` * (1 + wl.reps / 30.0)) AS e1rm
		FROM {{workout_logs}} wl
		WHERE wl.[[user]] = {:user} AND wl.workout = {:workout} AND wl.date_time >= {:start} AND wl.date_time < {:end}
		GROUP BY day ORDER BY day`).
		Bind(merge(kgParams, dayParams, dbx.Params{"user": e.Auth.Id, "workout": workoutID,
			"start": common.DBTime(from), "end": common.DBTime(end)})).
		All(&points)
	if err != nil {
		return err
	}
	for i := range points {
		p := &points[i]
		p.E1RM, p.Volume, p.MaxWeight, p.AvgWeight = round2(p.E1RM), round2(p.Volume), round2(p.MaxWeight), round2(p.AvgWeight)
		p.Value = p.metric(metric)
	}
	return common.OK(e, struct {
		Workout any                `json:"workout"`
		Metric  string             `json:"metric"`
		Unit    string             `json:"unit"`
		From    string             `json:"from"`
		To      string             `json:"to"`
		Points  []progressionPoint `json:"points"`
	}{workout, metric, "kg", from.Format(common.DayLayout), to.Format(common.DayLayout), points})
}
