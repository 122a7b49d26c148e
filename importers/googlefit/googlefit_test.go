package googlefit_test

import (
	"testing"
	"time"

	"trackbase/collections"
	"trackbase/importers/googlefit"
	"trackbase/importers/importertest"
)

func TestDailyMetrics(t *testing.T) {
	// sparse columns and float noise
	text := "Date,Move Minutes count,Calories (kcal),Distance (m),Step count,Average weight (kg)\n" +
		"2021-10-19,9,152.29999923706055,,1523.0,\n2021-10-20,15,206.899995803833,,,81.29999\n2021-10-21,,,,many,\n"
	rows, problems, err := importertest.Parse(t, googlefit.Parse, text, time.UTC, "lb")
	if err != nil {
		t.Fatal(err)
	}
	steps, w := importertest.Of(rows, collections.StepsLogs), importertest.Of(rows, collections.WeightLogs)
	if len(steps) != 1 || steps[0].Fields["steps"] != 1523 || steps[0].Fields["date_time"].(time.Time).Format(time.DateTime) != "2021-10-19 12:00:00" {
		t.Errorf("steps %+v", steps)
	}
	if len(w) != 1 || w[0].Fields["weight"] != 81.3 || w[0].Fields["weight_unit"] != "kg" {
		t.Errorf("weight %+v", w)
	}
	if len(problems) != 1 || problems[0].Line != 4 || problems[0].Column != "step count" {
		t.Errorf("problems %v", problems)
	}
}

func TestSamples(t *testing.T) { importertest.Samples(t, googlefit.Parse, "google_fit", 10) }
