package ai_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"trackbase/collections"
	"trackbase/internal/testapp"
	"trackbase/routes/common"
)

// zoneAtHour is a fixed-offset zone whose local time is now in hour h (0–23).
func zoneAtHour(t testing.TB, h int) string {
	now := time.Now().UTC()
	for offset := -12; offset <= 14; offset++ {
		if (now.Hour()+offset+24)%24 == h {
			return fmt.Sprintf("Etc/GMT%+d", -offset) // Etc/GMT-5 is UTC+5
		}
	}
	t.Fatalf("no zone at hour %d", h)
	return ""
}

// A user who spent the budget cannot get it back by moving to a time zone whose day has just
// begun: 300 tokens spent 12 hours ago count in a zone whose day began 23 hours ago and in one
// whose day began less than an hour ago alike.
func TestBudgetDoesNotMoveWithTheTimeZone(t *testing.T) {
	f := startFake(t, chatReply("hello", 10, 10))
	t.Setenv("TRACKBASE_AI_DAILY_TOKENS", "300")
	dayLong, dayNew := zoneAtHour(t, 23), zoneAtHour(t, 0)
	spent := time.Now().Add(-12 * time.Hour)
	s := tests.ApiScenario{
		Method: http.MethodPost, URL: "/api/ai/prompt", Body: jsonBody(map[string]any{"prompt": "hi"}),
		Headers: testapp.Auth("alice"), TestAppFactory: factory,
		BeforeTestFunc: func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
			alice, err := app.FindRecordById(collections.Users, testapp.ID("alice"))
			if err != nil {
				t.Fatal(err)
			}
			alice.Set("timezone", dayLong)
			if err := app.Save(alice); err != nil {
				t.Fatal(err)
			}
			id := testapp.Save(t, app, collections.APIUsageLogs, map[string]any{"user": alice.Id, "request_type": "prompt", "tokens_used": 300, "success": true})
			if _, err := app.DB().Update(collections.APIUsageLogs, dbx.Params{"created": common.DBTime(spent)}, dbx.HashExp{"id": id}).Execute(); err != nil {
				t.Fatal(err)
			}
			prompt := `{"prompt":"hi"}`
			if res := testapp.Serve(t, e, http.MethodPost, "/api/ai/prompt", prompt, testapp.Token("alice")); res.Code != 429 {
				t.Fatalf("in %s: %d %s, want 429", dayLong, res.Code, res.Body)
			}
			if res := testapp.Serve(t, e, http.MethodPatch, "/api/collections/users/records/"+alice.Id, `{"timezone":"`+dayNew+`"}`, testapp.Token("alice")); res.Code != 200 {
				t.Fatalf("moving to %s: %d %s", dayNew, res.Code, res.Body)
			}
		},
		// the 300 tokens age out 24 hours after they were spent: in 12 hours
		ExpectedStatus: 429,
		ExpectedContent: []string{`"code":"budget_exceeded"`, `daily AI budget of 300 tokens is spent (300 used in the last 24 hours)`,
			spent.Add(24*time.Hour).UTC().Format("2006-01-02 15:04") + ` UTC`},
		AfterTestFunc: func(t testing.TB, _ *tests.TestApp, res *http.Response) {
			if f.count() != 0 {
				t.Errorf("%d model calls, want none", f.count())
			}
			if wait, _ := strconv.Atoi(res.Header.Get("Retry-After")); wait < 12*3600-60 || wait > 12*3600 {
				t.Errorf("Retry-After %q, want about 43200 s", res.Header.Get("Retry-After"))
			}
		},
	}
	s.Test(t)
}

// 20 requests at once against a 300-token budget, each call costing 30 tokens: the calls
// take turns, so the 11th sees 300 tokens spent and is refused, as are the ones after it.
func TestBudgetHoldsUnderConcurrentCalls(t *testing.T) {
	const calls, budget, perCall = 20, 300, 30
	replies := make([]reply, calls)
	for i := range replies {
		replies[i] = slowReply(20*time.Millisecond, chatReply("hello", 20, 10))
	}
	f := startFake(t, replies...)
	t.Setenv("TRACKBASE_AI_DAILY_TOKENS", strconv.Itoa(budget))
	app := testapp.New(t)
	mux := testapp.Handler(t, app)

	statuses := make([]int, calls)
	var start, done sync.WaitGroup
	start.Add(1)
	for i := range calls {
		done.Add(1)
		go func() {
			defer done.Done()
			req := httptest.NewRequest(http.MethodPost, "/api/ai/prompt", strings.NewReader(`{"prompt":"hi"}`))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", testapp.Token("alice"))
			rec := httptest.NewRecorder()
			start.Wait()
			mux.ServeHTTP(rec, req)
			statuses[i] = rec.Code
		}()
	}
	start.Done()
	done.Wait()

	var spent int
	if err := app.DB().Select("COALESCE(SUM(tokens_used), 0)").From(collections.APIUsageLogs).Where(ofAlice()).Row(&spent); err != nil {
		t.Fatal(err)
	}
	if spent > budget+perCall {
		t.Errorf("%d tokens spent (%d model calls), want at most the budget %d + one call's %d", spent, f.count(), budget, perCall)
	}
	ok := 0
	for _, s := range statuses {
		if s == http.StatusOK {
			ok++
		} else if s != http.StatusTooManyRequests {
			t.Errorf("status %d, want 200 or 429", s)
		}
	}
	if ok != budget/perCall || spent != budget {
		t.Errorf("%d calls answered spending %d tokens, want %d spending %d", ok, spent, budget/perCall, budget)
	}
}
