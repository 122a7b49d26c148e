package importers

import (
	"fmt"
	"math"
	"strings"
	"time"

	"trackbase/collections"
)

// Noon is the instant given to a row whose file names only its date: noon
// of that date in the user's zone, on the same local day whatever DST does.
func Noon(day time.Time, loc *time.Location) time.Time {
	return time.Date(day.Year(), day.Month(), day.Day(), 12, 0, 0, 0, loc)
}

// Day is a date-only row's key part.
func Day(t time.Time) string { return t.Format(time.DateOnly) }

// Workout is the row of an exercise named in a training log, one per name
// (the key is the name without case); a workout of the user's with the same
// name stands for it.
func Workout(name string, line int) Row {
	return Row{Collection: collections.Workouts, Key: WorkoutKey(name), Line: line,
		Fields: map[string]any{"workout_name": name, "type": EquipmentOf(name)},
		Match:  []string{"workout_name"}}
}

// WorkoutKey is the key of the workout of that name.
func WorkoutKey(name string) string { return "workout:" + strings.ToLower(strings.TrimSpace(name)) }

// equipment maps words of an exercise's name ("Bench Press (Barbell)") to
// the workouts' type; the first found wins, bodyweight otherwise.
var equipment = []struct{ word, kind string }{
	{"barbell", "barbell"}, {"ez bar", "barbell"}, {"trap bar", "barbell"}, {"smith", "plate_machine"},
	{"dumbbell", "dumbbell"}, {"kettlebell", "dumbbell"}, {"cable", "cable_machine"},
	{"machine", "plate_machine"}, {"plate loaded", "plate_machine"}, {"lat pulldown", "cable_machine"},
	{"leg press", "plate_machine"},
}

// EquipmentOf is the workouts' type an exercise name suggests.
func EquipmentOf(name string) string {
	n := strings.ToLower(name)
	for _, e := range equipment {
		if strings.Contains(n, e.word) {
			return e.kind
		}
	}
	return "bodyweight"
}

// Set is one set of a training log.
type Set struct {
	Key      string // unique within the file (date, exercise, set number)
	Line     int
	Exercise string
	At       time.Time
	Weight   float64 // 0 for none
	Unit     string  // "kg" or "lb"
	Reps     int
	RPE      float64 // 0 for none
}

// Row is the set's workout_logs row; RPE becomes reps in reserve (10 - RPE).
func (s Set) Row() Row {
	f := map[string]any{"date_time": s.At, "weight_unit": s.Unit, "reps": s.Reps}
	if s.Weight != 0 { // a negative weight is refused by the schema, on its line
		f["weight"] = s.Weight
	}
	if s.RPE > 0 {
		f["rir"] = max(0, min(10, int(math.Round(10-s.RPE))))
	}
	return Row{Collection: collections.WorkoutLogs, Key: "set:" + s.Key, Line: s.Line, Fields: f,
		Refs: map[string]Ref{"workout": {collections.Workouts, WorkoutKey(s.Exercise)}}}
}

// DistanceUnit reads a distance unit as apps write it ("mi", "Miles").
func DistanceUnit(s string) (string, error) {
	switch strings.ToLower(strings.TrimSpace(strings.TrimSuffix(s, "."))) {
	case "km", "kms", "kilometers", "kilometres":
		return "km", nil
	case "mi", "mile", "miles":
		return "mile", nil
	case "m", "meters", "metres":
		return "m", nil
	}
	return "", fmt.Errorf("unknown distance unit %q", s)
}

// WeightUnit reads a unit as apps write it ("lbs", "Pounds", "kgs").
func WeightUnit(s string) (string, error) {
	switch strings.ToLower(strings.TrimSpace(strings.TrimSuffix(s, "."))) {
	case "kg", "kgs", "kilograms", "kilogram":
		return "kg", nil
	case "lb", "lbs", "pounds", "pound":
		return "lb", nil
	}
	return "", fmt.Errorf("unknown weight unit %q", s)
}

// Cardio is a cardio_logs row.
// distanceUnit is "km", "mile" or "m" (as the file gives it).
func Cardio(key string, line int, kind string, at time.Time, minutes, distance float64, distanceUnit string, kcal float64, heartRate int) Row {
	f := map[string]any{"cardio_type": kind, "date_time": at, "duration": math.Round(minutes*100) / 100}
	if distance > 0 {
		f["distance"], f["distance_unit"] = math.Round(distance*1000)/1000, distanceUnit
	}
	if kcal > 0 {
		f["calories_burned"] = math.Round(kcal)
	}
	if heartRate > 0 {
		f["heart_rate"] = heartRate
	}
	return Row{Collection: collections.CardioLogs, Key: key, Line: line, Fields: f}
}

// Steps is a day's steps_logs row.
func Steps(day time.Time, loc *time.Location, steps float64, line int) Row {
	return Row{Collection: collections.StepsLogs, Key: "steps:" + Day(day), Line: line,
		Fields: map[string]any{"steps": int(math.Round(steps)), "date_time": Noon(day, loc)}}
}

// Weight is a weight_logs row.
func Weight(key string, at time.Time, weight float64, unit string, line int) Row {
	return Row{Collection: collections.WeightLogs, Key: key, Line: line,
		Fields: map[string]any{"weight": math.Round(weight*100) / 100, "weight_unit": unit, "date_time": at}}
}

// Glucose is a blood_glucose_logs row; unit is "mg/dL" or "mmol/L".
func Glucose(key string, at time.Time, value float64, unit string, line int) Row {
	return Row{Collection: "blood_glucose_logs", Key: key, Line: line,
		Fields: map[string]any{"value": value, "unit": unit, "context": "other", "date_time": at}}
}

// mealHours place a meal logged without a time in its day.
var mealHours = map[string]int{"breakfast": 8, "lunch": 13, "dinner": 19, "snacks": 16}

// MealTime is the instant of a meal of a day: at clock ("9:51 AM" or
// "05:17") when given, else at the meal's usual hour (noon for others).
func MealTime(day time.Time, meal, clock string, loc *time.Location) (time.Time, error) {
	hour, ok := mealHours[strings.ToLower(strings.TrimSpace(meal))]
	if !ok {
		hour = 12
	}
	at := time.Date(day.Year(), day.Month(), day.Day(), hour, 0, 0, 0, loc)
	if clock == "" {
		return at, nil
	}
	for _, layout := range []string{"3:04 PM", "15:04", "15:04:05"} {
		if c, err := time.Parse(layout, strings.ToUpper(clock)); err == nil {
			return time.Date(day.Year(), day.Month(), day.Day(), c.Hour(), c.Minute(), c.Second(), 0, loc), nil
		}
	}
	return at, fmt.Errorf("not a time: %q", clock)
}
