// Package health serves the body and food endpoints: body metrics,
// macro targets, adaptive TDEE, the daily dashboard, streaks, daily nutrition,
// food statistics, logging a meal and the weight analytics. Every quantity is
// converted through the units table before any arithmetic, every day is a
// calendar day in the caller's time zone, and aggregation happens in SQL; the
// formulas live in the pure packages bodymetrics and streaks.
package health

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"

	"trackbase/bodymetrics"
	"trackbase/registry"
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
var summed = append(slices.Clone(energyAndNutrients), "cost")

// nutrientSums is the SELECT list summing each of summed over food_logs fl
// joined to foods f, each as a column named after the field. The names come
// from the registry, never from input.
func nutrientSums() string {
	parts := make([]string, len(summed))
	for i, n := range summed {
		parts[i] = "COALESCE(SUM(f.[[" + n + "]] * fl.servings), 0) AS [[" + n + "]]"
	}
	return strings.Join(parts, ", ")
}

// nutrientTotals are the columns of nutrientSums by field name.
type nutrientTotals map[string]float64

// totalsOf reads the columns of nutrientSums from a result row.
func totalsOf(row dbx.NullStringMap) (nutrientTotals, error) {
	t := make(nutrientTotals, len(summed))
	for _, n := range summed {
		v, err := strconv.ParseFloat(row[n].String, 64)
		if err != nil {
			return nil, fmt.Errorf("total of %s: %w", n, err)
		}
		t[n] = v
	}
	return t, nil
}

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
