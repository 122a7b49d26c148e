// Package streaks computes logging streaks from the set of calendar days on
// which something was logged.
package streaks

import (
	"slices"
	"time"
)

// Streak is a tracker's streak: Current counts consecutive logged days back
// from today, or from yesterday when today has nothing logged yet (so a streak
// is not lost before the day is over); Longest is the longest run ever.
type Streak struct {
	Current     int  `json:"current"`
	Longest     int  `json:"longest"`
	LoggedToday bool `json:"logged_today"`
}

// dayNumber counts calendar days since 1970-01-01 from a date's year, month
// and day, so consecutive dates differ by exactly 1 whatever the time zone or
// DST.
func dayNumber(t time.Time) int {
	y, m, d := t.Date()
	return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// Compute returns the streak for the logged days (calendar dates in the
// user's time zone; only their year, month and day are used; order and
// duplicates do not matter) as seen on the calendar date today. Days after
// today (future-dated logs) are ignored.
func Compute(days []time.Time, today time.Time) Streak {
	t := dayNumber(today)
	nums := make([]int, 0, len(days))
	for _, d := range days {
		if n := dayNumber(d); n <= t {
			nums = append(nums, n)
		}
	}
	slices.Sort(nums)
	nums = slices.Compact(nums)

	var s Streak
	run := 0
	for i, n := range nums {
		if i > 0 && n == nums[i-1]+1 {
			run++
		} else {
			run = 1
		}
		s.Longest = max(s.Longest, run)
	}
	// run is now the run ending at the latest logged day.
	if len(nums) > 0 {
		last := nums[len(nums)-1]
		s.LoggedToday = last == t
		if last == t || last == t-1 {
			s.Current = run
		}
	}
	return s
}
