package bodymetrics

import (
	"fmt"
	"math"
)

// Energy constants of the macro calculator.
const (
	KcalPerKg         = 7700.0 // energy in 1 kg of body mass change
	MinTargetKcal     = 1200.0 // floor below which targets are not safe unsupervised
	HighTargetKcal    = 4000.0 // targets above this get a warning
	MaxWeeklyChangeKg = 1.0    // faster change gets a warning
)

// Warning is a caution attached to macro targets; Code is stable for clients.
type Warning struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Targets are daily nutrient targets: calories in kcal, and the nutrients that
// depend on the person in the units of the foods table (g for macros, fiber,
// sugar and saturated fat; mg for calcium, iron, magnesium and vitamin C; µg
// for vitamins A and D). Keys of Nutrients are the foods' field names; the
// caller completes them with the reference values of the other nutrients.
type Targets struct {
	Calories       float64            `json:"calories"`
	Nutrients      map[string]float64 `json:"nutrients"`
	WeeklyChangeKg float64            `json:"weekly_change_kg"`
	TDEE           float64            `json:"tdee"`
	Warnings       []Warning          `json:"warnings"`
}

// InputError names the input that made MacroTargets refuse.
type InputError struct{ Field, Message string }

func (e *InputError) Error() string { return e.Field + ": " + e.Message }

// MacroTargets computes daily targets for reaching goalKg from weightKg in
// timeframeWeeks, given the user's TDEE (kcal/day, unrounded).
//
// Daily energy = TDEE + weekly change × 7700 / 7, raised to 1200 kcal when
// lower; fat (25 %), carbohydrates (45 %), sugar (≤10 %) and saturated fat
// (≤10 %) are derived from that floored figure, so the macros always add up to
// the calories shown. Protein is 2.2 g/kg (male) or 1.8 g/kg, fiber 14 g per
// 1000 kcal (the IOM adequate intake); micronutrients are adult reference
// intakes by sex (non-male values for Female and Other).
func MacroTargets(sex Sex, weightKg, tdee, goalKg, timeframeWeeks float64) (Targets, error) {
	switch {
	case !(weightKg > 0):
		return Targets{}, &InputError{"weight", "no positive current weight"}
	case !(goalKg > 0):
		return Targets{}, &InputError{"weight_goal", "must be greater than 0"}
	case !(timeframeWeeks > 0):
		return Targets{}, &InputError{"timeframe_weeks", "must be greater than 0"}
	}

	weekly := (goalKg - weightKg) / timeframeWeeks
	kcal := tdee + weekly*KcalPerKg/7

	var warnings []Warning
	if math.Abs(weekly) > MaxWeeklyChangeKg {
		warnings = append(warnings, Warning{"aggressive_rate",
			fmt.Sprintf("A change of %.2f kg per week is more than %.0f kg; consider a longer timeframe.", weekly, MaxWeeklyChangeKg)})
	}
	if kcal < MinTargetKcal {
		warnings = append(warnings, Warning{"below_minimum",
			fmt.Sprintf("The target (%.0f kcal) is below the safe minimum; it was raised to %.0f kcal.", kcal, MinTargetKcal)})
		kcal = MinTargetKcal
	}
	if kcal > HighTargetKcal {
		warnings = append(warnings, Warning{"very_high",
			fmt.Sprintf("The target (%.0f kcal) is above %.0f kcal; consider a less aggressive goal.", kcal, HighTargetKcal)})
	}

	protein := 1.8
	if sex == Male {
		protein = 2.2
	}
	micro := map[string]float64{ // non-male reference intakes
		"iron": 18, "magnesium": 310, "vitamin_a": 700, "vitamin_c": 75, "vitamin_d": 15,
	}
	if sex == Male {
		micro = map[string]float64{"iron": 8, "magnesium": 400, "vitamin_a": 900, "vitamin_c": 90, "vitamin_d": 15}
	}

	n := map[string]float64{
		"protein":       Round(weightKg*protein, 1),
		"fat":           Round(kcal*0.25/9, 1),
		"carbohydrates": Round(kcal*0.45/4, 1),
		"fiber":         Round(kcal/1000*14, 1),
		"sugar":         Round(kcal*0.10/4, 1),
		"saturated_fat": Round(kcal*0.10/9, 1),
		"calcium":       1000, // adult RDA, 19–50 years
	}
	for k, v := range micro {
		n[k] = v
	}
	if warnings == nil {
		warnings = []Warning{}
	}
	return Targets{
		Calories:       math.Round(kcal),
		Nutrients:      n,
		WeeklyChangeKg: Round(weekly, 2),
		TDEE:           math.Round(tdee),
		Warnings:       warnings,
	}, nil
}
