package migrations_test

import (
	"encoding/json"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"trackbase/internal/testapp"
	migrations "trackbase/pb_migrations"
)

// The migrations load SR28 into every database; values as USDA publishes
// them (foods.csv), unknown ones listed, portions with their grams.
func TestSR28Loaded(t *testing.T) {
	app := testapp.New(t)
	count := func(table string, where dbx.Expression) int {
		var n int
		if err := app.DB().Select("COUNT(*)").From(table).Where(where).Row(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := count("foods", dbx.HashExp{"source": "usda", "make_public": true}); n != 8789 {
		t.Errorf("USDA foods = %d, want 8789", n)
	}
	if n := count("food_portions", dbx.NewExp("food IN (SELECT id FROM foods WHERE source = 'usda')")); n != 15438 {
		t.Errorf("USDA portions = %d, want 15438", n)
	}

	egg, err := app.FindRecordById("foods", migrations.SR28FoodID("01123"))
	if err != nil {
		t.Fatal(err)
	}
	// foods.csv: 01123,"Egg, whole, raw, fresh",Dairy and Egg Products,143,12.56,9.51,0.72,0,0.37,142,3.126,0.038,372,56,1.75,12,138,...
	for field, want := range map[string]float64{"serving_size": 100, "calories": 143, "protein": 12.56, "fat": 9.51,
		"carbohydrates": 0.72, "sodium": 142, "cholesterol": 372, "potassium": 138} {
		if got := egg.GetFloat(field); got != want {
			t.Errorf("egg %s = %v, want %v", field, got, want)
		}
	}
	if egg.GetString("unit") != "g" || egg.GetString("source_id") != "01123" || egg.GetString("food_group") != "protein" {
		t.Errorf("egg = %v", egg.PublicExport())
	}
	var portion struct {
		Unit  string  `db:"unit"`
		Grams float64 `db:"grams"`
	}
	if err := app.DB().Select("unit", "grams").From("food_portions").
		Where(dbx.HashExp{"food": egg.Id}).OrderBy("seq").Limit(1).One(&portion); err != nil || portion.Unit != "large" || portion.Grams != 50 {
		t.Errorf("egg's first portion = %+v (%v), want 1 large = 50 g", portion, err)
	}

	// 09041 Bananas, dehydrated, or banana powder: trans fat empty (unknown),
	// cholesterol 0: the unknown one is listed, the zero is not
	assertUnknown(t, app, "09041", "trans_fat", true)
	assertUnknown(t, app, "09041", "cholesterol", false)
}

func assertUnknown(t *testing.T, app core.App, ndb, nutrient string, want bool) {
	t.Helper()
	rec, err := app.FindRecordById("foods", migrations.SR28FoodID(ndb))
	if err != nil {
		t.Fatal(err)
	}
	var unknown []string
	if err := json.Unmarshal([]byte(rec.GetString("unknown_nutrients")), &unknown); err != nil {
		t.Fatal(err)
	}
	got := false
	for _, u := range unknown {
		got = got || u == nutrient
	}
	if got != want || rec.GetFloat(nutrient) != 0 {
		t.Errorf("%s %s: listed unknown = %v (%v), want %v, value 0", ndb, nutrient, got, unknown, want)
	}
}

// Loading again inserts nothing; after the USDA rows are gone it puts every
// one back.
func TestLoadSR28Idempotent(t *testing.T) {
	app := testapp.New(t)
	rep, err := migrations.LoadSR28(app)
	if err != nil || rep != (migrations.SR28Report{}) {
		t.Fatalf("second load = %+v, %v; want nothing inserted", rep, err)
	}
	if err := migrations.DeleteSR28(app); err != nil {
		t.Fatal(err)
	}
	if rep, err = migrations.LoadSR28(app); err != nil || rep != (migrations.SR28Report{Foods: 8789, Portions: 15438}) {
		t.Fatalf("reload = %+v, %v", rep, err)
	}
}

// Every loaded food passes the foods collection's validation (checked on a
// sample: validating all 8,789 takes seconds).
func TestSR28FoodsValidate(t *testing.T) {
	app := testapp.New(t)
	var ids []string
	if err := app.DB().NewQuery(`SELECT id FROM foods WHERE source = 'usda' ORDER BY id`).Column(&ids); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < len(ids); i += 97 {
		rec, err := app.FindRecordById("foods", ids[i])
		if err != nil {
			t.Fatal(err)
		}
		if err := app.Validate(rec); err != nil {
			t.Errorf("%s %q: %v", ids[i], rec.GetString("food_name"), err)
		}
	}
}

// BenchmarkLoadSR28 times loading the 8,789 foods and 15,438 portions into a
// database that has none (search index triggers included).
func BenchmarkLoadSR28(b *testing.B) {
	app := testapp.New(b)
	for b.Loop() {
		b.StopTimer()
		if err := migrations.DeleteSR28(app); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if rep, err := migrations.LoadSR28(app); err != nil || rep.Foods != 8789 {
			b.Fatal(rep, err)
		}
	}
}
