package health_test

import (
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"trackbase/collections"
	"trackbase/internal/testapp"
	"trackbase/registry"
	"trackbase/routes/common"
	"trackbase/routes/health"
	"trackbase/streaks"
)

// streakDays logs for alice (UTC), in days before today: weight 0, 1, 2;
// water 1, 2; sleep (a date field) 3, 4, 5; food 0 and 10–13. Bob logs water
// every day of the last week, which is not alice's.
func streakDays(f fixture) {
	alice := testapp.ID("alice")
	for _, d := range []int{0, 1, 2} {
		f.weight("alice", 80, "kg", daysAgo(d))
	}
	for _, d := range []int{1, 2} {
		f.save(collections.WaterLogs, map[string]any{"user": alice, "amount": 500, "unit": "ml", "date_time": daysAgo(d)})
	}
	for _, d := range []int{3, 4, 5} {
		f.save(collections.SleepLogs, map[string]any{"user": alice, "date": daysAgo(d).Format("2006-01-02"),
			"time_went_to_bed": "23:00", "time_got_out_of_bed": "07:00"})
	}
	oats := f.food(id("oats"), "", "Oats", 200, 10, 30, 5, 0.5)
	for _, d := range []int{0, 10, 11, 12, 13} {
		f.eat("alice", oats, 1, daysAgo(d))
	}
	for d := 0; d < 7; d++ {
		f.save(collections.WaterLogs, map[string]any{"user": testapp.ID("bob"), "amount": 500, "unit": "ml", "date_time": daysAgo(d)})
	}
}

func TestStreaks(t *testing.T) {
	la, _ := time.LoadLocation("America/Los_Angeles")
	scenarios := []tests.ApiScenario{
		{
			Name: "no token", Method: http.MethodGet, URL: "/api/streaks",
			ExpectedStatus: 401, ExpectedContent: []string{`"data":{}`}, TestAppFactory: app(streakDays),
		},
		{
			Name: "every tracker", Method: http.MethodGet, URL: "/api/streaks", Headers: withAuth("alice"),
			ExpectedStatus: 200,
			ExpectedContent: []string{
				`"weight":{"current":3,"longest":3,"logged_today":true}`,
				// today not logged yet: the run ending yesterday still counts
				`"water":{"current":2,"longest":2,"logged_today":false}`,
				`"sleep":{"current":0,"longest":3,"logged_today":false}`,
				`"food":{"current":1,"longest":4,"logged_today":true}`,
				`"cardio":{"current":0,"longest":0,"logged_today":false}`,
				`"workout":{"current":0,"longest":0,"logged_today":false}`,
				`"health_metrics":{"current":0,"longest":0,"logged_today":false}`,
				`"today":"` + time.Now().UTC().Format("2006-01-02") + `"`,
			},
			TestAppFactory: app(streakDays),
			AfterTestFunc: func(t testing.TB, _ *tests.TestApp, res *http.Response) {
				var body map[string]any
				testapp.DecodeData(t, res, &body)
				for _, tr := range registry.Trackers {
					if _, ok := body[tr.ID]; !ok {
						t.Errorf("no streak of %s", tr.ID)
					}
				}
			},
		},
		{
			// 23:30 in Los Angeles yesterday and the day before are 06:30/07:30 UTC
			// of today and yesterday: UTC days would say "logged today".
			Name: "late evening logs west of UTC", Method: http.MethodGet, URL: "/api/streaks", Headers: withAuth("bob"),
			ExpectedStatus:  200,
			ExpectedContent: []string{`"weight":{"current":2,"longest":2,"logged_today":false}`},
			TestAppFactory: app(func(f fixture) {
				y, m, d := time.Now().In(la).Date()
				f.weight("bob", 80, "kg", time.Date(y, m, d-1, 23, 30, 0, 0, la))
				f.weight("bob", 80, "kg", time.Date(y, m, d-2, 23, 30, 0, 0, la))
			}),
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

// The cached days follow writes made through the app: a new log extends the
// streak at once, a deleted one shortens it.
func TestStreakCacheFollowsWrites(t *testing.T) {
	a := testapp.New(t)
	f := fixture{t, a}
	user, err := a.FindRecordById(collections.Users, testapp.ID("alice"))
	if err != nil {
		t.Fatal(err)
	}
	today := common.Today(time.UTC)
	weight := func() streaks.Streak {
		t.Helper()
		days, err := health.StreakDays(a, user, today)
		if err != nil {
			t.Fatal(err)
		}
		return streaks.Compute(days["weight"], today)
	}

	f.weight("alice", 80, "kg", daysAgo(2))
	if got, want := weight(), (streaks.Streak{Longest: 1}); got != want { // two days ago: broken
		t.Fatalf("before: %+v", got)
	}
	f.weight("alice", 80, "kg", daysAgo(1)) // added to the cached days
	f.weight("alice", 80, "kg", daysAgo(0))
	if got, want := weight(), (streaks.Streak{Current: 3, Longest: 3, LoggedToday: true}); got != want {
		t.Fatalf("after adding: %+v, want %+v", got, want)
	}
	yesterday, err := a.FindFirstRecordByFilter(collections.WeightLogs, "date_time = {:at}", map[string]any{"at": common.DBTime(daysAgo(1))})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Delete(yesterday); err != nil {
		t.Fatal(err)
	}
	if got, want := weight(), (streaks.Streak{Current: 1, Longest: 1, LoggedToday: true}); got != want {
		t.Fatalf("after deleting: %+v, want %+v", got, want)
	}
}

// A tracker added to the registry, with its collection, is followed by the
// dashboard and the streaks without any other change: here a mood diary with
// rows today and yesterday.
func TestAddedTrackerIsFollowed(t *testing.T) {
	mood := registry.Tracker{ID: "mood", Label: "Mood", Collection: "mood_logs", TimeField: registry.DateTime, Total: "score"}
	saved := registry.Trackers
	registry.Trackers = append(slices.Clone(saved), mood)
	t.Cleanup(func() { registry.Trackers = saved })

	withMood := app(func(f fixture) {
		users, err := f.app.FindCollectionByNameOrId(collections.Users)
		if err != nil {
			f.t.Fatal(err)
		}
		c := core.NewBaseCollection(mood.Collection)
		c.Fields.Add(&core.RelationField{Name: "user", CollectionId: users.Id, MaxSelect: 1, Required: true})
		c.Fields.Add(&core.NumberField{Name: mood.Total})
		c.Fields.Add(&core.DateField{Name: mood.TimeField, Required: true})
		c.AddIndex("idx_mood_logs_user_date_time", false, "user, date_time", "")
		if err := f.app.Save(c); err != nil {
			f.t.Fatal(err)
		}
		for _, d := range []int{0, 1} {
			f.save(mood.Collection, map[string]any{"user": testapp.ID("alice"), "score": 7, "date_time": daysAgo(d)})
		}
	})
	today := time.Now().UTC().Format("2006-01-02")
	scenarios := []tests.ApiScenario{
		{
			Name: "streaks", Method: http.MethodGet, URL: "/api/streaks", Headers: withAuth("alice"),
			ExpectedStatus:  200,
			ExpectedContent: []string{`"mood":{"current":2,"longest":2,"logged_today":true}`},
			TestAppFactory:  withMood,
		},
		{
			Name: "dashboard today: logged", Method: http.MethodGet, URL: "/api/dashboard?date=" + today, Headers: withAuth("alice"),
			ExpectedStatus:     200,
			ExpectedContent:    []string{`{"id":"weight","label":"Weight"}`},
			NotExpectedContent: []string{`"mood"`},
			TestAppFactory:     withMood,
		},
		{
			Name: "dashboard for bob: not logged", Method: http.MethodGet, URL: "/api/dashboard", Headers: withAuth("bob"),
			ExpectedStatus:  200,
			ExpectedContent: []string{`{"id":"mood","label":"Mood"}`},
			TestAppFactory:  withMood,
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}
