package health

import (
	"errors"
	"time"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"trackbase/bodymetrics"
	"trackbase/collections"
	"trackbase/registry"
	"trackbase/routes/common"
)

// bodyMetrics answers GET /api/metrics/body.
func bodyMetrics(e *core.RequestEvent) error {
	c, err := newCaller(e)
	if err != nil {
		return err
	}
	in, err := c.loadBodyInputs(e)
	if err != nil {
		return err
	}
	waist, hasWaist, err := c.latestWaistCm()
	if err != nil {
		return err
	}
	m := bodymetrics.Compute(bodymetrics.Inputs{
		WeightKg: in.WeightKg, HeightCm: in.HeightCm, Age: in.Age, Sex: in.Sex,
		ActivityMultiplier: in.Multiplier, WaistCm: waist,
	})

	weight, height := c.massPref(in.WeightKg), c.lengthPref(in.HeightCm)
	lean, fat := c.massPref(m.LeanMassKg), c.massPref(m.FatMassKg)
	inputs := map[string]any{
		"weight_kg": bodymetrics.Round(in.WeightKg, 2), "weight": weight, "weight_date_time": common.DBTime(in.WeightAt),
		"height_cm": in.HeightCm, "height": height, "age": in.Age, "sex": in.Sex,
		"activity_level": in.ActivityLevel, "activity_multiplier": in.Multiplier,
		"waist_cm": nil, "waist": nil,
	}
	if hasWaist {
		inputs["waist_cm"], inputs["waist"] = bodymetrics.Round(waist, 1), c.lengthPref(waist)
	}
	return common.OK(e, struct {
		bodymetrics.Metrics
		LeanMass quantity          `json:"lean_mass"`
		FatMass  quantity          `json:"fat_mass"`
		Units    map[string]string `json:"units"`
		Inputs   map[string]any    `json:"inputs"`
	}{m, lean, fat, map[string]string{
		"bmi": "kg/m²", "ffmi": "kg/m²", "bmr": "kcal/day", "tdee": "kcal/day", "body_fat_pct": "%",
		"lean_mass_kg": "kg", "fat_mass_kg": "kg", "waist_to_height": "ratio",
	}, inputs})
}

// Bounds of the macro calculator: a timeframe up to 10 years, a goal up to
// the largest weight a weight log accepts.
const maxTimeframeWeeks, maxWeightGoalKg = 520, 700

type macroRequest struct {
	WeightGoal     *float64 `json:"weight_goal"`
	WeightGoalUnit string   `json:"weight_goal_unit"`
	TimeframeWeeks *float64 `json:"timeframe_weeks"`
	Save           bool     `json:"save"`
}

// macroTargets answers POST /api/metrics/macros: daily targets to reach
// weight_goal (in weight_goal_unit, default the user's preferred mass unit)
// in timeframe_weeks; `save: true` appends them as a user_goals row.
func macroTargets(e *core.RequestEvent) error {
	var req macroRequest
	if err := common.ReadJSON(e, &req); err != nil {
		return err
	}
	c, err := newCaller(e)
	if err != nil {
		return err
	}
	if req.WeightGoalUnit == "" {
		req.WeightGoalUnit = c.mass
	}
	bad := validation.Errors{}
	if req.WeightGoal == nil || *req.WeightGoal <= 0 {
		bad["weight_goal"] = validation.NewError("validation_weight_goal", "weight_goal must be a number greater than 0.")
	}
	if req.WeightGoalUnit != "kg" && req.WeightGoalUnit != "lb" {
		bad["weight_goal_unit"] = validation.NewError("validation_weight_goal_unit", "weight_goal_unit must be kg or lb.")
	}
	if req.TimeframeWeeks == nil || *req.TimeframeWeeks <= 0 || *req.TimeframeWeeks > maxTimeframeWeeks {
		bad["timeframe_weeks"] = validation.NewError("validation_timeframe_weeks", "timeframe_weeks must be a number from 0 (excluded) to 520.")
	}
	if len(bad) > 0 {
		return e.BadRequestError("Invalid macro request.", bad)
	}
	if req.Save && collections.Role(e.App, e.Auth) == collections.RoleGuest {
		return e.ForbiddenError("Guests have read-only access; ask without save.", nil)
	}

	in, err := c.loadBodyInputs(e)
	if err != nil {
		return err
	}
	goalKg, err := c.units.Convert(*req.WeightGoal, req.WeightGoalUnit, "kg")
	if err != nil {
		return err
	}
	if goalKg > maxWeightGoalKg {
		return common.FieldError(e, "weight_goal", "weight_goal must be at most 700 kg (1543 lb).")
	}
	tdee := bodymetrics.TDEE(bodymetrics.BMR(in.Sex, in.WeightKg, in.HeightCm, in.Age), in.Multiplier)
	t, err := bodymetrics.MacroTargets(in.Sex, in.WeightKg, tdee, goalKg, *req.TimeframeWeeks)
	var ie *bodymetrics.InputError
	if errors.As(err, &ie) {
		return common.FieldError(e, ie.Field, ie.Message)
	}
	if err != nil {
		return err
	}
	for _, n := range registry.Nutrients {
		if _, ok := t.Nutrients[n.Name]; !ok {
			t.Nutrients[n.Name] = n.Daily
		}
	}

	var saved any
	if req.Save {
		id, err := c.appendGoal(t, *req.WeightGoal, req.WeightGoalUnit)
		if err != nil {
			return err
		}
		saved = id
	}
	return common.OK(e, map[string]any{
		"calories": t.Calories, "nutrients": t.Nutrients, "tdee": t.TDEE,
		"weekly_change_kg": t.WeeklyChangeKg, "weekly_change": c.massPref(t.WeeklyChangeKg),
		"weight_kg": bodymetrics.Round(in.WeightKg, 2), "weight_goal_kg": bodymetrics.Round(goalKg, 2),
		"weight_goal": quantity{*req.WeightGoal, req.WeightGoalUnit}, "timeframe_weeks": *req.TimeframeWeeks,
		"warnings": t.Warnings, "units": nutrientUnits, "saved_goal": saved,
	})
}

// appendGoal adds a user_goals row with the targets, keeping the goals of the
// current row that the calculator does not set (tokens, cost, lean and fat
// mass), since the newest row is the whole current goal.
func (c *caller) appendGoal(t bodymetrics.Targets, weightGoal float64, unit string) (string, error) {
	col, err := c.app.FindCachedCollectionByNameOrId(collections.UserGoals)
	if err != nil {
		return "", err
	}
	rec := core.NewRecord(col)
	if prev, err := c.goalAt(endOfTime); err != nil {
		return "", err
	} else if prev != nil {
		for _, f := range []string{"tokens_goal", "cost_goal", "lean_mass_goal", "fat_mass_goal"} {
			rec.Set(f, prev.Get(f))
		}
	}
	rec.Set("user", c.id)
	rec.Set("weight_goal", weightGoal)
	rec.Set("weight_goal_unit", unit)
	rec.Set("calories_goal", t.Calories)
	for n, v := range t.Nutrients {
		rec.Set(n+"_goal", v)
	}
	if err := c.app.Save(rec); err != nil {
		return "", err
	}
	return rec.Id, nil
}

// Bounds of the adaptive TDEE window, in days.
const minAdaptiveDays, maxAdaptiveDays, defaultAdaptiveDays = 7, 365, 28

// adaptiveTDEE answers GET /api/metrics/adaptive-tdee?days=28: expenditure by
// energy balance over the `days` calendar days before today. Today is left
// out: its food log is usually still incomplete and would bias the mean low.
func adaptiveTDEE(e *core.RequestEvent) error {
	c, err := newCaller(e)
	if err != nil {
		return err
	}
	days, err := common.IntParam(e, "days", defaultAdaptiveDays, minAdaptiveDays, maxAdaptiveDays)
	if err != nil {
		return err
	}
	to := common.Today(c.loc).AddDate(0, 0, -1)
	from := to.AddDate(0, 0, -(days - 1))
	weights, err := c.dailyWeights(from, to)
	if err != nil {
		return err
	}
	intake, err := c.dailyIntake(from, to)
	if err != nil {
		return err
	}
	est := bodymetrics.AdaptiveTDEE(weights, intake)
	var change *quantity
	if est.TrendChangeKg != nil {
		q := c.massPref(*est.TrendChangeKg)
		change = &q
	}
	return common.OK(e, struct {
		bodymetrics.Adaptive
		From        string            `json:"from"`
		To          string            `json:"to"`
		Days        int               `json:"days"`
		TrendChange *quantity         `json:"trend_change"`
		Method      string            `json:"method"`
		Units       map[string]string `json:"units"`
	}{est, from.Format(common.DayLayout), to.Format(common.DayLayout), days, change,
		"mean daily intake − least-squares weight trend change × 7700 kcal/kg ÷ days, between the first and last weigh-in",
		map[string]string{"tdee": "kcal/day", "mean_intake_kcal": "kcal/day", "uncertainty_kcal": "kcal/day",
			"trend_change_kg": "kg", "weekly_change_kg": "kg/week"}})
}

// dailyWeights is the mean weight in kg of each calendar day from `from` to
// `to` (starts of days in the user's zone, both included) that has a log.
// SQL sums per day and unit; the units table converts each sum.
func (c *caller) dailyWeights(from, to time.Time) ([]bodymetrics.DailyValue, error) {
	end := common.NextDay(to)
	day, dayParams := common.LocalDay("date_time", c.loc, from, end)
	var rows []struct {
		Day   string  `db:"day"`
		Unit  string  `db:"weight_unit"`
		Sum   float64 `db:"total"`
		Count int     `db:"n"`
	}
	err := c.app.DB().NewQuery(`SELECT ` + day + ` AS day, weight_unit, SUM(weight) AS total, COUNT(*) AS n
		FROM {{weight_logs}} WHERE [[user]] = {:user} AND date_time >= {:start} AND date_time < {:end}
		GROUP BY day, weight_unit ORDER BY day`).
		Bind(merge(dayParams, dbx.Params{"user": c.id, "start": common.DBTime(from), "end": common.DBTime(end)})).
		All(&rows)
	if err != nil {
		return nil, err
	}
	var out []bodymetrics.DailyValue
	var sumKg float64
	var n int
	for i, r := range rows {
		kg, err := c.units.Convert(r.Sum, r.Unit, "kg")
		if err != nil {
			return nil, err
		}
		sumKg, n = sumKg+kg, n+r.Count
		if i+1 == len(rows) || rows[i+1].Day != r.Day {
			date, err := time.Parse(common.DayLayout, r.Day)
			if err != nil {
				return nil, err
			}
			out = append(out, bodymetrics.DailyValue{Date: date, Value: sumKg / float64(n)})
			sumKg, n = 0, 0
		}
	}
	return out, nil
}

// dailyIntake is the calories logged on each calendar day from `from` to
// `to` that has food logs.
func (c *caller) dailyIntake(from, to time.Time) ([]bodymetrics.DailyValue, error) {
	end := common.NextDay(to)
	day, dayParams := common.LocalDay("fl.date_time", c.loc, from, end)
	var rows []struct {
		Day  string  `db:"day"`
		Kcal float64 `db:"kcal"`
	}
	err := c.app.DB().NewQuery(`SELECT ` + day + ` AS day, SUM(f.calories * fl.servings) AS kcal
		FROM {{food_logs}} fl JOIN {{foods}} f ON f.id = fl.food
		WHERE fl.[[user]] = {:user} AND fl.date_time >= {:start} AND fl.date_time < {:end}
		GROUP BY day ORDER BY day`).
		Bind(merge(dayParams, dbx.Params{"user": c.id, "start": common.DBTime(from), "end": common.DBTime(end)})).
		All(&rows)
	if err != nil {
		return nil, err
	}
	out := make([]bodymetrics.DailyValue, 0, len(rows))
	for _, r := range rows {
		date, err := time.Parse(common.DayLayout, r.Day)
		if err != nil {
			return nil, err
		}
		out = append(out, bodymetrics.DailyValue{Date: date, Value: r.Kcal})
	}
	return out, nil
}
