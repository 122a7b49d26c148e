package bodymetrics

import (
	"errors"
	"math"
	"testing"
)

func TestMacroTargets(t *testing.T) {
	cases := []struct {
		name                       string
		sex                        Sex
		kg, tdee, goal, weeks      float64
		calories, weekly           float64
		protein, fat, carbs, fiber float64
		sugar, satFat, iron        float64
		warnings                   []string
	}{
		{
			// weekly (75 − 80)/10 = −0.5; 2759 − 0.5·7700/7 = 2759 − 550 = 2209;
			// protein 80·2.2 = 176; fat 2209·0.25/9 = 61.36; carbs 2209·0.45/4 = 248.51;
			// fiber 2.209·14 = 30.93; sugar 2209·0.1/4 = 55.23; sat 2209·0.1/9 = 24.54.
			name: "male cut 0.5 kg/week", sex: Male, kg: 80, tdee: 2759, goal: 75, weeks: 10,
			calories: 2209, weekly: -0.5, protein: 176, fat: 61.4, carbs: 248.5, fiber: 30.9,
			sugar: 55.2, satFat: 24.5, iron: 8, warnings: nil,
		},
		{
			// weekly −1.0 exactly is not "over 1 kg": no warning; 2759 − 1100 = 1659;
			// fat 46.08, carbs 186.64, fiber 23.23, sugar 41.48, sat 18.43.
			name: "exactly 1 kg/week", sex: Male, kg: 80, tdee: 2759, goal: 75, weeks: 5,
			calories: 1659, weekly: -1, protein: 176, fat: 46.1, carbs: 186.6, fiber: 23.2,
			sugar: 41.5, satFat: 18.4, iron: 8, warnings: nil,
		},
		{
			// weekly −4 → 2759 − 4400 = −1641, floored to 1200 BEFORE the macros:
			// fat 1200·0.25/9 = 33.33, carbs 135, fiber 16.8, sugar 30, sat 13.33.
			name: "floor applied before macros", sex: Male, kg: 80, tdee: 2759, goal: 60, weeks: 5,
			calories: 1200, weekly: -4, protein: 176, fat: 33.3, carbs: 135, fiber: 16.8,
			sugar: 30, satFat: 13.3, iron: 8, warnings: []string{"aggressive_rate", "below_minimum"},
		},
		{
			// weekly +2 → 2400 + 2200 = 4600; protein 60·1.8 = 108; fat 127.78,
			// carbs 517.5, fiber 64.4, sugar 115, sat 51.11; non-male iron 18.
			name: "female bulk over 4000 kcal", sex: Female, kg: 60, tdee: 2400, goal: 68, weeks: 4,
			calories: 4600, weekly: 2, protein: 108, fat: 127.8, carbs: 517.5, fiber: 64.4,
			sugar: 115, satFat: 51.1, iron: 18, warnings: []string{"aggressive_rate", "very_high"},
		},
		{
			// Same person as the first case logged as 176.37 lb = 80.0000863 kg,
			// TDEE 2759.0013: identical rounded targets.
			name: "same male in lb", sex: Male, kg: 176.37 * lbToKg, tdee: TDEE(BMR(Male, 176.37*lbToKg, 180, 30), 1.55),
			goal: 75, weeks: 10,
			calories: 2209, weekly: -0.5, protein: 176, fat: 61.4, carbs: 248.5, fiber: 30.9,
			sugar: 55.2, satFat: 24.5, iron: 8, warnings: nil,
		},
	}
	for _, c := range cases {
		got, err := MacroTargets(c.sex, c.kg, c.tdee, c.goal, c.weeks)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		n := got.Nutrients
		if got.Calories != c.calories || got.WeeklyChangeKg != c.weekly || n["protein"] != c.protein ||
			n["fat"] != c.fat || n["carbohydrates"] != c.carbs || n["fiber"] != c.fiber ||
			n["sugar"] != c.sugar || n["saturated_fat"] != c.satFat || n["iron"] != c.iron {
			t.Errorf("%s: got %s", c.name, show(got))
		}
		var codes []string
		for _, w := range got.Warnings {
			codes = append(codes, w.Code)
		}
		if show(codes) != show(c.warnings) {
			t.Errorf("%s: warnings %v, want %v", c.name, codes, c.warnings)
		}
		if len(n) != 12 { // protein, fat, carbohydrates, fiber, sugar, saturated fat, calcium and 5 by sex
			t.Errorf("%s: %d nutrients, want the 12 that depend on the person", c.name, len(n))
		}
	}
}

func TestMacroTargetsBadInput(t *testing.T) {
	cases := []struct {
		name            string
		kg, goal, weeks float64
		field           string
	}{
		{"no weight", 0, 75, 10, "weight"},
		{"negative goal", 80, -1, 10, "weight_goal"},
		{"NaN goal", 80, math.NaN(), 10, "weight_goal"},
		{"zero weeks", 80, 75, 0, "timeframe_weeks"},
	}
	for _, c := range cases {
		_, err := MacroTargets(Male, c.kg, 2500, c.goal, c.weeks)
		var ie *InputError
		if !errors.As(err, &ie) || ie.Field != c.field {
			t.Errorf("%s: error %v, want one naming %s", c.name, err, c.field)
		}
	}
}
