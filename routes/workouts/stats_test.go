package workouts_test

import (
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"trackbase/internal/testapp"
)

func TestStats(t *testing.T) {
	url := "/api/workouts/stats"
	scenarios := []tests.ApiScenario{
		{
			// 225 lb = 225 × 0.45359237 = 102.05828325 kg; 30 lb = 13.6077711 kg.
			// bench: 100×5 + 100×3 + 102.05828325×5 + 80×10 = 500 + 300 + 510.29141625 + 800 = 2110.29, reps 23
			// curl: 13.6077711 × 10 = 136.08, reps 10; squat (bob's public workout, alice's set): 120 × 5 = 600
			// total 2846.37 over 6 sets and 38 reps; bob's sets are not counted.
			// groups: chest = bench; arms = bench (triceps) + curl = 5 sets, 33 reps, 2246.37; legs = squat.
			Name: "alice's sets in kg per workout and per muscle group", Method: http.MethodGet,
			URL: url + "?from=2026-01-04&to=2026-01-06", Headers: testapp.Auth("alice"), ExpectedStatus: 200, TestAppFactory: seeded,
			ExpectedContent: []string{
				`"unit":"kg","totals":{"sets":6,"reps":38,"volume":2846.37}`,
				`"by_muscle_group":[{"muscle_group":"arms","sets":5,"reps":33,"volume":2246.37},{"muscle_group":"chest","sets":4,"reps":23,"volume":2110.29},{"muscle_group":"legs","sets":1,"reps":5,"volume":600}]`,
				`{"workout":"bench0000000000","workout_name":"Bench Press","muscle_groups":["arms","chest"],"sets":4,"reps":23,"volume":2110.29}`,
				`{"workout":"squat0000000000","workout_name":"Squat","muscle_groups":["legs"],"sets":1,"reps":5,"volume":600}`,
				`{"workout":"curl00000000000","workout_name":"Curl","muscle_groups":["arms"],"sets":1,"reps":10,"volume":136.08}`,
			},
			NotExpectedContent: []string{`"Press"`},
		},
		{
			// only 2026-01-06: bench 510.29 + 800 = 1310.29 (2 sets, 15 reps) and squat 600.
			Name: "both ends of the range are whole days", Method: http.MethodGet,
			URL: url + "?from=2026-01-06&to=2026-01-06", Headers: testapp.Auth("alice"), ExpectedStatus: 200, TestAppFactory: seeded,
			ExpectedContent:    []string{`"totals":{"sets":3,"reps":20,"volume":1910.29}`},
			NotExpectedContent: []string{`"Curl"`},
		},
		{
			// bob in Los Angeles: 2026-01-04 12:00Z is 04:00 on the 4th (press 200×1);
			// 2026-01-06 05:00Z is 21:00 on the 5th (squat 140×3 = 420).
			Name: "bob's days are Los Angeles days", Method: http.MethodGet,
			URL: url + "?from=2026-01-05&to=2026-01-05", Headers: testapp.Auth("bob"), ExpectedStatus: 200, TestAppFactory: seeded,
			ExpectedContent:    []string{`"totals":{"sets":1,"reps":3,"volume":420}`},
			NotExpectedContent: []string{`"Bench Press"`, `"Press"`},
		},
		{
			Name: "nothing logged: zeros and empty lists", Method: http.MethodGet,
			URL: url + "?from=2025-01-01&to=2025-01-31", Headers: testapp.Auth("alice"), ExpectedStatus: 200, TestAppFactory: seeded,
			ExpectedContent: []string{`"totals":{"sets":0,"reps":0,"volume":0},"by_muscle_group":[],"by_workout":[]`},
		},
		{
			Name: "bad date is a 400 naming to", Method: http.MethodGet, URL: url + "?to=yesterday",
			Headers: testapp.Auth("alice"), ExpectedStatus: 400, TestAppFactory: seeded, ExpectedContent: []string{`"to"`},
		},
		{
			Name: "from after to is a 400", Method: http.MethodGet, URL: url + "?from=2026-02-01&to=2026-01-01",
			Headers: testapp.Auth("alice"), ExpectedStatus: 400, TestAppFactory: seeded, ExpectedContent: []string{`"from"`},
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
