package health

import (
	"database/sql"
	"errors"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"trackbase/bodymetrics"
	"trackbase/collections"
	"trackbase/routes/common"
	"trackbase/routes/route"
)

// Limits of the food endpoints.
const (
	defaultFoodDays, maxFoodDays = 30, 366
	maxRecentFoods               = 20
)

// foodDays is the window of the food endpoints.
var foodDays = route.Days(defaultFoodDays, 1, maxFoodDays)

type recentFood struct {
	ID           string  `db:"id" json:"id"`
	FoodName     string  `db:"food_name" json:"food_name"`
	Brand        string  `db:"brand" json:"brand"`
	ServingSize  float64 `db:"serving_size" json:"serving_size"`
	Unit         string  `db:"unit" json:"unit"`
	Calories     float64 `db:"calories" json:"calories"`
	TimesLogged  int     `db:"times_logged" json:"times_logged"`
	LastLogged   string  `db:"last_logged" json:"last_logged"`
	LastServings float64 `db:"last_servings" json:"last_servings"`
}

// recentFoods answers GET /api/foods/recent?days=30: the foods the user
// logged in the last `days` days (today included), most recently logged
// first, with how often, at most 20.
func recentFoods(e *core.RequestEvent) error {
	c, err := newCaller(e)
	if err != nil {
		return err
	}
	days, err := foodDays.Int(e)
	if err != nil {
		return err
	}
	from := common.Today(c.loc).AddDate(0, 0, -(days - 1))
	foods := []recentFood{}
	// SQLite takes bare columns (servings) from the row holding the MAX().
	err = c.app.DB().NewQuery(`SELECT f.id, f.food_name, f.brand, f.serving_size, f.unit, f.calories,
			COUNT(*) AS times_logged, MAX(fl.date_time) AS last_logged, fl.servings AS last_servings
		FROM {{food_logs}} fl JOIN {{foods}} f ON f.id = fl.food
		WHERE fl.[[user]] = {:user} AND fl.date_time >= {:start}
		GROUP BY fl.food ORDER BY last_logged DESC LIMIT {:limit}`).
		Bind(dbx.Params{"user": c.id, "start": common.DBTime(from), "limit": maxRecentFoods}).All(&foods)
	if err != nil {
		return err
	}
	return common.OK(e, recentFoodsAnswer{From: from.Format(common.DayLayout), Days: days, Foods: foods})
}

type recentFoodsAnswer struct {
	From  string       `json:"from"`
	Days  int          `json:"days"`
	Foods []recentFood `json:"foods"`
}

type dayCount struct {
	Date     string  `json:"date"`
	Count    int     `json:"count"`
	Servings float64 `json:"servings"`
}

type hourCount struct {
	Hour  int `json:"hour"`
	Count int `json:"count"`
}

// foodStats answers GET /api/foods/{id}/stats?days=30 for a food the user
// can see: how often and when (per local day and local hour) they logged it.
func foodStats(e *core.RequestEvent) error {
	if e.Request.PathValue("view") != "stats" {
		return e.NotFoundError("", nil)
	}
	c, err := newCaller(e)
	if err != nil {
		return err
	}
	food, err := c.app.FindRecordById(collections.Foods, e.Request.PathValue("id"))
	if errors.Is(err, sql.ErrNoRows) {
		return e.NotFoundError("Food not found.", nil)
	}
	if err != nil {
		return err
	}
	info, err := e.RequestInfo()
	if err != nil {
		return err
	}
	if visible, err := collections.CanView(c.app, food, info); err != nil {
		return err
	} else if !visible {
		return e.NotFoundError("Food not found.", nil)
	}
	days, err := foodDays.Int(e)
	if err != nil {
		return err
	}
	to := common.Today(c.loc)
	from := to.AddDate(0, 0, -(days - 1))
	end := common.NextDay(to)

	day, params := common.LocalDay("date_time", c.loc, from, end)
	hour, _ := common.LocalHour("date_time", c.loc, from, end) // same parameters as day
	var rows []struct {
		Day      string  `db:"day"`
		Hour     int     `db:"hour"`
		Count    int     `db:"n"`
		Servings float64 `db:"servings"`
	}
	err = c.app.DB().NewQuery(`SELECT ` + day + ` AS day, ` + hour + ` AS hour,
			COUNT(*) AS n, SUM(servings) AS servings
		FROM {{food_logs}} WHERE [[user]] = {:user} AND food = {:food} AND date_time >= {:start} AND date_time < {:end}
		GROUP BY day, hour`).
		Bind(merge(params, dbx.Params{"user": c.id, "food": food.Id, "start": common.DBTime(from), "end": common.DBTime(end)})).
		All(&rows)
	if err != nil {
		return err
	}
	var last sql.NullString
	if err := c.app.DB().NewQuery(`SELECT MAX(date_time) FROM {{food_logs}} WHERE [[user]] = {:user} AND food = {:food}`).
		Bind(dbx.Params{"user": c.id, "food": food.Id}).Row(&last); err != nil {
		return err
	}

	perDay := make([]dayCount, 0, days)
	index := map[string]int{}
	for d := from; d.Before(end); d = common.NextDay(d) {
		index[d.Format(common.DayLayout)] = len(perDay)
		perDay = append(perDay, dayCount{Date: d.Format(common.DayLayout)})
	}
	perHour := make([]hourCount, 24)
	for h := range perHour {
		perHour[h].Hour = h
	}
	total, servings := 0, 0.0
	for _, r := range rows {
		if i, ok := index[r.Day]; ok {
			perDay[i].Count += r.Count
			perDay[i].Servings += r.Servings
		}
		perHour[r.Hour].Count += r.Count
		total += r.Count
		servings += r.Servings
	}
	for i := range perDay {
		perDay[i].Servings = bodymetrics.Round(perDay[i].Servings, 2)
	}
	var lastLogged any
	if last.Valid {
		lastLogged = last.String
	}
	return common.OK(e, map[string]any{
		"food": map[string]any{"id": food.Id, "food_name": food.GetString("food_name"), "brand": food.GetString("brand"),
			"serving_size": food.GetFloat("serving_size"), "unit": food.GetString("unit"), "calories": food.GetFloat("calories")},
		"from": from.Format(common.DayLayout), "to": to.Format(common.DayLayout), "days": days,
		"times_logged": total, "total_servings": bodymetrics.Round(servings, 2), "last_logged": lastLogged,
		"per_day": perDay, "per_hour": perHour, "timezone": c.loc.String(),
	})
}
