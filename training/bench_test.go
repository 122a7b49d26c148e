package training

import (
	"fmt"
	"testing"
)

func BenchmarkE1RM(b *testing.B) {
	for i := 0; b.Loop(); i++ {
		E1RM(100, i%20)
	}
}

// A heavy training day: 30 sets.
func BenchmarkBestSetAndVolume30(b *testing.B) {
	sets := make([]Set, 30)
	for i := range sets {
		sets[i] = Set{WeightKg: float64(40 + i), Reps: 3 + i%10}
	}
	for b.Loop() {
		BestSet(sets)
		Volume(sets)
	}
}

// Active split and split day for every day of five years, 20 splits of 6 days.
func BenchmarkActiveSplitDayFiveYears(b *testing.B) {
	splits := make([]Split, 20)
	for i := range splits {
		splits[i] = Split{ID: fmt.Sprint(i), StartDate: date("2021-01-01").AddDate(0, 3*i, 0)}
	}
	days := []Day{{"a", "Push", 1}, {"b", "Pull", 2}, {"c", "Legs", 3}, {"d", "Push", 4}, {"e", "Pull", 5}, {"f", "Legs", 6}}
	first := date("2021-01-01")
	for b.Loop() {
		for d := 0; d < 5*365; d++ {
			on := first.AddDate(0, 0, d)
			if s, ok := ActiveSplit(splits, on); ok {
				SplitDay(s.StartDate, on, days)
			}
		}
	}
}

// The analysis of the 46 reference muscles.
func BenchmarkAnalyzeSplit46(b *testing.B) {
	muscles := make([]MusclePriority, 46)
	totals := map[string]float64{}
	for i := range muscles {
		muscles[i] = MusclePriority{Muscle: fmt.Sprint("m", i), Priority: 1 + i*2}
		if i%3 != 0 {
			totals[muscles[i].Muscle] = float64(100 * i)
		}
	}
	for b.Loop() {
		AnalyzeSplit(5, totals, muscles)
	}
}
