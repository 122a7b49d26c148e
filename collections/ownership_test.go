package collections_test

import (
	"reflect"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"trackbase/collections"
	"trackbase/internal/testapp"
)

// The graph read from the schema names every owner the migrations define.
func TestOwnershipOfTheSchema(t *testing.T) {
	app := testapp.New(t)
	g, err := collections.Ownership(app)
	if err != nil {
		t.Fatal(err)
	}
	direct := func(required bool) collections.Owner {
		return collections.Owner{Field: "user", Parent: collections.Users, Path: "user", Depth: 1, Required: required}
	}
	want := collections.Graph{
		collections.UserGoals: direct(true), collections.Meals: direct(true), collections.FoodLogs: direct(true),
		collections.WeightLogs: direct(true), collections.BodyMeasurementLogs: direct(true), collections.WaterLogs: direct(true),
		collections.StepsLogs: direct(true), collections.CardioLogs: direct(true),
		// a workout others logged sets of outlives its owner
		collections.Workouts:   direct(false),
		collections.MuscleLogs: direct(true), collections.WorkoutLogs: direct(true), collections.Splits: direct(true),
		collections.SleepLogs: direct(true), collections.HealthMetricsLogs: direct(true),
		collections.APIUsageLogs: direct(false), collections.ErrorLogs: direct(false),
		collections.Foods:           {Field: "created_by", Parent: collections.Users, Path: "created_by", Depth: 1},
		collections.MealFoods:       {Field: "meal", Parent: collections.Meals, Path: "meal.user", Depth: 2, Required: true},
		collections.FoodPortions:    {Field: "food", Parent: collections.Foods, Path: "food.created_by", Depth: 2},
		collections.WorkoutMuscles:  {Field: "workout", Parent: collections.Workouts, Path: "workout.user", Depth: 2},
		collections.SplitDays:       {Field: "split", Parent: collections.Splits, Path: "split.user", Depth: 2, Required: true},
		collections.SplitDayTargets: {Field: "split_day", Parent: collections.SplitDays, Path: "split_day.split.user", Depth: 3, Required: true},
	}
	// collections added by later migrations are checked below by their shape
	for name, o := range g {
		if _, named := want[name]; !named && o.Depth == 1 && o.Field == "user" {
			want[name] = o
		}
	}
	if !reflect.DeepEqual(g, want) {
		t.Errorf("graph:\n got %v\nwant %v", g, want)
	}
	names := g.Names()
	seen := map[string]bool{}
	for _, n := range names {
		if p := g[n].Parent; p != collections.Users && !seen[p] {
			t.Errorf("%s listed before its parent %s", n, p)
		}
		seen[n] = true
	}
}

// A collection added to the schema is owned as soon as it is saved: the
// cached graph is dropped, and children of children are found.
func TestOwnershipFollowsSchemaChanges(t *testing.T) {
	app := testapp.New(t)
	if _, err := collections.Ownership(app); err != nil { // fill the cache
		t.Fatal(err)
	}
	users, err := app.FindCollectionByNameOrId(collections.Users)
	if err != nil {
		t.Fatal(err)
	}
	journal := core.NewBaseCollection("journal_logs")
	journal.Fields.Add(&core.RelationField{Name: "user", CollectionId: users.Id, MaxSelect: 1, Required: true, CascadeDelete: true})
	if err := app.Save(journal); err != nil {
		t.Fatal(err)
	}
	entries := core.NewBaseCollection("journal_entries")
	entries.Fields.Add(&core.RelationField{Name: "journal", CollectionId: journal.Id, MaxSelect: 1, Required: true})
	// an optional relation to an owned row does not make a row owned
	notes := core.NewBaseCollection("journal_notes")
	notes.Fields.Add(&core.RelationField{Name: "journal", CollectionId: journal.Id, MaxSelect: 1})
	for _, c := range []*core.Collection{entries, notes} {
		if err := app.Save(c); err != nil {
			t.Fatal(err)
		}
	}
	g, err := collections.Ownership(app)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := g["journal_entries"], (collections.Owner{Field: "journal", Parent: "journal_logs", Path: "journal.user", Depth: 2, Required: true}); got != want {
		t.Errorf("journal_entries: %+v, want %+v", got, want)
	}
	if o, owned := g["journal_notes"]; owned {
		t.Errorf("journal_notes owned: %+v", o)
	}
	if err := app.Delete(entries); err != nil {
		t.Fatal(err)
	}
	if g, _ := collections.Ownership(app); len(g) == 0 || g["journal_entries"] != (collections.Owner{}) {
		t.Errorf("deleted collection still in the graph")
	}
}
