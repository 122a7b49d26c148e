package health_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/types"

	"trackbase/collections"
	"trackbase/internal/testapp"
)

// id pads a readable prefix to a valid 15-character record id, so scenario
// URLs can name fixture rows before they exist.
func id(prefix string) string { return prefix + strings.Repeat("0", 15-len(prefix)) }

// lbPerKg: 1 / 0.45359237 (the units row "lb"), for logging a kg mass in lb.
const lbPerKg = 1 / 0.45359237

type fixture struct {
	t   testing.TB
	app core.App
}

func (f fixture) save(collection string, fields map[string]any) string {
	f.t.Helper()
	return testapp.Save(f.t, f.app, collection, fields)
}

// profile sets fields of a fixture user.
func (f fixture) profile(user string, fields map[string]any) {
	f.t.Helper()
	f.set(collections.Users, testapp.ID(user), fields)
}

// set changes fields of an existing row.
func (f fixture) set(collection, rid string, fields map[string]any) {
	f.t.Helper()
	rec, err := f.app.FindRecordById(collection, rid)
	if err != nil {
		f.t.Fatal(err)
	}
	for k, v := range fields {
		rec.Set(k, v)
	}
	if err := f.app.Save(rec); err != nil {
		f.t.Fatalf("%s %s %v: %v", collection, rid, fields, err)
	}
}

func (f fixture) activityLevel(name string) string {
	f.t.Helper()
	rec, err := f.app.FindFirstRecordByData(collections.ActivityLevels, "name", name)
	if err != nil {
		f.t.Fatal(err)
	}
	return rec.Id
}

// male30 gives user the example profile: male, 180 cm, 30 years old
// today (in any zone), Moderately Active.
func (f fixture) male30(user string) {
	birthday := time.Now().UTC().AddDate(-30, 0, -10)
	f.profile(user, map[string]any{"gender": "male", "height_cm": 180, "birthday": birthday.Format("2006-01-02"),
		"activity_level": f.activityLevel("Moderately Active")})
}

func (f fixture) weight(user string, w float64, unit string, at time.Time) {
	f.save(collections.WeightLogs, map[string]any{"user": testapp.ID(user), "weight": w, "weight_unit": unit, "date_time": at})
}

// food creates a food with per-serving calories, protein, carbohydrates, fat
// and cost; owner "" makes it public without a creator.
func (f fixture) food(fid, owner, name string, kcal, protein, carbs, fat, cost float64) string {
	fields := map[string]any{"id": fid, "food_name": name, "serving_size": 100, "unit": "g", "food_group": "other",
		"calories": kcal, "protein": protein, "carbohydrates": carbs, "fat": fat, "cost": cost, "make_public": owner == ""}
	if owner != "" {
		fields["created_by"] = testapp.ID(owner)
	}
	return f.save(collections.Foods, fields)
}

func (f fixture) eat(user, food string, servings float64, at time.Time) {
	f.save(collections.FoodLogs, map[string]any{"user": testapp.ID(user), "food": food, "servings": servings, "date_time": at})
}

// goal appends a goal row as if created at `created`.
func (f fixture) goal(user string, created time.Time, goals map[string]any) {
	f.t.Helper()
	col, err := f.app.FindCollectionByNameOrId(collections.UserGoals)
	if err != nil {
		f.t.Fatal(err)
	}
	rec := core.NewRecord(col)
	rec.Set("user", testapp.ID(user))
	for k, v := range goals {
		rec.Set(k, v)
	}
	dt, _ := types.ParseDateTime(created)
	rec.SetRaw("created", dt)
	if err := f.app.Save(rec); err != nil {
		f.t.Fatal(err)
	}
}

func utc(s string) time.Time {
	t, err := time.Parse("2006-01-02 15:04", s)
	if err != nil {
		panic(err)
	}
	return t
}

// daysAgo is noon UTC n days before today (UTC).
func daysAgo(n int) time.Time {
	y, m, d := time.Now().UTC().Date()
	return time.Date(y, m, d-n, 12, 0, 0, 0, time.UTC)
}

// app builds a test app (bound as in production) with the given seeding applied.
func app(seed ...func(f fixture)) func(testing.TB) *tests.TestApp {
	return func(t testing.TB) *tests.TestApp {
		a := testapp.NewUnmanaged(t)
		for _, s := range seed {
			s(fixture{t, a})
		}
		return a
	}
}

// count returns the number of rows of a collection matching a filter.
func count(t testing.TB, a core.App, collection, filter string, params map[string]any) int {
	t.Helper()
	recs, err := a.FindRecordsByFilter(collection, filter, "", 0, 0, params)
	if err != nil {
		t.Fatal(err)
	}
	return len(recs)
}

func withAuth(user string) map[string]string { return testapp.Auth(user) }

func sprint(v any) string { return fmt.Sprint(v) }

// macroSplit is the "macro_split" object of the answers, as a client reads it.
type macroSplit struct {
	ProteinPct float64 `json:"protein_pct"`
	CarbsPct   float64 `json:"carbohydrates_pct"`
	FatPct     float64 `json:"fat_pct"`
}
