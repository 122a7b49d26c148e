package bodymetrics

import (
	"math"
	"time"
)

// DailyValue is one calendar day's value (a day's mean weight in kg, or a
// day's intake in kcal). Only the year, month and day of Date are used.
type DailyValue struct {
	Date  time.Time
	Value float64
}

// dayNumber counts calendar days since 1970-01-01, so differences of day
// numbers are day counts regardless of time zones or DST.
func dayNumber(t time.Time) int {
	y, m, d := t.Date()
	return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// TrendAlpha is the daily smoothing factor of the displayed weight trend
// (Hacker's Diet: each day moves the trend 10 % towards the scale).
const TrendAlpha = 0.1

// EWMATrend smooths daily weights with an exponentially weighted moving
// average whose weight accounts for gaps: after g days without a log the
// new value moves the trend by 1 − (1 − alpha)^g, as if the same weight had
// been logged every missing day. points must be in date order; the result has
// one trend value per point.
func EWMATrend(points []DailyValue, alpha float64) []DailyValue {
	out := make([]DailyValue, len(points))
	var trend float64
	prev := 0
	for i, p := range points {
		day := dayNumber(p.Date)
		if i == 0 {
			trend = p.Value
		} else {
			gap := day - prev
			w := 1 - math.Pow(1-alpha, float64(gap))
			trend += w * (p.Value - trend)
		}
		prev = day
		out[i] = DailyValue{Date: p.Date, Value: trend}
	}
	return out
}

// LinearTrend fits value = intercept + slope·day by least squares over the
// points and returns the slope per day and its standard error (NaN with fewer
// than 3 points). ok is false when fewer than 2 distinct days are given.
func LinearTrend(points []DailyValue) (slope, stdErr float64, ok bool) {
	n := float64(len(points))
	if len(points) < 2 {
		return 0, math.NaN(), false
	}
	// Centre x on the first day to keep sums small and exact.
	x0 := dayNumber(points[0].Date)
	var sx, sy float64
	xs := make([]float64, len(points))
	for i, p := range points {
		xs[i] = float64(dayNumber(p.Date) - x0)
		sx += xs[i]
		sy += p.Value
	}
	mx, my := sx/n, sy/n
	var sxx, sxy float64
	for i, p := range points {
		dx := xs[i] - mx
		sxx += dx * dx
		sxy += dx * (p.Value - my)
	}
	if sxx == 0 {
		return 0, math.NaN(), false
	}
	slope = sxy / sxx
	if len(points) < 3 {
		return slope, math.NaN(), true
	}
	var sse float64
	for i, p := range points {
		r := p.Value - (my + slope*(xs[i]-mx))
		sse += r * r
	}
	return slope, math.Sqrt(sse / (n - 2) / sxx), true
}
