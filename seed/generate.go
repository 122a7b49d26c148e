package seed

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/pocketbase/pocketbase/tools/types"
)

// profile describes one dummy user; the generator turns it into rows.
type profile struct {
	username, email, password, first, last string
	gender                                 string
	birthday                               string
	heightCm                               float64
	imperial                               bool
	activity                               string
	timezone                               string
	split                                  splitDef
	liftUnit, location                     string // of the workouts
	trainingHour                           int
	synthetic                              bool
	startWeightKg, dailyChangeKg           float64 // weight trend
	goalWeightKg                           float64
	calories                               float64 // daily intake target
	goals                                  map[string]float64
	mealNames                              [2]string
	meals                                  [2][]portion
}

// The two demo users.
var (
	johnDoe = profile{
		username: "john_doe", email: "john.doe@example.com", password: "testpass123", first: "John", last: "Doe",
		gender: "male", birthday: "1990-05-15", heightCm: 182.88, imperial: true, activity: "Very Active",
		timezone: "America/New_York", split: pplSplit, liftUnit: "lb", location: "Gold's Gym", trainingHour: 17,
		startWeightKg: 88.45, dailyChangeKg: -0.03, goalWeightKg: 83.91, calories: 2200,
		goals: map[string]float64{"tokens_goal": 10000, "cost_goal": 50, "protein_goal": 180, "fat_goal": 60, "carbohydrates_goal": 220, "fiber_goal": 30, "sodium_goal": 2300,
			"sugar_goal": 50, "lean_mass_goal": 165, "fat_mass_goal": 20, "saturated_fat_goal": 20, "trans_fat_goal": 0,
			"calcium_goal": 1000, "iron_goal": 8, "magnesium_goal": 420, "cholesterol_goal": 300, "vitamin_a_goal": 900,
			"vitamin_c_goal": 90, "vitamin_d_goal": 20, "caffeine_goal": 300},
		mealNames: [2]string{"Pre-Workout Breakfast", "Post-Workout Lunch"},
		meals: [2][]portion{
			{{"Oatmeal (Dry)", 1.5}, {"Banana", 1}, {"Whey Protein Powder", 1}},
			{{"Chicken Breast (Raw)", 2}, {"White Rice (Cooked)", 2}, {"Broccoli (Cooked)", 1.5}},
		},
	}
	janeSmith = profile{
		username: "jane_smith", email: "jane.smith@example.com", password: "testpass456", first: "Jane", last: "Smith",
		gender: "female", birthday: "1992-08-22", heightCm: 165, imperial: false, activity: "Moderately Active",
		timezone: "Europe/London", split: upperLowerSplit, liftUnit: "kg", location: "Planet Fitness", trainingHour: 7,
		startWeightKg: 62.4, dailyChangeKg: -0.002, goalWeightKg: 62, calories: 1800,
		goals: map[string]float64{"tokens_goal": 5000, "cost_goal": 30, "protein_goal": 120, "fat_goal": 50, "carbohydrates_goal": 180, "fiber_goal": 25, "sodium_goal": 2000,
			"sugar_goal": 40, "lean_mass_goal": 48, "fat_mass_goal": 14, "saturated_fat_goal": 16, "trans_fat_goal": 0,
			"calcium_goal": 1000, "iron_goal": 18, "magnesium_goal": 320, "cholesterol_goal": 280, "vitamin_a_goal": 700,
			"vitamin_c_goal": 75, "vitamin_d_goal": 15, "caffeine_goal": 250},
		mealNames: [2]string{"Morning Protein", "Balanced Dinner"},
		meals: [2][]portion{
			{{"Greek Yogurt (Non-Fat)", 1}, {"Banana", 0.5}, {"Almonds", 1}},
			{{"Salmon (Atlantic)", 1}, {"Sweet Potato (Baked)", 1.5}, {"Spinach (Raw)", 1}},
		},
	}
)

var syntheticZones = []string{"UTC", "America/New_York", "America/Los_Angeles", "Europe/Berlin", "Europe/London",
	"Asia/Tokyo", "Australia/Sydney", "Pacific/Auckland", "Asia/Kolkata", "America/Sao_Paulo"}

// syntheticProfile makes the i-th load-test user from the same templates.
func syntheticProfile(i int, rng *rand.Rand) profile {
	p := janeSmith
	if rng.IntN(2) == 0 {
		p = johnDoe
	}
	p.username = fmt.Sprintf("%s%05d", syntheticPrefix, i)
	p.email = p.username + "@example.com"
	p.password, p.synthetic = syntheticPassword, true
	p.first, p.last = "Synthetic", fmt.Sprintf("User %d", i)
	p.heightCm = math.Round(p.heightCm*(0.93+rng.Float64()*0.14)*10) / 10
	p.imperial = rng.IntN(3) == 0
	p.timezone = syntheticZones[rng.IntN(len(syntheticZones))]
	p.startWeightKg = math.Round(p.startWeightKg*(0.85+rng.Float64()*0.3)*10) / 10
	p.dailyChangeKg = (rng.Float64() - 0.6) * 0.05
	p.goalWeightKg = p.startWeightKg + p.dailyChangeKg*180
	p.calories = math.Round(p.calories * (0.9 + rng.Float64()*0.2))
	return p
}

// id makes a PocketBase-shaped record id (15 of [a-z0-9]): a base-36
// sequence number, so the unique id index grows at its end instead of at
// random places, then random characters from the user's stream. The same
// --seed gives the same ids.
func (g *generator) id(rng *rand.Rand) string {
	const alphabet = "0123456789abcdefghijklmnopqrstuvwxyz" // in byte order, so ids sort by sequence
	var b [15]byte
	n := g.seq
	g.seq++
	for i := 6; i >= 0; i-- {
		b[i] = alphabet[n%36]
		n /= 36
	}
	for i := 7; i < len(b); i++ {
		b[i] = alphabet[rng.IntN(len(alphabet))]
	}
	return string(b[:])
}

// dbTime formats an instant as PocketBase stores datetimes.
func dbTime(t time.Time) string { return t.UTC().Format(types.DefaultDateLayout) }

func round(v float64, step float64) float64 { return math.Round(v/step) * step }

func round2(v float64) float64 { return math.Round(v*100) / 100 }

// noise is a normal deviate with the given standard deviation.
func noise(rng *rand.Rand, sd float64) float64 { return rng.NormFloat64() * sd }

const (
	syntheticPrefix   = "synth"
	syntheticPassword = "synthetic123"
	lbPerKg           = 1 / 0.45359237
)
