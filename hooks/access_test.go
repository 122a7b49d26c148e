package hooks_test

import (
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/ui"

	"trackbase/collections"
	"trackbase/internal/testapp"
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

func userSplit(t testing.TB, app core.App, user string) {
	saveRow(t, app, collections.Splits, rowID(collections.Splits, user), map[string]any{"user": testapp.ID(user), "split_name": "PPL"})
}

func userSplitDay(t testing.TB, app core.App, user string) {
	userSplit(t, app, user)
	saveRow(t, app, collections.SplitDays, rowID(collections.SplitDays, user), map[string]any{
		"split": rowID(collections.Splits, user), "day_name": "Push", "day_order": 1})
}

// rowsFor makes the rows of several makers.
func rowsFor(makers ...func(testing.TB, core.App, string)) func(testing.TB, core.App, string) {
	return func(t testing.TB, app core.App, user string) {
		for _, m := range makers {
			m(t, app, user)
		}
	}
}

// ownedCase describes one collection whose rows belong to a user, directly
// (`user`) or through a parent row.
type ownedCase struct {
	collection string
	// ownerField says whose a row is: "user", or the parent relation.
	ownerField string
	// needs makes the rows a row of user's refers to (its parent included).
	needs func(t testing.TB, app core.App, user string)
	// row is the fixture row; create a valid new row and update a valid
	// change (all without ownerField). row and create differ in their unique keys.
	row, create, update map[string]any
	// serverWritten: no create/update/delete through the API, for anybody
	// but superusers. appendOnly: create only. ownerReads: false when only
	// admins read (error_logs).
	serverWritten, appendOnly, ownerReads bool
}

// owner is the ownerField value of user's rows.
func (c ownedCase) owner(user string) string {
	if c.ownerField == "user" {
		return testapp.ID(user)
	}
	return rowID(parentCollection[c.ownerField], user)
}

var parentCollection = map[string]string{
	"meal":      collections.Meals,
	"workout":   collections.Workouts,
	"split":     collections.Splits,
	"split_day": collections.SplitDays,
}

// fixtureRow makes user's fixture row (id rowID(collection, user)).
func (c ownedCase) fixtureRow(t testing.TB, app core.App, user string) *core.Record {
	t.Helper()
	if c.needs != nil {
		c.needs(t, app, user)
	}
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

var ownedCases = []ownedCase{
	{collection: collections.UserGoals, ownerField: "user", appendOnly: true, ownerReads: true,
		row: map[string]any{"calories_goal": 2000}, create: map[string]any{"calories_goal": 2100}, update: map[string]any{"calories_goal": 2200}},
	{collection: collections.Meals, ownerField: "user", ownerReads: true,
		row: map[string]any{"meal_name": "Lunch"}, create: map[string]any{"meal_name": "Dinner"}, update: map[string]any{"meal_name": "Supper"}},
	{collection: collections.MealFoods, ownerField: "meal", ownerReads: true, needs: rowsFor(userMeal, publicFoods),
		row: map[string]any{"food": publicFoodA, "servings": 1}, create: map[string]any{"food": publicFoodB, "servings": 2},
		update: map[string]any{"servings": 3}},
	{collection: collections.FoodLogs, ownerField: "user", ownerReads: true, needs: publicFoods,
		row: map[string]any{"food": publicFoodA, "servings": 1}, create: map[string]any{"food": publicFoodB, "servings": 2},
		update: map[string]any{"servings": 1.5}},
	{collection: collections.WeightLogs, ownerField: "user", ownerReads: true,
		row: map[string]any{"weight": 80, "weight_unit": "kg"}, create: map[string]any{"weight": 176, "weight_unit": "lb"},
		update: map[string]any{"weight": 79.5}},
	{collection: collections.BodyMeasurementLogs, ownerField: "user", ownerReads: true,
		row: map[string]any{"waist": 82, "unit": "cm"}, create: map[string]any{"upper_arm": 14, "unit": "in"},
		update: map[string]any{"waist": 81}},
	{collection: collections.WaterLogs, ownerField: "user", ownerReads: true,
		row: map[string]any{"amount": 500, "unit": "ml"}, create: map[string]any{"amount": 2, "unit": "cup"},
		update: map[string]any{"amount": 750}},
	{collection: collections.StepsLogs, ownerField: "user", ownerReads: true,
		row: map[string]any{"steps": 8000}, create: map[string]any{"steps": 12000}, update: map[string]any{"steps": 9000}},
	{collection: collections.CardioLogs, ownerField: "user", ownerReads: true,
		row:    map[string]any{"cardio_type": "run", "duration": 30, "distance": 5, "distance_unit": "km", "heart_rate": 150},
		create: map[string]any{"cardio_type": "bike", "duration": 60}, update: map[string]any{"duration": 35}},
	{collection: collections.Workouts, ownerField: "user", ownerReads: true,
		row:    map[string]any{"workout_name": "Squat", "type": "barbell"},
		create: map[string]any{"workout_name": "Curl", "type": "dumbbell"}, update: map[string]any{"notes": "slow eccentric"}},
	{collection: collections.WorkoutMuscles, ownerField: "workout", ownerReads: true, needs: rowsFor(userWorkout, testMuscles),
		row: map[string]any{"muscle": muscleA, "activation_rating": 90}, create: map[string]any{"muscle": muscleB, "activation_rating": 40},
		update: map[string]any{"activation_rating": 80}},
	{collection: collections.MuscleLogs, ownerField: "user", ownerReads: true, needs: testMuscles,
		row: map[string]any{"muscle": muscleA, "priority": 90}, create: map[string]any{"muscle": muscleB, "priority": 50},
		update: map[string]any{"priority": 70}},
	{collection: collections.WorkoutLogs, ownerField: "user", ownerReads: true, needs: publicWorkoutRow,
		row:    map[string]any{"workout": publicWorkout, "weight": 100, "weight_unit": "kg", "reps": 5, "rir": 2},
		create: map[string]any{"workout": publicWorkout, "weight": 225, "weight_unit": "lb", "reps": 3}, update: map[string]any{"reps": 6}},
	{collection: collections.Splits, ownerField: "user", ownerReads: true,
		row: map[string]any{"split_name": "PPL"}, create: map[string]any{"split_name": "Upper/Lower", "start_date": "2026-01-05 00:00:00.000Z"},
		update: map[string]any{"split_name": "Push Pull Legs"}},
	{collection: collections.SplitDays, ownerField: "split", ownerReads: true, needs: userSplit,
		row: map[string]any{"day_name": "Push", "day_order": 1}, create: map[string]any{"day_name": "Pull", "day_order": 2},
		update: map[string]any{"day_name": "Chest"}},
	{collection: collections.SplitDayTargets, ownerField: "split_day", ownerReads: true, needs: rowsFor(userSplitDay, testMuscles),
		row: map[string]any{"muscle": muscleA, "target_activation": 300}, create: map[string]any{"muscle": muscleB, "target_activation": 200},
		update: map[string]any{"target_activation": 250}},
	{collection: collections.SleepLogs, ownerField: "user", ownerReads: true,
		row:    map[string]any{"date": "2026-01-01 00:00:00.000Z", "time_went_to_bed": "23:00", "time_got_out_of_bed": "07:00"},
		create: map[string]any{"date": "2026-01-02 00:00:00.000Z", "time_went_to_bed": "22:30", "time_got_out_of_bed": "06:30", "time_in_deep_sleep": 90},
		update: map[string]any{"number_of_times_woke_up": 2}},
	{collection: collections.HealthMetricsLogs, ownerField: "user", ownerReads: true,
		row:    map[string]any{"date": "2026-01-01 00:00:00.000Z", "mood": 7},
		create: map[string]any{"date": "2026-01-02 00:00:00.000Z", "blood_pressure_systolic": 120, "blood_pressure_diastolic": 80},
		update: map[string]any{"mood": 8}},
	{collection: collections.APIUsageLogs, ownerField: "user", serverWritten: true, ownerReads: true,
		row: map[string]any{"request_type": "parse_meal", "tokens_used": 120}, create: map[string]any{"request_type": "chat"},
		update: map[string]any{"tokens_used": 0}},
	{collection: collections.ErrorLogs, ownerField: "user", serverWritten: true, ownerReads: false,
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

// sharedApp returns a factory that hands every scenario the same app, for
// scenarios that must leave the database as it was (each one checks that it
// did) or only add rows no other scenario looks at: a test app costs more
// than most scenarios. It is cleaned up with t.
func sharedApp(t *testing.T) func(testing.TB) *tests.TestApp {
	app := testapp.New(t)
	return func(testing.TB) *tests.TestApp { return app }
}

// runShared runs scenarios on one shared app.
func runShared(t *testing.T, scenarios []tests.ApiScenario) {
	factory := sharedApp(t)
	for _, s := range scenarios {
		s.TestAppFactory = factory
		s.DisableTestAppCleanup = true
		s.Test(t)
	}
}

// runFresh runs each scenario on an app of its own.
func runFresh(t *testing.T, scenarios []tests.ApiScenario) {
	for _, s := range scenarios {
		s.TestAppFactory = testapp.Factory()
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
		if c.needs != nil {
			c.needs(t, app, "bob")
		}
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
		if c.ownerField == "user" {
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
	if c.ownerField != "user" {
		move.ExpectedStatus = 400
		move.ExpectedContent = []string{`"` + c.ownerField + `":{"code":"validation_immutable"`}
	}
	readOrRefused = append(readOrRefused, move)

	ownerList := tests.ApiScenario{Name: "alice lists her row", Method: http.MethodGet, URL: listURL(c.collection, aliceRow),
		Headers: testapp.Auth("alice"), ExpectedStatus: 200, ExpectedContent: []string{`"totalItems":1`},
		BeforeTestFunc: func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) { prepare(t, app) }}
	if !c.ownerReads {
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
		if c.ownerField != "user" {
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

func TestPerUserIsolation(t *testing.T) {
	for _, c := range ownedCases {
		t.Run(c.collection, func(t *testing.T) {
			t.Parallel()
			readOrRefused, writes := isolationScenarios(t, c)
			runShared(t, readOrRefused)
			runFresh(t, writes)
		})
	}
}

// TestEveryOwnedCollectionCovered keeps the table above in step with the
// collections package: a new per-user collection needs a row in it.
func TestEveryOwnedCollectionCovered(t *testing.T) {
	covered := map[string]bool{}
	for _, c := range ownedCases {
		covered[c.collection] = true
	}
	for _, name := range append(collections.PerUser, collections.MealFoods, collections.WorkoutMuscles,
		collections.SplitDays, collections.SplitDayTargets, collections.APIUsageLogs, collections.ErrorLogs) {
		if !covered[name] {
			t.Errorf("%s has no isolation scenarios", name)
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
		for _, c := range ownedCases {
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
	names := []string{collections.Users, collections.Foods}
	for _, c := range ownedCases {
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
