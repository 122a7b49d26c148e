package hooks_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/subscriptions"

	"trackbase/hooks"
	"trackbase/internal/testapp"
)

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
		TestAppFactory: testapp.NewUnmanaged,
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
	app := testapp.New(t)
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

// BenchmarkRevocationCheck is the check alone: hashing a token and looking
// it up among 1000 revoked ones.
func BenchmarkRevocationCheck(b *testing.B) {
	app := testapp.New(b)
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
