package hooks_test

import (
	"net/http"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"trackbase/collections"
	"trackbase/internal/testapp"
)

// The workouts of these scenarios (all bob's) and who logged sets of them:
//
//	bobShared      public                       bob (2 sets), alice (3 sets)
//	bobWasShared   made private after alice     alice (1 set)
//	               logged it
//	bobSolo        public                       bob (2 sets)
//	bobPrivateW    private                      nobody
var (
	bobShared    = rowID("workout", "bob-shared")
	bobWasShared = rowID("workout", "bob-was-shared")
	bobSolo      = rowID("workout", "bob-solo")
	bobPrivateW  = rowID("workout", "bob-private")
)

func workoutFixture(t testing.TB, app core.App) {
	t.Helper()
	workout := func(id string, public bool) *core.Record {
		return saveRow(t, app, collections.Workouts, id, map[string]any{"user": testapp.ID("bob"),
			"workout_name": "Workout " + id, "type": "barbell", "make_public": public})
	}
	sets := func(user, workout string, n int) {
		for i := range n {
			saveRow(t, app, collections.WorkoutLogs, rowID("set", user, workout, string(rune('a'+i))), map[string]any{
				"user": testapp.ID(user), "workout": workout, "weight": 100, "reps": 5})
		}
	}
	workout(bobShared, true)
	wasShared := workout(bobWasShared, true)
	workout(bobSolo, true)
	workout(bobPrivateW, false)
	sets("bob", bobShared, 2)
	sets("alice", bobShared, 3)
	sets("alice", bobWasShared, 1)
	sets("bob", bobSolo, 2)
	wasShared.Set("make_public", false)
	if err := app.Save(wasShared); err != nil {
		t.Fatal(err)
	}
}

func setsOf(t testing.TB, app core.App, user, workout string) int {
	return countRows(t, app, collections.WorkoutLogs, dbx.HashExp{"user": testapp.ID(user), "workout": workout})
}

func TestWorkoutDeleteKeepsOtherUsersSets(t *testing.T) {
	url := func(id string) string { return "/api/collections/workouts/records/" + id }
	refused := []struct{ name, user, workout string }{
		{"bob cannot delete his public workout alice logged sets of", "bob", bobShared},
		{"bob cannot delete the workout alice logged before he made it private", "bob", bobWasShared},
		{"the superuser cannot delete a workout others logged either", "root", bobShared},
	}
	var scenarios []tests.ApiScenario
	for _, r := range refused {
		remember, check := unchangedTables(collections.Workouts, collections.WorkoutLogs)
		scenarios = append(scenarios, tests.ApiScenario{Name: r.name, Method: http.MethodDelete, URL: url(r.workout),
			Headers: testapp.Auth(r.user), ExpectedStatus: 400,
			ExpectedContent: []string{`"status":400`, `Other users have logged sets of this workout`},
			BeforeTestFunc:  func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) { workoutFixture(t, app); remember(t, app) },
			AfterTestFunc:   check})
	}
	runShared(t, scenarios)

	runFresh(t, []tests.ApiScenario{{Name: "bob deletes his public workout only he logged, and his sets of it",
		Method: http.MethodDelete, URL: url(bobSolo), Headers: testapp.Auth("bob"), ExpectedStatus: 204,
		BeforeTestFunc: func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) { workoutFixture(t, app) },
		AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
			if n := countRows(t, app, collections.Workouts, dbx.HashExp{"id": bobSolo}); n != 0 {
				t.Error("the workout is still there")
			}
			if n := setsOf(t, app, "bob", bobSolo); n != 0 {
				t.Errorf("bob's sets of it = %d, want 0", n)
			}
			// his sets of the shared workout stay
			if n := setsOf(t, app, "bob", bobShared); n != 2 {
				t.Errorf("bob's sets of the shared workout = %d, want 2", n)
			}
		}}})
}

func TestAccountDeleteKeepsOtherUsersSets(t *testing.T) {
	var served *core.ServeEvent
	runFresh(t, []tests.ApiScenario{{Name: "bob deletes his account",
		Method: http.MethodDelete, URL: "/api/collections/users/records/" + testapp.ID("bob"),
		Headers: testapp.Auth("bob"), ExpectedStatus: 204,
		BeforeTestFunc: func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) { workoutFixture(t, app); served = e },
		AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
			// alice keeps all her sets, and the workouts they are of, now without owner
			if a, b := setsOf(t, app, "alice", bobShared), setsOf(t, app, "alice", bobWasShared); a != 3 || b != 1 {
				t.Errorf("alice's sets = %d and %d, want 3 and 1", a, b)
			}
			for _, id := range []string{bobShared, bobWasShared} {
				var owner string
				err := app.DB().Select("user").From(collections.Workouts).Where(dbx.HashExp{"id": id}).Row(&owner)
				if err != nil || owner != "" {
					t.Errorf("workout %s: owner %q, %v; want kept without owner", id, owner, err)
				}
			}
			// bob's own sets and the workouts nobody else logged go with his account
			if n := countRows(t, app, collections.WorkoutLogs, dbx.HashExp{"user": testapp.ID("bob")}); n != 0 {
				t.Errorf("bob's sets = %d, want 0", n)
			}
			for _, id := range []string{bobSolo, bobPrivateW} {
				if n := countRows(t, app, collections.Workouts, dbx.HashExp{"id": id}); n != 0 {
					t.Errorf("bob's workout %s is still there", id)
				}
			}
			// the shared workout stays public and readable by alice; nobody can edit it
			view := "/api/collections/workouts/records/" + bobShared
			if res := testapp.Serve(t, served, http.MethodGet, view, "", testapp.Token("alice")); res.Code != 200 {
				t.Errorf("alice views the kept workout: %d %s", res.Code, res.Body)
			}
			if res := testapp.Serve(t, served, http.MethodPatch, view, `{"workout_name":"Mine"}`, testapp.Token("alice")); res.Code != 404 {
				t.Errorf("alice edits the kept workout: %d %s", res.Code, res.Body)
			}
		}}})
}
