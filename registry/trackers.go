package registry

import (
	"math/rand/v2"
	"time"

	"trackbase/collections"
)

// Time fields of a tracker's rows.
const (
	// DateTime is an instant; the row falls on its local day in the user's zone.
	DateTime = "date_time"
	// Date is a calendar date, stored at 00:00Z of that date.
	Date = "date"
)

// Tracker is a kind of log that the dashboard ("not logged yet today") and
// the streaks follow. A tracker counts as logged on a day when its collection
// has a row of the user whose TimeField falls on that day. Its collection has
// a required `user` relation to users and an index on (user, TimeField).
type Tracker struct {
	ID         string // key in answers: "weight", "sleep", …
	Label      string // for people
	Collection string
	TimeField  string // DateTime or Date
	// Total names a numeric field the dashboard adds up over the day (the
	// steps walked, the kcal burned), "" for none.
	Total string
	// Amount, when set, is a measured value logged in one of several units.
	Amount *Amount
	// Demo, when set, gives the demo users' rows of one day for the seed.
	Demo func(rng *rand.Rand, day time.Time) []DemoRow
}

// Amount is a tracker's measured value with the field naming its unit: the
// value is converted through the units table and must not exceed Max Unit
// whatever unit it is logged in.
type Amount struct {
	Field, UnitField string
	Max              float64
	Unit             string // of Max and of the Demo rows' values
	MetricUnit       string // what users who prefer metric units log in, if not Unit
}

// DemoRow is one demo row: its local time of day and its fields besides the
// owner and the time (an Amount's value in Amount.Unit, without its unit).
type DemoRow struct {
	Hour, Minute int
	Values       map[string]any
}

// DateOnly tells whether rows carry a calendar date instead of an instant.
func (t Tracker) DateOnly() bool { return t.TimeField == Date }

// The trackers the code reads a total of by name.
var (
	Steps  = Tracker{ID: "steps", Label: "Steps", Collection: collections.StepsLogs, TimeField: DateTime, Total: "steps"}
	Cardio = Tracker{ID: "cardio", Label: "Cardio", Collection: collections.CardioLogs, TimeField: DateTime, Total: "calories_burned"}
)

// Trackers are every tracker, in the order the dashboard lists them. A test
// may append one (with its collection) to see it followed everywhere.
var Trackers = []Tracker{
	{ID: "weight", Label: "Weight", Collection: collections.WeightLogs, TimeField: DateTime},
	{ID: "water", Label: "Water", Collection: collections.WaterLogs, TimeField: DateTime},
	{ID: "body_measurement", Label: "Body measurements", Collection: collections.BodyMeasurementLogs, TimeField: DateTime},
	Steps,
	Cardio,
	{ID: "sleep", Label: "Sleep", Collection: collections.SleepLogs, TimeField: Date},
	{ID: "health_metrics", Label: "Health metrics", Collection: collections.HealthMetricsLogs, TimeField: Date},
	{ID: "food", Label: "Food", Collection: collections.FoodLogs, TimeField: DateTime},
	{ID: "workout", Label: "Workout", Collection: collections.WorkoutLogs, TimeField: DateTime},
	{ID: "blood_glucose", Label: "Blood glucose", Collection: "blood_glucose_logs", TimeField: DateTime,
		Amount: &Amount{Field: "value", UnitField: "unit", Max: 2000, Unit: "mg/dL", MetricUnit: "mmol/L"}, Demo: glucoseDemo},
}

// glucoseDemo: a person without diabetes who checks on waking three
// mornings a week (fasting 80–100 mg/dL) and now and then two hours after
// dinner (below 140 mg/dL).
func glucoseDemo(rng *rand.Rand, day time.Time) []DemoRow {
	var rows []DemoRow
	switch day.Weekday() {
	case time.Monday, time.Wednesday, time.Friday:
		rows = append(rows, DemoRow{6, 45 + rng.IntN(30), map[string]any{"value": float64(80 + rng.IntN(21)), "context": "fasting"}})
	}
	if rng.IntN(7) == 0 {
		rows = append(rows, DemoRow{21, rng.IntN(30), map[string]any{"value": float64(105 + rng.IntN(31)), "context": "after_meal"}})
	}
	return rows
}
