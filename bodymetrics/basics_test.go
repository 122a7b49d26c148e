package bodymetrics

import (
	"math"
	"testing"
	"time"
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func near(a, b, eps float64) bool { return math.Abs(a-b) <= eps }

func TestAge(t *testing.T) {
	cases := []struct {
		name            string
		birthday, today time.Time
		want            int
	}{
		{"day before birthday", date(1996, 6, 15), date(2026, 6, 14), 29},
		{"on birthday", date(1996, 6, 15), date(2026, 6, 15), 30},
		{"earlier month", date(1996, 6, 15), date(2026, 1, 31), 29},
		{"leap birthday, 28 Feb of a common year", date(2000, 2, 29), date(2023, 2, 28), 22},
		{"leap birthday, 1 Mar of a common year", date(2000, 2, 29), date(2023, 3, 1), 23},
		{"leap birthday in a leap year", date(2000, 2, 29), date(2024, 2, 29), 24},
		// Only the calendar date counts, not the instant: 23:30 in Auckland is
		// still the 14th there although it is the 14th 10:30 UTC.
		{"local date", date(1996, 6, 15), time.Date(2026, 6, 14, 23, 30, 0, 0, time.FixedZone("NZST", 12*3600)), 29},
	}
	for _, c := range cases {
		if got := Age(c.birthday, c.today); got != c.want {
			t.Errorf("%s: Age = %d, want %d", c.name, got, c.want)
		}
	}
}

// lbToKg is the si_factor of the units row "lb".
const lbToKg = 0.45359237

func TestBMRAndTDEE(t *testing.T) {
	cases := []struct {
		name       string
		sex        Sex
		kg, cm     float64
		age        int
		multiplier float64
		bmr, tdee  float64 // rounded to whole kcal
	}{
		// 10·80 + 6.25·180 − 5·30 + 5 = 800 + 1125 − 150 + 5 = 1780; ×1.55 = 2759.
		{"male, moderately active", Male, 80, 180, 30, 1.55, 1780, 2759},
		// 176.37 lb × 0.45359237 = 80.0000863 kg → BMR 1780.0009, TDEE 2759.0013.
		{"same male logged in lb", Male, 176.37 * lbToKg, 180, 30, 1.55, 1780, 2759},
		// 1780 − 5 − 161 = 1614; ×1.2 = 1936.8.
		{"female, sedentary", Female, 80, 180, 30, 1.2, 1614, 1937},
		// 1780 − 5 − 78 = 1697; ×1.9 = 3224.3.
		{"other, extremely active", Other, 80, 180, 30, 1.9, 1697, 3224},
		// 600 + 1031.25 − 200 − 161 = 1270.25; ×1.375 = 1746.59.
		{"female 60 kg 165 cm 40 y, lightly active", Female, 60, 165, 40, 1.375, 1270, 1747},
	}
	for _, c := range cases {
		bmr := BMR(c.sex, c.kg, c.cm, c.age)
		if got := math.Round(bmr); got != c.bmr {
			t.Errorf("%s: BMR = %v, want %v", c.name, got, c.bmr)
		}
		if got := math.Round(TDEE(bmr, c.multiplier)); got != c.tdee {
			t.Errorf("%s: TDEE = %v, want %v", c.name, got, c.tdee)
		}
	}
}

func TestBMI(t *testing.T) {
	// 80 / 1.8² = 80 / 3.24 = 24.6914; 60 / 1.65² = 60 / 2.7225 = 22.0386.
	if got := BMI(80, 180); !near(got, 24.6914, 1e-4) {
		t.Errorf("BMI(80,180) = %v", got)
	}
	if got := BMI(60, 165); !near(got, 22.0386, 1e-4) {
		t.Errorf("BMI(60,165) = %v", got)
	}
}

func TestParseSex(t *testing.T) {
	for in, want := range map[string]Sex{"male": Male, "female": Female, "other": Other, "": Other, "MALE": Other} {
		if got := ParseSex(in); got != want {
			t.Errorf("ParseSex(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestStepsKcal(t *testing.T) {
	// 10000 × 1.80 m × 0.414 = 7.452 km; × 90.718474 kg (200 lb) × 0.7 = 473.22.
	if got := StepsKcal(10000, 180, 200*lbToKg); !near(got, 473.22, 0.01) {
		t.Errorf("StepsKcal = %v, want 473.22", got)
	}
	if got := StepsKcal(0, 180, 80); got != 0 {
		t.Errorf("StepsKcal(0 steps) = %v, want 0", got)
	}
}

func TestRound(t *testing.T) {
	cases := []struct {
		x    float64
		d    int
		want float64
	}{{24.691358, 1, 24.7}, {0.454545, 3, 0.455}, {-1.928571, 2, -1.93}, {2.5, 0, 3}, {-2.5, 0, -3}}
	for _, c := range cases {
		if got := Round(c.x, c.d); got != c.want {
			t.Errorf("Round(%v,%d) = %v, want %v", c.x, c.d, got, c.want)
		}
	}
}
