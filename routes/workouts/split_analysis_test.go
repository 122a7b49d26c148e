package workouts_test

import (
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"trackbase/internal/testapp"
)

func TestSplitAnalysis(t *testing.T) {
	type row struct {
		MuscleName       string  `json:"muscle_name"`
		Priority         int     `json:"priority"`
		SplitTotal       float64 `json:"split_total"`
		WeeklyActivation float64 `json:"weekly_activation"`
		OptimalLow       float64 `json:"optimal_low"`
		OptimalHigh      float64 `json:"optimal_high"`
		Status           string  `json:"status"`
	}
	check := func(want map[string]row, counts map[string]int) func(testing.TB, *tests.TestApp, *http.Response) {
		return func(t testing.TB, app *tests.TestApp, res *http.Response) {
			var data struct {
				Muscles []row
				Counts  map[string]int
			}
			testapp.DecodeData(t, res, &data)
			if len(data.Muscles) != 46 {
				t.Fatalf("%d muscles, want all 46", len(data.Muscles))
			}
			for _, m := range data.Muscles {
				w, ok := want[m.MuscleName]
				if !ok {
					w = row{MuscleName: m.MuscleName, Priority: 80, OptimalLow: 1620, OptimalHigh: 2520, Status: "missing"}
				}
				if m.Priority != w.Priority || !near(m.SplitTotal, w.SplitTotal) || !near(m.WeeklyActivation, w.WeeklyActivation) ||
					!near(m.OptimalLow, w.OptimalLow) || !near(m.OptimalHigh, w.OptimalHigh) || m.Status != w.Status {
					t.Errorf("%+v, want %+v", m, w)
				}
			}
			for k, v := range counts {
				if data.Counts[k] != v {
					t.Errorf("counts %v, want %v", data.Counts, counts)
				}
			}
		}
	}
	scenarios := []tests.ApiScenario{
		{
			// PPL: 3 days, weekly = total × 7 / 3. Priority 80: 90 × 18 = 1620 to 90 × 28 = 2520;
			// alice's quads at 100: 90 × 20 = 1800 to 90 × 30 = 2700.
			Name: "PPL against alice's priorities", Method: http.MethodGet, URL: "/api/splits/" + id("ppl") + "/analysis",
			Headers: testapp.Auth("alice"), ExpectedStatus: 200, TestAppFactory: seeded,
			ExpectedContent: []string{`"split":{"id":"ppl000000000000","split_name":"PPL","number_of_days":3}`},
			AfterTestFunc: check(map[string]row{
				chest:   {chest, 80, 1200, 2800, 1620, 2520, "above"},   // 1200 × 7 / 3 = 2800 > 2520
				triceps: {triceps, 80, 300, 700, 1620, 2520, "below"},   // 300 × 7 / 3 = 700
				biceps:  {biceps, 80, 600, 1400, 1620, 2520, "below"},   // 600 × 7 / 3 = 1400
				quads:   {quads, 100, 900, 2100, 1800, 2700, "optimal"}, // 900 × 7 / 3 = 2100
			}, map[string]int{"above": 1, "below": 2, "optimal": 1, "missing": 42}),
		},
		{
			// Old: 1 day, quads 500 → 500 × 7 / 1 = 3500 > 2700.
			Name: "a one-day split is scaled to the week", Method: http.MethodGet, URL: "/api/splits/" + id("old") + "/analysis",
			Headers: testapp.Auth("alice"), ExpectedStatus: 200, TestAppFactory: seeded,
			ExpectedContent: []string{`"number_of_days":1`},
			AfterTestFunc: check(map[string]row{
				quads: {quads, 100, 500, 3500, 1800, 2700, "above"},
			}, map[string]int{"above": 1, "missing": 45}),
		},
		{
			Name: "bob's priorities are his own: quads at 80 for his split", Method: http.MethodGet,
			URL: "/api/splits/" + id("bobsplit") + "/analysis", Headers: testapp.Auth("bob"), ExpectedStatus: 200, TestAppFactory: seeded,
			ExpectedContent: []string{`"split_name":"Bob"`},
			// chest 2000 × 7 / 1 = 14000 > 2520
			AfterTestFunc: check(map[string]row{chest: {chest, 80, 2000, 14000, 1620, 2520, "above"}}, map[string]int{"above": 1, "missing": 45}),
		},
		{
			Name: "someone else's split is a 404", Method: http.MethodGet, URL: "/api/splits/" + id("ppl") + "/analysis",
			Headers: testapp.Auth("bob"), ExpectedStatus: 404, TestAppFactory: seeded, ExpectedContent: []string{`"status":404`},
			NotExpectedContent: []string{`"PPL"`},
		},
		{
			Name: "an admin gets a 404 too: the analysis is of the caller's own splits", Method: http.MethodGet,
			URL: "/api/splits/" + id("ppl") + "/analysis", Headers: testapp.Auth("carol"), ExpectedStatus: 404, TestAppFactory: seeded,
			ExpectedContent: []string{`"status":404`},
		},
		{
			Name: "unknown split is a 404", Method: http.MethodGet, URL: "/api/splits/nope/analysis",
			Headers: testapp.Auth("alice"), ExpectedStatus: 404, TestAppFactory: seeded, ExpectedContent: []string{`"status":404`},
		},
		{
			Name: "no token is a 401", Method: http.MethodGet, URL: "/api/splits/" + id("ppl") + "/analysis",
			ExpectedStatus: 401, TestAppFactory: seeded, ExpectedContent: []string{`"status":401`},
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}
