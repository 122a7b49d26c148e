// Package cronometer reads Cronometer's CSV exports, recognised by their
// header: servings (each becomes a private food of the amount eaten, the
// same food, amount and energy sharing one food, which stands for a food
// of the user's own with that name, serving and energy, and a food log of
// one serving), the daily summary (one private food per day with the day's
// totals), biometrics (weight, blood glucose, heart rate) and exercises
// (cardio logs; Cronometer writes burned energy as a negative number).
// Import servings or the daily summary, not both: each holds the whole day.
package cronometer

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"trackbase/collections"
	"trackbase/importers"
	"trackbase/registry"
)

// nutrientNames maps Cronometer's column names (without the unit) to the
// foods' nutrient fields.
var nutrientNames = map[string]string{
	"energy": "calories", "protein": "protein", "fat": "fat", "carbs": "carbohydrates", "fiber": "fiber",
	"sodium": "sodium", "sugars": "sugar", "saturated": "saturated_fat", "trans-fats": "trans_fat",
	"calcium": "calcium", "iron": "iron", "magnesium": "magnesium", "potassium": "potassium",
	"cholesterol": "cholesterol", "vitamin a": "vitamin_a", "vitamin c": "vitamin_c", "vitamin d": "vitamin_d",
	"caffeine": "caffeine",
}

// convert turns a column unit other than the registry's into it; a column
// in a unit not listed (vitamin A in IU, whose µg depend on the source) is
// left out.
var convert = map[[2]string]float64{{"vitamin_d", "IU"}: 0.025} // 40 IU = 1 µg

var header = regexp.MustCompile(`^(.*?)\s*\(([^()]*)\)$`)

// groups map words of Cronometer's food category to the foods' groups.
var groups = []struct{ word, group string }{
	{"fruit", "fruit"}, {"vegetable", "vegetable"}, {"cereal", "grain"}, {"grain", "grain"}, {"baked", "grain"},
	{"dairy", "dairy"}, {"egg", "protein"}, {"beef", "protein"}, {"pork", "protein"}, {"poultry", "protein"},
	{"fish", "protein"}, {"legume", "protein"}, {"nut", "protein"}, {"lamb", "protein"}, {"sausage", "protein"},
}

// Parse reads one of the four exports.
func Parse(in importers.Input, emit func(importers.Row) error) error {
	t, err := importers.ReadTable(in.Reader(), 0)
	if err != nil {
		return err
	}
	switch {
	case t.Has("day", "food name", "amount"):
		return servings(t, in, emit)
	case t.Has("date", "energy (kcal)"):
		return dailySummary(t, in, emit)
	case t.Has("day", "metric", "unit", "amount"):
		return biometrics(t, in, emit)
	case t.Has("day", "exercise", "minutes"):
		return exercises(t, in, emit)
	}
	return importers.ErrFormat{Why: "not a Cronometer servings, dailysummary, biometrics or exercises export"}
}

// nutrientColumns maps the header's columns to nutrients and the factor
// from the column's unit to the nutrient's.
func nutrientColumns(t *importers.Table) map[string]func(float64) (string, float64) {
	units := registry.NutrientUnits()
	out := map[string]func(float64) (string, float64){}
	for _, h := range t.Header() {
		m := header.FindStringSubmatch(h)
		if m == nil {
			continue
		}
		name, ok := nutrientNames[m[1]]
		if !ok {
			continue
		}
		factor := 1.0
		if unit := m[2]; !strings.EqualFold(unit, units[name]) {
			if factor, ok = convert[[2]string{name, strings.ToUpper(unit)}]; !ok {
				continue
			}
		}
		out[h] = func(v float64) (string, float64) { return name, math.Round(v*factor*1000) / 1000 }
	}
	return out
}

func nutrients(t *importers.Table, in importers.Input, cols map[string]func(float64) (string, float64), food map[string]any) bool {
	for col, to := range cols {
		v, ok := t.Number(col, in.Problem)
		if !ok {
			continue
		}
		if v < 0 {
			in.Problem(importers.Problem{Line: t.Line(), Column: col, Why: "negative"})
			return false
		}
		name, value := to(v)
		food[name] = value
	}
	return true
}

func groupOf(category string) string {
	c := strings.ToLower(category)
	for _, g := range groups {
		if strings.Contains(c, g.word) {
			return g.group
		}
	}
	return "other"
}

func servings(t *importers.Table, in importers.Input, emit func(importers.Row) error) error {
	cols := nutrientColumns(t)
	seen := map[string]int{}
	return importers.EachRow(t, in.Problem, func() error {
		day, ok := t.Time("day", in.Loc, in.Problem, time.DateOnly)
		name, amount := t.Get("food name"), t.Get("amount")
		if !ok || name == "" {
			return nil
		}
		at, err := importers.MealTime(day, t.Get("group"), t.Get("time"), in.Loc)
		if err != nil {
			in.Problem(importers.Problem{Line: t.Line(), Column: "time", Why: err.Error()})
			return nil
		}
		qty, unit, _ := strings.Cut(amount, " ")
		size, err := strconv.ParseFloat(qty, 64)
		if err != nil || size < 0 {
			in.Problem(importers.Problem{Line: t.Line(), Column: "amount", Why: "not an amount: " + strconv.Quote(amount)})
			return nil
		}
		if size == 0 {
			return nil // a serving of nothing
		}
		// an amount in a unit foods have is the serving; otherwise ("4.00
		// medium") the amount eaten is one serving
		unit = strings.ToLower(strings.TrimSpace(unit))
		if !in.Units[unit] {
			size, unit = 1, "serving"
		}
		food := map[string]any{"food_name": name, "serving_size": size, "unit": unit,
			"food_group": groupOf(t.Get("category")), "make_public": false}
		if !nutrients(t, in, cols, food) {
			return nil
		}
		foodKey := fmt.Sprintf("food:%s|%s|%v", strings.ToLower(name), amount, food["calories"])
		if err := emit(importers.Row{Collection: collections.Foods, Key: foodKey, Line: t.Line(), Fields: food,
			Match: []string{"food_name", "serving_size", "unit", "calories"}}); err != nil {
			return err
		}
		group := fmt.Sprintf("%s|%s|%s|%s|%s", importers.Day(day), t.Get("time"), strings.ToLower(t.Get("group")), strings.ToLower(name), amount)
		seen[group]++
		return emit(importers.Row{Collection: collections.FoodLogs, Key: fmt.Sprintf("serving:%s|%d", group, seen[group]), Line: t.Line(),
			Fields: map[string]any{"servings": 1, "date_time": at, "measurement": amount[:min(len(amount), 20)]},
			Refs:   map[string]importers.Ref{"food": {Collection: collections.Foods, Key: foodKey}}})
	})
}

func dailySummary(t *importers.Table, in importers.Input, emit func(importers.Row) error) error {
	cols := nutrientColumns(t)
	return importers.EachRow(t, in.Problem, func() error {
		day, ok := t.Time("date", in.Loc, in.Problem, time.DateOnly)
		if !ok {
			return nil
		}
		food := map[string]any{"food_name": "Cronometer day " + importers.Day(day), "serving_size": 1, "unit": "serving",
			"food_group": "other", "make_public": false}
		if !nutrients(t, in, cols, food) {
			return nil
		}
		key := "day:" + importers.Day(day)
		if err := emit(importers.Row{Collection: collections.Foods, Key: key, Line: t.Line(), Fields: food}); err != nil {
			return err
		}
		return emit(importers.Row{Collection: collections.FoodLogs, Key: key, Line: t.Line(),
			Fields: map[string]any{"servings": 1, "date_time": importers.Noon(day, in.Loc), "measurement": "serving"},
			Refs:   map[string]importers.Ref{"food": {Collection: collections.Foods, Key: key}}})
	})
}

var source = regexp.MustCompile(`\s*\([^)]*\)$`) // "Heart Rate (Garmin)"

// biometrics reads weight, blood glucose and heart rate (a day's resting
// heart rate); metrics trackbase has no tracker for (insulin, sleep hours
// without bed times, custom ones) are left out.
func biometrics(t *importers.Table, in importers.Input, emit func(importers.Row) error) error {
	seen := map[string]int{}
	return importers.EachRow(t, in.Problem, func() error {
		day, ok := t.Time("day", in.Loc, in.Problem, time.DateOnly)
		if !ok {
			return nil
		}
		at, err := importers.MealTime(day, "", t.Get("time"), in.Loc)
		if err != nil {
			in.Problem(importers.Problem{Line: t.Line(), Column: "time", Why: err.Error()})
			return nil
		}
		metric := strings.ToLower(source.ReplaceAllString(t.Get("metric"), ""))
		unit := t.Get("unit")
		v, ok := t.Number("amount", in.Problem)
		if !ok {
			return nil
		}
		key := fmt.Sprintf("%s|%s|%s", metric, importers.Day(day), t.Get("time"))
		seen[key]++
		key = fmt.Sprintf("%s|%d", key, seen[key])
		switch metric {
		case "weight":
			u, err := importers.WeightUnit(unit)
			if err != nil {
				in.Problem(importers.Problem{Line: t.Line(), Column: "unit", Why: err.Error()})
				return nil
			}
			return emit(importers.Weight(key, at, v, u, t.Line()))
		case "blood glucose":
			if unit != "mg/dL" && unit != "mmol/L" {
				in.Problem(importers.Problem{Line: t.Line(), Column: "unit", Why: "unknown glucose unit " + strconv.Quote(unit)})
				return nil
			}
			return emit(importers.Glucose(key, at, v, unit, t.Line()))
		case "heart rate":
			return emit(importers.Row{Collection: collections.HealthMetricsLogs, Key: "heart rate|" + importers.Day(day), Line: t.Line(),
				Fields: map[string]any{"date": day.Format(time.DateOnly), "resting_heart_rate": int(math.Round(v))}})
		}
		return nil
	})
}

func exercises(t *importers.Table, in importers.Input, emit func(importers.Row) error) error {
	return importers.EachRow(t, in.Problem, func() error {
		day, ok := t.Time("day", in.Loc, in.Problem, time.DateOnly)
		name := t.Get("exercise")
		minutes, hasMinutes := t.Number("minutes", in.Problem)
		kcal, _ := t.Number("calories burned", in.Problem)
		if !ok || name == "" || !hasMinutes || minutes <= 0 {
			return nil
		}
		// identical lines (Cronometer repeats synced activities) are one activity
		key := fmt.Sprintf("cardio:%s|%s|%v|%v", importers.Day(day), strings.ToLower(name), minutes, kcal)
		return emit(importers.Cardio(key, t.Line(), name, importers.Noon(day, in.Loc), minutes, 0, "", math.Abs(kcal), 0))
	})
}
