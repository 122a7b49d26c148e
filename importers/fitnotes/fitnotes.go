// Package fitnotes reads FitNotes' CSV export: one line per set with the
// date only, the units in `Weight Unit` and `Distance Unit` columns and a
// duration as h:mm:ss in `Time`. Sets of an exercise on a day are numbered
// in file order and placed a minute apart from noon.
package fitnotes

import (
	"fmt"
	"strings"
	"time"

	"trackbase/importers"
)

// Parse reads a FitNotes export.
func Parse(in importers.Input, emit func(importers.Row) error) error {
	t, err := importers.ReadTable(in.Reader(), 0)
	if err != nil {
		return err
	}
	if !t.Has("date", "exercise", "category", "weight unit", "reps") {
		return importers.ErrFormat{Why: "not a FitNotes export (no Date, Exercise, Category, Weight Unit, Reps columns)"}
	}
	seen := map[string]int{}
	return importers.EachRow(t, in.Problem, func() error {
		day, ok := t.Time("date", in.Loc, in.Problem, time.DateOnly)
		name := t.Get("exercise")
		if !ok || name == "" {
			return nil
		}
		unit := in.WeightUnit
		var err error
		if raw := t.Get("weight unit"); raw != "" {
			if unit, err = importers.WeightUnit(raw); err != nil {
				in.Problem(importers.Problem{Line: t.Line(), Column: "weight unit", Why: err.Error()})
				return nil
			}
		}
		distUnit := "km"
		if raw := t.Get("distance unit"); raw != "" {
			if distUnit, err = importers.DistanceUnit(raw); err != nil {
				in.Problem(importers.Problem{Line: t.Line(), Column: "distance unit", Why: err.Error()})
				return nil
			}
		}
		var secs float64
		if raw := t.Get("time"); raw != "" {
			var h, m, s int
			if _, err := fmt.Sscanf(raw, "%d:%d:%d", &h, &m, &s); err != nil {
				in.Problem(importers.Problem{Line: t.Line(), Column: "time", Why: "not h:mm:ss: " + raw})
				return nil
			}
			secs = float64(h*3600 + m*60 + s)
		}
		weight, _ := t.Number("weight", in.Problem)
		reps, _ := t.Number("reps", in.Problem)
		dist, _ := t.Number("distance", in.Problem)
		group := importers.Day(day) + "|" + strings.ToLower(name)
		seen[group]++
		return importers.EmitLogRow(importers.LogRow{
			Set: importers.Set{Key: fmt.Sprintf("%s|%d", group, seen[group]), Line: t.Line(), Exercise: name,
				At: importers.Minute(importers.Noon(day, in.Loc), seen[group]-1), Weight: weight, Unit: unit, Reps: int(reps)},
			Distance: dist, DistanceUnit: distUnit, Seconds: secs,
		}, emit)
	})
}
