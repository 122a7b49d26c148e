package health

import (
	"github.com/pocketbase/pocketbase/core"

	"trackbase/bodymetrics"
	"trackbase/routes/common"
)

// Range of /api/analytics/weight, in days, and the days before `from` read
// to warm the trend up, so it does not start at the first day's raw weight.
const defaultWeightDays, maxWeightDays, trendWarmupDays = 90, 5*366 + 1, 60

type weightPoint struct {
	Date     string  `json:"date"`
	WeightKg float64 `json:"weight_kg"`
	Weight   float64 `json:"weight"` // in `unit`
	TrendKg  float64 `json:"trend_kg"`
	Trend    float64 `json:"trend"` // in `unit`
}

// weightAnalytics answers GET /api/analytics/weight?from&to: one point per day
// with a weigh-in (the day's mean), in kg and in the user's unit, the smoothed
// trend, and the weekly rate of change over the range.
func weightAnalytics(e *core.RequestEvent) error {
	c, err := newCaller(e)
	if err != nil {
		return err
	}
	from, to, err := common.RangeParams(e, c.loc, defaultWeightDays, maxWeightDays)
	if err != nil {
		return err
	}
	daily, err := c.dailyWeights(from.AddDate(0, 0, -trendWarmupDays), to)
	if err != nil {
		return err
	}
	trend := bodymetrics.EWMATrend(daily, bodymetrics.TrendAlpha)

	first := from.Format(common.DayLayout)
	points := []weightPoint{}
	var inRange []bodymetrics.DailyValue
	for i, d := range daily {
		date := d.Date.Format(common.DayLayout)
		if date < first {
			continue
		}
		inRange = append(inRange, d)
		points = append(points, weightPoint{date, bodymetrics.Round(d.Value, 2), c.massPref(d.Value).Value,
			bodymetrics.Round(trend[i].Value, 2), c.massPref(trend[i].Value).Value})
	}

	var weeklyKg *float64
	var weekly *quantity
	if slope, _, ok := bodymetrics.LinearTrend(inRange); ok {
		kg, q := bodymetrics.Round(slope*7, 2), c.massPref(slope*7)
		weeklyKg, weekly = &kg, &q
	}
	return common.OK(e, map[string]any{
		"from": first, "to": to.Format(common.DayLayout), "unit": c.mass, "points": points,
		"weekly_rate_kg": weeklyKg, "weekly_rate": weekly,
		"trend_method": "exponentially weighted moving average, 10 % per day, gap-aware, warmed up over the 60 days before from",
		"rate_method":  "least-squares slope of the daily weights in the range × 7",
	})
}
