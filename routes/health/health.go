// Package health serves the body and food endpoints of SPEC §3: body metrics,
// macro targets, adaptive TDEE, the daily dashboard, streaks, daily nutrition,
// food statistics, logging a meal and the weight analytics. Every quantity is
// converted through the units table before any arithmetic, every day is a
// calendar day in the caller's time zone, and aggregation happens in SQL; the
// formulas live in the pure packages bodymetrics and streaks.
package health

import (
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"

	"trackbase/bodymetrics"
	"trackbase/collections"
	"trackbase/routes/common"
)

// Register binds the health and nutrition endpoints.
func Register(app core.App) {
	bindStreakCache(app)
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		api := se.Router.Group("/api")
		api.Bind(apis.RequireAuth(), common.RequireUser())
		api.GET("/metrics/body", bodyMetrics)
		api.POST("/metrics/macros", macroTargets)
		api.GET("/metrics/adaptive-tdee", adaptiveTDEE)
		api.GET("/dashboard", dashboard)
		api.GET("/streaks", streaksOf)
		api.GET("/nutrition/daily", nutritionDaily)
		api.GET("/foods/recent", recentFoods)
		api.GET("/foods/{id}/stats", foodStats)
		api.POST("/meals/{id}/log", logMeal).Bind(common.RequireWriter())
		api.GET("/analytics/weight", weightAnalytics)
		return se.Next()
	})
}

// nutrientUnits are the units of the foods' per-serving nutrient fields
// (collections.Nutrients), given in every response that carries nutrients.
var nutrientUnits = map[string]string{
	"calories": "kcal", "protein": "g", "fat": "g", "carbohydrates": "g", "fiber": "g",
	"sugar": "g", "saturated_fat": "g", "trans_fat": "g", "sodium": "mg", "calcium": "mg",
	"iron": "mg", "magnesium": "mg", "cholesterol": "mg", "vitamin_a": "µg", "vitamin_c": "mg",
	"vitamin_d": "µg", "caffeine": "mg", "cost": "USD",
}

// energyAndNutrients lists calories first, then the 16 nutrients.
var energyAndNutrients = append([]string{"calories"}, collections.Nutrients...)

// nutrientSums is the SELECT list summing calories, the 16 nutrients and cost
// of food_logs fl joined to foods f, each as a column named after the field.
// The names come from a fixed list, never from input.
func nutrientSums() string {
	s := ""
	for _, n := range energyAndNutrients {
		s += "COALESCE(SUM(f.[[" + n + "]] * fl.servings), 0) AS [[" + n + "]], "
	}
	return s + "COALESCE(SUM(f.cost * fl.servings), 0) AS [[cost]]"
}

// nutrientTotals receives the columns of nutrientSums.
type nutrientTotals struct {
	Calories     float64 `db:"calories"`
	Protein      float64 `db:"protein"`
	Fat          float64 `db:"fat"`
	Carbs        float64 `db:"carbohydrates"`
	Fiber        float64 `db:"fiber"`
	Sodium       float64 `db:"sodium"`
	Sugar        float64 `db:"sugar"`
	SaturatedFat float64 `db:"saturated_fat"`
	TransFat     float64 `db:"trans_fat"`
	Calcium      float64 `db:"calcium"`
	Iron         float64 `db:"iron"`
	Magnesium    float64 `db:"magnesium"`
	Cholesterol  float64 `db:"cholesterol"`
	VitaminA     float64 `db:"vitamin_a"`
	VitaminC     float64 `db:"vitamin_c"`
	VitaminD     float64 `db:"vitamin_d"`
	Caffeine     float64 `db:"caffeine"`
	Cost         float64 `db:"cost"`
}

// byName keys the totals by field name (calories, the 16 nutrients, cost),
// rounded to 2 decimals for display.
func (t nutrientTotals) byName() map[string]float64 {
	m := map[string]float64{
		"calories": t.Calories, "protein": t.Protein, "fat": t.Fat, "carbohydrates": t.Carbs,
		"fiber": t.Fiber, "sodium": t.Sodium, "sugar": t.Sugar, "saturated_fat": t.SaturatedFat,
		"trans_fat": t.TransFat, "calcium": t.Calcium, "iron": t.Iron, "magnesium": t.Magnesium,
		"cholesterol": t.Cholesterol, "vitamin_a": t.VitaminA, "vitamin_c": t.VitaminC,
		"vitamin_d": t.VitaminD, "caffeine": t.Caffeine, "cost": t.Cost,
	}
	for k, v := range m {
		m[k] = bodymetrics.Round(v, 2)
	}
	return m
}

// macroSplit is the share of calories from protein and carbohydrates
// (4 kcal/g) and fat (9 kcal/g), in % of the logged calories.
type macroSplit struct {
	ProteinPct float64 `json:"protein_pct"`
	CarbsPct   float64 `json:"carbohydrates_pct"`
	FatPct     float64 `json:"fat_pct"`
}

// macroSplit is nil (JSON null) without calories.
func (t nutrientTotals) macroSplit() *macroSplit {
	if t.Calories <= 0 {
		return nil
	}
	pct := func(g, kcalPerG float64) float64 { return bodymetrics.Round(g*kcalPerG/t.Calories*100, 1) }
	return &macroSplit{pct(t.Protein, 4), pct(t.Carbs, 4), pct(t.Fat, 9)}
}

// tracker is a kind of log for the dashboard and the streaks. Datetime
// trackers fall on the local day of date_time; sleep and health metrics carry
// their calendar date in `date` (stored at 00:00Z of that date).
type tracker struct {
	ID, Label, Table string
	DateOnly         bool
}

var trackers = []tracker{
	{"weight", "Weight", collections.WeightLogs, false},
	{"water", "Water", collections.WaterLogs, false},
	{"body_measurement", "Body measurements", collections.BodyMeasurementLogs, false},
	{"steps", "Steps", collections.StepsLogs, false},
	{"cardio", "Cardio", collections.CardioLogs, false},
	{"sleep", "Sleep", collections.SleepLogs, true},
	{"health_metrics", "Health metrics", collections.HealthMetricsLogs, true},
	{"food", "Food", collections.FoodLogs, false},
	{"workout", "Workout", collections.WorkoutLogs, false},
}

// utcDate is a calendar date as `date` fields store it (00:00Z of that date).
func utcDate(day time.Time) string {
	y, m, d := day.Date()
	return common.DBTime(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
}

// merge returns a copy of a with the entries of each b added.
func merge(a dbx.Params, bs ...dbx.Params) dbx.Params {
	out := dbx.Params{}
	for k, v := range a {
		out[k] = v
	}
	for _, b := range bs {
		for k, v := range b {
			out[k] = v
		}
	}
	return out
}
