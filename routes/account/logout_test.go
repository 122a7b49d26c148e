package account_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"trackbase/hooks"
	"trackbase/internal/testapp"
)

// signIn opens a new session of a fixture user through the API.
func signIn(t testing.TB, e *core.ServeEvent, username string) string {
	t.Helper()
	res := testapp.Serve(t, e, http.MethodPost, "/api/collections/users/auth-with-password",
		`{"identity":"`+username+`@example.com","password":"`+testapp.Password+`"}`, "")
	var body struct{ Token string }
	if err := json.Unmarshal(res.Body.Bytes(), &body); err != nil || res.Code != http.StatusOK || body.Token == "" {
		t.Fatalf("sign-in of %s: %d %s", username, res.Code, res.Body)
	}
	return body.Token
}

func logOut(t testing.TB, e *core.ServeEvent, token, body string) {
	t.Helper()
	if res := testapp.Serve(t, e, http.MethodPost, "/api/auth/logout", body, token); res.Code != http.StatusOK {
		t.Fatalf("logout: %d %s", res.Code, res.Body)
	}
}

// withToken makes a scenario whose token is obtained at run time:
// prepare signs in and logs out as the scenario needs and returns the token
// the scenario's request carries.
func withToken(s tests.ApiScenario, prepare func(t testing.TB, e *core.ServeEvent) string) tests.ApiScenario {
	headers := map[string]string{}
	s.Headers = headers
	s.TestAppFactory = testapp.NewUnmanaged
	s.BeforeTestFunc = func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
		headers["Authorization"] = prepare(t, e)
	}
	return s
}

// loggedOutSession signs alice in and logs that session out.
func loggedOutSession(t testing.TB, e *core.ServeEvent) string {
	token := signIn(t, e, "alice")
	logOut(t, e, token, "")
	return token
}

func TestLogout(t *testing.T) {
	refused := []string{`"status":401`, `revoked`}
	scenarios := []tests.ApiScenario{
		withToken(tests.ApiScenario{
			Name:            "logout revokes the presented token until it expires",
			Method:          http.MethodPost,
			URL:             "/api/auth/logout",
			ExpectedStatus:  http.StatusOK,
			ExpectedContent: []string{`"all":false`, `"revoked_until":"20`},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				if n, _ := app.CountRecords(hooks.RevokedTokens); n != 1 {
					t.Errorf("%d revoked_tokens rows, want 1", n)
				}
			},
		}, func(t testing.TB, e *core.ServeEvent) string { return signIn(t, e, "alice") }),
		withToken(tests.ApiScenario{
			Name:            "revoked token on a custom route",
			Method:          http.MethodGet,
			URL:             "/api/analytics/usage",
			ExpectedStatus:  http.StatusUnauthorized,
			ExpectedContent: refused,
		}, loggedOutSession),
		withToken(tests.ApiScenario{
			Name:            "revoked token on a CRUD list",
			Method:          http.MethodGet,
			URL:             "/api/collections/weight_logs/records",
			ExpectedStatus:  http.StatusUnauthorized,
			ExpectedContent: refused,
		}, loggedOutSession),
		withToken(tests.ApiScenario{
			Name:            "revoked token on the realtime connect",
			Method:          http.MethodGet,
			URL:             "/api/realtime",
			Timeout:         100 * time.Millisecond,
			ExpectedStatus:  http.StatusUnauthorized,
			ExpectedContent: refused,
		}, loggedOutSession),
		withToken(tests.ApiScenario{
			Name:            "revoked token on a realtime subscription",
			Method:          http.MethodPost,
			URL:             "/api/realtime",
			Body:            strings.NewReader(`{"clientId":"any","subscriptions":["weight_logs"]}`),
			ExpectedStatus:  http.StatusUnauthorized,
			ExpectedContent: refused,
		}, loggedOutSession),
		withToken(tests.ApiScenario{
			Name:            "a revoked token cannot be refreshed into a new one",
			Method:          http.MethodPost,
			URL:             "/api/collections/users/auth-refresh",
			ExpectedStatus:  http.StatusUnauthorized,
			ExpectedContent: refused,
		}, loggedOutSession),
		withToken(tests.ApiScenario{
			Name:            "logging one session out leaves the other signed in",
			Method:          http.MethodGet,
			URL:             "/api/collections/weight_logs/records",
			ExpectedStatus:  http.StatusOK,
			ExpectedContent: []string{`"items":[]`},
		}, func(t testing.TB, e *core.ServeEvent) string {
			first, second := signIn(t, e, "alice"), signIn(t, e, "alice")
			if first == second {
				t.Fatal("two sign-ins gave the same token")
			}
			logOut(t, e, first, "")
			return second
		}),
		withToken(tests.ApiScenario{
			Name:            `{"all": true} ends a second session`,
			Method:          http.MethodGet,
			URL:             "/api/collections/weight_logs/records",
			ExpectedStatus:  http.StatusUnauthorized,
			ExpectedContent: refused,
		}, func(t testing.TB, e *core.ServeEvent) string {
			first, second := signIn(t, e, "alice"), signIn(t, e, "alice")
			logOut(t, e, first, `{"all":true}`)
			return second
		}),
		withToken(tests.ApiScenario{
			Name:            `{"all": true} ends the calling session too`,
			Method:          http.MethodGet,
			URL:             "/api/analytics/usage",
			ExpectedStatus:  http.StatusUnauthorized,
			ExpectedContent: refused,
		}, func(t testing.TB, e *core.ServeEvent) string {
			token := signIn(t, e, "alice")
			logOut(t, e, token, `{"all":true}`)
			return token
		}),
		withToken(tests.ApiScenario{
			Name:            "changing the password ends the other sessions",
			Method:          http.MethodGet,
			URL:             "/api/collections/weight_logs/records",
			ExpectedStatus:  http.StatusUnauthorized,
			ExpectedContent: refused,
		}, func(t testing.TB, e *core.ServeEvent) string {
			first, second := signIn(t, e, "alice"), signIn(t, e, "alice")
			res := testapp.Serve(t, e, http.MethodPatch, "/api/collections/users/records/"+testapp.ID("alice"),
				`{"oldPassword":"`+testapp.Password+`","password":"another-pass-9","passwordConfirm":"another-pass-9"}`, first)
			if res.Code != http.StatusOK {
				t.Fatalf("password change: %d %s", res.Code, res.Body)
			}
			return second
		}),
		{
			Name:            "a guest can log out",
			Method:          http.MethodPost,
			URL:             "/api/auth/logout",
			Headers:         testapp.Auth("gus"),
			TestAppFactory:  testapp.NewUnmanaged,
			ExpectedStatus:  http.StatusOK,
			ExpectedContent: []string{`"all":false`},
		},
		{
			Name:            "a superuser can log out",
			Method:          http.MethodPost,
			URL:             "/api/auth/logout",
			Headers:         testapp.Auth("root"),
			TestAppFactory:  testapp.NewUnmanaged,
			ExpectedStatus:  http.StatusOK,
			ExpectedContent: []string{`"all":false`},
		},
		{
			Name:            "logout without a token",
			Method:          http.MethodPost,
			URL:             "/api/auth/logout",
			TestAppFactory:  testapp.NewUnmanaged,
			ExpectedStatus:  http.StatusUnauthorized,
			ExpectedContent: []string{`"status":401`},
		},
		{
			Name:            "logout with a malformed body",
			Method:          http.MethodPost,
			URL:             "/api/auth/logout",
			Headers:         testapp.Auth("alice"),
			Body:            strings.NewReader(`{"all":"yes please"}`),
			TestAppFactory:  testapp.NewUnmanaged,
			ExpectedStatus:  http.StatusBadRequest,
			ExpectedContent: []string{`"status":400`},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				if n, _ := app.CountRecords(hooks.RevokedTokens); n != 0 {
					t.Errorf("a refused logout revoked %d tokens", n)
				}
			},
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

// Guests read but never write: a CRUD create and the same route's write are
// refused, and no row appears.
func TestGuestWritesRefused(t *testing.T) {
	scenario := tests.ApiScenario{
		Name:           "guest creates a weight log",
		Method:         http.MethodPost,
		URL:            "/api/collections/weight_logs/records",
		Headers:        testapp.Auth("gus"),
		Body:           strings.NewReader(`{"weight":80,"weight_unit":"kg"}`),
		TestAppFactory: testapp.NewUnmanaged,
		ExpectedStatus: http.StatusBadRequest,
		ExpectedContent: []string{
			`"status":400`,
		},
		AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
			if n, _ := app.CountRecords("weight_logs"); n != 0 {
				t.Errorf("%d weight logs after a guest's create", n)
			}
		},
	}
	scenario.Test(t)
}

func TestSignInRateLimit(t *testing.T) {
	var limit int
	scenario := tests.ApiScenario{
		Name:            "the sign-in past the per-IP limit",
		Method:          http.MethodPost,
		URL:             "/api/collections/users/auth-with-password",
		Body:            strings.NewReader(`{"identity":"alice@example.com","password":"` + testapp.Password + `"}`),
		TestAppFactory:  testapp.NewUnmanaged,
		ExpectedStatus:  http.StatusTooManyRequests,
		ExpectedContent: []string{`"status":429`},
		BeforeTestFunc: func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
			rule, ok := app.Settings().RateLimits.FindRateLimitRule([]string{"users:auth", "*:auth"})
			if !ok || !app.Settings().RateLimits.Enabled {
				t.Fatal("the security settings migration should limit sign-ins")
			}
			limit = rule.MaxRequests
			// wrong passwords count as much as right ones
			for i := 0; i < limit; i++ {
				res := testapp.Serve(t, e, http.MethodPost, "/api/collections/users/auth-with-password",
					`{"identity":"alice@example.com","password":"guess-`+string(rune('a'+i))+`"}`, "")
				if res.Code != http.StatusBadRequest {
					t.Fatalf("attempt %d of %d: %d", i+1, limit, res.Code)
				}
			}
		},
	}
	scenario.Test(t)
	if limit != 10 {
		t.Errorf("sign-in limit %d per minute, documented as 10", limit)
	}
}
