package foods_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"trackbase/collections"
	"trackbase/internal/testapp"
)

// fakeOFF serves Open Food Facts answers on loopback: the shared samples
// when present, and fixtures of its own: a product without nutriments, an
// unknown code (404 with status 0, as the live API answers) and a failing
// server for one code.
func fakeOFF(t testing.TB) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	answers := map[string]string{
		"96385074": `{"code":"96385074","status":1,"product":{"product_name":"Mystery box"}}`,
	}
	dir := "../../../shared/data/import-samples/openfoodfacts"
	if files, err := filepath.Glob(filepath.Join(dir, "product-*.json")); err == nil {
		for _, f := range files {
			code := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(f), "product-"), ".json")
			if body, err := os.ReadFile(f); err == nil && code != "not-found" {
				answers[code] = string(body)
			}
		}
	}
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		code := strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/api/v2/product/"), ".json")
		if code == "40063813339310" || code == "4006381333931" {
			http.Error(w, "upstream exploded", http.StatusBadGateway)
			return
		}
		if body, ok := answers[code]; ok {
			w.Write([]byte(body))
			return
		}
		w.WriteHeader(http.StatusNotFound)
		json.NewEncoder(w).Encode(map[string]any{"code": code, "status": 0, "status_verbose": "product not found"})
	}))
	t.Cleanup(srv.Close)
	return srv, &calls
}

func sharedSamples(t testing.TB) {
	if _, err := os.Stat("../../../shared/data/import-samples/openfoodfacts"); err != nil {
		t.Skip("no shared Open Food Facts samples")
	}
}

func TestBarcodeLocalFoods(t *testing.T) {
	url := func(code string) string { return "/api/foods/barcode/" + code }
	seed := func(t testing.TB) *tests.TestApp {
		app := testapp.NewUnmanaged(t)
		testapp.Save(t, app, collections.Foods, map[string]any{"id": "alicesbarcode00", "food_name": "Alice's granola", "serving_size": 50,
			"unit": "g", "food_group": "grain", "created_by": testapp.ID("alice"), "barcode": "0036000291452"})
		testapp.Save(t, app, collections.Foods, map[string]any{"id": "publicbarcode00", "food_name": "Granola", "serving_size": 50,
			"unit": "g", "food_group": "grain", "make_public": true, "barcode": "036000291452"})
		return app
	}
	for _, s := range []tests.ApiScenario{
		{Name: "alice gets her own food first, whatever form of the code", URL: url("00036000291452"), Headers: testapp.Auth("alice"),
			ExpectedStatus: 200, ExpectedContent: []string{`"id":"alicesbarcode00"`, `"barcode":"0036000291452"`, `"from":"local"`}},
		{Name: "bob gets the public one, never alice's", URL: url("036000291452"), Headers: testapp.Auth("bob"),
			ExpectedStatus: 200, ExpectedContent: []string{`"id":"publicbarcode00"`}, NotExpectedContent: []string{"alicesbarcode00"}},
		{Name: "a wrong check digit", URL: url("036000291453"), Headers: testapp.Auth("bob"),
			ExpectedStatus: 400, ExpectedContent: []string{`"code":{"code":"validation_invalid_code"`, "check digit"}},
		{Name: "unknown, no lookup configured", URL: url("96385074"), Headers: testapp.Auth("bob"),
			ExpectedStatus: 404, ExpectedContent: []string{"No food you can see has this barcode."}},
		{Name: "no token", URL: url("96385074"), ExpectedStatus: 401, ExpectedContent: []string{`"data":{}`}},
	} {
		s.Method = http.MethodGet
		s.TestAppFactory = seed
		s.Test(t)
	}
}

// A barcode saved in any form is stored normalised; a bad one is refused.
func TestBarcodeFieldNormalised(t *testing.T) {
	foods := "/api/collections/foods/records"
	body := func(code string) *strings.Reader {
		return strings.NewReader(`{"food_name":"Bar","serving_size":40,"unit":"g","food_group":"other","barcode":"` + code + `"}`)
	}
	for _, s := range []tests.ApiScenario{
		{Name: "UPC-A as printed", Body: body("0 36000 29145 2"), ExpectedStatus: 200, ExpectedContent: []string{`"barcode":"0036000291452"`}},
		{Name: "bad check digit", Body: body("036000291453"), ExpectedStatus: 400, ExpectedContent: []string{`"barcode":{"code":"validation_invalid_barcode"`}},
		{Name: "letters", Body: body("ABC"), ExpectedStatus: 400, ExpectedContent: []string{`"barcode":{`}},
	} {
		s.Method, s.URL, s.Headers = http.MethodPost, foods, testapp.Auth("alice")
		s.TestAppFactory = testapp.Factory()
		s.Test(t)
	}
}

func TestBarcodeOpenFoodFacts(t *testing.T) {
	sharedSamples(t)
	srv, calls := fakeOFF(t)
	t.Setenv("TRACKBASE_OFF_URL", srv.URL)
	url := func(code string) string { return "/api/foods/barcode/" + code }
	var before int32
	for _, s := range []tests.ApiScenario{
		// Harrys bread: per 100 g, sodium 0.452 g = 452 mg; calcium not stated: unknown
		{Name: "a product Open Food Facts knows becomes a public food", URL: url("3228857000852"),
			ExpectedStatus: 200, ExpectedContent: []string{`"from":"openfoodfacts"`, `"food_name":"Pain 100% mie nature PT"`,
				`"brand":"Harrys"`, `"calories":268`, `"sodium":452`, `"source":"openfoodfacts"`, `"source_id":"3228857000852"`,
				`"make_public":true`, `"unknown_nutrients":["trans_fat","calcium"`, "Open Database License"},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				rec, err := app.FindFirstRecordByData(collections.Foods, "barcode", "3228857000852")
				if err != nil || rec.GetString("created_by") != "" {
					t.Fatalf("stored food: %v %v", rec, err)
				}
			}},
		{Name: "a stored product answers without a lookup", URL: url("3228857000852"),
			BeforeTestFunc: func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) {
				testapp.Save(t, app, collections.Foods, map[string]any{"id": "offbread0000000", "food_name": "Pain de mie",
					"serving_size": 100, "unit": "g", "food_group": "grain", "make_public": true, "barcode": "3228857000852"})
				before = calls.Load()
			},
			ExpectedStatus: 200, ExpectedContent: []string{`"id":"offbread0000000"`, `"from":"local"`},
			AfterTestFunc: func(t testing.TB, _ *tests.TestApp, _ *http.Response) {
				if n := calls.Load() - before; n != 0 {
					t.Errorf("%d lookups", n)
				}
			}},
		{Name: "a product without nutrition facts", URL: url("96385074"), ExpectedStatus: 404,
			ExpectedContent: []string{"no nutrition facts"}, AfterTestFunc: noFood("96385074")},
		{Name: "a product Open Food Facts does not know", URL: url("12345670"), ExpectedStatus: 404,
			ExpectedContent: []string{"does not know this barcode"}, AfterTestFunc: noFood("12345670")},
		{Name: "the server fails: 503 and an error_logs row", URL: url("4006381333931"), ExpectedStatus: 503,
			ExpectedContent: []string{"Open Food Facts could not be reached"},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				n, err := app.CountRecords(collections.ErrorLogs, dbx.HashExp{"error_type": "upstream_error", "status": 503})
				if err != nil || n != 1 {
					t.Errorf("error_logs rows: %d (%v), want 1", n, err)
				}
			}},
	} {
		s.Method, s.Headers = http.MethodGet, testapp.Auth("alice")
		s.TestAppFactory = testapp.Factory()
		s.Test(t)
	}
}

func noFood(code string) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, app *tests.TestApp, _ *http.Response) {
		if n, _ := app.CountRecords(collections.Foods, dbx.HashExp{"barcode": code}); n != 0 {
			t.Errorf("%d foods stored for %s", n, code)
		}
	}
}
