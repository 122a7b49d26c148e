package hooks_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"trackbase/internal/testapp"
)

func TestNoStoreOnAuthenticatedAnswers(t *testing.T) {
	cacheControl := func(want string) func(testing.TB, *tests.TestApp, *http.Response) {
		return func(t testing.TB, _ *tests.TestApp, res *http.Response) {
			if got := res.Header.Get("Cache-Control"); got != want {
				t.Errorf("Cache-Control = %q, want %q", got, want)
			}
		}
	}
	scenarios := []tests.ApiScenario{
		{
			Name:            "signed in",
			Method:          http.MethodGet,
			URL:             "/api/collections/weight_logs/records",
			Headers:         testapp.Auth("alice"),
			ExpectedStatus:  http.StatusOK,
			ExpectedContent: []string{`"items":[]`},
			AfterTestFunc:   cacheControl("no-store"),
		},
		{
			Name:            "sign-in (its answer carries a token)",
			Method:          http.MethodPost,
			URL:             "/api/collections/users/auth-with-password",
			Body:            strings.NewReader(`{"identity":"alice@example.com","password":"` + testapp.Password + `"}`),
			ExpectedStatus:  http.StatusOK,
			ExpectedContent: []string{`"token":"`},
			AfterTestFunc:   cacheControl("no-store"),
		},
		{
			Name:            "sign-up",
			Method:          http.MethodPost,
			URL:             "/api/collections/users/records",
			Body:            strings.NewReader(`{"username":"newbie","email":"newbie@example.com","password":"` + testapp.Password + `","passwordConfirm":"` + testapp.Password + `"}`),
			ExpectedStatus:  http.StatusOK,
			ExpectedContent: []string{`"username":"newbie"`},
			AfterTestFunc:   cacheControl("no-store"),
		},
		{
			Name:            "guest request",
			Method:          http.MethodGet,
			URL:             "/api/health",
			ExpectedStatus:  http.StatusOK,
			ExpectedContent: []string{`"code":200`},
			AfterTestFunc:   cacheControl(""),
		},
	}
	for _, s := range scenarios {
		s.TestAppFactory = testapp.NewUnmanaged
		s.Test(t)
	}
}
