package fooddb

import "testing"

// The embedded copy holds what foods.csv and portions.csv hold (README of
// the shared extract: record counts and spot checks).
func TestSR28(t *testing.T) {
	d, err := LoadSR28()
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Foods) != 8789 {
		t.Fatalf("foods = %d, want 8789", len(d.Foods))
	}
	portions, withPortions := 0, 0
	byNDB := map[string]*Food{}
	for i := range d.Foods {
		f := &d.Foods[i]
		byNDB[f.NDB] = f
		portions += len(f.Portions)
		if len(f.Portions) > 0 {
			withPortions++
		}
	}
	if portions != 15438 || withPortions != 8492 {
		t.Errorf("portions = %d on %d foods, want 15438 on 8492", portions, withPortions)
	}
	if len(d.Nutrients) != 18 || d.Nutrients[0] != "calories" || d.Nutrients[14] != "vitamin_a" {
		t.Errorf("nutrients = %v", d.Nutrients)
	}
	for _, c := range []struct {
		ndb, name                 string
		kcal, protein, fat, carbs float64
		portion                   string
		grams                     float64
	}{
		{"01123", "Egg, whole, raw, fresh", 143, 12.56, 9.51, 0.72, "large", 50},
		{"09040", "Bananas, raw", 89, 1.09, 0.33, 22.84, `medium (7" to 7-7/8" long)`, 118},
		{"20045", "Rice, white, long-grain, regular, enriched, cooked", 130, 2.69, 0.28, 28.17, "cup", 158},
		{"01077", "Milk, whole, 3.25% milkfat, with added vitamin D", 61, 3.15, 3.25, 4.8, "cup", 244},
	} {
		f := byNDB[c.ndb]
		if f == nil {
			t.Errorf("%s missing", c.ndb)
			continue
		}
		n := f.Nutrients
		if f.Description != c.name || n["calories"] != c.kcal || n["protein"] != c.protein || n["fat"] != c.fat || n["carbohydrates"] != c.carbs {
			t.Errorf("%s = %q %v", c.ndb, f.Description, n)
		}
		if i := f.DefaultPortion(); i < 0 || f.Portions[i].Unit != c.portion || f.Portions[i].Grams != c.grams {
			t.Errorf("%s default portion = %d %+v, want %s = %v g", c.ndb, i, f.Portions, c.portion, c.grams)
		}
	}
	if _, known := byNDB["09041"].Nutrients["trans_fat"]; known {
		t.Error("09041 trans fat should be unknown (empty in foods.csv)")
	}
	if v, known := byNDB["09041"].Nutrients["cholesterol"]; !known || v != 0 {
		t.Error("09041 cholesterol should be a known 0")
	}
}

func TestFoodGroup(t *testing.T) {
	for _, c := range []struct{ desc, group, want string }{
		{"Bananas, raw", "Fruits and Fruit Juices", "fruit"},
		{"Egg, whole, raw, fresh", "Dairy and Egg Products", "protein"},
		{"Milk, whole, 3.25% milkfat", "Dairy and Egg Products", "dairy"},
		{"Lentils, raw", "Legumes and Legume Products", "protein"},
		{"Bread, white", "Baked Products", "grain"},
		{"Coffee, brewed", "Beverages", "other"},
	} {
		f := Food{Description: c.desc, Group: c.group}
		if got := f.FoodGroup(); got != c.want {
			t.Errorf("%s: %s, want %s", c.desc, got, c.want)
		}
	}
}
