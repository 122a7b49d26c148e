package workouts_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"trackbase/collections"
	"trackbase/internal/testapp"
)

// muscleRef names a reference muscle in a batch body; batchRequest replaces
// it with the muscle's id, which exists only once the test app does.
type muscleRef string

// batchItem is one record create of a POST /api/batch body.
type batchItem struct {
	collection string
	body       map[string]any
}

func batchRequest(t testing.TB, app core.App, items []batchItem) *strings.Reader {
	t.Helper()
	f := fixture{t, app}
	reqs := make([]map[string]any, len(items))
	for i, it := range items {
		body := map[string]any{}
		for k, v := range it.body {
			if name, ok := v.(muscleRef); ok {
				v = f.muscle(string(name))
			}
			body[k] = v
		}
		reqs[i] = map[string]any{"method": "POST", "url": "/api/collections/" + it.collection + "/records", "body": body}
	}
	raw, err := json.Marshal(map[string]any{"requests": reqs})
	if err != nil {
		t.Fatal(err)
	}
	return strings.NewReader(string(raw))
}

// upperLower is a split with 2 days and 3 targets, ids chosen by the client
// so later items can point at earlier ones.
func upperLower(last batchItem) []batchItem {
	return []batchItem{
		{collections.Splits, map[string]any{"id": id("ul"), "split_name": "Upper/Lower", "start_date": "2026-02-01"}},
		{collections.SplitDays, map[string]any{"id": id("ulup"), "split": id("ul"), "day_name": "Upper", "day_order": 1}},
		{collections.SplitDays, map[string]any{"id": id("ullo"), "split": id("ul"), "day_name": "Lower", "day_order": 2}},
		{collections.SplitDayTargets, map[string]any{"split_day": id("ulup"), "muscle": muscleRef(chest), "target_activation": 900}},
		{collections.SplitDayTargets, map[string]any{"split_day": id("ulup"), "muscle": muscleRef(biceps), "target_activation": 400}},
		last,
	}
}

func count(t testing.TB, app core.App, collection string, where dbx.Expression) int {
	t.Helper()
	var n int
	if err := app.DB().Select("COUNT(*)").From(collection).Where(where).Row(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// expectRows checks how many rows of the Upper/Lower batch exist afterwards.
func expectRows(splits, days, targets int) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, app *tests.TestApp, res *http.Response) {
		got := [3]int{
			count(t, app, collections.Splits, dbx.HashExp{"id": id("ul")}),
			count(t, app, collections.SplitDays, dbx.HashExp{"split": id("ul")}),
			count(t, app, collections.SplitDayTargets, dbx.HashExp{"split_day": []any{id("ulup"), id("ullo")}}),
		}
		if got != [3]int{splits, days, targets} {
			t.Errorf("splits/days/targets = %v, want %v", got, [3]int{splits, days, targets})
		}
	}
}

func TestBatchCreatesAtomically(t *testing.T) {
	lowerTarget := batchItem{collections.SplitDayTargets, map[string]any{"split_day": id("ullo"), "muscle": muscleRef(quads), "target_activation": 1000}}
	cases := []struct {
		items    []batchItem
		scenario tests.ApiScenario
	}{
		{upperLower(lowerTarget), tests.ApiScenario{
			Name: "a split, 2 days and 3 targets in one batch", Headers: testapp.Auth("alice"),
			ExpectedStatus: 200, TestAppFactory: testapp.NewUnmanaged,
			ExpectedContent: []string{`"status":200`, `"split_name":"Upper/Lower"`, `"day_name":"Lower"`, `"target_activation":1000`},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				expectRows(1, 2, 3)(t, app, res)
				split, err := app.FindRecordById(collections.Splits, id("ul"))
				if err != nil || split.GetString("user") != testapp.ID("alice") {
					t.Errorf("split owner = %v (%v), want alice", split, err)
				}
			},
		}},
		{upperLower(batchItem{collections.SplitDayTargets, map[string]any{"split_day": id("ullo"), "muscle": muscleRef(quads), "target_activation": -5}}),
			tests.ApiScenario{
				Name: "a failing last item (target below 0) leaves nothing behind", Headers: testapp.Auth("alice"),
				ExpectedStatus: 400, TestAppFactory: testapp.NewUnmanaged,
				ExpectedContent: []string{`"requests"`, `"5"`, `"target_activation"`},
				AfterTestFunc:   expectRows(0, 0, 0),
			}},
		{upperLower(batchItem{collections.SplitDays, map[string]any{"split": id("ppl"), "day_name": "Sneaky", "day_order": 9}}),
			tests.ApiScenario{
				Name: "a day added to someone else's split fails the whole batch", Headers: testapp.Auth("bob"),
				ExpectedStatus: 400, TestAppFactory: seeded, ExpectedContent: []string{`"requests"`, `"5"`},
				AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
					expectRows(0, 0, 0)(t, app, res)
					if n := count(t, app, collections.SplitDays, dbx.HashExp{"split": id("ppl")}); n != 3 {
						t.Errorf("alice's PPL has %d days, want 3", n)
					}
				},
			}},
		{upperLower(lowerTarget), tests.ApiScenario{
			Name: "a guest's batch is refused and writes nothing", Headers: testapp.Auth("gus"),
			ExpectedStatus: 400, TestAppFactory: testapp.NewUnmanaged, ExpectedContent: []string{`"requests"`, `"0"`},
			AfterTestFunc: expectRows(0, 0, 0),
		}},
		{[]batchItem{
			{collections.Workouts, map[string]any{"id": id("row"), "workout_name": "Row", "type": "cable_machine"}},
			{collections.WorkoutMuscles, map[string]any{"workout": id("row"), "muscle": muscleRef("Latissimus Dorsi"), "activation_rating": 85}},
			{collections.WorkoutMuscles, map[string]any{"workout": id("row"), "muscle": muscleRef(biceps), "activation_rating": 40}},
		}, tests.ApiScenario{
			Name: "a workout with its muscle ratings in one batch", Headers: testapp.Auth("alice"),
			ExpectedStatus: 200, TestAppFactory: testapp.NewUnmanaged,
			ExpectedContent: []string{`"workout_name":"Row"`, `"activation_rating":85`},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				if n := count(t, app, collections.WorkoutMuscles, dbx.HashExp{"workout": id("row")}); n != 2 {
					t.Errorf("%d ratings, want 2", n)
				}
			},
		}},
	}
	for _, c := range cases {
		s := c.scenario
		s.Method, s.URL = http.MethodPost, "/api/batch"
		factory := s.TestAppFactory
		// the body names muscle ids, which exist once the app does
		s.TestAppFactory = func(t testing.TB) *tests.TestApp {
			app := factory(t)
			s.Body = batchRequest(t, app, c.items)
			return app
		}
		s.Test(t)
	}
}
