// Package health serves the body and food endpoints: body metrics,
// macro targets, adaptive TDEE, the daily dashboard, streaks, daily nutrition,
// food statistics, logging a meal and the weight analytics. Every quantity is
// converted through the units table before any arithmetic, every day is a
// calendar day in the caller's time zone, and aggregation happens in SQL; the
// formulas live in the pure packages bodymetrics and streaks.
package health

import (
	"net/http"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"trackbase/bodymetrics"
	"trackbase/registry"
	"trackbase/rollups"
	"trackbase/routes/common"
	"trackbase/routes/route"
)

// Register binds the streak cache the health endpoints read.
func Register(app core.App) {
	bindStreakCache(app)
}

// Routes are the health and nutrition endpoints.
func Routes() []route.Route {
	return []route.Route{
		{Method: http.MethodGet, Path: "/api/metrics/body", Auth: route.User, Handler: bodyMetrics,
			Summary: "BMI, FFMI, BMR, TDEE and body fat from the profile and the latest weight and waist.", Errors: route.BadRequest},
		{Method: http.MethodPost, Path: "/api/metrics/macros", Auth: route.User, Handler: macroTargets, Body: macroRequest{},
			Summary: "Daily calorie and macro targets to reach a weight goal; save appends a user_goals row.", Errors: route.BadRequest},
		{Method: http.MethodGet, Path: "/api/metrics/adaptive-tdee", Auth: route.User, Handler: adaptiveTDEE,
			Query:   []route.Param{route.Days(defaultAdaptiveDays, minAdaptiveDays, maxAdaptiveDays)},
			Summary: "TDEE estimated from logged intake and the weight trend.", Errors: route.BadRequest},
		{Method: http.MethodGet, Path: "/api/dashboard", Auth: route.User, Handler: dashboard, Query: []route.Param{route.Day},
			Summary: "One day's totals of every tracker, nutrients and macro split.", Errors: route.BadRequest},
		{Method: http.MethodGet, Path: "/api/streaks", Auth: route.User, Handler: streaksOf,
			Summary: "Current and longest streak of every tracker."},
		{Method: http.MethodGet, Path: "/api/nutrition/daily", Auth: route.User, Handler: nutritionDaily,
			Query:   []route.Param{route.From, route.To},
			Summary: "Nutrient totals per day of a range.", Errors: route.BadRequest},
		{Method: http.MethodGet, Path: "/api/foods/recent", Auth: route.User, Handler: recentFoods,
			Query: []route.Param{foodDays}, Response: recentFoodsAnswer{},
			Summary: "Foods logged recently, most recent first.", Errors: route.BadRequest},
		// {id}/{view} with view "stats", not {id}/stats: Go's router refuses
		// two patterns that overlap without one being more specific, and
		// /api/foods/barcode/{code} (routes/foods) is more specific than this
		{Method: http.MethodGet, Path: "/api/foods/{id}/{view}", Auth: route.User, Handler: foodStats,
			Query:   []route.Param{foodDays},
			Summary: "How often and when a food was logged (view: stats).", Errors: []int{http.StatusBadRequest, http.StatusNotFound}},
		{Method: http.MethodPost, Path: "/api/meals/{id}/log", Auth: route.Writer, Handler: logMeal, Body: mealLogRequest{},
			Status: http.StatusCreated, Summary: "Log every food of a meal.", Errors: []int{http.StatusBadRequest, http.StatusNotFound}},
		{Method: http.MethodGet, Path: "/api/analytics/weight", Auth: route.User, Handler: weightAnalytics,
			Query:   []route.Param{route.From, route.To},
			Summary: "Daily weights with moving averages and trend.", Errors: route.BadRequest},
	}
}

// nutrientUnits are the units of calories, the nutrients and cost, given in
// every response that carries nutrients.
var nutrientUnits = func() map[string]string {
	m := registry.NutrientUnits()
	m["cost"] = "USD"
	return m
}()

// energyAndNutrients are the foods' field names of calories and the nutrients.
var energyAndNutrients = registry.EnergyAndNutrientNames()

// summed are the foods' fields a day's totals add up: calories, the nutrients and cost.
var summed = rollups.Summed

// nutrientTotals are a day's sums of summed by field name.
type nutrientTotals map[string]float64

// byName rounds the totals to 2 decimals for display.
func (t nutrientTotals) byName() map[string]float64 {
	m := make(map[string]float64, len(summed))
	for _, n := range summed {
		m[n] = bodymetrics.Round(t[n], 2)
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
	kcal := t[registry.Energy.Name]
	if kcal <= 0 {
		return nil
	}
	pct := func(g, kcalPerG float64) float64 { return bodymetrics.Round(g*kcalPerG/kcal*100, 1) }
	return &macroSplit{pct(t["protein"], 4), pct(t["carbohydrates"], 4), pct(t["fat"], 9)}
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
