package hooks_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"trackbase/collections"
	"trackbase/internal/testapp"
)

// Rows the query-cost scenarios refer to: carol's public food and workout
// (access_test.go), alice's and bob's logs of both, a muscle the workout
// trains, alice's meal with the food and her split day with a target.
var (
	aliceFoodLog  = rowID("cost", "food_log", "alice")
	aliceSplit    = rowID("cost", "split", "alice")
	aliceSplitDay = rowID("cost", "split_day", "alice")
)

func costFixture(t testing.TB, app core.App) {
	publicFoods(t, app, "")
	publicWorkoutRow(t, app, "")
	testMuscles(t, app, "")
	userMeal(t, app, "alice")
	saveRow(t, app, collections.Splits, aliceSplit, map[string]any{"user": testapp.ID("alice"), "split_name": "PPL"})
	saveRow(t, app, collections.SplitDays, aliceSplitDay, map[string]any{"split": aliceSplit, "day_name": "Push", "day_order": 1})
	saveRow(t, app, collections.FoodLogs, aliceFoodLog, map[string]any{"user": testapp.ID("alice"), "food": publicFoodA, "servings": 1})
	saveRow(t, app, collections.FoodLogs, rowID("cost", "food_log", "alice", "2"), map[string]any{"user": testapp.ID("alice"), "food": publicFoodA, "servings": 2})
	saveRow(t, app, collections.FoodLogs, rowID("cost", "food_log", "bob"), map[string]any{"user": testapp.ID("bob"), "food": publicFoodA, "servings": 1})
	for _, u := range []string{"alice", "bob"} {
		saveRow(t, app, collections.WorkoutLogs, rowID("cost", "workout_log", u), map[string]any{"user": testapp.ID(u),
			"workout": publicWorkout, "weight": 100, "weight_unit": "kg", "reps": 5})
	}
	saveRow(t, app, collections.WorkoutMuscles, rowID("cost", "workout_muscle"), map[string]any{
		"workout": publicWorkout, "muscle": muscleA, "activation_rating": 90})
	saveRow(t, app, collections.MealFoods, rowID("cost", "meal_food"), map[string]any{
		"meal": rowID(collections.Meals, "alice"), "food": publicFoodA, "servings": 1})
	saveRow(t, app, collections.SplitDayTargets, rowID("cost", "target"), map[string]any{
		"split_day": aliceSplitDay, "muscle": muscleA, "target_sets": 10})
}

// recordsURL is a record list (id "") or view URL with the given query.
func recordsURL(collection, id string, query ...string) string {
	u := "/api/collections/" + collection + "/records"
	if id != "" {
		u += "/" + id
	}
	v := url.Values{}
	for i := 0; i+1 < len(query); i += 2 {
		v.Set(query[i], query[i+1])
	}
	if len(v) > 0 {
		u += "?" + v.Encode()
	}
	return u
}

// The reproduction's expands: cycles between a collection and its
// back-relation (foods ↔ food_logs, workouts ↔ workout_logs, muscles ↔
// workout_muscles) and paths through two back-relations are refused before
// any record is read, on every endpoint that expands; the expands the app
// and its docs use still work, and superusers are not limited.
func TestExpandLimits(t *testing.T) {
	attack := "food_logs_via_food.food.food_logs_via_food.food.food_logs_via_food"
	cycle := []string{`"expand":{"code":"validation_expand_limit"`, `no cycles`, `at most 1 back-relation level per path`}
	twoBacks := []string{`"expand":{"code":"validation_expand_limit"`, `at most 1 back-relation (_via_) level per path is allowed`}
	refused := func(name, method, url, user string, content []string) tests.ApiScenario {
		return tests.ApiScenario{Name: name, Method: method, URL: url, Headers: testapp.Auth(user),
			Body: strings.NewReader(`{"food":"` + publicFoodB + `","servings":1}`), ExpectedStatus: 400,
			ExpectedContent: content, ExpectedEvents: map[string]int{"*": 0}}
	}
	ok := func(name, url, user string, content ...string) tests.ApiScenario {
		return tests.ApiScenario{Name: name, Method: http.MethodGet, URL: url, Headers: testapp.Auth(user),
			ExpectedStatus: 200, ExpectedContent: content}
	}
	scenarios := []tests.ApiScenario{
		refused("the reproduction: foods ↔ food_logs three times", http.MethodGet,
			recordsURL(collections.Foods, "", "perPage", "1", "filter", "id='"+publicFoodA+"'", "expand", attack), "alice",
			append(cycle, `Expand \"food_logs_via_food.food.food_logs_via_food.food.food_logs_via_food\": the path returns to foods`)),
		refused("one turn of the cycle on the view endpoint", http.MethodGet,
			recordsURL(collections.Foods, publicFoodA, "expand", "food_logs_via_food.food"), "alice", cycle),
		refused("workouts ↔ workout_logs", http.MethodGet,
			recordsURL(collections.Workouts, "", "expand", "workout_logs_via_workout.workout"), "alice", cycle),
		refused("muscles ↔ workout_muscles", http.MethodGet,
			recordsURL(collections.Muscles, "", "expand", "workout_muscles_via_muscle.muscle.workout_muscles_via_muscle"), "alice", cycle),
		refused("a cycle through direct relations back into a back-relation", http.MethodGet,
			recordsURL(collections.FoodLogs, "", "expand", "food.food_logs_via_food"), "alice", cycle),
		refused("two back-relation levels without a cycle", http.MethodGet,
			recordsURL(collections.Foods, "", "expand", "food_logs_via_food.user.weight_logs_via_user"), "alice", twoBacks),
		refused("the old back-relation spelling counts too", http.MethodGet,
			recordsURL(collections.Foods, "", "expand", "food_logs(food).user.weight_logs(user)"), "alice", twoBacks),
		refused("the cyclic path among legit ones", http.MethodGet,
			recordsURL(collections.FoodLogs, "", "expand", "food,user,food.food_logs_via_food"), "alice", cycle),
		refused("a create answer's expand, before the row is written", http.MethodPost,
			recordsURL(collections.FoodLogs, "", "expand", "food.food_logs_via_food"), "alice", cycle),
		refused("an update answer's expand", http.MethodPatch,
			recordsURL(collections.FoodLogs, aliceFoodLog, "expand", "food.food_logs_via_food"), "alice", cycle),
		refused("an admin is limited like everyone", http.MethodGet,
			recordsURL(collections.Foods, "", "expand", attack), "carol", cycle),
		{
			Name: "a sign-in answer's expand", Method: http.MethodPost,
			URL:            "/api/collections/users/auth-with-password?expand=food_logs_via_user.food.food_logs_via_food",
			Body:           strings.NewReader(`{"identity":"alice","password":"` + testapp.Password + `"}`),
			ExpectedStatus: 400, ExpectedContent: cycle, ExpectedEvents: map[string]int{"*": 0},
		},
		{
			Name: "an expand inside a batch, before any row is written", Method: http.MethodPost, URL: "/api/batch",
			Headers: testapp.Auth("alice"),
			Body: strings.NewReader(`{"requests":[{"method":"POST","url":"/api/collections/food_logs/records",` +
				`"body":{"food":"` + publicFoodB + `","servings":1}},{"method":"POST",` +
				`"url":"/api/collections/food_logs/records?expand=food.food_logs_via_food","body":{"food":"` + publicFoodB + `","servings":1}}]}`),
			ExpectedStatus: 400, ExpectedContent: cycle,
			ExpectedEvents: map[string]int{"*": 0, "OnBatchRequest": 1},
		},

		ok("a direct relation", recordsURL(collections.FoodLogs, "", "expand", "food", "sort", "-date_time"), "alice",
			`"totalItems":2`, `"food_name":"Public food `+publicFoodA),
		ok("a meal with its foods (docs/API.md)", recordsURL(collections.Meals, rowID(collections.Meals, "alice"), "expand", "meal_foods_via_meal.food"),
			"alice", `"meal_foods_via_meal":[{`, `"food_name":"Public food `+publicFoodA),
		ok("a workout with its muscles (e2e)", recordsURL(collections.Workouts, publicWorkout, "expand", "workout_muscles_via_workout.muscle"),
			"alice", `"muscle_name":"Test muscle A"`),
		ok("split days with their targets (e2e)", recordsURL(collections.SplitDays, "", "expand", "split_day_targets_via_split_day.muscle"),
			"alice", `"split_day_targets_via_split_day":[{`, `"muscle_name":"Test muscle A"`),
		ok("a user's access level (e2e)", recordsURL(collections.Users, testapp.ID("alice"), "expand", "access_level"),
			"alice", `"role_name":"user"`),
		ok("one back-relation level: a food with the caller's logs of it",
			recordsURL(collections.Foods, publicFoodA, "expand", "food_logs_via_food.user"), "alice", `"username":"alice"`),
		ok("a superuser is not limited", recordsURL(collections.Foods, publicFoodA, "expand", attack), "root",
			`"food_logs_via_food":[{`),
	}
	for _, s := range scenarios {
		s.BeforeTestFunc = func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) { costFixture(t, app) }
		s.AfterTestFunc = func(t testing.TB, app *tests.TestApp, _ *http.Response) {
			if n, _ := app.CountRecords(collections.FoodLogs, dbx.HashExp{"food": publicFoodB}); n != 0 {
				t.Errorf("a refused request wrote %d food_logs", n)
			}
		}
		s.TestAppFactory = testapp.NewUnmanaged
		s.Test(t)
	}
}

// Client filters and sorts may not join through a back-relation or a whole
// collection (the reproduction ran to the 30 s query timeout); joins through
// direct relations and superusers' queries still work.
func TestFilterSortJoins(t *testing.T) {
	refused := func(name, param, value, content string) tests.ApiScenario {
		return tests.ApiScenario{Name: name, Method: http.MethodGet, URL: recordsURL(collections.FoodLogs, "", param, value),
			Headers: testapp.Auth("alice"), ExpectedStatus: 400,
			ExpectedContent: []string{`"` + param + `":{"code":"validation_heavy_join"`, content, `direct relations`},
			ExpectedEvents:  map[string]int{"*": 0}}
	}
	ok := func(name, user, param, value, total string) tests.ApiScenario {
		return tests.ApiScenario{Name: name, Method: http.MethodGet, URL: recordsURL(collections.FoodLogs, "", param, value),
			Headers: testapp.Auth(user), ExpectedStatus: 200, ExpectedContent: []string{`"totalItems":` + total}}
	}
	scenarios := []tests.ApiScenario{
		refused("the reproduction", "filter", `food.food_logs_via_food.user ?= "x"`, `food.food_logs_via_food.user`),
		refused("inside a group", "filter", `servings > 0 && (food.food_name != "" || food.meal_foods_via_food.servings > 1)`,
			`food.meal_foods_via_food.servings`),
		refused("inside a function", "filter", `strftime('%Y', food.food_logs_via_food.created) = "2026"`, `food_logs_via_food`),
		refused("a whole collection", "filter", `@collection.food_logs.user ?= "x"`, `@collection.food_logs.user`),
		refused("a sort", "sort", `-food.food_logs_via_food.servings`, `food.food_logs_via_food.servings`),
		ok("a filter on a direct relation", "alice", "filter", `food.food_name ~ "Public" && servings >= 1`, "2"),
		ok("a sort on a direct relation", "alice", "sort", `-food.food_name,-servings`, "2"),
		ok("a superuser's back-relation filter", "root", "filter", `food.food_logs_via_food.user ?= "`+testapp.ID("bob")+`"`, "3"),
	}
	for _, s := range scenarios {
		s.BeforeTestFunc = func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) { costFixture(t, app) }
		s.TestAppFactory = testapp.NewUnmanaged
		s.Test(t)
	}
}

// bulkFoodLogs gives user n logs of food in one statement (app.Save per row
// would take seconds).
func bulkFoodLogs(t testing.TB, app core.App, user, food string, n int) {
	t.Helper()
	_, err := app.DB().NewQuery(`WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < {:n})
		INSERT INTO food_logs (id, user, food, servings, measurement, date_time, created, updated)
		SELECT substr(lower(hex(randomblob(8))), 1, 15), {:user}, {:food}, 1, 'g',
			strftime('%Y-%m-%d %H:%M:%S.000Z', 'now', '-' || i || ' minutes'),
			strftime('%Y-%m-%d %H:%M:%S.000Z', 'now'), strftime('%Y-%m-%d %H:%M:%S.000Z', 'now') FROM k`).
		Bind(dbx.Params{"n": n, "user": testapp.ID(user), "food": food}).Execute()
	if err != nil {
		t.Fatal(err)
	}
}

// An answer may fetch at most MaxExpandedRecords related records in total:
// alice's 3 × 700 logs of three foods are too many for one answer (the
// expansion stops there), one or two foods' are not.
func TestExpandedRecordsTotal(t *testing.T) {
	foodC := rowID("cost", "food", "c")
	fixture := func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) {
		publicFoods(t, app, "")
		saveRow(t, app, collections.Foods, foodC, map[string]any{"food_name": "Food C", "serving_size": 100,
			"unit": "g", "calories": 52, "food_group": "fruit", "created_by": testapp.ID("alice")})
		for _, food := range []string{publicFoodA, publicFoodB, foodC} {
			bulkFoodLogs(t, app, "alice", food, 700)
		}
	}
	all := `id = "` + publicFoodA + `" || id = "` + publicFoodB + `" || id = "` + foodC + `"`
	two := `id = "` + publicFoodA + `" || id = "` + publicFoodB + `"`
	scenarios := []tests.ApiScenario{
		{
			Name:   "2100 expanded records",
			Method: http.MethodGet, URL: recordsURL(collections.Foods, "", "filter", all, "expand", "food_logs_via_food"),
			Headers: testapp.Auth("alice"), ExpectedStatus: 400,
			ExpectedContent: []string{`"expand":{"code":"validation_expand_limit"`, `more than 2000 expanded records`},
			ExpectedEvents:  map[string]int{"OnRecordsListRequest": 1},
		},
		{
			Name:   "1400 expanded records",
			Method: http.MethodGet, URL: recordsURL(collections.Foods, "", "filter", two, "expand", "food_logs_via_food"),
			Headers: testapp.Auth("alice"), ExpectedStatus: 200,
			ExpectedContent: []string{`"totalItems":2`, `"food_logs_via_food":[{`},
		},
		{
			Name:   "a superuser's 2100",
			Method: http.MethodGet, URL: recordsURL(collections.Foods, "", "filter", all, "expand", "food_logs_via_food"),
			Headers: testapp.Auth("root"), ExpectedStatus: 200,
			ExpectedContent: []string{`"totalItems":3`, `"food_logs_via_food":[{`},
		},
	}
	for _, s := range scenarios {
		s.BeforeTestFunc = fixture
		s.TestAppFactory = testapp.NewUnmanaged
		s.Test(t)
	}
}
