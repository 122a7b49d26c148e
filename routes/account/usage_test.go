package account_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/types"

	"trackbase/collections"
	"trackbase/internal/testapp"
)

// Every fixture user involved (alice, carol, root) is in UTC, so "day -N" is
// the UTC calendar day N days before today.
func dayStart(daysAgo int) time.Time {
	y, m, d := time.Now().UTC().Date()
	return time.Date(y, m, d-daysAgo, 0, 0, 0, 0, time.UTC)
}

func save(t testing.TB, app core.App, collection string, created time.Time, values map[string]any) {
	t.Helper()
	c, err := app.FindCollectionByNameOrId(collection)
	if err != nil {
		t.Fatal(err)
	}
	r := core.NewRecord(c)
	for k, v := range values {
		r.Set(k, v)
	}
	dt, _ := types.ParseDateTime(created)
	r.SetRaw("created", dt)
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}
}

func saveRequestLog(t testing.TB, app core.App, created time.Time, data map[string]any) {
	t.Helper()
	log := &core.Log{Level: 0, Message: "request", Data: data}
	log.Id = core.GenerateDefaultRandomId()
	log.Created, _ = types.ParseDateTime(created)
	data["type"] = "request"
	if err := app.AuxSave(log); err != nil {
		t.Fatal(err)
	}
}

// usageFixture: the window is ?days=7, i.e. from the start of day -6.
func usageFixture(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
	alice, bob := testapp.ID("alice"), testapp.ID("bob")
	usage := func(user, model string, prompt, completion int, cost float64, success bool, at time.Time) {
		save(t, app, collections.APIUsageLogs, at, map[string]any{
			"user": user, "request_type": "parse_meal", "model_used": model,
			"prompt_tokens": prompt, "completion_tokens": completion, "tokens_used": prompt + completion,
			"cost": cost, "success": success,
		})
	}
	usage(alice, "gpt-4o-mini", 100, 50, 0.000045, true, dayStart(0).Add(time.Second))
	usage(alice, "gpt-4o-mini", 200, 100, 0.00009, false, dayStart(2).Add(12*time.Hour))
	usage(alice, "gpt-4o", 1000, 500, 0.0075, true, dayStart(6))                   // first instant of the window
	usage(alice, "gpt-4o", 600, 399, 0.5, true, dayStart(6).Add(-time.Second))     // just before it
	usage(bob, "gpt-4o-mini", 10, 5, 0.000006, true, dayStart(1).Add(8*time.Hour)) // another user
	usage("", "", 0, 0, 0, false, dayStart(0).Add(time.Second))                    // a call without a user

	failure := func(errorType string, at time.Time) {
		save(t, app, collections.ErrorLogs, at, map[string]any{"user": alice, "error_type": errorType, "error_message": "x"})
	}
	failure("timeout", dayStart(0).Add(time.Second))
	failure("timeout", dayStart(3))
	failure("panic", dayStart(5))
	failure("panic", dayStart(8)) // outside the window

	request := func(route string, status int, ms float64, at time.Time) {
		data := map[string]any{"method": "GET", "url": route + "?x=1", "status": status, "execTime": ms}
		if route == "/api/dashboard" {
			data["meta"] = map[string]any{"route": route}
		}
		saveRequestLog(t, app, at, data)
	}
	request("/api/dashboard", 200, 10, dayStart(0).Add(time.Second))
	request("/api/dashboard", 404, 400, dayStart(1))
	request("/api/dashboard", 200, 20, dayStart(2))
	request("/api/dashboard", 500, 30, dayStart(3))
	request("/api/dashboard", 200, 9000, dayStart(7)) // outside the window
	// an older log line without the route in meta: grouped by its URL path
	request("/api/collections/foods/records", 200, 5, dayStart(4))
}

func TestUsageAnalytics(t *testing.T) {
	// alice in the window: mini 100+50 (ok) and 200+100 (failed), 4o 1000+500 (ok).
	// totals: 3 calls, 2 ok → 66.67 %; tokens 150+300+1500 = 1950;
	// cost 0.000045+0.00009+0.0075 = 0.007635.
	ownTotals := `"totals":{"calls":3,"successful":2,"prompt_tokens":1300,"completion_tokens":650,"tokens":1950,"cost_usd":0.007635,"success_rate_pct":66.67}`
	// mini: 2 calls, 1 ok, 450 tokens, 0.000135 $; 4o: 1 call, 1500 tokens, 0.0075 $
	ownModels := `"by_model":[{"model":"gpt-4o-mini","calls":2,"successful":1,"prompt_tokens":300,"completion_tokens":150,"tokens":450,"cost_usd":0.000135,"success_rate_pct":50},` +
		`{"model":"gpt-4o","calls":1,"successful":1,"prompt_tokens":1000,"completion_tokens":500,"tokens":1500,"cost_usd":0.0075,"success_rate_pct":100}]`
	ownDays := `"by_day":[{"date":"` + dayStart(6).Format("2006-01-02") + `","calls":1,"successful":1,"prompt_tokens":1000,"completion_tokens":500,"tokens":1500,"cost_usd":0.0075,"success_rate_pct":100},` +
		`{"date":"` + dayStart(2).Format("2006-01-02") + `","calls":1,"successful":0,"prompt_tokens":200,"completion_tokens":100,"tokens":300,"cost_usd":0.00009,"success_rate_pct":0},` +
		`{"date":"` + dayStart(0).Format("2006-01-02") + `","calls":1,"successful":1,"prompt_tokens":100,"completion_tokens":50,"tokens":150,"cost_usd":0.000045,"success_rate_pct":100}]`

	// everyone: alice's 3, bob's 1 (ok, 15 tokens), the user-less one (failed)
	// → 5 calls, 3 ok = 60 %, 1965 tokens, 0.007635+0.000006 = 0.007641 $.
	allTotals := `"totals":{"calls":5,"successful":3,"prompt_tokens":1310,"completion_tokens":655,"tokens":1965,"cost_usd":0.007641,"success_rate_pct":60}`
	// by calls, then username ("" before "bob")
	allUsers := `"by_user":[{"user":"` + testapp.ID("alice") + `","username":"alice","calls":3,` +
		`"successful":2,"prompt_tokens":1300,"completion_tokens":650,"tokens":1950,"cost_usd":0.007635,"success_rate_pct":66.67},` +
		`{"user":"","username":"","calls":1,"successful":0,"prompt_tokens":0,"completion_tokens":0,"tokens":0,"cost_usd":0,"success_rate_pct":0},` +
		`{"user":"` + testapp.ID("bob") + `","username":"bob","calls":1,"successful":1,"prompt_tokens":10,"completion_tokens":5,"tokens":15,"cost_usd":0.000006,"success_rate_pct":100}]`
	allErrors := `"errors_by_type":[{"error_type":"timeout","count":2},{"error_type":"panic","count":1}]`
	// /api/dashboard in the window: 10, 400, 20, 30 ms → sorted 10, 20, 30, 400;
	// p50 = rank ceil(0.5·4) = 2 → 20, p95 = rank ceil(0.95·4) = 4 → 400;
	// one 404, one 500 → error rate 1/4 = 25 %.
	allRoutes := `"routes":[{"method":"GET","route":"/api/dashboard","requests":4,"client_errors":1,"server_errors":1,"error_rate_pct":25,"p50_ms":20,"p95_ms":400},` +
		`{"method":"GET","route":"/api/collections/foods/records","requests":1,"client_errors":0,"server_errors":0,"error_rate_pct":0,"p50_ms":5,"p95_ms":5}]`

	scenarios := []tests.ApiScenario{
		{
			Name:               "a user's own usage",
			Method:             http.MethodGet,
			URL:                "/api/analytics/usage?days=7",
			Headers:            testapp.Auth("alice"),
			ExpectedStatus:     http.StatusOK,
			ExpectedContent:    []string{`"days":7`, `"timezone":"UTC"`, ownTotals, ownModels, ownDays},
			NotExpectedContent: []string{`"by_user"`, `"routes"`},
		},
		{
			Name:            "an admin sees every user's usage",
			Method:          http.MethodGet,
			URL:             "/api/analytics/usage/all?days=7",
			Headers:         testapp.Auth("carol"),
			ExpectedStatus:  http.StatusOK,
			ExpectedContent: []string{allTotals, allUsers, allErrors, allRoutes},
		},
		{
			Name:            "so does a superuser",
			Method:          http.MethodGet,
			URL:             "/api/analytics/usage/all?days=7",
			Headers:         testapp.Auth("root"),
			ExpectedStatus:  http.StatusOK,
			ExpectedContent: []string{allTotals, allUsers},
		},
		{
			Name:            "a user cannot read everyone's usage",
			Method:          http.MethodGet,
			URL:             "/api/analytics/usage/all",
			Headers:         testapp.Auth("alice"),
			ExpectedStatus:  http.StatusForbidden,
			ExpectedContent: []string{`"status":403`},
		},
		{
			Name:            "nor can a guest",
			Method:          http.MethodGet,
			URL:             "/api/analytics/usage/all",
			Headers:         testapp.Auth("gus"),
			ExpectedStatus:  http.StatusForbidden,
			ExpectedContent: []string{`"status":403`},
		},
		{
			Name:            "a user without usage gets zeros, not nulls",
			Method:          http.MethodGet,
			URL:             "/api/analytics/usage",
			Headers:         testapp.Auth("carol"),
			ExpectedStatus:  http.StatusOK,
			ExpectedContent: []string{`"days":30`, `"calls":0`, `"success_rate_pct":null`, `"by_model":[]`, `"by_day":[]`},
		},
		{
			Name:            "days out of range",
			Method:          http.MethodGet,
			URL:             "/api/analytics/usage?days=0",
			Headers:         testapp.Auth("alice"),
			ExpectedStatus:  http.StatusBadRequest,
			ExpectedContent: []string{`"days":{"code":"validation_invalid_days"`},
		},
		{
			Name:            "without a token",
			Method:          http.MethodGet,
			URL:             "/api/analytics/usage",
			ExpectedStatus:  http.StatusUnauthorized,
			ExpectedContent: []string{`"status":401`},
		},
	}
	for _, s := range scenarios {
		s.TestAppFactory = testapp.NewUnmanaged
		s.BeforeTestFunc = usageFixture
		s.Test(t)
	}
}
