package health

import (
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"trackbase/registry"
	"trackbase/rollups"
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
	days, err := streakCacheOf(c.app).days(c, today)
	if err != nil {
		return err
	}
	out := map[string]any{"today": today.Format(common.DayLayout)}
	for _, t := range registry.Trackers {
		out[t.ID] = streaks.Compute(days[t.ID], today)
	}
	return common.OK(e, out)
}

// loggedDays lists, per tracker, the local days with a row, from the
// user's daily rollups.
func (c *caller) loggedDays() (map[string][]time.Time, error) {
	var rows []struct {
		Tracker string `db:"tracker"`
		Day     string `db:"day"`
	}
	err := c.app.DB().NewQuery(`SELECT j.key AS tracker, r.[[day]] AS day FROM {{` + rollups.Collection + `}} r, json_each(r.[[trackers]]) j
		WHERE r.[[user]] = {:user}`).Bind(dbx.Params{"user": c.id}).All(&rows)
	if err != nil {
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

// streakCacheKey holds the app's *streakCache in the app store.
const streakCacheKey = "trackbase.health.streakDays"

// Streak days are cached per user because reading them costs a scan of the
// user's whole history (tens of ms for years of logs), while they change
// only when the user logs. Record hooks keep the cache right: a new log adds
// its day, an edit or delete drops the user's entry. Writes from another
// process (the seed command against a live data dir) bypass the hooks, so
// entries also expire after streakCacheTTL.
const (
	streakCacheTTL   = 10 * time.Minute
	streakCacheUsers = 5000 // beyond this the cache starts over
)

type streakCache struct {
	mu    sync.Mutex
	users map[string]*userDays
}

type userDays struct {
	zone    string // the time zone the days were computed in
	loc     *time.Location
	expires time.Time
	days    map[string][]time.Time // tracker id → sorted distinct local days
}

func streakCacheOf(app core.App) *streakCache {
	return app.Store().GetOrSet(streakCacheKey, func() any {
		return &streakCache{users: map[string]*userDays{}}
	}).(*streakCache)
}

// days returns the caller's logged days per tracker, from the cache when it
// holds them for the caller's current zone.
func (sc *streakCache) days(c *caller, today time.Time) (map[string][]time.Time, error) {
	sc.mu.Lock()
	if u := sc.users[c.id]; u != nil && u.zone == c.loc.String() && time.Now().Before(u.expires) {
		days := maps.Clone(u.days) // added replaces slices, never writes into them
		sc.mu.Unlock()
		return days, nil
	}
	sc.mu.Unlock()

	days, err := c.loggedDays()
	if err != nil {
		return nil, err
	}
	for _, d := range days {
		slices.SortFunc(d, time.Time.Compare)
	}
	sc.mu.Lock()
	if len(sc.users) >= streakCacheUsers {
		sc.users = map[string]*userDays{}
	}
	sc.users[c.id] = &userDays{zone: c.loc.String(), loc: c.loc, expires: time.Now().Add(streakCacheTTL), days: days}
	sc.mu.Unlock()
	return days, nil
}

// added records the day of a new log in its user's cached days.
func (sc *streakCache) added(t registry.Tracker, r *core.Record) {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	u := sc.users[r.GetString("user")]
	if u == nil {
		return
	}
	var day time.Time
	at := r.GetDateTime(t.TimeField).Time().UTC()
	if !t.DateOnly() {
		at = at.In(u.loc)
	}
	y, m, d := at.Date()
	day = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	list := u.days[t.ID]
	if i, found := slices.BinarySearchFunc(list, day, time.Time.Compare); !found {
		u.days[t.ID] = slices.Insert(slices.Clip(list), i, day) // a new array: readers keep the old one
	}
}

// dropped forgets a user's cached days.
func (sc *streakCache) dropped(r *core.Record) {
	sc.mu.Lock()
	delete(sc.users, r.GetString("user"))
	sc.mu.Unlock()
}

// bindStreakCache keeps the cache in step with every tracker's writes.
func bindStreakCache(app core.App) {
	sc := streakCacheOf(app)
	for _, t := range registry.Trackers {
		app.OnRecordAfterCreateSuccess(t.Collection).BindFunc(func(e *core.RecordEvent) error {
			sc.added(t, e.Record)
			return e.Next()
		})
		app.OnRecordAfterUpdateSuccess(t.Collection).BindFunc(func(e *core.RecordEvent) error {
			sc.dropped(e.Record)
			return e.Next()
		})
		app.OnRecordAfterDeleteSuccess(t.Collection).BindFunc(func(e *core.RecordEvent) error {
			sc.dropped(e.Record)
			return e.Next()
		})
	}
}
