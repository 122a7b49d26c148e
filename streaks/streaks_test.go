package streaks

import (
	"testing"
	"time"
)

var today = time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)

// ago lists the dates n days before today for each n.
func ago(ns ...int) []time.Time {
	out := make([]time.Time, len(ns))
	for i, n := range ns {
		out[i] = today.AddDate(0, 0, -n)
	}
	return out
}

func TestCompute(t *testing.T) {
	cases := []struct {
		name string
		days []time.Time
		want Streak
	}{
		{"nothing logged", nil, Streak{0, 0, false}},
		{"today only", ago(0), Streak{1, 1, true}},
		// Today not logged yet: the run ending yesterday still counts.
		{"through yesterday", ago(1, 2, 3), Streak{3, 3, false}},
		{"through today", ago(0, 1, 2, 3), Streak{4, 4, true}},
		// Last log two days ago: the streak is broken, the record stays.
		{"broken", ago(2, 3, 4), Streak{0, 3, false}},
		// An older run of 5 is longer than the current run of 2.
		{"longest in the past", ago(0, 1, 10, 11, 12, 13, 14), Streak{2, 5, true}},
		{"duplicates and any order", ago(1, 0, 0, 2, 1), Streak{3, 3, true}},
		// Future-dated logs neither extend nor start a streak.
		{"future ignored", ago(-1, -2, 0), Streak{1, 1, true}},
		// 2026-03-02 back to 2026-02-27 crosses the end of February (28 days).
		{"across a month end", ago(0, 1, 2, 3), Streak{4, 4, true}},
	}
	for _, c := range cases {
		if got := Compute(c.days, today); got != c.want {
			t.Errorf("%s: got %+v, want %+v", c.name, got, c.want)
		}
	}
}

// The days are local calendar dates: a date carried in another location is
// still that date, and days across a DST change are still consecutive.
func TestComputeUsesCalendarDates(t *testing.T) {
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Skip("no tzdata:", err)
	}
	// US DST began on 2026-03-08; these are local midnights around it.
	days := []time.Time{
		time.Date(2026, 3, 7, 0, 0, 0, 0, la),
		time.Date(2026, 3, 8, 0, 0, 0, 0, la),
		time.Date(2026, 3, 9, 0, 0, 0, 0, la),
	}
	got := Compute(days, time.Date(2026, 3, 9, 23, 0, 0, 0, la))
	if want := (Streak{3, 3, true}); got != want {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

func BenchmarkComputeFiveYears(b *testing.B) {
	var days []time.Time
	for n := 0; n < 1826; n++ {
		if n%50 != 7 { // a missed day every 50
			days = append(days, today.AddDate(0, 0, -n))
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Compute(days, today)
	}
}
