package ai_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"trackbase/collections"
	"trackbase/internal/testapp"
)

// benchServer builds the app with the AI routes and the seed's 21 public foods and
// returns its HTTP handler.
func benchServer(b *testing.B) http.Handler {
	app := testapp.New(b)
	// the benchmark measures the handler, not PocketBase's per-IP rate limiter
	settings := app.Settings()
	settings.RateLimits.Enabled = false
	if err := app.Save(settings); err != nil {
		b.Fatal(err)
	}
	col, err := app.FindCollectionByNameOrId(collections.Foods)
	if err != nil {
		b.Fatal(err)
	}
	for _, name := range []string{"Chicken Breast (Raw)", "Ground Beef (93% Lean)", "Salmon (Atlantic)", "Eggs (Whole, Large)",
		"Greek Yogurt (Non-Fat)", "Whey Protein Powder", "White Rice (Cooked)", "Brown Rice (Cooked)", "Sweet Potato (Baked)",
		"Oatmeal (Dry)", "Whole Wheat Bread", "Pasta (Cooked)", "Banana", "Broccoli (Cooked)", "Spinach (Raw)", "Carrots (Raw)",
		"Mixed Salad Greens", "Olive Oil", "Almonds", "Peanut Butter", "Avocado"} {
		rec := core.NewRecord(col)
		rec.Set("food_name", name)
		rec.Set("serving_size", 100)
		rec.Set("unit", "g")
		rec.Set("food_group", "other")
		rec.Set("calories", 100)
		rec.Set("make_public", true)
		if err := app.Save(rec); err != nil {
			b.Fatal(err)
		}
	}
	return testapp.Handler(b, app)
}

// benchParse posts parse-meal requests (text(i) for request i) and reports the p50 and p99
// of the per-request durations.
func benchParse(b *testing.B, mux http.Handler, text func(i int) string) {
	token := testapp.Token("alice")
	var durations []time.Duration
	for i := 0; b.Loop(); i++ {
		req := httptest.NewRequest(http.MethodPost, "/api/ai/parse-meal", strings.NewReader(fmt.Sprintf(`{"text":%q}`, text(i))))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", token)
		rec := httptest.NewRecorder()
		start := time.Now()
		mux.ServeHTTP(rec, req)
		durations = append(durations, time.Since(start))
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
	}
	slices.Sort(durations)
	b.ReportMetric(float64(durations[len(durations)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(durations[len(durations)*99/100].Microseconds()), "p99-µs")
}

// instantFake answers every chat completion at once with the same two items.
func instantFake(b *testing.B) {
	reply := chatReply(eggsAndBanana, 1000, 200)
	f := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { reply(w) }))
	b.Cleanup(f.Close)
	b.Setenv("OPENAI_API_KEY", "sk-bench-fake-key-123456")
	b.Setenv("OPENAI_BASE_URL", f.URL)
}

// BenchmarkParseMealModelCall is the server's own cost around one model call: each request
// has a new text (a cache miss), the fake upstream answers at once, and the reply is
// validated, matched against 21 foods and accounted in api_usage_logs.
func BenchmarkParseMealModelCall(b *testing.B) {
	instantFake(b)
	mux := benchServer(b)
	benchParse(b, mux, func(i int) string { return fmt.Sprintf("2 eggs and a banana, meal %d", i) })
}

// BenchmarkParseMealCacheHit repeats one text: every request after the first is answered
// from the cache.
func BenchmarkParseMealCacheHit(b *testing.B) {
	instantFake(b)
	mux := benchServer(b)
	benchParse(b, mux, func(int) string { return "2 eggs and a banana" })
}

// BenchmarkParseMealOffline is parse-meal without an API key (the offline parser).
func BenchmarkParseMealOffline(b *testing.B) {
	b.Setenv("OPENAI_API_KEY", "")
	mux := benchServer(b)
	benchParse(b, mux, func(int) string { return "2 eggs, a slice of whole wheat bread and 200g chicken breast" })
}
