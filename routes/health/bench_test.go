package health_test

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"trackbase/internal/testapp"
	"trackbase/rollups"
)

// fiveYears fills alice's history with five years (1826 days) of every
// tracker in bulk SQL: a weigh-in, 5 food logs, 2 water logs, steps, sleep
// and health metrics every day, cardio every third day, 15 sets on 3 days a
// week, a body measurement weekly. Her zone is Los Angeles, so the local-day
// expressions carry every DST change of the period.
func fiveYears(b *testing.B, a core.App) {
	f := fixture{b, a}
	f.male30("alice")
	f.profile("alice", map[string]any{"timezone": "America/Los_Angeles"})
	f.food(id("oats"), "", "Oats", 200, 10, 30, 5, 0.5)
	f.save("workouts", map[string]any{"id": id("bench"), "user": testapp.ID("alice"), "workout_name": "Bench", "type": "barbell"})
	f.save("meals", map[string]any{"id": id("breakfast"), "user": testapp.ID("alice"), "meal_name": "Breakfast"})
	f.save("meal_foods", map[string]any{"meal": id("breakfast"), "food": id("oats"), "servings": 1})

	// n: day number back from today; k: entry of the day.
	series := func(perDay int) string {
		return `WITH RECURSIVE d(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM d WHERE n < 1825),
			k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < ` + strconv.Itoa(perDay-1) + `) `
	}
	at := `strftime('%Y-%m-%d %H:%M:%S.000Z', julianday('now', 'start of day') - n + 0.3 + i * 0.1)`
	date := `strftime('%Y-%m-%d 00:00:00.000Z', julianday('now', 'start of day') - n)`
	newID := `substr(lower(hex(randomblob(8))), 1, 15)`
	stmts := []string{
		series(1) + `INSERT INTO weight_logs (id, user, weight, weight_unit, date_time, created, updated)
			SELECT ` + newID + `, {:user}, 80 + (n % 30) / 10.0, 'kg', ` + at + `, ` + at + `, ` + at + ` FROM d, k`,
		series(5) + `INSERT INTO food_logs (id, user, food, servings, measurement, date_time, created, updated)
			SELECT ` + newID + `, {:user}, {:food}, 1 + i / 2.0, 'g', ` + at + `, ` + at + `, ` + at + ` FROM d, k`,
		series(2) + `INSERT INTO water_logs (id, user, amount, unit, date_time, created, updated)
			SELECT ` + newID + `, {:user}, 500, 'ml', ` + at + `, ` + at + `, ` + at + ` FROM d, k`,
		series(1) + `INSERT INTO steps_logs (id, user, steps, date_time, created, updated)
			SELECT ` + newID + `, {:user}, 8000 + n % 5000, ` + at + `, ` + at + `, ` + at + ` FROM d, k`,
		series(1) + `INSERT INTO cardio_logs (id, user, cardio_type, duration, calories_burned, date_time, created, updated)
			SELECT ` + newID + `, {:user}, 'Running', 30, 300, ` + at + `, ` + at + `, ` + at + ` FROM d, k WHERE n % 3 = 0`,
		series(15) + `INSERT INTO workout_logs (id, user, workout, weight, weight_unit, reps, attributes, attribute_inputs, date_time, created, updated)
			SELECT ` + newID + `, {:user}, {:workout}, 60 + i, 'kg', 8, '[]', '{}', ` + at + `, ` + at + `, ` + at + ` FROM d, k WHERE n % 7 IN (0, 2, 4)`,
		series(1) + `INSERT INTO sleep_logs (id, user, date, time_went_to_bed, time_got_out_of_bed, created, updated)
			SELECT ` + newID + `, {:user}, ` + date + `, '23:00', '07:00', ` + at + `, ` + at + ` FROM d, k`,
		series(1) + `INSERT INTO health_metrics_logs (id, user, date, mood, created, updated)
			SELECT ` + newID + `, {:user}, ` + date + `, 7, ` + at + `, ` + at + ` FROM d, k`,
		series(1) + `INSERT INTO body_measurement_logs (id, user, waist, unit, date_time, created, updated)
			SELECT ` + newID + `, {:user}, 85, 'cm', ` + at + `, ` + at + `, ` + at + ` FROM d, k WHERE n % 7 = 0`,
	}
	params := dbx.Params{"user": testapp.ID("alice"), "food": id("oats"), "workout": id("bench")}
	for _, s := range stmts {
		if _, err := a.DB().NewQuery(s).Bind(params).Execute(); err != nil {
			b.Fatalf("%v\n%s", err, s)
		}
	}
	// the bulk inserts bypass the record hooks that keep the daily rollups
	start := time.Now()
	if err := rollups.RecomputeUser(a, testapp.ID("alice")); err != nil {
		b.Fatal(err)
	}
	b.Logf("rollups of five years rebuilt in %s", time.Since(start))
	if _, err := a.DB().NewQuery("ANALYZE").Execute(); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkEndpointsFiveYears times each endpoint in-process (router,
// middlewares, queries, JSON; no network) for a user with five years of data.
func BenchmarkEndpointsFiveYears(b *testing.B) {
	a := testapp.New(b)
	fiveYears(b, a)
	a.Settings().RateLimits.Enabled = false // the shipped limits would answer 429 mid-run
	mux := testapp.Handler(b, a)
	var weighIn string // the yardstick: PocketBase's own record view
	if err := a.DB().NewQuery("SELECT id FROM weight_logs LIMIT 1").Row(&weighIn); err != nil {
		b.Fatal(err)
	}
	endpoints := []struct{ name, method, url, body string }{
		{"record_view", "GET", "/api/collections/weight_logs/records/" + weighIn, ""},
		{"create_weight_log", "POST", "/api/collections/weight_logs/records", `{"weight":80,"weight_unit":"kg","date_time":"2026-01-10 08:00:00Z"}`},
		{"log_meal", "POST", "/api/meals/" + id("breakfast") + "/log", `{"date_time":"2026-01-10 08:00:00Z"}`},
		{"metrics_body", "GET", "/api/metrics/body", ""},
		{"metrics_macros", "POST", "/api/metrics/macros", `{"weight_goal":75,"timeframe_weeks":10}`},
		{"adaptive_tdee_28", "GET", "/api/metrics/adaptive-tdee", ""},
		{"adaptive_tdee_365", "GET", "/api/metrics/adaptive-tdee?days=365", ""},
		{"dashboard", "GET", "/api/dashboard", ""},
		{"streaks", "GET", "/api/streaks", ""},
		{"nutrition_daily_30", "GET", "/api/nutrition/daily", ""},
		{"nutrition_daily_366", "GET", "/api/nutrition/daily?from=" + daysAgo(365).Format("2006-01-02"), ""},
		{"foods_recent", "GET", "/api/foods/recent", ""},
		{"food_stats", "GET", "/api/foods/" + id("oats") + "/stats", ""},
		{"weight_90", "GET", "/api/analytics/weight", ""},
		{"weight_5y", "GET", "/api/analytics/weight?from=" + daysAgo(1826).Format("2006-01-02"), ""},
	}
	token := testapp.Token("alice")
	for _, ep := range endpoints {
		b.Run(ep.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				req := httptest.NewRequest(ep.method, ep.url, strings.NewReader(ep.body))
				req.Header.Set("Authorization", token)
				req.Header.Set("Content-Type", "application/json")
				rec := httptest.NewRecorder()
				mux.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK && rec.Code != http.StatusCreated {
					b.Fatalf("%s: %d %s", ep.url, rec.Code, rec.Body)
				}
			}
		})
	}
}
