package workouts_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/tests"

	"trackbase/collections"
	"trackbase/internal/testapp"
)

// recentSeeded adds sets relative to now to the shared fixture (whose sets,
// in January 2026, are outside the 30-day window):
//
//	alice: bench 200 kg × 1 forty days ago (outside), bench 100 kg × 5 rir 2 three hours ago,
//	       curl 30 lb × 12 rir 3 then 35 lb × 9 rir 2, both at the same instant two hours ago
//	       (the one saved second is the last), bench 90 kg × 8 rir 1 one hour ago (her last set)
//	bob:   squat 150 kg × 2 half an hour ago
func recentSeeded(t testing.TB) *tests.TestApp {
	app := seeded(t)
	f := fixture{t, app}
	now := time.Now().UTC()
	f.set("alice", id("bench"), 200, "kg", 1, 0, now.AddDate(0, 0, -40))
	f.set("alice", id("bench"), 100, "kg", 5, 2, now.Add(-3*time.Hour))
	for _, c := range []struct {
		id     string
		weight float64
		reps   int
		rir    int
	}{{id("aacurl"), 30, 12, 3}, {id("zzcurl"), 35, 9, 2}} { // ids in saving order too, should created tie
		f.save(collections.WorkoutLogs, map[string]any{"id": c.id, "user": testapp.ID("alice"), "workout": id("curl"),
			"weight": c.weight, "weight_unit": "lb", "reps": c.reps, "rir": c.rir, "date_time": now.Add(-2 * time.Hour)})
	}
	f.set("alice", id("bench"), 90, "kg", 8, 1, now.Add(-time.Hour))
	f.set("bob", id("squat"), 150, "kg", 2, 0, now.Add(-30*time.Minute))
	return app
}

func TestRecent(t *testing.T) {
	url := "/api/workouts/recent"
	scenarios := []tests.ApiScenario{
		{
			// bench: the last set (90 × 8, rir 1), not the heaviest (100) nor the most reps; 2 sets in
			// the window. curl: two sets at the same instant, the second saved is the last:
			// 35 lb = 15.875733 kg → 15.88; 2 sets. bob's squat is not alice's.
			Name: "last set's values per workout, newest first", Method: http.MethodGet, URL: url,
			Headers: testapp.Auth("alice"), ExpectedStatus: 200, TestAppFactory: recentSeeded,
			ExpectedContent: []string{
				`"unit":"kg","workouts":[{"workout":"bench0000000000","workout_name":"Bench Press","last_logged":`,
				`"last_weight":90,"last_weight_unit":"kg","last_weight_kg":90,"last_reps":8,"last_rir":1,"set_count":2},{"workout":"curl00000000000","workout_name":"Curl","last_logged":`,
				`"last_weight":35,"last_weight_unit":"lb","last_weight_kg":15.88,"last_reps":9,"last_rir":2,"set_count":2}]`,
			},
			NotExpectedContent: []string{`"Squat"`, `"last_weight":100`, `"last_weight":200`},
		},
		{
			Name: "limit keeps the most recent", Method: http.MethodGet, URL: url + "?limit=1",
			Headers: testapp.Auth("alice"), ExpectedStatus: 200, TestAppFactory: recentSeeded,
			ExpectedContent: []string{`"workout_name":"Bench Press"`}, NotExpectedContent: []string{`"Curl"`},
		},
		{
			Name: "bob sees his own public squat only", Method: http.MethodGet, URL: url,
			Headers: testapp.Auth("bob"), ExpectedStatus: 200, TestAppFactory: recentSeeded,
			ExpectedContent:    []string{`"workout_name":"Squat"`, `"last_weight":150`, `"set_count":1`},
			NotExpectedContent: []string{`"Bench Press"`},
		},
		{
			Name: "nothing in 30 days: an empty list", Method: http.MethodGet, URL: url,
			Headers: testapp.Auth("alice"), ExpectedStatus: 200, TestAppFactory: seeded,
			ExpectedContent: []string{`"workouts":[]`},
		},
		{
			Name: "bad limit is a 400", Method: http.MethodGet, URL: url + "?limit=0",
			Headers: testapp.Auth("alice"), ExpectedStatus: 400, TestAppFactory: seeded, ExpectedContent: []string{`"limit"`},
		},
		{
			Name: "no token is a 401", Method: http.MethodGet, URL: url, ExpectedStatus: 401, TestAppFactory: seeded,
			ExpectedContent: []string{`"status":401`},
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}
