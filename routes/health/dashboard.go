package health

import (
	"strconv"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"trackbase/bodymetrics"
	"trackbase/registry"
	"trackbase/routes/common"
	"trackbase/routes/workouts"
)

// dashboard answers GET /api/dashboard?date=YYYY-MM-DD (default today): the
// day's goals, what was eaten, what remains, the activity that earns calories
// back, the split day's activation and the trackers not logged yet.
func dashboard(e *core.RequestEvent) error {
	c, err := newCaller(e)
	if err != nil {
		return err
	}
	day, err := common.DayParam(e, "date", c.loc)
	if err != nil {
		return err
	}
	end := common.NextDay(day)
	window := dbx.Params{"user": c.id, "start": common.DBTime(day), "end": common.DBTime(end),
		"d0": utcDate(day), "d1": utcDate(end)}

	goal, err := c.goalAt(end)
	if err != nil {
		return err
	}
	goals := goalValues(goal)

	row := dbx.NullStringMap{}
	err = c.app.DB().NewQuery(`SELECT ` + nutrientSums() + `, COALESCE(SUM(fl.tokens_used), 0) AS tokens, COUNT(*) AS entries
		FROM {{food_logs}} fl JOIN {{foods}} f ON f.id = fl.food
		WHERE fl.[[user]] = {:user} AND fl.date_time >= {:start} AND fl.date_time < {:end}`).
		Bind(window).One(&row)
	if err != nil {
		return err
	}
	eaten, err := totalsOf(row)
	if err != nil {
		return err
	}
	tokens, err := strconv.ParseFloat(row["tokens"].String, 64)
	if err != nil {
		return err
	}
	entries, err := strconv.Atoi(row["entries"].String)
	if err != nil {
		return err
	}
	consumed := eaten.byName()
	consumed["tokens"] = tokens
	remaining := map[string]float64{}
	for k, g := range goals {
		remaining[k] = bodymetrics.Round(g-consumed[k], 2)
	}

	act, logged, err := c.dayActivity(window)
	if err != nil {
		return err
	}
	var stepsKcal *float64
	if act.Steps > 0 {
		kg, _, ok, err := c.latestWeight(end)
		if err != nil {
			return err
		}
		if height := c.user.GetFloat("height_cm"); ok && height > 0 {
			v := bodymetrics.Round(bodymetrics.StepsKcal(act.Steps, height, kg), 1)
			stepsKcal = &v
		}
	}
	var calorieRemaining *float64
	if g, ok := goals["calories"]; ok {
		v := g - eaten[registry.Energy.Name] + act.CardioKcal
		if stepsKcal != nil {
			v += *stepsKcal
		}
		v = bodymetrics.Round(v, 1)
		calorieRemaining = &v
	}

	activation, err := workouts.ActivationByDay(c.app, c.id, c.loc, day, day)
	if err != nil {
		return err
	}
	type trackerRef struct {
		ID    string `json:"id"`
		Label string `json:"label"`
	}
	notLogged := []trackerRef{}
	for _, t := range trackers {
		if !logged[t.ID] {
			notLogged = append(notLogged, trackerRef{t.ID, t.Label})
		}
	}

	units := map[string]string{"tokens": "tokens", "cardio_kcal": "kcal", "steps_kcal_estimate": "kcal", "calorie_remaining": "kcal"}
	for k, v := range nutrientUnits {
		units[k] = v
	}
	return common.OK(e, map[string]any{
		"date": day.Format(common.DayLayout), "timezone": c.loc.String(),
		"goals": goals, "consumed": consumed, "remaining": remaining, "entries": entries,
		"macro_split": eaten.macroSplit(), "cardio_kcal": act.CardioKcal, "steps": act.Steps,
		"steps_kcal_estimate": stepsKcal, "calorie_remaining": calorieRemaining,
		"split": activation[0], "trackers_not_logged": notLogged, "units": units,
	})
}

type dayActivity struct {
	CardioKcal    float64 `db:"cardio_kcal"`
	Steps         float64 `db:"steps"`
	Weight        bool    `db:"logged_weight"`
	Water         bool    `db:"logged_water"`
	BodyMeasure   bool    `db:"logged_body_measurement"`
	StepsLogged   bool    `db:"logged_steps"`
	Cardio        bool    `db:"logged_cardio"`
	Sleep         bool    `db:"logged_sleep"`
	HealthMetrics bool    `db:"logged_health_metrics"`
	Food          bool    `db:"logged_food"`
	WorkoutLogged bool    `db:"logged_workout"`
}

// dayActivity sums the day's cardio and steps and tells which trackers have a
// row that day, in one query.
func (c *caller) dayActivity(window dbx.Params) (dayActivity, map[string]bool, error) {
	sql := `SELECT
		(SELECT COALESCE(SUM(calories_burned), 0) FROM {{cardio_logs}} WHERE [[user]] = {:user} AND date_time >= {:start} AND date_time < {:end}) AS cardio_kcal,
		(SELECT COALESCE(SUM(steps), 0) FROM {{steps_logs}} WHERE [[user]] = {:user} AND date_time >= {:start} AND date_time < {:end}) AS steps`
	for _, t := range trackers {
		cond := "date_time >= {:start} AND date_time < {:end}"
		if t.DateOnly {
			cond = "date >= {:d0} AND date < {:d1}"
		}
		sql += `, EXISTS (SELECT 1 FROM {{` + t.Table + `}} WHERE [[user]] = {:user} AND ` + cond + `) AS [[logged_` + t.ID + `]]`
	}
	var a dayActivity
	if err := c.app.DB().NewQuery(sql).Bind(window).One(&a); err != nil {
		return a, nil, err
	}
	return a, map[string]bool{
		"weight": a.Weight, "water": a.Water, "body_measurement": a.BodyMeasure, "steps": a.StepsLogged,
		"cardio": a.Cardio, "sleep": a.Sleep, "health_metrics": a.HealthMetrics, "food": a.Food, "workout": a.WorkoutLogged,
	}, nil
}
