package workouts_test

import (
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"trackbase/collections"
	"trackbase/internal/testapp"
)

// id pads a readable prefix to a valid 15-character record id, so scenario
// URLs can name fixture rows before they exist.
func id(prefix string) string { return prefix + strings.Repeat("0", 15-len(prefix)) }

// Fixture muscles (reference data) by role in the tests.
const (
	chest   = "Pectoralis Major (Middle)" // group chest
	triceps = "Triceps (Long Head)"       // group arms
	biceps  = "Biceps Brachii"            // group arms
	quads   = "Quadriceps (Rectus Femoris)"
)

type fixture struct {
	t   testing.TB
	app core.App
}

func (f fixture) save(collection string, fields map[string]any) string {
	f.t.Helper()
	return testapp.Save(f.t, f.app, collection, fields)
}

func (f fixture) muscle(name string) string {
	f.t.Helper()
	rec, err := f.app.FindFirstRecordByData(collections.Muscles, "muscle_name", name)
	if err != nil {
		f.t.Fatalf("muscle %q: %v", name, err)
	}
	return rec.Id
}

// workout creates a workout of user with activation ratings per muscle name.
func (f fixture) workout(wid, user, name string, public bool, ratings map[string]float64) {
	f.save(collections.Workouts, map[string]any{"id": wid, "user": testapp.ID(user), "workout_name": name, "type": "barbell", "make_public": public})
	for m, r := range ratings {
		f.save(collections.WorkoutMuscles, map[string]any{"workout": wid, "muscle": f.muscle(m), "activation_rating": r})
	}
}

// set logs one set of user at the instant at.
func (f fixture) set(user, wid string, weight float64, unit string, reps, rir int, at time.Time) {
	f.save(collections.WorkoutLogs, map[string]any{"user": testapp.ID(user), "workout": wid, "weight": weight,
		"weight_unit": unit, "reps": reps, "rir": rir, "date_time": at})
}

// split creates a split with its days in order; each day maps muscle names to targets.
func (f fixture) split(sid, user, name, start string, days ...splitDay) {
	f.save(collections.Splits, map[string]any{"id": sid, "user": testapp.ID(user), "split_name": name, "start_date": start})
	for i, d := range days {
		f.save(collections.SplitDays, map[string]any{"id": d.id, "split": sid, "day_name": d.name, "day_order": i + 1})
		for m, v := range d.targets {
			f.save(collections.SplitDayTargets, map[string]any{"split_day": d.id, "muscle": f.muscle(m), "target_activation": v})
		}
	}
}

type splitDay struct {
	id, name string
	targets  map[string]float64
}

func utc(s string) time.Time {
	t, err := time.Parse("2006-01-02 15:04", s)
	if err != nil {
		panic(err)
	}
	return t
}

// seedTraining writes the shared data set that the expected values of every
// scenario in this package are computed from:
//
// alice (UTC)
//
//	workouts: bench (chest 90, triceps 60), curl (biceps 80)
//	sets:     2026-01-04 10:00 bench 100 kg × 5 rir 2
//	          2026-01-04 10:05 bench 100 kg × 3 rir 1
//	          2026-01-04 10:10 curl  30 lb  × 10 rir 2
//	          2026-01-06 09:00 bench 225 lb × 5 rir 1
//	          2026-01-06 09:10 bench 80 kg  × 10 rir 0
//	          2026-01-06 09:20 squat (bob's public workout) 120 kg × 5 rir 2
//	splits:   PPL from 2026-01-01: Push (chest 1200, triceps 300), Pull (biceps 600), Legs (quads 900)
//	          Old from 2025-06-01: Full (quads 500)
//	          Future from 2026-06-01: Future (chest 100)
//	          Draft, never started: Draft (chest 100)
//	priority: quads 100, every other muscle 80 (sign-up default)
//
// bob (America/Los_Angeles)
//
//	workouts: squat (public; quads 100), press (private; chest 100)
//	sets:     2026-01-04 12:00 press 200 kg × 1
//	          2026-01-06 05:00 squat 140 kg × 3 (2026-01-05 21:00 in Los Angeles)
//	split:    Bob from 2026-01-02: Only (chest 2000)
func seedTraining(t testing.TB, app core.App) {
	f := fixture{t, app}
	f.workout(id("bench"), "alice", "Bench Press", false, map[string]float64{chest: 90, triceps: 60})
	f.workout(id("curl"), "alice", "Curl", false, map[string]float64{biceps: 80})
	f.workout(id("squat"), "bob", "Squat", true, map[string]float64{quads: 100})
	f.workout(id("press"), "bob", "Press", false, map[string]float64{chest: 100})

	f.set("alice", id("bench"), 100, "kg", 5, 2, utc("2026-01-04 10:00"))
	f.set("alice", id("bench"), 100, "kg", 3, 1, utc("2026-01-04 10:05"))
	f.set("alice", id("curl"), 30, "lb", 10, 2, utc("2026-01-04 10:10"))
	f.set("alice", id("bench"), 225, "lb", 5, 1, utc("2026-01-06 09:00"))
	f.set("alice", id("bench"), 80, "kg", 10, 0, utc("2026-01-06 09:10"))
	f.set("alice", id("squat"), 120, "kg", 5, 2, utc("2026-01-06 09:20"))
	f.set("bob", id("press"), 200, "kg", 1, 0, utc("2026-01-04 12:00"))
	f.set("bob", id("squat"), 140, "kg", 3, 1, utc("2026-01-06 05:00"))

	f.split(id("ppl"), "alice", "PPL", "2026-01-01",
		splitDay{id("push"), "Push", map[string]float64{chest: 1200, triceps: 300}},
		splitDay{id("pull"), "Pull", map[string]float64{biceps: 600}},
		splitDay{id("legs"), "Legs", map[string]float64{quads: 900}})
	f.split(id("old"), "alice", "Old", "2025-06-01", splitDay{id("full"), "Full", map[string]float64{quads: 500}})
	f.split(id("future"), "alice", "Future", "2026-06-01", splitDay{id("fday"), "Future", map[string]float64{chest: 100}})
	f.split(id("draft"), "alice", "Draft", "", splitDay{id("dday"), "Draft", map[string]float64{chest: 100}})
	f.split(id("bobsplit"), "bob", "Bob", "2026-01-02", splitDay{id("bobday"), "Only", map[string]float64{chest: 2000}})

	if _, err := app.DB().NewQuery(`UPDATE {{muscle_logs}} SET priority = 100
		WHERE [[user]] = {:user} AND muscle = {:muscle}`).
		Bind(dbx.Params{"user": testapp.ID("alice"), "muscle": f.muscle(quads)}).Execute(); err != nil {
		t.Fatal(err)
	}
}

// seeded is a TestAppFactory with the routes bound and seedTraining applied.
func seeded(t testing.TB) *tests.TestApp {
	app := testapp.NewUnmanaged(t)
	seedTraining(t, app)
	return app
}

// near compares 2-decimal response values with hand-computed ones.
func near(a, b float64) bool { d := a - b; return d < 0.006 && d > -0.006 }
