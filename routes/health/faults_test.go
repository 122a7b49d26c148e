package health_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"trackbase/collections"
	"trackbase/errortype"
	"trackbase/internal/testapp"
	"trackbase/rollups"
)

// brokenApp is app(seed...) broken by the given SQL statements.
func brokenApp(breakage []string, seed ...func(f fixture)) func(testing.TB) *tests.TestApp {
	return func(t testing.TB) *tests.TestApp {
		a := app(seed...)(t)
		for _, sql := range breakage {
			if _, err := a.DB().NewQuery(sql).Execute(); err != nil {
				t.Fatal(err)
			}
		}
		return a
	}
}

// oneFaultRow expects exactly one error_logs row: a database error of alice
// on route, whose message names the missing table.
func oneFaultRow(method, route, table string) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, a *tests.TestApp, _ *http.Response) {
		rows := testapp.ErrorRows(t, a)
		if len(rows) != 1 {
			t.Fatalf("error_logs rows: %+v, want one", rows)
		}
		r := rows[0]
		got := fmt.Sprint(r.User, " ", r.Type, " ", r.Method, " ", r.Route, " ", r.Status)
		if want := fmt.Sprint(testapp.ID("alice"), " ", errortype.Database, " ", method, " ", route, " 500"); got != want {
			t.Errorf("error_logs row %s, want %s", got, want)
		}
		if !strings.Contains(r.Message, "no such table: "+table) {
			t.Errorf("error_logs message %q does not name the missing table", r.Message)
		}
	}
}

// A database that fails is the server's fault: a custom handler returning the
// bare error and PocketBase's CRUD wrapping it in a 400 both answer 500 with
// the generic body, and write one error_logs row. The client's mistakes on
// the same routes keep their 400.
func TestDatabaseFaultsAnswer500(t *testing.T) {
	// a table dropped under a trigger: every insert into food_logs fails
	// inside the database, after the hooks' own checks passed
	const failingInsert = "CREATE TRIGGER lost BEFORE INSERT ON food_logs BEGIN SELECT * FROM lost_table; END"
	generic := []string{`"status":500`, `"message":"Something went wrong while processing your request."`, `"data":{}`}
	hidden := []string{"no such table", "SQL", "Failed to create record"}
	scenarios := []tests.ApiScenario{
		{
			Name: "dashboard with daily_rollups gone", Method: http.MethodGet, URL: "/api/dashboard", Headers: withAuth("alice"),
			TestAppFactory: brokenApp([]string{"DROP TABLE " + rollups.Collection}),
			ExpectedStatus: 500, ExpectedContent: generic, NotExpectedContent: hidden,
			AfterTestFunc: oneFaultRow("GET", "/api/dashboard", rollups.Collection),
		},
		{
			Name: "meal log whose insert fails", Method: http.MethodPost, URL: "/api/meals/" + id("breakfast") + "/log",
			Headers: withAuth("alice"), Body: strings.NewReader(`{}`),
			TestAppFactory: brokenApp([]string{failingInsert}, breakfast),
			ExpectedStatus: 500, ExpectedContent: generic, NotExpectedContent: hidden,
			AfterTestFunc: oneFaultRow("POST", "/api/meals/{id}/log", "main.lost_table"),
		},
		{
			Name: "CRUD create with weight_logs gone", Method: http.MethodPost, URL: "/api/collections/weight_logs/records",
			Headers:        withAuth("alice"),
			Body:           strings.NewReader(`{"user":"` + testapp.ID("alice") + `","weight":70,"weight_unit":"kg","date_time":"2026-03-10 08:00:00Z"}`),
			TestAppFactory: brokenApp([]string{"DROP TABLE weight_logs"}),
			ExpectedStatus: 500, ExpectedContent: generic, NotExpectedContent: hidden,
			AfterTestFunc: oneFaultRow("POST", "/api/collections/weight_logs/records", collections.WeightLogs),
		},
		{
			Name: "CRUD create with a bad value is still the client's", Method: http.MethodPost, URL: "/api/collections/weight_logs/records",
			Headers:        withAuth("alice"),
			Body:           strings.NewReader(`{"user":"` + testapp.ID("alice") + `","weight":-1,"weight_unit":"kg","date_time":"2026-03-10 08:00:00Z"}`),
			TestAppFactory: brokenApp(nil),
			ExpectedStatus: 400, ExpectedContent: []string{`"weight":{"code":`},
			AfterTestFunc: noErrorRows,
		},
		{
			Name: "meal log of an empty meal is still the client's", Method: http.MethodPost, URL: "/api/meals/" + id("empty") + "/log",
			Headers: withAuth("alice"), Body: strings.NewReader(`{}`),
			TestAppFactory: brokenApp(nil, breakfast),
			ExpectedStatus: 400, ExpectedContent: []string{`"meal":{"code":`},
			AfterTestFunc: noErrorRows,
		},
		{
			Name: "a day that is not a date is still the client's", Method: http.MethodGet, URL: "/api/dashboard?date=soon", Headers: withAuth("alice"),
			TestAppFactory: brokenApp(nil),
			ExpectedStatus: 400, ExpectedContent: []string{`"date":{"code":`},
			AfterTestFunc: noErrorRows,
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

func noErrorRows(t testing.TB, a *tests.TestApp, _ *http.Response) {
	if rows := testapp.ErrorRows(t, a); len(rows) != 0 {
		t.Errorf("error_logs rows %+v, want none", rows)
	}
}
