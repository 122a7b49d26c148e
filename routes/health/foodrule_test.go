package health_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/types"

	"trackbase/collections"
)

// foodsRule replaces the list and view rules of foods ("" keeps them).
func foodsRule(rule string) func(f fixture) {
	return func(f fixture) {
		if rule == "" {
			return
		}
		foods, err := f.app.FindCollectionByNameOrId(collections.Foods)
		if err != nil {
			f.t.Fatal(err)
		}
		foods.ListRule, foods.ViewRule = types.Pointer(rule), types.Pointer(rule)
		if err := f.app.Save(foods); err != nil {
			f.t.Fatal(err)
		}
	}
}

// A food's stats are shown to whoever the foods view rule shows the food
// to, and to no one else: the CRUD view and the stats always agree, and
// follow a change of the rule.
func TestFoodStatsFollowTheFoodsRule(t *testing.T) {
	const (
		everyone = `@request.auth.id != ""`
		ownOnly  = `created_by = @request.auth.id`
	)
	for _, c := range []struct {
		rule, user, food string
		want             int
	}{
		{"", "carol", "bar", 200}, // an admin sees every food
		{"", "alice", "bar", 404}, // bob's private bar
		{"", "alice", "shake", 200},
		{everyone, "alice", "bar", 200},
		{ownOnly, "carol", "bar", 404},
		{ownOnly, "alice", "oats", 404}, // public, but not hers
		{ownOnly, "alice", "shake", 200},
	} {
		for _, url := range []string{"/api/foods/" + id(c.food) + "/stats", "/api/collections/foods/records/" + id(c.food)} {
			s := tests.ApiScenario{
				Name:   fmt.Sprintf("rule %q: %s GET %s", c.rule, c.user, url),
				Method: http.MethodGet, URL: url, Headers: withAuth(c.user),
				ExpectedStatus: c.want, ExpectedContent: []string{`"food_name":"`},
				TestAppFactory: app(recentMeals, foodsRule(c.rule)),
			}
			if c.want == 404 {
				s.ExpectedContent = []string{`"status":404`}
			}
			s.Test(t)
		}
	}
}
