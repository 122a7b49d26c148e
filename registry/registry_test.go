package registry_test

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"trackbase/collections"
	"trackbase/internal/testapp"
	"trackbase/registry"
)

// The tables agree with the schema: every nutrient is a number field of
// foods with its goal in user_goals, and every tracker's collection has the
// fields its row names, an owner and an index on (user, time field).
func TestRegistryMatchesSchema(t *testing.T) {
	app := testapp.New(t)
	fieldOf := func(collection, name string) core.Field {
		t.Helper()
		c, err := app.FindCollectionByNameOrId(collection)
		if err != nil {
			t.Fatal(err)
		}
		return c.Fields.GetByName(name)
	}
	for _, n := range registry.EnergyAndNutrients() {
		if _, ok := fieldOf(collections.Foods, n.Name).(*core.NumberField); !ok {
			t.Errorf("foods has no number field %s", n.Name)
		}
		if _, ok := fieldOf(collections.UserGoals, n.GoalField()).(*core.NumberField); !ok {
			t.Errorf("user_goals has no number field %s", n.GoalField())
		}
	}
	table, err := collections.UnitTable(app)
	if err != nil {
		t.Fatal(err)
	}
	users, _ := app.FindCollectionByNameOrId(collections.Users)
	for _, tr := range registry.Trackers {
		if f, ok := fieldOf(tr.Collection, "user").(*core.RelationField); !ok || f.CollectionId != users.Id || !f.Required {
			t.Errorf("%s: no required user relation", tr.Collection)
		}
		if _, ok := fieldOf(tr.Collection, tr.TimeField).(*core.DateField); !ok {
			t.Errorf("%s: no date field %s", tr.Collection, tr.TimeField)
		}
		c, _ := app.FindCollectionByNameOrId(tr.Collection)
		indexed := false
		for _, idx := range c.Indexes {
			indexed = indexed || strings.Contains(idx, "(`user`, `"+tr.TimeField+"`)") || strings.Contains(idx, "(user, "+tr.TimeField+")")
		}
		if !indexed {
			t.Errorf("%s: no index on (user, %s) in %v", tr.Collection, tr.TimeField, c.Indexes)
		}
		if tr.Total != "" {
			if _, ok := fieldOf(tr.Collection, tr.Total).(*core.NumberField); !ok {
				t.Errorf("%s: no number field %s", tr.Collection, tr.Total)
			}
		}
		if a := tr.Amount; a != nil {
			units, ok := fieldOf(tr.Collection, a.UnitField).(*core.SelectField)
			if !ok {
				t.Fatalf("%s: no select field %s", tr.Collection, a.UnitField)
			}
			for _, u := range units.Values {
				if _, err := table.Convert(1, u, a.Unit); err != nil {
					t.Errorf("%s: unit %s: %v", tr.Collection, u, err)
				}
			}
		}
		if tr.Demo != nil {
			for d := range 14 {
				for _, r := range tr.Demo(rand.New(rand.NewPCG(1, uint64(d))), time.Date(2026, 3, 1+d, 0, 0, 0, 0, time.UTC)) {
					for k := range r.Values {
						if fieldOf(tr.Collection, k) == nil {
							t.Errorf("%s: demo row names no field %s", tr.Collection, k)
						}
					}
				}
			}
		}
	}
}
