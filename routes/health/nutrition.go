package health

import (
	"strconv"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

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
	day, dayParams := common.LocalDay("fl.date_time", c.loc, from, end)
	var rows []dbx.NullStringMap
	err = c.app.DB().NewQuery(`SELECT ` + day + ` AS day, ` + nutrientSums() + `, COUNT(*) AS entries
		FROM {{food_logs}} fl JOIN {{foods}} f ON f.id = fl.food
		WHERE fl.[[user]] = {:user} AND fl.date_time >= {:start} AND fl.date_time < {:end}
		GROUP BY day`).
		Bind(merge(dayParams, dbx.Params{"user": c.id, "start": common.DBTime(from), "end": common.DBTime(end)})).
		All(&rows)
	if err != nil {
		return err
	}
	goals, err := c.goalsBefore(end, 0) // newest first
	if err != nil {
		return err
	}

	byDay := make(map[string]dbx.NullStringMap, len(rows))
	for _, r := range rows {
		byDay[r["day"].String] = r
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
		if r, ok := byDay[nd.Date]; ok {
			t, err := totalsOf(r)
			if err != nil {
				return err
			}
			if nd.Entries, err = strconv.Atoi(r["entries"].String); err != nil {
				return err
			}
			nd.Totals, nd.MacroSplit = t.byName(), t.macroSplit()
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
