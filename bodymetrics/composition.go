package bodymetrics

import "math"

// Body-fat estimate methods, reported with the estimate so the user knows
// which inputs it came from.
const (
	MethodRFM        = "rfm"        // Relative Fat Mass, from height and waist
	MethodDeurenberg = "deurenberg" // from BMI, age and sex
)

// Body-fat estimates outside this range come from formulas used far outside
// the population they were fitted on; they are clamped rather than shown.
const minBodyFatPct, maxBodyFatPct = 3, 60

// BodyFatRFM is the Relative Fat Mass (Woolcott & Bergman 2018):
// 64 − 20·height/waist + 12·female. It needs a waist measurement but is more
// accurate than BMI-based estimates for muscular or heavy people.
func BodyFatRFM(sex Sex, heightCm, waistCm float64) float64 {
	female := 1 - sex.maleShare()
	return 64 - 20*heightCm/waistCm + 12*female
}

// BodyFatDeurenberg is the BMI-based estimate of Deurenberg et al. (1991):
// adults (16+) 1.20·BMI + 0.23·age − 10.8·male − 5.4; children
// 1.51·BMI − 0.70·age − 3.6·male + 1.4.
func BodyFatDeurenberg(sex Sex, bmi float64, age int) float64 {
	male := sex.maleShare()
	a := float64(age)
	if age < 16 {
		return 1.51*bmi - 0.70*a - 3.6*male + 1.4
	}
	return 1.20*bmi + 0.23*a - 10.8*male - 5.4
}

// FFMI is the fat-free mass index, lean kg / height².
func FFMI(leanKg, heightCm float64) float64 {
	return BMI(leanKg, heightCm)
}

// Inputs are what Compute needs, in SI units. WaistCm is 0 when the user has
// no waist measurement.
type Inputs struct {
	WeightKg           float64
	HeightCm           float64
	Age                int
	Sex                Sex
	ActivityMultiplier float64
	WaistCm            float64
}

// Metrics are the body metrics, rounded for display: BMI, body fat, lean mass
// and FFMI to 1 decimal, BMR and TDEE to whole kcal, waist-to-height to 3.
type Metrics struct {
	BMI           float64  `json:"bmi"`
	BMR           float64  `json:"bmr"`
	TDEE          float64  `json:"tdee"`
	BodyFatPct    float64  `json:"body_fat_pct"`
	BodyFatMethod string   `json:"body_fat_method"`
	LeanMassKg    float64  `json:"lean_mass_kg"`
	FatMassKg     float64  `json:"fat_mass_kg"`
	FFMI          float64  `json:"ffmi"`
	WaistToHeight *float64 `json:"waist_to_height"`
	FitnessRank   Rank     `json:"fitness_rank"`
}

// Compute derives every body metric from the inputs. Each value is computed
// from unrounded intermediates (TDEE from the exact BMR, lean mass from the
// exact body fat) so rounding never compounds.
func Compute(in Inputs) Metrics {
	bmi := BMI(in.WeightKg, in.HeightCm)
	bmr := BMR(in.Sex, in.WeightKg, in.HeightCm, in.Age)

	fat, method := BodyFatDeurenberg(in.Sex, bmi, in.Age), MethodDeurenberg
	var whtr *float64
	if in.WaistCm > 0 {
		fat, method = BodyFatRFM(in.Sex, in.HeightCm, in.WaistCm), MethodRFM
		r := Round(in.WaistCm/in.HeightCm, 3)
		whtr = &r
	}
	fat = math.Min(math.Max(fat, minBodyFatPct), maxBodyFatPct)
	lean := in.WeightKg * (1 - fat/100)
	ffmi := FFMI(lean, in.HeightCm)

	return Metrics{
		BMI:           Round(bmi, 1),
		BMR:           math.Round(bmr),
		TDEE:          math.Round(TDEE(bmr, in.ActivityMultiplier)),
		BodyFatPct:    Round(fat, 1),
		BodyFatMethod: method,
		LeanMassKg:    Round(lean, 1),
		FatMassKg:     Round(in.WeightKg-lean, 1),
		FFMI:          Round(ffmi, 1),
		WaistToHeight: whtr,
		FitnessRank:   FitnessRank(ffmi),
	}
}
