package hooks_test

import (
	"fmt"
	"maps"
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"trackbase/collections"
	"trackbase/internal/testapp"
)

func ownedCaseOf(t testing.TB, collection string) ownedCase {
	for _, c := range casesOfTheSchema(t) {
		if c.collection == collection {
			return c
		}
	}
	t.Fatalf("no owned case for %s", collection)
	return ownedCase{}
}

// badValue is a value the server must refuse with 400 naming field. For a
// create, values are laid over the collection's valid create body (nil
// clears a field); with patch they are sent alone to alice's fixture row.
type badValue struct {
	collection string
	patch      bool
	values     map[string]any
	field      string
	code       string // "" when PocketBase's own field validator answers
}

// kg per lb is 0.45359237 (units table): 1544 lb = 700.35 kg is over the
// 700 kg cap, 1543 lb = 699.89 kg is under it (see TestValidValuesAccepted).
var badValues = []badValue{
	{collection: collections.UserGoals, values: map[string]any{"calories_goal": -1}, field: "calories_goal"},
	{collection: collections.UserGoals, values: map[string]any{"weight_goal_unit": "stone"}, field: "weight_goal_unit"},
	{collection: collections.UserGoals, values: map[string]any{"tokens_goal": 1.5}, field: "tokens_goal"},
	{collection: collections.Meals, values: map[string]any{"meal_name": ""}, field: "meal_name", code: "validation_required"},
	{collection: collections.Meals, values: map[string]any{"meal_name": "Lunch"}, field: "meal_name", code: "validation_not_unique"},
	{collection: collections.Meals, patch: true, values: map[string]any{"meal_name": ""}, field: "meal_name", code: "validation_required"},
	{collection: collections.MealFoods, values: map[string]any{"servings": 0}, field: "servings", code: "validation_required"},
	{collection: collections.MealFoods, values: map[string]any{"servings": 101}, field: "servings"},
	{collection: collections.MealFoods, values: map[string]any{"food": publicFoodA}, field: "food", code: "validation_not_unique"},
	{collection: collections.FoodLogs, values: map[string]any{"servings": 0}, field: "servings", code: "validation_required"},
	{collection: collections.FoodLogs, values: map[string]any{"servings": 100.5}, field: "servings"},
	{collection: collections.FoodLogs, values: map[string]any{"meal": rowID(collections.Meals, "bob")}, field: "meal", code: "validation_meal_not_owned"},
	{collection: collections.FoodLogs, patch: true, values: map[string]any{"servings": -2}, field: "servings"},
	{collection: collections.WeightLogs, values: map[string]any{"weight": 701, "weight_unit": "kg"}, field: "weight", code: "validation_weight_too_high"},
	{collection: collections.WeightLogs, values: map[string]any{"weight": 1544, "weight_unit": "lb"}, field: "weight", code: "validation_weight_too_high"},
	{collection: collections.WeightLogs, values: map[string]any{"weight": -5}, field: "weight"},
	{collection: collections.WeightLogs, values: map[string]any{"weight": "heavy"}, field: "weight", code: "validation_not_a_number"},
	{collection: collections.CardioLogs, values: map[string]any{"heart_rate": "fast"}, field: "heart_rate", code: "validation_not_a_number"},
	{collection: collections.WeightLogs, values: map[string]any{"weight_unit": "stone"}, field: "weight_unit", code: "validation_invalid_value"},
	{collection: collections.WeightLogs, values: map[string]any{"weight": 900, "weight_unit": "stone"}, field: "weight_unit", code: "validation_invalid_value"},
	// alice's row is 80 kg: 800 kg is over the cap
	{collection: collections.WeightLogs, patch: true, values: map[string]any{"weight": 800}, field: "weight", code: "validation_weight_too_high"},
	{collection: collections.BodyMeasurementLogs, values: map[string]any{"upper_arm": nil}, field: "waist", code: "validation_no_measurement"},
	{collection: collections.BodyMeasurementLogs, patch: true, values: map[string]any{"waist": 0}, field: "waist", code: "validation_no_measurement"},
	{collection: collections.BodyMeasurementLogs, values: map[string]any{"calf": -1}, field: "calf"},
	{collection: collections.BodyMeasurementLogs, values: map[string]any{"unit": "mm"}, field: "unit", code: "validation_invalid_value"},
	{collection: collections.WaterLogs, values: map[string]any{"amount": 0}, field: "amount", code: "validation_required"},
	{collection: collections.WaterLogs, values: map[string]any{"amount": -250}, field: "amount"},
	{collection: collections.WaterLogs, values: map[string]any{"unit": "gallon"}, field: "unit", code: "validation_invalid_value"},
	{collection: collections.StepsLogs, values: map[string]any{"steps": -1}, field: "steps"},
	{collection: collections.StepsLogs, values: map[string]any{"steps": " 9000 "}, field: "steps", code: "validation_not_a_number"},
	{collection: collections.StepsLogs, values: map[string]any{"steps": 200001}, field: "steps"},
	{collection: collections.StepsLogs, values: map[string]any{"steps": 1.5}, field: "steps"},
	{collection: collections.CardioLogs, values: map[string]any{"heart_rate": 29}, field: "heart_rate"},
	{collection: collections.CardioLogs, values: map[string]any{"heart_rate": 251}, field: "heart_rate"},
	{collection: collections.CardioLogs, values: map[string]any{"duration": 0}, field: "duration", code: "validation_required"},
	{collection: collections.CardioLogs, values: map[string]any{"distance": -1}, field: "distance"},
	{collection: collections.CardioLogs, values: map[string]any{"distance_unit": "yard"}, field: "distance_unit", code: "validation_invalid_value"},
	{collection: collections.CardioLogs, values: map[string]any{"calories_burned": -10}, field: "calories_burned"},
	{collection: collections.Workouts, values: map[string]any{"type": "kettlebell"}, field: "type", code: "validation_invalid_value"},
	{collection: collections.Workouts, values: map[string]any{"workout_name": ""}, field: "workout_name", code: "validation_required"},
	{collection: collections.WorkoutMuscles, values: map[string]any{"activation_rating": 101}, field: "activation_rating"},
	{collection: collections.WorkoutMuscles, values: map[string]any{"activation_rating": -1}, field: "activation_rating"},
	{collection: collections.WorkoutMuscles, values: map[string]any{"muscle": muscleA}, field: "muscle", code: "validation_not_unique"},
	{collection: collections.MuscleLogs, values: map[string]any{"priority": 101}, field: "priority"},
	{collection: collections.MuscleLogs, patch: true, values: map[string]any{"priority": -1}, field: "priority"},
	{collection: collections.MuscleLogs, values: map[string]any{"muscle": muscleA}, field: "muscle", code: "validation_not_unique"},
	{collection: collections.WorkoutLogs, values: map[string]any{"reps": 1001}, field: "reps"},
	{collection: collections.WorkoutLogs, values: map[string]any{"rir": 11}, field: "rir"},
	{collection: collections.WorkoutLogs, values: map[string]any{"weight": -1}, field: "weight"},
	{collection: collections.WorkoutLogs, values: map[string]any{"weight_unit": "stone"}, field: "weight_unit", code: "validation_invalid_value"},
	{collection: collections.WorkoutLogs, values: map[string]any{"rest_time": -30}, field: "rest_time"},
	{collection: collections.WorkoutLogs, values: map[string]any{"attributes": "drop set"}, field: "attributes", code: "validation_attributes_list"},
	{collection: collections.WorkoutLogs, values: map[string]any{"attribute_inputs": []int{1, 2}}, field: "attribute_inputs", code: "validation_attribute_inputs_object"},
	// bob's private workout
	{collection: collections.WorkoutLogs, values: map[string]any{"workout": rowID(collections.Workouts, "bob")}, field: "workout", code: "validation_workout_not_visible"},
	{collection: collections.Splits, values: map[string]any{"split_name": ""}, field: "split_name", code: "validation_required"},
	{collection: collections.Splits, values: map[string]any{"start_date": "next monday"}, field: "start_date", code: "validation_invalid_date"},
	{collection: collections.Splits, patch: true, values: map[string]any{"start_date": "2026-02-30"}, field: "start_date", code: "validation_invalid_date"},
	{collection: collections.SplitDays, values: map[string]any{"day_order": 0}, field: "day_order", code: "validation_required"},
	{collection: collections.SplitDays, values: map[string]any{"day_order": 1}, field: "day_order", code: "validation_not_unique"},
	{collection: collections.SplitDays, values: map[string]any{"day_name": ""}, field: "day_name", code: "validation_required"},
	{collection: collections.SplitDayTargets, values: map[string]any{"target_activation": -1}, field: "target_activation"},
	{collection: collections.SplitDayTargets, values: map[string]any{"muscle": muscleA}, field: "muscle", code: "validation_not_unique"},
	{collection: collections.SleepLogs, values: map[string]any{"time_went_to_bed": "25:00"}, field: "time_went_to_bed", code: "validation_invalid_format"},
	// the bad bed time is reported, not stages measured from a misread one
	{collection: collections.SleepLogs, values: map[string]any{"time_went_to_bed": "25:00", "time_got_out_of_bed": "07:00",
		"time_in_light_sleep": 200, "time_in_deep_sleep": 120, "time_in_rem_sleep": 110}, field: "time_went_to_bed", code: "validation_invalid_format"},
	{collection: collections.SleepLogs, values: map[string]any{"time_got_out_of_bed": "7am"}, field: "time_got_out_of_bed", code: "validation_invalid_format"},
	{collection: collections.SleepLogs, values: map[string]any{"date": "last night"}, field: "date", code: "validation_invalid_date"},
	// 23:00 to 06:00 is 420 minutes in bed; 200 + 120 + 110 = 430 minutes of stages
	{collection: collections.SleepLogs, values: map[string]any{"time_went_to_bed": "23:00", "time_got_out_of_bed": "06:00",
		"time_in_light_sleep": 200, "time_in_deep_sleep": 120, "time_in_rem_sleep": 110}, field: "time_in_light_sleep", code: "validation_sleep_stages_too_long"},
	// 01:00 to 06:00 is 300 minutes; 301 minutes of light sleep
	{collection: collections.SleepLogs, values: map[string]any{"time_went_to_bed": "01:00", "time_got_out_of_bed": "06:00",
		"time_in_light_sleep": 301, "time_in_deep_sleep": nil}, field: "time_in_light_sleep", code: "validation_sleep_stages_too_long"},
	// alice's row is 23:00 to 07:00 (480 minutes)
	{collection: collections.SleepLogs, patch: true, values: map[string]any{"time_in_rem_sleep": 481}, field: "time_in_light_sleep", code: "validation_sleep_stages_too_long"},
	{collection: collections.SleepLogs, values: map[string]any{"resting_heart_rate": 251}, field: "resting_heart_rate"},
	{collection: collections.SleepLogs, values: map[string]any{"number_of_times_woke_up": -1}, field: "number_of_times_woke_up"},
	{collection: collections.HealthMetricsLogs, values: map[string]any{"blood_pressure_systolic": 80, "blood_pressure_diastolic": 80},
		field: "blood_pressure_systolic", code: "validation_systolic_not_above_diastolic"},
	{collection: collections.HealthMetricsLogs, values: map[string]any{"blood_pressure_systolic": 70, "blood_pressure_diastolic": 90},
		field: "blood_pressure_systolic", code: "validation_systolic_not_above_diastolic"},
	{collection: collections.HealthMetricsLogs, values: map[string]any{"mood": 11}, field: "mood"},
	{collection: collections.HealthMetricsLogs, values: map[string]any{"stress_level": -1}, field: "stress_level"},
	{collection: collections.HealthMetricsLogs, values: map[string]any{"resting_heart_rate": 20}, field: "resting_heart_rate"},
	// blood glucose: > 0, at most 2000 mg/dL (111.01 mmol/L at 18.016 mg/dL per mmol/L)
	{collection: glucose, values: map[string]any{"value": 0}, field: "value", code: "validation_required"},
	{collection: glucose, values: map[string]any{"value": -5}, field: "value"},
	{collection: glucose, values: map[string]any{"value": 2001, "unit": "mg/dL"}, field: "value", code: "validation_too_high"},
	{collection: glucose, values: map[string]any{"value": 111.1, "unit": "mmol/L"}, field: "value", code: "validation_too_high"},
	{collection: glucose, values: map[string]any{"unit": "mg"}, field: "unit", code: "validation_invalid_value"},
	{collection: glucose, values: map[string]any{"context": "lunch"}, field: "context", code: "validation_invalid_value"},
	{collection: glucose, values: map[string]any{"context": nil}, field: "context", code: "validation_required"},
}

const glucose = "blood_glucose_logs"

func TestBadValuesRefused(t *testing.T) {
	var scenarios []tests.ApiScenario
	for _, b := range badValues {
		c := ownedCaseOf(t, b.collection)
		remember, check := unchangedTables(b.collection)
		s := tests.ApiScenario{
			Method: http.MethodPost, URL: "/api/collections/" + b.collection + "/records",
			Headers: testapp.Auth("alice"), ExpectedStatus: 400,
			BeforeTestFunc: func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) {
				c.fixtureRow(t, app, "alice")
				c.prerequisites(t, app, "bob")
				// bob's meal and private workout, which alice's rows cannot use
				userMeal(t, app, "bob")
				userWorkout(t, app, "bob")
				remember(t, app)
			},
			AfterTestFunc: check,
		}
		values := b.values
		if b.patch {
			s.Method = http.MethodPatch
			s.URL += "/" + rowID(b.collection, "alice")
		} else {
			values = maps.Clone(c.create)
			if !c.direct() {
				values[c.ownerField] = c.owner("alice")
			}
			maps.Copy(values, b.values)
		}
		s.Name = fmt.Sprintf("%s %s %v", b.collection, s.Method, b.values)
		s.Body = jsonBody(t, values)
		s.ExpectedContent = []string{`"` + b.field + `":{"code":"` + b.code}
		scenarios = append(scenarios, s)
	}
	runShared(t, scenarios)
}

func TestBadUserValuesRefused(t *testing.T) {
	var scenarios []tests.ApiScenario
	for _, b := range []struct {
		values      map[string]any
		field, code string
	}{
		{map[string]any{"height_cm": 300}, "height_cm", ""},
		{map[string]any{"height_cm": 49}, "height_cm", ""},
		{map[string]any{"gender": "x"}, "gender", "validation_invalid_value"},
		{map[string]any{"unit_preference": "stone"}, "unit_preference", "validation_invalid_value"},
		{map[string]any{"timezone": "Mars/Olympus"}, "timezone", "validation_invalid_timezone"},
		{map[string]any{"birthday": "2999-01-01 00:00:00.000Z"}, "birthday", "validation_birthday_future"},
		{map[string]any{"birthday": "my birthday"}, "birthday", "validation_invalid_date"},
		{map[string]any{"username": "a"}, "username", ""},
	} {
		remember, check := unchangedTables(collections.Users)
		scenarios = append(scenarios, tests.ApiScenario{
			Name:   fmt.Sprintf("users PATCH %v", b.values),
			Method: http.MethodPatch, URL: "/api/collections/users/records/" + testapp.ID("alice"),
			Headers: testapp.Auth("alice"), Body: jsonBody(t, b.values),
			ExpectedStatus: 400, ExpectedContent: []string{`"` + b.field + `":{"code":"` + b.code},
			BeforeTestFunc: func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) { remember(t, app) },
			AfterTestFunc:  check,
		})
	}
	runShared(t, scenarios)
}

func TestBadFoodValuesRefused(t *testing.T) {
	valid := map[string]any{"food_name": "Apple", "serving_size": 1, "unit": "piece", "food_group": "fruit"}
	var scenarios []tests.ApiScenario
	for _, b := range []struct {
		values      map[string]any
		field, code string
	}{
		{map[string]any{"unit": "handful"}, "unit", "validation_unknown_unit"},
		{map[string]any{"serving_size": 0}, "serving_size", "validation_required"},
		{map[string]any{"serving_size": -1}, "serving_size", ""},
		{map[string]any{"calories": -1}, "calories", ""},
		{map[string]any{"protein": -0.5}, "protein", ""},
		{map[string]any{"cost": -2}, "cost", ""},
		{map[string]any{"food_group": "candy"}, "food_group", "validation_invalid_value"},
		{map[string]any{"food_name": ""}, "food_name", "validation_required"},
	} {
		remember, check := unchangedTables(collections.Foods)
		values := maps.Clone(valid)
		maps.Copy(values, b.values)
		scenarios = append(scenarios, tests.ApiScenario{
			Name:   fmt.Sprintf("foods POST %v", b.values),
			Method: http.MethodPost, URL: "/api/collections/foods/records",
			Headers: testapp.Auth("alice"), Body: jsonBody(t, values),
			ExpectedStatus: 400, ExpectedContent: []string{`"` + b.field + `":{"code":"` + b.code},
			BeforeTestFunc: func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) { remember(t, app) },
			AfterTestFunc:  check,
		})
	}
	runShared(t, scenarios)
}

// TestValidValuesAccepted: the edges just inside the limits pass, so the
// refusals above are about the limit and not about something else.
func TestValidValuesAccepted(t *testing.T) {
	var scenarios []tests.ApiScenario
	for _, v := range []struct {
		collection string
		values     map[string]any
		want       string // in the answer, besides alice as the owner
	}{
		// 1543 lb = 699.89 kg
		{collections.WeightLogs, map[string]any{"weight": 1543, "weight_unit": "lb"}, `"weight":1543`},
		{collections.WeightLogs, map[string]any{"weight": 700, "weight_unit": "kg"}, `"weight":700`},
		// 23:00 to 07:00 is 480 minutes; 200 + 120 + 110 = 430 fit
		{collections.SleepLogs, map[string]any{"time_went_to_bed": "23:00", "time_got_out_of_bed": "07:00",
			"time_in_light_sleep": 200, "time_in_deep_sleep": 120, "time_in_rem_sleep": 110}, `"time_in_light_sleep":200`},
		{collections.HealthMetricsLogs, map[string]any{"blood_pressure_systolic": 81, "blood_pressure_diastolic": 80}, `"blood_pressure_systolic":81`},
		{collections.FoodLogs, map[string]any{"servings": 100}, `"servings":100`},
		{collections.StepsLogs, map[string]any{"steps": 200000}, `"steps":200000`},
		// numbers and dates as form-style strings are read, not refused
		{collections.StepsLogs, map[string]any{"steps": "9000", "date_time": "2026-01-31"}, `"steps":9000`},
		// an empty date or number is "none", not unreadable
		{collections.Splits, map[string]any{"start_date": ""}, `"start_date":""`},
		{collections.CardioLogs, map[string]any{"heart_rate": ""}, `"heart_rate":0`},
		{collections.BodyMeasurementLogs, map[string]any{"upper_arm": nil, "calf": 0.5}, `"calf":0.5`},
		// 111 mmol/L = 1999.8 mg/dL; date_time defaults to now
		{glucose, map[string]any{"value": 111, "unit": "mmol/L", "context": "bedtime", "date_time": nil}, `"value":111`},
		{glucose, map[string]any{"value": 2000, "unit": "mg/dL", "context": "fasting"}, `"value":2000`},
	} {
		c := ownedCaseOf(t, v.collection)
		values := maps.Clone(c.create)
		maps.Copy(values, v.values)
		scenarios = append(scenarios, tests.ApiScenario{
			Name:   fmt.Sprintf("%s POST %v", v.collection, v.values),
			Method: http.MethodPost, URL: "/api/collections/" + v.collection + "/records",
			Headers: testapp.Auth("alice"), Body: jsonBody(t, values),
			ExpectedStatus: 200, ExpectedContent: []string{`"user":"` + testapp.ID("alice") + `"`, v.want},
			BeforeTestFunc: func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) {
				c.prerequisites(t, app, "alice")
			},
		})
	}
	runShared(t, scenarios)
}
