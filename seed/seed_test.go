package seed_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"trackbase/internal/testapp"
	"trackbase/registry"
	"trackbase/seed"
)

// a fixed "now" so counts do not depend on the day the test runs
var today = time.Date(2026, 3, 18, 12, 0, 0, 0, time.UTC)

func run(t *testing.T, app core.App, o seed.Options) *seed.Report {
	t.Helper()
	if o.Today.IsZero() {
		o.Today = today
	}
	rep, err := seed.Run(app, o)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func count(t *testing.T, app core.App, table string) int {
	t.Helper()
	var n int
	if err := app.DB().Select("COUNT(*)").From(table).Row(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// fingerprint is every row of the user tables, in id order, as one string.
func fingerprint(t *testing.T, app core.App) string {
	t.Helper()
	var b strings.Builder
	for _, table := range []string{"users", "foods", "weight_logs", "food_logs", "workout_logs", "sleep_logs", "split_day_targets", "api_usage_logs"} {
		var rows []struct {
			Row string `db:"r"`
		}
		err := app.DB().NewQuery("SELECT json_object('id', id, 'created', created) AS r FROM {{" + table + "}} ORDER BY id").All(&rows)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			b.WriteString(r.Row)
		}
		b.WriteString("|")
	}
	return b.String()
}

func TestDummyRowCounts(t *testing.T) {
	app := testapp.New(t)
	rep := run(t, app, seed.Options{Dummy: true, Days: 30, Seed: 42})

	// fixed by the templates: 2 users, 2 goals rows, 2 meals each with 3 foods,
	// 46 muscle priorities each, PPL has 12 exercises and Upper/Lower 8,
	// both splits have 7 days; the 4 fixture users have a goals row and 46
	// priorities of their own
	exact := map[string][2]int{"users": {2, 6}, "user_goals": {2, 6}, "meals": {4, 4}, "meal_foods": {12, 12},
		"muscle_logs": {92, 4*46 + 92}, "workouts": {20, 20}, "splits": {2, 2}, "split_days": {14, 14}, "foods": {22, 22 + 8789}} // + USDA
	for table, want := range exact {
		if rep.Rows[table] != want[0] {
			t.Errorf("report says %d %s, want %d", rep.Rows[table], table, want[0])
		}
		if got := count(t, app, table); got != want[1] {
			t.Errorf("%s: %d rows, want %d", table, got, want[1])
		}
	}
	// Mon/Thu/Sat in the 30 days 2026-02-17 … 03-18: Feb 19 21 23 26 28,
	// Mar 2 5 7 9 12 14 16 = 12 mornings each
	if got := count(t, app, "weight_logs"); got != 24 {
		t.Errorf("weight_logs: %d, want 24", got)
	}
	// one check-in a day; today's 07:45 London check-in is past, New York's (11:45 UTC) too
	if got := count(t, app, "health_metrics_logs"); got != 60 {
		t.Errorf("health_metrics_logs: %d, want 60", got)
	}
	// steps at 21:30 local: today's are still to come in both zones
	if got := count(t, app, "steps_logs"); got != 58 {
		t.Errorf("steps_logs: %d, want 58", got)
	}
	// every tracker has rows: a new one's come from its registry row
	for _, tr := range registry.Trackers {
		if count(t, app, tr.Collection) == 0 {
			t.Errorf("no %s rows", tr.Collection)
		}
	}
	// the tables filled at random stay within their ranges
	ranges := map[string][2]int{
		"food_logs":      {2 * 29 * 6, 2 * 30 * 16},
		"workout_logs":   {2 * 16 * 12, 2 * 22 * 16}, // 4 exercises × 3–4 sets on 16–22 training days
		"water_logs":     {2 * 29 * 4, 2 * 30 * 4},
		"cardio_logs":    {1, 2 * 30},
		"api_usage_logs": {2 * 20, 2 * 50},
		"error_logs":     {2 * 6, 2 * 18},
	}
	for table, r := range ranges {
		if got := count(t, app, table); got < r[0] || got > r[1] {
			t.Errorf("%s: %d rows, want %d–%d", table, got, r[0], r[1])
		}
	}
}

func TestDummyTwiceGivesTheSameData(t *testing.T) {
	app := testapp.New(t)
	run(t, app, seed.Options{Required: true, Dummy: true, Days: 30, Seed: 42})
	first := fingerprint(t, app)
	run(t, app, seed.Options{Required: true, Dummy: true, Days: 30, Seed: 42})
	if second := fingerprint(t, app); second != first {
		t.Fatal("a second --full run changed the data")
	}
	if n := count(t, app, "users"); n != 6 { // 4 fixture users + the 2 demo users, not 8
		t.Fatalf("users: %d, want 6", n)
	}
}

func TestSameSeedSameRows(t *testing.T) {
	a, b, c := testapp.New(t), testapp.New(t), testapp.New(t)
	run(t, a, seed.Options{Dummy: true, Days: 20, Seed: 7, Users: 2})
	run(t, b, seed.Options{Dummy: true, Days: 20, Seed: 7, Users: 2})
	run(t, c, seed.Options{Dummy: true, Days: 20, Seed: 8, Users: 2})
	if fingerprint(t, a) != fingerprint(t, b) {
		t.Fatal("the same seed gave different rows")
	}
	if fingerprint(t, a) == fingerprint(t, c) {
		t.Fatal("different seeds gave the same rows")
	}
}

// Clearing keeps the reference tables and the USDA foods with their
// portions (and their search index rows).
func TestClearKeepsReferenceData(t *testing.T) {
	app := testapp.New(t)
	run(t, app, seed.Options{Dummy: true, Days: 10, Seed: 1})
	rep := run(t, app, seed.Options{Clear: true})
	if rep.Cleared == 0 {
		t.Fatal("clear deleted nothing")
	}
	for table, want := range map[string]int{"access_levels": 3, "activity_levels": 5, "units": 28, "muscles": 46,
		"users": 0, "foods": 8789, "food_portions": 15438, "foods_fts": 8789, "food_logs": 0, "workout_logs": 0, "workout_muscles": 0, "split_day_targets": 0, "error_logs": 0} {
		if got := count(t, app, table); got != want {
			t.Errorf("%s: %d rows after clear, want %d", table, got, want)
		}
	}
}

func TestFailureHalfWayChangesNothing(t *testing.T) {
	app := testapp.New(t)
	run(t, app, seed.Options{Dummy: true, Days: 10, Seed: 1})
	before := fingerprint(t, app)
	// a muscle the workouts need goes missing: the run fails after it has
	// already deleted the previous demo users
	if _, err := app.DB().NewQuery("DELETE FROM {{muscles}} WHERE muscle_name = 'Rotator Cuff'").Execute(); err != nil {
		t.Fatal(err)
	}
	if _, err := seed.Run(app, seed.Options{Dummy: true, Days: 10, Seed: 2, Today: today}); err == nil || !strings.Contains(err.Error(), "Rotator Cuff") {
		t.Fatalf("expected a failure naming the missing muscle, got %v", err)
	}
	if after := fingerprint(t, app); after != before {
		t.Fatal("a failed run changed the data")
	}
}

func TestClearRefusesWithoutATerminal(t *testing.T) {
	app := testapp.New(t)
	cmd := seed.NewCommand(app)
	var out bytes.Buffer
	cmd.SetIn(strings.NewReader("yes\n")) // piped input is not a terminal
	cmd.SetOut(&out)
	cmd.SetErr(&out)
	cmd.SetArgs([]string{"--clear"})
	err := cmd.Execute()
	if err == nil || !strings.Contains(err.Error(), "--yes") {
		t.Fatalf("expected a refusal mentioning --yes, got %v (%s)", err, out.String())
	}
	if n := count(t, app, "users"); n != 4 {
		t.Fatalf("users: %d after a refused clear, want the 4 fixture users", n)
	}
}

func TestCommandRejectsBadFlags(t *testing.T) {
	app := testapp.New(t)
	for _, args := range [][]string{{}, {"--dummy", "--clear"}, {"--dummy", "--days", "0"}, {"--dummy", "--users", "-1"}} {
		cmd := seed.NewCommand(app)
		cmd.SetOut(&bytes.Buffer{})
		cmd.SetErr(&bytes.Buffer{})
		cmd.SetArgs(args)
		if err := cmd.Execute(); err == nil {
			t.Errorf("seed %v: expected an error", args)
		}
	}
}

// A second --dummy run first deletes the demo users with everything that
// goes with them: what they own, in collections no code names too (found
// through the schema's relations), and other users' rows that refer to their
// foods; the fixture users' other rows stay.
func TestDummyRerunDeletesWhatGoesWithTheUsers(t *testing.T) {
	app := testapp.New(t)
	run(t, app, seed.Options{Dummy: true, Days: 3, Seed: 42})
	demo, err := app.FindFirstRecordByFilter("users", "username != 'alice' && username != 'bob' && username != 'carol' && username != 'gus'")
	if err != nil {
		t.Fatal(err)
	}
	alice := testapp.ID("alice")
	save := func(collection string, fields map[string]any) row {
		return row{collection, testapp.Save(t, app, collection, fields)}
	}
	// a journal collection owned through its `user`, and entries owned
	// through the journal
	users, _ := app.FindCollectionByNameOrId("users")
	journals := core.NewBaseCollection("journals")
	journals.Fields.Add(&core.RelationField{Name: "user", CollectionId: users.Id, MaxSelect: 1, Required: true})
	if err := app.Save(journals); err != nil {
		t.Fatal(err)
	}
	entries := core.NewBaseCollection("journal_entries")
	entries.Fields.Add(&core.RelationField{Name: "journal", CollectionId: journals.Id, MaxSelect: 1, Required: true})
	entries.Fields.Add(&core.TextField{Name: "text"})
	if err := app.Save(entries); err != nil {
		t.Fatal(err)
	}
	demoEntry := save("journal_entries", map[string]any{"journal": save("journals", map[string]any{"user": demo.Id}).id, "text": "demo"})
	aliceEntry := save("journal_entries", map[string]any{"journal": save("journals", map[string]any{"user": alice}).id, "text": "alice"})
	demoFood := save("foods", map[string]any{"food_name": "Demo bread", "serving_size": 40, "unit": "g", "food_group": "grain",
		"make_public": true, "created_by": demo.Id})
	aliceMeal := save("meals", map[string]any{"user": alice, "meal_name": "Lunch"})
	loggedDemoFood := save("food_logs", map[string]any{"user": alice, "food": demoFood.id, "servings": 1, "date_time": "2026-03-18 12:00:00.000Z"})
	mealOfDemoFood := save("meal_foods", map[string]any{"meal": aliceMeal.id, "food": demoFood.id, "servings": 1})
	aliceWeight := save("weight_logs", map[string]any{"user": alice, "weight": 60, "weight_unit": "kg", "date_time": "2026-03-18 07:00:00.000Z"})

	run(t, app, seed.Options{Dummy: true, Days: 3, Seed: 42})

	for _, gone := range []row{demoEntry, demoFood, loggedDemoFood, mealOfDemoFood} {
		if _, err := app.FindRecordById(gone.collection, gone.id); err == nil {
			t.Errorf("%s row %s is still there", gone.collection, gone.id)
		}
	}
	if n := count(t, app, "journals"); n != 1 {
		t.Errorf("journals: %d, want alice's 1", n)
	}
	for _, kept := range []row{aliceEntry, aliceMeal, aliceWeight} {
		if _, err := app.FindRecordById(kept.collection, kept.id); err != nil {
			t.Errorf("%s row of alice's: %v", kept.collection, err)
		}
	}
}

// Every row the seed writes is one the schema accepts: app.Validate runs each
// field's checks (required, bounds, select values, patterns, relations) and
// the record validation hooks.
func TestSeededRowsValidate(t *testing.T) {
	app := testapp.New(t)
	rep := run(t, app, seed.Options{Dummy: true, Days: 14, Seed: 3, Users: 1})
	checked := 0
	for table := range rep.Rows {
		recs, err := app.FindAllRecords(table)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range recs {
			if err := app.Validate(r); err != nil {
				t.Errorf("%s %s: %v", table, r.Id, err)
			}
		}
		checked += len(recs)
	}
	if checked < rep.Total() {
		t.Fatalf("checked %d rows of the %d seeded", checked, rep.Total())
	}
}

type row struct{ collection, id string }
