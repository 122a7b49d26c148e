// Package registry states what trackbase tracks, once: the nutrients of a food
// and the kinds of log (trackers). The schema, the dashboard, the streaks, the
// defaults, the seed, the AI schema and prompts and the tests read these
// tables instead of listing nutrients or trackers themselves. It holds data
// only: no database, no HTTP.
package registry

// Nutrient is a per-serving field of `foods` with a `<Name>_goal` field in
// `user_goals`, both in Unit.
type Nutrient struct {
	Name  string  // field name in foods; the goal is GoalField()
	Label string  // for people
	Unit  string  // "g", "mg" or "µg" (kcal for Energy)
	Daily float64 // adult daily reference in Unit, see Nutrients
}

// GoalField is the nutrient's field in `user_goals`.
func (n Nutrient) GoalField() string { return n.Name + "_goal" }

// Energy is the foods' `calories` field: it comes first wherever nutrients
// are listed but is not one of Nutrients (its goal has its own bounds).
var Energy = Nutrient{"calories", "Calories", "kcal", 2000}

// Nutrients are the foods' nutrient fields besides calories, in the order
// answers and the AI schema list them. Daily is the FDA Daily Value for adults
// on a 2,000 kcal diet (21 CFR 101.9); sugar uses the added-sugars value,
// trans fat has none (as little as possible: 0), and caffeine, which has no
// Daily Value, the FDA's 400 mg a day for healthy adults. Targets that
// depend on the person (bodymetrics.MacroTargets) replace some of them.
var Nutrients = []Nutrient{
	{"protein", "Protein", "g", 50},
	{"fat", "Fat", "g", 78},
	{"carbohydrates", "Carbohydrates", "g", 275},
	{"fiber", "Fiber", "g", 28},
	{"sodium", "Sodium", "mg", 2300},
	{"sugar", "Sugar", "g", 50},
	{"saturated_fat", "Saturated fat", "g", 20},
	{"trans_fat", "Trans fat", "g", 0},
	{"calcium", "Calcium", "mg", 1300},
	{"iron", "Iron", "mg", 18},
	{"magnesium", "Magnesium", "mg", 420},
	{"potassium", "Potassium", "mg", 4700},
	{"cholesterol", "Cholesterol", "mg", 300},
	{"vitamin_a", "Vitamin A (RAE)", "µg", 900},
	{"vitamin_c", "Vitamin C", "mg", 90},
	{"vitamin_d", "Vitamin D", "µg", 20},
	{"caffeine", "Caffeine", "mg", 400},
}

// EnergyAndNutrients is Energy followed by Nutrients.
func EnergyAndNutrients() []Nutrient {
	return append([]Nutrient{Energy}, Nutrients...)
}

// EnergyAndNutrientNames are the foods' field names of EnergyAndNutrients.
func EnergyAndNutrientNames() []string {
	all := EnergyAndNutrients()
	out := make([]string, len(all))
	for i, n := range all {
		out[i] = n.Name
	}
	return out
}

// NutrientUnits maps calories and every nutrient to its unit.
func NutrientUnits() map[string]string {
	out := make(map[string]string, len(Nutrients)+1)
	for _, n := range EnergyAndNutrients() {
		out[n.Name] = n.Unit
	}
	return out
}
