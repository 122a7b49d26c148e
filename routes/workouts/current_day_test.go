package workouts_test

import (
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"trackbase/internal/testapp"
)

func TestCurrentDay(t *testing.T) {
	url := "/api/workouts/current-day"
	get := func(name, query, user string, status int, want, notWant []string) tests.ApiScenario {
		return tests.ApiScenario{
			Name: name, Method: http.MethodGet, URL: url + query, Headers: testapp.Auth(user),
			ExpectedStatus: status, ExpectedContent: want, NotExpectedContent: notWant, TestAppFactory: seeded,
		}
	}
	scenarios := []tests.ApiScenario{
		// 2026-01-05 − 2026-01-01 = 4 days; 4 mod 3 = 1 → the 2nd day, Pull.
		get("a 3-day split started 2026-01-01 is on its 2nd day on 2026-01-05", "?date=2026-01-05", "alice", 200,
			[]string{`"date":"2026-01-05"`, `"split":{"id":"ppl000000000000","split_name":"PPL","start_date":"2026-01-01","number_of_days":3}`,
				`"day":{"id":"pull00000000000","day_name":"Pull","day_order":2,"targets":[{"muscle":`, `"muscle_name":"Biceps Brachii","muscle_group":"arms","target_activation":600}]}`},
			nil),
		// 2026-01-06: 5 mod 3 = 2 → Legs.
		get("the 3rd day follows", "?date=2026-01-06", "alice", 200,
			[]string{`"day_name":"Legs"`, `"target_activation":900`}, []string{`"Pull"`}),
		get("the start date is the 1st day, both targets listed", "?date=2026-01-01", "alice", 200,
			[]string{`"day_name":"Push"`, `"target_activation":1200`, `"target_activation":300`}, nil),
		get("before PPL starts, the older split is active", "?date=2025-12-31", "alice", 200,
			[]string{`"split_name":"Old"`, `"day_name":"Full"`}, []string{`"PPL"`}),
		get("a split starting later is not active yet", "?date=2026-05-31", "alice", 200,
			[]string{`"split_name":"PPL"`}, []string{`"Future"`}),
		get("before every split: nulls", "?date=2025-05-01", "alice", 200,
			[]string{`"day":null`, `"split":null`}, nil),
		get("bob sees his own split, never alice's", "?date=2026-01-05", "bob", 200,
			[]string{`"split_name":"Bob"`, `"day_name":"Only"`}, []string{`"PPL"`}),
		get("bad date is a 400 naming date", "?date=05-01-2026", "alice", 400, []string{`"date"`}, nil),
		{Name: "no token is a 401", Method: http.MethodGet, URL: url, ExpectedStatus: 401, TestAppFactory: seeded, ExpectedContent: []string{`"status":401`}},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}
