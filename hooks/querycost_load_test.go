package hooks_test

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"trackbase/collections"
	"trackbase/hooks"
	"trackbase/internal/testapp"
)

// send makes one request to a loopback server and returns status and body.
func send(t testing.TB, client *http.Client, method, url, body, token string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", token)
	}
	res, err := client.Do(req)
	if err != nil {
		t.Error(err)
		return 0, ""
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// A realtime subscription's options carry an expand applied to every event:
// a cyclic one is refused when subscribing, a legit one is accepted.
func TestRealtimeExpandLimits(t *testing.T) {
	app := testapp.New(t)
	costFixture(t, app)
	srv := httptest.NewServer(testapp.Handler(t, app))
	defer srv.Close()

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/api/realtime", nil)
	res, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var clientId string
	for scanner := bufio.NewScanner(res.Body); clientId == "" && scanner.Scan(); {
		if data, ok := strings.CutPrefix(scanner.Text(), "data:"); ok {
			var connect struct{ ClientId string }
			if err := json.Unmarshal([]byte(data), &connect); err != nil {
				t.Fatal(err)
			}
			clientId = connect.ClientId
		}
	}
	subscribe := func(topic, expand string) (int, string) {
		options := url.QueryEscape(`{"query":{"expand":"` + expand + `"}}`)
		body, _ := json.Marshal(map[string]any{"clientId": clientId, "subscriptions": []string{topic + "?options=" + options}})
		return send(t, srv.Client(), http.MethodPost, srv.URL+"/api/realtime", string(body), testapp.Token("alice"))
	}
	if status, body := subscribe("foods/*", "food_logs_via_food.food.food_logs_via_food"); status != 400 ||
		!strings.Contains(body, `"expand":{"code":"validation_expand_limit"`) {
		t.Errorf("cyclic expand in a subscription: %d %s", status, body)
	}
	if status, body := subscribe("food_logs/"+aliceFoodLog, "food.created_by"); status != 204 {
		t.Errorf("legit expand in a subscription: %d %s", status, body)
	}
}

// One user runs at most MaxHeavyRequestsPerUser record lists at once; the
// next one is a 429 while another user's list still runs, and the slots
// are free again once the lists end.
func TestHeavyRequestsPerUser(t *testing.T) {
	app := testapp.New(t)
	costFixture(t, app)
	// alice's first lists wait inside the handler until released
	entered, release := make(chan struct{}, hooks.MaxHeavyRequestsPerUser), make(chan struct{})
	var held atomic.Int32
	app.OnRecordsListRequest(collections.FoodLogs).BindFunc(func(e *core.RecordsListRequestEvent) error {
		if e.Auth != nil && e.Auth.Id == testapp.ID("alice") && held.Add(1) <= hooks.MaxHeavyRequestsPerUser {
			entered <- struct{}{}
			<-release
		}
		return e.Next()
	})
	srv := httptest.NewServer(testapp.Handler(t, app))
	defer srv.Close()
	list := srv.URL + recordsURL(collections.FoodLogs, "", "filter", "servings > 0")

	var wg sync.WaitGroup
	statuses := make([]int, hooks.MaxHeavyRequestsPerUser)
	for i := range statuses {
		wg.Go(func() { statuses[i], _ = send(t, srv.Client(), http.MethodGet, list, "", testapp.Token("alice")) })
		<-entered
	}
	status, body := send(t, srv.Client(), http.MethodGet, list, "", testapp.Token("alice"))
	if status != 429 || !strings.Contains(body, "At most 4 record lists or expanding requests of one user") {
		t.Errorf("one list too many: %d %s", status, body)
	}
	if status, _ := send(t, srv.Client(), http.MethodGet, srv.URL+recordsURL(collections.Foods, publicFoodA, "expand", "food_logs_via_food"),
		"", testapp.Token("alice")); status != 429 {
		t.Errorf("an expanding view beside them: %d, want 429", status)
	}
	if status, _ := send(t, srv.Client(), http.MethodGet, list, "", testapp.Token("bob")); status != 200 {
		t.Errorf("bob's list meanwhile: %d", status)
	}
	close(release)
	wg.Wait()
	for i, s := range statuses {
		if s != 200 {
			t.Errorf("list %d: %d", i, s)
		}
	}
	if status, _ := send(t, srv.Client(), http.MethodGet, list, "", testapp.Token("alice")); status != 200 {
		t.Errorf("a list after the others ended: %d", status)
	}
}

// holdPool leaves the app's read connection pool one connection, held, so
// every read waits as when the pool was full; release undoes it.
func holdPool(t testing.TB, app core.App) (release func()) {
	t.Helper()
	db := app.ConcurrentDB().(*dbx.DB).DB()
	open := db.Stats().MaxOpenConnections
	db.SetMaxOpenConns(1)
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return func() { conn.Close(); db.SetMaxOpenConns(open) }
}

// While the database cannot answer, a valid token is a 503 (try again), not
// a 401 (sign in again), and a list gives up after its budget; a wrong
// token is still a 401 once the database answers.
func TestBusyDatabase(t *testing.T) {
	app := testapp.New(t)
	srv := httptest.NewServer(testapp.Handler(t, app))
	defer srv.Close()

	release := holdPool(t, app)
	var wg sync.WaitGroup
	wg.Go(func() {
		status, body := send(t, srv.Client(), http.MethodPost, srv.URL+"/api/collections/users/auth-refresh", "", testapp.Token("alice"))
		if status != 503 || !strings.Contains(body, "could not be checked right now") {
			t.Errorf("valid token, busy database: %d %s", status, body)
		}
	})
	wg.Go(func() {
		status, body := send(t, srv.Client(), http.MethodGet, srv.URL+recordsURL(collections.Muscles, "", "filter", `muscle_name != ""`), "", "")
		if status != 503 || !strings.Contains(body, "ran over its 3s budget") {
			t.Errorf("a list, busy database: %d %s", status, body)
		}
	})
	wg.Wait()
	release()

	alice, err := app.FindRecordById(collections.Users, testapp.ID("alice"))
	if err != nil {
		t.Fatal(err)
	}
	alice.RefreshTokenKey() // her fixture token is now wrong
	if err := app.Save(alice); err != nil {
		t.Fatal(err)
	}
	if status, _ := send(t, srv.Client(), http.MethodPost, srv.URL+"/api/collections/users/auth-refresh", "", testapp.Token("alice")); status != 401 {
		t.Errorf("wrong token: %d, want 401", status)
	}
	if status, _ := send(t, srv.Client(), http.MethodPost, srv.URL+"/api/collections/users/auth-refresh", "", testapp.Token("bob")); status != 200 {
		t.Errorf("bob's valid token: %d, want 200", status)
	}
}

// rss is the resident set size of this process in bytes (Linux; 0 elsewhere).
func rss() int64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	pages, _ := strconv.ParseInt(strings.Fields(string(b))[1], 10, 64)
	return pages * int64(os.Getpagesize())
}

// The reproduction as a flood on loopback: 130 of alice's attack requests
// (both reproductions, half each) in parallel while bob loads his
// dashboard. Every attack is refused, every dashboard answers, and the
// process grows by less than 300 MB. Latencies are logged, not asserted.
func TestFloodStaysBounded(t *testing.T) {
	app := testapp.New(t)
	costFixture(t, app)
	bulkFoodLogs(t, app, "alice", publicFoodA, 40) // 42³ log objects in the three cyclic levels
	bulkFoodLogs(t, app, "bob", publicFoodA, 40)
	srv := httptest.NewServer(testapp.Handler(t, app))
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 200}}

	attacks := []string{
		srv.URL + recordsURL(collections.Foods, "", "perPage", "1", "filter", "id='"+publicFoodA+"'",
			"expand", "food_logs_via_food.food.food_logs_via_food.food.food_logs_via_food"),
		srv.URL + recordsURL(collections.FoodLogs, "", "filter", `food.food_logs_via_food.user ?= "x"`),
	}
	// the flood's own memory: the package's earlier tests leave the
	// process at some size already
	base := rss()
	var (
		peak     int64
		sampling sync.WaitGroup
		done     = make(chan struct{})
	)
	sampling.Go(func() {
		for {
			peak = max(peak, rss())
			select {
			case <-done:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	})

	var dashboards []time.Duration
	dashboardFailures := 0
	var dashboard sync.WaitGroup
	dashboard.Go(func() {
		for {
			start := time.Now()
			if status, _ := send(t, client, http.MethodGet, srv.URL+"/api/dashboard", "", testapp.Token("bob")); status != 200 {
				dashboardFailures++
			}
			dashboards = append(dashboards, time.Since(start))
			select {
			case <-done:
				return
			default:
			}
		}
	})

	const flood = 130
	statuses := make([]int, flood)
	took := make([]time.Duration, flood)
	var wg sync.WaitGroup
	for i := range flood {
		wg.Go(func() {
			start := time.Now()
			statuses[i], _ = send(t, client, http.MethodGet, attacks[i%2], "", testapp.Token("alice"))
			took[i] = time.Since(start)
		})
	}
	wg.Wait()
	close(done)
	dashboard.Wait()
	sampling.Wait()

	counts := map[int]int{}
	for _, s := range statuses {
		counts[s]++
	}
	if counts[400]+counts[429] != flood {
		t.Errorf("attack answers by status: %v, want only 400 (refused) or 429 (too many at once)", counts)
	}
	if dashboardFailures > 0 {
		t.Errorf("%d of bob's %d dashboards failed", dashboardFailures, len(dashboards))
	}
	if peak-base > 300<<20 {
		t.Errorf("peak RSS %d MB, %d MB over the %d MB before the flood; want under 300 MB more", peak>>20, (peak-base)>>20, base>>20)
	}
	t.Logf("attacks: %v; latency p50 %v max %v; bob's dashboard: %d requests, p50 %v max %v; peak RSS %d MB",
		counts, percentile(took, 50), percentile(took, 100), len(dashboards),
		percentile(dashboards, 50), percentile(dashboards, 100), peak>>20)
	t.Logf("RSS before the flood %d MB", base>>20)
}

func percentile(d []time.Duration, p int) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), d...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[(len(s)-1)*p/100]
}

// BenchmarkQueryCostOverhead: what the query-cost middleware adds to a
// plain user's list with a filter, a sort and an expand (60 of alice's food
// logs), both routers served alternately in one run.
func BenchmarkQueryCostOverhead(b *testing.B) {
	app := testapp.New(b)
	app.Settings().RateLimits.Enabled = false
	costFixture(b, app)
	bulkFoodLogs(b, app, "alice", publicFoodB, 58)
	muxes := benchmarkMuxes(b, app, hooks.QueryCostMiddlewareId)
	url := recordsURL(collections.FoodLogs, "", "filter", "servings > 0 && food.food_name != ''", "sort", "-date_time", "expand", "food")

	var elapsed [2][]time.Duration // [without, with] the middleware
	list := func(with bool) {
		req := httptest.NewRequest(http.MethodGet, url, nil)
		req.Header.Set("Authorization", testapp.Token("alice"))
		res := httptest.NewRecorder()
		start := time.Now()
		muxes[with].ServeHTTP(res, req)
		i := 0
		if with {
			i = 1
		}
		elapsed[i] = append(elapsed[i], time.Since(start))
		if res.Code != http.StatusOK || !strings.Contains(res.Body.String(), `"totalItems":60`) {
			b.Fatalf("status %d: %.200s", res.Code, res.Body)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		list(i%2 == 0)
		list(i%2 != 0)
	}
	without, with := median(elapsed[0]), median(elapsed[1])
	b.ReportMetric(without, "ns/list-without")
	b.ReportMetric(with, "ns/list-with")
	b.ReportMetric(100*(with-without)/without, "%overhead")
}
