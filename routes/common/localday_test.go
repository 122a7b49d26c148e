package common

import (
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/tests"
)

// LocalDay is checked against SQLite itself: each instant's local date as the
// expression computes it must equal Go's, across both DST changes of 2026.
func TestLocalDayMatchesGo(t *testing.T) {
	app, err := tests.NewTestApp(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer app.Cleanup()

	for _, zone := range []string{"UTC", "America/Los_Angeles", "Europe/Berlin", "Pacific/Auckland", "Asia/Kolkata"} {
		loc, _ := time.LoadLocation(zone)
		from := time.Date(2026, 1, 1, 0, 0, 0, 0, loc)
		to := time.Date(2026, 12, 31, 0, 0, 0, 0, loc)
		expr, params := LocalDay("t", loc, from, to)
		hourExpr, _ := LocalHour("t", loc, from, to)
		// instants around DST changes and at late evening, hour by hour over the year
		for at := from.Add(-3 * time.Hour); at.Before(to.Add(27 * time.Hour)); at = at.Add(97 * time.Minute) {
			var got string
			var hour int
			p := dbx.Params{"v": DBTime(at)}
			for k, v := range params {
				p[k] = v
			}
			if err := app.DB().NewQuery("SELECT "+expr+", "+hourExpr+" FROM (SELECT {:v} AS t)").Bind(p).Row(&got, &hour); err != nil {
				t.Fatal(err)
			}
			if want := at.In(loc).Format(DayLayout); got != want {
				t.Fatalf("%s: %s is %s locally, SQL said %s", zone, at.UTC(), want, got)
			}
			if want := at.In(loc).Hour(); hour != want {
				t.Fatalf("%s: %s is %d h locally, SQL said %d", zone, at.UTC(), want, hour)
			}
		}
	}
}

func TestOffsetPeriodsBerlin2026(t *testing.T) {
	loc, _ := time.LoadLocation("Europe/Berlin")
	p := offsetPeriods(loc, time.Date(2026, 1, 1, 0, 0, 0, 0, loc), time.Date(2026, 12, 31, 0, 0, 0, 0, loc))
	// CET +1h until 29 March 01:00 UTC, CEST +2h until 25 October 01:00 UTC
	if len(p) != 3 || p[0].offset != 3600 || p[1].offset != 7200 || p[2].offset != 3600 ||
		!p[1].start.Equal(time.Date(2026, 3, 29, 1, 0, 0, 0, time.UTC)) ||
		!p[2].start.Equal(time.Date(2026, 10, 25, 1, 0, 0, 0, time.UTC)) {
		t.Fatalf("unexpected periods %+v", p)
	}
}

func TestDaysBetweenAcrossDST(t *testing.T) {
	loc, _ := time.LoadLocation("America/Los_Angeles")
	a := time.Date(2026, 3, 7, 0, 0, 0, 0, loc)
	b := time.Date(2026, 3, 10, 0, 0, 0, 0, loc) // 71 hours later
	if d := DaysBetween(a, b); d != 3 {
		t.Fatalf("DaysBetween = %d, want 3", d)
	}
	if n := NextDay(time.Date(2026, 3, 8, 0, 0, 0, 0, loc)); n.Hour() != 0 || n.Day() != 9 {
		t.Fatalf("NextDay = %v", n)
	}
}
