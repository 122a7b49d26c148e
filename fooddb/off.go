package fooddb

import (
	"encoding/json"
	"errors"
	"math"
	"slices"
	"strings"
)

// OFFCredit is the credit Open Food Facts' licence (ODbL) asks for wherever
// its data is shown.
const OFFCredit = "Data from Open Food Facts (openfoodfacts.org), available under the Open Database License (ODbL)"

// ErrNoProduct: Open Food Facts does not know the barcode.
var ErrNoProduct = errors.New("Open Food Facts does not know this barcode")

// ErrNoNutrition: the product is known but has no nutrition facts per 100 g.
var ErrNoNutrition = errors.New("Open Food Facts has this product but no nutrition facts for it")

// OFFProduct is an Open Food Facts product as a trackbase food: nutrients
// per 100 g (or 100 ml), keyed by the foods field; a nutrient the product
// does not state is absent (unknown).
type OFFProduct struct {
	Code      string
	Name      string
	Brand     string
	Unit      string // "g", or "ml" for a product described per 100 ml
	FoodGroup string
	Nutrients map[string]float64
}

// offKeys: the nutriments key of a foods field where it is not the field's
// name with dashes; every value is per 100 g in grams, except energy.
var offKeys = map[string]string{"calories": "energy-kcal", "protein": "proteins", "sugar": "sugars"}

// perGram converts a nutrient's grams into its unit.
var perGram = map[string]float64{"g": 1, "mg": 1e3, "µg": 1e6, "kcal": 1}

// offGroups maps Open Food Facts category tags onto food groups, first
// match wins; the rest are "other".
var offGroups = []struct{ tag, group string }{
	{"en:cheeses", "dairy"}, {"en:dairies", "dairy"}, {"en:milks", "dairy"}, {"en:yogurts", "dairy"},
	{"en:fruits", "fruit"}, {"en:vegetables", "vegetable"},
	{"en:breads", "grain"}, {"en:cereals-and-their-products", "grain"}, {"en:pastas", "grain"}, {"en:breakfast-cereals", "grain"},
	{"en:meats", "protein"}, {"en:fishes", "protein"}, {"en:eggs", "protein"}, {"en:legumes", "protein"}, {"en:nuts", "protein"},
}

// ParseOFF reads an answer of GET /api/v2/product/{code}.json. nutrients are
// the foods' nutrient fields with their units (registry). It fails with
// ErrNoProduct, ErrNoNutrition, or another error for a malformed answer.
func ParseOFF(body []byte, nutrients map[string]string) (*OFFProduct, error) {
	var answer struct {
		Code    string `json:"code"`
		Status  int    `json:"status"`
		Product *struct {
			Name       string         `json:"product_name"`
			Generic    string         `json:"generic_name"`
			Brands     string         `json:"brands"`
			Per        string         `json:"nutrition_data_per"`
			Categories []string       `json:"categories_tags"`
			Nutriments map[string]any `json:"nutriments"`
		} `json:"product"`
	}
	if err := json.Unmarshal(body, &answer); err != nil {
		return nil, err
	}
	if answer.Status != 1 || answer.Product == nil {
		return nil, ErrNoProduct
	}
	p := answer.Product
	out := &OFFProduct{Code: answer.Code, Name: strings.TrimSpace(p.Name), Unit: "g", FoodGroup: "other",
		Nutrients: map[string]float64{}}
	if out.Name == "" {
		out.Name = strings.TrimSpace(p.Generic)
	}
	if out.Name == "" {
		out.Name = "Product " + answer.Code
	}
	out.Brand = strings.TrimSpace(strings.Split(p.Brands, ",")[0])
	if p.Per == "100ml" {
		out.Unit = "ml"
	}
	for _, g := range offGroups {
		if slices.Contains(p.Categories, g.tag) {
			out.FoodGroup = g.group
			break
		}
	}
	for field, unit := range nutrients {
		key := offKeys[field]
		if key == "" {
			key = strings.ReplaceAll(field, "_", "-")
		}
		if v, ok := number(p.Nutriments[key+"_100g"]); ok && v >= 0 {
			out.Nutrients[field] = math.Round(v*perGram[unit]*1e6) / 1e6
		}
	}
	if _, ok := out.Nutrients["calories"]; !ok {
		if kj, ok := number(p.Nutriments["energy_100g"]); ok && kj >= 0 {
			out.Nutrients["calories"] = math.Round(kj/4.184*100) / 100 // energy_100g is in kJ
		} else {
			return nil, ErrNoNutrition
		}
	}
	return out, nil
}

// number reads a JSON number, or a number written as a string.
func number(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case string:
		var f float64
		if err := json.Unmarshal([]byte(x), &f); err == nil {
			return f, true
		}
	}
	return 0, false
}
