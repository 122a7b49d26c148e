package rollups_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"trackbase/collections"
	"trackbase/internal/testapp"
	"trackbase/rollups"
)

// Thousands of random writes through app.Save, app.Delete and the API (log
// creates, edits that move a row to another day or user-day, deletes, meals
// logged, food nutrient edits, time zone changes) leave rollups that
// `rollups --check` finds equal to a recomputation from the raw rows, and
// the endpoints that read them answer after a rebuild from the raw rows
// exactly what they answered before it.
func TestRandomWritesKeepRollupsRight(t *testing.T) {
	app := testapp.New(t)
	app.Settings().RateLimits.Enabled = false // thousands of requests from one client
	handler := testapp.Handler(t, app)
	rng := rand.New(rand.NewPCG(15, 2026))
	users := []string{"alice", "bob", "carol"}
	zones := []string{"UTC", "America/Los_Angeles", "Europe/Berlin", "Asia/Kolkata", "Pacific/Auckland"}
	start := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC) // spans the US and EU DST changes
	at := func() string {
		return start.Add(time.Duration(rng.IntN(60*24*60)) * time.Minute).Format("2006-01-02 15:04:05.000Z")
	}
	date := func() string { return start.AddDate(0, 0, rng.IntN(60)).Format("2006-01-02") }

	var foods []string
	for i := range 4 {
		foods = append(foods, testapp.Save(t, app, collections.Foods, map[string]any{
			"food_name": fmt.Sprint("Food ", i), "serving_size": 100, "unit": "g", "food_group": "other", "make_public": true,
			"calories": 50 + rng.IntN(400), "protein": rng.IntN(30), "fat": rng.IntN(20), "carbohydrates": rng.IntN(60),
			"sodium": rng.IntN(500), "cost": float64(rng.IntN(300)) / 100}))
	}
	meals := map[string]string{}
	for _, u := range users {
		meals[u] = testapp.Save(t, app, collections.Meals, map[string]any{"user": testapp.ID(u), "meal_name": "Usual"})
		for _, f := range foods[:2] {
			testapp.Save(t, app, collections.MealFoods, map[string]any{"meal": meals[u], "food": f, "servings": 1 + rng.IntN(3)})
		}
	}
	// new rows of the trackers the test writes: a time field and the rest
	newRow := map[string]func(user string) map[string]any{
		collections.FoodLogs: func(u string) map[string]any {
			return map[string]any{"user": testapp.ID(u), "food": foods[rng.IntN(len(foods))], "servings": float64(1+rng.IntN(8)) / 2,
				"date_time": at(), "tokens_used": rng.IntN(50)}
		},
		collections.StepsLogs: func(u string) map[string]any {
			return map[string]any{"user": testapp.ID(u), "steps": rng.IntN(15000), "date_time": at()}
		},
		collections.CardioLogs: func(u string) map[string]any {
			return map[string]any{"user": testapp.ID(u), "cardio_type": "Running", "duration": 30, "calories_burned": rng.IntN(600), "date_time": at()}
		},
		collections.WeightLogs: func(u string) map[string]any {
			return map[string]any{"user": testapp.ID(u), "weight": 60 + rng.IntN(30), "weight_unit": "kg", "date_time": at()}
		},
		collections.SleepLogs: func(u string) map[string]any {
			return map[string]any{"user": testapp.ID(u), "date": date(), "time_went_to_bed": "23:00", "time_got_out_of_bed": "07:00"}
		},
	}
	kinds := []string{collections.FoodLogs, collections.StepsLogs, collections.CardioLogs, collections.WeightLogs, collections.SleepLogs}

	serve := func(method, url, user string, body any) *httptest.ResponseRecorder {
		t.Helper()
		var b strings.Builder
		if body != nil {
			json.NewEncoder(&b).Encode(body)
		}
		req := httptest.NewRequest(method, url, strings.NewReader(b.String()))
		req.Header.Set("Authorization", testapp.Token(user))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		handler.ServeHTTP(rec, req)
		return rec
	}
	randomRecord := func(kind string) *core.Record {
		rows, err := app.FindRecordsByFilter(kind, "", "", 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) == 0 {
			return nil
		}
		return rows[rng.IntN(len(rows))]
	}

	const ops = 2000
	for i := range ops {
		user := users[rng.IntN(len(users))]
		kind := kinds[rng.IntN(len(kinds))]
		switch op := rng.IntN(100); {
		case op < 40: // create through app.Save
			testapp.Save(t, app, kind, newRow[kind](user))
		case op < 50: // create through the API
			if rec := serve(http.MethodPost, "/api/collections/"+kind+"/records", user, newRow[kind](user)); rec.Code != 200 {
				t.Fatalf("create %s: %d %s", kind, rec.Code, rec.Body)
			}
		case op < 70: // edit: new values, often another day
			if r := randomRecord(kind); r != nil {
				for k, v := range newRow[kind](user) {
					if k != "user" && rng.IntN(2) == 0 {
						r.Set(k, v)
					}
				}
				if err := app.Save(r); err != nil {
					t.Fatal(err)
				}
			}
		case op < 82: // delete, through the API now and then
			if r := randomRecord(kind); r != nil {
				owner, _ := app.FindRecordById(collections.Users, r.GetString("user"))
				if rng.IntN(3) == 0 {
					if rec := serve(http.MethodDelete, "/api/collections/"+kind+"/records/"+r.Id, owner.GetString("username"), nil); rec.Code != 204 {
						t.Fatalf("delete %s: %d %s", kind, rec.Code, rec.Body)
					}
				} else if err := app.Delete(r); err != nil {
					t.Fatal(err)
				}
			}
		case op < 90: // a meal logged
			if rec := serve(http.MethodPost, "/api/meals/"+meals[user]+"/log", user, map[string]any{"date_time": at()}); rec.Code != 201 {
				t.Fatalf("log meal: %d %s", rec.Code, rec.Body)
			}
		case op < 95: // a food's nutrients edited
			f, err := app.FindRecordById(collections.Foods, foods[rng.IntN(len(foods))])
			if err != nil {
				t.Fatal(err)
			}
			f.Set("calories", 50+rng.IntN(400))
			f.Set("protein", rng.IntN(30))
			if err := app.Save(f); err != nil {
				t.Fatal(err)
			}
		default: // a time zone change
			u, err := app.FindRecordById(collections.Users, testapp.ID(user))
			if err != nil {
				t.Fatal(err)
			}
			u.Set("timezone", zones[rng.IntN(len(zones))])
			if err := app.Save(u); err != nil {
				t.Fatal(err)
			}
		}
		if i%500 == 499 {
			checkNoDiffs(t, app)
		}
	}
	checkNoDiffs(t, app)

	reads := func() map[string]string {
		out := map[string]string{}
		for _, u := range users {
			for _, url := range []string{"/api/nutrition/daily?from=2026-02-27&to=2026-05-02", "/api/streaks"} {
				out[u+url] = serve(http.MethodGet, url, u, nil).Body.String()
			}
			for d := range 62 {
				url := "/api/dashboard?date=" + start.AddDate(0, 0, d-1).Format("2006-01-02")
				out[u+url] = serve(http.MethodGet, url, u, nil).Body.String()
			}
		}
		return out
	}
	before := reads()
	if err := rollups.Rebuild(app, nil); err != nil {
		t.Fatal(err)
	}
	after := reads()
	for k, v := range before {
		var a, b any
		if err := json.Unmarshal([]byte(v), &b); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal([]byte(after[k]), &a); err != nil || !reflect.DeepEqual(a, b) {
			t.Errorf("%s after the rebuild:\n%s\nbefore:\n%s", k, after[k], v)
		}
	}
	if !strings.Contains(before["alice/api/nutrition/daily?from=2026-02-27&to=2026-05-02"], `"entries":`) {
		t.Fatalf("no nutrition answer: %s", before["alice/api/nutrition/daily?from=2026-02-27&to=2026-05-02"])
	}
}

func checkNoDiffs(t *testing.T, app core.App) {
	t.Helper()
	diffs, err := rollups.Check(app)
	if err != nil {
		t.Fatal(err)
	}
	if len(diffs) > 0 {
		t.Fatalf("%d rollups differ, first: %v", len(diffs), diffs[:min(5, len(diffs))])
	}
}
