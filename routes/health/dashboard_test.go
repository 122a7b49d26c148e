package health_test

import (
	"net/http"
	"slices"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"trackbase/collections"
	"trackbase/internal/testapp"
	"trackbase/registry"
)

const chest = "Pectoralis Major (Middle)"

// dashboardDay is alice's (UTC) 2026-03-10:
//
//	goal (created 03-09): 2500 kcal, protein 150 g, potassium 4700 mg, cost 20
//	oats 200 kcal, 10 g protein, 30 g carbs, 5 g fat, 145 mg potassium, $0.50 per serving:
//	  2 servings 08:00, 1 serving 23:30 → 600 kcal, 30 g P, 90 g C, 15 g F, 435 mg K, $1.50
//	  1 serving 03-11 00:30 (the next day); bob's 5 servings the same day
//	cardio 300 kcal; 10000 steps; weight 200 lb on 03-09, 100 kg on 03-12 (after)
//	sleep dated 03-10; split "Full" from 03-01 targeting chest 100;
//	two bench sets (chest 50) → done 100
func dashboardDay(f fixture) {
	alice := testapp.ID("alice")
	f.profile("alice", map[string]any{"height_cm": 180})
	f.goal("alice", utc("2026-03-09 08:00"), map[string]any{"calories_goal": 2500, "protein_goal": 150, "potassium_goal": 4700, "cost_goal": 20})
	oats := f.food(id("oats"), "", "Oats", 200, 10, 30, 5, 0.5)
	f.set(collections.Foods, oats, map[string]any{"potassium": 145})
	f.eat("alice", oats, 2, utc("2026-03-10 08:00"))
	f.eat("alice", oats, 1, utc("2026-03-10 23:30"))
	f.eat("alice", oats, 1, utc("2026-03-11 00:30"))
	f.eat("bob", oats, 5, utc("2026-03-10 12:00"))
	f.save(collections.CardioLogs, map[string]any{"user": alice, "cardio_type": "Running", "duration": 30, "calories_burned": 300, "date_time": utc("2026-03-10 18:00")})
	f.save(collections.StepsLogs, map[string]any{"user": alice, "steps": 10000, "date_time": utc("2026-03-10 20:00")})
	f.weight("alice", 200, "lb", utc("2026-03-09 07:00"))
	f.weight("alice", 100, "kg", utc("2026-03-12 07:00"))
	f.save(collections.SleepLogs, map[string]any{"user": alice, "date": "2026-03-10", "time_went_to_bed": "23:00", "time_got_out_of_bed": "07:00"})

	muscle, err := f.app.FindFirstRecordByData(collections.Muscles, "muscle_name", chest)
	if err != nil {
		f.t.Fatal(err)
	}
	f.save(collections.Splits, map[string]any{"id": id("full"), "user": alice, "split_name": "Full", "start_date": "2026-03-01"})
	f.save(collections.SplitDays, map[string]any{"id": id("fullday"), "split": id("full"), "day_name": "Full", "day_order": 1})
	f.save(collections.SplitDayTargets, map[string]any{"split_day": id("fullday"), "muscle": muscle.Id, "target_activation": 100})
	f.save(collections.Workouts, map[string]any{"id": id("bench"), "user": alice, "workout_name": "Bench", "type": "barbell"})
	f.save(collections.WorkoutMuscles, map[string]any{"workout": id("bench"), "muscle": muscle.Id, "activation_rating": 50})
	for _, at := range []string{"2026-03-10 17:00", "2026-03-10 17:05"} {
		f.save(collections.WorkoutLogs, map[string]any{"user": alice, "workout": id("bench"), "weight": 60, "weight_unit": "kg", "reps": 8, "date_time": utc(at)})
	}
}

type dashboardBody struct {
	Date             string             `json:"date"`
	Goals            map[string]float64 `json:"goals"`
	Consumed         map[string]float64 `json:"consumed"`
	Remaining        map[string]float64 `json:"remaining"`
	MacroSplit       *macroSplit        `json:"macro_split"`
	Entries          int                `json:"entries"`
	CardioKcal       float64            `json:"cardio_kcal"`
	Steps            float64            `json:"steps"`
	StepsKcal        *float64           `json:"steps_kcal_estimate"`
	CalorieRemaining *float64           `json:"calorie_remaining"`
	Split            struct {
		Day *struct {
			Name string `json:"day_name"`
		} `json:"day"`
		Muscles []struct {
			Name   string  `json:"muscle_name"`
			Target float64 `json:"target"`
			Done   float64 `json:"done"`
		} `json:"muscles"`
	} `json:"split"`
	NotLogged []struct {
		ID string `json:"id"`
	} `json:"trackers_not_logged"`
	Units map[string]string `json:"units"`
}

func TestDashboard(t *testing.T) {
	scenarios := []tests.ApiScenario{
		{
			Name: "no token", Method: http.MethodGet, URL: "/api/dashboard?date=2026-03-10",
			ExpectedStatus: 401, ExpectedContent: []string{`"data":{}`}, TestAppFactory: app(dashboardDay),
		},
		{
			Name: "bad date", Method: http.MethodGet, URL: "/api/dashboard?date=2026-02-30", Headers: withAuth("alice"),
			ExpectedStatus: 400, ExpectedContent: []string{`"date":{`}, TestAppFactory: app(dashboardDay),
		},
		{
			Name: "a full day", Method: http.MethodGet, URL: "/api/dashboard?date=2026-03-10", Headers: withAuth("alice"),
			ExpectedStatus: 200, ExpectedContent: []string{`"date":"2026-03-10"`},
			TestAppFactory: app(dashboardDay),
			AfterTestFunc: func(t testing.TB, _ *tests.TestApp, res *http.Response) {
				var d dashboardBody
				testapp.DecodeData(t, res, &d)
				// 3 servings of oats; bob's 5 and the 03-11 serving are not counted.
				if d.Consumed["calories"] != 600 || d.Consumed["protein"] != 30 || d.Consumed["carbohydrates"] != 90 ||
					d.Consumed["fat"] != 15 || d.Consumed["potassium"] != 435 || d.Consumed["cost"] != 1.5 || d.Entries != 2 {
					t.Errorf("consumed %v, entries %d", d.Consumed, d.Entries)
				}
				if d.Goals["calories"] != 2500 || d.Remaining["protein"] != 120 || d.Remaining["cost"] != 18.5 || d.Remaining["calories"] != 1900 ||
					d.Remaining["potassium"] != 4265 {
					t.Errorf("goals %v remaining %v", d.Goals, d.Remaining)
				}
				// protein 30·4/600 = 20 %, carbs 90·4/600 = 60 %, fat 15·9/600 = 22.5 %
				if d.MacroSplit == nil || *d.MacroSplit != (macroSplit{20, 60, 22.5}) {
					t.Errorf("macro split %v", d.MacroSplit)
				}
				// steps: 10000 × 1.8 m × 0.414 = 7.452 km × 90.72 kg (200 lb, the weight
				// before the day ends) × 0.7 = 473.2 kcal; 2500 − 600 + 300 + 473.2 = 2673.2.
				if d.CardioKcal != 300 || d.Steps != 10000 || d.StepsKcal == nil || *d.StepsKcal != 473.2 ||
					d.CalorieRemaining == nil || *d.CalorieRemaining != 2673.2 {
					t.Errorf("cardio %v steps %v steps kcal %v calorie remaining %v", d.CardioKcal, d.Steps, d.StepsKcal, d.CalorieRemaining)
				}
				if d.Split.Day == nil || d.Split.Day.Name != "Full" || len(d.Split.Muscles) != 1 ||
					d.Split.Muscles[0].Name != chest || d.Split.Muscles[0].Target != 100 || d.Split.Muscles[0].Done != 100 {
					t.Errorf("split %+v", d.Split)
				}
				var ids []string
				for _, n := range d.NotLogged {
					ids = append(ids, n.ID)
				}
				var want []string // every tracker but the five the day has rows of
				for _, tr := range registry.Trackers {
					if !slices.Contains([]string{"steps", "cardio", "sleep", "food", "workout"}, tr.ID) {
						want = append(want, tr.ID)
					}
				}
				if sprint(ids) != sprint(want) {
					t.Errorf("not logged %v, want %v", ids, want)
				}
				if d.Units["calories"] != "kcal" || d.Units["sodium"] != "mg" || d.Units["potassium"] != "mg" {
					t.Errorf("units %v", d.Units)
				}
			},
		},
		{
			Name: "a day without anything", Method: http.MethodGet, URL: "/api/dashboard?date=2026-02-01", Headers: withAuth("alice"),
			ExpectedStatus: 200,
			ExpectedContent: []string{`"goals":{}`, `"calorie_remaining":null`, `"steps_kcal_estimate":null`, `"macro_split":null`,
				`"split":{"date":"2026-02-01","split":null,"day":null`, `{"id":"food","label":"Food"}`},
			TestAppFactory: app(dashboardDay),
		},
		{
			// Auckland is UTC+13 in March: 03-09 11:30Z and 03-10 10:30Z are 03-10
			// 00:30 and 23:30 there (2 servings, 400 kcal); 03-10 11:30Z is 03-11.
			Name: "far east of UTC", Method: http.MethodGet, URL: "/api/dashboard?date=2026-03-10", Headers: withAuth("alice"),
			ExpectedStatus: 200, ExpectedContent: []string{`"timezone":"Pacific/Auckland"`, `"entries":2`},
			TestAppFactory: app(func(f fixture) {
				f.profile("alice", map[string]any{"timezone": "Pacific/Auckland"})
				oats := f.food(id("oats"), "", "Oats", 200, 10, 30, 5, 0.5)
				f.eat("alice", oats, 1, utc("2026-03-09 11:30"))
				f.eat("alice", oats, 1, utc("2026-03-10 10:30"))
				f.eat("alice", oats, 4, utc("2026-03-10 11:30"))
			}),
			AfterTestFunc: func(t testing.TB, _ *tests.TestApp, res *http.Response) {
				var d dashboardBody
				testapp.DecodeData(t, res, &d)
				if d.Consumed["calories"] != 400 {
					t.Errorf("consumed %v kcal, want 400", d.Consumed["calories"])
				}
			},
		},
		{
			// Los Angeles is UTC−7 after 03-08: 03-11 05:30Z is 03-10 22:30 there.
			Name: "late evening west of UTC", Method: http.MethodGet, URL: "/api/dashboard?date=2026-03-10", Headers: withAuth("bob"),
			ExpectedStatus: 200, ExpectedContent: []string{`"timezone":"America/Los_Angeles"`, `"entries":1`},
			TestAppFactory: app(func(f fixture) {
				oats := f.food(id("oats"), "", "Oats", 200, 10, 30, 5, 0.5)
				f.eat("bob", oats, 3, utc("2026-03-11 05:30"))
				f.eat("bob", oats, 1, utc("2026-03-10 06:30")) // 03-09 23:30 in LA
			}),
			AfterTestFunc: func(t testing.TB, _ *tests.TestApp, res *http.Response) {
				var d dashboardBody
				testapp.DecodeData(t, res, &d)
				if d.Consumed["calories"] != 600 {
					t.Errorf("consumed %v kcal, want 600", d.Consumed["calories"])
				}
			},
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}
