package fooddb

import (
	"testing"

	"trackbase/units"
)

func TestServings(t *testing.T) {
	table := units.NewTable([]units.Unit{
		{Name: "g", Category: "weight", SIUnit: "kg", SIFactor: 0.001},
		{Name: "kg", Category: "weight", SIUnit: "kg", SIFactor: 1},
		{Name: "oz", Category: "weight", SIUnit: "g", SIFactor: 28.349523125},
		{Name: "cup", Category: "volume", SIUnit: "ml", SIFactor: 236.5882365},
		{Name: "ml", Category: "volume", SIUnit: "l", SIFactor: 0.001},
		{Name: "l", Category: "volume", SIUnit: "l", SIFactor: 1},
	})
	for _, c := range []struct {
		grams, size float64
		unit        string
		want        float64
		fails       bool
	}{
		{100, 100, "g", 1, false},        // 2 large eggs (2 × 50 g) of a 100 g serving
		{158, 100, "g", 1.58, false},     // a cup of cooked rice
		{13.5, 100, "g", 0.135, false},   // a tablespoon of olive oil
		{56.69904625, 1, "oz", 2, false}, // 2 oz in grams, of a 1 oz serving
		{500, 0.25, "kg", 2, false},      // 500 g of a 250 g serving
		{240, 1, "cup", 0, true},         // a volume has no weight
	} {
		got, err := Servings(c.grams, c.size, c.unit, table)
		if (err != nil) != c.fails || got != c.want {
			t.Errorf("Servings(%v g, %v %s) = %v, %v; want %v (fails %v)", c.grams, c.size, c.unit, got, err, c.want, c.fails)
		}
	}
}
