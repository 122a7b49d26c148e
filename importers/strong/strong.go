// Package strong reads Strong's CSV export: one line per set, comma or
// semicolon separated. The weight unit is the `Weight Unit` column where
// the file has one, else the user's unit (older exports name none).
package strong

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"trackbase/importers"
)

// Parse reads a Strong export.
func Parse(in importers.Input, emit func(importers.Row) error) error {
	t, err := importers.ReadTable(in.Reader(), 0)
	if err != nil {
		return err
	}
	if !t.Has("date", "exercise name", "set order", "reps") {
		return importers.ErrFormat{Why: "not a Strong export (no Date, Exercise Name, Set Order, Reps columns)"}
	}
	return importers.EachRow(t, in.Problem, func() error {
		order, err := strconv.Atoi(t.Get("set order"))
		if err != nil {
			return nil // "Rest Timer" and note lines are no set
		}
		at, ok := t.Time("date", in.Loc, in.Problem, time.DateTime, "2006-01-02 15:04")
		name := t.Get("exercise name")
		if !ok || name == "" {
			return nil
		}
		unit := in.WeightUnit
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
		weight, _ := t.Number("weight", in.Problem)
		reps, _ := t.Number("reps", in.Problem)
		rpe, _ := t.Number("rpe", in.Problem)
		dist, _ := t.Number("distance", in.Problem)
		secs, _ := t.Number("seconds", in.Problem)
		return importers.EmitLogRow(importers.LogRow{
			Set: importers.Set{Key: fmt.Sprintf("%s|%s|%d", at.UTC().Format(time.DateTime), strings.ToLower(name), order),
				Line: t.Line(), Exercise: name, At: importers.Minute(at, order-1), Weight: weight, Unit: unit, Reps: int(reps), RPE: rpe},
			Distance: dist, DistanceUnit: distUnit, Seconds: secs,
		}, emit)
	})
}
