package fitnotes_test

import (
	"testing"
	"time"

	"trackbase/collections"
	"trackbase/importers/fitnotes"
	"trackbase/importers/importertest"
)

func TestFitNotes(t *testing.T) {
	// lbs, Comment always quoted "", a cardio line with km and h:mm:ss, no final newline
	text := "Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time,Comment\n" +
		"2025-02-24,Lat Pulldown,Back,140.0,lbs,12,,,,\"\"\n" +
		"2025-02-24,Lat Pulldown,Back,150.0,lbs,9,,,,\"\"\n" +
		"2025-02-24,Treadmill,Cardio,,,,3.2,km,0:25:30,\"\""
	rows, problems, err := importertest.Parse(t, fitnotes.Parse, text, time.UTC, "kg")
	if err != nil || len(problems) > 0 {
		t.Fatal(err, problems)
	}
	w, sets, cardio := importertest.Of(rows, collections.Workouts), importertest.Of(rows, collections.WorkoutLogs), importertest.Of(rows, collections.CardioLogs)
	if len(w) != 2 || w[0].Fields["type"] != "cable_machine" {
		t.Errorf("workouts %+v", w)
	}
	if len(sets) != 2 || sets[1].Fields["weight"] != 150.0 || sets[1].Fields["weight_unit"] != "lb" || sets[1].Fields["reps"] != 9 ||
		sets[1].Fields["date_time"].(time.Time).Format(time.DateTime) != "2025-02-24 12:01:00" || sets[0].Key == sets[1].Key {
		t.Errorf("sets %+v", sets)
	}
	if len(cardio) != 1 || cardio[0].Fields["duration"] != 25.5 || cardio[0].Fields["distance"] != 3.2 {
		t.Errorf("cardio %+v", cardio)
	}
}

func TestUnknownUnitIsNamed(t *testing.T) {
	text := "Date,Exercise,Category,Weight,Weight Unit,Reps\n2025-02-24,Squat,Legs,100,stone,5\n"
	_, problems, _ := importertest.Parse(t, fitnotes.Parse, text, time.UTC, "kg")
	if len(problems) != 1 || problems[0].Line != 2 || problems[0].Column != "weight unit" {
		t.Errorf("problems %v", problems)
	}
}

func TestSamples(t *testing.T) { importertest.Samples(t, fitnotes.Parse, "fitnotes", 20) }
