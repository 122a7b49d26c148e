package health

import (
	"database/sql"
	"strconv"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"trackbase/routes/common"
	"trackbase/streaks"
)

// streaksOf answers GET /api/streaks: {current, longest, logged_today} for
// every tracker, over calendar days in the user's zone, plus `today`.
func streaksOf(e *core.RequestEvent) error {
	c, err := newCaller(e)
	if err != nil {
		return err
	}
	today := common.Today(c.loc)
	days, err := c.loggedDays(today)
	if err != nil {
		return err
	}
	out := map[string]any{"today": today.Format(common.DayLayout)}
	for _, t := range trackers {
		out[t.ID] = streaks.Compute(days[t.ID], today)
	}
	return common.OK(e, out)
}

// loggedDays lists, per tracker, the distinct local days with a row, in two
// queries: the earliest log (so the local-day expression covers every DST
// period of the history) and one UNION ALL of per-tracker DISTINCT days.
func (c *caller) loggedDays(today time.Time) (map[string][]time.Time, error) {
	user := dbx.Params{"user": c.id}
	var firsts []string
	for _, t := range trackers {
		if !t.DateOnly {
			firsts = append(firsts, `SELECT MIN(date_time) AS first FROM {{`+t.Table+`}} WHERE [[user]] = {:user}`)
		}
	}
	var first struct {
		At sql.NullString `db:"first"`
	}
	if err := c.app.DB().NewQuery(`SELECT MIN(first) AS first FROM (` + strings.Join(firsts, " UNION ALL ") + `)`).
		Bind(user).One(&first); err != nil {
		return nil, err
	}
	from := today
	if first.At.Valid {
		at, err := time.Parse(dbTimeLayout, first.At.String)
		if err != nil {
			return nil, err
		}
		from = common.StartOfDay(at, c.loc)
	}
	day, params := common.LocalDay("date_time", c.loc, from, common.NextDay(today))
	params = merge(params, user)
	parts := make([]string, len(trackers))
	for i, t := range trackers {
		expr := day
		if t.DateOnly {
			expr = "substr(date, 1, 10)"
		}
		key := "tracker" + strconv.Itoa(i)
		params[key] = t.ID
		parts[i] = `SELECT {:` + key + `} AS tracker, day FROM (SELECT DISTINCT ` + expr + ` AS day FROM {{` + t.Table + `}} WHERE [[user]] = {:user})`
	}
	var rows []struct {
		Tracker string `db:"tracker"`
		Day     string `db:"day"`
	}
	if err := c.app.DB().NewQuery(strings.Join(parts, " UNION ALL ")).Bind(params).All(&rows); err != nil {
		return nil, err
	}
	out := map[string][]time.Time{}
	for _, r := range rows {
		d, err := time.Parse(common.DayLayout, r.Day)
		if err != nil {
			return nil, err
		}
		out[r.Tracker] = append(out[r.Tracker], d)
	}
	return out, nil
}
