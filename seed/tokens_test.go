package seed_test

import (
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"trackbase/collections"
	"trackbase/internal/testapp"
	"trackbase/seed"
)

// A demo user's token from before a reseed is refused after it: the users
// come back with the same ids, so only a new tokenKey tells their old
// tokens apart (--clear also empties revoked_tokens).
func TestReseedEndsDemoSessions(t *testing.T) {
	reseeds := map[string]seed.Options{
		"--full again": {Required: true, Dummy: true, Days: 3, Seed: 42},
		"--reset-full": {Clear: true, Required: true, Dummy: true, Days: 3, Seed: 42},
	}
	for name, reseed := range reseeds {
		headers := map[string]string{}
		scenario := tests.ApiScenario{
			Name:            "jane's token from before " + name,
			Method:          http.MethodGet,
			URL:             "/api/collections/weight_logs/records",
			Headers:         headers,
			TestAppFactory:  testapp.NewUnmanaged,
			ExpectedStatus:  http.StatusUnauthorized,
			ExpectedContent: []string{`"status":401`},
			BeforeTestFunc: func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
				reseed.Today = today
				if _, err := seed.Run(app, seed.Options{Required: true, Dummy: true, Days: 3, Seed: 42, Today: today}); err != nil {
					t.Fatal(err)
				}
				token := janeToken(t, app)
				if _, err := seed.Run(app, reseed); err != nil {
					t.Fatal(err)
				}
				if _, err := app.FindAuthRecordByToken(janeToken(t, app), core.TokenTypeAuth); err != nil {
					t.Fatalf("a token issued after the reseed is refused: %v", err)
				}
				headers["Authorization"] = token
			},
		}
		scenario.Test(t)
	}
}

func janeToken(t testing.TB, app core.App) string {
	t.Helper()
	jane, err := app.FindFirstRecordByData(collections.Users, "username", "jane_smith")
	if err != nil {
		t.Fatal(err)
	}
	token, err := jane.NewAuthToken()
	if err != nil {
		t.Fatal(err)
	}
	return token
}
