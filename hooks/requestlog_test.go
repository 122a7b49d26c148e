package hooks_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"trackbase/internal/testapp"
)

// A JWT in any query parameter, a secret-named parameter and a Referer
// holding a token are stored redacted in PocketBase's request log; the other
// parameters are kept as they came.
func TestRequestLogRedactsSecrets(t *testing.T) {
	headers := testapp.Auth("alice")
	headers["Referer"] = "https://app.example/share?session=" + fakeJWT
	scenario := tests.ApiScenario{
		Name:            "CRUD list with secrets in the query",
		Method:          http.MethodGet,
		URL:             "/api/collections/weight_logs/records?perPage=5&ref=" + fakeJWT + "&api_key=abc123",
		Headers:         headers,
		TestAppFactory:  testapp.NewUnmanaged,
		ExpectedStatus:  http.StatusOK,
		ExpectedContent: []string{`"perPage":5`},
		BeforeTestFunc: func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) {
			app.Settings().Logs.MaxDays = 30 // test apps switch request logs off
		},
		AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
			data := waitForRequestLogs(t, app, 1)[0].Data
			url := fmt.Sprint(data["url"])
			for _, want := range []string{"api_key=redacted", "perPage=5", "ref=redacted"} {
				if !strings.Contains(url, want) {
					t.Errorf("url = %s, want %s in it", url, want)
				}
			}
			if raw := fmt.Sprint(data); strings.Contains(raw, fakeJWT) || strings.Contains(raw, "abc123") {
				t.Errorf("the log holds a secret: %s", raw)
			}
			if referer := fmt.Sprint(data["referer"]); referer != "https://app.example/share?session=[token]" {
				t.Errorf("referer = %s", referer)
			}
		},
	}
	scenario.Test(t)
}
