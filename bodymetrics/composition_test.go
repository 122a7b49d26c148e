package bodymetrics

import "testing"

func ptr[T any](v T) *T { return &v }

func TestCompute(t *testing.T) {
	cases := []struct {
		name string
		in   Inputs
		want Metrics
	}{
		{
			// BMI 24.6914; Deurenberg 1.2·24.6914 + 0.23·30 − 10.8 − 5.4 = 20.3296 %;
			// lean 80·(1 − 0.203296) = 63.7363 kg, fat 16.2637 kg;
			// FFMI 63.7363 / 3.24 = 19.6717 → aluminum, lead at 20, 0.33 to go.
			name: "male without waist: Deurenberg",
			in:   Inputs{WeightKg: 80, HeightCm: 180, Age: 30, Sex: Male, ActivityMultiplier: 1.55},
			want: Metrics{BMI: 24.7, BMR: 1780, TDEE: 2759, BodyFatPct: 20.3, BodyFatMethod: MethodDeurenberg,
				LeanMassKg: 63.7, FatMassKg: 16.3, FFMI: 19.7,
				FitnessRank: Rank{"ffmi", 19.7, "aluminum", ptr("lead"), ptr(20.0), ptr(0.3)}},
		},
		{
			// RFM 64 − 20·180/90 = 24 %; lean 80·0.76 = 60.8, fat 19.2;
			// FFMI 60.8 / 3.24 = 18.7654 → aluminum, 1.2346 to lead; waist/height 0.5.
			name: "male with waist: RFM",
			in:   Inputs{WeightKg: 80, HeightCm: 180, Age: 30, Sex: Male, ActivityMultiplier: 1.55, WaistCm: 90},
			want: Metrics{BMI: 24.7, BMR: 1780, TDEE: 2759, BodyFatPct: 24, BodyFatMethod: MethodRFM,
				LeanMassKg: 60.8, FatMassKg: 19.2, FFMI: 18.8, WaistToHeight: ptr(0.5),
				FitnessRank: Rank{"ffmi", 18.8, "aluminum", ptr("lead"), ptr(20.0), ptr(1.2)}},
		},
		{
			// BMR 1270.25, TDEE ×1.2 = 1524.3; RFM 64 − 20·165/75 + 12 = 32 %;
			// lean 60·0.68 = 40.8; FFMI 40.8 / 2.7225 = 14.9862 → dirt, 0.0138 to
			// gravel (shown 15.0 but still below the bound); waist/height 0.4545.
			name: "female with waist",
			in:   Inputs{WeightKg: 60, HeightCm: 165, Age: 40, Sex: Female, ActivityMultiplier: 1.2, WaistCm: 75},
			want: Metrics{BMI: 22, BMR: 1270, TDEE: 1524, BodyFatPct: 32, BodyFatMethod: MethodRFM,
				LeanMassKg: 40.8, FatMassKg: 19.2, FFMI: 15, WaistToHeight: ptr(0.455),
				FitnessRank: Rank{"ffmi", 15, "dirt", ptr("gravel"), ptr(15.0), ptr(0.0)}},
		},
		{
			// BMI 70 / 3.0625 = 22.8571; BMR 700 + 1093.75 − 125 − 78 = 1590.75;
			// TDEE ×1.725 = 2744.04; Deurenberg with sex 0.5:
			// 27.4286 + 5.75 − 5.4 − 5.4 = 22.3786 %; lean 70·0.776214 = 54.335;
			// FFMI 54.335 / 3.0625 = 17.742 → tin, 0.758 to aluminum.
			name: "other sex uses the midpoint constants",
			in:   Inputs{WeightKg: 70, HeightCm: 175, Age: 25, Sex: Other, ActivityMultiplier: 1.725},
			want: Metrics{BMI: 22.9, BMR: 1591, TDEE: 2744, BodyFatPct: 22.4, BodyFatMethod: MethodDeurenberg,
				LeanMassKg: 54.3, FatMassKg: 15.7, FFMI: 17.7,
				FitnessRank: Rank{"ffmi", 17.7, "tin", ptr("aluminum"), ptr(18.5), ptr(0.8)}},
		},
		{
			// BMR 600 + 1187.5 − 100 + 5 = 1692.5, TDEE ×1.2 = 2031;
			// RFM 64 − 20·190/60 = 0.667 % is clamped to 3 %; lean 60·0.97 = 58.2;
			// FFMI 58.2 / 3.61 = 16.122 → tin.
			name: "implausible estimate is clamped",
			in:   Inputs{WeightKg: 60, HeightCm: 190, Age: 20, Sex: Male, ActivityMultiplier: 1.2, WaistCm: 60},
			want: Metrics{BMI: 16.6, BMR: 1693, TDEE: 2031, BodyFatPct: 3, BodyFatMethod: MethodRFM,
				LeanMassKg: 58.2, FatMassKg: 1.8, FFMI: 16.1, WaistToHeight: ptr(0.316),
				FitnessRank: Rank{"ffmi", 16.1, "tin", ptr("aluminum"), ptr(18.5), ptr(2.4)}},
		},
	}
	for _, c := range cases {
		got := Compute(c.in)
		if !equalMetrics(got, c.want) {
			t.Errorf("%s:\n got %s\nwant %s", c.name, show(got), show(c.want))
		}
	}
}

func TestBodyFatDeurenbergChild(t *testing.T) {
	// 1.51·18 − 0.70·12 − 3.6 + 1.4 = 27.18 − 8.4 − 2.2 = 16.58.
	if got := BodyFatDeurenberg(Male, 18, 12); !near(got, 16.58, 1e-9) {
		t.Errorf("child estimate = %v, want 16.58", got)
	}
}

func TestFitnessRank(t *testing.T) {
	cases := []struct {
		ffmi    float64
		current string
		next    *string
		toNext  *float64
	}{
		{0, "dirt", ptr("gravel"), ptr(15.0)},
		{-5, "dirt", ptr("gravel"), ptr(20.0)},
		{19.99, "aluminum", ptr("lead"), ptr(0.0)},
		{20, "lead", ptr("bronze"), ptr(2.0)}, // bounds are inclusive below
		{69.9, "platinum", ptr("mithril"), ptr(0.1)},
		{70, "mithril", nil, nil}, // top tier: nothing next
		{150, "mithril", nil, nil},
	}
	for _, c := range cases {
		r := FitnessRank(c.ffmi)
		if r.Current != c.current || !equalPtr(r.NextRank, c.next) || !equalPtr(r.ToNext, c.toNext) {
			t.Errorf("FitnessRank(%v) = %s", c.ffmi, show(r))
		}
	}
}
