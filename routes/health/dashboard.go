package health

import (
	"github.com/pocketbase/pocketbase/core"

	"trackbase/bodymetrics"
	"trackbase/plans"
	"trackbase/registry"
	"trackbase/rollups"
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

	goal, err := c.goalAt(end)
	if err != nil {
		return err
	}
	goals := goalValues(goal)

	stored, err := rollups.Stored(c.app, c.id, day.Format(common.DayLayout), day.Format(common.DayLayout))
	if err != nil {
		return err
	}
	rollup := stored[day.Format(common.DayLayout)]
	if rollup == nil {
		rollup = &rollups.Day{}
	}
	eaten, entries := nutrientTotals(rollup.Totals), rollup.Entries
	consumed := eaten.byName()
	consumed["tokens"] = rollup.Totals[rollups.Tokens]
	remaining := map[string]float64{}
	for k, g := range goals {
		remaining[k] = bodymetrics.Round(g-consumed[k], 2)
	}

	steps, cardioKcal := rollup.Trackers[registry.Steps.ID].Total, rollup.Trackers[registry.Cardio.ID].Total
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
		if rollup.Trackers[t.ID].Count == 0 {
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
