package account

import (
	"math"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"trackbase/collections"
	"trackbase/hooks"
	"trackbase/routes/common"
)

// usageWindow is the period covered by the analytics: the last `days`
// calendar days of the caller's time zone, today included.
type usageWindow struct {
	loc  *time.Location
	from time.Time // start of the first day
	to   time.Time // now
	days int
}

func readWindow(e *core.RequestEvent) (usageWindow, error) {
	days, err := usageDays.Int(e)
	if err != nil {
		return usageWindow{}, err
	}
	loc := common.Location(e.Auth)
	today := common.Today(loc)
	y, m, d := today.Date()
	return usageWindow{
		loc:  loc,
		from: time.Date(y, m, d-(days-1), 0, 0, 0, 0, loc),
		to:   time.Now(),
		days: days,
	}, nil
}

func (w usageWindow) describe() map[string]any {
	return map[string]any{
		"from":     w.from.Format(common.DayLayout),
		"to":       w.to.In(w.loc).Format(common.DayLayout),
		"days":     w.days,
		"timezone": w.loc.String(),
	}
}

// usageTotals are the AI usage figures of one group of api_usage_logs rows.
type usageTotals struct {
	Calls            int      `db:"calls" json:"calls"`
	Successful       int      `db:"successful" json:"successful"`
	PromptTokens     int      `db:"prompt_tokens" json:"prompt_tokens"`
	CompletionTokens int      `db:"completion_tokens" json:"completion_tokens"`
	Tokens           int      `db:"tokens" json:"tokens"`
	Cost             float64  `db:"cost" json:"cost_usd"`
	SuccessRatePct   *float64 `db:"-" json:"success_rate_pct"`
}

const usageColumns = `COUNT(*) AS calls,
	COALESCE(SUM([[success]]), 0) AS successful,
	COALESCE(SUM([[prompt_tokens]]), 0) AS prompt_tokens,
	COALESCE(SUM([[completion_tokens]]), 0) AS completion_tokens,
	COALESCE(SUM([[tokens_used]]), 0) AS tokens,
	COALESCE(SUM([[cost]]), 0) AS cost`

// finish rounds the cost to a millionth of a dollar and derives the success
// rate in percent (2 decimals; null without calls).
func (t *usageTotals) finish() {
	t.Cost = math.Round(t.Cost*1e6) / 1e6
	if t.Calls > 0 {
		rate := math.Round(float64(t.Successful)/float64(t.Calls)*10000) / 100
		t.SuccessRatePct = &rate
	}
}

type modelUsage struct {
	Model string `db:"model" json:"model"`
	usageTotals
}

type dayUsage struct {
	Date string `db:"day" json:"date"`
	usageTotals
}

type userUsage struct {
	User     string `db:"user" json:"user"`
	Username string `db:"username" json:"username"`
	usageTotals
}

// aiUsage is the usage report shared by both endpoints; userId "" covers
// every user (and the rows written without one).
type aiUsage struct {
	Totals  usageTotals  `json:"totals"`
	ByModel []modelUsage `json:"by_model"`
	ByDay   []dayUsage   `json:"by_day"`
}

func loadAIUsage(app core.App, w usageWindow, userId string) (aiUsage, error) {
	where := dbx.NewExp("[[created]] >= {:from}", dbx.Params{"from": common.DBTime(w.from)})
	if userId != "" {
		where = dbx.And(dbx.HashExp{"user": userId}, where)
	}

	report := aiUsage{ByModel: []modelUsage{}, ByDay: []dayUsage{}}
	err := app.DB().Select("COALESCE(NULLIF([[model_used]], ''), 'unknown') AS model", usageColumns).
		From(collections.APIUsageLogs).Where(where).
		GroupBy("model").OrderBy("calls DESC", "model").
		All(&report.ByModel)
	if err != nil {
		return report, err
	}

	dayExpr, dayParams := common.LocalDay("created", w.loc, w.from, w.to)
	err = app.DB().Select(dayExpr+" AS day", usageColumns).
		From(collections.APIUsageLogs).Where(where).
		GroupBy("day").OrderBy("day").Bind(dayParams).
		All(&report.ByDay)
	if err != nil {
		return report, err
	}

	for i := range report.ByModel {
		m := &report.ByModel[i]
		report.Totals.Calls += m.Calls
		report.Totals.Successful += m.Successful
		report.Totals.PromptTokens += m.PromptTokens
		report.Totals.CompletionTokens += m.CompletionTokens
		report.Totals.Tokens += m.Tokens
		report.Totals.Cost += m.Cost
		m.finish()
	}
	for i := range report.ByDay {
		report.ByDay[i].finish()
	}
	report.Totals.finish()
	return report, nil
}

// ownUsage: GET /api/analytics/usage?days=30, the caller's AI usage.
func ownUsage(e *core.RequestEvent) error {
	w, err := readWindow(e)
	if err != nil {
		return err
	}
	report, err := loadAIUsage(e.App, w, e.Auth.Id)
	if err != nil {
		return e.InternalServerError("", err)
	}
	data := w.describe()
	data["totals"] = report.Totals
	data["by_model"] = report.ByModel
	data["by_day"] = report.ByDay
	return common.OK(e, data)
}

type errorCount struct {
	Type  string `db:"error_type" json:"error_type"`
	Count int    `db:"count" json:"count"`
}

// routeStats are the request figures of one route from PocketBase's request log.
type routeStats struct {
	Method       string   `db:"method" json:"method"`
	Route        string   `db:"route" json:"route"`
	Requests     int      `db:"requests" json:"requests"`
	ClientErrors int      `db:"client_errors" json:"client_errors"`
	ServerErrors int      `db:"server_errors" json:"server_errors"`
	ErrorRatePct float64  `db:"-" json:"error_rate_pct"`
	P50Ms        *float64 `db:"p50_ms" json:"p50_ms"`
	P95Ms        *float64 `db:"p95_ms" json:"p95_ms"`
}

// maxRoutes bounds the route table (busiest first).
const maxRoutes = 200

// routeStatsQuery groups the request log by route (the pattern the error
// tracker stores in meta, else the URL without its query) and takes the
// nearest-rank percentiles of execTime: the value of rank ceil(p·n/100).
// The first created condition lets SQLite use PocketBase's hourly index.
const routeStatsQuery = `
WITH requests AS (
	SELECT
		json_extract([[data]], '$.method') AS method,
		COALESCE(json_extract([[data]], '$.meta.` + hooks.LogMetaRoute + `'),
			CASE WHEN instr(json_extract([[data]], '$.url'), '?') > 0
				THEN substr(json_extract([[data]], '$.url'), 1, instr(json_extract([[data]], '$.url'), '?') - 1)
				ELSE json_extract([[data]], '$.url') END) AS route,
		CAST(json_extract([[data]], '$.status') AS INTEGER) AS status,
		CAST(json_extract([[data]], '$.execTime') AS REAL) AS ms
	FROM {{_logs}}
	WHERE strftime('%Y-%m-%d %H:00:00', [[created]]) >= {:fromHour}
		AND [[created]] >= {:from}
		AND json_extract([[data]], '$.type') = 'request'
), ranked AS (
	SELECT method, route, status, ms,
		ROW_NUMBER() OVER (PARTITION BY method, route ORDER BY ms) AS rn,
		COUNT(*) OVER (PARTITION BY method, route) AS n
	FROM requests
)
SELECT method, route,
	n AS requests,
	SUM(status >= 400 AND status < 500) AS client_errors,
	SUM(status >= 500) AS server_errors,
	MAX(CASE WHEN rn = (n * 50 + 99) / 100 THEN ms END) AS p50_ms,
	MAX(CASE WHEN rn = (n * 95 + 99) / 100 THEN ms END) AS p95_ms
FROM ranked
GROUP BY method, route
ORDER BY requests DESC, route, method
LIMIT {:limit}`

func loadRouteStats(app core.App, w usageWindow) ([]routeStats, error) {
	from := w.from.UTC()
	rows := []routeStats{}
	err := app.AuxDB().NewQuery(routeStatsQuery).Bind(dbx.Params{
		"fromHour": from.Truncate(time.Hour).Format("2006-01-02 15:00:00"),
		"from":     common.DBTime(from),
		"limit":    maxRoutes,
	}).All(&rows)
	for i := range rows {
		rows[i].ErrorRatePct = math.Round(float64(rows[i].ServerErrors)/float64(rows[i].Requests)*10000) / 100
	}
	return rows, err
}

// allUsage: GET /api/analytics/usage/all?days=30, for admins and superusers:
// AI usage overall, per user, by model and by day; error_logs rows by type;
// requests, error rate and latency per route.
func allUsage(e *core.RequestEvent) error {
	switch collections.Role(e.App, e.Auth) {
	case collections.RoleAdmin, collections.RoleSuperuser:
	default:
		return e.ForbiddenError("Only admins can read everyone's usage.", nil)
	}
	w, err := readWindow(e)
	if err != nil {
		return err
	}
	since := dbx.NewExp("[[created]] >= {:from}", dbx.Params{"from": common.DBTime(w.from)})

	report, err := loadAIUsage(e.App, w, "")
	if err != nil {
		return e.InternalServerError("", err)
	}

	byUser := []userUsage{}
	err = e.App.DB().Select("COALESCE(l.user, '') AS user", "COALESCE(u.username, '') AS username", usageColumns).
		From(collections.APIUsageLogs+" l").
		LeftJoin(collections.Users+" u", dbx.NewExp("u.id = l.user")).
		Where(dbx.NewExp("l.created >= {:from}", dbx.Params{"from": common.DBTime(w.from)})).
		GroupBy("l.user").OrderBy("calls DESC", "username").
		All(&byUser)
	if err != nil {
		return e.InternalServerError("", err)
	}
	for i := range byUser {
		byUser[i].finish()
	}

	errorsByType := []errorCount{}
	err = e.App.DB().Select("error_type", "COUNT(*) AS count").
		From(collections.ErrorLogs).Where(since).
		GroupBy("error_type").OrderBy("count DESC", "error_type").
		All(&errorsByType)
	if err != nil {
		return e.InternalServerError("", err)
	}

	routes, err := loadRouteStats(e.App, w)
	if err != nil {
		return e.InternalServerError("", err)
	}

	data := w.describe()
	data["totals"] = report.Totals
	data["by_model"] = report.ByModel
	data["by_day"] = report.ByDay
	data["by_user"] = byUser
	data["errors_by_type"] = errorsByType
	data["routes"] = routes
	return common.OK(e, data)
}
