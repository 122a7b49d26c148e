package health

import (
	"github.com/pocketbase/pocketbase/core"

	"trackbase/rollups"
	"trackbase/routes/common"
)

// Range of /api/nutrition/daily, in days.
const defaultNutritionDays, maxNutritionDays = 30, 366

// nutritionDay is one calendar day of /api/nutrition/daily.
type nutritionDay struct {
	Date       string              `json:"date"`
	Entries    int                 `json:"entries"`
	Totals     map[string]float64  `json:"totals"`
	MacroSplit *macroSplit         `json:"macro_split"` // null without calories
	Goal       *map[string]float64 `json:"goal"`        // the goals in force at the end of the day; null when none
}

// nutritionDaily answers GET /api/nutrition/daily?from&to: one row per day of
// the range (both ends included, days without logs too) with every nutrient,
// cost, the goal in force that day and the macro split.
func nutritionDaily(e *core.RequestEvent) error {
	c, err := newCaller(e)
	if err != nil {
		return err
	}
	from, to, err := common.RangeParams(e, c.loc, defaultNutritionDays, maxNutritionDays)
	if err != nil {
		return err
	}
	end := common.NextDay(to)
	byDay, err := rollups.Stored(c.app, c.id, from.Format(common.DayLayout), to.Format(common.DayLayout))
	if err != nil {
		return err
	}
	goals, err := c.goalsBefore(end, 0) // newest first
	if err != nil {
		return err
	}

	out := make([]nutritionDay, 0, common.DaysBetween(from, to)+1)
	var empty nutrientTotals
	// Walk the days backwards so the goal pointer only moves one way.
	g := 0
	for d := to; !d.Before(from); d = d.AddDate(0, 0, -1) {
		next := common.NextDay(d)
		for g < len(goals) && !goals[g].GetDateTime("created").Time().Before(next) {
			g++
		}
		nd := nutritionDay{Date: d.Format(common.DayLayout), Totals: empty.byName()}
		if r := byDay[nd.Date]; r != nil && r.Entries > 0 {
			t := nutrientTotals(r.Totals)
			nd.Entries, nd.Totals, nd.MacroSplit = r.Entries, t.byName(), t.macroSplit()
		}
		if g < len(goals) {
			v := goalValues(goals[g])
			nd.Goal = &v
		}
		out = append(out, nd)
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return common.OK(e, map[string]any{
		"from": from.Format(common.DayLayout), "to": to.Format(common.DayLayout),
		"days": out, "units": nutrientUnits,
	})
}
