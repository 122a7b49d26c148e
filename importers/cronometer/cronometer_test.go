package cronometer_test

import (
	"testing"
	"time"

	"trackbase/collections"
	"trackbase/importers/cronometer"
	"trackbase/importers/importertest"
)

func TestServings(t *testing.T) {
	// 12-hour and blank times, quoted names and amounts, µ in a header, vitamin D in IU,
	// the same food and amount twice (one food)
	text := `Day,Time,Group,Food Name,Amount,Energy (kcal),Caffeine (mg),Vitamin A (IU),Vitamin D (IU),Iron (mg),Carbs (g),Sugars (g),Fat (g),Saturated (g),Protein (g),Selenium (µg),Category
2022-11-03,9:51 AM,"Breakfast","Eggs, Cooked","4.00 medium",272.80,0.00,500,153.12,1.85,1.97,0.53,18.67,5.5,22.1,30.2,"Dairy and Egg Products"
2022-11-03,,"Lunch","Eggs, Cooked","4.00 medium",272.80,0.00,500,153.12,1.85,1.97,0.53,18.67,5.5,22.1,30.2,"Dairy and Egg Products"
2022-11-03,05:17,Drinks,"Jasmine Tea","600.00 g",6.00,48.0,,,,,,,,,,
`
	rows, problems, err := importertest.Parse(t, cronometer.Parse, text, time.UTC, "kg")
	if err != nil || len(problems) > 0 {
		t.Fatal(err, problems)
	}
	foods, logs := importertest.Of(rows, collections.Foods), importertest.Of(rows, collections.FoodLogs)
	if len(logs) != 3 || len(foods) != 3 || foods[0].Key != foods[1].Key {
		t.Fatalf("%d foods, %d logs", len(foods), len(logs))
	}
	egg := foods[0].Fields
	// 153.12 IU of vitamin D is 3.828 µg; vitamin A in IU and selenium are not kept
	for k, want := range map[string]any{"food_name": "Eggs, Cooked", "serving_size": 1.0, "unit": "serving", "calories": 272.8,
		"vitamin_d": 3.828, "iron": 1.85, "carbohydrates": 1.97, "sugar": 0.53, "fat": 18.67, "saturated_fat": 5.5,
		"protein": 22.1, "food_group": "dairy"} {
		if egg[k] != want {
			t.Errorf("%s = %v, want %v", k, egg[k], want)
		}
	}
	if _, ok := egg["vitamin_a"]; ok {
		t.Error("vitamin A in IU was kept")
	}
	if m := foods[0].Match; len(m) != 4 || m[0] != "food_name" {
		t.Errorf("match %v", m)
	}
	for i, want := range []string{"2022-11-03 09:51:00", "2022-11-03 13:00:00", "2022-11-03 05:17:00"} {
		if at := logs[i].Fields["date_time"].(time.Time).Format(time.DateTime); at != want || logs[i].Fields["servings"] != 1 {
			t.Errorf("log %d at %s, want %s", i, at, want)
		}
	}
	if foods[2].Fields["caffeine"] != 48.0 || foods[2].Fields["serving_size"] != 600.0 || foods[2].Fields["unit"] != "g" {
		t.Errorf("tea %+v", foods[2].Fields)
	}
}

func TestBiometricsAndExercises(t *testing.T) {
	bio := `Day,Time,Group,Metric,Unit,Amount
2022-11-03,,Uncategorized,"Sleep (Garmin)",hours,8.46667
2022-11-03,12:00 AM,Uncategorized,"Heart Rate (Garmin)",bpm,63.0
2022-11-03,7:10 AM,Beetus,"Blood Glucose",mg/dL,104
2022-11-04,,Uncategorized,Weight,lbs,181.2
2022-11-04,,Uncategorized,Weight,stone,12
`
	rows, problems, err := importertest.Parse(t, cronometer.Parse, bio, time.UTC, "kg")
	if err != nil {
		t.Fatal(err)
	}
	g, w, hr := importertest.Of(rows, "blood_glucose_logs"), importertest.Of(rows, collections.WeightLogs), importertest.Of(rows, collections.HealthMetricsLogs)
	if len(g) != 1 || g[0].Fields["value"] != 104.0 || g[0].Fields["unit"] != "mg/dL" || g[0].Fields["date_time"].(time.Time).Format(time.DateTime) != "2022-11-03 07:10:00" {
		t.Errorf("glucose %+v", g)
	}
	if len(w) != 1 || w[0].Fields["weight"] != 181.2 || w[0].Fields["weight_unit"] != "lb" {
		t.Errorf("weight %+v", w)
	}
	if len(hr) != 1 || hr[0].Fields["resting_heart_rate"] != 63 {
		t.Errorf("heart rate %+v", hr)
	}
	if len(problems) != 1 || problems[0].Line != 6 || problems[0].Column != "unit" {
		t.Errorf("problems %v", problems)
	}

	ex := "Day,Group,Exercise,Minutes,Calories Burned\n2024-07-09,Uncategorized,\"walking - total time (Google Fit)\",40.0,-192.51\n2024-07-09,Uncategorized,\"walking - total time (Google Fit)\",40.0,-192.51\n"
	rows, problems, err = importertest.Parse(t, cronometer.Parse, ex, time.UTC, "kg")
	if err != nil || len(problems) > 0 || len(rows) != 2 || rows[0].Key != rows[1].Key ||
		rows[0].Fields["calories_burned"] != 193.0 || rows[0].Fields["duration"] != 40.0 {
		t.Errorf("%v %v %+v", err, problems, rows)
	}
}

func TestDailySummary(t *testing.T) {
	text := "Date,Energy (kcal),Alcohol (g),Caffeine (mg),Protein (g),Completed\n2025-06-21,2706.83,0.00,95.5,139.26,true\n"
	rows, problems, err := importertest.Parse(t, cronometer.Parse, text, time.UTC, "kg")
	if err != nil || len(problems) > 0 || len(rows) != 2 || rows[0].Fields["calories"] != 2706.83 || rows[0].Fields["caffeine"] != 95.5 ||
		rows[0].Fields["food_name"] != "Cronometer day 2025-06-21" || rows[1].Refs["food"].Key != rows[0].Key {
		t.Errorf("%v %v %+v", err, problems, rows)
	}
}

func TestSamples(t *testing.T) { importertest.Samples(t, cronometer.Parse, "cronometer", 5) }
