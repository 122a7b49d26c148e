package migrations

import (
	"slices"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Blood glucose readings (Cronometer and Apple Health exports carry them),
// owned like every tracker. A reading is in mg/dL or mmol/L; the units table
// converts between them (1 mmol/L = 18.016 mg/dL, glucose's molar mass), in
// a category of their own since the factor holds for glucose only.
func init() {
	const category = "glucose"
	m.Register(func(app core.App) error {
		units, err := app.FindCollectionByNameOrId("units")
		if err != nil {
			return err
		}
		if f, ok := units.Fields.GetByName("category").(*core.SelectField); ok && !slices.Contains(f.Values, category) {
			f.Values = append(f.Values, category)
		}
		if err := app.Save(units); err != nil {
			return err
		}
		for _, u := range []map[string]any{
			{"unit_name": "mg/dL", "category": category, "si_unit": "mg/dL", "si_factor": 1},
			{"unit_name": "mmol/L", "category": category, "si_unit": "mg/dL", "si_factor": 18.016},
		} {
			if err := InsertReferenceRow(app, ReferenceRow{"units", "unit_name", u}); err != nil {
				return err
			}
		}

		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			return err
		}
		c := core.NewBaseCollection("blood_glucose_logs")
		perUser(c, users)
		c.Fields.Add(num("value", f(0), nil, true, false)) // required: > 0
		c.Fields.Add(&core.SelectField{Name: "unit", Required: true, MaxSelect: 1, Values: []string{"mg/dL", "mmol/L"}})
		c.Fields.Add(&core.SelectField{Name: "context", Required: true, MaxSelect: 1,
			Values: []string{"fasting", "before_meal", "after_meal", "bedtime", "other"}})
		dateTime(c)
		withTimestamps(c)
		return app.Save(c)
	}, func(app core.App) error {
		if c, err := app.FindCollectionByNameOrId("blood_glucose_logs"); err == nil {
			if err := app.Delete(c); err != nil {
				return err
			}
		}
		if _, err := app.DB().NewQuery("DELETE FROM {{units}} WHERE [[category]] = {:c}").Bind(map[string]any{"c": category}).Execute(); err != nil {
			return err
		}
		units, err := app.FindCollectionByNameOrId("units")
		if err != nil {
			return err
		}
		if f, ok := units.Fields.GetByName("category").(*core.SelectField); ok {
			f.Values = slices.DeleteFunc(f.Values, func(v string) bool { return v == category })
		}
		return app.Save(units)
	})
}
