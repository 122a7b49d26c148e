package ai_test

import (
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/types"

	"trackbase/collections"
	"trackbase/internal/testapp"
)

// The foods a parse can match are those the foods list rule shows the
// caller: bob's private Quinoa is matched for nobody but those the rule
// lets see it, and a changed rule changes the matches.
func TestParseMealMatchesWhatTheFoodsRuleShows(t *testing.T) {
	t.Setenv("OPENAI_API_KEY", "")
	matched := []string{`"food_name":"Quinoa"`, `"calories":999`}
	for _, c := range []struct {
		name, rule, user string
		sees             bool
	}{
		{"not another user's private food", "", "alice", false},
		{"the owner's own", "", "bob", true},
		{"an admin sees every food", "", "carol", true},
		{"a rule showing every food to every signed-in user", `@request.auth.id != ""`, "alice", true},
		{"a rule showing public foods only", `make_public = true`, "bob", false},
	} {
		s := tests.ApiScenario{
			Name:   c.name,
			Method: http.MethodPost, URL: "/api/ai/parse-meal",
			Body:    jsonBody(map[string]any{"text": "quinoa"}),
			Headers: testapp.Auth(c.user), TestAppFactory: factory,
			BeforeTestFunc: func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) {
				seedFoods(t, app)
				if c.rule == "" {
					return
				}
				foods, err := app.FindCollectionByNameOrId(collections.Foods)
				if err != nil {
					t.Fatal(err)
				}
				foods.ListRule, foods.ViewRule = types.Pointer(c.rule), types.Pointer(c.rule)
				if err := app.Save(foods); err != nil {
					t.Fatal(err)
				}
			},
			ExpectedStatus:  200,
			ExpectedContent: []string{`"parser":"local"`},
		}
		if c.sees {
			s.ExpectedContent = append(s.ExpectedContent, matched...)
		} else {
			s.NotExpectedContent = matched
		}
		s.Test(t)
	}
}
