package units

import (
	"math"
	"testing"
)

var table = NewTable([]Unit{
	{"kg", Weight, "kg", 1},
	{"lb", Weight, "kg", 0.45359237},
	{"g", Weight, "kg", 0.001},
	{"oz", Weight, "g", 28.349523125}, // chains oz → g → kg
	{"ml", Volume, "ml", 1},
	{"cup", Volume, "ml", 236.5882365},
	{"fl oz", Volume, "ml", 29.5735295625},
	{"m", Length, "m", 1},
	{"cm", Length, "m", 0.01},
	{"in", Length, "cm", 2.54},
	{"km", Length, "m", 1000},
	{"mile", Length, "km", 1.609344},
	{"serving", Count, "serving", 1},
})

func TestConvert(t *testing.T) {
	cases := []struct {
		v        float64
		from, to string
		want     float64
	}{
		{176.37, "lb", "kg", 80.000},   // 176.37 × 0.45359237 = 79.9999…
		{80, "kg", "lb", 176.3698},     // 80 / 0.45359237
		{1, "oz", "g", 28.349523125},   // by definition
		{2, "cup", "ml", 473.176473},   // 2 × 236.5882365
		{8, "fl oz", "cup", 1},         // 8 × 29.57… / 236.58…
		{72, "in", "cm", 182.88},       // 72 × 2.54
		{26.2, "mile", "km", 42.16481}, // marathon
		{5, "KG", " kg ", 5},           // case and spaces ignored
		{16, "oz", "lb", 1},            // 16 × 28.349523125 g = 453.59237 g
		{1, "mile", "in", 63360},       // 1609.344 m / 0.0254 m
	}
	for _, c := range cases {
		got, err := table.Convert(c.v, c.from, c.to)
		if err != nil {
			t.Fatalf("%v %s→%s: %v", c.v, c.from, c.to, err)
		}
		if math.Abs(got-c.want) > 1e-3 {
			t.Errorf("%v %s→%s = %v, want %v", c.v, c.from, c.to, got, c.want)
		}
	}
}

func TestConvertRefusesMismatches(t *testing.T) {
	for _, c := range [][2]string{{"kg", "ml"}, {"cup", "cm"}, {"kg", "parsec"}, {"furlong", "kg"}, {"serving", "g"}} {
		if _, err := table.Convert(1, c[0], c[1]); err == nil {
			t.Errorf("%s→%s: expected an error", c[0], c[1])
		}
	}
}

func TestToSI(t *testing.T) {
	v, si, err := table.ToSI(10, "lb")
	if err != nil || si != "kg" || math.Abs(v-4.5359237) > 1e-9 {
		t.Fatalf("ToSI(10 lb) = %v %q %v", v, si, err)
	}
	v, si, err = table.ToSI(2, "oz")
	if err != nil || si != "kg" || math.Abs(v-0.05669904625) > 1e-12 {
		t.Fatalf("ToSI(2 oz) = %v %q %v", v, si, err)
	}
	if _, _, err := table.ToSI(1, "cubit"); err == nil {
		t.Fatal("expected unknown unit error")
	}
}
