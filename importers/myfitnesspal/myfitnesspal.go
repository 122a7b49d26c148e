// Package myfitnesspal reads MyFitnessPal's CSV exports, recognised by their
// header: the Nutrition summary (meal totals per day), the Measurement
// summary (Date,Weight) and the Exercise summary.
//
// A nutrition row holds a meal's totals without the foods eaten. Each row
// becomes one private food "MyFitnessPal <meal> <date>" whose one serving
// is those totals, and a food log of 1 serving, so /api/nutrition/daily adds
// up to MyFitnessPal's day. Vitamin A, vitamin C, calcium and iron are given
// in percent of the daily value and converted with the registry's daily
// references.
package myfitnesspal

import (
	"fmt"
	"math"
	"regexp"
	"strings"
	"time"

	"trackbase/collections"
	"trackbase/importers"
	"trackbase/registry"
)

// percentOfDaily are the nutrients MyFitnessPal writes as % of daily value.
var percentOfDaily = map[string]bool{"vitamin_a": true, "vitamin_c": true, "calcium": true, "iron": true}

var unitSuffix = regexp.MustCompile(`\s*\([^)]*\)$`)

// Parse reads one of the three summaries.
func Parse(in importers.Input, emit func(importers.Row) error) error {
	t, err := importers.ReadTable(in.Reader(), 0)
	if err != nil {
		return err
	}
	switch {
	case t.Has("date", "meal", "calories"):
		return nutrition(t, in, emit)
	case t.Has("date", "exercise", "exercise calories"):
		return exercise(t, in, emit)
	case t.Has("date", "weight"):
		return measurement(t, in, emit)
	}
	return importers.ErrFormat{Why: "not a MyFitnessPal Nutrition, Measurement or Exercise summary (header: " + strings.Join(t.Header(), ",") + ")"}
}

func date(t *importers.Table, in importers.Input) (time.Time, bool) {
	return t.Time("date", in.Loc, in.Problem, time.DateOnly, "1/2/2006", "01/02/2006")
}

func nutrition(t *importers.Table, in importers.Input, emit func(importers.Row) error) error {
	// the header's nutrient columns: "Fat (g)" is fat, "Saturated Fat" saturated_fat
	columns := map[string]registry.Nutrient{}
	for _, h := range t.Header() {
		name := strings.ReplaceAll(unitSuffix.ReplaceAllString(h, ""), " ", "_")
		for _, n := range registry.EnergyAndNutrients() {
			if n.Name == name {
				columns[h] = n
			}
		}
	}
	seen := map[string]int{}
	return importers.EachRow(t, in.Problem, func() error {
		day, ok := date(t, in)
		meal := t.Get("meal")
		if !ok || meal == "" {
			if ok {
				in.Problem(importers.Problem{Line: t.Line(), Column: "meal", Why: "no meal"})
			}
			return nil
		}
		at, err := importers.MealTime(day, meal, t.Get("time"), in.Loc)
		if err != nil {
			in.Problem(importers.Problem{Line: t.Line(), Column: "time", Why: err.Error()})
			return nil
		}
		// a meal may have several rows a day (one per time): number them
		group := importers.Day(day) + "|" + strings.ToLower(meal)
		seen[group]++
		key := fmt.Sprintf("%s|%d", group, seen[group])
		food := map[string]any{"food_name": fmt.Sprintf("MyFitnessPal %s %s", meal, importers.Day(day)),
			"serving_size": 1, "unit": "serving", "food_group": "other", "make_public": false}
		for col, n := range columns {
			v, ok := t.Number(col, in.Problem)
			if !ok {
				continue
			}
			if v < 0 {
				in.Problem(importers.Problem{Line: t.Line(), Column: col, Why: "negative"})
				continue
			}
			if percentOfDaily[n.Name] {
				v = v * n.Daily / 100
			}
			food[n.Name] = math.Round(v*1000) / 1000
		}
		if err := emit(importers.Row{Collection: collections.Foods, Key: "meal:" + key, Line: t.Line(), Fields: food}); err != nil {
			return err
		}
		if err := emit(importers.Row{Collection: collections.FoodLogs, Key: "meal:" + key, Line: t.Line(),
			Fields: map[string]any{"servings": 1, "date_time": at, "measurement": "serving"},
			Refs:   map[string]importers.Ref{"food": {Collection: collections.Foods, Key: "meal:" + key}}}); err != nil {
			return err
		}
		return nil
	})
}

func measurement(t *importers.Table, in importers.Input, emit func(importers.Row) error) error {
	return importers.EachRow(t, in.Problem, func() error {
		day, ok := date(t, in)
		w, has := t.Number("weight", in.Problem)
		if !ok || !has {
			return nil
		}
		if err := emit(importers.Weight("weight:"+importers.Day(day), importers.Noon(day, in.Loc), w, in.WeightUnit, t.Line())); err != nil {
			return err
		}
		return nil
	})
}

// exercise reads cardio rows as cardio logs, strength rows as sets (the
// weight is in the Kilograms column), and the steps that "calorie
// adjustment" rows of synced trackers carry as the day's steps; the
// adjustments themselves are no exercise.
func exercise(t *importers.Table, in importers.Input, emit func(importers.Row) error) error {
	seen := map[string]int{}
	return importers.EachRow(t, in.Problem, func() error {
		day, ok := date(t, in)
		name := t.Get("exercise")
		if !ok {
			return nil
		}
		steps, hasSteps := t.Number("steps", in.Problem)
		if hasSteps && steps > 0 {
			if err := emit(importers.Steps(day, in.Loc, steps, t.Line())); err != nil {
				return err
			}
		}
		if name == "" || strings.Contains(strings.ToLower(name), "calorie adjustment") {
			return nil
		}
		group := importers.Day(day) + "|" + strings.ToLower(name)
		seen[group]++
		key := fmt.Sprintf("%s|%d", group, seen[group])
		minutes, _ := t.Number("exercise minutes", in.Problem)
		kcal, _ := t.Number("exercise calories", in.Problem)
		sets, _ := t.Number("sets", in.Problem)
		if strings.EqualFold(t.Get("type"), "strength") || sets > 0 {
			reps, _ := t.Number("reps per set", in.Problem)
			kg, _ := t.Number("kilograms", in.Problem)
			if err := emit(importers.Workout(name, t.Line())); err != nil {
				return err
			}
			for i := range max(1, int(sets)) {
				s := importers.Set{Key: fmt.Sprintf("%s|%d", key, i+1), Line: t.Line(), Exercise: name,
					At: importers.Noon(day, in.Loc).Add(time.Duration(i) * time.Minute), Weight: kg, Unit: "kg", Reps: int(reps)}
				if err := emit(s.Row()); err != nil {
					return err
				}
			}
			return nil
		}
		if minutes <= 0 {
			return nil // a cardio row without minutes records nothing trackbase keeps
		}
		if err := emit(importers.Cardio("cardio:"+key, t.Line(), name, importers.Noon(day, in.Loc), minutes, 0, "", kcal, 0)); err != nil {
			return err
		}
		return nil
	})
}
