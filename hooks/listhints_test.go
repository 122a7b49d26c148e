package hooks_test

import (
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/types"

	"trackbase/collections"
	"trackbase/internal/testapp"
)

// The owner filter added to plain users' list requests must not change what
// they get: their own rows, combined with their own filter, and the same 400
// for a malformed filter. Admins get everyone's rows.
func TestListHintsKeepResults(t *testing.T) {
	weights := func(t testing.TB, app *tests.TestApp) {
		col, _ := app.FindCollectionByNameOrId("weight_logs")
		for _, w := range []struct {
			user string
			kg   float64
		}{{"alice", 60}, {"alice", 61}, {"alice", 70}, {"bob", 61}, {"bob", 90}} {
			r := core.NewRecord(col)
			r.Set("user", testapp.ID(w.user))
			r.Set("weight", w.kg)
			r.Set("weight_unit", "kg")
			if err := app.Save(r); err != nil {
				t.Fatal(err)
			}
		}
	}
	scenarios := []tests.ApiScenario{
		{
			Name:            "a user lists only their own rows",
			Method:          http.MethodGet,
			URL:             "/api/collections/weight_logs/records",
			Headers:         testapp.Auth("alice"),
			ExpectedStatus:  200,
			ExpectedContent: []string{`"totalItems":3`},
			ExpectedEvents:  map[string]int{"OnRecordsListRequest": 1, "OnRecordEnrich": 3},
		},
		{
			Name:            "their filter still applies, combined with the owner filter",
			Method:          http.MethodGet,
			URL:             "/api/collections/weight_logs/records?filter=" + "weight%20%3E%2060.5",
			Headers:         testapp.Auth("alice"),
			ExpectedStatus:  200,
			ExpectedContent: []string{`"totalItems":2`, `"weight":61`, `"weight":70`},
			ExpectedEvents:  map[string]int{"OnRecordsListRequest": 1, "OnRecordEnrich": 2},
		},
		{
			Name:            "a filter naming another user finds nothing",
			Method:          http.MethodGet,
			URL:             "/api/collections/weight_logs/records?filter=user%3D%22" + testapp.ID("bob") + "%22",
			Headers:         testapp.Auth("alice"),
			ExpectedStatus:  200,
			ExpectedContent: []string{`"totalItems":0`},
			ExpectedEvents:  map[string]int{"OnRecordsListRequest": 1},
		},
		{
			Name:            "a malformed filter is still a 400",
			Method:          http.MethodGet,
			URL:             "/api/collections/weight_logs/records?filter=weight%20%3E%3E",
			Headers:         testapp.Auth("alice"),
			ExpectedStatus:  400,
			ExpectedContent: []string{`"data":{}`},
			ExpectedEvents:  map[string]int{"*": 0},
		},
		{
			Name:            "an admin lists every user's rows",
			Method:          http.MethodGet,
			URL:             "/api/collections/weight_logs/records?filter=weight%20%3E%2060.5",
			Headers:         testapp.Auth("carol"),
			ExpectedStatus:  200,
			ExpectedContent: []string{`"totalItems":4`},
			ExpectedEvents:  map[string]int{"OnRecordsListRequest": 1, "OnRecordEnrich": 4},
		},
	}
	for _, s := range scenarios {
		s.TestAppFactory = testapp.NewUnmanaged
		s.BeforeTestFunc = func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) { weights(t, app) }
		s.Test(t)
	}
}

// The owner filter is added wherever the list rule shows a user only their
// own rows, a tracker no code names included, and nowhere else: not where
// public rows are listed too, not for an admin.
func TestListHintsWhereTheRuleAllows(t *testing.T) {
	app := newApp(t, moodLogs)
	t.Cleanup(app.Cleanup)
	var filter string
	app.OnRecordsListRequest().BindFunc(func(e *core.RecordsListRequestEvent) error {
		filter = e.Request.URL.Query().Get("filter")
		return e.Next()
	})
	graph, err := collections.Ownership(app)
	if err != nil {
		t.Fatal(err)
	}
	publicRows := map[string]bool{collections.Workouts: true, collections.WorkoutMuscles: true, collections.Foods: true, collections.FoodPortions: true}
	expect := func(name, user, want string) tests.ApiScenario {
		return tests.ApiScenario{
			Name: name + " as " + user, Method: http.MethodGet, URL: "/api/collections/" + name + "/records",
			Headers: testapp.Auth(user), ExpectedStatus: 200, ExpectedContent: []string{`"items":[`},
			TestAppFactory: func(testing.TB) *tests.TestApp { return app }, DisableTestAppCleanup: true,
			BeforeTestFunc: func(testing.TB, *tests.TestApp, *core.ServeEvent) { filter = "" },
			AfterTestFunc: func(t testing.TB, _ *tests.TestApp, _ *http.Response) {
				if filter != want {
					t.Errorf("filter %q, want %q", filter, want)
				}
			},
		}
	}
	var scenarios []tests.ApiScenario
	for _, name := range graph.Names() {
		want := graph[name].Path + ` = "` + testapp.ID("alice") + `"`
		if publicRows[name] {
			want = ""
		}
		scenarios = append(scenarios, expect(name, "alice", want), expect(name, "carol", ""))
	}
	if _, ok := graph["mood_logs"]; !ok {
		t.Fatal("mood_logs is not in the graph")
	}
	for _, s := range scenarios {
		s.Test(t)
	}

	// the other alternatives of a rule decide, for each caller (carol is
	// an admin, whom the rule's admin alternative shows every row)
	mood, err := app.FindCollectionByNameOrId("mood_logs")
	if err != nil {
		t.Fatal(err)
	}
	own := mood.ListRule
	hinted := func(user string) string { return `user = "` + testapp.ID(user) + `"` }
	for _, c := range []struct {
		alternative, alice, carol string
	}{
		// rows of other users, for everyone: never
		{`(@request.auth.id != "" && mood >= 8)`, "", ""},
		// an own field compared with a text (evaluated without a query)
		{`@request.auth.username = "carol"`, hinted("alice"), ""},
		{`@request.auth.username != "carol"`, "", ""},
		// through a relation, or with a bool (evaluated in SQL); no one is verified
		{`@request.auth.access_level.role_name = "admin"`, hinted("alice"), ""},
		{`@request.auth.verified = true`, hinted("alice"), ""},
		{`@request.auth.verified = false`, "", ""},
	} {
		mood.ListRule = types.Pointer(*own + ` || ` + c.alternative)
		if err := app.Save(mood); err != nil {
			t.Fatal(err)
		}
		for _, s := range []tests.ApiScenario{expect("mood_logs", "alice", c.alice), expect("mood_logs", "carol", c.carol)} {
			s.Name = c.alternative + ": " + s.Name
			s.Test(t)
		}
	}
}
