// Package training holds the pure workout arithmetic of trackbase: estimated
// one-rep max, training volume, the active split and split day for a date, and
// the split analysis against the user's muscle priorities. It knows nothing of
// HTTP or the database; weights are in kilograms and dates are calendar dates.
package training

import (
	"slices"
	"time"
)

// Set is one logged set with its weight already converted to kilograms.
type Set struct {
	WeightKg float64
	Reps     int
}

// E1RM is the Epley estimate of the one-rep max: weight × (1 + reps/30).
func E1RM(weightKg float64, reps int) float64 {
	return weightKg * (1 + float64(reps)/30)
}

// Volume is Σ weight × reps over the sets, in kilograms.
func Volume(sets []Set) float64 {
	total := 0.0
	for _, s := range sets {
		total += s.WeightKg * float64(s.Reps)
	}
	return total
}

// BestSet returns the set with the highest E1RM (the first one on a tie),
// and false when there are no sets.
func BestSet(sets []Set) (Set, bool) {
	if len(sets) == 0 {
		return Set{}, false
	}
	best, bestE1RM := sets[0], E1RM(sets[0].WeightKg, sets[0].Reps)
	for _, s := range sets[1:] {
		if e := E1RM(s.WeightKg, s.Reps); e > bestE1RM {
			best, bestE1RM = s, e
		}
	}
	return best, true
}

// DayNumber counts calendar days since 1970-01-01 for the year, month and day
// of t in t's own location, so differences are whole days whatever the DST
// shifts in between.
func DayNumber(t time.Time) int {
	y, m, d := t.Date()
	return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// Split is what the active-split rule needs to know about a split.
// A zero StartDate means the split was never started.
type Split struct {
	ID        string
	StartDate time.Time
	Created   time.Time
}

// ActiveSplit returns the split with the latest start date on or before date
// (calendar dates). Splits without a start date or starting later are not
// active. Two splits starting the same day: the one created last wins.
func ActiveSplit(splits []Split, date time.Time) (Split, bool) {
	day := DayNumber(date)
	var active Split
	found := false
	for _, s := range splits {
		if s.StartDate.IsZero() {
			continue
		}
		start := DayNumber(s.StartDate)
		if start > day {
			continue
		}
		if !found {
			active, found = s, true
			continue
		}
		activeStart := DayNumber(active.StartDate)
		if start > activeStart || (start == activeStart && s.Created.After(active.Created)) {
			active = s
		}
	}
	return active, found
}

// Day is one day of a split.
type Day struct {
	ID    string
	Name  string
	Order int
}

// SplitDay returns the day of the split on date: the (days since start mod
// number of days)-th day in day_order order. False before the start date or
// when the split has no days.
func SplitDay(start, date time.Time, days []Day) (Day, bool) {
	if len(days) == 0 || start.IsZero() {
		return Day{}, false
	}
	elapsed := DayNumber(date) - DayNumber(start)
	if elapsed < 0 {
		return Day{}, false
	}
	byOrder := func(a, b Day) int { return a.Order - b.Order }
	if !slices.IsSortedFunc(days, byOrder) {
		days = slices.SortedFunc(slices.Values(days), byOrder)
	}
	return days[elapsed%len(days)], true
}
