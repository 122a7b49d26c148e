// Package googlefit reads Google Takeout's Fit "Daily activity metrics.csv":
// one line per day; the step count becomes the day's steps and the
// average weight (kg, the unit is in the column name) a weight log.
// The other columns (move minutes, heart points, speeds) have no tracker.
package googlefit

import (
	"time"

	"trackbase/importers"
)

// Parse reads a daily activity metrics file.
func Parse(in importers.Input, emit func(importers.Row) error) error {
	t, err := importers.ReadTable(in.Reader(), 0)
	if err != nil {
		return err
	}
	if !t.Has("date", "step count") {
		return importers.ErrFormat{Why: "not a Google Fit daily activity metrics file (no Date, Step count columns)"}
	}
	return importers.EachRow(t, in.Problem, func() error {
		day, ok := t.Time("date", in.Loc, in.Problem, time.DateOnly)
		if !ok {
			return nil
		}
		if steps, ok := t.Number("step count", in.Problem); ok && steps > 0 {
			if err := emit(importers.Steps(day, in.Loc, steps, t.Line())); err != nil {
				return err
			}
		}
		if kg, ok := t.Number("average weight (kg)", in.Problem); ok && kg > 0 {
			return emit(importers.Weight("weight:"+importers.Day(day), importers.Noon(day, in.Loc), kg, "kg", t.Line()))
		}
		return nil
	})
}
