// Package hevy reads Hevy's workouts CSV: one line per set, the units in
// the column names (weight_kg or weight_lbs, distance_km or distance_miles).
package hevy

import (
	"fmt"
	"strings"
	"time"

	"trackbase/importers"
)

// Parse reads a Hevy export.
func Parse(in importers.Input, emit func(importers.Row) error) error {
	t, err := importers.ReadTable(in.Reader(), 0)
	if err != nil {
		return err
	}
	if !t.Has("start_time", "exercise_title", "set_index", "reps") {
		return importers.ErrFormat{Why: "not a Hevy export (no start_time, exercise_title, set_index, reps columns)"}
	}
	weightCol, unit := "weight_kg", "kg"
	if t.Has("weight_lbs") {
		weightCol, unit = "weight_lbs", "lb"
	}
	distCol, distUnit := "distance_km", "km"
	if t.Has("distance_miles") {
		distCol, distUnit = "distance_miles", "mile"
	}
	return importers.EachRow(t, in.Problem, func() error {
		at, ok := t.Time("start_time", in.Loc, in.Problem, "2 Jan 2006, 15:04", "02 Jan 2006, 15:04", time.DateTime)
		name := t.Get("exercise_title")
		index, hasIndex := t.Number("set_index", in.Problem)
		if !ok || name == "" || !hasIndex {
			return nil
		}
		weight, _ := t.Number(weightCol, in.Problem)
		reps, _ := t.Number("reps", in.Problem)
		rpe, _ := t.Number("rpe", in.Problem)
		dist, _ := t.Number(distCol, in.Problem)
		secs, _ := t.Number("duration_seconds", in.Problem)
		return importers.EmitLogRow(importers.LogRow{
			Set: importers.Set{Key: fmt.Sprintf("%s|%s|%d", at.UTC().Format(time.DateTime), strings.ToLower(name), int(index)),
				Line: t.Line(), Exercise: name, At: importers.Minute(at, int(index)), Weight: weight, Unit: unit, Reps: int(reps), RPE: rpe},
			Distance: dist, DistanceUnit: distUnit, Seconds: secs,
		}, emit)
	})
}
