package hooks

import (
	"net/http"
	"regexp"
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"trackbase/collections"
)

// ownerFilters is, per collection, the filter that selects the caller's own
// rows; its rule already restricts a non-admin to exactly those rows.
var ownerFilters = map[string]string{
	collections.MealFoods:       "meal.user",
	collections.SplitDays:       "split.user",
	collections.SplitDayTargets: "split_day.split.user",
	collections.APIUsageLogs:    "user",
}

func init() {
	for _, c := range collections.PerUser {
		if c != collections.Workouts { // public workouts are listed too
			ownerFilters[c] = "user"
		}
	}
}

var recordIDPattern = regexp.MustCompile(`^[a-z0-9]+$`)

// bindListHints narrows list requests of plain users and guests to their own
// rows with an explicit filter. The list rules say "own rows, or any row for
// an admin"; SQLite cannot use the (user, date_time) index for that OR and
// scans the whole table. For a caller who is not an admin both say the same,
// so adding `user = "<caller>"` changes no result, only the query plan: a
// scan of every user's rows becomes an index range over the caller's.
func bindListHints(app core.App) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.BindFunc(func(e *core.RequestEvent) error {
			if e.Request.Method != http.MethodGet || e.Auth == nil || e.Auth.Collection().Name != collections.Users ||
				!strings.HasPrefix(e.Request.URL.Path, "/api/collections/") || !strings.HasSuffix(e.Request.URL.Path, "/records") {
				return e.Next()
			}
			if role := collections.Role(e.App, e.Auth); role == collections.RoleAdmin || !recordIDPattern.MatchString(e.Auth.Id) {
				return e.Next()
			}
			collection, err := e.App.FindCachedCollectionByNameOrId(e.Request.PathValue("collection"))
			if err != nil {
				return e.Next()
			}
			owner, ok := ownerFilters[collection.Name]
			if !ok {
				return e.Next()
			}
			query := e.Request.URL.Query()
			hint := owner + ` = "` + e.Auth.Id + `"`
			if f := query.Get("filter"); f != "" {
				hint = "(" + f + ") && " + hint
			}
			query.Set("filter", hint)
			e.Request.URL.RawQuery = query.Encode()
			return e.Next()
		})
		return se.Next()
	})
}
