package bodymetrics

import (
	"math"
	"time"
)

// Sex selects the sex-specific constants of the formulas. Anything that is not
// Male or Female (including an unset gender) is Other, which uses the midpoint
// of the male and female constants instead of silently picking one of them.
type Sex string

const (
	Male   Sex = "male"
	Female Sex = "female"
	Other  Sex = "other"
)

// ParseSex maps a users.gender value to a Sex.
func ParseSex(gender string) Sex {
	switch Sex(gender) {
	case Male, Female:
		return Sex(gender)
	}
	return Other
}

// maleShare is 1 for men, 0 for women and 0.5 otherwise: the "sex" term of the
// regression formulas (Deurenberg, RFM) and the blend used for Other.
func (s Sex) maleShare() float64 {
	switch s {
	case Male:
		return 1
	case Female:
		return 0
	}
	return 0.5
}

// Age is the number of whole years between the calendar dates birthday and
// today (only their year, month and day are used). Someone born on 29 February
// becomes a year older on 1 March in common years.
func Age(birthday, today time.Time) int {
	by, bm, bd := birthday.Date()
	ty, tm, td := today.Date()
	age := ty - by
	if tm < bm || (tm == bm && td < bd) {
		age--
	}
	return age
}

// BMI is weight / height² (kg/m²).
func BMI(weightKg, heightCm float64) float64 {
	m := heightCm / 100
	return weightKg / (m * m)
}

// BMR is the Mifflin-St Jeor resting energy expenditure in kcal/day:
// 10·kg + 6.25·cm − 5·age + 5 (male) or − 161 (female); Other uses −78, the
// midpoint of the two.
func BMR(sex Sex, weightKg, heightCm float64, age int) float64 {
	const maleOffset, femaleOffset = 5.0, -161.0
	s := sex.maleShare()
	offset := s*maleOffset + (1-s)*femaleOffset
	return 10*weightKg + 6.25*heightCm - 5*float64(age) + offset
}

// TDEE is total daily energy expenditure: BMR times the activity multiplier of
// the user's activity_levels row.
func TDEE(bmr, activityMultiplier float64) float64 {
	return bmr * activityMultiplier
}

// StepsKcal estimates the energy of walking the given steps: stride =
// 0.414 × height, distance × 0.7 kcal per kg per km (common walking
// estimates; e.g. 10000 steps at 180 cm and 90.72 kg ≈ 473 kcal).
func StepsKcal(steps, heightCm, weightKg float64) float64 {
	km := steps * heightCm / 100 * 0.414 / 1000
	return km * weightKg * 0.7
}

// Round rounds x to the given number of decimals (half away from zero).
func Round(x float64, decimals int) float64 {
	p := math.Pow(10, float64(decimals))
	return math.Round(x*p) / p
}
