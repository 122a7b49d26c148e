package fuzz_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"

	"trackbase/collections"
	"trackbase/internal/testapp"
)

// postEndpoints are the custom endpoints taking a JSON body;
// %s is alice's meal. /api/ai/transcribe takes multipart audio, not JSON.
var postEndpoints = []string{
	"/api/auth/logout",
	"/api/metrics/macros",
	"/api/meals/%s/log",
	"/api/ai/parse-meal",
	"/api/ai/food-metadata",
	"/api/ai/prompt",
}

var seedBodies = []string{
	``,
	`{}`,
	`null`,
	`[]`,
	`{"all":true}`,
	`{"all":false}`,
	`{"weight_goal":70,"weight_goal_unit":"kg","timeframe_weeks":12}`,
	`{"weight_goal":154,"weight_goal_unit":"lb","timeframe_weeks":0,"save":true}`,
	`{"weight_goal":-1e308,"timeframe_weeks":1e308}`,
	`{"date_time":"2026-01-31 12:30:00.000Z"}`,
	`{"date_time":"yesterday"}`,
	`{"text":"2 eggs and a slice of toast","save":true,"create_meal":true}`,
	`{"text":"` + strings.Repeat("🍎", 1001) + `"}`,
	`{"text":"100 g rice","date_time":"2026-02-30 25:61:00"}`,
	`{"food_name":"banana","known":{"calories":105,"protein":"x"}}`,
	`{"food_name":null,"known":[1,2]}`,
	`{"prompt":"hello"}`,
	`{"prompt":{"nested":[{"deep":true}]}}`,
	`{"text":"1 cup milk","save":"yes"}`,
	`{"a":` + strings.Repeat("[", 500) + strings.Repeat("]", 500) + `}`,
	`{"weight_goal":"NaN","timeframe_weeks":"Infinity"}`,
	`{"all":1}`,
}

// FuzzCustomPostBodies sends arbitrary bytes as the JSON body of every custom
// POST endpoint, as alice: whatever the body, the answer is never a 5xx (a
// recovered panic is a 500, so panics count). The one 5xx allowed is the AI
// routes' 503 for a server without OPENAI_API_KEY, which they give only after
// the body has been accepted. Bounded run (make test):
//
//	go test -run '^$' -fuzz FuzzCustomPostBodies -fuzztime 20s ./fuzz/
//
// Without -fuzz, the seeds run as a plain test.
func FuzzCustomPostBodies(f *testing.F) {
	f.Setenv("OPENAI_API_KEY", "") // the offline meal parser; no network
	for i, body := range seedBodies {
		f.Add(uint8(i), []byte(body))
	}

	app := testapp.New(f)
	app.Settings().RateLimits.Enabled = false // the bodies are under test, not the limiter
	mealId := aliceMeal(f, app)
	mux := buildMux(f, app)

	var sessions atomic.Int64
	f.Fuzz(func(t *testing.T, endpoint uint8, body []byte) {
		url := postEndpoints[int(endpoint)%len(postEndpoints)]
		if strings.Contains(url, "%s") {
			url = fmt.Sprintf(url, mealId)
		}
		// a new session each time: an earlier body may have logged alice out
		alice, err := app.FindRecordById(collections.Users, testapp.ID("alice"))
		if err != nil {
			t.Fatal(err)
		}
		token, err := alice.NewStaticAuthToken(time.Hour + time.Duration(sessions.Add(1))*time.Second)
		if err != nil {
			t.Fatal(err)
		}

		req := httptest.NewRequest(http.MethodPost, url, strings.NewReader(string(body)))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", token)
		res := httptest.NewRecorder()
		mux.ServeHTTP(res, req)

		unconfiguredAI := res.Code == http.StatusServiceUnavailable &&
			strings.HasPrefix(url, "/api/ai/") && strings.Contains(res.Body.String(), "OPENAI_API_KEY")
		if res.Code >= 500 && !unconfiguredAI {
			t.Fatalf("POST %s with %q: %d %s", url, body, res.Code, res.Body)
		}
	})
}

// aliceMeal creates a meal of alice with one public food and returns its id.
func aliceMeal(f *testing.F, app core.App) string {
	save := func(collection string, values map[string]any) string {
		c, err := app.FindCollectionByNameOrId(collection)
		if err != nil {
			f.Fatal(err)
		}
		r := core.NewRecord(c)
		for k, v := range values {
			r.Set(k, v)
		}
		if err := app.Save(r); err != nil {
			f.Fatalf("%s: %v", collection, err)
		}
		return r.Id
	}
	food := save(collections.Foods, map[string]any{
		"food_name": "Egg", "serving_size": 1, "unit": "piece", "calories": 72, "protein": 6.3,
		"fat": 4.8, "food_group": "protein", "make_public": true, "created_by": testapp.ID("alice"),
	})
	meal := save(collections.Meals, map[string]any{"user": testapp.ID("alice"), "meal_name": "Breakfast"})
	save(collections.MealFoods, map[string]any{"meal": meal, "food": food, "servings": 2})
	return meal
}

// buildMux serves the app as `trackbase serve` would, and checks that every
// fuzzed endpoint is bound.
func buildMux(f *testing.F, app core.App) http.Handler {
	router, err := apis.NewRouter(app)
	if err != nil {
		f.Fatal(err)
	}
	var mux http.Handler
	err = app.OnServe().Trigger(&core.ServeEvent{App: app, Router: router}, func(e *core.ServeEvent) error {
		for _, url := range postEndpoints {
			if !e.Router.HasRoute(http.MethodPost, strings.Replace(url, "%s", "{id}", 1)) {
				return fmt.Errorf("POST %s is not bound by routes.Register", url)
			}
		}
		mux, err = e.Router.BuildMux()
		return err
	})
	if err != nil {
		f.Fatal(err)
	}
	return mux
}
