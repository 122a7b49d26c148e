package health_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/tests"

	"trackbase/collections"
	"trackbase/internal/testapp"
)

// aliceExample is the example person: male, 180 cm, 30 years,
// Moderately Active, latest weight (by date_time) 80 kg. The 90 kg log was
// inserted later but dated earlier, so it is not the latest. Bob's heavier,
// newer weight is not hers.
func aliceExample(f fixture) {
	f.male30("alice")
	f.weight("alice", 80, "kg", daysAgo(1))
	f.weight("alice", 90, "kg", daysAgo(5))
	f.weight("bob", 120, "kg", daysAgo(0))
}

func TestBodyMetrics(t *testing.T) {
	scenarios := []tests.ApiScenario{
		{
			Name: "no token", Method: http.MethodGet, URL: "/api/metrics/body",
			ExpectedStatus: 401, ExpectedContent: []string{`"data":{}`},
			TestAppFactory: app(aliceExample),
		},
		{
			// BMR 10·80 + 6.25·180 − 5·30 + 5 = 1780; TDEE 1780 × 1.55 = 2759;
			// BMI 80 / 3.24 = 24.7; Deurenberg 20.3 %; FFMI 19.7 (see bodymetrics).
			Name: "example person", Method: http.MethodGet, URL: "/api/metrics/body", Headers: withAuth("alice"),
			ExpectedStatus: 200,
			ExpectedContent: []string{`"bmr":1780`, `"tdee":2759`, `"bmi":24.7`, `"body_fat_pct":20.3`,
				`"body_fat_method":"deurenberg"`, `"ffmi":19.7`, `"current_rank":"aluminum"`, `"weight_kg":80`,
				`"age":30`, `"activity_multiplier":1.55`, `"activity_level":"Moderately Active"`, `"waist_to_height":null`,
				`"weight":{"value":80,"unit":"kg"}`, `"height":{"value":180,"unit":"cm"}`},
			TestAppFactory: app(aliceExample),
		},
		{
			// 176.37 lb = 80.0000863 kg: the same rounded figures.
			Name: "same person logged in lb", Method: http.MethodGet, URL: "/api/metrics/body", Headers: withAuth("alice"),
			ExpectedStatus:  200,
			ExpectedContent: []string{`"bmr":1780`, `"tdee":2759`, `"weight_kg":80`},
			TestAppFactory: app(func(f fixture) {
				f.male30("alice")
				f.weight("alice", 176.37, "lb", daysAgo(0))
			}),
		},
		{
			// imperial: 80 kg = 176.37 lb, 180 cm = 70.9 in; lean 63.7 kg = 140.43 lb
			// (63.736 kg unrounded is shown via the rounded 63.7 kg × 2.20462).
			Name: "imperial user gets lb and in", Method: http.MethodGet, URL: "/api/metrics/body", Headers: withAuth("alice"),
			ExpectedStatus:  200,
			ExpectedContent: []string{`"weight":{"value":176.37,"unit":"lb"}`, `"height":{"value":70.9,"unit":"in"}`, `"lean_mass":{"value":140.43,"unit":"lb"}`, `"weight_kg":80`},
			TestAppFactory:  app(aliceExample, func(f fixture) { f.profile("alice", map[string]any{"unit_preference": "imperial"}) }),
		},
		{
			// waist 35.4331 in = 90 cm: RFM 64 − 20·180/90 = 24 %, waist/height 0.5.
			Name: "waist in inches selects RFM", Method: http.MethodGet, URL: "/api/metrics/body", Headers: withAuth("alice"),
			ExpectedStatus:  200,
			ExpectedContent: []string{`"body_fat_pct":24`, `"body_fat_method":"rfm"`, `"waist_to_height":0.5`, `"waist_cm":90`},
			TestAppFactory: app(aliceExample, func(f fixture) {
				f.save(collections.BodyMeasurementLogs, map[string]any{"user": testapp.ID("alice"), "waist": 90 / 2.54, "unit": "in", "date_time": daysAgo(2)})
			}),
		},
		{
			Name: "no weight logged", Method: http.MethodGet, URL: "/api/metrics/body", Headers: withAuth("alice"),
			ExpectedStatus:     400,
			ExpectedContent:    []string{`"weight":{"code":"validation_missing_weight"`},
			NotExpectedContent: []string{`"birthday"`, `"height_cm"`},
			TestAppFactory: app(func(f fixture) {
				f.male30("alice")
				f.weight("bob", 80, "kg", daysAgo(1)) // someone else's weight does not count
			}),
		},
		{
			Name: "no birthday nor activity level", Method: http.MethodGet, URL: "/api/metrics/body", Headers: withAuth("alice"),
			ExpectedStatus:     400,
			ExpectedContent:    []string{`"birthday":{"code":"validation_missing_birthday"`, `"activity_level":{"code":"validation_missing_activity_level"`},
			NotExpectedContent: []string{`"weight":{`},
			TestAppFactory: app(func(f fixture) {
				f.profile("alice", map[string]any{"height_cm": 180})
				f.weight("alice", 80, "kg", daysAgo(1))
			}),
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

func macroBody(s string) *strings.Reader { return strings.NewReader(s) }

func TestMacroTargets(t *testing.T) {
	goalsOf := func(t testing.TB, a *tests.TestApp) int {
		return count(t, a, collections.UserGoals, "user = {:u}", map[string]any{"u": testapp.ID("alice")})
	}
	scenarios := []tests.ApiScenario{
		{
			Name: "no token", Method: http.MethodPost, URL: "/api/metrics/macros", Body: macroBody(`{"weight_goal":75,"timeframe_weeks":10}`),
			ExpectedStatus: 401, ExpectedContent: []string{`"data":{}`}, TestAppFactory: app(aliceExample),
		},
		{
			// 2759 − 0.5 kg/week × 7700 / 7 = 2209 kcal; protein 80 × 2.2 = 176 g;
			// fat 2209 × 0.25 / 9 = 61.4 g; carbs 2209 × 0.45 / 4 = 248.5 g; sodium,
			// potassium and caffeine at their daily references.
			Name: "cut 5 kg in 10 weeks", Method: http.MethodPost, URL: "/api/metrics/macros", Headers: withAuth("alice"),
			Body:           macroBody(`{"weight_goal":75,"timeframe_weeks":10}`),
			ExpectedStatus: 200,
			ExpectedContent: []string{`"calories":2209`, `"protein":176`, `"fat":61.4`, `"carbohydrates":248.5`,
				`"weekly_change_kg":-0.5`, `"tdee":2759`, `"warnings":[]`, `"saved_goal":null`, `"sodium":"mg"`,
				`"sodium":2300`, `"potassium":4700`, `"caffeine":400`, `"trans_fat":0`},
			TestAppFactory: app(aliceExample),
			AfterTestFunc: func(t testing.TB, a *tests.TestApp, _ *http.Response) {
				if n := goalsOf(t, a); n != 1 { // the row every user gets at sign-up
					t.Errorf("%d goal rows, want only the sign-up one", n)
				}
			},
		},
		{
			// 165.3467 lb = 75.0000 kg: the same targets; the weekly change shown in lb
			// for an imperial user (−0.5 kg = −1.1 lb).
			Name: "goal in lb, imperial user", Method: http.MethodPost, URL: "/api/metrics/macros", Headers: withAuth("alice"),
			Body:            macroBody(`{"weight_goal":165.3467,"timeframe_weeks":10}`),
			ExpectedStatus:  200,
			ExpectedContent: []string{`"calories":2209`, `"weight_goal":{"value":165.3467,"unit":"lb"}`, `"weekly_change":{"value":-1.1,"unit":"lb"}`, `"weight_goal_kg":75`},
			TestAppFactory:  app(aliceExample, func(f fixture) { f.profile("alice", map[string]any{"unit_preference": "imperial"}) }),
		},
		{
			// −4 kg/week: 2759 − 4400 < 1200 → 1200, fat 1200 × 0.25 / 9 = 33.3 g.
			Name: "floor before macros", Method: http.MethodPost, URL: "/api/metrics/macros", Headers: withAuth("alice"),
			Body:            macroBody(`{"weight_goal":60,"weight_goal_unit":"kg","timeframe_weeks":5}`),
			ExpectedStatus:  200,
			ExpectedContent: []string{`"calories":1200`, `"fat":33.3`, `"carbohydrates":135`, `"code":"aggressive_rate"`, `"code":"below_minimum"`},
			TestAppFactory:  app(aliceExample),
		},
		{
			Name: "save appends a goal row keeping other goals", Method: http.MethodPost, URL: "/api/metrics/macros", Headers: withAuth("alice"),
			Body:            macroBody(`{"weight_goal":75,"timeframe_weeks":10,"save":true}`),
			ExpectedStatus:  200,
			ExpectedContent: []string{`"calories":2209`, `"saved_goal":"`},
			TestAppFactory: app(aliceExample, func(f fixture) {
				// newer than the sign-up row, so the current goal
				f.goal("alice", time.Now(), map[string]any{"tokens_goal": 5000, "calories_goal": 3000})
			}),
			AfterTestFunc: func(t testing.TB, a *tests.TestApp, res *http.Response) {
				var body struct {
					SavedGoal string `json:"saved_goal"`
				}
				testapp.DecodeData(t, res, &body)
				recs, err := a.FindRecordsByFilter(collections.UserGoals, "user = {:u}", "-created", 0, 0, map[string]any{"u": testapp.ID("alice")})
				if err != nil || len(recs) != 3 {
					t.Fatalf("want 3 goal rows (sign-up, fixture, saved), got %d (%v)", len(recs), err)
				}
				g := recs[0]
				if body.SavedGoal != g.Id {
					t.Errorf("saved_goal %q, newest row %q", body.SavedGoal, g.Id)
				}
				if g.GetFloat("calories_goal") != 2209 || g.GetFloat("protein_goal") != 176 || g.GetFloat("potassium_goal") != 4700 || g.GetFloat("weight_goal") != 75 ||
					g.GetString("weight_goal_unit") != "kg" || g.GetInt("tokens_goal") != 5000 {
					t.Errorf("saved goal %v", g.FieldsData())
				}
			},
		},
		{
			Name: "guest may not save", Method: http.MethodPost, URL: "/api/metrics/macros", Headers: withAuth("gus"),
			Body:           macroBody(`{"weight_goal":75,"timeframe_weeks":10,"save":true}`),
			ExpectedStatus: 403, ExpectedContent: []string{`"data":{}`},
			TestAppFactory: app(aliceExample),
			AfterTestFunc: func(t testing.TB, a *tests.TestApp, _ *http.Response) {
				if n := count(t, a, collections.UserGoals, "user = {:u}", map[string]any{"u": testapp.ID("gus")}); n != 1 {
					t.Errorf("%d goal rows written", n)
				}
			},
		},
		{
			Name: "missing inputs named", Method: http.MethodPost, URL: "/api/metrics/macros", Headers: withAuth("alice"),
			Body:            macroBody(`{"weight_goal_unit":"stone"}`),
			ExpectedStatus:  400,
			ExpectedContent: []string{`"weight_goal":{`, `"timeframe_weeks":{`, `"weight_goal_unit":{`},
			TestAppFactory:  app(aliceExample),
		},
		{
			Name: "goal beyond any body weight", Method: http.MethodPost, URL: "/api/metrics/macros", Headers: withAuth("alice"),
			Body:           macroBody(`{"weight_goal":2000,"weight_goal_unit":"lb","timeframe_weeks":10,"save":true}`),
			ExpectedStatus: 400, ExpectedContent: []string{`"weight_goal":{`}, TestAppFactory: app(aliceExample),
		},
		{
			Name: "number as string is a 400", Method: http.MethodPost, URL: "/api/metrics/macros", Headers: withAuth("alice"),
			Body:           macroBody(`{"weight_goal":"75","timeframe_weeks":10}`),
			ExpectedStatus: 400, ExpectedContent: []string{`"status":400`},
			TestAppFactory: app(aliceExample),
		},
		{
			Name: "no weight logged", Method: http.MethodPost, URL: "/api/metrics/macros", Headers: withAuth("alice"),
			Body:            macroBody(`{"weight_goal":75,"timeframe_weeks":10}`),
			ExpectedStatus:  400,
			ExpectedContent: []string{`"weight":{"code":"validation_missing_weight"`},
			TestAppFactory:  app(func(f fixture) { f.male30("alice") }),
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

// steadyLoss logs, for each of the 28 days before today, alice's weight
// falling exactly 0.5 kg/week and 2000 kcal of food at noon UTC; bob eats
// 5000 kcal on the same days. Today's (incomplete) log of 500 kcal and a
// jump to 90 kg are outside the window.
func steadyLoss(f fixture) {
	food := f.food(id("rice"), "", "Rice", 500, 10, 100, 2, 1)
	for d := 1; d <= 28; d++ {
		f.weight("alice", 80+float64(d)/14, "kg", daysAgo(d)) // 28 days ago: 82 kg; yesterday: 80.07
		f.eat("alice", food, 4, daysAgo(d))
		f.eat("bob", food, 10, daysAgo(d))
	}
	f.eat("alice", food, 1, daysAgo(0))
	f.weight("alice", 90, "kg", daysAgo(0))
}

func TestAdaptiveTDEE(t *testing.T) {
	scenarios := []tests.ApiScenario{
		{
			Name: "no token", Method: http.MethodGet, URL: "/api/metrics/adaptive-tdee",
			ExpectedStatus: 401, ExpectedContent: []string{`"data":{}`}, TestAppFactory: app(steadyLoss),
		},
		{
			// 2000 − (−27/14 kg × 7700) / 27 days = 2000 + 550 = 2550.
			Name: "steady loss", Method: http.MethodGet, URL: "/api/metrics/adaptive-tdee", Headers: withAuth("alice"),
			ExpectedStatus: 200,
			ExpectedContent: []string{`"tdee":2550`, `"mean_intake_kcal":2000`, `"days_used":28`, `"weight_days":28`,
				`"confidence":"high"`, `"reason":null`, `"weekly_change_kg":-0.5`, `"trend_change_kg":-1.93`, `"days":28`},
			TestAppFactory: app(steadyLoss),
		},
		{
			// 14-day window: days 14 … 1 ago; still 2550, medium.
			Name: "shorter window", Method: http.MethodGet, URL: "/api/metrics/adaptive-tdee?days=14", Headers: withAuth("alice"),
			ExpectedStatus:  200,
			ExpectedContent: []string{`"tdee":2550`, `"days_used":14`, `"span_days":13`, `"confidence":"medium"`},
			TestAppFactory:  app(steadyLoss),
		},
		{
			Name: "too little data says why", Method: http.MethodGet, URL: "/api/metrics/adaptive-tdee", Headers: withAuth("bob"),
			ExpectedStatus:  200,
			ExpectedContent: []string{`"tdee":null`, `"reason":"0 days with a weight log`},
			TestAppFactory:  app(steadyLoss),
		},
		{
			Name: "days out of range", Method: http.MethodGet, URL: "/api/metrics/adaptive-tdee?days=3", Headers: withAuth("alice"),
			ExpectedStatus: 400, ExpectedContent: []string{`"days":{`}, TestAppFactory: app(steadyLoss),
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}
