package bodymetrics

import (
	"fmt"
	"math"
)

// Thresholds below which the adaptive TDEE is not estimated: with fewer
// weigh-ins or a shorter span, day-to-day water swings (±1 kg) dwarf the
// energy signal (1 kg ≈ 7700 kcal).
const (
	MinWeightDays   = 3   // days with a weight log
	MinSpanDays     = 7   // days between the first and last weigh-in
	MinIntakeDays   = 7   // days with logged food inside that span
	MinIntakeCover  = 0.5 // share of the span's days with logged food
	highConfKcal    = 150 // uncertainty limits of the confidence levels
	mediumConfKcal  = 300
	highConfDays    = 21
	mediumConfDays  = 14
	highConfCover   = 0.8
	mediumConfCover = 0.6
)

// Confidence levels of an adaptive TDEE estimate.
const (
	ConfidenceHigh   = "high"
	ConfidenceMedium = "medium"
	ConfidenceLow    = "low"
)

// Adaptive is an energy-balance estimate of expenditure. When the data is too
// thin, TDEE is nil and Reason says why; the counts are filled either way.
type Adaptive struct {
	TDEE            *float64 `json:"tdee"`
	MeanIntakeKcal  *float64 `json:"mean_intake_kcal"`
	TrendChangeKg   *float64 `json:"trend_change_kg"`
	WeeklyChangeKg  *float64 `json:"weekly_change_kg"`
	UncertaintyKcal *float64 `json:"uncertainty_kcal"`
	Confidence      *string  `json:"confidence"`
	Reason          *string  `json:"reason"`
	SpanDays        int      `json:"span_days"`   // days between first and last weigh-in
	DaysUsed        int      `json:"days_used"`   // days with intake inside that span
	WeightDays      int      `json:"weight_days"` // days with a weigh-in
	IntakeDays      int      `json:"intake_days"` // days with intake in the whole window
}

// AdaptiveTDEE estimates expenditure from energy balance:
//
//	TDEE = mean daily intake − trend change (kg) × 7700 / span days
//
// The trend is the least-squares line through the daily weights (its slope
// times the span is the trend change), which, unlike an EWMA, has no start-up
// lag and uses every weigh-in equally. Intake is averaged over the days with
// logged food between the first and last weigh-in, the period the weight
// change measures; days without food logs are left out rather than counted as
// zero. UncertaintyKcal is the slope's standard error × 7700.
//
// weights (daily mean kg) and intake (daily kcal) must be in date order, one
// entry per day that has data.
func AdaptiveTDEE(weights, intake []DailyValue) Adaptive {
	res := Adaptive{WeightDays: len(weights), IntakeDays: len(intake)}
	fail := func(format string, args ...any) Adaptive {
		reason := fmt.Sprintf(format, args...)
		res.Reason = &reason
		return res
	}
	if len(weights) < MinWeightDays {
		return fail("%d days with a weight log; at least %d are needed", len(weights), MinWeightDays)
	}
	first, last := dayNumber(weights[0].Date), dayNumber(weights[len(weights)-1].Date)
	res.SpanDays = last - first
	if res.SpanDays < MinSpanDays {
		return fail("weight logs span %d days; at least %d are needed", res.SpanDays, MinSpanDays)
	}

	var sum float64
	for _, d := range intake {
		if n := dayNumber(d.Date); n >= first && n <= last {
			sum += d.Value
			res.DaysUsed++
		}
	}
	spanCalendarDays := res.SpanDays + 1
	cover := float64(res.DaysUsed) / float64(spanCalendarDays)
	if res.DaysUsed < MinIntakeDays || cover < MinIntakeCover {
		return fail("food was logged on %d of the %d days between the first and last weigh-in; at least %d and half of them are needed",
			res.DaysUsed, spanCalendarDays, MinIntakeDays)
	}

	slope, se, _ := LinearTrend(weights) // ≥3 points over ≥7 days: always ok
	mean := sum / float64(res.DaysUsed)
	change := slope * float64(res.SpanDays)
	tdee := math.Round(mean - change*KcalPerKg/float64(res.SpanDays))
	uncertainty := math.Round(se * KcalPerKg)

	conf := ConfidenceLow
	switch {
	case res.DaysUsed >= highConfDays && cover >= highConfCover && uncertainty <= highConfKcal:
		conf = ConfidenceHigh
	case res.DaysUsed >= mediumConfDays && cover >= mediumConfCover && uncertainty <= mediumConfKcal:
		conf = ConfidenceMedium
	}

	mean, change, weekly := math.Round(mean), Round(change, 2), Round(slope*7, 2)
	res.TDEE, res.MeanIntakeKcal, res.TrendChangeKg, res.WeeklyChangeKg = &tdee, &mean, &change, &weekly
	res.UncertaintyKcal, res.Confidence = &uncertainty, &conf
	return res
}
