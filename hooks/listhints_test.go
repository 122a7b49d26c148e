package hooks_test

import (
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

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
		s.TestAppFactory = testapp.Factory()
		s.BeforeTestFunc = func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) { weights(t, app) }
		s.Test(t)
	}
}
