package health

import (
	"strconv"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"trackbase/bodymetrics"
	"trackbase/plans"
	"trackbase/registry"
	"trackbase/routes/common"
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

	totals, logged, err := c.dayActivity(window)
	if err != nil {
		return err
	}
	steps, cardioKcal := totals[registry.Steps.ID], totals[registry.Cardio.ID]
	var stepsKcal *float64
	if steps > 0 {
		kg, _, ok, err := c.latestWeight(end)
		if err != nil {
			return err
		}
		if height := c.user.GetFloat("height_cm"); ok && height > 0 {
			v := bodymetrics.Round(bodymetrics.StepsKcal(steps, height, kg), 1)
			stepsKcal = &v
		}
	}
	var calorieRemaining *float64
	if g, ok := goals["calories"]; ok {
		v := g - eaten[registry.Energy.Name] + cardioKcal
		if stepsKcal != nil {
			v += *stepsKcal
		}
		v = bodymetrics.Round(v, 1)
		calorieRemaining = &v
	}

	activation, err := plans.ActivationByDay(c.app, c.id, c.loc, day, day)
	if err != nil {
		return err
	}
	type trackerRef struct {
		ID    string `json:"id"`
		Label string `json:"label"`
	}
	notLogged := []trackerRef{}
	for _, t := range registry.Trackers {
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
		"macro_split": eaten.macroSplit(), "cardio_kcal": cardioKcal, "steps": steps,
		"steps_kcal_estimate": stepsKcal, "calorie_remaining": calorieRemaining,
		"split": activation[0], "trackers_not_logged": notLogged, "units": units,
	})
}

// dayActivity tells which trackers have a row of the user on the day and
// adds up the trackers' totals (steps, kcal burned), in one query.
func (c *caller) dayActivity(window dbx.Params) (totals map[string]float64, logged map[string]bool, err error) {
	var cols []string
	for _, t := range registry.Trackers {
		cond := "[[" + t.TimeField + "]] >= {:start} AND [[" + t.TimeField + "]] < {:end}"
		if t.DateOnly() {
			cond = "[[" + t.TimeField + "]] >= {:d0} AND [[" + t.TimeField + "]] < {:d1}"
		}
		from := ` FROM {{` + t.Collection + `}} WHERE [[user]] = {:user} AND ` + cond
		cols = append(cols, `EXISTS (SELECT 1`+from+`) AS [[logged_`+t.ID+`]]`)
		if t.Total != "" {
			cols = append(cols, `(SELECT COALESCE(SUM([[`+t.Total+`]]), 0)`+from+`) AS [[total_`+t.ID+`]]`)
		}
	}
	row := dbx.NullStringMap{}
	if err := c.app.DB().NewQuery(`SELECT ` + strings.Join(cols, ", ")).Bind(window).One(&row); err != nil {
		return nil, nil, err
	}
	totals, logged = map[string]float64{}, map[string]bool{}
	for _, t := range registry.Trackers {
		logged[t.ID] = row["logged_"+t.ID].String == "1"
		if t.Total != "" {
			if totals[t.ID], err = strconv.ParseFloat(row["total_"+t.ID].String, 64); err != nil {
				return nil, nil, err
			}
		}
	}
	return totals, logged, nil
}
