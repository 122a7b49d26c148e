package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// endpoint is one measured request. path may hold placeholders filled from the measured user's
// data at setup: {user} {workout} {meal} {food} {split} {today} {from} {to} (a 30-day range).
type endpoint struct {
	name   string
	groups []string
	method string
	path   string
	body   func(s *session, i int) any
	// anonymous requests go without a token (login); they are not per-user requests.
	anonymous bool
	// superuser requests go with the superuser's token (admin analytics).
	superuser bool
	// baselinePath, when set, is the same request against the hook-free copy of the collection.
	baselinePath string
}

const (
	baselineCollection = "bench_weight_logs"
	listWeightLogs     = "/api/collections/%s/records?page=1&perPage=30&sort=-date_time"
)

func newWeightLog(s *session, i int) any {
	return map[string]any{
		"user":        s.userID,
		"weight":      70 + float64(i%200)/10,
		"weight_unit": "kg",
		"date_time":   time.Now().UTC().Format("2006-01-02 15:04:05.000Z"),
	}
}

// endpoints lists every request the bench knows. Group "default" is the suite
// the targets in report.go apply to.
var endpoints = []endpoint{
	{name: "list weight_logs (30/page sort -date_time)", groups: []string{"default", "crud"}, method: "GET",
		path: fmt.Sprintf(listWeightLogs, "weight_logs"), baselinePath: fmt.Sprintf(listWeightLogs, baselineCollection)},
	{name: "create weight_log", groups: []string{"default", "crud"}, method: "POST",
		path: "/api/collections/weight_logs/records", baselinePath: "/api/collections/" + baselineCollection + "/records",
		body: newWeightLog},
	{name: "GET /api/dashboard", groups: []string{"default", "health"}, method: "GET", path: "/api/dashboard?date={today}"},
	{name: "GET /api/metrics/body", groups: []string{"default", "health"}, method: "GET", path: "/api/metrics/body"},
	{name: "GET /api/streaks", groups: []string{"default", "health"}, method: "GET", path: "/api/streaks"},
	{name: "GET /api/workouts/progression", groups: []string{"default", "workouts"}, method: "GET",
		path: "/api/workouts/progression?workout={workout}&from={from}&to={to}"},
	{name: "login (auth-with-password)", groups: []string{"default", "crud"}, method: "POST", anonymous: true,
		path: "/api/collections/users/auth-with-password",
		body: func(s *session, _ int) any { return map[string]any{"identity": s.username, "password": s.password} }},

	{name: "POST /api/metrics/macros", groups: []string{"health"}, method: "POST", path: "/api/metrics/macros",
		body: func(*session, int) any {
			return map[string]any{"weight_goal": 75, "weight_goal_unit": "kg", "timeframe_weeks": 12}
		}},
	{name: "GET /api/metrics/adaptive-tdee", groups: []string{"health"}, method: "GET", path: "/api/metrics/adaptive-tdee?days=28"},
	{name: "GET /api/nutrition/daily (30 d)", groups: []string{"health"}, method: "GET", path: "/api/nutrition/daily?from={from}&to={to}"},
	{name: "GET /api/nutrition/daily (366 d)", groups: []string{"health"}, method: "GET", path: "/api/nutrition/daily?from={yearAgo}&to={today}"},
	{name: "GET /api/foods/recent", groups: []string{"health"}, method: "GET", path: "/api/foods/recent?days=30"},
	{name: "GET /api/foods/{id}/stats", groups: []string{"health"}, method: "GET", path: "/api/foods/{food}/stats?days=30"},
	{name: "POST /api/meals/{id}/log", groups: []string{"health"}, method: "POST", path: "/api/meals/{meal}/log",
		body: func(*session, int) any { return map[string]any{} }},
	{name: "GET /api/analytics/weight (366 d)", groups: []string{"health"}, method: "GET", path: "/api/analytics/weight?from={yearAgo}&to={today}"},

	{name: "GET /api/workouts/current-day", groups: []string{"workouts"}, method: "GET", path: "/api/workouts/current-day?date={today}"},
	{name: "GET /api/splits/{id}/analysis", groups: []string{"workouts"}, method: "GET", path: "/api/splits/{split}/analysis"},
	{name: "GET /api/workouts/stats (30 d)", groups: []string{"workouts"}, method: "GET", path: "/api/workouts/stats?from={from}&to={to}"},
	{name: "GET /api/workouts/progression (366 d)", groups: []string{"workouts"}, method: "GET",
		path: "/api/workouts/progression?workout={workout}&from={yearAgo}&to={today}"},
	{name: "GET /api/workouts/recent", groups: []string{"workouts"}, method: "GET", path: "/api/workouts/recent"},
	{name: "GET /api/analytics/activation (30 d)", groups: []string{"workouts"}, method: "GET", path: "/api/analytics/activation?from={from}&to={to}"},

	{name: "GET /api/analytics/usage", groups: []string{"account"}, method: "GET", path: "/api/analytics/usage?days=30"},
	{name: "GET /api/analytics/usage/all", groups: []string{"account"}, method: "GET", path: "/api/analytics/usage/all?days=30", superuser: true},
	{name: "POST /api/ai/parse-meal (offline)", groups: []string{"ai"}, method: "POST", path: "/api/ai/parse-meal",
		body: func(*session, int) any { return map[string]any{"text": "2 eggs, a banana and 200 g chicken breast"} }},
}

// selectEndpoints resolves -endpoints: names or groups, comma-separated; "all" is everything.
func selectEndpoints(spec string) ([]endpoint, error) {
	var out []endpoint
	seen := map[string]bool{}
	for _, want := range strings.Split(spec, ",") {
		want = strings.TrimSpace(want)
		found := false
		for _, ep := range endpoints {
			match := want == "all" || ep.name == want
			for _, g := range ep.groups {
				match = match || g == want
			}
			if match {
				found = true
				if !seen[ep.name] {
					seen[ep.name] = true
					out = append(out, ep)
				}
			}
		}
		if !found {
			return nil, fmt.Errorf("unknown endpoint or group %q (see -list)", want)
		}
	}
	return out, nil
}

// request builds the i-th request of ep for the measured user.
func (s *session) request(ep endpoint, path string, i int) request {
	r := request{method: ep.method, url: s.baseURL + s.expand(path)}
	switch {
	case ep.superuser:
		r.token = s.superuserToken
	case !ep.anonymous:
		r.token = s.token
	}
	if ep.body != nil {
		r.body, _ = json.Marshal(ep.body(s, i))
	}
	return r
}
