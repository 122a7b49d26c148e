package workouts_test

import (
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"trackbase/internal/testapp"
)

func TestProgression(t *testing.T) {
	url := "/api/workouts/progression"
	get := func(name, query, user string, status int, want, notWant []string) tests.ApiScenario {
		return tests.ApiScenario{
			Name: name, Method: http.MethodGet, URL: url + query, Headers: testapp.Auth(user),
			ExpectedStatus: status, ExpectedContent: want, NotExpectedContent: notWant, TestAppFactory: seeded,
		}
	}
	scenarios := []tests.ApiScenario{
		// 2026-01-04: 100×5 → e1RM 100 × (1 + 5/30) = 116.67 (beats 100×3 → 110); volume 500 + 300 = 800;
		//   max and mean weight 100.
		// 2026-01-06: 225 lb = 102.05828325 kg × 5 → 102.05828325 × 7/6 = 119.07 (beats 80×10 → 106.67);
		//   volume 510.29 + 800 = 1310.29; max 102.06; mean (102.05828325 + 80) / 2 = 91.03.
		get("bench per day: Epley of the best set, volume, max and mean weight in kg",
			"?workout="+id("bench")+"&from=2026-01-01&to=2026-01-31", "alice", 200, []string{
				`"workout":{"id":"bench0000000000","workout_name":"Bench Press"},"metric":"e1rm","unit":"kg","from":"2026-01-01","to":"2026-01-31"`,
				`{"date":"2026-01-04","value":116.67,"e1rm":116.67,"volume":800,"max_weight":100,"avg_weight":100,"sets":2,"reps":8}`,
				`{"date":"2026-01-06","value":119.07,"e1rm":119.07,"volume":1310.29,"max_weight":102.06,"avg_weight":91.03,"sets":2,"reps":15}`,
			}, nil),
		get("metric chooses value", "?workout="+id("bench")+"&from=2026-01-01&to=2026-01-31&metric=volume", "alice", 200,
			[]string{`"metric":"volume"`, `{"date":"2026-01-04","value":800,`, `{"date":"2026-01-06","value":1310.29,`}, nil),
		get("metric avg_weight", "?workout="+id("bench")+"&from=2026-01-06&to=2026-01-06&metric=avg_weight", "alice", 200,
			[]string{`{"date":"2026-01-06","value":91.03,`}, []string{`"2026-01-04"`}),
		// alice's own set of bob's public squat: 120 × 7/6 = 140; bob's 140 kg set is not hers.
		get("a public workout of someone else: only the caller's sets", "?workout="+id("squat")+"&from=2026-01-01&to=2026-01-31", "alice", 200,
			[]string{`"points":[{"date":"2026-01-06","value":140,"e1rm":140,"volume":600,"max_weight":120,"avg_weight":120,"sets":1,"reps":5}]`}, nil),
		get("lb sets converted: curl 30 lb = 13.61 kg, × 4/3 = 18.14", "?workout="+id("curl")+"&from=2026-01-04&to=2026-01-04", "alice", 200,
			[]string{`"e1rm":18.14,"volume":136.08,"max_weight":13.61,"avg_weight":13.61`}, nil),
		get("no sets in range: no points", "?workout="+id("bench")+"&from=2025-01-01&to=2025-01-31", "alice", 200,
			[]string{`"points":[]`}, nil),
		get("someone else's private workout is a 404", "?workout="+id("press"), "alice", 404, []string{`"status":404`}, []string{`"Press"`}),
		get("alice's private workout is a 404 for bob", "?workout="+id("bench"), "bob", 404, []string{`"status":404`}, nil),
		get("unknown workout is a 404", "?workout=nosuchworkout00", "alice", 404, []string{`"status":404`}, nil),
		get("missing workout is a 400", "", "alice", 400, []string{`"workout"`}, nil),
		get("unknown metric is a 400", "?workout="+id("bench")+"&metric=1rm", "alice", 400, []string{`"metric"`}, nil),
		get("bad date is a 400", "?workout="+id("bench")+"&from=2026-02-30", "alice", 400, []string{`"from"`}, nil),
		get("from after to is a 400", "?workout="+id("bench")+"&from=2026-01-31&to=2026-01-01", "alice", 400, []string{`"from"`}, nil),
		{Name: "no token is a 401", Method: http.MethodGet, URL: url + "?workout=" + id("bench"), ExpectedStatus: 401,
			TestAppFactory: seeded, ExpectedContent: []string{`"status":401`}},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}
