package health_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"trackbase/collections"
	"trackbase/internal/testapp"
)

// breakfast is alice's meal of apple ×1 (95 kcal) and oats ×2 (200 kcal
// each); "empty" is a meal without foods; bob has a meal of his own.
func breakfast(f fixture) {
	apple := f.food(id("apple"), "", "Apple", 95, 0.5, 25, 0.3, 0.4)
	oats := f.food(id("oats"), "", "Oats", 200, 10, 30, 5, 0.5)
	f.save(collections.Meals, map[string]any{"id": id("breakfast"), "user": testapp.ID("alice"), "meal_name": "Breakfast"})
	f.save(collections.MealFoods, map[string]any{"meal": id("breakfast"), "food": apple, "servings": 1})
	f.save(collections.MealFoods, map[string]any{"meal": id("breakfast"), "food": oats, "servings": 2})
	f.save(collections.Meals, map[string]any{"id": id("empty"), "user": testapp.ID("alice"), "meal_name": "Empty"})
	f.save(collections.Meals, map[string]any{"id": id("bobsmeal"), "user": testapp.ID("bob"), "meal_name": "Bob's"})
	f.save(collections.MealFoods, map[string]any{"meal": id("bobsmeal"), "food": oats, "servings": 1})
}

func logsOf(t testing.TB, a *tests.TestApp, user string) []map[string]any {
	t.Helper()
	recs, err := a.FindRecordsByFilter(collections.FoodLogs, "user = {:u}", "servings", 0, 0, map[string]any{"u": testapp.ID(user)})
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]any
	for _, r := range recs {
		out = append(out, map[string]any{"food": r.GetString("food"), "servings": r.GetFloat("servings"), "meal": r.GetString("meal"),
			"date_time": r.GetDateTime("date_time").String(), "measurement": r.GetString("measurement")})
	}
	return out
}

func noLogs(user string) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, a *tests.TestApp, _ *http.Response) {
		if logs := logsOf(t, a, user); len(logs) != 0 {
			t.Errorf("logs written: %v", logs)
		}
	}
}

func TestLogMeal(t *testing.T) {
	url := "/api/meals/" + id("breakfast") + "/log"
	body := func(s string) *strings.Reader { return strings.NewReader(s) }
	scenarios := []tests.ApiScenario{
		{
			Name: "no token", Method: http.MethodPost, URL: url, Body: body(`{}`),
			ExpectedStatus: 401, ExpectedContent: []string{`"data":{}`}, TestAppFactory: app(breakfast), AfterTestFunc: noLogs("alice"),
		},
		{
			// 95 + 2 × 200 = 495 kcal.
			Name: "logs every food at date_time", Method: http.MethodPost, URL: url, Headers: withAuth("alice"),
			Body:           body(`{"date_time":"2026-03-10 08:00:00.000Z"}`),
			ExpectedStatus: 201,
			ExpectedContent: []string{`"meal_name":"Breakfast"`, `"calories":495`, `"date_time":"2026-03-10 08:00:00.000Z"`,
				`"food":"` + id("apple") + `","food_name":"Apple","servings":1`},
			TestAppFactory: app(breakfast),
			AfterTestFunc: func(t testing.TB, a *tests.TestApp, _ *http.Response) {
				want := "[map[date_time:2026-03-10 08:00:00.000Z food:" + id("apple") + " meal:" + id("breakfast") + " measurement:g servings:1] " +
					"map[date_time:2026-03-10 08:00:00.000Z food:" + id("oats") + " meal:" + id("breakfast") + " measurement:g servings:2]]"
				if got := sprint(logsOf(t, a, "alice")); got != want {
					t.Errorf("logs\n got %s\nwant %s", got, want)
				}
			},
		},
		{
			Name: "no body: now, one serving", Method: http.MethodPost, URL: url, Headers: withAuth("alice"),
			ExpectedStatus: 201, ExpectedContent: []string{`"calories":495`}, TestAppFactory: app(breakfast),
			AfterTestFunc: func(t testing.TB, a *tests.TestApp, _ *http.Response) {
				if logs := logsOf(t, a, "alice"); len(logs) != 2 {
					t.Errorf("logs %v", logs)
				}
			},
		},
		{
			Name: "servings multiply the meal", Method: http.MethodPost, URL: url, Headers: withAuth("alice"),
			Body: body(`{"servings":1.5}`), ExpectedStatus: 201, ExpectedContent: []string{`"calories":742.5`},
			TestAppFactory: app(breakfast),
			AfterTestFunc: func(t testing.TB, a *tests.TestApp, _ *http.Response) {
				logs := logsOf(t, a, "alice")
				if len(logs) != 2 || logs[0]["servings"] != 1.5 || logs[1]["servings"] != 3.0 {
					t.Errorf("logs %v", logs)
				}
			},
		},
		{
			// apple ×60 is valid, oats ×120 is over the 100-serving limit: nothing is written.
			Name: "one invalid log rolls back all", Method: http.MethodPost, URL: url, Headers: withAuth("alice"),
			Body: body(`{"servings":60}`), ExpectedStatus: 400, ExpectedContent: []string{`"servings":{`},
			TestAppFactory: app(breakfast), AfterTestFunc: noLogs("alice"),
		},
		{
			Name: "someone else's meal is not found", Method: http.MethodPost, URL: "/api/meals/" + id("bobsmeal") + "/log", Headers: withAuth("alice"),
			Body: body(`{}`), ExpectedStatus: 404, ExpectedContent: []string{`"data":{}`},
			TestAppFactory: app(breakfast), AfterTestFunc: noLogs("bob"),
		},
		{
			Name: "guest is read-only", Method: http.MethodPost, URL: url, Headers: withAuth("gus"),
			Body: body(`{}`), ExpectedStatus: 403, ExpectedContent: []string{`"data":{}`},
			TestAppFactory: app(breakfast), AfterTestFunc: noLogs("alice"),
		},
		{
			Name: "empty meal", Method: http.MethodPost, URL: "/api/meals/" + id("empty") + "/log", Headers: withAuth("alice"),
			Body: body(`{}`), ExpectedStatus: 400, ExpectedContent: []string{`"meal":{`},
			TestAppFactory: app(breakfast), AfterTestFunc: noLogs("alice"),
		},
		{
			Name: "bad date_time", Method: http.MethodPost, URL: url, Headers: withAuth("alice"),
			Body: body(`{"date_time":"yesterday"}`), ExpectedStatus: 400, ExpectedContent: []string{`"date_time":{`},
			TestAppFactory: app(breakfast), AfterTestFunc: noLogs("alice"),
		},
		{
			Name: "non-positive servings", Method: http.MethodPost, URL: url, Headers: withAuth("alice"),
			Body: body(`{"servings":0}`), ExpectedStatus: 400, ExpectedContent: []string{`"servings":{`},
			TestAppFactory: app(breakfast), AfterTestFunc: noLogs("alice"),
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

// A meal that holds its foods by weight or portion logs them so, scaled:
// 200 g of USDA white rice (130 kcal per 100 g) and 2 large eggs (2 × 50 g,
// 143 kcal per 100 g), logged ×1.5: 300 g = 3 servings, 3 eggs = 1.5
// servings; 3 × 130 + 1.5 × 143 = 604.5 kcal.
func TestLogMealByWeightAndPortion(t *testing.T) {
	rice, egg := "usdasr280020045", "usdasr280001123"
	seed := func(f fixture) {
		f.save(collections.Meals, map[string]any{"id": id("lunch"), "user": testapp.ID("alice"), "meal_name": "Lunch"})
		f.save(collections.MealFoods, map[string]any{"meal": id("lunch"), "food": rice, "grams": 200})
		f.save(collections.MealFoods, map[string]any{"meal": id("lunch"), "food": egg, "portion": "usdap0112300001", "portion_count": 2})
	}
	(&tests.ApiScenario{
		Name: "grams and portions scale with the meal", Method: http.MethodPost, URL: "/api/meals/" + id("lunch") + "/log",
		Headers: withAuth("alice"), Body: strings.NewReader(`{"servings":1.5}`),
		ExpectedStatus: 201, ExpectedContent: []string{`"calories":604.5`, `"grams":300`, `"portion_count":3`},
		TestAppFactory: app(seed),
		AfterTestFunc: func(t testing.TB, a *tests.TestApp, _ *http.Response) {
			logs := logsOf(t, a, "alice")
			if len(logs) != 2 || logs[0]["servings"] != 1.5 || logs[1]["servings"] != 3.0 {
				t.Errorf("logs %v", logs)
			}
		},
	}).Test(t)
}
