package health_test

import (
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/tests"
)

// weighIns: alice (UTC) 80 kg on 03-01, 82 kg on 03-02, 78 kg and 80 kg
// logged as 176.3698 lb on 03-04; bob 100 kg on 03-05 06:00Z (03-04 22:00 in
// Los Angeles).
func weighIns(f fixture) {
	f.weight("alice", 80, "kg", utc("2026-03-01 07:00"))
	f.weight("alice", 82, "kg", utc("2026-03-02 07:00"))
	f.weight("alice", 78, "kg", utc("2026-03-04 07:00"))
	f.weight("alice", 80*lbPerKg, "lb", utc("2026-03-04 20:00"))
	f.weight("bob", 100, "kg", utc("2026-03-05 06:00"))
}

func TestWeightAnalytics(t *testing.T) {
	url := "/api/analytics/weight?from=2026-03-01&to=2026-03-07"
	scenarios := []tests.ApiScenario{
		{
			Name: "no token", Method: http.MethodGet, URL: url,
			ExpectedStatus: 401, ExpectedContent: []string{`"data":{}`}, TestAppFactory: app(weighIns),
		},
		{
			// Trend: 80; 80 + 0.1·(82 − 80) = 80.2; after a 2-day gap
			// 80.2 + 0.19·(79 − 80.2) = 79.972. Slope through (0, 80), (1, 82),
			// (3, 79): Sxy = −21/9, Sxx = 42/9 → −0.5 kg/day = −3.5 kg/week.
			Name: "series, trend and rate", Method: http.MethodGet, URL: url, Headers: withAuth("alice"),
			ExpectedStatus: 200,
			ExpectedContent: []string{
				`{"date":"2026-03-01","weight_kg":80,"weight":80,"trend_kg":80,"trend":80}`,
				`{"date":"2026-03-02","weight_kg":82,"weight":82,"trend_kg":80.2,"trend":80.2}`,
				`{"date":"2026-03-04","weight_kg":79,"weight":79,"trend_kg":79.97,"trend":79.97}`,
				`"weekly_rate_kg":-3.5`, `"weekly_rate":{"value":-3.5,"unit":"kg"}`, `"unit":"kg"`,
			},
			NotExpectedContent: []string{`"weight_kg":100`, `"2026-03-03"`}, // bob's weigh-in; no point without one
			TestAppFactory:     app(weighIns),
		},
		{
			// 80 kg = 176.37 lb; 80.2 kg = 176.81 lb; −3.5 kg = −7.72 lb.
			Name: "imperial user", Method: http.MethodGet, URL: url, Headers: withAuth("alice"),
			ExpectedStatus: 200,
			ExpectedContent: []string{`{"date":"2026-03-02","weight_kg":82,"weight":180.78,"trend_kg":80.2,"trend":176.81}`,
				`"weekly_rate":{"value":-7.72,"unit":"lb"}`, `"unit":"lb"`},
			TestAppFactory: app(weighIns, func(f fixture) { f.profile("alice", map[string]any{"unit_preference": "imperial"}) }),
		},
		{
			// A 70 kg weigh-in 9 days before `from` warms the trend up:
			// 70 + (1 − 0.9⁹)·(80 − 70) = 76.13 on 03-01.
			Name: "trend warmed up before from", Method: http.MethodGet, URL: url, Headers: withAuth("alice"),
			ExpectedStatus:     200,
			ExpectedContent:    []string{`{"date":"2026-03-01","weight_kg":80,"weight":80,"trend_kg":76.13,"trend":76.13}`},
			NotExpectedContent: []string{`"2026-02-20"`},
			TestAppFactory:     app(weighIns, func(f fixture) { f.weight("alice", 70, "kg", utc("2026-02-20 07:00")) }),
		},
		{
			Name: "late evening west of UTC, one point: no rate", Method: http.MethodGet, URL: url, Headers: withAuth("bob"),
			ExpectedStatus:  200,
			ExpectedContent: []string{`"points":[{"date":"2026-03-04","weight_kg":100`, `"weekly_rate_kg":null`},
			TestAppFactory:  app(weighIns),
		},
		{
			Name: "to before from", Method: http.MethodGet, URL: "/api/analytics/weight?from=2026-03-07&to=2026-03-01", Headers: withAuth("alice"),
			ExpectedStatus: 400, ExpectedContent: []string{`"from":{`}, TestAppFactory: app(weighIns),
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}
