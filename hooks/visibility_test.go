package hooks_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/types"

	"trackbase/collections"
	"trackbase/internal/testapp"
)

// withViewRule replaces a collection's list and view rules.
func withViewRule(collection, rule string) schemaChange {
	return func(t testing.TB, app core.App) {
		c, err := app.FindCollectionByNameOrId(collection)
		if err != nil {
			t.Fatal(err)
		}
		c.ListRule, c.ViewRule = types.Pointer(rule), types.Pointer(rule)
		if err := app.Save(c); err != nil {
			t.Fatal(err)
		}
	}
}

// A row may refer to the rows its owner may view, and the referred
// collection's view rule says which: changing the rule changes what can be
// logged, put in a meal or used as a workout.
func TestReferencesFollowTheViewRules(t *testing.T) {
	const everyone = `@request.auth.id != ""`
	var scenarios []tests.ApiScenario
	post := func(name, collection, user, body string, status int, change schemaChange, refusedField string) {
		s := tests.ApiScenario{
			Name: name, Method: http.MethodPost, URL: "/api/collections/" + collection + "/records",
			Headers: testapp.Auth(user), Body: strings.NewReader(body), ExpectedStatus: status,
			ExpectedContent: []string{`"id":"`},
			BeforeTestFunc: func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) {
				foodFixture(t, app)
				userWorkout(t, app, "bob")
				change(t, app)
			},
		}
		if refusedField != "" {
			s.ExpectedContent = []string{`"` + refusedField + `":{"code":"validation_`}
		}
		scenarios = append(scenarios, s)
	}
	post("a rule showing every food lets alice log bob's private food", collections.FoodLogs, "alice",
		`{"food":"`+bobPrivate+`","servings":1}`, 200, withViewRule(collections.Foods, everyone), "")
	post("and put it in her meal", collections.MealFoods, "alice",
		`{"meal":"`+rowID(collections.Meals, "alice")+`","food":"`+bobPrivate+`","servings":1}`, 200,
		withViewRule(collections.Foods, everyone), "")
	post("a rule showing public foods only refuses bob his own private food", collections.FoodLogs, "bob",
		`{"food":"`+bobPrivate+`","servings":1}`, 400, withViewRule(collections.Foods, `make_public = true`), "food")
	post("a rule showing every workout lets alice log sets of bob's private one", collections.WorkoutLogs, "alice",
		`{"workout":"`+rowID(collections.Workouts, "bob")+`","weight":50,"weight_unit":"kg","reps":5}`, 200,
		withViewRule(collections.Workouts, everyone), "")
	post("a rule showing every meal lets alice log into bob's meal", collections.FoodLogs, "alice",
		`{"food":"`+bobPublic+`","meal":"`+rowID(collections.Meals, "bob")+`","servings":1}`, 200,
		withViewRule(collections.Meals, everyone), "")
	post("a rule showing no meal refuses her own meal", collections.FoodLogs, "alice",
		`{"food":"`+bobPublic+`","meal":"`+rowID(collections.Meals, "alice")+`","servings":1}`, 400,
		withViewRule(collections.Meals, `@request.auth.id = "nobody"`), "meal")
	runFresh(t, scenarios)
}
