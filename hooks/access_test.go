package hooks_test

import (
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"net/http"
	"net/url"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/types"
	"github.com/pocketbase/pocketbase/ui"

	"trackbase/collections"
	"trackbase/internal/testapp"
	"trackbase/registry"
	"trackbase/rollups"
)

// rowID is the fixed record id of a fixture row (15 hex characters, a valid
// PocketBase id), so that scenario URLs and bodies can name rows that
// BeforeTestFunc makes later.
func rowID(parts ...string) string {
	sum := sha1.Sum([]byte(strings.Join(parts, "/")))
	return hex.EncodeToString(sum[:])[:15]
}

// Rows cases refer to: two extra muscles nobody has a muscle_logs row for,
// two public foods and a public workout, both created by carol.
var (
	muscleA       = rowID("muscle", "a")
	muscleB       = rowID("muscle", "b")
	publicFoodA   = rowID("food", "public-a")
	publicFoodB   = rowID("food", "public-b")
	publicWorkout = rowID("workout", "public")
)

func findFixtureUser(t testing.TB, app core.App, username string) *core.Record {
	t.Helper()
	rec, err := app.FindRecordById(collections.Users, testapp.ID(username))
	if err != nil {
		t.Fatalf("user %s: %v", username, err)
	}
	return rec
}

// saveRow saves a row with the given id through app.Save (hooks and
// validation run), unless a row with that id exists already.
func saveRow(t testing.TB, app core.App, collection, id string, fields map[string]any) *core.Record {
	t.Helper()
	if rec, err := app.FindRecordById(collection, id); err == nil {
		return rec
	}
	col, err := app.FindCachedCollectionByNameOrId(collection)
	if err != nil {
		t.Fatal(err)
	}
	rec := core.NewRecord(col)
	rec.Id = id
	for k, v := range fields {
		rec.Set(k, v)
	}
	if err := app.Save(rec); err != nil {
		t.Fatalf("fixture %s %v: %v", collection, fields, err)
	}
	return rec
}

func testMuscles(t testing.TB, app core.App, _ string) {
	saveRow(t, app, collections.Muscles, muscleA, map[string]any{"muscle_name": "Test muscle A", "muscle_group": "other"})
	saveRow(t, app, collections.Muscles, muscleB, map[string]any{"muscle_name": "Test muscle B", "muscle_group": "other"})
}

func publicFoods(t testing.TB, app core.App, _ string) {
	for _, id := range []string{publicFoodA, publicFoodB} {
		saveRow(t, app, collections.Foods, id, map[string]any{"food_name": "Public food " + id, "serving_size": 100,
			"unit": "g", "calories": 52, "food_group": "fruit", "make_public": true, "created_by": testapp.ID("carol")})
	}
}

func publicWorkoutRow(t testing.TB, app core.App, _ string) {
	saveRow(t, app, collections.Workouts, publicWorkout, map[string]any{"user": testapp.ID("carol"),
		"workout_name": "Public bench press", "type": "barbell", "make_public": true})
}

// Parent rows of the child collections, one per user.
func userMeal(t testing.TB, app core.App, user string) {
	saveRow(t, app, collections.Meals, rowID(collections.Meals, user), map[string]any{"user": testapp.ID(user), "meal_name": "Breakfast"})
}

func userWorkout(t testing.TB, app core.App, user string) {
	saveRow(t, app, collections.Workouts, rowID(collections.Workouts, user), map[string]any{"user": testapp.ID(user),
		"workout_name": "Squat", "type": "barbell"})
}

// ownedCase describes one owned collection (collections.Ownership) with the
// values of its fixture rows and the access its rules should give.
type ownedCase struct {
	collection string
	// ownerField says whose a row is: a relation to users, or to the parent
	// row (whose case is parent).
	ownerField, parentCollection string
	parent                       *ownedCase
	// needs makes the rows a row of user's refers to, other than its parent.
	needs func(t testing.TB, app core.App, user string)
	// row is the fixture row; create a valid new row and update a valid
	// change (all without ownerField). row and create differ in their unique keys.
	row, create, update map[string]any
	// serverWritten: no create/update/delete through the API, for anybody
	// but superusers. appendOnly: create only. adminsRead: only admins read,
	// not the owner (error_logs).
	serverWritten, appendOnly, adminsRead bool
}

// direct reports whether a row names its owning user itself.
func (c ownedCase) direct() bool { return c.parentCollection == collections.Users }

// owner is the ownerField value of user's rows.
func (c ownedCase) owner(user string) string {
	if c.direct() {
		return testapp.ID(user)
	}
	return rowID(c.parentCollection, user)
}

// prerequisites makes the rows a row of user's needs: its parent row (and
// the parent's own) and the rows it refers to.
func (c ownedCase) prerequisites(t testing.TB, app core.App, user string) {
	t.Helper()
	if c.parent != nil {
		c.parent.fixtureRow(t, app, user)
	}
	if c.needs != nil {
		c.needs(t, app, user)
	}
}

// fixtureRow makes user's fixture row (id rowID(collection, user)).
func (c ownedCase) fixtureRow(t testing.TB, app core.App, user string) *core.Record {
	t.Helper()
	c.prerequisites(t, app, user)
	fields := maps.Clone(c.row)
	fields[c.ownerField] = c.owner(user)
	return saveRow(t, app, c.collection, rowID(c.collection, user), fields)
}

func jsonBody(t testing.TB, v map[string]any) *strings.Reader {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return strings.NewReader(string(b))
}

func with(m map[string]any, k string, v any) map[string]any {
	m = maps.Clone(m)
	m[k] = v
	return m
}

// caseValues are the fixture values of the owned collections whose rows
// need particular ones, and the access of those whose rules are not a
// tracker's. Any other owned collection gets rows made from its fields and
// is expected to behave as a tracker (see ownedCases).
var caseValues = map[string]ownedCase{
	collections.UserGoals: {appendOnly: true,
		row: map[string]any{"calories_goal": 2000}, create: map[string]any{"calories_goal": 2100}, update: map[string]any{"calories_goal": 2200}},
	collections.Meals: {row: map[string]any{"meal_name": "Lunch"}, create: map[string]any{"meal_name": "Dinner"}, update: map[string]any{"meal_name": "Supper"}},
	collections.Foods: {row: map[string]any{"food_name": "Rye bread", "serving_size": 40, "unit": "g", "food_group": "grain"},
		create: map[string]any{"food_name": "Oats", "serving_size": 40, "unit": "g", "food_group": "grain"},
		update: map[string]any{"calories": 150}},
	collections.MealFoods: {needs: publicFoods,
		row: map[string]any{"food": publicFoodA, "servings": 1}, create: map[string]any{"food": publicFoodB, "servings": 2},
		update: map[string]any{"servings": 3}},
	collections.FoodLogs: {needs: publicFoods,
		row: map[string]any{"food": publicFoodA, "servings": 1}, create: map[string]any{"food": publicFoodB, "servings": 2},
		update: map[string]any{"servings": 1.5}},
	collections.WeightLogs: {row: map[string]any{"weight": 80, "weight_unit": "kg"}, create: map[string]any{"weight": 176, "weight_unit": "lb"},
		update: map[string]any{"weight": 79.5}},
	collections.BodyMeasurementLogs: {row: map[string]any{"waist": 82, "unit": "cm"}, create: map[string]any{"upper_arm": 14, "unit": "in"},
		update: map[string]any{"waist": 81}},
	collections.WaterLogs: {row: map[string]any{"amount": 500, "unit": "ml"}, create: map[string]any{"amount": 2, "unit": "cup"},
		update: map[string]any{"amount": 750}},
	collections.StepsLogs: {row: map[string]any{"steps": 8000}, create: map[string]any{"steps": 12000}, update: map[string]any{"steps": 9000}},
	collections.CardioLogs: {row: map[string]any{"cardio_type": "run", "duration": 30, "distance": 5, "distance_unit": "km", "heart_rate": 150},
		create: map[string]any{"cardio_type": "bike", "duration": 60}, update: map[string]any{"duration": 35}},
	collections.Workouts: {row: map[string]any{"workout_name": "Squat", "type": "barbell"},
		create: map[string]any{"workout_name": "Curl", "type": "dumbbell"}, update: map[string]any{"notes": "slow eccentric"}},
	collections.WorkoutMuscles: {needs: testMuscles,
		row: map[string]any{"muscle": muscleA, "activation_rating": 90}, create: map[string]any{"muscle": muscleB, "activation_rating": 40},
		update: map[string]any{"activation_rating": 80}},
	collections.MuscleLogs: {needs: testMuscles,
		row: map[string]any{"muscle": muscleA, "priority": 90}, create: map[string]any{"muscle": muscleB, "priority": 50},
		update: map[string]any{"priority": 70}},
	collections.WorkoutLogs: {needs: publicWorkoutRow,
		row:    map[string]any{"workout": publicWorkout, "weight": 100, "weight_unit": "kg", "reps": 5, "rir": 2},
		create: map[string]any{"workout": publicWorkout, "weight": 225, "weight_unit": "lb", "reps": 3}, update: map[string]any{"reps": 6}},
	collections.Splits: {row: map[string]any{"split_name": "PPL"}, create: map[string]any{"split_name": "Upper/Lower", "start_date": "2026-01-05 00:00:00.000Z"},
		update: map[string]any{"split_name": "Push Pull Legs"}},
	collections.SplitDays: {row: map[string]any{"day_name": "Push", "day_order": 1}, create: map[string]any{"day_name": "Pull", "day_order": 2},
		update: map[string]any{"day_name": "Chest"}},
	collections.SplitDayTargets: {needs: testMuscles,
		row: map[string]any{"muscle": muscleA, "target_activation": 300}, create: map[string]any{"muscle": muscleB, "target_activation": 200},
		update: map[string]any{"target_activation": 250}},
	collections.SleepLogs: {row: map[string]any{"date": "2026-01-01 00:00:00.000Z", "time_went_to_bed": "23:00", "time_got_out_of_bed": "07:00"},
		create: map[string]any{"date": "2026-01-02 00:00:00.000Z", "time_went_to_bed": "22:30", "time_got_out_of_bed": "06:30", "time_in_deep_sleep": 90},
		update: map[string]any{"number_of_times_woke_up": 2}},
	collections.HealthMetricsLogs: {row: map[string]any{"date": "2026-01-01 00:00:00.000Z", "mood": 7},
		create: map[string]any{"date": "2026-01-02 00:00:00.000Z", "blood_pressure_systolic": 120, "blood_pressure_diastolic": 80},
		update: map[string]any{"mood": 8}},
	collections.APIUsageLogs: {serverWritten: true,
		row: map[string]any{"request_type": "parse_meal", "tokens_used": 120}, create: map[string]any{"request_type": "chat"},
		update: map[string]any{"tokens_used": 0}},
	rollups.Collection: {serverWritten: true,
		row: map[string]any{"day": "2020-02-02"}, create: map[string]any{"day": "2020-02-03"}, update: map[string]any{"entries": 3}},
	collections.ErrorLogs: {serverWritten: true, adminsRead: true,
		row: map[string]any{"error_type": "timeout"}, create: map[string]any{"error_type": "upstream_error"},
		update: map[string]any{"error_message": "edited"}},
}

// tableRows is every row of a table, for "the database is unchanged" checks.
func tableRows(t testing.TB, app core.App, table string) []dbx.NullStringMap {
	t.Helper()
	var rows []dbx.NullStringMap
	if err := app.DB().Select("*").From(table).OrderBy("id").All(&rows); err != nil {
		t.Fatal(err)
	}
	return rows
}

// unchangedTables returns a BeforeTestFunc wrapper that remembers the tables
// after the fixture is made, and an AfterTestFunc that fails when any differ.
func unchangedTables(tables ...string) (remember func(testing.TB, core.App), check func(testing.TB, *tests.TestApp, *http.Response)) {
	before := map[string][]dbx.NullStringMap{}
	remember = func(t testing.TB, app core.App) {
		for _, table := range tables {
			before[table] = tableRows(t, app, table)
		}
	}
	check = func(t testing.TB, app *tests.TestApp, _ *http.Response) {
		for _, table := range tables {
			if after := tableRows(t, app, table); !reflect.DeepEqual(before[table], after) {
				t.Errorf("%s changed: %d rows before, %d after", table, len(before[table]), len(after))
			}
		}
	}
	return remember, check
}

// Every scenario run builds a new router, and PocketBase then binds one more
// OnServe handler that registers the dashboard's /_/extensions.js, so a
// second run on a shared app would register it twice and panic. The tests
// serve no dashboard: run them as if built with PocketBase's no_ui tag.
func init() { ui.DistDirFS = nil }

// schemaChange changes a test app's schema before its scenarios run.
type schemaChange func(t testing.TB, app core.App)

// newApp is a test app with the schema changes applied.
func newApp(t testing.TB, changes ...schemaChange) *tests.TestApp {
	app := testapp.NewUnmanaged(t)
	for _, change := range changes {
		change(t, app)
	}
	return app
}

// sharedApp returns a factory that hands every scenario the same app, for
// scenarios that must leave the database as it was (each one checks that it
// did) or only add rows no other scenario looks at: a test app costs more
// than most scenarios. It is cleaned up with t.
func sharedApp(t *testing.T, changes ...schemaChange) func(testing.TB) *tests.TestApp {
	app := newApp(t, changes...)
	t.Cleanup(app.Cleanup)
	return func(testing.TB) *tests.TestApp { return app }
}

// runShared runs scenarios on one shared app.
func runShared(t *testing.T, scenarios []tests.ApiScenario, changes ...schemaChange) {
	factory := sharedApp(t, changes...)
	for _, s := range scenarios {
		s.TestAppFactory = factory
		s.DisableTestAppCleanup = true
		s.Test(t)
	}
}

// runFresh runs each scenario on an app of its own.
func runFresh(t *testing.T, scenarios []tests.ApiScenario, changes ...schemaChange) {
	for _, s := range scenarios {
		s.TestAppFactory = func(t testing.TB) *tests.TestApp { return newApp(t, changes...) }
		s.Test(t)
	}
}

func statusBody(status int) []string { return []string{fmt.Sprintf(`"status":%d`, status)} }

func listURL(collection, id string) string {
	return "/api/collections/" + collection + "/records?filter=" + url.QueryEscape(`id="`+id+`"`)
}

// isolationScenarios are the access scenarios of one owned collection around
// alice's fixture row: strangers, guests and admins, the superuser and alice.
// readOrRefused leave the database as it was; writes change it.
func isolationScenarios(t *testing.T, c ownedCase) (readOrRefused, writes []tests.ApiScenario) {
	aliceRow := rowID(c.collection, "alice")
	gusRow := rowID(c.collection, "gus")
	recordURL := "/api/collections/" + c.collection + "/records"
	aliceURL := recordURL + "/" + aliceRow

	// statuses PocketBase gives: 403 where no rule lets anyone but a
	// superuser act, else 404 for rows the rule hides and 400 for a
	// refused create
	createRefused, writeRefused := 400, 404
	if c.serverWritten {
		createRefused = 403
	}
	if c.serverWritten || c.appendOnly {
		writeRefused = 403
	}

	// every scenario starts from alice's and gus's fixture rows and bob's parents
	prepare := func(t testing.TB, app core.App) {
		c.fixtureRow(t, app, "alice")
		c.fixtureRow(t, app, "gus")
		c.prerequisites(t, app, "bob")
	}
	// refused is a scenario that must leave the table as it was
	refused := func(s tests.ApiScenario) tests.ApiScenario {
		remember, check := unchangedTables(c.collection)
		s.BeforeTestFunc = func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) { prepare(t, app); remember(t, app) }
		s.AfterTestFunc = check
		s.ExpectedContent = statusBody(s.ExpectedStatus)
		return s
	}
	ownBody := func(user string) map[string]any {
		if c.direct() {
			return c.create // the caller is filled in
		}
		return with(c.create, c.ownerField, c.owner(user))
	}
	// created is a scenario that must add exactly one row of user's (sign-up
	// rows included in the count before, e.g. the 46 muscle_logs)
	created := func(s tests.ApiScenario, user string) tests.ApiScenario {
		var before int
		owned := dbx.HashExp{c.ownerField: c.owner(user)}
		s.BeforeTestFunc = func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) {
			prepare(t, app)
			before = countRows(t, app, c.collection, owned)
		}
		s.AfterTestFunc = func(t testing.TB, app *tests.TestApp, _ *http.Response) {
			if n := countRows(t, app, c.collection, owned); n != before+1 {
				t.Errorf("rows of %s's = %d, want %d", user, n, before+1)
			}
		}
		return s
	}

	readOrRefused = []tests.ApiScenario{
		{
			Name: "bob's list does not show alice's row", Method: http.MethodGet, URL: listURL(c.collection, aliceRow),
			Headers: testapp.Auth("bob"), ExpectedStatus: 200, ExpectedContent: []string{`"totalItems":0`},
			BeforeTestFunc: func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) { prepare(t, app) },
		},
		refused(tests.ApiScenario{Name: "bob cannot view alice's row", Method: http.MethodGet, URL: aliceURL,
			Headers: testapp.Auth("bob"), ExpectedStatus: 404}),
		refused(tests.ApiScenario{Name: "bob cannot update alice's row", Method: http.MethodPatch, URL: aliceURL,
			Headers: testapp.Auth("bob"), Body: jsonBody(t, c.update), ExpectedStatus: writeRefused}),
		refused(tests.ApiScenario{Name: "bob cannot delete alice's row", Method: http.MethodDelete, URL: aliceURL,
			Headers: testapp.Auth("bob"), ExpectedStatus: writeRefused}),
		refused(tests.ApiScenario{Name: "bob cannot create a row for alice", Method: http.MethodPost, URL: recordURL,
			Headers: testapp.Auth("bob"), Body: jsonBody(t, with(c.create, c.ownerField, c.owner("alice"))), ExpectedStatus: createRefused}),
		refused(tests.ApiScenario{Name: "guest cannot create", Method: http.MethodPost, URL: recordURL,
			Headers: testapp.Auth("gus"), Body: jsonBody(t, ownBody("gus")), ExpectedStatus: createRefused}),
		refused(tests.ApiScenario{Name: "guest cannot update its own row", Method: http.MethodPatch, URL: recordURL + "/" + gusRow,
			Headers: testapp.Auth("gus"), Body: jsonBody(t, c.update), ExpectedStatus: writeRefused}),
		refused(tests.ApiScenario{Name: "guest cannot delete its own row", Method: http.MethodDelete, URL: recordURL + "/" + gusRow,
			Headers: testapp.Auth("gus"), ExpectedStatus: writeRefused}),
		{
			Name: "admin lists alice's row", Method: http.MethodGet, URL: listURL(c.collection, aliceRow),
			Headers: testapp.Auth("carol"), ExpectedStatus: 200, ExpectedContent: []string{`"totalItems":1`, `"id":"` + aliceRow + `"`},
			BeforeTestFunc: func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) { prepare(t, app) },
		},
		{
			Name: "admin views alice's row", Method: http.MethodGet, URL: aliceURL,
			Headers: testapp.Auth("carol"), ExpectedStatus: 200, ExpectedContent: []string{`"id":"` + aliceRow + `"`},
			BeforeTestFunc: func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) { prepare(t, app) },
		},
		refused(tests.ApiScenario{Name: "admin cannot update alice's row", Method: http.MethodPatch, URL: aliceURL,
			Headers: testapp.Auth("carol"), Body: jsonBody(t, c.update), ExpectedStatus: writeRefused}),
		refused(tests.ApiScenario{Name: "admin cannot delete alice's row", Method: http.MethodDelete, URL: aliceURL,
			Headers: testapp.Auth("carol"), ExpectedStatus: writeRefused}),
		refused(tests.ApiScenario{Name: "admin cannot create a row for alice", Method: http.MethodPost, URL: recordURL,
			Headers: testapp.Auth("carol"), Body: jsonBody(t, with(c.create, c.ownerField, c.owner("alice"))), ExpectedStatus: createRefused}),
	}
	writes = []tests.ApiScenario{
		created(tests.ApiScenario{
			Name: "superuser creates a row for alice", Method: http.MethodPost, URL: recordURL,
			Headers: testapp.Auth("root"), Body: jsonBody(t, with(c.create, c.ownerField, c.owner("alice"))),
			ExpectedStatus: 200, ExpectedContent: []string{`"` + c.ownerField + `":"` + c.owner("alice") + `"`},
		}, "alice"),
		{
			Name: "superuser updates alice's row", Method: http.MethodPatch, URL: aliceURL,
			Headers: testapp.Auth("root"), Body: jsonBody(t, c.update), ExpectedStatus: 200, ExpectedContent: []string{`"id":"` + aliceRow + `"`},
			BeforeTestFunc: func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) { prepare(t, app) },
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				rec, err := app.FindRecordById(c.collection, aliceRow)
				if err != nil {
					t.Fatal(err)
				}
				for k, v := range c.update {
					if fmt.Sprint(rec.Get(k)) != fmt.Sprint(v) {
						t.Errorf("%s = %v, want %v", k, rec.Get(k), v)
					}
				}
			},
		},
		{
			Name: "superuser deletes alice's row", Method: http.MethodDelete, URL: aliceURL,
			Headers: testapp.Auth("root"), ExpectedStatus: 204,
			BeforeTestFunc: func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) { prepare(t, app) },
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				if n := countRows(t, app, c.collection, dbx.HashExp{"id": aliceRow}); n != 0 {
					t.Errorf("alice's row still there")
				}
			},
		},
	}

	// moving alice's row to bob: the rule refuses a body naming another
	// user; a child's parent is refused by the ownership hook
	move := refused(tests.ApiScenario{Name: "alice cannot hand her row to bob", Method: http.MethodPatch, URL: aliceURL,
		Headers: testapp.Auth("alice"), Body: jsonBody(t, map[string]any{c.ownerField: c.owner("bob")}), ExpectedStatus: writeRefused})
	if !c.direct() {
		move.ExpectedStatus = 400
		move.ExpectedContent = []string{`"` + c.ownerField + `":{"code":"validation_immutable"`}
	}
	readOrRefused = append(readOrRefused, move)

	ownerList := tests.ApiScenario{Name: "alice lists her row", Method: http.MethodGet, URL: listURL(c.collection, aliceRow),
		Headers: testapp.Auth("alice"), ExpectedStatus: 200, ExpectedContent: []string{`"totalItems":1`},
		BeforeTestFunc: func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) { prepare(t, app) }}
	if c.adminsRead {
		ownerList.Name = "alice does not list her row (admins only)"
		ownerList.ExpectedContent = []string{`"totalItems":0`}
	}
	readOrRefused = append(readOrRefused, ownerList)

	if c.serverWritten {
		readOrRefused = append(readOrRefused, refused(tests.ApiScenario{Name: "alice cannot create her own row", Method: http.MethodPost,
			URL: recordURL, Headers: testapp.Auth("alice"), Body: jsonBody(t, ownBody("alice")), ExpectedStatus: 403}))
	} else {
		s := created(tests.ApiScenario{Name: "bob creates a row without naming the owner", Method: http.MethodPost, URL: recordURL,
			Headers: testapp.Auth("bob"), Body: jsonBody(t, ownBody("bob")), ExpectedStatus: 200,
			ExpectedContent: []string{`"` + c.ownerField + `":"` + c.owner("bob") + `"`}}, "bob")
		if !c.direct() {
			s.Name = "bob creates a row under his own " + c.ownerField
		}
		writes = append(writes, s)
	}
	if c.serverWritten || c.appendOnly {
		readOrRefused = append(readOrRefused,
			refused(tests.ApiScenario{Name: "alice cannot update her own row", Method: http.MethodPatch, URL: aliceURL,
				Headers: testapp.Auth("alice"), Body: jsonBody(t, c.update), ExpectedStatus: 403}),
			refused(tests.ApiScenario{Name: "alice cannot delete her own row", Method: http.MethodDelete, URL: aliceURL,
				Headers: testapp.Auth("alice"), ExpectedStatus: 403}))
	} else {
		writes = append(writes,
			tests.ApiScenario{Name: "alice updates her own row", Method: http.MethodPatch, URL: aliceURL,
				Headers: testapp.Auth("alice"), Body: jsonBody(t, c.update), ExpectedStatus: 200,
				ExpectedContent: []string{`"id":"` + aliceRow + `"`, `"` + c.ownerField + `":"` + c.owner("alice") + `"`},
				BeforeTestFunc:  func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) { prepare(t, app) }},
			tests.ApiScenario{Name: "alice deletes her own row", Method: http.MethodDelete, URL: aliceURL,
				Headers: testapp.Auth("alice"), ExpectedStatus: 204,
				BeforeTestFunc: func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) { prepare(t, app) },
				AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
					if n := countRows(t, app, c.collection, dbx.HashExp{"id": aliceRow}); n != 0 {
						t.Errorf("alice's row still there")
					}
				}})
	}
	return readOrRefused, writes
}

// ownedCases are the isolation cases of every collection the app's schema
// owns (collections.Ownership), parents before children: caseValues where
// it has some, else a tracker's with rows made from the fields.
func ownedCases(t testing.TB, app core.App) []ownedCase {
	t.Helper()
	graph, err := collections.Ownership(app)
	if err != nil {
		t.Fatal(err)
	}
	made := map[string]*ownedCase{}
	var cases []ownedCase
	for _, name := range graph.Names() {
		c, ok := caseValues[name]
		if !ok {
			c = trackerCase(t, app, name, graph[name].Field)
		}
		c.collection, c.ownerField, c.parentCollection = name, graph[name].Field, graph[name].Parent
		c.parent = made[c.parentCollection]
		made[name] = &c
		cases = append(cases, c)
	}
	return cases
}

var (
	schemaCasesOnce sync.Once
	schemaCases     []ownedCase
)

// casesOfTheSchema are the ownedCases of trackbase's schema.
func casesOfTheSchema(t testing.TB) []ownedCase {
	schemaCasesOnce.Do(func() {
		app := testapp.NewUnmanaged(t)
		defer app.Cleanup()
		schemaCases = ownedCases(t, app)
	})
	return schemaCases
}

// trackerCase makes fixture values from a collection's fields: its required
// fields for row and create, one field changed for update.
func trackerCase(t testing.TB, app core.App, name, ownerField string) ownedCase {
	t.Helper()
	col, err := app.FindCachedCollectionByNameOrId(name)
	if err != nil {
		t.Fatal(err)
	}
	c := ownedCase{row: map[string]any{}, create: map[string]any{}, update: map[string]any{}}
	for _, f := range col.Fields {
		if f.GetName() == ownerField || f.GetName() == core.FieldNameId || f.GetHidden() {
			continue
		}
		// every field type spells it the same way
		if required := reflect.Indirect(reflect.ValueOf(f)).FieldByName("Required"); !required.IsValid() || !required.Bool() {
			continue
		}
		for i, values := range []map[string]any{c.row, c.create} {
			if v, ok := fieldValue(t, app, f, i); ok {
				values[f.GetName()] = v
			}
		}
		if _, isRelation := f.(*core.RelationField); len(c.update) == 0 && !isRelation {
			if v, ok := fieldValue(t, app, f, 2); ok {
				c.update[f.GetName()] = v
			}
		}
	}
	// a measured value is bounded in its own unit, where the values above fit
	for _, tr := range registry.Trackers {
		if tr.Collection == name && tr.Amount != nil {
			c.row[tr.Amount.UnitField], c.create[tr.Amount.UnitField] = tr.Amount.Unit, tr.Amount.Unit
		}
	}
	return c
}

// fieldValue is a valid value of f, different for each variant.
func fieldValue(t testing.TB, app core.App, f core.Field, variant int) (any, bool) {
	switch f := f.(type) {
	case *core.NumberField:
		lo, hi := 0.0, 1000.0
		if f.Min != nil {
			lo = *f.Min
		}
		if f.Max != nil {
			hi = *f.Max
		}
		v := lo + (hi-lo)*float64(variant+1)/10
		if f.OnlyInt {
			v = math.Max(math.Round(v), lo+float64(variant+1))
		}
		return v, true
	case *core.SelectField:
		return f.Values[variant%len(f.Values)], true
	case *core.TextField:
		v := fmt.Sprintf("%s %d", f.Name, variant+1)
		return v, f.Pattern == "" || regexp.MustCompile(f.Pattern).MatchString(v)
	case *core.DateField:
		return fmt.Sprintf("2026-01-%02d 08:00:00.000Z", variant+1), true
	case *core.BoolField:
		return true, true
	case *core.RelationField:
		rows, err := app.FindRecordsByFilter(f.CollectionId, "", "id", 3, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) == 0 {
			return nil, false
		}
		return rows[variant%len(rows)].Id, true
	}
	return nil, false
}

// isolation runs the isolation scenarios of the owned collections selected
// by run, on apps with the schema changes.
func isolation(t *testing.T, cases []ownedCase, run func(ownedCase) bool, changes ...schemaChange) {
	for _, c := range cases {
		if !run(c) {
			continue
		}
		t.Run(c.collection, func(t *testing.T) {
			t.Parallel()
			readOrRefused, writes := isolationScenarios(t, c)
			runShared(t, readOrRefused, changes...)
			runFresh(t, writes, changes...)
		})
	}
}

func TestPerUserIsolation(t *testing.T) {
	isolation(t, casesOfTheSchema(t), func(ownedCase) bool { return true })
}

// moodLogs adds a tracker that no code names: the isolation matrix and the
// list hints must treat it as they treat weight_logs.
func moodLogs(t testing.TB, app core.App) {
	t.Helper()
	users, err := app.FindCollectionByNameOrId(collections.Users)
	if err != nil {
		t.Fatal(err)
	}
	like, err := app.FindCollectionByNameOrId(collections.WeightLogs)
	if err != nil {
		t.Fatal(err)
	}
	c := core.NewBaseCollection("mood_logs")
	c.Fields.Add(&core.RelationField{Name: "user", CollectionId: users.Id, MaxSelect: 1, Required: true, CascadeDelete: true})
	c.Fields.Add(&core.NumberField{Name: "mood", Min: types.Pointer(1.0), Max: types.Pointer(10.0), OnlyInt: true, Required: true})
	c.Fields.Add(&core.SelectField{Name: "context", MaxSelect: 1, Values: []string{"morning", "evening"}, Required: true})
	c.Fields.Add(&core.DateField{Name: "date_time", Required: true})
	c.ListRule, c.ViewRule, c.CreateRule, c.UpdateRule, c.DeleteRule = like.ListRule, like.ViewRule, like.CreateRule, like.UpdateRule, like.DeleteRule
	if err := app.Save(c); err != nil {
		t.Fatal(err)
	}
}

func TestNewTrackerIsolated(t *testing.T) {
	app := newApp(t, moodLogs)
	defer app.Cleanup()
	known := map[string]bool{}
	for _, c := range casesOfTheSchema(t) {
		known[c.collection] = true
	}
	cases := ownedCases(t, app)
	var added []string
	for _, c := range cases {
		if !known[c.collection] {
			added = append(added, c.collection)
		}
	}
	if !slices.Equal(added, []string{"mood_logs"}) {
		t.Fatalf("new owned collections %v, want [mood_logs]", added)
	}
	isolation(t, cases, func(c ownedCase) bool { return !known[c.collection] }, moodLogs)
}

// Every hand-picked case belongs to an owned collection.
func TestCaseValuesAreOwned(t *testing.T) {
	covered := map[string]bool{}
	for _, c := range casesOfTheSchema(t) {
		covered[c.collection] = true
	}
	for name := range caseValues {
		if !covered[name] {
			t.Errorf("%s has case values but no owner", name)
		}
	}
}

func TestUsersIsolation(t *testing.T) {
	aliceURL := "/api/collections/users/records/" + testapp.ID("alice")
	refused := func(s tests.ApiScenario) tests.ApiScenario {
		remember, check := unchangedTables(collections.Users)
		s.BeforeTestFunc = func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) { remember(t, app) }
		s.AfterTestFunc = check
		s.ExpectedContent = statusBody(s.ExpectedStatus)
		return s
	}
	rename := func() *strings.Reader { return strings.NewReader(`{"first_name":"Mallory"}`) }
	scenarios := []tests.ApiScenario{
		{Name: "bob's list shows only bob", Method: http.MethodGet, URL: "/api/collections/users/records",
			Headers: testapp.Auth("bob"), ExpectedStatus: 200,
			ExpectedContent: []string{`"totalItems":1`, `"id":"` + testapp.ID("bob") + `"`}},
		refused(tests.ApiScenario{Name: "bob cannot view alice", Method: http.MethodGet, URL: aliceURL,
			Headers: testapp.Auth("bob"), ExpectedStatus: 404}),
		refused(tests.ApiScenario{Name: "bob cannot update alice", Method: http.MethodPatch, URL: aliceURL,
			Headers: testapp.Auth("bob"), Body: rename(), ExpectedStatus: 404}),
		refused(tests.ApiScenario{Name: "bob cannot delete alice", Method: http.MethodDelete, URL: aliceURL,
			Headers: testapp.Auth("bob"), ExpectedStatus: 404}),
		refused(tests.ApiScenario{Name: "guest cannot update itself", Method: http.MethodPatch,
			URL: "/api/collections/users/records/" + testapp.ID("gus"), Headers: testapp.Auth("gus"), Body: rename(), ExpectedStatus: 404}),
		refused(tests.ApiScenario{Name: "guest cannot delete itself", Method: http.MethodDelete,
			URL: "/api/collections/users/records/" + testapp.ID("gus"), Headers: testapp.Auth("gus"), ExpectedStatus: 404}),
		{Name: "admin lists every user", Method: http.MethodGet, URL: "/api/collections/users/records",
			Headers: testapp.Auth("carol"), ExpectedStatus: 200, ExpectedContent: []string{`"totalItems":4`, `"id":"` + testapp.ID("alice") + `"`}},
		{Name: "admin views alice", Method: http.MethodGet, URL: aliceURL,
			Headers: testapp.Auth("carol"), ExpectedStatus: 200, ExpectedContent: []string{`"username":"alice"`}},
		refused(tests.ApiScenario{Name: "admin cannot update alice", Method: http.MethodPatch, URL: aliceURL,
			Headers: testapp.Auth("carol"), Body: rename(), ExpectedStatus: 404}),
		refused(tests.ApiScenario{Name: "admin cannot delete alice", Method: http.MethodDelete, URL: aliceURL,
			Headers: testapp.Auth("carol"), ExpectedStatus: 404}),
	}
	runShared(t, scenarios)
	runFresh(t, []tests.ApiScenario{
		{Name: "superuser updates alice", Method: http.MethodPatch, URL: aliceURL,
			Headers: testapp.Auth("root"), Body: rename(), ExpectedStatus: 200, ExpectedContent: []string{`"first_name":"Mallory"`}},
		{Name: "alice deletes herself, and her rows go with her", Method: http.MethodDelete, URL: aliceURL,
			Headers: testapp.Auth("alice"), ExpectedStatus: 204,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				// sign-up gave alice 1 goals row and 46 muscle_logs; the cascade removes them
				for _, c := range []string{collections.UserGoals, collections.MuscleLogs} {
					if n := countRows(t, app, c, dbx.HashExp{"user": testapp.ID("alice")}); n != 0 {
						t.Errorf("%s rows of alice left: %d", c, n)
					}
				}
			}},
	})
}

// TestAnonymousReadsNothing: without signing in no collection lists a row,
// public foods and workouts and rows without a user included.
func TestAnonymousReadsNothing(t *testing.T) {
	fixture := func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) {
		for _, c := range casesOfTheSchema(t) {
			c.fixtureRow(t, app, "alice")
		}
		publicFoods(t, app, "")
		publicWorkoutRow(t, app, "")
		saveRow(t, app, collections.WorkoutMuscles, rowID("workout_muscle", "public"), map[string]any{
			"workout": publicWorkout, "muscle": muscleA, "activation_rating": 90})
		// rows nobody owns: a private food without creator, server-side usage and error rows
		saveRow(t, app, collections.Foods, rowID("food", "orphan"), map[string]any{"food_name": "Orphan", "serving_size": 1,
			"unit": "g", "food_group": "other"})
		// a private workout whose owner deleted their account, and its rating
		saveRow(t, app, collections.Workouts, rowID("workout", "orphan"), map[string]any{"workout_name": "Orphan", "type": "barbell"})
		saveRow(t, app, collections.WorkoutMuscles, rowID("workout_muscle", "orphan"), map[string]any{
			"workout": rowID("workout", "orphan"), "muscle": muscleA, "activation_rating": 50})
		saveRow(t, app, collections.APIUsageLogs, rowID("usage", "system"), map[string]any{"request_type": "warmup"})
		saveRow(t, app, collections.ErrorLogs, rowID("error", "system"), map[string]any{"error_type": "timeout"})
	}
	names := []string{collections.Users}
	for _, c := range casesOfTheSchema(t) {
		names = append(names, c.collection)
	}
	var scenarios []tests.ApiScenario
	for _, name := range names {
		scenarios = append(scenarios, tests.ApiScenario{
			Name: name, Method: http.MethodGet, URL: "/api/collections/" + name + "/records",
			ExpectedStatus: 200, ExpectedContent: []string{`"totalItems":0`}, BeforeTestFunc: fixture,
		})
	}
	// invite keys have no read rule at all
	scenarios = append(scenarios, tests.ApiScenario{
		Name: collections.InviteKeys, Method: http.MethodGet, URL: "/api/collections/invite_keys/records",
		ExpectedStatus: 403, ExpectedContent: statusBody(403),
	})
	runShared(t, scenarios)
}

// TestPublicWorkoutReadOnlyForOthers: a public workout and its muscle
// ratings are readable by every signed-in user and writable by its owner only.
func TestPublicWorkoutReadOnlyForOthers(t *testing.T) {
	rating := rowID("workout_muscle", "public")
	fixture := func(t testing.TB, app core.App) {
		publicWorkoutRow(t, app, "")
		testMuscles(t, app, "")
		saveRow(t, app, collections.WorkoutMuscles, rating, map[string]any{"workout": publicWorkout, "muscle": muscleA, "activation_rating": 90})
	}
	read := func(s tests.ApiScenario) tests.ApiScenario {
		s.BeforeTestFunc = func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) { fixture(t, app) }
		return s
	}
	refused := func(s tests.ApiScenario) tests.ApiScenario {
		remember, check := unchangedTables(collections.Workouts, collections.WorkoutMuscles)
		s.BeforeTestFunc = func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) { fixture(t, app); remember(t, app) }
		s.AfterTestFunc = check
		s.ExpectedContent = statusBody(s.ExpectedStatus)
		return s
	}
	scenarios := []tests.ApiScenario{
		read(tests.ApiScenario{Name: "bob lists carol's public workout", Method: http.MethodGet,
			URL: listURL(collections.Workouts, publicWorkout), Headers: testapp.Auth("bob"),
			ExpectedStatus: 200, ExpectedContent: []string{`"totalItems":1`}}),
		read(tests.ApiScenario{Name: "a guest views its muscle ratings", Method: http.MethodGet,
			URL: "/api/collections/workout_muscles/records/" + rating, Headers: testapp.Auth("gus"),
			ExpectedStatus: 200, ExpectedContent: []string{`"activation_rating":90`}}),
		refused(tests.ApiScenario{Name: "bob cannot rate a muscle of carol's public workout", Method: http.MethodPost,
			URL: "/api/collections/workout_muscles/records", Headers: testapp.Auth("bob"),
			Body:           strings.NewReader(`{"workout":"` + publicWorkout + `","muscle":"` + muscleB + `","activation_rating":10}`),
			ExpectedStatus: 400}),
		refused(tests.ApiScenario{Name: "bob cannot change its ratings", Method: http.MethodPatch,
			URL: "/api/collections/workout_muscles/records/" + rating, Headers: testapp.Auth("bob"),
			Body: strings.NewReader(`{"activation_rating":10}`), ExpectedStatus: 404}),
		refused(tests.ApiScenario{Name: "bob cannot edit carol's public workout", Method: http.MethodPatch,
			URL: "/api/collections/workouts/records/" + publicWorkout, Headers: testapp.Auth("bob"),
			Body: strings.NewReader(`{"workout_name":"Mine now"}`), ExpectedStatus: 404}),
	}
	runShared(t, scenarios)
}
