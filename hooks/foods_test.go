package hooks_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"trackbase/collections"
	"trackbase/internal/testapp"
)

// The foods of these scenarios and who can see them:
//
//	alicePrivate   alice's, private            alice (logged it too)
//	bobPrivate     bob's, private              bob
//	bobPublic      bob's, public               everyone; alice logged it
//	bobWasPublic   bob's, made private after   bob, and alice, who logged it while it was public
//	               alice logged it
//	noCreator      no creator, public          everyone; alice logged it; only admins edit it
//
// bob's meal holds alicePublic, alice's public food nobody logged.
var (
	alicePrivate = rowID("food", "alice-private")
	alicePublic  = rowID("food", "alice-public")
	bobPrivate   = rowID("food", "bob-private")
	bobPublic    = rowID("food", "bob-public")
	bobWasPublic = rowID("food", "bob-was-public")
	noCreator    = rowID("food", "no-creator")
)

func foodFixture(t testing.TB, app core.App) {
	t.Helper()
	food := func(id, creator string, public bool) *core.Record {
		return saveRow(t, app, collections.Foods, id, map[string]any{"food_name": "Food " + id, "serving_size": 1,
			"unit": "piece", "calories": 100, "food_group": "other", "make_public": public, "created_by": creator})
	}
	logFood := func(user, food string) {
		saveRow(t, app, collections.FoodLogs, rowID("food_log", user, food), map[string]any{"user": testapp.ID(user), "food": food, "servings": 1})
	}
	food(alicePrivate, testapp.ID("alice"), false)
	food(alicePublic, testapp.ID("alice"), true)
	food(bobPrivate, testapp.ID("bob"), false)
	food(bobPublic, testapp.ID("bob"), true)
	wasPublic := food(bobWasPublic, testapp.ID("bob"), true)
	food(noCreator, "", true)
	logFood("alice", alicePrivate)
	logFood("alice", bobPublic)
	logFood("alice", bobWasPublic)
	logFood("alice", noCreator)
	wasPublic.Set("make_public", false)
	if err := app.Save(wasPublic); err != nil {
		t.Fatal(err)
	}
	userMeal(t, app, "alice")
	userMeal(t, app, "bob")
	saveRow(t, app, collections.MealFoods, rowID("meal_food", "bob"), map[string]any{
		"meal": rowID(collections.Meals, "bob"), "food": alicePublic, "servings": 1})
}

func foodIDs(ids ...string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = `"id":"` + id + `"`
	}
	return out
}

func foodExists(t testing.TB, app core.App, id string) bool {
	return countRows(t, app, collections.Foods, dbx.HashExp{"id": id}) == 1
}

func TestFoodVisibility(t *testing.T) {
	// the fixture's foods, beside the 8,789 public USDA foods everyone sees
	list := "/api/collections/foods/records?perPage=100&filter=" + url.QueryEscape(`source != "usda"`)
	view := func(id string) string { return "/api/collections/foods/records/" + id }
	scenarios := []tests.ApiScenario{
		{Name: "alice sees public foods, her own and the ones she logged", URL: list, Headers: testapp.Auth("alice"),
			ExpectedStatus: 200,
			ExpectedContent: append([]string{`"totalItems":5`},
				foodIDs(alicePrivate, alicePublic, bobPublic, bobWasPublic, noCreator)...),
			NotExpectedContent: foodIDs(bobPrivate)},
		{Name: "bob does not see alice's private food", URL: list, Headers: testapp.Auth("bob"), ExpectedStatus: 200,
			ExpectedContent:    append([]string{`"totalItems":5`}, foodIDs(alicePublic, bobPrivate, bobPublic, bobWasPublic, noCreator)...),
			NotExpectedContent: foodIDs(alicePrivate)},
		{Name: "a guest sees public foods only", URL: list, Headers: testapp.Auth("gus"), ExpectedStatus: 200,
			ExpectedContent:    append([]string{`"totalItems":3`}, foodIDs(alicePublic, bobPublic, noCreator)...),
			NotExpectedContent: foodIDs(alicePrivate, bobPrivate, bobWasPublic)},
		{Name: "an admin sees every food", URL: list, Headers: testapp.Auth("carol"), ExpectedStatus: 200,
			ExpectedContent: append([]string{`"totalItems":6`}, foodIDs(alicePrivate, bobPrivate, bobWasPublic)...)},
		{Name: "alice cannot view bob's private food", URL: view(bobPrivate), Headers: testapp.Auth("alice"),
			ExpectedStatus: 404, ExpectedContent: statusBody(404)},
		{Name: "alice still views the food she logged before bob made it private", URL: view(bobWasPublic),
			Headers: testapp.Auth("alice"), ExpectedStatus: 200, ExpectedContent: foodIDs(bobWasPublic)},
	}
	for i := range scenarios {
		scenarios[i].Method = http.MethodGet
		scenarios[i].BeforeTestFunc = func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) { foodFixture(t, app) }
	}
	runShared(t, scenarios)
}

func TestFoodLoggingNeedsVisibleFood(t *testing.T) {
	logBody := func(food string) *strings.Reader {
		return strings.NewReader(`{"food":"` + food + `","servings":1}`)
	}
	scenarios := []tests.ApiScenario{
		{Name: "alice cannot log bob's private food", URL: "/api/collections/food_logs/records", Headers: testapp.Auth("alice"),
			Body: logBody(bobPrivate), ExpectedStatus: 400},
		{Name: "bob cannot log alice's private food", URL: "/api/collections/food_logs/records", Headers: testapp.Auth("bob"),
			Body: logBody(alicePrivate), ExpectedStatus: 400},
		{Name: "alice cannot put bob's private food in her meal", URL: "/api/collections/meal_foods/records", Headers: testapp.Auth("alice"),
			Body:           strings.NewReader(`{"meal":"` + rowID(collections.Meals, "alice") + `","food":"` + bobPrivate + `","servings":1}`),
			ExpectedStatus: 400},
	}
	for i := range scenarios {
		remember, check := unchangedTables(collections.FoodLogs, collections.MealFoods)
		scenarios[i].Method = http.MethodPost
		scenarios[i].ExpectedContent = []string{`"food":{"code":"validation_food_not_visible"`}
		scenarios[i].BeforeTestFunc = func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) { foodFixture(t, app); remember(t, app) }
		scenarios[i].AfterTestFunc = check
	}
	runShared(t, scenarios)

	// a food alice logged while it was public stays loggable by her
	(&tests.ApiScenario{Name: "alice logs again the food bob made private", Method: http.MethodPost,
		URL: "/api/collections/food_logs/records", Headers: testapp.Auth("alice"), Body: logBody(bobWasPublic),
		ExpectedStatus: 200, ExpectedContent: []string{`"food":"` + bobWasPublic + `"`, `"user":"` + testapp.ID("alice") + `"`},
		TestAppFactory: testapp.NewUnmanaged,
		BeforeTestFunc: func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) { foodFixture(t, app) },
		AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
			if n := countRows(t, app, collections.FoodLogs, dbx.HashExp{"user": testapp.ID("alice"), "food": bobWasPublic}); n != 2 {
				t.Errorf("alice's logs of the food = %d, want 2", n)
			}
		}}).Test(t)
}

func TestFoodEditRights(t *testing.T) {
	url := func(id string) string { return "/api/collections/foods/records/" + id }
	rename := `{"food_name":"Renamed"}`
	scenarios := []struct {
		name, user, method, url, body string
		status                        int
		// renamed is the food whose name must now be "Renamed"; "" when
		// the foods table must be unchanged
		renamed string
	}{
		{"bob cannot edit alice's food", "bob", http.MethodPatch, url(alicePublic), rename, 404, ""},
		{"alice cannot edit bob's public food she can see", "alice", http.MethodPatch, url(bobPublic), rename, 404, ""},
		{"an admin cannot edit a food that has a creator", "carol", http.MethodPatch, url(bobPublic), rename, 404, ""},
		{"alice cannot edit a food without creator", "alice", http.MethodPatch, url(noCreator), rename, 404, ""},
		{"a guest cannot create a food", "gus", http.MethodPost, "/api/collections/foods/records",
			`{"food_name":"Apple","serving_size":1,"unit":"piece","food_group":"fruit"}`, 400, ""},
		{"alice cannot create a food in bob's name", "alice", http.MethodPost, "/api/collections/foods/records",
			`{"food_name":"Apple","serving_size":1,"unit":"piece","food_group":"fruit","created_by":"` + testapp.ID("bob") + `"}`, 400, ""},
		{"alice cannot hand her food to bob", "alice", http.MethodPatch, url(alicePrivate), `{"created_by":"` + testapp.ID("bob") + `"}`, 404, ""},
		{"alice edits her food", "alice", http.MethodPatch, url(alicePrivate), rename, 200, alicePrivate},
		{"an admin edits a food without creator", "carol", http.MethodPatch, url(noCreator), rename, 200, noCreator},
		{"the superuser edits any food", "root", http.MethodPatch, url(bobPublic), rename, 200, bobPublic},
	}
	var refused, renames []tests.ApiScenario
	for _, sc := range scenarios {
		remember, check := unchangedTables(collections.Foods)
		s := tests.ApiScenario{Name: sc.name, Method: sc.method, URL: sc.url, Body: strings.NewReader(sc.body),
			Headers: testapp.Auth(sc.user), ExpectedStatus: sc.status,
			BeforeTestFunc:  func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) { foodFixture(t, app); remember(t, app) },
			AfterTestFunc:   check,
			ExpectedContent: statusBody(sc.status)}
		if sc.renamed != "" {
			renamed := sc.renamed
			s.ExpectedContent = []string{`"food_name":"Renamed"`}
			s.AfterTestFunc = func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				rec, err := app.FindRecordById(collections.Foods, renamed)
				if err != nil {
					t.Fatal(err)
				}
				if rec.GetString("food_name") != "Renamed" {
					t.Errorf("food_name = %q", rec.GetString("food_name"))
				}
			}
			renames = append(renames, s)
			continue
		}
		refused = append(refused, s)
	}
	runShared(t, refused)
	runFresh(t, renames)

	(&tests.ApiScenario{Name: "a food alice creates is hers", Method: http.MethodPost, URL: "/api/collections/foods/records",
		Headers: testapp.Auth("alice"), Body: strings.NewReader(`{"food_name":"Apple","serving_size":1,"unit":"piece","food_group":"fruit"}`),
		ExpectedStatus: 200, ExpectedContent: []string{`"created_by":"` + testapp.ID("alice") + `"`, `"make_public":false`},
		TestAppFactory: testapp.NewUnmanaged}).Test(t)
}

func TestFoodDelete(t *testing.T) {
	url := func(id string) string { return "/api/collections/foods/records/" + id }
	// refused: the food, the logs and the meals stay as they were
	refused := []struct {
		name, user, food string
		status           int
	}{
		{"bob cannot delete his public food that alice logged", "bob", bobPublic, 400},
		{"bob cannot delete the food alice logged before he made it private", "bob", bobWasPublic, 400},
		{"an admin cannot delete a food without creator that alice logged", "carol", noCreator, 400},
		{"the superuser cannot delete a food that users logged either", "root", bobPublic, 400},
		{"alice cannot delete her public food that is in bob's meal", "alice", alicePublic, 400},
		{"alice cannot delete bob's food", "alice", bobPublic, 404},
		{"a guest cannot delete anything", "gus", noCreator, 404},
	}
	var refusedScenarios []tests.ApiScenario
	for _, r := range refused {
		remember, check := unchangedTables(collections.Foods, collections.FoodLogs, collections.MealFoods)
		refusedScenarios = append(refusedScenarios, tests.ApiScenario{Name: r.name, Method: http.MethodDelete, URL: url(r.food),
			Headers: testapp.Auth(r.user), ExpectedStatus: r.status, ExpectedContent: statusBody(r.status),
			BeforeTestFunc: func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) { foodFixture(t, app); remember(t, app) },
			AfterTestFunc:  check})
	}
	runShared(t, refusedScenarios)

	scenarios := []tests.ApiScenario{
		{Name: "alice deletes her private food and her own logs of it go with it", Headers: testapp.Auth("alice"), URL: url(alicePrivate),
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				if foodExists(t, app, alicePrivate) {
					t.Error("the food is still there")
				}
				if n := countRows(t, app, collections.FoodLogs, dbx.HashExp{"food": alicePrivate}); n != 0 {
					t.Errorf("logs of the deleted food = %d, want 0", n)
				}
				// her 3 other logs stay
				if n := countRows(t, app, collections.FoodLogs, dbx.HashExp{"user": testapp.ID("alice")}); n != 3 {
					t.Errorf("alice's logs = %d, want 3", n)
				}
			}},
		{Name: "bob deletes his private food nobody logged", Headers: testapp.Auth("bob"), URL: url(bobPrivate),
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				if foodExists(t, app, bobPrivate) {
					t.Error("the food is still there")
				}
			}},
	}
	for i := range scenarios {
		scenarios[i].Method = http.MethodDelete
		scenarios[i].ExpectedStatus = 204
		scenarios[i].BeforeTestFunc = func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) { foodFixture(t, app) }
	}
	runFresh(t, scenarios)
}
