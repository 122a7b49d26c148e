// Package samsunghealth reads Samsung Health's CSV exports: a first line of
// metadata ("com.samsung.health.weight,6307003,12"), then the header. The
// weight file (kg) becomes weight logs at start_time read in the row's
// time_offset ("UTC+0530"); the daily step trend file (day_time in epoch
// milliseconds, count) becomes the day's steps.
package samsunghealth

import (
	"fmt"
	"strconv"
	"time"

	"trackbase/importers"
)

// Parse reads a weight or daily steps file.
func Parse(in importers.Input, emit func(importers.Row) error) error {
	t, err := importers.ReadTable(in.Reader(), 1)
	if err != nil {
		return err
	}
	switch {
	case t.Has("start_time", "weight"):
		return importers.EachRow(t, in.Problem, func() error {
			kg, ok := t.Number("weight", in.Problem)
			if !ok {
				return nil
			}
			loc := in.Loc
			if off := t.Get("time_offset"); off != "" {
				if loc, err = offset(off); err != nil {
					in.Problem(importers.Problem{Line: t.Line(), Column: "time_offset", Why: err.Error()})
					return nil
				}
			}
			at, ok := t.Time("start_time", loc, in.Problem, "2006-01-02 15:04:05.000", time.DateTime)
			if !ok {
				return nil
			}
			return emit(importers.Weight("weight:"+at.UTC().Format(time.DateTime), at, kg, "kg", t.Line()))
		})
	case t.Has("day_time", "count"):
		return importers.EachRow(t, in.Problem, func() error {
			ms, err := strconv.ParseInt(t.Get("day_time"), 10, 64)
			steps, ok := t.Number("count", in.Problem)
			if err != nil {
				in.Problem(importers.Problem{Line: t.Line(), Column: "day_time", Why: "not epoch milliseconds"})
				return nil
			}
			if !ok {
				return nil
			}
			// day_time is the day's midnight UTC
			day := time.UnixMilli(ms).UTC()
			return emit(importers.Steps(time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, in.Loc), in.Loc, steps, t.Line()))
		})
	}
	return importers.ErrFormat{Why: "not a Samsung Health weight or daily steps file"}
}

// offset reads "UTC+0530".
func offset(s string) (*time.Location, error) {
	var sign byte
	var h, m int
	if _, err := fmt.Sscanf(s, "UTC%c%02d%02d", &sign, &h, &m); err != nil || (sign != '+' && sign != '-') {
		return nil, fmt.Errorf("not a UTC offset: %q", s)
	}
	secs := h*3600 + m*60
	if sign == '-' {
		secs = -secs
	}
	return time.FixedZone(s, secs), nil
}
