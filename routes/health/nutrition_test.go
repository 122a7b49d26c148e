package health_test

import (
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"trackbase/internal/testapp"
	"trackbase/registry"
)

// nutritionDays: alice (UTC) eats oats (200 kcal, 10 g P, 30 g C, 5 g F,
// $0.50) ×2 on 03-01 and ×1 on 03-03; goals created 03-02 10:00 (2000 kcal)
// and 03-03 12:00 (1800 kcal). Bob eats ×3 on 03-02 05:00Z, which is 03-01
// 21:00 in Los Angeles.
func nutritionDays(f fixture) {
	oats := f.food(id("oats"), "", "Oats", 200, 10, 30, 5, 0.5)
	f.eat("alice", oats, 2, utc("2026-03-01 08:00"))
	f.eat("alice", oats, 1, utc("2026-03-03 12:00"))
	f.eat("bob", oats, 3, utc("2026-03-02 05:00"))
	f.goal("alice", utc("2026-03-02 10:00"), map[string]any{"calories_goal": 2000})
	f.goal("alice", utc("2026-03-03 12:00"), map[string]any{"calories_goal": 1800})
}

type nutritionBody struct {
	Days []struct {
		Date       string              `json:"date"`
		Entries    int                 `json:"entries"`
		Totals     map[string]float64  `json:"totals"`
		MacroSplit *macroSplit         `json:"macro_split"`
		Goal       *map[string]float64 `json:"goal"`
	} `json:"days"`
	Units map[string]string `json:"units"`
}

func TestNutritionDaily(t *testing.T) {
	scenarios := []tests.ApiScenario{
		{
			Name: "no token", Method: http.MethodGet, URL: "/api/nutrition/daily?from=2026-03-01&to=2026-03-03",
			ExpectedStatus: 401, ExpectedContent: []string{`"data":{}`}, TestAppFactory: app(nutritionDays),
		},
		{
			Name: "three days, both ends included", Method: http.MethodGet, URL: "/api/nutrition/daily?from=2026-03-01&to=2026-03-03",
			Headers: withAuth("alice"), ExpectedStatus: 200, ExpectedContent: []string{`"from":"2026-03-01"`},
			TestAppFactory: app(nutritionDays),
			AfterTestFunc: func(t testing.TB, _ *tests.TestApp, res *http.Response) {
				var b nutritionBody
				testapp.DecodeData(t, res, &b)
				if len(b.Days) != 3 {
					t.Fatalf("%d days, want 3", len(b.Days))
				}
				d1, d2, d3 := b.Days[0], b.Days[1], b.Days[2]
				// 03-01: 2 servings = 400 kcal, 20 g P, 60 g C, 10 g F, $1; no goal yet;
				// split 80/400 = 20 %, 240/400 = 60 %, 90/400 = 22.5 %.
				if d1.Date != "2026-03-01" || d1.Entries != 1 || d1.Totals["calories"] != 400 || d1.Totals["protein"] != 20 ||
					d1.Totals["cost"] != 1 || d1.Goal != nil || d1.MacroSplit == nil || *d1.MacroSplit != (macroSplit{20, 60, 22.5}) {
					t.Errorf("day 1 %+v", d1)
				}
				// 03-02: nothing eaten (bob's log is not hers), goal 2000 in force.
				if d2.Date != "2026-03-02" || d2.Entries != 0 || d2.Totals["calories"] != 0 || d2.MacroSplit != nil ||
					d2.Goal == nil || (*d2.Goal)["calories"] != 2000 {
					t.Errorf("day 2 %+v", d2)
				}
				// 03-03: 200 kcal; the goal created that day is the one in force.
				if d3.Date != "2026-03-03" || d3.Totals["calories"] != 200 || d3.Goal == nil || (*d3.Goal)["calories"] != 1800 {
					t.Errorf("day 3 %+v", d3)
				}
				if b.Units["calories"] != "kcal" || b.Units["vitamin_d"] != "µg" || len(d1.Totals) != len(registry.Nutrients)+2 { // + calories and cost
					t.Errorf("units %v, %d totals", b.Units, len(d1.Totals))
				}
			},
		},
		{
			Name: "late evening log west of UTC", Method: http.MethodGet, URL: "/api/nutrition/daily?from=2026-03-01&to=2026-03-02",
			Headers: withAuth("bob"), ExpectedStatus: 200, TestAppFactory: app(nutritionDays),
			ExpectedContent: []string{`"date":"2026-03-01","entries":1`, `"date":"2026-03-02","entries":0`},
		},
		{
			Name: "from after to", Method: http.MethodGet, URL: "/api/nutrition/daily?from=2026-03-05&to=2026-03-01",
			Headers: withAuth("alice"), ExpectedStatus: 400, ExpectedContent: []string{`"from":{`}, TestAppFactory: app(nutritionDays),
		},
		{
			Name: "range over 366 days", Method: http.MethodGet, URL: "/api/nutrition/daily?from=2025-01-01&to=2026-03-01",
			Headers: withAuth("alice"), ExpectedStatus: 400, ExpectedContent: []string{`"from":{`}, TestAppFactory: app(nutritionDays),
		},
		{
			Name: "bad date", Method: http.MethodGet, URL: "/api/nutrition/daily?from=2026-03-01&to=03/05/2026",
			Headers: withAuth("alice"), ExpectedStatus: 400, ExpectedContent: []string{`"to":{`}, TestAppFactory: app(nutritionDays),
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}
