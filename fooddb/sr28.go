// Package fooddb holds the food reference data trackbase ships and the pure
// logic around foods: USDA's Standard Reference (SR28) embedded in the
// binary, the mapping of its food groups, barcodes (GTIN) and the ranking of
// search results. It does no I/O beyond reading its embedded file.
package fooddb

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"strconv"
	"strings"
)

//go:generate go run ./gen -in ../../shared/data/usda-sr28 -out sr28.tsv.gz

// sr28 is USDA's SR28 (public domain), written by gen from the shared CSVs.
//
//go:embed sr28.tsv.gz
var sr28 []byte

// Citation is the credit USDA asks for wherever its data is shown.
const Citation = "US Department of Agriculture, Agricultural Research Service, Nutrient Data Laboratory. " +
	"USDA National Nutrient Database for Standard Reference, Release 28. Version Current: September 2015. " +
	"Internet: http://www.ars.usda.gov/ba/bhnrc/ndl"

// Food is one SR28 food.
type Food struct {
	NDB         string // USDA's NDB number, 5 digits ("01123")
	Description string // "Egg, whole, raw, fresh"
	Group       string // USDA's food group ("Dairy and Egg Products")
	// Nutrients per 100 g, keyed by the foods field they fill (protein,
	// sodium, vitamin_a, …). A nutrient USDA has no value for is absent:
	// unknown, which is not 0.
	Nutrients map[string]float64
	Portions  []Portion // in USDA's order
}

// Portion is a USDA household measure: Amount × Unit weighs Grams.
type Portion struct {
	Seq    int
	Amount float64
	Unit   string // "large", "cup, chopped", "NLEA serving"
	Grams  float64
}

// SR28 is the embedded USDA data: the nutrient names it carries (the foods
// fields they fill) and the foods with their portions.
type SR28 struct {
	Nutrients []string
	Foods     []Food
}

// LoadSR28 decodes the embedded data.
func LoadSR28() (*SR28, error) {
	zr, err := gzip.NewReader(bytes.NewReader(sr28))
	if err != nil {
		return nil, err
	}
	out := &SR28{Foods: make([]Food, 0, 8800)}
	sc := bufio.NewScanner(zr)
	for n := 1; sc.Scan(); n++ {
		f := strings.Split(sc.Text(), "\t")
		if err := out.add(f); err != nil {
			return nil, fmt.Errorf("sr28 line %d: %w", n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

func (d *SR28) add(f []string) error {
	switch {
	case f[0] == "N" && d.Nutrients == nil:
		d.Nutrients = f[1:]
	case f[0] == "F" && len(f) == 4+len(d.Nutrients):
		food := Food{NDB: f[1], Description: f[2], Group: f[3], Nutrients: make(map[string]float64, len(d.Nutrients))}
		for i, raw := range f[4:] {
			if raw == "" {
				continue // unknown
			}
			v, err := strconv.ParseFloat(raw, 64)
			if err != nil {
				return err
			}
			food.Nutrients[d.Nutrients[i]] = v
		}
		d.Foods = append(d.Foods, food)
	case f[0] == "P" && len(f) == 5 && len(d.Foods) > 0:
		seq, err1 := strconv.Atoi(f[1])
		amount, err2 := strconv.ParseFloat(f[2], 64)
		grams, err3 := strconv.ParseFloat(f[4], 64)
		if err1 != nil || err2 != nil || err3 != nil {
			return fmt.Errorf("bad portion %q", f)
		}
		last := &d.Foods[len(d.Foods)-1]
		last.Portions = append(last.Portions, Portion{Seq: seq, Amount: amount, Unit: f[3], Grams: grams})
	default:
		return fmt.Errorf("unexpected record %q", f[0])
	}
	return nil
}

// groups maps USDA's 25 food groups onto the foods' food_group values; the
// rest are "other". Eggs, filed by USDA with dairy, count as protein.
var groups = map[string]string{
	"Fruits and Fruit Juices":           "fruit",
	"Vegetables and Vegetable Products": "vegetable",
	"Cereal Grains and Pasta":           "grain",
	"Breakfast Cereals":                 "grain",
	"Baked Products":                    "grain",
	"Dairy and Egg Products":            "dairy",
	"Beef Products":                     "protein",
	"Pork Products":                     "protein",
	"Lamb, Veal, and Game Products":     "protein",
	"Poultry Products":                  "protein",
	"Finfish and Shellfish Products":    "protein",
	"Sausages and Luncheon Meats":       "protein",
	"Legumes and Legume Products":       "protein",
	"Nut and Seed Products":             "protein",
}

// FoodGroup is the food_group of a USDA food.
func (f *Food) FoodGroup() string {
	if strings.HasPrefix(f.Description, "Egg,") || strings.HasPrefix(f.Description, "Egg ") {
		return "protein"
	}
	if g, ok := groups[f.Group]; ok {
		return g
	}
	return "other"
}

// DefaultPortion is the index of the portion a person most likely means by
// "one", among a food's portion units in their order: the first, unless that
// is a cup and there is a medium one (a medium banana rather than a cup of
// mashed banana); -1 when there is none.
func DefaultPortion(units []string) int {
	if len(units) == 0 {
		return -1
	}
	if strings.HasPrefix(units[0], "cup") {
		for i, u := range units {
			if strings.HasPrefix(u, "medium") {
				return i
			}
		}
	}
	return 0
}

// DefaultPortion is the index of the food's default portion (see the
// function of that name); -1 when it has none.
func (f *Food) DefaultPortion() int {
	units := make([]string, len(f.Portions))
	for i, p := range f.Portions {
		units[i] = p.Unit
	}
	return DefaultPortion(units)
}
