package registry

import "trackbase/collections"

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
}

// DateOnly tells whether rows carry a calendar date instead of an instant.
func (t Tracker) DateOnly() bool { return t.TimeField == Date }

// The trackers the code reads a total of by name.
var (
	Steps  = Tracker{"steps", "Steps", collections.StepsLogs, DateTime, "steps"}
	Cardio = Tracker{"cardio", "Cardio", collections.CardioLogs, DateTime, "calories_burned"}
)

// Trackers are every tracker, in the order the dashboard lists them. A test
// may append one (with its collection) to see it followed everywhere.
var Trackers = []Tracker{
	{"weight", "Weight", collections.WeightLogs, DateTime, ""},
	{"water", "Water", collections.WaterLogs, DateTime, ""},
	{"body_measurement", "Body measurements", collections.BodyMeasurementLogs, DateTime, ""},
	Steps,
	Cardio,
	{"sleep", "Sleep", collections.SleepLogs, Date, ""},
	{"health_metrics", "Health metrics", collections.HealthMetricsLogs, Date, ""},
	{"food", "Food", collections.FoodLogs, DateTime, ""},
	{"workout", "Workout", collections.WorkoutLogs, DateTime, ""},
}
