package hooks_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"trackbase/collections"
	"trackbase/internal/testapp"
)

func countRows(t testing.TB, app core.App, collection string, where dbx.Expression) int {
	t.Helper()
	var n int
	q := app.DB().Select("COUNT(*)").From(collection)
	if where != nil {
		q.Where(where)
	}
	if err := q.Row(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func newUserBy(t testing.TB, app core.App, username string) *core.Record {
	t.Helper()
	rec, err := app.FindFirstRecordByData(collections.Users, "username", username)
	if err != nil {
		t.Fatalf("user %s: %v", username, err)
	}
	return rec
}

func TestSignup(t *testing.T) {
	signup := func(extra string) string {
		return `{"username":"dora_1","email":"dora@example.com","password":"secret1234","passwordConfirm":"secret1234"` + extra + `}`
	}
	scenarios := []tests.ApiScenario{
		{
			Name:               "sign-up gives role user, a goals row and every muscle at priority 80",
			Method:             http.MethodPost,
			URL:                "/api/collections/users/records",
			Body:               strings.NewReader(signup("")),
			ExpectedStatus:     200,
			ExpectedContent:    []string{`"username":"dora_1"`, `"timezone":"UTC"`, `"unit_preference":"metric"`},
			NotExpectedContent: []string{`"invite_key"`},
			ExpectedEvents:     map[string]int{"OnRecordCreateRequest": 1, "OnRecordCreate": 2, "OnRecordValidate": 2},
			TestAppFactory:     testapp.NewUnmanaged,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				u := newUserBy(t, app, "dora_1")
				if collections.Role(app, u) != collections.RoleUser {
					t.Errorf("role = %q, want user", collections.Role(app, u))
				}
				if n := countRows(t, app, collections.UserGoals, dbx.HashExp{"user": u.Id}); n != 1 {
					t.Errorf("user_goals rows = %d, want 1", n)
				}
				if n := countRows(t, app, collections.MuscleLogs, dbx.HashExp{"user": u.Id, "priority": 80}); n != 46 {
					t.Errorf("muscle_logs at 80 = %d, want 46", n)
				}
			},
		},
		{
			Name:            "sign-up cannot choose its access level",
			Method:          http.MethodPost,
			URL:             "/api/collections/users/records",
			Body:            strings.NewReader(signup(`,"access_level":"x"`)),
			ExpectedStatus:  400,
			ExpectedContent: []string{`"message":"Failed to create record."`},
			ExpectedEvents:  map[string]int{"*": 0},
			TestAppFactory:  testapp.NewUnmanaged,
		},
		{
			Name:            "username with a space is refused, naming the field",
			Method:          http.MethodPost,
			URL:             "/api/collections/users/records",
			Body:            strings.NewReader(`{"username":"do ra","email":"dora@example.com","password":"secret1234","passwordConfirm":"secret1234"}`),
			ExpectedStatus:  400,
			ExpectedContent: []string{`"username":{"code":"validation_invalid_format"`},
			ExpectedEvents:  map[string]int{"OnRecordCreateRequest": 1, "OnRecordCreate": 1, "OnRecordValidate": 1},
			TestAppFactory:  testapp.NewUnmanaged,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				if n := countRows(t, app, collections.Users, nil); n != 4 {
					t.Errorf("users = %d, want the 4 fixture users", n)
				}
			},
		},
		{
			Name:            "unknown time zone is refused",
			Method:          http.MethodPost,
			URL:             "/api/collections/users/records",
			Body:            strings.NewReader(signup(`,"timezone":"Mars/Olympus"`)),
			ExpectedStatus:  400,
			ExpectedContent: []string{`"timezone":{"code":"validation_invalid_timezone"`},
			ExpectedEvents:  map[string]int{"OnRecordCreateRequest": 1, "OnRecordCreate": 1, "OnRecordValidate": 1},
			TestAppFactory:  testapp.NewUnmanaged,
		},
		{
			Name:            "a birthday in the future is refused",
			Method:          http.MethodPost,
			URL:             "/api/collections/users/records",
			Body:            strings.NewReader(signup(`,"birthday":"2999-01-01 00:00:00.000Z"`)),
			ExpectedStatus:  400,
			ExpectedContent: []string{`"birthday":{"code":"validation_birthday_future"`},
			ExpectedEvents:  map[string]int{"OnRecordCreateRequest": 1, "OnRecordCreate": 1, "OnRecordValidate": 1},
			TestAppFactory:  testapp.NewUnmanaged,
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}
