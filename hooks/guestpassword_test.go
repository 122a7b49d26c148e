package hooks_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"trackbase/collections"
	"trackbase/internal/testapp"
)

// Guests change their own password and nothing else.
func TestGuestPasswordChange(t *testing.T) {
	const newPassword = "guest-new-pass-7"
	change := `"oldPassword":"` + testapp.Password + `","password":"` + newPassword + `","passwordConfirm":"` + newPassword + `"`
	passwordIs := func(username, want string) func(testing.TB, *tests.TestApp, *http.Response) {
		return func(t testing.TB, app *tests.TestApp, _ *http.Response) {
			user, err := app.FindRecordById(collections.Users, testapp.ID(username))
			if err != nil {
				t.Fatal(err)
			}
			if !user.ValidatePassword(want) {
				t.Errorf("%s's password is not %q", username, want)
			}
		}
	}
	gus := "/api/collections/users/records/" + testapp.ID("gus")
	scenarios := []tests.ApiScenario{
		{
			Name:            "a guest changes their password",
			Method:          http.MethodPatch,
			URL:             gus,
			Headers:         testapp.Auth("gus"),
			Body:            strings.NewReader(`{` + change + `}`),
			ExpectedStatus:  http.StatusOK,
			ExpectedContent: []string{`"username":"gus"`},
			ExpectedEvents:  map[string]int{"OnRecordUpdateRequest": 1, "OnRecordUpdate": 1},
			AfterTestFunc:   passwordIs("gus", newPassword),
		},
		{
			Name:            "a guest's password change with another field is refused, naming it",
			Method:          http.MethodPatch,
			URL:             gus,
			Headers:         testapp.Auth("gus"),
			Body:            strings.NewReader(`{` + change + `,"first_name":"Gus"}`),
			ExpectedStatus:  http.StatusBadRequest,
			ExpectedContent: []string{`"first_name":{"code":"validation_guest_read_only"`},
			AfterTestFunc:   passwordIs("gus", testapp.Password),
		},
		{
			Name:            "a guest's profile edit without a password stays refused",
			Method:          http.MethodPatch,
			URL:             gus,
			Headers:         testapp.Auth("gus"),
			Body:            strings.NewReader(`{"first_name":"Gus"}`),
			ExpectedStatus:  http.StatusNotFound,
			ExpectedContent: []string{`"status":404`},
		},
		{
			Name:            "a guest cannot change another user's password",
			Method:          http.MethodPatch,
			URL:             "/api/collections/users/records/" + testapp.ID("alice"),
			Headers:         testapp.Auth("gus"),
			Body:            strings.NewReader(`{` + change + `}`),
			ExpectedStatus:  http.StatusNotFound,
			ExpectedContent: []string{`"status":404`},
			AfterTestFunc:   passwordIs("alice", testapp.Password),
		},
		{
			Name:            "a guest cannot make themselves a user along with the password",
			Method:          http.MethodPatch,
			URL:             gus,
			Headers:         testapp.Auth("gus"),
			Body:            strings.NewReader(`{` + change + `,"access_level":"x"}`),
			ExpectedStatus:  http.StatusNotFound,
			ExpectedContent: []string{`"status":404`},
			AfterTestFunc:   passwordIs("gus", testapp.Password),
		},
		{
			Name:            "a user still edits their profile",
			Method:          http.MethodPatch,
			URL:             "/api/collections/users/records/" + testapp.ID("alice"),
			Headers:         testapp.Auth("alice"),
			Body:            strings.NewReader(`{"first_name":"Alice"}`),
			ExpectedStatus:  http.StatusOK,
			ExpectedContent: []string{`"first_name":"Alice"`},
		},
	}
	for _, s := range scenarios {
		s.TestAppFactory = testapp.Factory()
		s.Test(t)
	}
}
