package hooks_test

import (
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"trackbase/hooks"
	"trackbase/internal/testapp"
)

func TestAIRateLimitCountsPerUser(t *testing.T) {
	var rule core.RateLimitRule
	scenario := tests.ApiScenario{
		Name:           "alice's call past the AI limit",
		Method:         http.MethodPost,
		URL:            "/api/ai/echo",
		Headers:        testapp.Auth("alice"),
		TestAppFactory: testapp.NewUnmanaged,
		ExpectedStatus: http.StatusTooManyRequests,
		ExpectedContent: []string{
			`"status":429`,
		},
		BeforeTestFunc: func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
			var ok bool
			rule, ok = app.Settings().RateLimits.FindRateLimitRule([]string{hooks.AIRateLimitLabel})
			if !ok {
				t.Fatal("the security settings migration should set the ai rule")
			}
			e.Router.POST("/api/ai/echo", func(e *core.RequestEvent) error { return e.NoContent(http.StatusNoContent) })
			for i := 0; i < rule.MaxRequests; i++ {
				if res := testapp.Serve(t, e, http.MethodPost, "/api/ai/echo", "", testapp.Token("alice")); res.Code != http.StatusNoContent {
					t.Fatalf("call %d of %d: %d", i+1, rule.MaxRequests, res.Code)
				}
			}
			// same IP, another user: not limited
			if res := testapp.Serve(t, e, http.MethodPost, "/api/ai/echo", "", testapp.Token("bob")); res.Code != http.StatusNoContent {
				t.Fatalf("bob's first call: %d", res.Code)
			}
		},
	}
	scenario.Test(t)
}
