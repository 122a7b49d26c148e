package bodymetrics

import (
	"strings"
	"testing"
)

// series returns value(day) for each listed day.
func series(days []int, value func(day int) float64) []DailyValue {
	out := make([]DailyValue, len(days))
	for i, d := range days {
		out[i] = dv(d, value(d))
	}
	return out
}

func span(from, to int) []int {
	var out []int
	for d := from; d <= to; d++ {
		out = append(out, d)
	}
	return out
}

func constant(v float64) func(int) float64 { return func(int) float64 { return v } }

func TestAdaptiveTDEE(t *testing.T) {
	type want struct {
		tdee, mean, change, weekly, uncertainty float64
		confidence                              string
		daysUsed, spanDays                      int
	}
	cases := []struct {
		name            string
		weights, intake []DailyValue
		want            *want  // nil: no estimate
		reason          string // substring of the reason when want is nil
	}{
		{
			// Losing exactly 0.5 kg/week (slope −1/14 kg/day) on 2000 kcal/day:
			// 2000 − (−27/14 kg · 7700) / 27 days = 2000 + 550 = 2550.
			name:    "steady loss, daily data",
			weights: series(span(0, 27), func(d int) float64 { return 80 - float64(d)/14 }),
			intake:  series(span(0, 27), constant(2000)),
			want:    &want{2550, 2000, -1.93, -0.5, 0, ConfidenceHigh, 28, 27},
		},
		{
			// Weights 80, 79.3, 79.0 on days 0, 7, 14: slope −7/98 = −1/14 kg/day
			// (trend change −1 kg); SE √(0.08/3 / 98) = 0.016496 → ±127 kcal;
			// 2100 + 550 = 2650; 15 intake days: medium.
			// The 5000-kcal days before the first weigh-in are outside the span.
			name:    "weekly weigh-ins",
			weights: []DailyValue{dv(0, 80), dv(7, 79.3), dv(14, 79.0)},
			intake:  append(series(span(-5, -1), constant(5000)), series(span(0, 14), constant(2100))...),
			want:    &want{2650, 2100, -1, -0.5, 127, ConfidenceMedium, 15, 14},
		},
		{
			// Flat weight: expenditure equals intake; 7 intake days of 11: low.
			name:    "thin but usable",
			weights: []DailyValue{dv(0, 80), dv(5, 80), dv(10, 80)},
			intake:  series([]int{0, 1, 3, 5, 6, 8, 10}, constant(1800)),
			want:    &want{1800, 1800, 0, 0, 0, ConfidenceLow, 7, 10},
		},
		{
			name:    "two weigh-ins",
			weights: []DailyValue{dv(0, 80), dv(20, 79)},
			intake:  series(span(0, 20), constant(2000)),
			reason:  "2 days with a weight log",
		},
		{
			name:    "weigh-ins too close together",
			weights: series(span(0, 5), constant(80)),
			intake:  series(span(0, 5), constant(2000)),
			reason:  "span 5 days",
		},
		{
			// 10 intake days out of 29 calendar days is under half.
			name:    "food logged on too few days",
			weights: series(span(0, 28), constant(80)),
			intake:  series(span(0, 9), constant(2000)),
			reason:  "10 of the 29 days",
		},
		{name: "no data", reason: "0 days with a weight log"},
	}
	for _, c := range cases {
		got := AdaptiveTDEE(c.weights, c.intake)
		if c.want == nil {
			if got.TDEE != nil || got.Reason == nil || !strings.Contains(*got.Reason, c.reason) {
				t.Errorf("%s: got %s, want no estimate with reason containing %q", c.name, show(got), c.reason)
			}
			continue
		}
		w := c.want
		if got.TDEE == nil || *got.TDEE != w.tdee || *got.MeanIntakeKcal != w.mean || *got.TrendChangeKg != w.change ||
			*got.WeeklyChangeKg != w.weekly || *got.UncertaintyKcal != w.uncertainty || *got.Confidence != w.confidence ||
			got.DaysUsed != w.daysUsed || got.SpanDays != w.spanDays || got.Reason != nil {
			t.Errorf("%s: got %s, want %+v", c.name, show(got), *w)
		}
	}
}

// fiveYears is daily data over 1826 days: weight drifting with a weekly
// water-weight wobble, intake logged on 6 days of 7.
func fiveYears() (weights, intake []DailyValue) {
	for d := 0; d < 1826; d++ {
		weights = append(weights, dv(d, 85-float64(d)/730+0.4*float64(d%7)/7))
		if d%7 != 3 {
			intake = append(intake, dv(d, 2300+float64(d%5)*40))
		}
	}
	return weights, intake
}

func BenchmarkAdaptiveTDEEFiveYears(b *testing.B) {
	weights, intake := fiveYears()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if AdaptiveTDEE(weights, intake).TDEE == nil {
			b.Fatal("no estimate")
		}
	}
}

func BenchmarkEWMATrendFiveYears(b *testing.B) {
	weights, _ := fiveYears()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		EWMATrend(weights, TrendAlpha)
	}
}
