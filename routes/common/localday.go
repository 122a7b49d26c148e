package common

import (
	"fmt"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
)

// LocalDay returns an SQL expression that gives the calendar date
// ('YYYY-MM-DD') in loc of a UTC datetime column, for GROUP BY and WHERE.
// SQLite knows no time zones, so the expression shifts each value by the
// offset in force at that instant: one CASE branch per DST period that
// overlaps [from, to]. column must be a trusted column name, never user input.
func LocalDay(column string, loc *time.Location, from, to time.Time) (string, dbx.Params) {
	return localExpr("date(", ")", column, loc, from, to)
}

// LocalHour is LocalDay's counterpart for the local hour of day (0–23, an integer).
func LocalHour(column string, loc *time.Location, from, to time.Time) (string, dbx.Params) {
	return localExpr("CAST(strftime('%H', ", ") AS INTEGER)", column, loc, from, to)
}

// localExpr wraps open…close around the column shifted to local time.
func localExpr(open, close, column string, loc *time.Location, from, to time.Time) (string, dbx.Params) {
	prefix := "ld_" + strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			return r
		}
		return '_'
	}, column) + "_"
	periods := offsetPeriods(loc, from.Add(-48*time.Hour), to.Add(48*time.Hour))
	params := dbx.Params{}
	col := "[[" + strings.ReplaceAll(column, ".", "]].[[") + "]]"
	if len(periods) == 1 {
		params[prefix+"o0"] = modifier(periods[0].offset)
		return fmt.Sprintf("%s%s, {:%so0}%s", open, col, prefix, close), params
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s%s, CASE", open, col)
	for i, p := range periods {
		params[fmt.Sprintf("%so%d", prefix, i)] = modifier(p.offset)
		if i == len(periods)-1 {
			fmt.Fprintf(&b, " ELSE {:%so%d} END%s", prefix, i, close)
			break
		}
		params[fmt.Sprintf("%st%d", prefix, i)] = DBTime(periods[i+1].start)
		fmt.Fprintf(&b, " WHEN %s < {:%st%d} THEN {:%so%d}", col, prefix, i, prefix, i)
	}
	return b.String(), params
}

type offsetPeriod struct {
	start  time.Time // first instant with this offset (zero for the first period)
	offset int       // seconds east of UTC
}

func modifier(offsetSeconds int) string { return fmt.Sprintf("%+d seconds", offsetSeconds) }

// offsetPeriods lists the UTC offsets of loc between from and to, with the
// instants they start. It steps a day at a time and bisects each change to
// the second, so a year costs a few hundred zone look-ups.
func offsetPeriods(loc *time.Location, from, to time.Time) []offsetPeriod {
	offsetAt := func(t time.Time) int { _, o := t.In(loc).Zone(); return o }
	periods := []offsetPeriod{{offset: offsetAt(from)}}
	prev := from
	for t := from.Add(24 * time.Hour); ; t = t.Add(24 * time.Hour) {
		if t.After(to) {
			t = to
		}
		if o := offsetAt(t); o != periods[len(periods)-1].offset {
			lo, hi := prev, t // offset changes in (lo, hi]
			for hi.Sub(lo) > time.Second {
				mid := lo.Add(hi.Sub(lo) / 2)
				if offsetAt(mid) == periods[len(periods)-1].offset {
					lo = mid
				} else {
					hi = mid
				}
			}
			periods = append(periods, offsetPeriod{start: hi.Truncate(time.Second), offset: o})
		}
		if !t.Before(to) {
			return periods
		}
		prev = t
	}
}
