package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Reference data: access levels, activity levels
// with their TDEE multipliers, units with categories and SI factors, and the
// 46 muscles. `seed --required` inserts the same rows idempotently.
func init() {
	m.Register(func(app core.App) error {
		for _, r := range ReferenceRows() {
			if err := InsertReferenceRow(app, r); err != nil {
				return err
			}
		}
		return nil
	}, func(app core.App) error {
		for _, name := range []string{"muscles", "units", "activity_levels", "access_levels"} {
			if _, err := app.DB().NewQuery("DELETE FROM {{" + name + "}}").Execute(); err != nil {
				return err
			}
		}
		return nil
	})
}

// Fixed ids of the access levels; the API rules compare users' access_level with them.
const (
	adminLevelID = "accesslvladmin0"
	userLevelID  = "accesslvluser00"
	guestLevelID = "accesslvlguest0"
)

// AccessLevelIDs maps role names to their fixed access level ids.
var AccessLevelIDs = map[string]string{"admin": adminLevelID, "user": userLevelID, "guest": guestLevelID}

// ReferenceRow is one row of reference data, identified by its unique Key field.
type ReferenceRow struct {
	Collection string
	Key        string // name of the unique field
	Values     map[string]any
}

// InsertReferenceRow inserts the row unless a row with the same key exists.
// It reports nothing for an existing row, so running it twice changes nothing.
func InsertReferenceRow(app core.App, r ReferenceRow) error {
	c, err := app.FindCachedCollectionByNameOrId(r.Collection)
	if err != nil {
		return err
	}
	if _, err := app.FindFirstRecordByData(c, r.Key, r.Values[r.Key]); err == nil {
		return nil
	}
	rec := core.NewRecord(c)
	for k, v := range r.Values {
		rec.Set(k, v)
	}
	return app.Save(rec)
}

// ReferenceRows returns every reference row in insertion order.
func ReferenceRows() []ReferenceRow {
	var rows []ReferenceRow
	for _, role := range []string{"admin", "user", "guest"} {
		rows = append(rows, ReferenceRow{"access_levels", "role_name", map[string]any{"id": AccessLevelIDs[role], "role_name": role}})
	}
	for _, a := range []struct {
		name, desc string
		mult       float64
	}{
		{"Sedentary", "Little or no exercise, desk job", 1.2},
		{"Lightly Active", "Light exercise or sports 1-3 days per week", 1.375},
		{"Moderately Active", "Moderate exercise or sports 3-5 days per week", 1.55},
		{"Very Active", "Hard exercise or sports 6-7 days per week", 1.725},
		{"Extremely Active", "Very hard exercise, physical job, or training twice per day", 1.9},
	} {
		rows = append(rows, ReferenceRow{"activity_levels", "name", map[string]any{"name": a.name, "description": a.desc, "multiplier": a.mult}})
	}
	// si_unit may name another unit that resolves further (oz → g → kg); see units.Table.Root.
	for _, u := range []struct {
		name, cat, si string
		factor        float64
	}{
		{"imperial", "system", "", 0},
		{"metric", "system", "", 0},
		{"lb", "weight", "kg", 0.45359237},
		{"kg", "weight", "kg", 1},
		{"oz", "weight", "g", 28.349523125},
		{"g", "weight", "kg", 0.001},
		{"ml", "volume", "ml", 1},
		{"l", "volume", "ml", 1000},
		{"fl oz", "volume", "ml", 29.5735295625},
		{"cup", "volume", "ml", 236.5882365},
		{"tbsp", "volume", "ml", 14.78676478125},
		{"tsp", "volume", "ml", 4.92892159375},
		{"gallon", "volume", "ml", 3785.411784},
		{"pint", "volume", "ml", 473.176473},
		{"quart", "volume", "ml", 946.352946},
		{"in", "length", "cm", 2.54},
		{"cm", "length", "m", 0.01},
		{"ft", "length", "cm", 30.48},
		{"m", "length", "m", 1},
		{"mile", "length", "km", 1.609344},
		{"km", "length", "m", 1000},
		{"unit", "count", "unit", 1},
		{"serving", "count", "serving", 1},
		{"piece", "count", "piece", 1},
		{"slice", "count", "slice", 1},
		{"scoop", "count", "scoop", 1},
	} {
		rows = append(rows, ReferenceRow{"units", "unit_name", map[string]any{"unit_name": u.name, "category": u.cat, "si_unit": u.si, "si_factor": u.factor}})
	}
	for _, g := range []struct {
		group string
		names []string
	}{
		{"chest", []string{"Pectoralis Major (Upper)", "Pectoralis Major (Middle)", "Pectoralis Major (Lower)", "Pectoralis Minor"}},
		{"back", []string{"Latissimus Dorsi", "Trapezius (Upper)", "Trapezius (Middle)", "Trapezius (Lower)", "Rhomboids", "Erector Spinae", "Teres Major", "Teres Minor"}},
		{"arms", []string{"Biceps Brachii", "Brachialis", "Brachioradialis", "Triceps (Long Head)", "Triceps (Lateral Head)", "Triceps (Medial Head)", "Forearm Flexors", "Forearm Extensors",
			"Anterior Deltoid", "Lateral Deltoid", "Posterior Deltoid", "Rotator Cuff"}},
		{"legs", []string{"Quadriceps (Rectus Femoris)", "Quadriceps (Vastus Lateralis)", "Quadriceps (Vastus Medialis)", "Quadriceps (Vastus Intermedius)",
			"Hamstrings (Biceps Femoris)", "Hamstrings (Semitendinosus)", "Hamstrings (Semimembranosus)", "Glutes (Maximus)", "Glutes (Medius)", "Glutes (Minimus)",
			"Adductors", "Abductors", "Calves (Gastrocnemius)", "Calves (Soleus)", "Tibialis Anterior"}},
		{"core", []string{"Rectus Abdominis", "External Obliques", "Internal Obliques", "Transverse Abdominis", "Serratus Anterior"}},
		{"other", []string{"Neck Flexors", "Neck Extensors"}},
	} {
		for _, n := range g.names {
			rows = append(rows, ReferenceRow{"muscles", "muscle_name", map[string]any{"muscle_name": n, "muscle_group": g.group}})
		}
	}
	return rows
}
