package workouts_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"trackbase/internal/testapp"
)

// BenchmarkEndpoints measures every endpoint of the package in-process (router, auth, handler,
// JSON; no network) at concurrency 16 for bob (America/Los_Angeles, so the DST-aware day
// expression is exercised) with five years of training, in a database that also holds 1000 other
// users' workouts and 1,000,000 of their sets. It reports p50 and p99 latency in ms.
//
//	GOTOOLCHAIN=auto go test -run '^$' -bench Endpoints -benchtime 2000x ./routes/workouts
func BenchmarkEndpoints(b *testing.B) {
	app := testapp.New(b)
	app.Settings().RateLimits.Enabled = false // one client sending everything: not what is measured
	today := time.Now().In(mustLoc(b, "America/Los_Angeles")).Format(time.DateOnly)
	daysAgo := func(n int) string {
		return time.Now().In(mustLoc(b, "America/Los_Angeles")).AddDate(0, 0, -n).Format(time.DateOnly)
	}
	start := time.Now()
	latestSplit := seedFiveYears(b, app)
	b.Logf("dataset built in %s", time.Since(start).Round(time.Millisecond))

	mux := testapp.Handler(b, app)
	token := testapp.Token("bob")

	for _, ep := range []struct{ name, url string }{
		{"current-day", "/api/workouts/current-day?date=" + today},
		{"split-analysis", "/api/splits/" + latestSplit + "/analysis"},
		{"stats-30d", "/api/workouts/stats?from=" + daysAgo(29) + "&to=" + today},
		{"stats-366d", "/api/workouts/stats?from=" + daysAgo(365) + "&to=" + today},
		{"progression-366d", "/api/workouts/progression?workout=" + id("bw0") + "&from=" + daysAgo(365) + "&to=" + today},
		{"progression-5y", "/api/workouts/progression?workout=" + id("bw0") + "&from=" + daysAgo(1825) + "&to=" + today},
		{"recent", "/api/workouts/recent"},
		{"activation-30d", "/api/analytics/activation?from=" + daysAgo(29) + "&to=" + today},
		{"activation-366d", "/api/analytics/activation?from=" + daysAgo(365) + "&to=" + today},
	} {
		b.Run(ep.name, func(b *testing.B) {
			do := func() int {
				req := httptest.NewRequest(http.MethodGet, ep.url, nil)
				req.Header.Set("Authorization", token)
				rec := httptest.NewRecorder()
				mux.ServeHTTP(rec, req)
				return rec.Code
			}
			if code := do(); code != http.StatusOK {
				b.Fatalf("%s: status %d", ep.url, code)
			}
			var mu sync.Mutex
			var all []time.Duration
			b.SetParallelism(8) // × GOMAXPROCS 2 = 16 concurrent clients
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				var mine []time.Duration
				for pb.Next() {
					t0 := time.Now()
					if code := do(); code != http.StatusOK {
						b.Errorf("status %d", code)
					}
					mine = append(mine, time.Since(t0))
				}
				mu.Lock()
				all = append(all, mine...)
				mu.Unlock()
			})
			slices.Sort(all)
			ms := func(q float64) float64 { return float64(all[int(q*float64(len(all)-1))]) / float64(time.Millisecond) }
			b.ReportMetric(ms(0.50), "p50-ms")
			b.ReportMetric(ms(0.99), "p99-ms")
		})
	}
}

func mustLoc(b testing.TB, name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		b.Fatal(err)
	}
	return loc
}

// seedFiveYears gives bob 8 workouts, 10 splits (a new one every 6 months, 4 days of 4 targets)
// and about 21,000 sets over the last 1826 days (4 sessions a week, 20 sets each), and adds 1000
// other users with 5 workouts of 3 ratings each and 1000 sets each over 3 years. It returns the
// id of bob's latest split.
func seedFiveYears(b testing.TB, app core.App) string {
	f := fixture{b, app}
	names := []string{chest, triceps, biceps, quads, "Latissimus Dorsi", "Glutes (Maximus)", "Anterior Deltoid", "Hamstrings (Biceps Femoris)"}
	for w := 0; w < 8; w++ {
		f.workout(id(fmt.Sprint("bw", w)), "bob", fmt.Sprint("Workout ", w), false, map[string]float64{
			names[w]: 90, names[(w+1)%8]: 60, names[(w+3)%8]: 30})
	}
	latest := ""
	for s := 0; s < 10; s++ {
		var days []splitDay
		for d := 0; d < 4; d++ {
			days = append(days, splitDay{id(fmt.Sprint("bd", s, "x", d)), fmt.Sprint("Day ", d+1), map[string]float64{
				names[(s+d)%8]: 900, names[(s+d+1)%8]: 600, names[(s+d+2)%8]: 300, names[(s+d+4)%8]: 150}})
		}
		latest = id(fmt.Sprint("bs", s))
		f.split(latest, "bob", fmt.Sprint("Split ", s), time.Now().AddDate(0, 0, -1825+183*s).Format(time.DateOnly), days...)
	}
	exec := func(sql string, params dbx.Params) {
		if _, err := app.DB().NewQuery(sql).Bind(params).Execute(); err != nil {
			b.Fatal(err)
		}
	}
	// bob: set i is set i%20 of day i/20 back from today, on 4 days of 7
	exec(`INSERT INTO {{workout_logs}} (id, [[user]], workout, weight, weight_unit, reps, rir, attributes, attribute_inputs, rest_time, date_time, created, updated)
		WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 1826 * 20 - 1)
		SELECT printf('b%014d', i), {:bob}, printf('bw%d000000000000', ((i / 20) % 7 / 2 + (i % 20) / 5) % 8),
			40 + (1826 - i / 20) / 30.0 + (i % 5) * 2.5, CASE WHEN (i / 20) % 5 = 0 THEN 'lb' ELSE 'kg' END,
			5 + i % 6, i % 4, '[]', '{}', 90,
			strftime('%Y-%m-%d %H:%M:%S.000Z', 'now', 'start of day', printf('-%d days', i / 20), '+18 hours', printf('+%d minutes', (i % 20) * 3)),
			'2026-01-01 00:00:00.000Z', '2026-01-01 00:00:00.000Z'
		FROM n WHERE (i / 20) % 7 IN (0, 2, 4, 6)`, dbx.Params{"bob": testapp.ID("bob")})
	// other users' workouts, ratings and sets; their ids only need to differ from bob's
	exec(`INSERT INTO {{workouts}} (id, [[user]], workout_name, equipment_brand, type, location, notes, make_public, created, updated)
		WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 4999)
		SELECT printf('w%014d', i), printf('u%014d', i / 5), 'Other ' || i, '', 'barbell', '', '', i % 10 = 0,
			'2026-01-01 00:00:00.000Z', '2026-01-01 00:00:00.000Z' FROM n`, nil)
	exec(`INSERT INTO {{workout_muscles}} (id, workout, muscle, activation_rating, created, updated)
		WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 14999)
		SELECT printf('r%014d', i), printf('w%014d', i / 3),
			(SELECT id FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY id) - 1 AS k FROM {{muscles}}) WHERE k = (i * 7) % 46), 30 + i % 70,
			'2026-01-01 00:00:00.000Z', '2026-01-01 00:00:00.000Z' FROM n`, nil)
	exec(`INSERT INTO {{workout_logs}} (id, [[user]], workout, weight, weight_unit, reps, rir, attributes, attribute_inputs, rest_time, date_time, created, updated)
		WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 999999)
		SELECT printf('o%014d', i), printf('u%014d', i % 1000), printf('w%014d', (i % 1000) * 5 + (i / 1000) % 5),
			20 + i % 80, CASE WHEN i % 3 = 0 THEN 'lb' ELSE 'kg' END, 1 + i % 12, i % 4, '[]', '{}', 90,
			strftime('%Y-%m-%d %H:%M:%S.000Z', 'now', printf('-%d minutes', (i / 1000) * 1577)),
			'2026-01-01 00:00:00.000Z', '2026-01-01 00:00:00.000Z'
		FROM n`, nil)
	exec(`ANALYZE`, nil)
	return latest
}
