package account_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/logger"

	"trackbase/collections"
	"trackbase/internal/testapp"
)

// After a sign-up, a failed and a successful sign-in, authenticated CRUD and
// custom calls and an AI call, no log table (PocketBase's request log,
// api_usage_logs, error_logs) holds a password, a token or the API key.
func TestNoSecretsInLogs(t *testing.T) {
	const (
		password = "Corr3ct-Horse-Battery"
		wrong    = "Wr0ng-Guess-Staple"
		apiKey   = "sk-test-ZXCVBNMasdfghjkl1234"
	)
	upstream := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"id":"c1","object":"chat.completion","created":1,"model":"gpt-4o-mini",`+
			`"choices":[{"index":0,"message":{"role":"assistant","content":"Drink water."},"finish_reason":"stop"}],`+
			`"usage":{"prompt_tokens":12,"completion_tokens":3,"total_tokens":15}}`)
	}))
	defer upstream.Close()
	t.Setenv("OPENAI_API_KEY", apiKey)
	t.Setenv("OPENAI_BASE_URL", upstream.URL+"/v1")
	t.Setenv("OPENAI_MAX_RETRIES", "0")

	secrets := []string{password, wrong, apiKey}
	headers := map[string]string{}
	scenario := tests.ApiScenario{
		Name:            "an AI call after sign-up and sign-in",
		Method:          http.MethodPost,
		URL:             "/api/ai/prompt",
		Body:            strings.NewReader(`{"prompt":"How much water should I drink?"}`),
		Headers:         headers,
		TestAppFactory:  testapp.NewUnmanaged,
		ExpectedStatus:  http.StatusOK,
		ExpectedContent: []string{`Drink water.`},
		BeforeTestFunc: func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
			app.Settings().Logs.MaxDays = 30 // test apps switch request logs off

			res := testapp.Serve(t, e, http.MethodPost, "/api/collections/users/records",
				`{"username":"newbie","email":"newbie@example.com","password":"`+password+`","passwordConfirm":"`+password+`"}`, "")
			if res.Code != http.StatusOK {
				t.Fatalf("sign-up: %d %s", res.Code, res.Body)
			}
			if res := testapp.Serve(t, e, http.MethodPost, "/api/collections/users/auth-with-password",
				`{"identity":"newbie","password":"`+wrong+`"}`, ""); res.Code != http.StatusBadRequest {
				t.Fatalf("wrong password: %d", res.Code)
			}
			res = testapp.Serve(t, e, http.MethodPost, "/api/collections/users/auth-with-password",
				`{"identity":"newbie@example.com","password":"`+password+`"}`, "")
			var auth struct{ Token string }
			if err := json.Unmarshal(res.Body.Bytes(), &auth); err != nil || auth.Token == "" {
				t.Fatalf("sign-in: %d %s", res.Code, res.Body)
			}
			headers["Authorization"] = auth.Token
			secrets = append(secrets, auth.Token, testapp.Token("alice"))

			for _, url := range []string{"/api/collections/weight_logs/records", "/api/analytics/usage"} {
				if res := testapp.Serve(t, e, http.MethodGet, url, "", auth.Token); res.Code != http.StatusOK {
					t.Fatalf("GET %s: %d", url, res.Code)
				}
			}
			// a session logged out, then used
			other := signIn(t, e, "alice")
			secrets = append(secrets, other)
			logOut(t, e, other, "")
			if res := testapp.Serve(t, e, http.MethodGet, "/api/analytics/usage", "", other); res.Code != http.StatusUnauthorized {
				t.Fatalf("revoked token: %d", res.Code)
			}
		},
		AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
			// sign-up, 2 sign-ins, 2 GETs, sign-in, logout, refused GET, AI call
			stored := requestLogs(t, app, 9)
			if n, _ := app.CountRecords(collections.APIUsageLogs); n != 1 {
				t.Errorf("%d api_usage_logs rows, want 1 for the AI call", n)
			}
			for _, table := range []string{collections.APIUsageLogs, collections.ErrorLogs} {
				rows := []dbx.NullStringMap{}
				if err := app.DB().Select("*").From(table).All(&rows); err != nil {
					t.Fatal(err)
				}
				stored = append(stored, fmt.Sprint(rows))
			}
			all := strings.Join(stored, "\n")
			for _, secret := range secrets {
				if strings.Contains(all, secret) {
					t.Errorf("a log holds the secret %.12s…", secret)
				}
			}
			if !strings.Contains(all, "/api/ai/prompt") || !strings.Contains(all, "auth-with-password") {
				t.Error("the request log misses the calls made; the check proves nothing")
			}
		},
	}
	scenario.Test(t)
}

// requestLogs waits until PocketBase's batched, asynchronous request logger
// has stored at least n rows and returns every log row as text; it then
// switches the request log off so that no write outlives the test app.
func requestLogs(t testing.TB, app *tests.TestApp, n int) []string {
	t.Helper()
	defer func() { app.Settings().Logs.MaxDays = 0 }()
	for attempt := 0; ; attempt++ {
		logs := []*core.Log{}
		if err := app.LogQuery().All(&logs); err != nil {
			t.Fatal(err)
		}
		requests := 0
		texts := make([]string, len(logs))
		for i, l := range logs {
			raw, _ := json.Marshal(l.Data)
			texts[i] = l.Message + " " + string(raw)
			if l.Data["type"] == "request" {
				requests++
			}
		}
		if requests >= n {
			return texts
		}
		if attempt == 100 {
			t.Fatalf("%d request logs stored, want %d", requests, n)
		}
		time.Sleep(20 * time.Millisecond)
		if batch, ok := app.Logger().Handler().(*logger.BatchHandler); ok {
			_ = batch.WriteAll(context.WithValue(context.Background(), logger.BlockKey, true))
		}
	}
}
