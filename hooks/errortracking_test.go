package hooks_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/logger"

	"trackbase/errortype"
	"trackbase/hooks"
	"trackbase/internal/testapp"
)

// a token-shaped string that must never reach a log table
const fakeJWT = "eyJhbGciOiJIUzI1NiJ9.eyJpZCI6ImFsaWNlIn0.c2lnbmF0dXJl"

// failingRoutes binds routes that fail the ways a handler can.
func failingRoutes(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
	e.Router.GET("/api/test/panic/{id}", func(e *core.RequestEvent) error {
		panic("boom with token=" + fakeJWT)
	}).Bind(apis.RequireAuth())
	e.Router.GET("/api/test/sql", func(e *core.RequestEvent) error {
		var n int
		err := e.App.DB().NewQuery("SELECT no_such_column FROM users").Row(&n)
		return e.InternalServerError("SELECT no_such_column FROM users failed: "+err.Error(), err)
	})
	e.Router.GET("/api/test/upstream", func(e *core.RequestEvent) error {
		hooks.MarkErrorLogged(e) // the handler wrote its own typed row
		return e.Error(http.StatusServiceUnavailable, "The AI service is unavailable.", errors.New("dial tcp: refused"))
	})
	e.Router.GET("/api/test/gateway", func(e *core.RequestEvent) error {
		return e.Error(http.StatusBadGateway, "The AI service answered nonsense.", errors.New("Bearer "+fakeJWT+" rejected"))
	})
	e.Router.GET("/api/test/late-panic", func(e *core.RequestEvent) error {
		if err := e.String(http.StatusOK, "partial answer"); err != nil {
			return err
		}
		panic(errors.New("nil map write"))
	})
	e.Router.GET("/api/test/bad-input", func(e *core.RequestEvent) error {
		return e.BadRequestError("Bad input.", nil)
	})
}

type errorRow = testapp.ErrorRow

func expectErrorRows(want ...errorRow) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, app *tests.TestApp, _ *http.Response) {
		got := testapp.ErrorRows(t, app)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("error_logs rows:\n got %+v\nwant %+v", got, want)
		}
	}
}

func TestErrorTracking(t *testing.T) {
	scenarios := []tests.ApiScenario{
		{
			Name:            "a panic answers a clean 500 and writes one row",
			Method:          http.MethodGet,
			URL:             "/api/test/panic/abc123?token=" + fakeJWT,
			Headers:         testapp.Auth("alice"),
			ExpectedStatus:  http.StatusInternalServerError,
			ExpectedContent: []string{`"message":"Something went wrong while processing your request."`, `"data":{}`},
			NotExpectedContent: []string{
				"boom", "goroutine", "panic", fakeJWT,
			},
			AfterTestFunc: expectErrorRows(errorRow{
				User: testapp.ID("alice"), Type: errortype.Panic,
				Message: "panic: boom with token=[redacted]",
				Route:   "/api/test/panic/{id}", Method: "GET", Status: 500,
			}),
		},
		{
			Name:               "SQL in a 500 message stays on the server",
			Method:             http.MethodGet,
			URL:                "/api/test/sql",
			ExpectedStatus:     http.StatusInternalServerError,
			ExpectedContent:    []string{`"message":"Something went wrong while processing your request."`},
			NotExpectedContent: []string{"SELECT", "no_such_column", "SQL"},
			AfterTestFunc: expectErrorRows(errorRow{
				Type:    errortype.Database,
				Message: "SQL logic error: no such column: no_such_column (1)",
				Route:   "/api/test/sql", Method: "GET", Status: 500,
			}),
		},
		{
			Name:            "a 502 keeps its message, the row hides the token",
			Method:          http.MethodGet,
			URL:             "/api/test/gateway",
			ExpectedStatus:  http.StatusBadGateway,
			ExpectedContent: []string{`"message":"The AI service answered nonsense."`},
			AfterTestFunc: expectErrorRows(errorRow{
				Type: errortype.Upstream, Message: "Bearer [token] rejected",
				Route: "/api/test/gateway", Method: "GET", Status: 502,
			}),
		},
		{
			Name:            "a panic after the answer was sent still writes its row",
			Method:          http.MethodGet,
			URL:             "/api/test/late-panic",
			ExpectedStatus:  http.StatusOK,
			ExpectedContent: []string{"partial answer"},
			AfterTestFunc: expectErrorRows(errorRow{
				Type: errortype.Panic, Message: "panic: nil map write",
				Route: "/api/test/late-panic", Method: "GET", Status: 200,
			}),
		},
		{
			Name:            "a handler that logged its own row gets no second one",
			Method:          http.MethodGet,
			URL:             "/api/test/upstream",
			ExpectedStatus:  http.StatusServiceUnavailable,
			ExpectedContent: []string{`"message":"The AI service is unavailable."`},
			AfterTestFunc:   expectErrorRows(),
		},
		{
			Name:            "a 4xx writes no row",
			Method:          http.MethodGet,
			URL:             "/api/test/bad-input",
			ExpectedStatus:  http.StatusBadRequest,
			ExpectedContent: []string{`"message":"Bad input."`},
			AfterTestFunc:   expectErrorRows(),
		},
	}
	for _, s := range scenarios {
		s.TestAppFactory = testapp.NewUnmanaged
		s.BeforeTestFunc = failingRoutes
		s.Test(t)
	}
}

// PocketBase's request log gets the route pattern (the usage analytics group
// by it) and never the ?token= of a file URL.
func TestRequestLogRouteAndToken(t *testing.T) {
	scenario := tests.ApiScenario{
		Name:           "panic request log",
		Method:         http.MethodGet,
		URL:            "/api/test/panic/abc123?token=" + fakeJWT,
		Headers:        testapp.Auth("alice"),
		TestAppFactory: testapp.NewUnmanaged,
		BeforeTestFunc: func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
			app.Settings().Logs.MaxDays = 30 // test apps switch request logs off
			failingRoutes(t, app, e)
		},
		ExpectedStatus: http.StatusInternalServerError,
		ExpectedContent: []string{
			`"status":500`,
		},
		AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
			logs := waitForRequestLogs(t, app, 1)
			data := logs[0].Data
			meta, _ := data["meta"].(map[string]any)
			if meta[hooks.LogMetaRoute] != "/api/test/panic/{id}" {
				t.Errorf("meta = %v", data["meta"])
			}
			if data["url"] != "/api/test/panic/abc123?token=redacted" {
				t.Errorf("url = %v", data["url"])
			}
			if raw := fmt.Sprint(data); strings.Contains(raw, fakeJWT) {
				t.Errorf("the log holds the token: %s", raw)
			}
		},
	}
	scenario.Test(t)
}

func TestSanitizeMessage(t *testing.T) {
	cases := []struct{ in, want string }{
		{"plain failure", "plain failure"},
		{"first line\ngoroutine 1 [running]:\nmain.go:12", "first line"},
		// what is redacted: redact.Secrets
		{"auth failed for " + fakeJWT + " at login", "auth failed for [token] at login"},
	}
	for _, c := range cases {
		if got := hooks.SanitizeMessage(c.in); got != c.want {
			t.Errorf("SanitizeMessage(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	long := hooks.SanitizeMessage(string(make([]rune, 600)))
	if n := len([]rune(long)); n != 501 { // 500 runes and the ellipsis
		t.Errorf("a 600-rune message kept %d runes", n)
	}
}

// waitForRequestLogs flushes PocketBase's batched request logger until at
// least n request rows are stored (the writes are asynchronous), then turns
// the request log off so that no write outlives the test app.
func waitForRequestLogs(t testing.TB, app *tests.TestApp, n int) []*core.Log {
	t.Helper()
	defer func() { app.Settings().Logs.MaxDays = 0 }()
	for attempt := 0; ; attempt++ {
		logs := []*core.Log{}
		err := app.LogQuery().AndWhere(dbx.NewExp("json_extract(data, '$.type') = 'request'")).All(&logs)
		if err == nil && len(logs) >= n {
			return logs
		}
		if attempt == 100 {
			t.Fatalf("%d request logs after waiting, want %d (err %v)", len(logs), n, err)
		}
		time.Sleep(20 * time.Millisecond) // the request logger writes from a goroutine
		if batch, ok := app.Logger().Handler().(*logger.BatchHandler); ok {
			_ = batch.WriteAll(context.WithValue(context.Background(), logger.BlockKey, true))
		}
	}
}
