package mealparser

import (
	"math"
	"testing"

	"trackbase/units"
)

// table holds the rows of the units collection the tests need (the migration's factors; tbsp and tsp
// are 1/16 and 1/48 cup); g and oz chain to kg like the collection does.
var table = units.NewTable([]units.Unit{
	{Name: "kg", Category: units.Weight, SIUnit: "kg", SIFactor: 1},
	{Name: "g", Category: units.Weight, SIUnit: "kg", SIFactor: 0.001},
	{Name: "oz", Category: units.Weight, SIUnit: "g", SIFactor: 28.349523125},
	{Name: "lb", Category: units.Weight, SIUnit: "kg", SIFactor: 0.45359237},
	{Name: "ml", Category: units.Volume, SIUnit: "ml", SIFactor: 1},
	{Name: "l", Category: units.Volume, SIUnit: "ml", SIFactor: 1000},
	{Name: "fl oz", Category: units.Volume, SIUnit: "ml", SIFactor: 29.5735295625},
	{Name: "cup", Category: units.Volume, SIUnit: "ml", SIFactor: 236.5882365},
	{Name: "tbsp", Category: units.Volume, SIUnit: "ml", SIFactor: 14.78676478125},
	{Name: "tsp", Category: units.Volume, SIUnit: "ml", SIFactor: 4.92892159375},
	{Name: "piece", Category: units.Count, SIUnit: "piece", SIFactor: 1},
	{Name: "slice", Category: units.Count, SIUnit: "slice", SIFactor: 1},
	{Name: "scoop", Category: units.Count, SIUnit: "scoop", SIFactor: 1},
	{Name: "serving", Category: units.Count, SIUnit: "serving", SIFactor: 1},
})

// foods: the seed's 21 public foods plus a few with count or
// volume servings, a brand, a connector in the name and a size in the name.
var foods = []Food{
	{"Chicken Breast (Raw)", "", 100, "g"},                // 0
	{"Ground Beef (93% Lean)", "", 100, "g"},              // 1
	{"Salmon (Atlantic)", "", 100, "g"},                   // 2
	{"Eggs (Whole, Large)", "", 50, "g"},                  // 3
	{"Greek Yogurt (Non-Fat)", "", 170, "g"},              // 4
	{"Whey Protein Powder", "Optimum Nutrition", 30, "g"}, // 5
	{"White Rice (Cooked)", "", 100, "g"},                 // 6
	{"Brown Rice (Cooked)", "", 100, "g"},                 // 7
	{"Sweet Potato (Baked)", "", 100, "g"},                // 8
	{"Oatmeal (Dry)", "", 40, "g"},                        // 9
	{"Whole Wheat Bread", "", 30, "g"},                    // 10
	{"Pasta (Cooked)", "", 100, "g"},                      // 11
	{"Banana", "", 118, "g"},                              // 12
	{"Broccoli (Cooked)", "", 100, "g"},                   // 13
	{"Spinach (Raw)", "", 100, "g"},                       // 14
	{"Carrots (Raw)", "", 100, "g"},                       // 15
	{"Mixed Salad Greens", "", 85, "g"},                   // 16
	{"Olive Oil", "", 14, "g"},                            // 17
	{"Almonds", "", 28, "g"},                              // 18
	{"Peanut Butter", "", 32, "g"},                        // 19
	{"Avocado", "", 100, "g"},                             // 20
	{"Mac and Cheese", "", 1, "cup"},                      // 21
	{"Milk (2%)", "", 1, "cup"},                           // 22
	{"Sourdough Bread", "", 1, "slice"},                   // 23
	{"Brown Eggs", "Trader Joe's", 1, "piece"},            // 24
	{"Coffee (Black)", "", 8, "fl oz"},                    // 25
	{"Apple (Medium)", "", 182, "g"},                      // 26
	{"Tortillas", "", 2, "pieces"},                        // 27
}

type want struct {
	name     string
	qty      float64
	unit     string
	food     int // -1: unmatched
	servings float64
	conf     float64 // checked when > 0 or when food is -1 (must be 0)
}

func TestParse(t *testing.T) {
	m := NewMatcher(foods)
	// Scores (match.go): 0.55·(query words explained)/(query words) + 0.45·(main-name words
	// named)/(main-name words). "chicken" vs "Chicken Breast": 0.55 + 0.45/2 = 0.775.
	cases := []struct {
		text string
		want []want
	}{
		// plain counts of foods served by weight: one item is one serving
		{"2 eggs", []want{{"eggs", 2, "", 3, 2, 1}}},
		{"egg", []want{{"egg", 1, "", 3, 1, 1}}},
		// the food is "Large": large/large = 1; small = 0.75/1.25 = 0.6 → 3·0.6 = 1.8
		{"2 large eggs", []want{{"eggs", 2, "", 3, 2, 1}}},
		{"3 small eggs", []want{{"eggs", 3, "", 3, 1.8, 1}}},
		{"a banana", []want{{"banana", 1, "", 12, 1, 1}}},
		{"two bananas", []want{{"bananas", 2, "", 12, 2, 1}}},
		{"a medium banana", []want{{"banana", 1, "", 12, 1, 1}}},
		{"a big banana", []want{{"banana", 1, "", 12, 1.25, 1}}},
		{"half an avocado", []want{{"avocado", 0.5, "", 20, 0.5, 1}}},
		{"½ avocado", []want{{"avocado", 0.5, "", 20, 0.5, 1}}},
		{"a dozen eggs", []want{{"eggs", 12, "", 3, 12, 1}}},
		{"half a dozen eggs", []want{{"eggs", 6, "", 3, 6, 1}}},
		{"a couple of carrots", []want{{"carrots", 2, "", 15, 2, 1}}},
		// Apple (Medium): large 1.25/1 = 1.25; 2 small: 2·0.75 = 1.5
		{"a large apple", []want{{"apple", 1, "", 26, 1.25, 1}}},
		{"2 small apples", []want{{"apples", 2, "", 26, 1.5, 1}}},
		// weights convert through the unit table: grams / serving size
		{"200g chicken breast", []want{{"chicken breast", 200, "g", 0, 2, 1}}},
		{"200 g chicken", []want{{"chicken", 200, "g", 0, 2, 0.775}}},
		{"chicken breast 150g", []want{{"chicken breast", 150, "g", 0, 1.5, 1}}},
		// 8·28.349523125 = 226.796185 g / 100
		{"8 oz salmon", []want{{"salmon", 8, "oz", 2, 2.26796185, 1}}},
		// 6·28.349523125 = 170.09713875 g / 100; "atlantic" is in the qualifier → 1
		{"atlantic salmon 6 oz", []want{{"atlantic salmon", 6, "oz", 2, 1.7009713875, 1}}},
		// 453.59237 g / 100
		{"1 lb ground beef", []want{{"ground beef", 1, "lb", 1, 4.5359237, 1}}},
		{"93% lean ground beef 250 grams", []want{{"93% lean ground beef", 250, "g", 1, 2.5, 1}}},
		{"0.5 kg pasta", []want{{"pasta", 0.5, "kg", 11, 5, 1}}},
		// Sweet Potato: 0.55 + 0.45/2 = 0.775; 1000 g / 100
		{"1 kg of potatoes", []want{{"potatoes", 1, "kg", 8, 10, 0.775}}},
		{"sweet potatoes 300 g", []want{{"sweet potatoes", 300, "g", 8, 3, 1}}},
		// 85.048569375 g / 28
		{"3 oz almonds", []want{{"almonds", 3, "oz", 18, 3.03744890625, 1}}},
		// volumes: 1.5 cup / 1 cup; 200 ml / 236.5882365 ml; 29.5735295625 / 236.5882365 = 1/8
		{"1 1/2 cups milk", []want{{"milk", 1.5, "cup", 22, 1.5, 1}}},
		{"one and a half cups of milk", []want{{"milk", 1.5, "cup", 22, 1.5, 1}}},
		{"200 ml milk", []want{{"milk", 200, "ml", 22, 200 / 236.5882365, 1}}},
		{"1 fl oz milk", []want{{"milk", 1, "fl oz", 22, 0.125, 1}}},
		// 1 cup = 8 fl oz = one 8 fl oz serving; 250 ml / 236.5882365 ml
		{"a cup of coffee", []want{{"coffee", 1, "cup", 25, 1, 1}}},
		{"250ml of black coffee", []want{{"black coffee", 250, "ml", 25, 250 / 236.5882365, 1}}},
		// measures that do not convert to grams: 1 measure = 1 serving, certainty halved.
		// "rice" ties White and Brown Rice: 0.775·0.85 (tie) · 0.5 = 0.329375
		{"1.5 cups of rice", []want{{"rice", 1.5, "cup", 6, 1.5, 0.329375}}},
		{"1/2 cup brown rice", []want{{"brown rice", 0.5, "cup", 7, 0.5, 0.5}}},
		{"2 tbsp peanut butter", []want{{"peanut butter", 2, "tbsp", 19, 2, 0.5}}},
		// count units: of a food served by count, divided by its serving size (4/1; 6/2)
		{"a slice of sourdough", []want{{"sourdough", 1, "slice", 23, 1, 0.775}}},
		{"4 slices sourdough bread", []want{{"sourdough bread", 4, "slice", 23, 4, 1}}},
		{"6 tortillas", []want{{"tortillas", 6, "", 27, 3, 1}}},
		// … of a food served by weight, one each is one serving
		{"2 slices of whole wheat bread", []want{{"whole wheat bread", 2, "slice", 10, 2, 1}}},
		{"3 pieces of salmon", []want{{"salmon", 3, "piece", 2, 3, 1}}},
		// whey: 0.55·2/2 + 0.45·2/3 = 0.85; with the brand: 0.55 + 0.45/3 + 0.1 = 0.8
		{"a scoop of whey protein", []want{{"whey protein", 1, "scoop", 5, 1, 0.85}}},
		{"2 scoops whey from optimum nutrition", []want{{"whey", 2, "scoop", 5, 2, 0.8}}},
		{"2 servings of pasta", []want{{"pasta", 2, "serving", 11, 2, 1}}},
		// portions (bowl, handful) read as one serving at 0.8 certainty
		{"a bowl of oatmeal", []want{{"oatmeal", 1, "bowl", 9, 1, 0.8}}},
		{"a handful of almonds", []want{{"almonds", 1, "handful", 18, 1, 0.8}}},
		// brand: Brown Eggs (Trader Joe's) beats the plain Eggs
		{"3 brown eggs from Trader Joe's", []want{{"brown eggs", 3, "", 24, 3, 1}}},
		// names holding a connector are not split
		{"mac and cheese", []want{{"mac and cheese", 1, "", 21, 1, 1}}},
		// "2% milk": 2% is part of the name, not a quantity
		{"2% milk", []want{{"2% milk", 1, "", 22, 1, 1}}},
		{"eggs x3", []want{{"eggs", 3, "", 3, 3, 1}}},
		{"salad greens", []want{{"salad greens", 1, "", 16, 1, 0.85}}},
		// several items
		{"coffee with milk", []want{{"coffee", 1, "", 25, 1, 1}, {"milk", 1, "", 22, 1, 1}}},
		{"greek yogurt, banana, and almonds", []want{
			{"greek yogurt", 1, "", 4, 1, 1}, {"banana", 1, "", 12, 1, 1}, {"almonds", 1, "", 18, 1, 1}}},
		{"spinach plus broccoli", []want{{"spinach", 1, "", 14, 1, 1}, {"broccoli", 1, "", 13, 1, 1}}},
		{"2 avocados and 1 tbsp olive oil", []want{
			{"avocados", 2, "", 20, 2, 1}, {"olive oil", 1, "tbsp", 17, 1, 0.5}}},
		{"I had 2 eggs and toast for breakfast", []want{
			{"eggs", 2, "", 3, 2, 1}, {"toast", 1, "", -1, 0, 0}}},
		{"chicken and rice with broccoli plus a banana", []want{
			{"chicken", 1, "", 0, 1, 0.775}, {"rice", 1, "", 6, 1, 0.65875},
			{"broccoli", 1, "", 13, 1, 1}, {"banana", 1, "", 12, 1, 1}}},
		// unmatched items keep their quantity and get confidence 0
		{"pizza", []want{{"pizza", 1, "", -1, 0, 0}}},
		{"rice and 2 cups beans", []want{{"rice", 1, "", 6, 1, 0.65875}, {"beans", 2, "cup", -1, 0, 0}}},
		{"", nil},
	}
	for _, c := range cases {
		t.Run(c.text, func(t *testing.T) {
			got := Parse(c.text, m, table)
			if len(got) != len(c.want) {
				t.Fatalf("got %d items %+v, want %d", len(got), got, len(c.want))
			}
			for i, w := range c.want {
				g := got[i]
				if g.Name != w.name || !near(g.Quantity, w.qty) || g.Unit != w.unit || g.Food != w.food {
					t.Errorf("item %d = {name %q qty %v unit %q food %d}, want {%q %v %q %d}",
						i, g.Name, g.Quantity, g.Unit, g.Food, w.name, w.qty, w.unit, w.food)
				}
				if !near(g.Servings, w.servings) {
					t.Errorf("item %d servings = %v, want %v", i, g.Servings, w.servings)
				}
				if (w.conf > 0 || w.food < 0) && !near(g.Confidence, w.conf) {
					t.Errorf("item %d confidence = %v, want %v", i, g.Confidence, w.conf)
				}
			}
		})
	}
}

func TestParseReadsBrandAndCost(t *testing.T) {
	got := Parse("$4.50 burrito from Chipotle", NewMatcher(foods), table)
	if len(got) != 1 || got[0].Cost != 4.5 || got[0].Brand != "chipotle" || got[0].Name != "burrito" || got[0].Food != -1 {
		t.Fatalf("got %+v", got)
	}
}

func TestMatch(t *testing.T) {
	m := NewMatcher(foods)
	cases := []struct {
		name, brand string
		food        int
		score       float64
	}{
		{"butter peanut", "", 19, 1},       // word order does not matter
		{"ALMOND", "", 18, 1},              // nor case or plural
		{"Chicken breasts", "", 0, 1},      // nor plural of the last word
		{"non-fat greek yogurt", "", 4, 1}, // qualifier words count for the query
		{"whey", "MyProtein", 5, 0.56},     // another brand: (0.55 + 0.45/3)·0.8
		{"whey", "Optimum", 5, 0.8},        // the same brand: 0.55 + 0.15 + 0.1
		{"protein shake", "", -1, 0},       // 0.55/2 + 0.45/3 = 0.425 < 0.5
		{"large", "", -1, 0},               // only a qualifier word: no match
		{"trader joes", "", -1, 0},         // only brand words: no match
		{"", "", -1, 0},
	}
	for _, c := range cases {
		got := m.Match(c.name, c.brand)
		if got.Index != c.food || !near(got.Score, c.score) {
			t.Errorf("Match(%q, %q) = %+v, want food %d score %v", c.name, c.brand, got, c.food, c.score)
		}
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// The meals of the benchmark: typical one-line descriptions of 1 to 4 items.
var benchMeals = []string{
	"2 eggs, a slice of sourdough and 200g chicken breast",
	"1 1/2 cups milk with a scoop of whey protein",
	"half an avocado plus 2 tbsp olive oil and a large apple",
	"I had greek yogurt, banana, and almonds for breakfast",
}

// BenchmarkParseMeal reports the time to parse one meal against the 28 foods above,
// the matcher built once as the route does per request for the same foods.
func BenchmarkParseMeal(b *testing.B) {
	m := NewMatcher(foods)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		Parse(benchMeals[i%len(benchMeals)], m, table)
	}
}

// BenchmarkParseMealWithIndex includes building the matcher, which a request that loads the
// foods fresh pays too.
func BenchmarkParseMealWithIndex(b *testing.B) {
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		Parse(benchMeals[i%len(benchMeals)], NewMatcher(foods), table)
	}
}
