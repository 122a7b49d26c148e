package training

import (
	"math"
	"testing"
	"time"
)

func near(a, b float64) bool { return math.Abs(a-b) < 0.005 }

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestE1RM(t *testing.T) {
	cases := []struct {
		name   string
		weight float64
		reps   int
		want   float64
	}{
		{"100 kg × 5: 100 × (1 + 5/30) = 116.666…", 100, 5, 116.67},
		{"100 kg × 1: 100 × 31/30 = 103.333…", 100, 1, 103.33},
		{"60 kg × 10: 60 × (1 + 1/3) = 80", 60, 10, 80},
		{"reps 0 leaves the weight: 80 × 1 = 80", 80, 0, 80},
		{"bodyweight set, weight 0: 0", 0, 12, 0},
		{"20.5 kg × 30: 20.5 × 2 = 41", 20.5, 30, 41},
	}
	for _, c := range cases {
		if got := E1RM(c.weight, c.reps); !near(got, c.want) {
			t.Errorf("%s: E1RM(%v, %d) = %v, want %v", c.name, c.weight, c.reps, got, c.want)
		}
	}
}

func TestVolume(t *testing.T) {
	cases := []struct {
		name string
		sets []Set
		want float64
	}{
		{"no sets", nil, 0},
		{"one set 100 × 5 = 500", []Set{{100, 5}}, 500},
		{"20.5×10 + 25×8 = 205 + 200 = 405", []Set{{20.5, 10}, {25, 8}}, 405},
		{"a 0-rep set adds nothing: 60×0 + 60×10 = 600", []Set{{60, 0}, {60, 10}}, 600},
		{"lb converted by the caller: 45.359237×10 = 453.59", []Set{{45.359237, 10}}, 453.59},
	}
	for _, c := range cases {
		if got := Volume(c.sets); !near(got, c.want) {
			t.Errorf("%s: Volume = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestBestSet(t *testing.T) {
	cases := []struct {
		name   string
		sets   []Set
		want   Set
		wantOK bool
	}{
		{"no sets", nil, Set{}, false},
		// 100×5 → 116.67 beats 110×1 → 113.67 and 90×8 → 114: the heaviest set is not the best.
		{"highest e1RM, not heaviest", []Set{{110, 1}, {100, 5}, {90, 8}}, Set{100, 5}, true},
		// 60×10 → 80 and 75×2 → 80: equal e1RM, the first set is kept.
		{"tie keeps the first", []Set{{60, 10}, {75, 2}}, Set{60, 10}, true},
	}
	for _, c := range cases {
		got, ok := BestSet(c.sets)
		if ok != c.wantOK || got != c.want {
			t.Errorf("%s: BestSet = %v, %v; want %v, %v", c.name, got, ok, c.want, c.wantOK)
		}
	}
}

func TestActiveSplit(t *testing.T) {
	created := date("2025-12-01")
	ppl := Split{ID: "ppl", StartDate: date("2026-01-01"), Created: created}
	upper := Split{ID: "upper", StartDate: date("2026-02-01"), Created: created}
	future := Split{ID: "future", StartDate: date("2026-06-01"), Created: created}
	never := Split{ID: "never", Created: created.AddDate(0, 1, 0)}
	sameDayOld := Split{ID: "old", StartDate: date("2026-03-01"), Created: created}
	sameDayNew := Split{ID: "new", StartDate: date("2026-03-01"), Created: created.Add(time.Hour)}
	all := []Split{never, upper, future, ppl}

	cases := []struct {
		name   string
		splits []Split
		on     time.Time
		want   string // "" = none active
	}{
		{"no splits", nil, date("2026-01-05"), ""},
		{"before every start date", all, date("2025-12-31"), ""},
		{"start day itself counts", all, date("2026-01-01"), "ppl"},
		{"only ppl has started", all, date("2026-01-31"), "ppl"},
		{"latest start on or before wins", all, date("2026-02-01"), "upper"},
		{"a future split is not active yet", all, date("2026-05-31"), "upper"},
		{"the future split once started", all, date("2026-06-01"), "future"},
		{"never-started split is never active", []Split{never}, date("2030-01-01"), ""},
		{"same start date: created last wins", []Split{sameDayNew, sameDayOld}, date("2026-03-02"), "new"},
		// 2026-01-01 00:30 in Auckland is still 2025-12-31 in UTC, but the calendar date in the
		// user's zone is what counts.
		{"date taken in its own zone", all, time.Date(2026, 1, 1, 0, 30, 0, 0, mustZone("Pacific/Auckland")), "ppl"},
	}
	for _, c := range cases {
		got, ok := ActiveSplit(c.splits, c.on)
		if (c.want == "") == ok || got.ID != c.want {
			t.Errorf("%s: ActiveSplit = %q, %v; want %q", c.name, got.ID, ok, c.want)
		}
	}
}

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

func TestSplitDay(t *testing.T) {
	start := date("2026-01-01")
	// Given out of order on purpose: the order is day_order, not slice order.
	days := []Day{{"c", "Legs", 3}, {"a", "Push", 1}, {"b", "Pull", 2}}
	cases := []struct {
		name  string
		start time.Time
		days  []Day
		on    time.Time
		want  string // "" = no day
	}{
		{"start day is day 1", start, days, date("2026-01-01"), "Push"},
		{"one day later is day 2", start, days, date("2026-01-02"), "Pull"},
		// 2026-01-05 − 2026-01-01 = 4 days; 4 mod 3 = 1 → the 2nd day.
		{"2026-01-05 is on the 2nd day", start, days, date("2026-01-05"), "Pull"},
		// 2026-03-01 − 2026-01-01 = 31 + 28 = 59 days; 59 mod 3 = 2 → the 3rd day.
		{"across months", start, days, date("2026-03-01"), "Legs"},
		{"before the start date", start, days, date("2025-12-31"), ""},
		{"no days", start, nil, date("2026-01-05"), ""},
		{"never started", time.Time{}, days, date("2026-01-05"), ""},
		// 2026-03-29 is the DST switch in Berlin (a 23-hour day); 2026-03-30 − 2026-03-28 = 2
		// calendar days since a start of 2026-03-28 → 2 mod 3 = 2 → Legs.
		{"DST day counted as one day", date("2026-03-28"), days,
			time.Date(2026, 3, 30, 0, 10, 0, 0, mustZone("Europe/Berlin")), "Legs"},
	}
	for _, c := range cases {
		got, ok := SplitDay(c.start, c.on, c.days)
		if (c.want == "") == ok || got.Name != c.want {
			t.Errorf("%s: SplitDay = %q, %v; want %q", c.name, got.Name, ok, c.want)
		}
	}
	if days[0].Name != "Legs" {
		t.Errorf("SplitDay reordered the caller's slice")
	}
}

func TestOptimalWeeklyRange(t *testing.T) {
	cases := []struct {
		priority  int
		low, high float64
	}{
		{100, 1800, 2700}, // 90 × (10 + 10) = 1800; 90 × (20 + 10) = 2700
		{80, 1620, 2520},  // 90 × (10 + 8) = 1620; 90 × (20 + 8) = 2520
		{50, 1350, 2250},  // 90 × 15; 90 × 25
		{1, 909, 1809},    // 90 × 10.1; 90 × 20.1
	}
	for _, c := range cases {
		low, high := OptimalWeeklyRange(c.priority)
		if !near(low, c.low) || !near(high, c.high) {
			t.Errorf("priority %d: range %v–%v, want %v–%v", c.priority, low, high, c.low, c.high)
		}
	}
}

func TestAnalyzeSplit(t *testing.T) {
	muscles := []MusclePriority{{"chest", 80}, {"biceps", 80}, {"quads", 100}, {"calves", 50}, {"abs", 80}}
	cases := []struct {
		name     string
		days     int
		totals   map[string]float64
		weekly   []float64
		statuses []string
	}{
		{
			name: "3-day split",
			days: 3,
			// chest 900 over 3 days → 900 × 7 / 3 = 2100, in 1620–2520: optimal.
			// biceps 600 → 1400 < 1620: below. quads 1500 → 3500 > 2700: above.
			// calves 0 and abs absent: missing.
			totals:   map[string]float64{"chest": 900, "biceps": 600, "quads": 1500, "calves": 0},
			weekly:   []float64{2100, 1400, 3500, 0, 0},
			statuses: []string{StatusOptimal, StatusBelow, StatusAbove, StatusMissing, StatusMissing},
		},
		{
			// Symmetry in the number of days: the same per-day load gives the same status.
			// chest 300 a day: 7 days × 300 = 2100 and 3 days × 300 = 900 → 2100 both times.
			name:     "7-day split with the same daily load",
			days:     7,
			totals:   map[string]float64{"chest": 2100, "biceps": 1400, "quads": 3500},
			weekly:   []float64{2100, 1400, 3500, 0, 0},
			statuses: []string{StatusOptimal, StatusBelow, StatusAbove, StatusMissing, StatusMissing},
		},
		{
			// Bounds are inclusive: chest 1620 × 2/7 = 462.857… → weekly 1620 (= low);
			// quads 2700 × 2/7 → 2700 (= high); calves 1350 × 2/7 → 1350 (= low of P50).
			name:     "2-day split on the bounds",
			days:     2,
			totals:   map[string]float64{"chest": 1620.0 * 2 / 7, "quads": 2700.0 * 2 / 7, "calves": 1350.0 * 2 / 7},
			weekly:   []float64{1620, 0, 2700, 1350, 0},
			statuses: []string{StatusOptimal, StatusMissing, StatusOptimal, StatusOptimal, StatusMissing},
		},
		{
			name:     "split without days: everything missing",
			days:     0,
			totals:   map[string]float64{},
			weekly:   []float64{0, 0, 0, 0, 0},
			statuses: []string{StatusMissing, StatusMissing, StatusMissing, StatusMissing, StatusMissing},
		},
	}
	for _, c := range cases {
		rows := AnalyzeSplit(c.days, c.totals, muscles)
		if len(rows) != len(muscles) {
			t.Fatalf("%s: %d rows, want %d", c.name, len(rows), len(muscles))
		}
		for i, r := range rows {
			if r.Muscle != muscles[i].Muscle || !near(r.Weekly, c.weekly[i]) || r.Status != c.statuses[i] {
				t.Errorf("%s: %s weekly %v status %s, want %v %s",
					c.name, r.Muscle, r.Weekly, r.Status, c.weekly[i], c.statuses[i])
			}
		}
	}
}
