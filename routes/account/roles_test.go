package account_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"trackbase/collections"
	"trackbase/internal/testapp"
)

// Guests read only: every custom endpoint that writes or calls the AI
// answers them 403 and writes nothing, whichever feature area it belongs to
// (the routes are bound as `trackbase serve` binds them). Logging out stays
// allowed (TestLogout).
func TestGuestsCannotWrite(t *testing.T) {
	const gusMeal = "gusmeal00000001"
	written := []string{collections.UserGoals, collections.FoodLogs, collections.Foods, collections.Meals, collections.APIUsageLogs}
	rows := func(app core.App) map[string]int64 {
		n := map[string]int64{}
		for _, c := range written {
			n[c], _ = app.CountRecords(c)
		}
		return n
	}
	var before map[string]int64
	// gus owns a meal (created directly: a guest cannot create it through the API)
	prepare := func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
		c, err := app.FindCollectionByNameOrId(collections.Meals)
		if err != nil {
			t.Fatal(err)
		}
		meal := core.NewRecord(c)
		meal.Id = gusMeal
		meal.Set("user", testapp.ID("gus"))
		meal.Set("meal_name", "Lunch")
		if err := app.SaveNoValidate(meal); err != nil {
			t.Fatal(err)
		}
		before = rows(app)
	}
	writes := []struct{ url, body string }{
		{"/api/metrics/macros", `{"weight_goal":70,"weight_goal_unit":"kg","timeframe_weeks":12,"save":true}`},
		{"/api/meals/" + gusMeal + "/log", `{}`},
		{"/api/ai/parse-meal", `{"text":"2 eggs","save":true}`},
		{"/api/ai/parse-meal", `{"text":"2 eggs"}`},
		{"/api/ai/food-metadata", `{"food_name":"banana"}`},
		{"/api/ai/prompt", `{"prompt":"hello"}`},
	}
	for _, w := range writes {
		scenario := tests.ApiScenario{
			Name:            "guest POST " + w.url + " " + w.body,
			Method:          http.MethodPost,
			URL:             w.url,
			Body:            strings.NewReader(w.body),
			Headers:         testapp.Auth("gus"),
			TestAppFactory:  testapp.NewUnmanaged,
			ExpectedStatus:  http.StatusForbidden,
			ExpectedContent: []string{`"status":403`},
			BeforeTestFunc:  prepare,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				if after := rows(app); fmt.Sprint(after) != fmt.Sprint(before) {
					t.Errorf("rows before %v, after a guest's call %v", before, after)
				}
			},
		}
		scenario.Test(t)
	}
}
