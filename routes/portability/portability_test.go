package portability_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"trackbase/collections"
	"trackbase/internal/testapp"
)

// fill gives alice and bob a little of everything: alice logs her own food
// and bob's public one; bob's private food and rows must never leave with
// alice's export.
func fill(t *testing.T, app core.App) (bobPublicFood, bobPrivateFood string) {
	alice, bob := testapp.ID("alice"), testapp.ID("bob")
	food := func(name, owner string, public bool) string {
		return testapp.Save(t, app, collections.Foods, map[string]any{"food_name": name, "serving_size": 100, "unit": "g",
			"calories": 250, "protein": 10, "food_group": "grain", "created_by": owner, "make_public": public})
	}
	aliceFood := food("Alice bread", alice, false)
	bobPublicFood = food("Bob oats", bob, true)
	bobPrivateFood = food("Bob secret", bob, false)
	for i, w := range []float64{80.5, 80.1} {
		testapp.Save(t, app, collections.WeightLogs, map[string]any{"user": alice, "weight": w, "weight_unit": "kg",
			"date_time": []string{"2026-03-01 07:00:00.000Z", "2026-03-02 07:00:00.000Z"}[i]})
	}
	testapp.Save(t, app, collections.WeightLogs, map[string]any{"user": bob, "weight": 99, "weight_unit": "kg", "date_time": "2026-03-01 07:00:00.000Z"})
	meal := testapp.Save(t, app, collections.Meals, map[string]any{"user": alice, "meal_name": "Breakfast"})
	testapp.Save(t, app, collections.MealFoods, map[string]any{"meal": meal, "food": aliceFood, "servings": 1})
	testapp.Save(t, app, collections.FoodLogs, map[string]any{"user": alice, "food": aliceFood, "meal": meal, "servings": 2, "date_time": "2026-03-01 08:00:00.000Z"})
	testapp.Save(t, app, collections.FoodLogs, map[string]any{"user": alice, "food": bobPublicFood, "servings": 1.5, "date_time": "2026-03-02 08:00:00.000Z"})
	testapp.Save(t, app, collections.FoodLogs, map[string]any{"user": bob, "food": bobPrivateFood, "servings": 1, "date_time": "2026-03-02 08:00:00.000Z"})
	testapp.Save(t, app, collections.SleepLogs, map[string]any{"user": alice, "date": "2026-03-01 00:00:00.000Z", "time_went_to_bed": "23:00", "time_got_out_of_bed": "07:00"})
	workout := testapp.Save(t, app, collections.Workouts, map[string]any{"user": alice, "workout_name": "Squat", "type": "barbell"})
	testapp.Save(t, app, collections.WorkoutLogs, map[string]any{"user": alice, "workout": workout, "weight": 100, "weight_unit": "kg", "reps": 5, "date_time": "2026-03-01 18:00:00.000Z"})
	return bobPublicFood, bobPrivateFood
}

func newApp(t *testing.T) (*tests.TestApp, http.Handler) {
	app := testapp.New(t)
	return app, testapp.Handler(t, app)
}

func send(t *testing.T, h http.Handler, method, url, user string, body io.Reader, contentType string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, url, body)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	req.Header.Set("Authorization", testapp.Token(user))
	res := httptest.NewRecorder()
	h.ServeHTTP(res, req)
	return res
}

func unzip(t *testing.T, b []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("not a zip (%v): %.200s", err, b)
	}
	out := map[string][]byte{}
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name], _ = io.ReadAll(r)
		r.Close()
	}
	return out
}

type manifest struct {
	Version     int               `json:"version"`
	TimeZone    string            `json:"time_zone"`
	Collections []string          `json:"collections"`
	Counts      map[string]int    `json:"counts"`
	Referenced  map[string]int    `json:"referenced"`
	Owners      map[string]string `json:"owners"`
}

func exportOf(t *testing.T, h http.Handler, user, format string) (manifest, map[string][]byte) {
	t.Helper()
	res := send(t, h, http.MethodGet, "/api/export?format="+format, user, nil, "")
	if res.Code != http.StatusOK || res.Header().Get("Content-Type") != "application/zip" {
		t.Fatalf("export %s: %d %s", format, res.Code, res.Body)
	}
	files := unzip(t, res.Body.Bytes())
	var m manifest
	if err := json.Unmarshal(files["manifest.json"], &m); err != nil {
		t.Fatal(err)
	}
	return m, files
}

// ownedCount counts a user's rows of a collection of their data, through
// its owner path.
func ownedCount(t *testing.T, app core.App, collection, user string) int {
	g, err := collections.Ownership(app)
	if err != nil {
		t.Fatal(err)
	}
	n, err := app.CountRecords(collection, dbx.NewExp("1=1"))
	if err != nil {
		t.Fatal(err)
	}
	recs, err := app.FindRecordsByFilter(collection, g[collection].Path+" = {:u}", "", int(n)+1, 0, dbx.Params{"u": user})
	if err != nil {
		t.Fatal(err)
	}
	return len(recs)
}

func TestExportHoldsTheCallersRowsOnly(t *testing.T) {
	app, h := newApp(t)
	bobPublic, bobPrivate := fill(t, app)
	for _, format := range []string{"json", "csv"} {
		m, files := exportOf(t, h, "alice", format)
		if m.Version != 1 || m.TimeZone != "UTC" {
			t.Errorf("%s manifest: %+v", format, m)
		}
		want := map[string]int{collections.WeightLogs: 2, collections.FoodLogs: 2, collections.Foods: 1, collections.Meals: 1,
			collections.MealFoods: 1, collections.SleepLogs: 1, collections.Workouts: 1, collections.WorkoutLogs: 1, collections.StepsLogs: 0}
		for c, n := range want {
			if m.Counts[c] != n {
				t.Errorf("%s: %d %s rows, want %d", format, m.Counts[c], c, n)
			}
		}
		// every collection's count is what the database holds for alice
		for _, c := range m.Collections {
			if got := ownedCount(t, app, c, testapp.ID("alice")); m.Counts[c] != got {
				t.Errorf("%s: manifest counts %d %s, the database %d", format, m.Counts[c], c, got)
			}
			if _, ok := files[c+"."+format]; !ok {
				t.Errorf("%s: no file for %s", format, c)
			}
		}
		if m.Referenced[collections.Foods] != 1 || !bytes.Contains(files["referenced/foods."+format], []byte(bobPublic)) {
			t.Errorf("%s: bob's public food alice logged is not in referenced/: %v", format, m.Referenced)
		}
		for name, b := range files {
			for _, secret := range []string{testapp.ID("bob"), bobPrivate, "Bob secret", "99"} {
				if bytes.Contains(b, []byte(secret)) && !(secret == "99" && name != "weight_logs."+format) {
					t.Errorf("%s: %s holds %q of bob", format, name, secret)
				}
			}
		}
	}
	if res := send(t, h, http.MethodGet, "/api/export?format=xml", "alice", nil, ""); res.Code != http.StatusBadRequest || !strings.Contains(res.Body.String(), "format") {
		t.Errorf("format=xml: %d %s", res.Code, res.Body)
	}
}

func upload(t *testing.T, h http.Handler, user, query, name string, content []byte) *httptest.ResponseRecorder {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(content)
	mw.Close()
	return send(t, h, http.MethodPost, "/api/import?"+query, user, &body, mw.FormDataContentType())
}

type result struct {
	Created  map[string]int `json:"created"`
	Existing map[string]int `json:"existing"`
	From     string         `json:"from"`
	To       string         `json:"to"`
	Problems []struct {
		Line   int    `json:"line"`
		Column string `json:"column"`
		Why    string `json:"why"`
	} `json:"problems"`
}

func decode(t *testing.T, res *httptest.ResponseRecorder) result {
	t.Helper()
	var env struct{ Data result }
	if err := json.Unmarshal(res.Body.Bytes(), &env); err != nil {
		t.Fatalf("%d %s", res.Code, res.Body)
	}
	return env.Data
}

// rowsOf describes a user's rows of each collection of their data without
// ids, times of creation and owners; a relation is replaced by the described
// row it points to, so two accounts holding the same data compare equal.
func rowsOf(t *testing.T, app core.App, user string) map[string][]string {
	g, _ := collections.Ownership(app)
	describe := func(r *core.Record, deep bool, self func(*core.Record, bool) string) string {
		m := map[string]any{}
		for _, f := range r.Collection().Fields {
			n := f.GetName()
			if slices.Contains([]string{"id", "created", "updated", "import_source", "import_key"}, n) || n == g[r.Collection().Name].Field && g[r.Collection().Name].Parent == collections.Users {
				continue
			}
			if rel, ok := f.(*core.RelationField); ok && deep {
				if target, err := app.FindRecordById(rel.CollectionId, r.GetString(n)); err == nil {
					if _, owned := g[target.Collection().Name]; owned {
						m[n] = self(target, false)
						continue
					}
				}
			}
			if n == "make_public" || n == g[r.Collection().Name].Field {
				continue // copies of others' rows are private and the user's
			}
			m[n] = r.Get(n)
		}
		b, _ := json.Marshal(m)
		return string(b)
	}
	var self func(*core.Record, bool) string
	self = func(r *core.Record, deep bool) string { return describe(r, deep, self) }
	out := map[string][]string{}
	for _, name := range g.Names() {
		c, _ := app.FindCollectionByNameOrId(name)
		if c.CreateRule == nil || name == collections.Foods {
			continue // foods are compared through the rows that point to them
		}
		recs, err := app.FindRecordsByFilter(name, g[name].Path+" = {:u}", "", 10000, 0, dbx.Params{"u": user})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range recs {
			out[name] = append(out[name], self(r, true))
		}
		slices.Sort(out[name])
	}
	return out
}

func TestExportThenImportIntoAFreshAccountGivesTheSameData(t *testing.T) {
	for _, format := range []string{"json", "csv"} {
		t.Run(format, func(t *testing.T) {
			app, h := newApp(t)
			fill(t, app)
			res := send(t, h, http.MethodGet, "/api/export?format="+format, "alice", nil, "")
			archive := res.Body.Bytes()
			bobBefore := rowsOf(t, app, testapp.ID("bob"))
			// a new account starts with rows of its own (goals, muscle priorities)
			carolBefore := rowsOf(t, app, testapp.ID("carol"))

			dry := upload(t, h, "carol", "format=trackbase&dry_run=true", "export.zip", archive)
			if dry.Code != http.StatusOK || decode(t, dry).Created[collections.FoodLogs] != 2 || decode(t, dry).From != "2026-03-01" || decode(t, dry).To != "2026-03-02" {
				t.Fatalf("dry run: %d %s", dry.Code, dry.Body)
			}
			if got := rowsOf(t, app, testapp.ID("carol")); !equalJSON(got, carolBefore) {
				t.Fatalf("the dry run wrote %v", got)
			}
			first := upload(t, h, "carol", "format=trackbase&dry_run=false", "export.zip", archive)
			if first.Code != http.StatusOK {
				t.Fatalf("import: %d %s", first.Code, first.Body)
			}
			if got := decode(t, first).Created; got[collections.Foods] != 2 || got[collections.WeightLogs] != 2 || got[collections.WorkoutLogs] != 1 {
				t.Errorf("created %v", got)
			}
			// carol holds every row of alice, and nothing else but what she had
			alice, carol := rowsOf(t, app, testapp.ID("alice")), rowsOf(t, app, testapp.ID("carol"))
			for c, rows := range alice {
				if extra := minus(carol[c], rows); len(carol[c])-len(extra) != len(rows) || len(minus(extra, carolBefore[c])) != 0 {
					t.Errorf("%s: alice has\n%v\ncarol has\n%v", c, rows, carol[c])
				}
			}
			again := upload(t, h, "carol", "format=trackbase", "export.zip", archive)
			if r := decode(t, again); again.Code != http.StatusOK || len(r.Created) != 0 || r.Existing[collections.FoodLogs] != 2 {
				t.Errorf("second import: %d %s", again.Code, again.Body)
			}
			if after := rowsOf(t, app, testapp.ID("bob")); !equalJSON(after, bobBefore) {
				t.Errorf("the import changed bob's rows")
			}
		})
	}
}

// minus is a without one instance of each element of b.
func minus(a, b []string) []string {
	left := slices.Clone(a)
	for _, x := range b {
		if i := slices.Index(left, x); i >= 0 {
			left = slices.Delete(left, i, i+1)
		}
	}
	return left
}

func equalJSON(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

func TestImportWithABrokenLineWritesNothing(t *testing.T) {
	app, h := newApp(t)
	fill(t, app)
	archive := send(t, h, http.MethodGet, "/api/export?format=csv", "alice", nil, "").Body.Bytes()
	files := unzip(t, archive)
	// the second weight row loses its weight
	files["weight_logs.csv"] = bytes.Replace(files["weight_logs.csv"], []byte("80.1"), []byte("heavy"), 1)
	line := 1 + bytes.Count(files["weight_logs.csv"][:bytes.Index(files["weight_logs.csv"], []byte("heavy"))], []byte("\n"))
	before := rowsOf(t, app, testapp.ID("carol"))
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, b := range files {
		w, _ := zw.Create(name)
		w.Write(b)
	}
	zw.Close()

	res := upload(t, h, "carol", "format=trackbase", "export.zip", buf.Bytes())
	r := decode(t, res)
	if res.Code != http.StatusBadRequest || len(r.Problems) != 1 || r.Problems[0].Line != line || r.Problems[0].Column != "weight" ||
		!strings.Contains(r.Problems[0].Why, `not a number: "heavy"`) {
		t.Errorf("want 400 naming line %d, column weight: %d %s", line, res.Code, res.Body)
	}
	if got := rowsOf(t, app, testapp.ID("carol")); !equalJSON(got, before) {
		t.Errorf("a failed import wrote %v", got)
	}
}

func TestImportRefusals(t *testing.T) {
	_, h := newApp(t)
	for _, c := range []struct {
		user, query string
		file        []byte
		status      int
		says        string
	}{
		{"alice", "format=nope", []byte("x"), 400, "unknown format"},
		{"alice", "format=trackbase", []byte("not a zip"), 400, "not a zip"},
		{"alice", "format=trackbase&dry_run=maybe", []byte("x"), 400, "dry_run"},
		{"alice", "format=trackbase&unit=stone", []byte("x"), 400, "unit"},
		{"gus", "format=trackbase", []byte("x"), 403, "read-only"},
	} {
		res := upload(t, h, c.user, c.query, "f", c.file)
		if res.Code != c.status || !strings.Contains(res.Body.String(), c.says) {
			t.Errorf("%s %s: %d %s", c.user, c.query, res.Code, res.Body)
		}
	}
}

// Every collection of a user's data remembers where imported rows came from;
// a collection added after the import_keys migration gets the fields in its
// own migration (addImportKeyFields).
func TestEveryCollectionOfUserDataHasImportKeys(t *testing.T) {
	app := testapp.New(t)
	g, err := collections.Ownership(app)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range g.Names() {
		c, _ := app.FindCollectionByNameOrId(name)
		if c.CreateRule == nil {
			continue
		}
		if c.Fields.GetByName("import_source") == nil || c.Fields.GetByName("import_key") == nil {
			t.Errorf("%s has no import_source/import_key fields", name)
		}
	}
}
