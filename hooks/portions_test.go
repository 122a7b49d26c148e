package hooks_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"trackbase/collections"
	"trackbase/internal/testapp"
	migrations "trackbase/pb_migrations"
)

// USDA rows of these scenarios (portions.csv): egg 01123 "1 large" = 50 g,
// white rice 20045 "1 cup" = 158 g; both foods are 100 g servings.
var (
	usdaEgg       = migrations.SR28FoodID("01123")
	usdaRice      = migrations.SR28FoodID("20045")
	eggLarge      = "usdap0112300001"
	riceCup       = "usdap2004500001"
	alicesPortion = rowID("portion", "alice")
)

// portionFixture: alice's private food in pieces (no weight per serving),
// with a portion of her own; bob's private food.
func portionFixture(t testing.TB, app core.App) {
	saveRow(t, app, collections.Foods, alicePrivate, map[string]any{"food_name": "Alice's cookie", "serving_size": 1,
		"unit": "piece", "calories": 100, "food_group": "other", "created_by": testapp.ID("alice")})
	saveRow(t, app, collections.Foods, bobPrivate, map[string]any{"food_name": "Bob's bar", "serving_size": 40,
		"unit": "g", "calories": 200, "food_group": "other", "created_by": testapp.ID("bob")})
	saveRow(t, app, collections.FoodPortions, alicesPortion, map[string]any{"food": alicePrivate, "amount": 1, "unit": "cookie", "grams": 30})
}

func portionApp(t testing.TB) *tests.TestApp {
	app := testapp.NewUnmanaged(t)
	portionFixture(t, app)
	return app
}

func TestLogByPortionOrGrams(t *testing.T) {
	logs := "/api/collections/food_logs/records"
	scenarios := []struct {
		name, body string
		status     int
		want       []string
	}{
		{"2 large eggs are 100 g: one 100 g serving", `{"food":"` + usdaEgg + `","portion":"` + eggLarge + `","portion_count":2}`,
			200, []string{`"servings":1,`, `"portion_count":2`, `"portion":"` + eggLarge + `"`}},
		{"a portion without a count is one of it: a cup of rice is 1.58 servings", `{"food":"` + usdaRice + `","portion":"` + riceCup + `"}`,
			200, []string{`"servings":1.58`, `"portion_count":1`}},
		{"79 g of rice", `{"food":"` + usdaRice + `","grams":79}`, 200, []string{`"servings":0.79`, `"grams":79`}},
		{"servings as before", `{"food":"` + usdaRice + `","servings":2}`, 200, []string{`"servings":2`, `"grams":0`}},
		{"a portion of another food", `{"food":"` + usdaEgg + `","portion":"` + riceCup + `"}`, 400, []string{`"portion":{"code":"validation_portion_of_other_food"`}},
		{"grams and a portion at once", `{"food":"` + usdaEgg + `","portion":"` + eggLarge + `","grams":50}`, 400, []string{`"grams":{"code":"validation_grams_and_portion"`}},
		{"grams of a food served in pieces", `{"food":"` + alicePrivate + `","grams":50}`, 400, []string{`"grams":{"code":"validation_no_serving_weight"`}},
		{"neither servings nor an amount", `{"food":"` + usdaEgg + `"}`, 400, []string{`"servings":{`}},
	}
	for _, sc := range scenarios {
		(&tests.ApiScenario{Name: sc.name, Method: http.MethodPost, URL: logs, Body: strings.NewReader(sc.body),
			Headers: testapp.Auth("alice"), ExpectedStatus: sc.status, ExpectedContent: sc.want,
			TestAppFactory: portionApp}).Test(t)
	}
}

// Editing servings alone drops the grams that no longer describe the log;
// editing the grams converts again.
func TestEditLoggedGrams(t *testing.T) {
	app := portionApp(t)
	defer app.Cleanup()
	id := testapp.Save(t, app, collections.FoodLogs, map[string]any{"user": testapp.ID("alice"), "food": usdaRice, "grams": 200})
	rec, err := app.FindRecordById(collections.FoodLogs, id)
	if err != nil || rec.GetFloat("servings") != 2 {
		t.Fatalf("200 g logged as %v servings (%v)", rec.GetFloat("servings"), err)
	}
	rec.Set("grams", 50)
	if err := app.Save(rec); err != nil || rec.GetFloat("servings") != 0.5 {
		t.Fatalf("50 g saved as %v servings (%v)", rec.GetFloat("servings"), err)
	}
	if rec, err = app.FindRecordById(collections.FoodLogs, id); err != nil {
		t.Fatal(err)
	}
	rec.Set("servings", 3)
	if err := app.Save(rec); err != nil || rec.GetFloat("grams") != 0 || rec.GetFloat("servings") != 3 {
		t.Fatalf("servings 3: grams %v servings %v (%v)", rec.GetFloat("grams"), rec.GetFloat("servings"), err)
	}
}

func TestPortionAccess(t *testing.T) {
	portions := "/api/collections/food_portions/records"
	one := func(id string) string { return portions + "/" + id }
	add := func(food string) *strings.Reader {
		return strings.NewReader(`{"food":"` + food + `","amount":1,"unit":"bar","grams":40}`)
	}
	scenarios := []tests.ApiScenario{
		{Name: "everyone signed in reads USDA portions", Method: http.MethodGet, URL: portions + "?filter=food='" + usdaEgg + "'&sort=seq",
			Headers: testapp.Auth("gus"), ExpectedStatus: 200, ExpectedContent: []string{`"totalItems":6`, `"unit":"large"`, `"grams":50,`}},
		{Name: "no one unsigned", Method: http.MethodGet, URL: one(eggLarge), ExpectedStatus: 404, ExpectedContent: []string{`"data":{}`}},
		{Name: "bob cannot read the portions of alice's private food", Method: http.MethodGet, URL: portions + "?filter=food='" + alicePrivate + "'",
			Headers: testapp.Auth("bob"), ExpectedStatus: 200, ExpectedContent: []string{`"totalItems":0`}},
		{Name: "alice reads hers", Method: http.MethodGet, URL: one(alicesPortion), Headers: testapp.Auth("alice"),
			ExpectedStatus: 200, ExpectedContent: []string{`"unit":"cookie"`}},
		{Name: "bob adds a portion to his food", Method: http.MethodPost, URL: portions, Body: add(bobPrivate),
			Headers: testapp.Auth("bob"), ExpectedStatus: 200, ExpectedContent: []string{`"grams":40`},
			ExpectedEvents: map[string]int{"OnRecordCreateRequest": 1, "OnRecordCreate": 1, "OnRecordCreateExecute": 1,
				"OnRecordAfterCreateSuccess": 1, "OnRecordValidate": 1, "OnRecordEnrich": 1}},
		{Name: "bob cannot add a portion to a USDA food", Method: http.MethodPost, URL: portions, Body: add(usdaEgg),
			Headers: testapp.Auth("bob"), ExpectedStatus: 400, ExpectedContent: []string{`"data":{}`}},
		{Name: "bob cannot add a portion to alice's food", Method: http.MethodPost, URL: portions, Body: add(alicePrivate),
			Headers: testapp.Auth("bob"), ExpectedStatus: 400, ExpectedContent: []string{`"data":{}`}},
		{Name: "USDA portions are read-only", Method: http.MethodPatch, URL: one(eggLarge), Body: strings.NewReader(`{"grams":1}`),
			Headers: testapp.Auth("carol"), ExpectedStatus: 404, ExpectedContent: []string{`"data":{}`}},
		{Name: "alice cannot move her portion to a USDA food", Method: http.MethodPatch, URL: one(alicesPortion),
			Body: strings.NewReader(`{"food":"` + usdaEgg + `"}`), Headers: testapp.Auth("alice"), ExpectedStatus: 400,
			ExpectedContent: []string{`"food":{"code":"validation_immutable"`}},
		{Name: "alice deletes hers", Method: http.MethodDelete, URL: one(alicesPortion), Headers: testapp.Auth("alice"), ExpectedStatus: 204},
	}
	for _, s := range scenarios {
		s.TestAppFactory = portionApp
		s.Test(t)
	}
}
