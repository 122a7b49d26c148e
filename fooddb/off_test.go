package fooddb

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// units of the fields these tests map (the registry's, in part)
var offUnits = map[string]string{"calories": "kcal", "protein": "g", "fat": "g", "carbohydrates": "g", "fiber": "g",
	"sugar": "g", "saturated_fat": "g", "sodium": "mg", "calcium": "mg", "vitamin_a": "µg"}

// The shared samples are real Open Food Facts answers (not in the repo: no
// licence to copy them); the test reads them where they are.
func TestParseOFFSamples(t *testing.T) {
	dir := "../../shared/data/import-samples/openfoodfacts"
	if _, err := os.Stat(dir); err != nil {
		t.Skip("no shared Open Food Facts samples")
	}
	for _, c := range []struct {
		file string
		want OFFProduct
	}{
		// Harrys bread: sodium 0.452 g = 452 mg; no calcium, no vitamin A stated
		{"product-3228857000852.json", OFFProduct{Code: "3228857000852", Name: "Pain 100% mie nature PT", Brand: "Harrys", Unit: "g",
			FoodGroup: "grain", Nutrients: map[string]float64{"calories": 268, "protein": 7, "fat": 4.3, "carbohydrates": 48.5,
				"fiber": 3.8, "sugar": 7.7, "saturated_fat": 0.4, "sodium": 452}}},
		// Soignon goat cheese: calcium 0.13 g = 130 mg
		{"product-3523230028431.json", OFFProduct{Code: "3523230028431", Name: "Bûche Sainte-Maure", Brand: "Soignon", Unit: "g",
			FoodGroup: "dairy", Nutrients: map[string]float64{"calories": 291, "protein": 20, "fat": 23, "carbohydrates": 1,
				"fiber": 0, "sugar": 1, "saturated_fat": 16, "sodium": 600, "calcium": 130}}},
		// Pulco: the first of two brands
		{"product-3225350000501.json", OFFProduct{Code: "3225350000501", Name: "Pulco Citron", Brand: "Pulco", Unit: "g",
			FoodGroup: "other", Nutrients: map[string]float64{"calories": 23, "protein": 0.2, "fat": 0, "carbohydrates": 1.6,
				"sugar": 0.8, "saturated_fat": 0, "sodium": 4}}},
	} {
		body, err := os.ReadFile(filepath.Join(dir, c.file))
		if err != nil {
			t.Fatal(err)
		}
		got, err := ParseOFF(body, offUnits)
		if err != nil || !reflect.DeepEqual(*got, c.want) {
			t.Errorf("%s:\n got %+v (%v)\nwant %+v", c.file, got, err, c.want)
		}
	}
	body, err := os.ReadFile(filepath.Join(dir, "product-not-found.json"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ParseOFF(body, offUnits); !errors.Is(err, ErrNoProduct) {
		t.Errorf("not found: %v", err)
	}
}

// Own fixtures for what the samples do not show.
func TestParseOFFQuirks(t *testing.T) {
	for _, c := range []struct {
		name, body string
		want       *OFFProduct
		err        error
	}{
		{"a product without nutriments", `{"code":"96385074","status":1,"product":{"product_name":"Mystery"}}`, nil, ErrNoNutrition},
		{"nutriments without energy", `{"code":"96385074","status":1,"product":{"product_name":"Salt","nutriments":{"sodium_100g":38.7}}}`, nil, ErrNoNutrition},
		{"energy in kJ only, numbers as text, per 100 ml, no name", `{"code":"96385074","status":1,"product":{"generic_name":"Orange juice",
			"nutrition_data_per":"100ml","categories_tags":["en:fruits"],"nutriments":{"energy_100g":"188","sugars_100g":"8.9"}}}`,
			&OFFProduct{Code: "96385074", Name: "Orange juice", Unit: "ml", FoodGroup: "fruit",
				Nutrients: map[string]float64{"calories": 44.93, "sugar": 8.9}}, nil},
		{"no name at all", `{"code":"96385074","status":1,"product":{"nutriments":{"energy-kcal_100g":10,"vitamin-a_100g":0.00012}}}`,
			&OFFProduct{Code: "96385074", Name: "Product 96385074", Unit: "g", FoodGroup: "other",
				Nutrients: map[string]float64{"calories": 10, "vitamin_a": 120}}, nil},
		{"status 0", `{"code":"96385074","status":0,"status_verbose":"product not found"}`, nil, ErrNoProduct},
	} {
		got, err := ParseOFF([]byte(c.body), offUnits)
		if c.err != nil {
			if !errors.Is(err, c.err) {
				t.Errorf("%s: %v, want %v", c.name, err, c.err)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s:\n got %+v (%v)\nwant %+v", c.name, got, err, c.want)
		}
	}
	if _, err := ParseOFF([]byte(`<html>`), offUnits); err == nil || errors.Is(err, ErrNoProduct) {
		t.Errorf("a broken answer: %v", err)
	}
}
