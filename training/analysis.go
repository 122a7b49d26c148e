package training

// The optimal weekly activation of a muscle is counted in "hard sets" of
// ActivationPerHardSet activation points (a set of a workout rating the
// muscle 90 adds 90). The usual hypertrophy guideline of 10 to 20 hard sets a
// week is shifted up by one set per 10 points of priority, so priority 100
// asks for 20 to 30 sets and priority 1 for 10.1 to 20.1.
const (
	ActivationPerHardSet  = 90.0
	BaseLowSetsPerWeek    = 10.0
	BaseHighSetsPerWeek   = 20.0
	SetsPerPriorityPoint  = 0.1
	DefaultMusclePriority = 80
)

// Analysis statuses.
const (
	StatusMissing = "missing"
	StatusBelow   = "below"
	StatusOptimal = "optimal"
	StatusAbove   = "above"
)

// OptimalWeeklyRange is the weekly activation range for a muscle priority
// (1–100): 90 × (10 + 0.1·P) to 90 × (20 + 0.1·P). It does not depend on the
// number of split days: WeeklyActivation already scales the split to 7 days,
// so both ends are treated alike.
func OptimalWeeklyRange(priority int) (low, high float64) {
	shift := SetsPerPriorityPoint * float64(priority)
	return ActivationPerHardSet * (BaseLowSetsPerWeek + shift),
		ActivationPerHardSet * (BaseHighSetsPerWeek + shift)
}

// WeeklyActivation scales a muscle's targets summed over one pass of the
// split (numberOfDays days) to 7 days: sum × 7 / numberOfDays.
func WeeklyActivation(splitSum float64, numberOfDays int) float64 {
	if numberOfDays <= 0 {
		return 0
	}
	return splitSum * 7 / float64(numberOfDays)
}

// Status places a weekly activation against its range; zero means the split
// does not target the muscle at all.
func Status(weekly, low, high float64) string {
	switch {
	case weekly <= 0:
		return StatusMissing
	case weekly < low:
		return StatusBelow
	case weekly > high:
		return StatusAbove
	default:
		return StatusOptimal
	}
}

// MusclePriority is one muscle and the user's priority for it (1–100).
type MusclePriority struct {
	Muscle   string
	Priority int
}

// MuscleAnalysis is one row of the split analysis.
type MuscleAnalysis struct {
	Muscle     string
	Priority   int
	SplitTotal float64 // Σ of the muscle's targets over the split's days
	Weekly     float64 // SplitTotal scaled to 7 days
	Low, High  float64 // optimal weekly range from the priority
	Status     string
}

// AnalyzeSplit compares, for every muscle in muscles (in that order), the
// split's weekly target activation with the optimal range of its priority.
// splitTotals maps a muscle to the sum of its targets over the split's
// numberOfDays days; muscles absent from it are missing.
func AnalyzeSplit(numberOfDays int, splitTotals map[string]float64, muscles []MusclePriority) []MuscleAnalysis {
	rows := make([]MuscleAnalysis, len(muscles))
	for i, m := range muscles {
		total := splitTotals[m.Muscle]
		weekly := WeeklyActivation(total, numberOfDays)
		low, high := OptimalWeeklyRange(m.Priority)
		rows[i] = MuscleAnalysis{
			Muscle:     m.Muscle,
			Priority:   m.Priority,
			SplitTotal: total,
			Weekly:     weekly,
			Low:        low,
			High:       high,
			Status:     Status(weekly, low, high),
		}
	}
	return rows
}
