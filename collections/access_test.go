package collections_test

import (
	"github.com/pocketbase/dbx"
	"slices"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"trackbase/collections"
	"trackbase/internal/testapp"
)

// VisibleFilter keeps the foods the list rule shows: public ones, one's own
// and those one logged (a back relation the rule joins), every food for an
// admin or a superuser, none without a rule, all with an empty one.
func TestVisibleFilterFollowsTheListRule(t *testing.T) {
	app := testapp.New(t)
	food := func(name, creator string, public bool) string {
		return testapp.Save(t, app, collections.Foods, map[string]any{"food_name": name, "serving_size": 1, "unit": "g",
			"food_group": "other", "make_public": public, "created_by": creator})
	}
	public := food("public", "", true)
	alices := food("alice's", testapp.ID("alice"), false)
	bobs := food("bob's", testapp.ID("bob"), false)
	logged := food("bob's, logged by alice", testapp.ID("bob"), true)
	// alice logs it while it is public; bob then makes it private
	testapp.Save(t, app, collections.FoodLogs, map[string]any{"user": testapp.ID("alice"), "food": logged, "servings": 1})
	rec, err := app.FindRecordById(collections.Foods, logged)
	if err != nil {
		t.Fatal(err)
	}
	rec.Set("make_public", false)
	if err := app.Save(rec); err != nil {
		t.Fatal(err)
	}

	visible := func(info *core.RequestInfo) []string {
		t.Helper()
		foods, err := app.FindCollectionByNameOrId(collections.Foods)
		if err != nil {
			t.Fatal(err)
		}
		cond, err := collections.VisibleFilter(app, foods, info)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		// the fixture's foods; the 8,789 USDA foods are public like `public`
		if err := app.DB().Select("foods.id").From(collections.Foods).AndWhere(cond).
			AndWhere(dbx.NewExp("foods.source != 'usda'")).OrderBy("foods.id").Column(&ids); err != nil {
			t.Fatal(err)
		}
		return ids
	}
	as := func(username string) *core.RequestInfo {
		u, err := app.FindRecordById(collections.Users, testapp.ID(username))
		if err != nil {
			t.Fatal(err)
		}
		return collections.AsUser(u)
	}
	root, err := app.FindAuthRecordByEmail(core.CollectionNameSuperusers, testapp.SuperuserEmail)
	if err != nil {
		t.Fatal(err)
	}
	sorted := func(ids ...string) []string { slices.Sort(ids); return ids }
	all := sorted(public, alices, bobs, logged)
	for _, c := range []struct {
		name string
		info *core.RequestInfo
		want []string
	}{
		{"alice", as("alice"), sorted(public, alices, logged)},
		{"bob", as("bob"), sorted(public, bobs, logged)},
		{"carol, an admin", as("carol"), all},
		{"a guest", as("gus"), sorted(public)},
		{"a superuser", collections.AsUser(root), all},
		{"nobody signed in", &core.RequestInfo{}, nil},
	} {
		if got := visible(c.info); !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}

	foods, _ := app.FindCollectionByNameOrId(collections.Foods)
	foods.ListRule = nil
	if err := app.Save(foods); err != nil {
		t.Fatal(err)
	}
	if got := visible(as("carol")); len(got) != 0 {
		t.Errorf("without a rule an admin sees %v", got)
	}
	foods.ListRule = types.Pointer("")
	if err := app.Save(foods); err != nil {
		t.Fatal(err)
	}
	if got := visible(&core.RequestInfo{}); !slices.Equal(got, all) {
		t.Errorf("with an empty rule: %v, want %v", got, all)
	}
}
