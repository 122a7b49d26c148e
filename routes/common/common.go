// Package common holds what every custom route needs: the {"data": …}
// envelope, the caller's time zone, and the parsing of query parameters into
// 400 errors that name the parameter.
package common

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
	"github.com/pocketbase/pocketbase/tools/types"

	"trackbase/collections"
)

// DayLayout is the layout of date query parameters and of per-day keys.
const DayLayout = time.DateOnly

// OK answers 200 with the envelope every custom endpoint uses: {"data": data}.
func OK(e *core.RequestEvent, data any) error {
	return e.JSON(http.StatusOK, map[string]any{"data": data})
}

// ReadJSON decodes the request body into dst; malformed JSON is a 400.
func ReadJSON(e *core.RequestEvent, dst any) error {
	if err := e.BindBody(dst); err != nil {
		return e.BadRequestError("The request body is not valid JSON for this endpoint.", err)
	}
	return nil
}

// FieldError is a 400 whose data names the offending field or parameter.
func FieldError(e *core.RequestEvent, field, message string) error {
	return e.BadRequestError(message, validation.Errors{
		field: validation.NewError("validation_invalid_"+field, message),
	})
}

// Location is the user's time zone (`timezone`), UTC when unset or unknown.
func Location(user *core.Record) *time.Location {
	if user == nil {
		return time.UTC
	}
	if loc, err := time.LoadLocation(user.GetString("timezone")); err == nil && user.GetString("timezone") != "" {
		return loc
	}
	return time.UTC
}

// StartOfDay is midnight of t's calendar day in loc.
func StartOfDay(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}

// Today is the start of the current day in loc.
func Today(loc *time.Location) time.Time { return StartOfDay(time.Now(), loc) }

// NextDay is the start of the day after day (23 or 25 hours later across DST).
func NextDay(day time.Time) time.Time {
	y, m, d := day.Date()
	return time.Date(y, m, d+1, 0, 0, 0, 0, day.Location())
}

// DayParam reads a YYYY-MM-DD query parameter as the start of that day in loc;
// a missing parameter means today.
func DayParam(e *core.RequestEvent, name string, loc *time.Location) (time.Time, error) {
	raw := e.Request.URL.Query().Get(name)
	if raw == "" {
		return Today(loc), nil
	}
	day, err := time.ParseInLocation(DayLayout, raw, loc)
	if err != nil {
		return time.Time{}, FieldError(e, name, fmt.Sprintf("%s must be a date as YYYY-MM-DD.", name))
	}
	return day, nil
}

// RangeParams reads `from` and `to` (YYYY-MM-DD, both included) as the starts
// of those days in loc. Without `to` the range ends today; without `from` it
// covers defaultDays days up to `to`. A range longer than maxDays, or one that
// ends before it starts, is a 400.
func RangeParams(e *core.RequestEvent, loc *time.Location, defaultDays, maxDays int) (from, to time.Time, err error) {
	to, err = DayParam(e, "to", loc)
	if err != nil {
		return
	}
	if e.Request.URL.Query().Get("from") == "" {
		y, m, d := to.Date()
		from = time.Date(y, m, d-(defaultDays-1), 0, 0, 0, 0, loc)
	} else if from, err = DayParam(e, "from", loc); err != nil {
		return
	}
	if from.After(to) {
		err = FieldError(e, "from", "from must not be after to.")
		return
	}
	if days := DaysBetween(from, to) + 1; maxDays > 0 && days > maxDays {
		err = FieldError(e, "from", fmt.Sprintf("The range covers %d days; at most %d are allowed.", days, maxDays))
	}
	return
}

// DaysBetween counts calendar days from a to b (both starts of days in the same zone).
func DaysBetween(a, b time.Time) int {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return int(time.Date(by, bm, bd, 0, 0, 0, 0, time.UTC).Sub(time.Date(ay, am, ad, 0, 0, 0, 0, time.UTC)).Hours() / 24)
}

// IntParam reads an integer query parameter within [min, max].
func IntParam(e *core.RequestEvent, name string, def, min, max int) (int, error) {
	raw := e.Request.URL.Query().Get(name)
	if raw == "" {
		return def, nil
	}
	v, err := strconv.Atoi(raw)
	if err != nil || v < min || v > max {
		return 0, FieldError(e, name, fmt.Sprintf("%s must be a whole number from %d to %d.", name, min, max))
	}
	return v, nil
}

// DBTime formats t as PocketBase stores datetimes (UTC), for comparisons in SQL.
func DBTime(t time.Time) string { return t.UTC().Format(types.DefaultDateLayout) }

// RequireWriter refuses guests (403); it runs after apis.RequireAuth.
func RequireWriter() *hook.Handler[*core.RequestEvent] {
	return &hook.Handler[*core.RequestEvent]{
		Id: "trackbaseRequireWriter",
		Func: func(e *core.RequestEvent) error {
			switch collections.Role(e.App, e.Auth) {
			case collections.RoleUser, collections.RoleAdmin, collections.RoleSuperuser:
				return e.Next()
			}
			return e.ForbiddenError("Guests have read-only access.", nil)
		},
	}
}

// RequireUser refuses callers that are not app users (e.g. superusers calling
// a per-user endpoint without a user of their own).
func RequireUser() *hook.Handler[*core.RequestEvent] {
	return &hook.Handler[*core.RequestEvent]{
		Id: "trackbaseRequireUser",
		Func: func(e *core.RequestEvent) error {
			if e.Auth == nil || e.Auth.Collection().Name != collections.Users {
				return e.ForbiddenError("This endpoint is for app users; sign in as a user.", nil)
			}
			return e.Next()
		},
	}
}
