package strong_test

import (
	"testing"
	"time"

	"trackbase/collections"
	"trackbase/importers/importertest"
	"trackbase/importers/strong"
)

func TestSemicolonDialectWithUnits(t *testing.T) {
	text := "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;Seconds;Notes;Workout Notes;Workout Duration\n" +
		"2022-09-20 16:39:37;\"Week B Day 1\";\"Bench Press (Barbell)\";1;115;lbs;4;6.5;;;0;\"\";\"\";17m\n" +
		"2022-09-20 16:39:37;\"Week B Day 1\";\"Bench Press (Barbell)\";2;115;lbs;8;;;;0;;;17m\n" +
		"2022-09-20 16:39:37;\"Week B Day 1\";\"Bench Press (Barbell)\";Rest Timer;;;;;;;90;;;17m\n" +
		"2022-09-20 16:39:37;\"Week B Day 1\";\"Running\";1;;;;;5.2;mi;1800;;;17m\n"
	ny, _ := time.LoadLocation("America/New_York")
	rows, problems, err := importertest.Parse(t, strong.Parse, text, ny, "kg")
	if err != nil || len(problems) > 0 {
		t.Fatal(err, problems)
	}
	w, sets, cardio := importertest.Of(rows, collections.Workouts), importertest.Of(rows, collections.WorkoutLogs), importertest.Of(rows, collections.CardioLogs)
	if len(w) != 2 || w[0].Fields["workout_name"] != "Bench Press (Barbell)" || w[0].Fields["type"] != "barbell" {
		t.Errorf("workouts %+v", w)
	}
	if len(sets) != 2 {
		t.Fatalf("sets %+v", sets)
	}
	// 16:39:37 in New York is 20:39:37Z; RPE 6.5 leaves 3.5 → 4 reps in reserve
	f := sets[0].Fields
	if f["weight"] != 115.0 || f["weight_unit"] != "lb" || f["reps"] != 4 || f["rir"] != 4 ||
		f["date_time"].(time.Time).UTC().Format(time.DateTime) != "2022-09-20 20:39:37" {
		t.Errorf("set 1 %+v", f)
	}
	if _, ok := sets[1].Fields["rir"]; ok || sets[1].Refs["workout"].Key != w[0].Key {
		t.Errorf("set 2 %+v", sets[1])
	}
	if len(cardio) != 1 || cardio[0].Fields["distance"] != 5.2 || cardio[0].Fields["distance_unit"] != "mile" || cardio[0].Fields["duration"] != 30.0 {
		t.Errorf("cardio %+v", cardio)
	}
}

func TestCommaDialectTakesTheUsersUnit(t *testing.T) {
	text := "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n" +
		"2022-09-21 10:26:28,\"Wednesday\",38min,\"Squat (Barbell)\",1,45.0,10,0,0,\"\",\"\",\n" +
		"2022-09-21 10:26:28,\"Wednesday\",38min,\"Squat (Barbell)\",2,heavy,8,0,0,,,\n\n\n"
	rows, problems, err := importertest.Parse(t, strong.Parse, text, time.UTC, "lb")
	if err != nil {
		t.Fatal(err)
	}
	sets := importertest.Of(rows, collections.WorkoutLogs)
	if len(sets) < 1 || sets[0].Fields["weight_unit"] != "lb" || sets[0].Fields["weight"] != 45.0 {
		t.Errorf("sets %+v", sets)
	}
	if len(problems) != 1 || problems[0].Line != 3 || problems[0].Column != "weight" {
		t.Errorf("problems %v", problems)
	}
}

func TestSamples(t *testing.T) { importertest.Samples(t, strong.Parse, "strong", 20) }
