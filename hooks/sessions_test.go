package hooks_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/subscriptions"

	"trackbase/collections"
	"trackbase/hooks"
	"trackbase/internal/testapp"
)

var securityApp = testapp.Factory(hooks.RegisterSecurity)

func findUser(t testing.TB, app core.App, username string) *core.Record {
	t.Helper()
	record, err := app.FindRecordById(collections.Users, testapp.ID(username))
	if err != nil {
		t.Fatal(err)
	}
	return record
}

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
		s.TestAppFactory = securityApp
		s.Test(t)
	}
}

// A realtime connection subscribed with a token loses its auth when that
// token is revoked; one subscribed with another token keeps it.
func TestRevocationDropsRealtimeAuth(t *testing.T) {
	revoked := subscriptions.NewDefaultClient()
	other := subscriptions.NewDefaultClient()
	var otherToken string

	scenario := tests.ApiScenario{
		Name:           "subscribe, then revoke the token",
		Method:         http.MethodPost,
		URL:            "/api/realtime",
		Body:           strings.NewReader(`{"clientId":"` + revoked.Id() + `","subscriptions":["weight_logs"]}`),
		Headers:        testapp.Auth("alice"),
		TestAppFactory: securityApp,
		ExpectedStatus: http.StatusNoContent,
		BeforeTestFunc: func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
			app.SubscriptionsBroker().Register(revoked)
			app.SubscriptionsBroker().Register(other)

			alice := findUser(t, app, "alice")
			var err error
			if otherToken, err = alice.NewStaticAuthToken(2 * time.Hour); err != nil {
				t.Fatal(err)
			}
			res := testapp.Serve(t, e, http.MethodPost, "/api/realtime",
				`{"clientId":"`+other.Id()+`","subscriptions":["weight_logs"]}`, otherToken)
			if res.Code != http.StatusNoContent {
				t.Fatalf("subscribing the other client: %d", res.Code)
			}
		},
		AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
			if revoked.Get(apis.RealtimeClientAuthKey) == nil {
				t.Fatal("the client should be authenticated before the revocation")
			}
			if err := hooks.RevokeToken(app, findUser(t, app, "alice"), testapp.Token("alice"), time.Now().Add(time.Hour)); err != nil {
				t.Fatal(err)
			}
			if auth := revoked.Get(apis.RealtimeClientAuthKey); auth != nil {
				t.Errorf("the client subscribed with the revoked token is still authenticated as %v", auth)
			}
			if other.Get(apis.RealtimeClientAuthKey) == nil {
				t.Error("the client subscribed with another token lost its auth")
			}
		},
	}
	scenario.Test(t)
}

func TestPurgeExpiredRevocations(t *testing.T) {
	app := testapp.New(t, hooks.RegisterSecurity)
	alice := findUser(t, app, "alice")
	// one token expired a minute ago, one expires in an hour
	if err := hooks.RevokeToken(app, alice, "expired-token", time.Now().Add(-time.Minute)); err != nil {
		t.Fatal(err)
	}
	if err := hooks.RevokeToken(app, alice, "live-token", time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	// revoking twice is not an error and adds no row
	if err := hooks.RevokeToken(app, alice, "live-token", time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if n, _ := app.CountRecords(hooks.RevokedTokens); n != 2 {
		t.Fatalf("%d rows before the purge, want 2", n)
	}

	if err := hooks.PurgeExpiredRevocations(app); err != nil {
		t.Fatal(err)
	}
	if n, _ := app.CountRecords(hooks.RevokedTokens); n != 1 {
		t.Fatalf("%d rows after the purge, want 1 (the live one)", n)
	}
	if !hooks.IsRevoked(app, "live-token") || hooks.IsRevoked(app, "expired-token") {
		t.Fatal("the purge removed the wrong revocation")
	}
	row, err := app.FindFirstRecordByData(hooks.RevokedTokens, "auth_id", alice.Id)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(row.GetString("token_hash"), "live-token") || len(row.GetString("token_hash")) != 64 {
		t.Fatalf("stored %q, want a SHA-256 hex digest", row.GetString("token_hash"))
	}
}

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
			Name:            "guest request",
			Method:          http.MethodGet,
			URL:             "/api/health",
			ExpectedStatus:  http.StatusOK,
			ExpectedContent: []string{`"code":200`},
			AfterTestFunc:   cacheControl(""),
		},
	}
	for _, s := range scenarios {
		s.TestAppFactory = securityApp
		s.Test(t)
	}
}

// slowReader hides its length so that the request is sent without
// Content-Length and the limit applies while the body is read.
type slowReader struct{ io.Reader }

func TestJSONBodyLimit(t *testing.T) {
	// a valid weight_logs body padded past MaxJSONBody with an unknown field
	oversized := `{"weight":80,"weight_unit":"kg","pad":"` + strings.Repeat("x", int(hooks.MaxJSONBody)) + `"}`
	scenarios := []tests.ApiScenario{
		{
			Name:            "CRUD create over the limit",
			Method:          http.MethodPost,
			URL:             "/api/collections/weight_logs/records",
			Headers:         testapp.Auth("alice"),
			Body:            strings.NewReader(oversized),
			ExpectedStatus:  http.StatusRequestEntityTooLarge,
			ExpectedContent: []string{`"status":413`},
		},
		{
			Name:            "without Content-Length",
			Method:          http.MethodPost,
			URL:             "/api/collections/weight_logs/records",
			Headers:         testapp.Auth("alice"),
			Body:            slowReader{strings.NewReader(oversized)},
			ExpectedStatus:  http.StatusRequestEntityTooLarge,
			ExpectedContent: []string{`"status":413`},
		},
		{
			Name:            "sign-in over the limit",
			Method:          http.MethodPost,
			URL:             "/api/collections/users/auth-with-password",
			Body:            strings.NewReader(oversized),
			ExpectedStatus:  http.StatusRequestEntityTooLarge,
			ExpectedContent: []string{`"status":413`},
		},
		{
			Name:            "a body under the limit passes",
			Method:          http.MethodPost,
			URL:             "/api/collections/weight_logs/records",
			Headers:         testapp.Auth("alice"),
			Body:            strings.NewReader(`{"weight":80,"weight_unit":"kg","pad":"` + strings.Repeat("x", 1000) + `"}`),
			ExpectedStatus:  http.StatusOK,
			ExpectedContent: []string{`"weight":80`},
		},
	}
	for _, s := range scenarios {
		s.TestAppFactory = securityApp
		s.Test(t)
	}
}

func TestAIRateLimitCountsPerUser(t *testing.T) {
	var rule core.RateLimitRule
	scenario := tests.ApiScenario{
		Name:           "alice's call past the AI limit",
		Method:         http.MethodPost,
		URL:            "/api/ai/echo",
		Headers:        testapp.Auth("alice"),
		TestAppFactory: securityApp,
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

func TestCheckConfig(t *testing.T) {
	key32 := strings.Repeat("k", 32)
	cases := []struct {
		name, mode, key, baseURL string
		wantErr                  string // substring; empty = accepted
	}{
		{"development without a key", "", "", "", ""},
		{"explicit development", "development", "", "http://example.com/v1", ""},
		{"unknown mode", "prod", key32, "", "expected development or production"},
		{"short key, any mode", "", "short", "", "exactly 32 characters"},
		{"production without a key", "production", "", "", "requires PB_ENCRYPTION_KEY"},
		{"production with a key", "production", key32, "", ""},
		{"production, https upstream", "production", key32, "https://api.openai.com/v1", ""},
		{"production, local http upstream", "production", key32, "http://127.0.0.1:8080/v1", ""},
		{"production, localhost upstream", "production", key32, "http://localhost:11434/v1", ""},
		{"production, remote http upstream", "production", key32, "http://llm.example.com/v1", "must use https"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv(hooks.ModeEnv, c.mode)
			t.Setenv(hooks.EncryptionEnv, c.key)
			t.Setenv("OPENAI_BASE_URL", c.baseURL)
			err := hooks.CheckConfig()
			switch {
			case c.wantErr == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case c.wantErr != "" && (err == nil || !strings.Contains(err.Error(), c.wantErr)):
				t.Fatalf("got %v, want an error containing %q", err, c.wantErr)
			}
		})
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
	app := testapp.New(b, hooks.RegisterSecurity)
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
	muxes := benchmarkMuxes(b, app)
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

// BenchmarkRevocationCheck is the check alone: hashing a token and looking
// it up among 1000 revoked ones.
func BenchmarkRevocationCheck(b *testing.B) {
	app := testapp.New(b, hooks.RegisterSecurity)
	alice := findUser(b, app, "alice")
	err := app.RunInTransaction(func(tx core.App) error {
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
	token := testapp.Token("alice")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if hooks.IsRevoked(app, token) {
			b.Fatal("alice's token is not revoked")
		}
	}
}

// benchmarkMuxes serves the app twice, with the revocation check (true) and
// without it (false); everything else is the same router.
func benchmarkMuxes(b *testing.B, app *tests.TestApp) map[bool]http.Handler {
	router, err := apis.NewRouter(app)
	if err != nil {
		b.Fatal(err)
	}
	muxes := map[bool]http.Handler{}
	err = app.OnServe().Trigger(&core.ServeEvent{App: app, Router: router}, func(e *core.ServeEvent) error {
		if muxes[true], err = e.Router.BuildMux(); err != nil {
			return err
		}
		e.Router.Unbind(hooks.RevocationMiddlewareId)
		muxes[false], err = e.Router.BuildMux()
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return muxes
}
