package foods_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/dbx"

	"trackbase/fooddb"
	"trackbase/internal/testapp"
)

// BenchmarkSearch times GET /api/foods/search in-process over the 8,789 USDA
// foods plus 10,000 user foods (named after USDA foods: "… (home N)", a
// hundred of them alice's, the rest private to bob), alice having logged
// 2,000 times, for the queries of the ranking table in turn; at concurrency
// 1 and 16, with p50/p99 reported per request.
//
//	go test -run '^$' -bench Search -benchtime 2000x ./routes/foods/
func BenchmarkSearch(b *testing.B) {
	app := testapp.New(b)
	for _, sql := range []string{
		`WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 9999),
			u AS (SELECT id, food_name, row_number() OVER (ORDER BY id) - 1 AS k FROM foods WHERE source = 'usda')
		INSERT INTO foods (id, food_name, serving_size, unit, food_group, make_public, created_by, source, unknown_nutrients, created, updated)
		SELECT printf('userfood%07d', i), u.food_name || ' (home ' || i || ')',
			100, 'g', 'other', 0, CASE WHEN i % 100 = 0 THEN {:alice} ELSE {:bob} END, 'user', '[]',
			'2026-01-01 00:00:00.000Z', '2026-01-01 00:00:00.000Z' FROM n JOIN u ON u.k = (n.i * 7) % 8789`,
		`WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 1999),
			u AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM foods WHERE source = 'usda')
		INSERT INTO food_logs (id, user, food, servings, measurement, date_time, created, updated)
		SELECT printf('benchlog%07d', i), {:alice}, u.id, 1, 'g', '2026-01-01 12:00:00.000Z', '2026-01-01 12:00:00.000Z',
			'2026-01-01 12:00:00.000Z' FROM n JOIN u ON u.k = (n.i * 13) % 300`,
	} {
		if _, err := app.DB().NewQuery(sql).Bind(dbx.Params{"alice": testapp.ID("alice"), "bob": testapp.ID("bob")}).Execute(); err != nil {
			b.Fatal(err)
		}
	}
	h := testapp.Handler(b, app)
	token := testapp.Token("alice")
	for _, c := range []int{1, 16} {
		b.Run("c"+strconv.Itoa(c), func(b *testing.B) {
			var (
				mu    sync.Mutex
				took  []time.Duration
				next  = make(chan int)
				wg    sync.WaitGroup
				fails int
			)
			for range c {
				wg.Go(func() {
					for i := range next {
						q := fooddb.RankingTable[i%len(fooddb.RankingTable)].Query
						req := httptest.NewRequest(http.MethodGet, "/api/foods/search?limit=20&q="+url.QueryEscape(q), nil)
						req.Header.Set("Authorization", token)
						rec := httptest.NewRecorder()
						start := time.Now()
						h.ServeHTTP(rec, req)
						d := time.Since(start)
						mu.Lock()
						took = append(took, d)
						if rec.Code != 200 {
							fails++
						}
						mu.Unlock()
					}
				})
			}
			b.ResetTimer()
			for i := range b.N {
				next <- i
			}
			close(next)
			wg.Wait()
			if fails > 0 {
				b.Fatalf("%d failed requests", fails)
			}
			sort.Slice(took, func(i, j int) bool { return took[i] < took[j] })
			b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50_ms")
			b.ReportMetric(float64(took[len(took)*99/100].Microseconds())/1000, "p99_ms")
		})
	}
}
