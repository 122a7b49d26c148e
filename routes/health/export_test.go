package health

import (
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// StreakDays exposes the streak cache to the external tests: per tracker,
// the days (in UTC) on which user logged it, up to today.
func StreakDays(app core.App, user *core.Record, today time.Time) (map[string][]time.Time, error) {
	c := &caller{app: app, user: user, id: user.Id, loc: time.UTC}
	return streakCacheOf(app).days(c, today)
}
