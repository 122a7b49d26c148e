package account_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
)

const base64url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

// respelled writes token another way that a lenient base64url decoder reads
// as the same bytes: the signature's last character carries 2 unused bits,
// and flipping the lower one leaves the decoded signature unchanged.
func respelled(t testing.TB, token string) string {
	t.Helper()
	last := strings.IndexByte(base64url, token[len(token)-1])
	if last < 0 {
		t.Fatalf("%q does not end in a base64url character", token)
	}
	return token[:len(token)-1] + string(base64url[last^1])
}

// loggedOutRespelled signs alice in, logs that session out and returns
// another spelling of the logged-out token.
func loggedOutRespelled(t testing.TB, e *core.ServeEvent) string {
	return respelled(t, loggedOutSession(t, e))
}

// A logged-out token written another way is still logged out, and a token
// that is not written the one way its bytes encode is refused everywhere.
func TestRespelledTokensRefused(t *testing.T) {
	refused := []string{`"status":401`, `revoked`}
	scenarios := []tests.ApiScenario{
		withToken(tests.ApiScenario{
			Name:            "logged-out token respelled, CRUD list",
			Method:          http.MethodGet,
			URL:             "/api/collections/weight_logs/records",
			ExpectedStatus:  http.StatusUnauthorized,
			ExpectedContent: refused,
		}, loggedOutRespelled),
		withToken(tests.ApiScenario{
			Name:            "logged-out token respelled, custom route",
			Method:          http.MethodGet,
			URL:             "/api/analytics/usage",
			ExpectedStatus:  http.StatusUnauthorized,
			ExpectedContent: refused,
		}, loggedOutRespelled),
		withToken(tests.ApiScenario{
			Name:               "logged-out token respelled cannot be refreshed into a new one",
			Method:             http.MethodPost,
			URL:                "/api/collections/users/auth-refresh",
			ExpectedStatus:     http.StatusUnauthorized,
			ExpectedContent:    refused,
			NotExpectedContent: []string{`"token"`},
		}, loggedOutRespelled),
		withToken(tests.ApiScenario{
			Name:            "logged-out token respelled, realtime connect",
			Method:          http.MethodGet,
			URL:             "/api/realtime",
			Timeout:         100 * time.Millisecond,
			ExpectedStatus:  http.StatusUnauthorized,
			ExpectedContent: refused,
		}, loggedOutRespelled),
		withToken(tests.ApiScenario{
			Name:            "logged-out token respelled, realtime subscription",
			Method:          http.MethodPost,
			URL:             "/api/realtime",
			Body:            strings.NewReader(`{"clientId":"any","subscriptions":["weight_logs"]}`),
			ExpectedStatus:  http.StatusUnauthorized,
			ExpectedContent: refused,
		}, loggedOutRespelled),
		withToken(tests.ApiScenario{
			Name:            "a live token respelled is refused too",
			Method:          http.MethodGet,
			URL:             "/api/collections/weight_logs/records",
			ExpectedStatus:  http.StatusUnauthorized,
			ExpectedContent: refused,
		}, func(t testing.TB, e *core.ServeEvent) string { return respelled(t, signIn(t, e, "alice")) }),
		withToken(tests.ApiScenario{
			Name:            "a live token respelled cannot be refreshed",
			Method:          http.MethodPost,
			URL:             "/api/collections/users/auth-refresh",
			ExpectedStatus:  http.StatusUnauthorized,
			ExpectedContent: refused,
		}, func(t testing.TB, e *core.ServeEvent) string { return respelled(t, signIn(t, e, "alice")) }),
		withToken(tests.ApiScenario{
			Name:            "the live token as issued still works",
			Method:          http.MethodGet,
			URL:             "/api/collections/weight_logs/records",
			ExpectedStatus:  http.StatusOK,
			ExpectedContent: []string{`"items":[]`},
		}, func(t testing.TB, e *core.ServeEvent) string { return signIn(t, e, "alice") }),
		withToken(tests.ApiScenario{
			Name:            "a respelled token sent along with a sign-in is ignored",
			Method:          http.MethodPost,
			URL:             "/api/collections/users/auth-with-password",
			Body:            strings.NewReader(`{"identity":"alice@example.com","password":"password123"}`),
			ExpectedStatus:  http.StatusOK,
			ExpectedContent: []string{`"token":"`},
		}, loggedOutRespelled),
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}
