package workouts_test

import (
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"trackbase/internal/testapp"
	"trackbase/plans"
)

// byName indexes a day's muscles by muscle name.
func byName(d plans.DayActivation) map[string]plans.MuscleActivation {
	m := map[string]plans.MuscleActivation{}
	for _, a := range d.Muscles {
		m[a.MuscleName] = a
	}
	return m
}

type wantDay struct {
	date, split, day string // "" = null
	target, done     float64
	pct              float64 // -1 = null
	muscles          map[string][3]float64
}

func checkDays(t testing.TB, got []plans.DayActivation, want []wantDay) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d days, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		split, day := "", ""
		if g.Split != nil {
			split = g.Split.Name
		}
		if g.Day != nil {
			day = g.Day.Name
		}
		pct := -1.0
		if g.Percentage != nil {
			pct = *g.Percentage
		}
		if g.Date != w.date || split != w.split || day != w.day || !near(g.TargetTotal, w.target) ||
			!near(g.DoneTotal, w.done) || !near(pct, w.pct) {
			t.Errorf("day %d = %s %q/%q target %v done %v pct %v; want %+v", i, g.Date, split, day, g.TargetTotal, g.DoneTotal, pct, w)
		}
		muscles := byName(g)
		if w.muscles != nil && len(muscles) != len(w.muscles) {
			t.Errorf("%s: muscles %+v, want %v", g.Date, g.Muscles, w.muscles)
		}
		for name, tdr := range w.muscles {
			m := muscles[name]
			if !near(m.Target, tdr[0]) || !near(m.Done, tdr[1]) || !near(m.Remaining, tdr[2]) {
				t.Errorf("%s %s: target/done/remaining %v/%v/%v, want %v", g.Date, name, m.Target, m.Done, m.Remaining, tdr)
			}
		}
	}
}

func TestActivation(t *testing.T) {
	url := "/api/analytics/activation"
	scenarios := []tests.ApiScenario{
		{
			Name:            "alice's days: active split day targets vs activation done",
			Method:          http.MethodGet,
			URL:             url + "?from=2025-12-31&to=2026-01-06",
			Headers:         testapp.Auth("alice"),
			ExpectedStatus:  200,
			ExpectedContent: []string{`"from":"2025-12-31"`, `"to":"2026-01-06"`},
			TestAppFactory:  seeded,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				var data struct{ Days []plans.DayActivation }
				testapp.DecodeData(t, res, &data)
				checkDays(t, data.Days, []wantDay{
					// Old (2025-06-01, one day) is the latest started split until PPL starts.
					{"2025-12-31", "Old", "Full", 500, 0, 0, map[string][3]float64{quads: {500, 0, 500}}},
					// PPL from 2026-01-01: day index = days since start mod 3.
					{"2026-01-01", "PPL", "Push", 1500, 0, 0, nil},
					{"2026-01-02", "PPL", "Pull", 600, 0, 0, nil},
					{"2026-01-03", "PPL", "Legs", 900, 0, 0, nil},
					// 3 mod 3 = 0 → Push. Two bench sets: chest 2 × 90 = 180, triceps 2 × 60 = 120;
					// one curl: biceps 80 (not targeted). Done 380 of 1500 → 25.33 %.
					{"2026-01-04", "PPL", "Push", 1500, 380, 25.33, map[string][3]float64{
						chest: {1200, 180, 1020}, triceps: {300, 120, 180}, biceps: {0, 80, 0}}},
					// bob's squat that evening in Los Angeles is his, not alice's.
					{"2026-01-05", "PPL", "Pull", 600, 0, 0, map[string][3]float64{biceps: {600, 0, 600}}},
					// 5 mod 3 = 2 → Legs. Bench ×2: chest 180, triceps 120; bob's public squat
					// logged by alice: quads 100. Done 400 of 900 → 44.44 %.
					{"2026-01-06", "PPL", "Legs", 900, 400, 44.44, map[string][3]float64{
						quads: {900, 100, 800}, chest: {0, 180, 0}, triceps: {0, 120, 0}}},
				})
			},
		},
		{
			Name:            "a split starting later is not active before its start date",
			Method:          http.MethodGet,
			URL:             url + "?from=2026-05-31&to=2026-06-01",
			Headers:         testapp.Auth("alice"),
			ExpectedStatus:  200,
			TestAppFactory:  seeded,
			ExpectedContent: []string{`"split_name":"PPL"`, `"split_name":"Future"`},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				var data struct{ Days []plans.DayActivation }
				testapp.DecodeData(t, res, &data)
				// 2026-05-31 is 150 days after 2026-01-01; 150 mod 3 = 0 → Push.
				checkDays(t, data.Days, []wantDay{
					{"2026-05-31", "PPL", "Push", 1500, 0, 0, nil},
					{"2026-06-01", "Future", "Future", 100, 0, 0, nil},
				})
			},
		},
		{
			Name:            "before any split: no split, no day, no target",
			Method:          http.MethodGet,
			URL:             url + "?from=2025-01-01&to=2025-01-01",
			Headers:         testapp.Auth("alice"),
			ExpectedStatus:  200,
			TestAppFactory:  seeded,
			ExpectedContent: []string{`"split":null`, `"day":null`, `"percentage":null`, `"muscles":[]`},
		},
		{
			Name:            "bob's days are Los Angeles days: his 05:00 UTC squat counts on the 5th",
			Method:          http.MethodGet,
			URL:             url + "?from=2026-01-05&to=2026-01-06",
			Headers:         testapp.Auth("bob"),
			ExpectedStatus:  200,
			TestAppFactory:  seeded,
			ExpectedContent: []string{`"from":"2026-01-05"`, `"to":"2026-01-06"`},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				var data struct{ Days []plans.DayActivation }
				testapp.DecodeData(t, res, &data)
				// one-day split: every day is Only (chest 2000). 140 kg squat: quads 100 → 5 %.
				checkDays(t, data.Days, []wantDay{
					{"2026-01-05", "Bob", "Only", 2000, 100, 5, map[string][3]float64{chest: {2000, 0, 2000}, quads: {0, 100, 0}}},
					{"2026-01-06", "Bob", "Only", 2000, 0, 0, nil},
				})
			},
		},
		{
			Name:            "a guest reads their own (empty) days",
			Method:          http.MethodGet,
			URL:             url + "?from=2026-01-04&to=2026-01-04",
			Headers:         testapp.Auth("gus"),
			ExpectedStatus:  200,
			TestAppFactory:  seeded,
			ExpectedContent: []string{`"done_total":0`, `"split":null`},
		},
		{
			Name: "bad date is a 400 naming the parameter", Method: http.MethodGet, URL: url + "?from=2026-13-01",
			Headers: testapp.Auth("alice"), ExpectedStatus: 400, TestAppFactory: seeded,
			ExpectedContent: []string{`"from"`},
		},
		{
			Name: "from after to is a 400", Method: http.MethodGet, URL: url + "?from=2026-01-06&to=2026-01-05",
			Headers: testapp.Auth("alice"), ExpectedStatus: 400, TestAppFactory: seeded,
			ExpectedContent: []string{`"from"`},
		},
		{
			Name: "a range over five years is a 400", Method: http.MethodGet, URL: url + "?from=2015-01-01&to=2026-01-05",
			Headers: testapp.Auth("alice"), ExpectedStatus: 400, TestAppFactory: seeded,
			ExpectedContent: []string{`"from"`},
		},
		{
			Name: "a superuser has no days of their own: 403", Method: http.MethodGet, URL: url,
			Headers: testapp.Auth("root"), ExpectedStatus: 403, TestAppFactory: seeded,
			ExpectedContent: []string{`"status":403`},
		},
		{
			Name: "no token is a 401", Method: http.MethodGet, URL: url,
			ExpectedStatus: 401, TestAppFactory: seeded, ExpectedContent: []string{`"status":401`},
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}
