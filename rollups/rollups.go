// Package rollups keeps one row per (user, local day) in daily_rollups with
// what the read endpoints add up: calories, every nutrient, cost and tokens
// eaten, and per tracker how many rows were logged and their total. The
// registry says what is rolled up, so a new tracker or nutrient needs no code
// here. Every write that changes a day recomputes that day from the raw rows
// (Compute) in the write's transaction; `trackbase rollups --check` and
// `--rebuild` use the same Compute.
package rollups

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"trackbase/collections"
	"trackbase/registry"
	"trackbase/routes/common"
)

// Collection is the rollups' collection.
const Collection = "daily_rollups"

// Tokens is the key of the AI tokens used by a day's food logs in Day.Totals.
const Tokens = "tokens"

// Summed are the foods' fields a day's totals add up (times the servings
// logged): calories, the nutrients and cost.
var Summed = append(registry.EnergyAndNutrientNames(), "cost")

// Day is one user's rollup of one local day.
type Day struct {
	// Entries counts the day's food logs of an existing food.
	Entries int `json:"entries"`
	// Totals holds each of Summed and Tokens.
	Totals map[string]float64 `json:"totals"`
	// Trackers holds, by tracker id, the trackers logged that day.
	Trackers map[string]Logged `json:"trackers"`
}

// Logged is what a tracker has on a day: its rows and the sum of its Total field.
type Logged struct {
	Count int     `json:"n"`
	Total float64 `json:"total"`
}

// Compute rolls up the user's raw rows of the local days in [from, to)
// (midnights in loc), the days without rows left out. It is the one
// definition of a rollup: the hooks, the check and the rebuild all call it.
func Compute(app core.App, user string, loc *time.Location, from, to time.Time) (map[string]*Day, error) {
	out := map[string]*Day{}
	dayOf := func(d string) *Day {
		if out[d] == nil {
			out[d] = &Day{Totals: map[string]float64{}, Trackers: map[string]Logged{}}
			for _, n := range Summed {
				out[d].Totals[n] = 0
			}
			out[d].Totals[Tokens] = 0
		}
		return out[d]
	}
	window := dbx.Params{"user": user, "start": common.DBTime(from), "end": common.DBTime(to),
		"d0": utcDate(from), "d1": utcDate(to)}

	sums := make([]string, len(Summed))
	for i, n := range Summed {
		sums[i] = "COALESCE(SUM(f.[[" + n + "]] * fl.servings), 0) AS [[" + n + "]]"
	}
	day, dayParams := common.LocalDay("fl.date_time", loc, from, to)
	var food []dbx.NullStringMap
	err := app.DB().NewQuery(`SELECT ` + day + ` AS day, ` + strings.Join(sums, ", ") + `,
		COALESCE(SUM(fl.tokens_used), 0) AS tokens, COUNT(*) AS entries
		FROM {{food_logs}} fl JOIN {{foods}} f ON f.id = fl.food
		WHERE fl.[[user]] = {:user} AND fl.date_time >= {:start} AND fl.date_time < {:end}
		GROUP BY day`).Bind(merge(window, dayParams)).All(&food)
	if err != nil {
		return nil, err
	}
	for _, r := range food {
		d := dayOf(r["day"].String)
		for _, n := range append(slices.Clone(Summed), Tokens) {
			if d.Totals[n], err = strconv.ParseFloat(r[n].String, 64); err != nil {
				return nil, fmt.Errorf("rollup of %s: %w", n, err)
			}
		}
		if d.Entries, err = strconv.Atoi(r["entries"].String); err != nil {
			return nil, err
		}
	}

	params := merge(window)
	parts := make([]string, len(registry.Trackers))
	for i, t := range registry.Trackers {
		expr, cond := "substr([["+t.TimeField+"]], 1, 10)", "[["+t.TimeField+"]] >= {:d0} AND [["+t.TimeField+"]] < {:d1}"
		if !t.DateOnly() {
			var dp dbx.Params
			expr, dp = common.LocalDay(t.TimeField, loc, from, to)
			params = merge(params, dp)
			cond = "[[" + t.TimeField + "]] >= {:start} AND [[" + t.TimeField + "]] < {:end}"
		}
		total := "0"
		if t.Total != "" {
			total = "COALESCE(SUM([[" + t.Total + "]]), 0)"
		}
		key := "tracker" + strconv.Itoa(i)
		params[key] = t.ID
		parts[i] = `SELECT {:` + key + `} AS tracker, ` + expr + ` AS day, COUNT(*) AS n, ` + total + ` AS total
			FROM {{` + t.Collection + `}} WHERE [[user]] = {:user} AND ` + cond + ` GROUP BY day`
	}
	var rows []struct {
		Tracker string  `db:"tracker"`
		Day     string  `db:"day"`
		N       int     `db:"n"`
		Total   float64 `db:"total"`
	}
	if err := app.DB().NewQuery(strings.Join(parts, " UNION ALL ")).Bind(params).All(&rows); err != nil {
		return nil, err
	}
	for _, r := range rows {
		dayOf(r.Day).Trackers[r.Tracker] = Logged{r.N, r.Total}
	}
	return out, nil
}

// Write recomputes the user's rollups of the local days in [from, to) and
// stores them in place of the stored ones.
func Write(app core.App, user string, loc *time.Location, from, to time.Time) error {
	days, err := Compute(app, user, loc, from, to)
	if err != nil {
		return err
	}
	return app.RunInTransaction(func(tx core.App) error {
		if _, err := tx.DB().NewQuery(`DELETE FROM {{` + Collection + `}} WHERE [[user]] = {:user} AND [[day]] >= {:from} AND [[day]] < {:to}`).
			Bind(dbx.Params{"user": user, "from": from.Format(common.DayLayout), "to": to.Format(common.DayLayout)}).Execute(); err != nil {
			return err
		}
		return insert(tx, user, days)
	})
}

// insert stores days as new rows (the caller has deleted the old ones).
func insert(app core.App, user string, days map[string]*Day) error {
	for day, d := range days {
		totals, err := json.Marshal(d.Totals)
		if err != nil {
			return err
		}
		trackers, err := json.Marshal(d.Trackers)
		if err != nil {
			return err
		}
		if _, err := app.DB().Insert(Collection, dbx.Params{
			"id": core.GenerateDefaultRandomId(), "user": user, "day": day, "entries": d.Entries,
			"totals": string(totals), "trackers": string(trackers),
		}).Execute(); err != nil {
			return err
		}
	}
	return nil
}

// History is the range of local days [from, to) holding every row of the
// user, ok false when the user has none.
func History(app core.App, user string, loc *time.Location) (from, to time.Time, ok bool, err error) {
	var parts []string
	for _, t := range registry.Trackers {
		dateOnly := "0"
		if t.DateOnly() {
			dateOnly = "1"
		}
		parts = append(parts, `SELECT MIN([[`+t.TimeField+`]]) AS lo, MAX([[`+t.TimeField+`]]) AS hi, `+dateOnly+` AS date_only
			FROM {{`+t.Collection+`}} WHERE [[user]] = {:user}`)
	}
	var rows []struct {
		Lo       sql.NullString `db:"lo"`
		Hi       sql.NullString `db:"hi"`
		DateOnly bool           `db:"date_only"`
	}
	if err := app.DB().NewQuery(strings.Join(parts, " UNION ALL ")).Bind(dbx.Params{"user": user}).All(&rows); err != nil {
		return from, to, false, err
	}
	for _, r := range rows {
		if !r.Lo.Valid || !r.Hi.Valid {
			continue
		}
		lo, err := localDay(r.Lo.String, r.DateOnly, loc)
		if err != nil {
			return from, to, false, err
		}
		hi, err := localDay(r.Hi.String, r.DateOnly, loc)
		if err != nil {
			return from, to, false, err
		}
		if !ok || lo.Before(from) {
			from = lo
		}
		if hi = common.NextDay(hi); !ok || hi.After(to) {
			to = hi
		}
		ok = true
	}
	return from, to, ok, nil
}

// localDay is the midnight in loc of the local day a stored time falls on
// (of its date for a date-only field).
func localDay(stored string, dateOnly bool, loc *time.Location) (time.Time, error) {
	at, err := types.ParseDateTime(stored)
	if err != nil {
		return time.Time{}, err
	}
	if dateOnly {
		y, m, d := at.Time().UTC().Date()
		return time.Date(y, m, d, 0, 0, 0, 0, loc), nil
	}
	return common.StartOfDay(at.Time(), loc), nil
}

// RecomputeUser rebuilds all of a user's rollups, in the user's current time
// zone. Bulk writers that bypass the record hooks (raw inserts of an import)
// call it once after their rows are in, in the same transaction.
func RecomputeUser(app core.App, user string) error {
	u, err := app.FindRecordById(collections.Users, user)
	if err != nil {
		return err
	}
	loc := common.Location(u)
	return app.RunInTransaction(func(tx core.App) error {
		if _, err := tx.DB().NewQuery(`DELETE FROM {{` + Collection + `}} WHERE [[user]] = {:user}`).
			Bind(dbx.Params{"user": user}).Execute(); err != nil {
			return err
		}
		from, to, ok, err := History(tx, user, loc)
		if err != nil || !ok {
			return err
		}
		days, err := Compute(tx, user, loc, from, to)
		if err != nil {
			return err
		}
		return insert(tx, user, days)
	})
}

// utcDate is a calendar date as `date` fields store it (00:00Z of that date).
func utcDate(day time.Time) string {
	y, m, d := day.Date()
	return common.DBTime(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
}

func merge(a dbx.Params, bs ...dbx.Params) dbx.Params {
	out := dbx.Params{}
	for _, p := range append([]dbx.Params{a}, bs...) {
		for k, v := range p {
			out[k] = v
		}
	}
	return out
}
