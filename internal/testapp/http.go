package testapp

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"

	"trackbase/collections"
	"trackbase/errortype"
)

// DecodeData decodes the {"data": …} envelope of a response into dst.
func DecodeData(t testing.TB, res *http.Response, dst any) {
	t.Helper()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	env := struct{ Data json.RawMessage }{}
	if err := json.Unmarshal(body, &env); err != nil || env.Data == nil {
		t.Fatalf("no data envelope in %s", body)
	}
	if err := json.Unmarshal(env.Data, dst); err != nil {
		t.Fatalf("decode %s: %v", env.Data, err)
	}
}

// Serve sends one more request through the router of a running scenario
// (e.g. from its AfterTestFunc), with an optional token.
func Serve(t testing.TB, e *core.ServeEvent, method, url, body, token string) *httptest.ResponseRecorder {
	t.Helper()
	mux, err := e.Router.BuildMux()
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(method, url, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", token)
	}
	res := httptest.NewRecorder()
	mux.ServeHTTP(res, req)
	return res
}

// Handler runs the app's OnServe hooks on a fresh router and returns the
// resulting handler, for benchmarks that send many requests in-process.
func Handler(t testing.TB, app core.App) http.Handler {
	t.Helper()
	router, err := apis.NewRouter(app)
	if err != nil {
		t.Fatal(err)
	}
	var mux http.Handler
	err = app.OnServe().Trigger(&core.ServeEvent{App: app, Router: router}, func(e *core.ServeEvent) error {
		mux, err = e.Router.BuildMux()
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return mux
}

// ErrorRow is the part of an error_logs row a test compares.
type ErrorRow struct {
	User    string         `db:"user"`
	Type    errortype.Type `db:"error_type"`
	Message string         `db:"error_message"`
	Route   string         `db:"route"`
	Method  string         `db:"method"`
	Status  int            `db:"status"`
}

// ErrorRows reads every error_logs row, oldest first.
func ErrorRows(t testing.TB, app core.App) []ErrorRow {
	t.Helper()
	rows := []ErrorRow{}
	err := app.DB().Select("user", "error_type", "error_message", "route", "method", "status").
		From(collections.ErrorLogs).OrderBy("created").All(&rows)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}
