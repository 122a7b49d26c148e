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

// Invite keys of the scenarios: "unused-key-1" nobody signed up with,
// "used-key-01" that bob signed up with.
const (
	unusedInviteKey = "unused-key-1"
	usedInviteKey   = "used-key-01"
)

func addInviteKeys(t testing.TB, app core.App) {
	t.Helper()
	col, err := app.FindCollectionByNameOrId(collections.InviteKeys)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{unusedInviteKey, usedInviteKey} {
		rec := core.NewRecord(col)
		rec.Set("key", k)
		if err := app.Save(rec); err != nil {
			t.Fatal(err)
		}
	}
	used, err := app.FindFirstRecordByData(collections.InviteKeys, "key", usedInviteKey)
	if err != nil {
		t.Fatal(err)
	}
	bob := findFixtureUser(t, app, "bob")
	bob.Set("invite_key", used.Id)
	if err := app.Save(bob); err != nil {
		t.Fatal(err)
	}
}

func signupBody(inviteKey string) *strings.Reader {
	body := `{"username":"dora_1","email":"dora@example.com","password":"secret1234","passwordConfirm":"secret1234"`
	if inviteKey != "" {
		body += `,"invite_key":"` + inviteKey + `"`
	}
	return strings.NewReader(body + `}`)
}

// expectNoSignup checks that a refused sign-up left no user behind.
func expectNoSignup(t testing.TB, app *tests.TestApp, _ *http.Response) {
	if n := countRows(t, app, collections.Users, dbx.HashExp{"username": "dora_1"}); n != 0 {
		t.Errorf("refused sign-up created %d users", n)
	}
}

// sameAnswerForBadKeys is the answer to an unknown and to a used invite key
// alike, so that the answer does not tell which keys exist.
var sameAnswerForBadKeys = []string{`"message":"This invite key is invalid or has already been used."`, `"invite_key":{"code":"validation_invalid_invite_key","message":"This invite key is invalid or has already been used."}`}

func TestInviteKeys(t *testing.T) {
	scenarios := []struct {
		requireInvite string
		scenario      tests.ApiScenario
	}{
		{"true", tests.ApiScenario{
			Name:            "invite required: sign-up without a key is refused",
			Body:            signupBody(""),
			ExpectedStatus:  400,
			ExpectedContent: []string{`"invite_key":{"code":"validation_required"`},
			AfterTestFunc:   expectNoSignup,
		}},
		{"true", tests.ApiScenario{
			Name:            "invite required: an unknown key is refused",
			Body:            signupBody("no-such-key"),
			ExpectedStatus:  400,
			ExpectedContent: sameAnswerForBadKeys,
			AfterTestFunc:   expectNoSignup,
		}},
		{"true", tests.ApiScenario{
			Name:            "invite required: a key another user signed up with is refused",
			Body:            signupBody(usedInviteKey),
			ExpectedStatus:  400,
			ExpectedContent: sameAnswerForBadKeys,
			AfterTestFunc:   expectNoSignup,
		}},
		{"true", tests.ApiScenario{
			Name:               "invite required: an unused key signs up and is then used",
			Body:               signupBody(unusedInviteKey),
			ExpectedStatus:     200,
			ExpectedContent:    []string{`"username":"dora_1"`},
			NotExpectedContent: []string{`"invite_key"`}, // hidden from API answers
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				key, err := app.FindFirstRecordByData(collections.InviteKeys, "key", unusedInviteKey)
				if err != nil {
					t.Fatal(err)
				}
				if n := countRows(t, app, collections.Users, dbx.HashExp{"username": "dora_1", "invite_key": key.Id}); n != 1 {
					t.Errorf("users signed up with the key = %d, want 1", n)
				}
			},
		}},
		{"false", tests.ApiScenario{
			Name:            "invite not required: sign-up without a key works",
			Body:            signupBody(""),
			ExpectedStatus:  200,
			ExpectedContent: []string{`"username":"dora_1"`},
		}},
		{"false", tests.ApiScenario{
			Name:            "invite not required: a used key is still refused",
			Body:            signupBody(usedInviteKey),
			ExpectedStatus:  400,
			ExpectedContent: sameAnswerForBadKeys,
			AfterTestFunc:   expectNoSignup,
		}},
	}
	for _, s := range scenarios {
		t.Setenv("TRACKBASE_REQUIRE_INVITE", s.requireInvite)
		sc := s.scenario
		sc.Method = http.MethodPost
		sc.URL = "/api/collections/users/records"
		sc.TestAppFactory = testapp.NewUnmanaged
		sc.BeforeTestFunc = func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) { addInviteKeys(t, app) }
		sc.Test(t)
	}
}

// TestOwnAccountFieldsLocked: nobody but a superuser changes a user's role or
// invite key, the user themselves included.
func TestOwnAccountFieldsLocked(t *testing.T) {
	// every test app is a copy of the same template, so ids read here hold in each
	adminLevel, err := collections.AccessLevelID(testapp.New(t), collections.RoleAdmin)
	if err != nil {
		t.Fatal(err)
	}
	before := func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) { addInviteKeys(t, app) }
	// alice keeps role user and no invite key
	aliceUnchanged := func(t testing.TB, app *tests.TestApp, _ *http.Response) {
		alice := findFixtureUser(t, app, "alice")
		if role := collections.Role(app, alice); role != collections.RoleUser {
			t.Errorf("alice's role = %q, want user", role)
		}
		if k := alice.GetString("invite_key"); k != "" {
			t.Errorf("alice's invite_key = %q, want none", k)
		}
	}
	patchAlice := func(body string) *strings.Reader { return strings.NewReader(body) }
	aliceURL := "/api/collections/users/records/" + testapp.ID("alice")
	scenarios := []tests.ApiScenario{
		{
			Name:            "a user cannot make themselves admin",
			Method:          http.MethodPatch,
			URL:             aliceURL,
			Headers:         testapp.Auth("alice"),
			BeforeTestFunc:  before,
			Body:            patchAlice(`{"access_level":"` + adminLevel + `"}`),
			ExpectedStatus:  404,
			ExpectedContent: []string{`"status":404`},
			AfterTestFunc:   aliceUnchanged,
		},
		{
			Name:            "a user cannot set their own invite key",
			Method:          http.MethodPatch,
			URL:             aliceURL,
			Headers:         testapp.Auth("alice"),
			BeforeTestFunc:  before,
			Body:            patchAlice(`{"invite_key":"` + unusedInviteKey + `"}`),
			ExpectedStatus:  400,
			ExpectedContent: []string{`"invite_key":{"code":"validation_immutable"`},
			AfterTestFunc:   aliceUnchanged,
		},
		{
			Name:            "an admin cannot change another user's role",
			Method:          http.MethodPatch,
			URL:             aliceURL,
			Headers:         testapp.Auth("carol"),
			BeforeTestFunc:  before,
			Body:            patchAlice(`{"access_level":"` + adminLevel + `"}`),
			ExpectedStatus:  404,
			ExpectedContent: []string{`"status":404`},
			AfterTestFunc:   aliceUnchanged,
		},
		{
			Name:            "a user can still edit the rest of their profile",
			Method:          http.MethodPatch,
			URL:             aliceURL,
			Headers:         testapp.Auth("alice"),
			BeforeTestFunc:  before,
			Body:            patchAlice(`{"first_name":"Alice","height_cm":170}`),
			ExpectedStatus:  200,
			ExpectedContent: []string{`"first_name":"Alice"`, `"height_cm":170`},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				aliceUnchanged(t, app, res)
				if got := findFixtureUser(t, app, "alice").GetFloat("height_cm"); got != 170 {
					t.Errorf("height_cm = %v, want 170", got)
				}
			},
		},
	}
	for _, s := range scenarios {
		s.TestAppFactory = testapp.NewUnmanaged
		s.Test(t)
	}
}

func TestLoginWithUsernameOrEmail(t *testing.T) {
	login := func(identity, password string) *strings.Reader {
		return strings.NewReader(`{"identity":"` + identity + `","password":"` + password + `"}`)
	}
	scenarios := []tests.ApiScenario{
		{
			Name:            "username",
			Body:            login("alice", testapp.Password),
			ExpectedStatus:  200,
			ExpectedContent: []string{`"token":"`, `"id":"` + testapp.ID("alice") + `"`},
		},
		{
			Name:            "email",
			Body:            login("alice@example.com", testapp.Password),
			ExpectedStatus:  200,
			ExpectedContent: []string{`"token":"`, `"id":"` + testapp.ID("alice") + `"`},
		},
		{
			Name:               "wrong password",
			Body:               login("alice", "wrong-password"),
			ExpectedStatus:     400,
			ExpectedContent:    []string{`"message":"Failed to authenticate."`},
			NotExpectedContent: []string{`"token"`},
		},
	}
	for _, s := range scenarios {
		s.Name = "login with " + s.Name
		s.Method = http.MethodPost
		s.URL = "/api/collections/users/auth-with-password"
		s.TestAppFactory = testapp.NewUnmanaged
		s.Test(t)
	}
}
