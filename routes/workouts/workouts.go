// Package workouts serves the training endpoints: the current split
// day, split analysis, stats, progression, recent workouts and the activation
// of each day. Every endpoint reads the caller's own rows only, aggregates in
// SQL and leaves the arithmetic to the pure package training.
package workouts

import (
	"math"
	"sort"
	"strconv"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"

	"trackbase/collections"
	"trackbase/routes/common"
	"trackbase/units"
)

// maxRangeDays bounds every from/to range (five years of daily points).
const maxRangeDays = 5*366 + 1

// Register binds the training endpoints.
func Register(app core.App) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		api := se.Router.Group("/api")
		api.Bind(apis.RequireAuth(), common.RequireUser())
		api.GET("/workouts/current-day", currentDay)
		api.GET("/splits/{id}/analysis", splitAnalysis)
		api.GET("/workouts/stats", stats)
		api.GET("/workouts/progression", progression)
		api.GET("/workouts/recent", recent)
		api.GET("/analytics/activation", activation)
		return se.Next()
	})
}

// weightKgExpr is an SQL expression converting a weight column, whose unit
// is in unitColumn, to kilograms with the factors of the units table. Both
// columns are trusted names; factors travel as bound parameters.
func weightKgExpr(table units.Table, weightColumn, unitColumn string) (string, dbx.Params, error) {
	names := make([]string, 0, len(table))
	for name, u := range table {
		if u.Category == units.Weight {
			names = append(names, name)
		}
	}
	sort.Strings(names) // the same SQL text every time, so the statement is reused
	expr := "([[" + weightColumn + "]] * CASE [[" + unitColumn + "]]"
	params := dbx.Params{}
	for i, name := range names {
		kg, err := table.Convert(1, name, "kg")
		if err != nil {
			return "", nil, err
		}
		u, f := "wu"+strconv.Itoa(i), "wf"+strconv.Itoa(i)
		params[u], params[f] = name, kg
		expr += " WHEN {:" + u + "} THEN {:" + f + "}"
	}
	return expr + " END)", params, nil
}

// kgOf is weightKgExpr for the workout_logs alias wl, through the cached unit table.
func kgOf(app core.App) (string, dbx.Params, error) {
	table, err := collections.UnitTable(app)
	if err != nil {
		return "", nil, err
	}
	return weightKgExpr(table, "wl.weight", "wl.weight_unit")
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

// round2 rounds to 2 decimals for responses; sums stay exact until then.
func round2(v float64) float64 { return math.Round(v*100) / 100 }
