package hooks_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"trackbase/collections"
	"trackbase/hooks"
	"trackbase/internal/testapp"
)

func TestRevokedTokenRefusedBeforeAnyRoute(t *testing.T) {
	revokeAlice := func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
		if err := hooks.RevokeToken(app, findUser(t, app, "alice"), testapp.Token("alice"), time.Now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	scenarios := []tests.ApiScenario{
		{
			Name:            "CRUD list with the revoked token",
			Method:          http.MethodGet,
			URL:             "/api/collections/weight_logs/records",
			Headers:         testapp.Auth("alice"),
			BeforeTestFunc:  revokeAlice,
			ExpectedStatus:  http.StatusUnauthorized,
			ExpectedContent: []string{`"message":"The token is invalid, expired or revoked; sign in again."`},
		},
		{
			Name:            "the same token with a Bearer prefix",
			Method:          http.MethodGet,
			URL:             "/api/collections/weight_logs/records",
			Headers:         map[string]string{"Authorization": "Bearer " + testapp.Token("alice")},
			BeforeTestFunc:  revokeAlice,
			ExpectedStatus:  http.StatusUnauthorized,
			ExpectedContent: []string{`revoked`},
		},
		{
			Name:            "a token PocketBase rejects is refused too, not served as a guest's",
			Method:          http.MethodGet,
			URL:             "/api/collections/weight_logs/records",
			Headers:         map[string]string{"Authorization": "not-a-token"},
			ExpectedStatus:  http.StatusUnauthorized,
			ExpectedContent: []string{`revoked`},
		},
		{
			Name:            "a revoked token sent along with a sign-in is ignored",
			Method:          http.MethodPost,
			URL:             "/api/collections/users/auth-with-password",
			Headers:         testapp.Auth("alice"),
			Body:            strings.NewReader(`{"identity":"alice@example.com","password":"` + testapp.Password + `"}`),
			BeforeTestFunc:  revokeAlice,
			ExpectedStatus:  http.StatusOK,
			ExpectedContent: []string{`"token":"`},
		},
		{
			Name:            "a revoked token sent along with a sign-up is ignored",
			Method:          http.MethodPost,
			URL:             "/api/collections/users/records",
			Headers:         testapp.Auth("alice"),
			Body:            strings.NewReader(`{"username":"newbie","email":"newbie@example.com","password":"` + testapp.Password + `","passwordConfirm":"` + testapp.Password + `"}`),
			BeforeTestFunc:  revokeAlice,
			ExpectedStatus:  http.StatusOK,
			ExpectedContent: []string{`"username":"newbie"`},
		},
		{
			Name:            "another user's token still works",
			Method:          http.MethodGet,
			URL:             "/api/collections/weight_logs/records",
			Headers:         testapp.Auth("bob"),
			BeforeTestFunc:  revokeAlice,
			ExpectedStatus:  http.StatusOK,
			ExpectedContent: []string{`"items":[]`},
		},
	}
	for _, s := range scenarios {
		s.TestAppFactory = testapp.NewUnmanaged
		s.Test(t)
	}
}

// BenchmarkAuthenticatedList measures an authenticated CRUD list (alice's 30
// newest weight logs of 60) through two routers of the same app, one with the
// revocation check and one without, while 1000 other tokens are revoked. Each
// iteration sends one request to each, in alternating order, so that the load
// of a shared machine weighs on both alike; it reports both median times and
// the check's overhead in percent:
//
//	go test -run '^$' -bench AuthenticatedList -benchtime 2000x -count 3 ./hooks/
func BenchmarkAuthenticatedList(b *testing.B) {
	app := testapp.New(b)
	app.Settings().RateLimits.Enabled = false
	alice := findUser(b, app, "alice")
	logs, _ := app.FindCollectionByNameOrId(collections.WeightLogs)
	err := app.RunInTransaction(func(tx core.App) error {
		for i := 0; i < 60; i++ {
			r := core.NewRecord(logs)
			r.Set("user", alice.Id)
			r.Set("weight", 80+float64(i)/10)
			r.Set("weight_unit", "kg")
			r.Set("date_time", time.Now().Add(-time.Duration(i)*time.Hour))
			if err := tx.Save(r); err != nil {
				return err
			}
		}
		for i := 0; i < 1000; i++ {
			if err := hooks.RevokeToken(tx, alice, fmt.Sprintf("other-token-%d", i), time.Now().Add(time.Hour)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	if n, _ := app.CountRecords(hooks.RevokedTokens); n != 1000 {
		b.Fatalf("%d revocations, want 1000", n)
	}
	muxes := benchmarkMuxes(b, app, hooks.RevocationMiddlewareId)
	token := testapp.Token("alice")

	var elapsed [2][]time.Duration // [without, with] the check, one entry per request
	list := func(withCheck bool) {
		req := httptest.NewRequest(http.MethodGet, "/api/collections/weight_logs/records?sort=-date_time", nil)
		req.Header.Set("Authorization", token)
		res := httptest.NewRecorder()
		start := time.Now()
		muxes[withCheck].ServeHTTP(res, req)
		took := time.Since(start)
		if withCheck {
			elapsed[1] = append(elapsed[1], took)
		} else {
			elapsed[0] = append(elapsed[0], took)
		}
		if res.Code != http.StatusOK || !strings.Contains(res.Body.String(), `"totalItems":60`) {
			b.Fatalf("status %d: %.200s", res.Code, res.Body)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		first := i%2 == 0
		list(first)
		list(!first)
	}
	// medians: a stall of the shared machine hits one request, not the figure
	without, with := median(elapsed[0]), median(elapsed[1])
	b.ReportMetric(without, "ns/list-unchecked")
	b.ReportMetric(with, "ns/list-checked")
	b.ReportMetric(100*(with-without)/without, "%overhead")
}

func median(ds []time.Duration) float64 {
	sorted := slices.Clone(ds)
	slices.Sort(sorted)
	return float64(sorted[len(sorted)/2].Nanoseconds())
}

// benchmarkMuxes serves the app twice, with the middleware of the given id
// (true) and without it (false); everything else is the same router.
func benchmarkMuxes(b *testing.B, app *tests.TestApp, middlewareId string) map[bool]http.Handler {
	router, err := apis.NewRouter(app)
	if err != nil {
		b.Fatal(err)
	}
	muxes := map[bool]http.Handler{}
	err = app.OnServe().Trigger(&core.ServeEvent{App: app, Router: router}, func(e *core.ServeEvent) error {
		if muxes[true], err = e.Router.BuildMux(); err != nil {
			return err
		}
		e.Router.Unbind(middlewareId)
		muxes[false], err = e.Router.BuildMux()
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return muxes
}
