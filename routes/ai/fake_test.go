package ai_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"trackbase/collections"
	"trackbase/internal/testapp"
	"trackbase/registry"
)

// fakeOpenAI is an OpenAI-compatible server answering from a script, one reply per request,
// and recording what it received.
type fakeOpenAI struct {
	*httptest.Server
	mu       sync.Mutex
	replies  []reply
	requests []fakeRequest
}

type reply func(w http.ResponseWriter)

type fakeRequest struct {
	Path string
	Body []byte
}

// chatBody is the part of a chat completion request the tests look at.
type chatBody struct {
	Model    string `json:"model"`
	Messages []struct {
		Role    string `json:"role"`
		Content string `json:"content"`
	} `json:"messages"`
}

// startFake starts a fake server and points the AI configuration at it; replies answer
// the requests in order.
func startFake(t *testing.T, replies ...reply) *fakeOpenAI {
	f := &fakeOpenAI{replies: replies}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		f.mu.Lock()
		f.requests = append(f.requests, fakeRequest{r.URL.Path, body})
		n := len(f.requests)
		f.mu.Unlock()
		if n > len(f.replies) {
			w.WriteHeader(http.StatusTeapot)
			fmt.Fprint(w, `{"error":{"message":"fake: no reply scripted"}}`)
			return
		}
		f.replies[n-1](w)
	}))
	t.Cleanup(f.Close)
	t.Setenv("OPENAI_API_KEY", "sk-test-fake-key-123456")
	t.Setenv("OPENAI_BASE_URL", f.URL)
	t.Setenv("OPENAI_MODEL", "gpt-4o-mini")
	t.Setenv("OPENAI_RETRY_BACKOFF", "1ms")
	return f
}

func (f *fakeOpenAI) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.requests)
}

func (f *fakeOpenAI) chat(t testing.TB, i int) chatBody {
	f.mu.Lock()
	defer f.mu.Unlock()
	var b chatBody
	if i >= len(f.requests) {
		t.Fatalf("the fake got %d requests, wanted #%d", len(f.requests), i+1)
	}
	if err := json.Unmarshal(f.requests[i].Body, &b); err != nil {
		t.Fatal(err)
	}
	return b
}

// chatReply answers a chat completion with content and token counts.
func chatReply(content string, prompt, completion int) reply {
	return func(w http.ResponseWriter) {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{
			"id": "chatcmpl-1", "object": "chat.completion", "model": "gpt-4o-mini",
			"choices": []any{map[string]any{"index": 0, "finish_reason": "stop",
				"message": map[string]any{"role": "assistant", "content": content}}},
			"usage": map[string]any{"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion},
		})
	}
}

func errorReply(status int, header map[string]string) reply {
	return func(w http.ResponseWriter) {
		for k, v := range header {
			w.Header().Set(k, v)
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		fmt.Fprint(w, `{"error":{"message":"fake upstream says no","type":"x"}}`)
	}
}

func slowReply(d time.Duration, then reply) reply {
	return func(w http.ResponseWriter) { time.Sleep(d); then(w) }
}

// item is one parse-meal reply item; nutrition per serving.
func item(name string, quantity float64, quantityUnit string, servings, servingSize float64, unit, group string, calories, protein float64) map[string]any {
	it := map[string]any{
		"name": name, "brand": nil, "quantity": quantity, "quantity_unit": quantityUnit, "servings": servings,
		"price_paid": nil, "confidence": 0.8, "serving_size": servingSize, "unit": unit, "food_group": group, "cost": nil,
	}
	for _, n := range registry.EnergyAndNutrientNames() {
		it[n] = 0.0
	}
	it["calories"], it["protein"] = calories, protein
	return it
}

func mealReply(items ...map[string]any) string {
	b, _ := json.Marshal(map[string]any{"items": items})
	return string(b)
}

// seedFoods adds public foods (the seed's values) and a private food of bob's.
func seedFoods(t testing.TB, app core.App) map[string]string {
	col, err := app.FindCollectionByNameOrId(collections.Foods)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{}
	for _, f := range []struct {
		name, unit, group, owner string
		size, kcal, protein      float64
		public                   bool
	}{
		{"Eggs (Whole, Large)", "g", "protein", "", 50, 72, 6.3, true},
		{"Banana", "g", "fruit", "", 118, 105, 1.3, true},
		{"White Rice (Cooked)", "g", "grain", "", 100, 130, 2.7, true},
		{"Quinoa", "g", "grain", "bob", 100, 999, 9, false}, // bob's private food: alice cannot see it
	} {
		rec := core.NewRecord(col)
		rec.Set("food_name", f.name)
		rec.Set("serving_size", f.size)
		rec.Set("unit", f.unit)
		rec.Set("food_group", f.group)
		rec.Set("calories", f.kcal)
		rec.Set("protein", f.protein)
		rec.Set("cost", 0.5)
		rec.Set("make_public", f.public)
		if f.owner != "" {
			rec.Set("created_by", testapp.ID(f.owner))
		}
		if err := app.Save(rec); err != nil {
			t.Fatal(err)
		}
		ids[f.name] = rec.Id
	}
	return ids
}

// rows returns the rows of a collection matching where, as maps.
func rows(t testing.TB, app core.App, collection string, where dbx.Expression) []dbx.NullStringMap {
	var out []dbx.NullStringMap
	q := app.DB().Select("*").From(collection).OrderBy("created")
	if where != nil {
		q = q.Where(where)
	}
	if err := q.All(&out); err != nil {
		t.Fatal(err)
	}
	return out
}

func count(t testing.TB, app core.App, collection string, where dbx.Expression) int {
	return len(rows(t, app, collection, where))
}

func field(row dbx.NullStringMap, name string) string { return row[name].String }

func jsonBody(v any) io.Reader {
	b, _ := json.Marshal(v)
	return strings.NewReader(string(b))
}

// ofAlice selects alice's rows.
func ofAlice() dbx.Expression { return dbx.HashExp{"user": testapp.ID("alice")} }

// factory builds the test app (the environment set by startFake or t.Setenv is read here).
var factory = testapp.NewUnmanaged

// expectNothingWritten asserts that no food, food log or meal was created.
func expectNothingWritten(t testing.TB, app *tests.TestApp) {
	t.Helper()
	if n := count(t, app, collections.Foods, dbx.HashExp{"created_by": testapp.ID("alice")}); n != 0 {
		t.Errorf("%d foods created", n)
	}
	for _, c := range []string{collections.FoodLogs, collections.Meals} {
		if n := count(t, app, c, ofAlice()); n != 0 {
			t.Errorf("%d %s rows written", n, c)
		}
	}
}
