package hevy_test

import (
	"testing"
	"time"

	"trackbase/collections"
	"trackbase/importers/hevy"
	"trackbase/importers/importertest"
)

func TestHevyWorkouts(t *testing.T) {
	// quoted header, unpadded and padded days, no final newline
	text := `"title","start_time","end_time","description","exercise_title","superset_id","exercise_notes","set_index","set_type","weight_kg","reps","distance_km","duration_seconds","rpe"
"Weekend Long","5 Dec 2025, 11:37","5 Dec 2025, 12:55","","Pull Up",,"",0,"normal",,7,,,
"Weekend Long","5 Dec 2025, 11:37","5 Dec 2025, 12:55","","Bench Press (Dumbbell)",,"",1,"normal",22.5,10,,,8
"Run","02 Jul 2025, 17:56","02 Jul 2025, 18:26","","Running",,"",0,"normal",,,5.01,1800,`
	rows, problems, err := importertest.Parse(t, hevy.Parse, text, time.UTC, "lb")
	if err != nil || len(problems) > 0 {
		t.Fatal(err, problems)
	}
	w, sets, cardio := importertest.Of(rows, collections.Workouts), importertest.Of(rows, collections.WorkoutLogs), importertest.Of(rows, collections.CardioLogs)
	if len(w) != 2 || w[0].Fields["type"] != "bodyweight" || w[1].Fields["type"] != "dumbbell" {
		t.Errorf("workouts %+v", w)
	}
	if len(sets) != 2 || sets[0].Fields["reps"] != 7 || sets[0].Fields["weight"] != nil || sets[0].Fields["weight_unit"] != "kg" {
		t.Fatalf("sets %+v", sets)
	}
	if f := sets[1].Fields; f["weight"] != 22.5 || f["rir"] != 2 || f["date_time"].(time.Time).Format(time.DateTime) != "2025-12-05 11:38:00" {
		t.Errorf("set 2 %+v", f)
	}
	if len(cardio) != 1 || cardio[0].Fields["distance"] != 5.01 || cardio[0].Fields["distance_unit"] != "km" || cardio[0].Fields["duration"] != 30.0 ||
		cardio[0].Fields["date_time"].(time.Time).Format(time.DateTime) != "2025-07-02 17:56:00" {
		t.Errorf("cardio %+v", cardio)
	}
}

func TestPoundsColumn(t *testing.T) {
	text := "title,start_time,end_time,exercise_title,set_index,weight_lbs,reps\nA,\"5 Dec 2025, 11:37\",x,Squat (Barbell),0,225,5\nA,\"5 Dec 2025\",x,Squat (Barbell),1,225,5\n"
	rows, problems, err := importertest.Parse(t, hevy.Parse, text, time.UTC, "kg")
	sets := importertest.Of(rows, collections.WorkoutLogs)
	if err != nil || len(sets) != 1 || sets[0].Fields["weight_unit"] != "lb" || sets[0].Fields["weight"] != 225.0 {
		t.Errorf("%v %+v", err, sets)
	}
	if len(problems) != 1 || problems[0].Line != 3 || problems[0].Column != "start_time" {
		t.Errorf("problems %v", problems)
	}
}

func TestSamples(t *testing.T) { importertest.Samples(t, hevy.Parse, "hevy", 20) }
