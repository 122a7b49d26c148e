// Package applehealth reads Apple Health's export.xml, streamed token by
// token (exports run to gigabytes): body mass → weight logs; step counts →
// the day's steps (per source, the source that counted most, as the phone
// and the watch count the same steps); resting heart rate → the day's
// health metrics; blood glucose → glucose logs; sleep analysis → one sleep
// log per night (the local date it ends); workouts → cardio logs with
// duration, distance, energy and average heart rate. Heart-rate samples
// outside workouts have no tracker and are left out.
package applehealth

import (
	"encoding/xml"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"trackbase/collections"
	"trackbase/importers"
)

const layout = "2006-01-02 15:04:05 -0700"

type night struct {
	bed, up                time.Time
	light, deep, rem, woke float64 // minutes
	line                   int
}

type workout struct {
	kind          string
	start         time.Time
	minutes, dist float64
	distUnit      string
	kcal, hr      float64
	line          int
}

// Parse reads an export.xml.
func Parse(in importers.Input, emit func(importers.Row) error) error {
	steps := map[string]map[string]float64{} // day → source → steps
	stepLine := map[string]int{}
	resting := map[string]float64{}
	nights := map[string]*night{}
	var w *workout
	seenRoot := false
	err := importers.XMLTokens(in.Reader(), func(tok xml.Token, line int) error {
		switch el := tok.(type) {
		case xml.StartElement:
			a := attrs(el)
			switch el.Name.Local {
			case "HealthData":
				seenRoot = true
			case "Record":
				if err := record(a, line, in, emit, steps, stepLine, resting, nights); err != nil {
					return err
				}
			case "Workout":
				w = &workout{kind: strings.TrimPrefix(a["workoutActivityType"], "HKWorkoutActivityType"), line: line}
				var ok bool
				if w.start, ok = when(a["startDate"], line, "startDate", in.Problem); !ok {
					w = nil
					return nil
				}
				w.minutes = number(a["duration"])
				if a["durationUnit"] == "sec" || a["durationUnit"] == "s" {
					w.minutes /= 60
				}
				w.dist, w.distUnit = distance(a["totalDistance"], a["totalDistanceUnit"])
				w.kcal = number(a["totalEnergyBurned"])
			case "WorkoutStatistics":
				if w == nil {
					return nil
				}
				switch a["type"] {
				case "HKQuantityTypeIdentifierHeartRate":
					w.hr = number(a["average"])
				case "HKQuantityTypeIdentifierActiveEnergyBurned":
					if w.kcal == 0 {
						w.kcal = number(a["sum"])
					}
				case "HKQuantityTypeIdentifierDistanceWalkingRunning", "HKQuantityTypeIdentifierDistanceCycling", "HKQuantityTypeIdentifierDistanceSwimming":
					if w.dist == 0 {
						w.dist, w.distUnit = distance(a["sum"], a["unit"])
					}
				}
			}
		case xml.EndElement:
			if el.Name.Local == "Workout" && w != nil {
				if w.minutes > 0 {
					hr := int(math.Round(w.hr))
					if hr < 30 {
						hr = 0
					}
					if err := emit(importers.Cardio("workout:"+w.start.UTC().Format(time.DateTime)+"|"+w.kind, w.line, w.kind, w.start,
						w.minutes, w.dist, w.distUnit, w.kcal, hr)); err != nil {
						return err
					}
				}
				w = nil
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if !seenRoot {
		return importers.ErrFormat{Why: "not an Apple Health export.xml (no HealthData element)"}
	}
	for _, day := range slices.Sorted(maps.Keys(steps)) {
		best := slices.Max(slices.Collect(maps.Values(steps[day])))
		d, _ := time.ParseInLocation(time.DateOnly, day, in.Loc)
		if err := emit(importers.Steps(d, in.Loc, best, stepLine[day])); err != nil {
			return err
		}
	}
	for _, day := range slices.Sorted(maps.Keys(resting)) {
		if err := emit(importers.Row{Collection: collections.HealthMetricsLogs, Key: "resting heart rate|" + day,
			Fields: map[string]any{"date": day, "resting_heart_rate": int(math.Round(resting[day]))}}); err != nil {
			return err
		}
	}
	for _, day := range slices.Sorted(maps.Keys(nights)) {
		n := nights[day]
		f := map[string]any{"date": day, "time_went_to_bed": n.bed.In(in.Loc).Format("15:04"), "time_got_out_of_bed": n.up.In(in.Loc).Format("15:04")}
		for k, v := range map[string]float64{"time_in_light_sleep": n.light, "time_in_deep_sleep": n.deep, "time_in_rem_sleep": n.rem} {
			if v > 0 {
				f[k] = int(math.Round(v))
			}
		}
		if err := emit(importers.Row{Collection: collections.SleepLogs, Key: "night|" + day, Line: n.line, Fields: f}); err != nil {
			return err
		}
	}
	return nil
}

func record(a map[string]string, line int, in importers.Input, emit func(importers.Row) error,
	steps map[string]map[string]float64, stepLine map[string]int, resting map[string]float64, nights map[string]*night) error {
	kind := a["type"]
	switch kind {
	case "HKQuantityTypeIdentifierBodyMass", "HKQuantityTypeIdentifierStepCount", "HKQuantityTypeIdentifierRestingHeartRate",
		"HKQuantityTypeIdentifierBloodGlucose", "HKCategoryTypeIdentifierSleepAnalysis":
	default:
		return nil
	}
	start, ok := when(a["startDate"], line, "startDate", in.Problem)
	if !ok {
		return nil
	}
	if kind == "HKCategoryTypeIdentifierSleepAnalysis" {
		end, ok := when(a["endDate"], line, "endDate", in.Problem)
		if !ok {
			return nil
		}
		day := end.In(in.Loc).Format(time.DateOnly)
		n := nights[day]
		if n == nil {
			n = &night{bed: start, up: end, line: line}
			nights[day] = n
		}
		n.bed, n.up = minTime(n.bed, start), maxTime(n.up, end)
		minutes := end.Sub(start).Minutes()
		switch strings.TrimPrefix(a["value"], "HKCategoryValueSleepAnalysis") {
		case "AsleepCore":
			n.light += minutes
		case "AsleepDeep":
			n.deep += minutes
		case "AsleepREM":
			n.rem += minutes
		}
		return nil
	}
	v, err := strconv.ParseFloat(a["value"], 64)
	if err != nil {
		in.Problem(importers.Problem{Line: line, Column: "value", Why: "not a number: " + strconv.Quote(a["value"])})
		return nil
	}
	day := start.In(in.Loc).Format(time.DateOnly)
	switch kind {
	case "HKQuantityTypeIdentifierBodyMass":
		unit, err := importers.WeightUnit(a["unit"])
		if err != nil {
			in.Problem(importers.Problem{Line: line, Column: "unit", Why: err.Error()})
			return nil
		}
		return emit(importers.Weight("weight:"+start.UTC().Format(time.DateTime), start, v, unit, line))
	case "HKQuantityTypeIdentifierStepCount":
		if steps[day] == nil {
			steps[day], stepLine[day] = map[string]float64{}, line
		}
		steps[day][a["sourceName"]] += v
	case "HKQuantityTypeIdentifierRestingHeartRate":
		resting[day] = v
	case "HKQuantityTypeIdentifierBloodGlucose":
		unit := "mg/dL"
		if strings.HasPrefix(a["unit"], "mmol") {
			unit = "mmol/L"
		}
		return emit(importers.Glucose("glucose:"+start.UTC().Format(time.DateTime), start, v, unit, line))
	}
	return nil
}

func attrs(el xml.StartElement) map[string]string {
	m := make(map[string]string, len(el.Attr))
	for _, a := range el.Attr {
		m[a.Name.Local] = a.Value
	}
	return m
}

func when(s string, line int, col string, problem func(importers.Problem)) (time.Time, bool) {
	t, err := time.Parse(layout, s)
	if err != nil {
		problem(importers.Problem{Line: line, Column: col, Why: "not a date: " + strconv.Quote(s)})
		return time.Time{}, false
	}
	return t, true
}

func number(s string) float64 {
	v, _ := strconv.ParseFloat(s, 64)
	return v
}

func distance(v, unit string) (float64, string) {
	u, err := importers.DistanceUnit(unit)
	if err != nil {
		return 0, ""
	}
	return number(v), u
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
