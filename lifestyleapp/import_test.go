package lifestyleapp_test

import (
	"math"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"trackbase/collections"
	"trackbase/djangohash"
	"trackbase/internal/testapp"
	"trackbase/lifestyleapp"
)

func record(t testing.TB, app core.App, collection, table, id string) *core.Record {
	t.Helper()
	rec, err := app.FindRecordById(collection, lifestyleapp.RecordID(table, id))
	if err != nil {
		t.Fatalf("%s %s: %v", table, id, err)
	}
	return rec
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestImportEndToEnd(t *testing.T) {
	app := testapp.New(t)
	path := buildDjangoDB(t)
	rep, err := lifestyleapp.Import(app, path)
	if err != nil {
		t.Fatal(err)
	}

	wantCreated := map[string]int{
		"users": 3, "user_goals": 3, "foods": 3, "meals": 2, "meal_foods": 3, "workouts": 2, "workout_muscles": 3,
		"splits": 2, "split_days": 3, "split_day_targets": 3, "food_logs": 3, "weight_logs": 2, "body_measurement_logs": 1,
		"water_logs": 2, "steps_logs": 2, "cardio_logs": 1, "workout_logs": 2, "sleep_logs": 1, "health_metrics_logs": 1,
	}
	if !reflect.DeepEqual(rep.Created, wantCreated) {
		t.Errorf("created %v\nwant    %v", rep.Created, wantCreated)
	}
	if want := map[string]int{"muscle_logs": 2}; !reflect.DeepEqual(rep.Updated, want) {
		t.Errorf("updated %v, want %v", rep.Updated, want)
	}
	skipped := []string{
		`users 4: username "Alice" already belongs to another trackbase account`,
		`food_log 4, user_id: users "99" does not exist (orphan row)`,
		`weight_log 3, weight: `,
		`steps_log 3, user_id: users "4" was not moved`,
	}
	if len(rep.Skipped) != len(skipped) {
		t.Errorf("skipped %v, want %d rows", rep.Skipped, len(skipped))
	}
	for i, want := range skipped {
		if i < len(rep.Skipped) && !strings.HasPrefix(rep.Skipped[i].String(), want) {
			t.Errorf("skipped[%d] = %q, want %q…", i, rep.Skipped[i], want)
		}
	}
	if len(rep.Dropped) != 2 || rep.Dropped[0].Table != "users" || rep.Dropped[0].ID != "3" || rep.Dropped[0].Field != "password" ||
		rep.Dropped[1].Table != "health_metrics_log" || rep.Dropped[1].Field != "mood" {
		t.Errorf("dropped %v, want nora's password and the mood of 11", rep.Dropped)
	}

	// the rows in the database
	john := record(t, app, collections.Users, "users", "1")
	if john.GetString("username") != "john_doe" || john.GetString("unit_preference") != "imperial" ||
		!near(john.GetFloat("height_cm"), 182.9) || john.GetString("gender") != "male" ||
		john.GetDateTime("birthday").String() != "1990-05-15 00:00:00.000Z" {
		t.Errorf("john: %v", john.PublicExport())
	}
	if john.ValidatePassword(johnPassword) || john.GetString(collections.LegacyPasswordHash) == "" {
		t.Error("john's password must wait for the Django hash check")
	}
	if lvl, _ := app.FindRecordById(collections.ActivityLevels, john.GetString("activity_level")); lvl == nil || lvl.GetString("name") != "Very Active" {
		t.Errorf("john's activity level: %v", lvl)
	}
	user, _ := collections.AccessLevelID(app, collections.RoleUser)
	guest, _ := collections.AccessLevelID(app, collections.RoleGuest)
	nora := record(t, app, collections.Users, "users", "3")
	if john.GetString("access_level") != user || nora.GetString("access_level") != guest || nora.GetString(collections.LegacyPasswordHash) != "" {
		t.Errorf("access levels john %q nora %q, nora's hash %q", john.GetString("access_level"), nora.GetString("access_level"), nora.GetString(collections.LegacyPasswordHash))
	}
	goals, err := app.FindAllRecords(collections.UserGoals, dbx.HashExp{"user": john.Id})
	if err != nil || len(goals) != 2 {
		t.Fatalf("john's goals: %d, %v, want his 2 (not the first row trackbase gives a new account)", len(goals), err)
	}
	g := record(t, app, collections.UserGoals, "user_goal", "2")
	if g.GetFloat("weight_goal") != 185 || g.GetString("weight_goal_unit") != "lb" || g.GetFloat("sodium_goal") != 2300 ||
		g.GetDateTime("created").String() != "2025-10-05 08:00:00.000Z" {
		t.Errorf("john's goal: %v", g.FieldsData())
	}
	chicken := record(t, app, collections.Foods, "foods", "1")
	if chicken.GetFloat("protein") != 31 || !near(chicken.GetFloat("saturated_fat"), 1.08) || chicken.GetFloat("cholesterol") != 85 ||
		chicken.GetString("created_by") != "" || !chicken.GetBool("make_public") || chicken.GetString("food_group") != "protein" {
		t.Errorf("chicken: %v", chicken.FieldsData())
	}
	oats := record(t, app, collections.Foods, "foods", "2")
	if oats.GetString("created_by") != john.Id || oats.GetBool("make_public") || oats.GetString("brand") != "Quaker" {
		t.Errorf("oats: %v", oats.FieldsData())
	}
	log := record(t, app, collections.FoodLogs, "food_log", "1")
	if log.GetString("user") != john.Id || log.GetString("food") != oats.Id || log.GetString("meal") != record(t, app, collections.Meals, "meals", "1").Id ||
		log.GetFloat("servings") != 1.5 || log.GetDateTime("date_time").String() != "2025-11-01 07:30:00.000Z" {
		t.Errorf("food log 1: %v", log.FieldsData())
	}
	if w := record(t, app, collections.WeightLogs, "weight_log", "1"); w.GetFloat("weight") != 195.4 || w.GetString("weight_unit") != "lb" {
		t.Errorf("john's weight: %v", w.FieldsData())
	}
	if w := record(t, app, collections.WaterLogs, "water_log", "1"); w.GetFloat("amount") != 140 || w.GetString("unit") != "fl oz" {
		t.Errorf("john's water (oz is fluid ounces): %v", w.FieldsData())
	}
	if b := record(t, app, collections.BodyMeasurementLogs, "body_measurement_log", "1"); b.GetString("unit") != "in" || b.GetFloat("upper_arm") != 15.25 {
		t.Errorf("john's measurements (imperial: inches): %v", b.FieldsData())
	}
	if c := record(t, app, collections.CardioLogs, "cardio_log", "1"); c.GetString("distance_unit") != "mile" || c.GetFloat("duration") != 25.5 {
		t.Errorf("cardio: %v", c.FieldsData())
	}
	if w := record(t, app, collections.Workouts, "workouts", "2"); w.GetString("type") != "plate_machine" || w.GetString("user") != record(t, app, collections.Users, "users", "2").Id {
		t.Errorf("jane's Smith-machine workout: %v", w.FieldsData())
	}
	set := record(t, app, collections.WorkoutLogs, "workout_log", "1")
	if set.GetString("weight_unit") != "lb" || set.GetFloat("weight") != 185 || set.GetInt("rir") != 2 || set.GetInt("rest_time") != 120 ||
		!strings.Contains(set.GetString("attribute_inputs"), `"drop_set_reps":6`) {
		t.Errorf("john's set: %v", set.FieldsData())
	}
	if s := record(t, app, collections.WorkoutLogs, "workout_log", "2"); s.GetString("weight_unit") != "kg" {
		t.Errorf("jane's set (metric): %v", s.FieldsData())
	}
	sleep := record(t, app, collections.SleepLogs, "sleep_log", "1")
	if sleep.GetString("time_went_to_bed") != "23:12" || sleep.GetString("time_got_out_of_bed") != "06:45" ||
		sleep.GetDateTime("date").String() != "2025-11-03 00:00:00.000Z" {
		t.Errorf("sleep: %v", sleep.FieldsData())
	}
	if h := record(t, app, collections.HealthMetricsLogs, "health_metrics_log", "1"); h.GetInt("mood") != 0 || h.GetInt("stress_level") != 3 {
		t.Errorf("health (mood 11 dropped, the rest kept): %v", h.FieldsData())
	}
	if d := record(t, app, collections.SplitDays, "split_days", "2"); d.GetString("split") != record(t, app, collections.Splits, "splits", "1").Id || d.GetInt("day_order") != 2 {
		t.Errorf("split day: %v", d.FieldsData())
	}
	prio, err := app.FindFirstRecordByFilter(collections.MuscleLogs, "user = {:u} && muscle.muscle_name = 'Glutes (Maximus)'",
		map[string]any{"u": record(t, app, collections.Users, "users", "2").Id})
	if err != nil || prio.GetInt("priority") != 95 {
		t.Errorf("jane's glutes priority: %v %v", prio, err)
	}

	// a second run creates nothing and leaves everything as it is
	again, err := lifestyleapp.Import(app, path)
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Created) != 0 || len(again.Updated) != 0 {
		t.Errorf("second run created %v, updated %v", again.Created, again.Updated)
	}
	wantCreated["muscle_logs"] = 2
	if !reflect.DeepEqual(again.Existing, wantCreated) {
		t.Errorf("second run found %v\nwant          %v", again.Existing, wantCreated)
	}
}

// The first sign-in with the Django password replaces the Django hash with
// PocketBase's; a wrong password fails and keeps the Django hash.
func TestSignInWithDjangoPassword(t *testing.T) {
	path := buildDjangoDB(t)
	imported := func(t testing.TB) *tests.TestApp {
		app := testapp.NewUnmanaged(t)
		if _, err := lifestyleapp.Import(app, path); err != nil {
			t.Fatal(err)
		}
		return app
	}
	signIn := func(identity, password string) *strings.Reader {
		return strings.NewReader(`{"identity":"` + identity + `","password":"` + password + `"}`)
	}
	john := func(t testing.TB, app *tests.TestApp) *core.Record {
		rec, err := app.FindRecordById(collections.Users, lifestyleapp.RecordID("users", "1"))
		if err != nil {
			t.Fatal(err)
		}
		return rec
	}
	url := "/api/collections/users/auth-with-password"
	scenarios := []tests.ApiScenario{
		{
			Name: "the old password signs in; then only PocketBase's hash is kept", Method: http.MethodPost, URL: url,
			Body: signIn("john_doe", johnPassword), TestAppFactory: imported,
			ExpectedStatus:     http.StatusOK,
			ExpectedContent:    []string{`"token":"`, `"username":"john_doe"`},
			NotExpectedContent: []string{"pbkdf2", collections.LegacyPasswordHash},
			ExpectedEvents:     map[string]int{"OnRecordAuthWithPasswordRequest": 1, "OnRecordUpdate": 1, "OnRecordAuthRequest": 1},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				rec := john(t, app)
				if rec.GetString(collections.LegacyPasswordHash) != "" {
					t.Error("the Django hash is still kept")
				}
				if !rec.ValidatePassword(johnPassword) {
					t.Error("PocketBase's hash does not verify the password")
				}
			},
		},
		{
			Name: "a wrong password fails and keeps the Django hash", Method: http.MethodPost, URL: url,
			Body: signIn("john_doe", "testpass124"), TestAppFactory: imported,
			ExpectedStatus:  http.StatusBadRequest,
			ExpectedContent: []string{`"message":"Failed to authenticate."`},
			ExpectedEvents:  map[string]int{"OnRecordAuthWithPasswordRequest": 1, "OnRecordUpdate": 0},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				if john(t, app).GetString(collections.LegacyPasswordHash) == "" {
					t.Error("a wrong password cleared the Django hash")
				}
			},
		},
		{
			Name: "another user's Django password does not sign in as john", Method: http.MethodPost, URL: url,
			Body: signIn("john_doe", janePassword), TestAppFactory: imported,
			ExpectedStatus:  http.StatusBadRequest,
			ExpectedContent: []string{`"message":"Failed to authenticate."`},
		},
		{
			Name: "a user whose password could not be carried cannot sign in", Method: http.MethodPost, URL: url,
			Body: signIn("nora", "anything-at-all"), TestAppFactory: imported,
			ExpectedStatus:  http.StatusBadRequest,
			ExpectedContent: []string{`"message":"Failed to authenticate."`},
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

// The Django hash field is hidden: a user cannot plant one to sign in with.
func TestLegacyHashNotSettableByUser(t *testing.T) {
	planted := djangohash.Make("planted-password", "salt", 1)
	scenarios := []tests.ApiScenario{
		{
			Name: "alice's own update does not set the hidden field", Method: http.MethodPatch,
			URL:     "/api/collections/users/records/" + testapp.ID("alice"),
			Headers: testapp.Auth("alice"), Body: strings.NewReader(`{"first_name":"Al","` + collections.LegacyPasswordHash + `":"` + planted + `"}`),
			TestAppFactory:     testapp.NewUnmanaged,
			ExpectedStatus:     http.StatusOK,
			ExpectedContent:    []string{`"first_name":"Al"`},
			NotExpectedContent: []string{collections.LegacyPasswordHash, "pbkdf2"},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				alice, err := app.FindRecordById(collections.Users, testapp.ID("alice"))
				if err != nil || alice.GetString(collections.LegacyPasswordHash) != "" {
					t.Errorf("alice's legacy hash %q, %v", alice.GetString(collections.LegacyPasswordHash), err)
				}
			},
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}
