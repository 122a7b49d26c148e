// Package workouts serves the training endpoints: the current split
// day, split analysis, stats, progression, recent workouts and the activation
// of each day. Every endpoint reads the caller's own rows only, aggregates in
// SQL and leaves the arithmetic to the pure package training.
package workouts

import (
	"math"
	"net/http"
	"sort"
	"strconv"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"trackbase/collections"
	"trackbase/routes/route"
	"trackbase/units"
)

// maxRangeDays bounds every from/to range (five years of daily points).
const maxRangeDays = 5*366 + 1

// recentLimit bounds the sessions of /api/workouts/recent.
var recentLimit = route.Param{Name: "limit", Type: route.Integer, Min: 1, Max: 100, Default: 10}

// Routes are the training endpoints.
func Routes() []route.Route {
	return []route.Route{
		{Method: http.MethodGet, Path: "/api/workouts/current-day", Auth: route.User, Handler: currentDay, Query: []route.Param{route.Day},
			Summary: "The active split's day for a date.", Errors: route.BadRequest},
		{Method: http.MethodGet, Path: "/api/splits/{id}/analysis", Auth: route.User, Handler: splitAnalysis,
			Summary: "Per-exercise progress of a split.", Errors: []int{http.StatusNotFound}},
		{Method: http.MethodGet, Path: "/api/workouts/stats", Auth: route.User, Handler: stats, Query: []route.Param{route.From, route.To},
			Summary: "Sets, reps and volume per muscle group over a range.", Errors: route.BadRequest},
		{Method: http.MethodGet, Path: "/api/workouts/progression", Auth: route.User, Handler: progression,
			Query: []route.Param{
				{Name: "workout", Type: route.String, Required: true, Description: "The workout (exercise) id."},
				{Name: "metric", Type: route.String, Enum: progressionMetrics, Default: progressionMetrics[0]},
				route.From, route.To,
			},
			Summary: "One metric of an exercise per day.", Errors: []int{http.StatusBadRequest, http.StatusNotFound}},
		{Method: http.MethodGet, Path: "/api/workouts/recent", Auth: route.User, Handler: recent,
			Query:   []route.Param{recentLimit},
			Summary: "The latest workout sessions.", Errors: route.BadRequest},
		{Method: http.MethodGet, Path: "/api/analytics/activation", Auth: route.User, Handler: activation, Query: []route.Param{route.From, route.To},
			Summary: "Muscle activation per day.", Errors: route.BadRequest},
	}
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
