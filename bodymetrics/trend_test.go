package bodymetrics

import (
	"math"
	"testing"
)

func dv(day int, v float64) DailyValue {
	return DailyValue{Date: date(2026, 1, 1).AddDate(0, 0, day), Value: v}
}

func TestEWMATrend(t *testing.T) {
	// day 0: 80 (seed); day 1: 80 + 0.1·(81 − 80) = 80.1;
	// day 3 after a 2-day gap: weight 1 − 0.9² = 0.19 → 80.1 + 0.19·(79 − 80.1) = 79.891.
	got := EWMATrend([]DailyValue{dv(0, 80), dv(1, 81), dv(3, 79)}, TrendAlpha)
	want := []float64{80, 80.1, 79.891}
	for i := range want {
		if !near(got[i].Value, want[i], 1e-9) || !got[i].Date.Equal(dv(0, 0).Date.AddDate(0, 0, []int{0, 1, 3}[i])) {
			t.Errorf("point %d = %v, want %v", i, got[i], want[i])
		}
	}
	if len(EWMATrend(nil, TrendAlpha)) != 0 {
		t.Error("empty input must give an empty trend")
	}
}

func TestLinearTrend(t *testing.T) {
	cases := []struct {
		name      string
		points    []DailyValue
		slope, se float64
		ok        bool
	}{
		{"exact line", []DailyValue{dv(0, 80), dv(1, 81), dv(2, 82)}, 1, 0, true},
		// x̄ = 2, ȳ = 79.5; Sxy = (−2)(0.5) = −1, Sxx = 8 → slope −0.125;
		// residuals 0.25, −0.5, 0.25 → SSE 0.375; se = √(0.375 / 1 / 8) = 0.216506.
		{"noisy", []DailyValue{dv(0, 80), dv(2, 79), dv(4, 79.5)}, -0.125, 0.216506, true},
		// Gaps count in days, across a month end: 2 kg over 31 days.
		{"two points", []DailyValue{dv(0, 80), dv(31, 78)}, -2.0 / 31, math.NaN(), true},
		{"one point", []DailyValue{dv(0, 80)}, 0, math.NaN(), false},
	}
	for _, c := range cases {
		slope, se, ok := LinearTrend(c.points)
		seOK := (math.IsNaN(c.se) && math.IsNaN(se)) || near(se, c.se, 1e-6)
		if ok != c.ok || !near(slope, c.slope, 1e-9) || !seOK {
			t.Errorf("%s: got (%v, %v, %v), want (%v, %v, %v)", c.name, slope, se, ok, c.slope, c.se, c.ok)
		}
	}
}
