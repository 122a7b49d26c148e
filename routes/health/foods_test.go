package health_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/tests"

	"trackbase/internal/testapp"
)

func hoursAgo(h int) time.Time { return time.Now().UTC().Add(-time.Duration(h) * time.Hour) }

// recentMeals: alice logs oats 3 times (30, 20 and 2 hours ago, the last
// 1.5 servings), rice 10 hours ago, bread 40 days ago and her private shake
// 5 hours ago; bob logs his private bar.
func recentMeals(f fixture) {
	oats := f.food(id("oats"), "", "Oats", 200, 10, 30, 5, 0.5)
	rice := f.food(id("rice"), "", "Rice", 130, 3, 28, 0, 0.2)
	bread := f.food(id("bread"), "", "Bread", 80, 3, 15, 1, 0.1)
	shake := f.food(id("shake"), "alice", "Shake", 250, 30, 10, 5, 2)
	bar := f.food(id("bar"), "bob", "Bar", 220, 20, 25, 7, 1.5)
	f.eat("alice", oats, 1, hoursAgo(30))
	f.eat("alice", oats, 2, hoursAgo(20))
	f.eat("alice", oats, 1.5, hoursAgo(2))
	f.eat("alice", rice, 1, hoursAgo(10))
	f.eat("alice", shake, 1, hoursAgo(5))
	f.eat("alice", bread, 1, hoursAgo(40*24))
	f.eat("bob", bar, 1, hoursAgo(1))
}

type recentBody struct {
	Foods []struct {
		ID           string  `json:"id"`
		TimesLogged  int     `json:"times_logged"`
		LastServings float64 `json:"last_servings"`
	} `json:"foods"`
}

func TestRecentFoods(t *testing.T) {
	expect := func(want ...string) func(testing.TB, *tests.TestApp, *http.Response) {
		return func(t testing.TB, _ *tests.TestApp, res *http.Response) {
			var b recentBody
			testapp.DecodeData(t, res, &b)
			var got []string
			for _, f := range b.Foods {
				got = append(got, f.ID)
			}
			if sprint(got) != sprint(want) {
				t.Errorf("foods %v, want %v", got, want)
			}
			if len(b.Foods) > 0 && (b.Foods[0].TimesLogged != 3 || b.Foods[0].LastServings != 1.5) {
				t.Errorf("oats %+v, want 3 logs, last 1.5 servings", b.Foods[0])
			}
		}
	}
	scenarios := []tests.ApiScenario{
		{
			Name: "no token", Method: http.MethodGet, URL: "/api/foods/recent",
			ExpectedStatus: 401, ExpectedContent: []string{`"data":{}`}, TestAppFactory: app(recentMeals),
		},
		{
			Name: "last 30 days, newest first", Method: http.MethodGet, URL: "/api/foods/recent", Headers: withAuth("alice"),
			ExpectedStatus: 200, ExpectedContent: []string{`"days":30`}, NotExpectedContent: []string{id("bar")},
			TestAppFactory: app(recentMeals),
			AfterTestFunc:  expect(id("oats"), id("shake"), id("rice")),
		},
		{
			Name: "a longer window finds older foods", Method: http.MethodGet, URL: "/api/foods/recent?days=60", Headers: withAuth("alice"),
			ExpectedStatus: 200, ExpectedContent: []string{`"days":60`},
			TestAppFactory: app(recentMeals),
			AfterTestFunc:  expect(id("oats"), id("shake"), id("rice"), id("bread")),
		},
		{
			Name: "bad days", Method: http.MethodGet, URL: "/api/foods/recent?days=abc", Headers: withAuth("alice"),
			ExpectedStatus: 400, ExpectedContent: []string{`"days":{`}, TestAppFactory: app(recentMeals),
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

type statsBody struct {
	TimesLogged   int     `json:"times_logged"`
	TotalServings float64 `json:"total_servings"`
	LastLogged    *string `json:"last_logged"`
	PerDay        []struct {
		Date  string `json:"date"`
		Count int    `json:"count"`
	} `json:"per_day"`
	PerHour []struct {
		Hour  int `json:"hour"`
		Count int `json:"count"`
	} `json:"per_hour"`
}

func TestFoodStats(t *testing.T) {
	la, _ := time.LoadLocation("America/Los_Angeles")
	y, m, d := time.Now().In(la).Date()
	yesterday := time.Date(y, m, d-1, 22, 30, 0, 0, la) // the next day in UTC
	twoDaysAgo := time.Date(y, m, d-2, 7, 15, 0, 0, la)
	bobsOats := func(f fixture) {
		recentMeals(f)
		f.eat("bob", id("oats"), 2, yesterday)
		f.eat("bob", id("oats"), 1, twoDaysAgo)
	}
	scenarios := []tests.ApiScenario{
		{
			Name: "no token", Method: http.MethodGet, URL: "/api/foods/" + id("oats") + "/stats",
			ExpectedStatus: 401, ExpectedContent: []string{`"data":{}`}, TestAppFactory: app(recentMeals),
		},
		{
			Name: "someone else's private food is not found", Method: http.MethodGet, URL: "/api/foods/" + id("bar") + "/stats",
			Headers: withAuth("alice"), ExpectedStatus: 404, ExpectedContent: []string{`"data":{}`}, TestAppFactory: app(recentMeals),
		},
		{
			Name: "unknown food", Method: http.MethodGet, URL: "/api/foods/" + id("nothing") + "/stats",
			Headers: withAuth("alice"), ExpectedStatus: 404, ExpectedContent: []string{`"data":{}`}, TestAppFactory: app(recentMeals),
		},
		{
			Name: "own private food", Method: http.MethodGet, URL: "/api/foods/" + id("shake") + "/stats",
			Headers: withAuth("alice"), ExpectedStatus: 200, ExpectedContent: []string{`"times_logged":1`, `"food_name":"Shake"`},
			TestAppFactory: app(recentMeals),
		},
		{
			// Only bob's two logs count, on the Los Angeles days and hours.
			Name: "per local day and hour", Method: http.MethodGet, URL: "/api/foods/" + id("oats") + "/stats?days=7",
			Headers: withAuth("bob"), ExpectedStatus: 200, ExpectedContent: []string{`"days":7`, `"timezone":"America/Los_Angeles"`},
			TestAppFactory: app(bobsOats),
			AfterTestFunc: func(t testing.TB, _ *tests.TestApp, res *http.Response) {
				var b statsBody
				testapp.DecodeData(t, res, &b)
				if b.TimesLogged != 2 || b.TotalServings != 3 || b.LastLogged == nil || len(b.PerDay) != 7 || len(b.PerHour) != 24 {
					t.Fatalf("stats %+v", b)
				}
				counts := map[string]int{}
				for _, p := range b.PerDay {
					counts[p.Date] = p.Count
				}
				if counts[yesterday.Format("2006-01-02")] != 1 || counts[twoDaysAgo.Format("2006-01-02")] != 1 {
					t.Errorf("per day %v", b.PerDay)
				}
				if b.PerHour[22].Count != 1 || b.PerHour[7].Count != 1 {
					t.Errorf("per hour %v", b.PerHour)
				}
			},
		},
		{
			Name: "bad days", Method: http.MethodGet, URL: "/api/foods/" + id("oats") + "/stats?days=0",
			Headers: withAuth("alice"), ExpectedStatus: 400, ExpectedContent: []string{`"days":{`}, TestAppFactory: app(recentMeals),
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}
