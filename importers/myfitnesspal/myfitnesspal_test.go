package myfitnesspal_test

import (
	"strings"
	"testing"
	"time"

	"trackbase/collections"
	"trackbase/importers/importertest"
	"trackbase/importers/myfitnesspal"
)

var berlin, _ = time.LoadLocation("Europe/Berlin")

func crlf(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }

func TestNutritionSummary(t *testing.T) {
	// a Time column (12-hour, often empty), two rows for one meal, %DV vitamins, CRLF
	text := crlf(`Date,Meal,Time,Calories,Fat (g),Saturated Fat,Polyunsaturated Fat,Cholesterol,Sodium (mg),Potassium,Carbohydrates (g),Fiber,Sugar,Protein (g),Vitamin A,Vitamin C,Calcium,Iron,Note
2024-07-02,Breakfast,,518.0,29.0,7.9,0.0,10,574.5,740.0,36.7,2.1,14.1,27.6,10,50,20,5,
2024-07-02,Snacks,3:05 PM,100,1,0,0,0,0,0,20,0,5,2,0,0,0,0,
2024-07-02,Snacks,9:40 PM,50,0,0,0,0,0,0,10,0,5,1,0,0,0,0,
`)
	rows, problems, err := importertest.Parse(t, myfitnesspal.Parse, text, berlin, "kg")
	if err != nil || len(problems) > 0 {
		t.Fatal(err, problems)
	}
	foods, logs := importertest.Of(rows, collections.Foods), importertest.Of(rows, collections.FoodLogs)
	if len(foods) != 3 || len(logs) != 3 {
		t.Fatalf("%d foods, %d logs", len(foods), len(logs))
	}
	b := foods[0].Fields
	// vitamin A 10% of 900 µg = 90; C 50% of 90 mg = 45; calcium 20% of 1300 mg = 260; iron 5% of 18 mg = 0.9
	for k, want := range map[string]any{"food_name": "MyFitnessPal Breakfast 2024-07-02", "calories": 518.0, "fat": 29.0,
		"saturated_fat": 7.9, "cholesterol": 10.0, "sodium": 574.5, "potassium": 740.0, "carbohydrates": 36.7, "fiber": 2.1,
		"sugar": 14.1, "protein": 27.6, "vitamin_a": 90.0, "vitamin_c": 45.0, "calcium": 260.0, "iron": 0.9, "serving_size": 1} {
		if b[k] != want {
			t.Errorf("%s = %v, want %v", k, b[k], want)
		}
	}
	if _, ok := b["polyunsaturated_fat"]; ok {
		t.Error("a column trackbase has no field for became a field")
	}
	// breakfast without a time at 08:00 Berlin (06:00Z in summer); the snacks at their times
	for i, want := range []string{"2024-07-02T06:00:00Z", "2024-07-02T13:05:00Z", "2024-07-02T19:40:00Z"} {
		if at := logs[i].Fields["date_time"].(time.Time).UTC().Format(time.RFC3339); at != want {
			t.Errorf("log %d at %s, want %s", i, at, want)
		}
		if logs[i].Refs["food"].Key != foods[i].Key || logs[i].Fields["servings"] != 1 {
			t.Errorf("log %d: %+v", i, logs[i])
		}
	}
	if foods[1].Key == foods[2].Key {
		t.Error("two snack rows of a day share a key")
	}
}

func TestMeasurementSummaryTakesTheUsersUnit(t *testing.T) {
	rows, problems, err := importertest.Parse(t, myfitnesspal.Parse, crlf("Date,Weight\n2024-07-02,185.5\n2024-07-04,abc\n"), time.UTC, "lb")
	if err != nil || len(rows) != 1 || rows[0].Fields["weight"] != 185.5 || rows[0].Fields["weight_unit"] != "lb" {
		t.Fatalf("%v %+v", err, rows)
	}
	if len(problems) != 1 || problems[0].Line != 3 || problems[0].Column != "weight" {
		t.Errorf("problems %v", problems)
	}
}

func TestExerciseSummary(t *testing.T) {
	text := `Date,Exercise,Type,Exercise Calories,Exercise Minutes,Sets,Reps Per Set,Kilograms,Steps,Note
2024-07-02,Health Connect calorie adjustment,Cardio,573.0,1,,,,9840,
2024-07-03,"""Walking, 3.5 mph, brisk pace""",Cardio,178.0,18,,,,,
2024-07-03,Bench Press,Strength,,,3,8,60,,
`
	rows, problems, err := importertest.Parse(t, myfitnesspal.Parse, text, time.UTC, "kg")
	if err != nil || len(problems) > 0 {
		t.Fatal(err, problems)
	}
	steps, cardio, sets := importertest.Of(rows, collections.StepsLogs), importertest.Of(rows, collections.CardioLogs), importertest.Of(rows, collections.WorkoutLogs)
	if len(steps) != 1 || steps[0].Fields["steps"] != 9840 {
		t.Errorf("steps %+v", steps)
	}
	if len(cardio) != 1 || cardio[0].Fields["cardio_type"] != "Walking, 3.5 mph, brisk pace" || cardio[0].Fields["duration"] != 18.0 || cardio[0].Fields["calories_burned"] != 178.0 {
		t.Errorf("cardio %+v", cardio)
	}
	if len(sets) != 3 || sets[0].Fields["weight"] != 60.0 || sets[0].Fields["weight_unit"] != "kg" || sets[0].Fields["reps"] != 8 {
		t.Errorf("sets %+v", sets)
	}
}

func TestOtherFilesAreRefused(t *testing.T) {
	if _, _, err := importertest.Parse(t, myfitnesspal.Parse, "a,b\n1,2\n", time.UTC, "kg"); err == nil || !strings.Contains(err.Error(), "not a MyFitnessPal") {
		t.Errorf("err %v", err)
	}
}

func TestSamples(t *testing.T) { importertest.Samples(t, myfitnesspal.Parse, "myfitnesspal", 10) }
