package hooks

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ganigeorgiev/fexpr"
	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
	"github.com/pocketbase/pocketbase/tools/router"
	"github.com/pocketbase/pocketbase/tools/search"
	"github.com/pocketbase/pocketbase/tools/subscriptions"
)

// Limits on what one request of a user (anyone but a superuser) may make the
// server do. Each back-relation level of an expand fetches up to 1000 rows
// per parent and a path that returns to a collection it passed multiplies
// the answer at every turn; a filter or sort through a back-relation joins
// every row of the other table to every listed row.
const (
	// MaxBackRelationLevels is the number of `_via_` segments one expand
	// path may hold.
	MaxBackRelationLevels = 1
	// MaxExpandedRecords is the number of related records one answer may
	// fetch for its expands, summed over every path and level.
	MaxExpandedRecords = 2000
	// ListQueryBudget is how long the query of one record list may run
	// (PocketBase allows any query 30 s).
	ListQueryBudget = 3 * time.Second
	// MaxHeavyRequestsPerUser is how many record lists and expanding
	// requests of one user (or one address, for guests) run at once.
	MaxHeavyRequestsPerUser = 4
)

// QueryCostMiddlewareId is the id of the global middleware that applies the
// limits above to /api/collections/ requests.
const QueryCostMiddlewareId = "trackbaseQueryCost"

const (
	heavyLimiterStoreKey = "trackbaseHeavyRequests"
	expandBudgetStoreKey = "trackbaseExpandBudgets"
	listRoutePattern     = "GET /api/collections/{collection}/records"
)

var (
	// a back-relation segment, and its older spelling that expand accepts too
	viaSegment    = regexp.MustCompile(`^(\w+)_via_(\w+)$`)
	oldViaSegment = regexp.MustCompile(`^(\w+)\((\w+)\)$`)
	batchRecords  = regexp.MustCompile(`^/api/collections/([^/?]+)/records`)
)

var errExpandBudget = fmt.Errorf("more than %d expanded records", MaxExpandedRecords)

func bindQueryCost(app core.App) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.Unbind(apis.DefaultLoadAuthTokenMiddlewareId)
		se.Router.Bind(loadAuthToken(), queryCost())
		return se.Next()
	})

	// batch sub-requests do not pass through the router's middlewares
	app.OnBatchRequest().BindFunc(func(e *core.BatchRequestEvent) error {
		if e.HasSuperuserAuth() {
			return e.Next()
		}
		for _, r := range e.Batch {
			u, err := url.Parse(r.URL)
			if err != nil {
				continue // PocketBase refuses it
			}
			if m := batchRecords.FindStringSubmatch(u.Path); m != nil {
				if err := checkExpandOf(e.App, m[1], u.Query().Get("expand")); err != nil {
					return err
				}
			}
		}
		return e.Next()
	})

	// a subscription's options carry an expand applied to every event
	app.OnRealtimeSubscribeRequest().BindFunc(func(e *core.RealtimeSubscribeRequestEvent) error {
		if e.HasSuperuserAuth() {
			return e.Next()
		}
		parsed := subscriptions.NewDefaultClient() // parses the options as the broker will
		parsed.Subscribe(e.Subscriptions...)
		for topic, options := range parsed.Subscriptions() {
			name, _, _ := strings.Cut(strings.SplitN(topic, "?", 2)[0], "/")
			if err := checkExpandOf(e.App, name, options.Query["expand"]); err != nil {
				return err
			}
		}
		return e.Next()
	})

	app.OnRecordEnrich().BindFunc(enrichBudget)
}

// queryCost checks the expand, filter and sort of a /api/collections/
// request before any work, limits how many heavy requests a caller runs at
// once and gives a record list's query ListQueryBudget.
func queryCost() *hook.Handler[*core.RequestEvent] {
	return &hook.Handler[*core.RequestEvent]{
		Id:       QueryCostMiddlewareId,
		Priority: apis.DefaultRateLimitMiddlewarePriority + 2,
		Func: func(e *core.RequestEvent) error {
			name := e.Request.PathValue("collection")
			if name == "" || !strings.HasPrefix(e.Request.URL.Path, "/api/collections/") || e.HasSuperuserAuth() {
				return e.Next()
			}
			query := e.Request.URL.Query()
			expand := query.Get("expand")
			if err := checkExpandOf(e.App, name, expand); err != nil {
				return err
			}
			list := e.Request.Pattern == listRoutePattern
			if list {
				if err := checkFilterSort(query.Get("filter"), query.Get("sort")); err != nil {
					return err
				}
			} else if expand == "" {
				return e.Next()
			}

			caller := "ip:" + e.RealIP()
			if e.Auth != nil {
				caller = e.Auth.Id
			}
			release, ok := heavyRequests(e.App).acquire(caller)
			if !ok {
				return e.TooManyRequestsError(fmt.Sprintf(
					"At most %d record lists or expanding requests of one user run at the same time; wait for one to finish.",
					MaxHeavyRequestsPerUser), nil)
			}
			defer release()
			if !list {
				return e.Next()
			}
			return withListBudget(e)
		},
	}
}

// budgetApp is the app a record list runs with: its record queries carry
// the list's deadline (PocketBase's own list handler builds its query with
// App.RecordQuery and no context of the request).
type budgetApp struct {
	core.App
	ctx context.Context
}

func (a budgetApp) RecordQuery(collectionModelOrIdentifier any) *dbx.SelectQuery {
	return a.App.RecordQuery(collectionModelOrIdentifier).WithContext(a.ctx)
}

func withListBudget(e *core.RequestEvent) error {
	ctx, cancel := context.WithTimeout(e.Request.Context(), ListQueryBudget)
	defer cancel()
	app := e.App
	e.App = budgetApp{App: app, ctx: ctx}
	err := e.Next()
	e.App = app
	if err == nil || !errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return err
	}
	// a slow filter and a busy server look the same from here
	e.Response.Header().Set("Retry-After", "1")
	return e.Error(http.StatusServiceUnavailable, fmt.Sprintf(
		"The list query ran over its %s budget; try again shortly, or narrow the filter or sort.", ListQueryBudget), err)
}

// checkFilterSort refuses the joins a client filter or sort may not make:
// through a back-relation (`x_via_y`) or a whole collection (@collection.x).
func checkFilterSort(filter, sort string) error {
	if filter != "" {
		groups, err := fexpr.Parse(filter)
		if err != nil {
			return nil // PocketBase answers the malformed filter itself
		}
		if bad := joinInGroups(groups); bad != "" {
			return joinError("filter", bad)
		}
	}
	for _, field := range search.ParseSortFromString(sort) {
		if heavyJoin(field.Name) {
			return joinError("sort", field.Name)
		}
	}
	return nil
}

func joinError(param, identifier string) error {
	msg := fmt.Sprintf("%s: %q joins through a back-relation (_via_) or @collection, which is not allowed; "+
		"%s on this collection's own fields and its direct relations (e.g. food.name).", param, identifier, param)
	return router.NewBadRequestError(msg, validation.Errors{param: validation.NewError("validation_heavy_join", msg)})
}

// joinInGroups returns the first identifier of the parsed filter that
// heavyJoin refuses, or "".
func joinInGroups(groups []fexpr.ExprGroup) string {
	for _, g := range groups {
		switch item := g.Item.(type) {
		case fexpr.Expr:
			for _, t := range []fexpr.Token{item.Left, item.Right} {
				if bad := joinInToken(t); bad != "" {
					return bad
				}
			}
		case []fexpr.ExprGroup:
			if bad := joinInGroups(item); bad != "" {
				return bad
			}
		}
	}
	return ""
}

func joinInToken(t fexpr.Token) string {
	switch t.Type {
	case fexpr.TokenIdentifier:
		if heavyJoin(t.Literal) {
			return t.Literal
		}
	case fexpr.TokenFunction:
		args, _ := t.Meta.([]fexpr.Token)
		for _, a := range args {
			if bad := joinInToken(a); bad != "" {
				return bad
			}
		}
	}
	return ""
}

func heavyJoin(identifier string) bool {
	if strings.HasPrefix(identifier, "@collection.") {
		return true
	}
	for _, part := range strings.Split(identifier, ".") {
		if viaSegment.MatchString(part) {
			return true
		}
	}
	return false
}

// checkExpandOf checks a client's expand on records of the named collection
// (an unknown collection is PocketBase's 404 to give).
func checkExpandOf(app core.App, collectionName, expand string) error {
	if expand == "" {
		return nil
	}
	collection, err := app.FindCachedCollectionByNameOrId(collectionName)
	if err != nil {
		return nil
	}
	return checkExpand(app, collection, expand)
}

// checkExpand refuses an expand path with more than MaxBackRelationLevels
// back-relations or one that enters a collection it already passed. A
// segment PocketBase cannot resolve ends the check of its path: PocketBase
// expands nothing past it.
func checkExpand(app core.App, start *core.Collection, expand string) error {
	for _, path := range strings.Split(expand, ",") {
		path = strings.Trim(strings.ReplaceAll(path, " ", ""), ".")
		if path == "" {
			continue
		}
		passed := []string{start.Name}
		current, backs := start, 0
		for _, segment := range strings.Split(path, ".") {
			next, back := expandTarget(app, current, segment)
			if next == nil {
				break
			}
			if back {
				if backs++; backs > MaxBackRelationLevels {
					return expandError(fmt.Sprintf("expand %q: at most %d back-relation (_via_) level per path is allowed.",
						path, MaxBackRelationLevels))
				}
			}
			for _, name := range passed {
				if name == next.Name {
					return expandError(fmt.Sprintf("expand %q: the path returns to %s; "+
						"a path may not pass the same collection twice (no cycles).", path, next.Name))
				}
			}
			passed = append(passed, next.Name)
			current = next
		}
	}
	return nil
}

// expandTarget is the collection one expand segment leads to from current,
// and whether it is a back-relation; nil when PocketBase would not resolve it.
func expandTarget(app core.App, current *core.Collection, segment string) (*core.Collection, bool) {
	m := viaSegment.FindStringSubmatch(segment)
	if m == nil {
		m = oldViaSegment.FindStringSubmatch(segment)
	}
	if m != nil {
		back, err := app.FindCachedCollectionByNameOrId(m[1])
		if err != nil {
			return nil, false
		}
		field, _ := back.Fields.GetByName(m[2]).(*core.RelationField)
		if field == nil || field.CollectionId != current.Id {
			return nil, false
		}
		return back, true
	}
	field, _ := current.Fields.GetByName(segment).(*core.RelationField)
	if field == nil {
		return nil, false
	}
	target, err := app.FindCachedCollectionByNameOrId(field.CollectionId)
	if err != nil {
		return nil, false
	}
	return target, false
}

func expandError(msg string) error {
	msg += fmt.Sprintf(" Allowed: at most %d back-relation level per path, no cycles, at most %d expanded records.",
		MaxBackRelationLevels, MaxExpandedRecords)
	return router.NewBadRequestError(msg, validation.Errors{"expand": validation.NewError("validation_expand_limit", msg)})
}

// enrichBudget counts the records fetched to expand one answer. PocketBase
// enriches every fetched record with the same request info as the answer's
// own records (its query map is shared), so the outermost enrich of an
// answer opens a budget under that map and every expanded record draws on
// it; past MaxExpandedRecords the fetch fails, which stops the expansion,
// and the answer is a 400. It also checks the expand statically for
// answers that did not pass through queryCost (custom routes, realtime).
func enrichBudget(e *core.RecordEnrichEvent) error {
	info := e.RequestInfo
	if info == nil || info.Query == nil || info.HasSuperuserAuth() {
		return e.Next()
	}
	budgets := e.App.Store().GetOrSet(expandBudgetStoreKey, func() any { return &sync.Map{} }).(*sync.Map)
	key := reflect.ValueOf(info.Query).Pointer()
	if info.Context == core.RequestInfoContextExpand {
		if b, ok := budgets.Load(key); ok && b.(*atomic.Int64).Add(-1) < 0 {
			return errExpandBudget
		}
		return e.Next()
	}
	if info.Context == core.RequestInfoContextRealtime {
		// one record per event, and a subscription's options (and map) are
		// shared by concurrent broadcasts: the static check suffices
		if err := checkExpand(e.App, e.Record.Collection(), info.Query["expand"]); err != nil {
			return err
		}
		return e.Next()
	}
	budget := &atomic.Int64{}
	budget.Store(MaxExpandedRecords)
	if _, nested := budgets.LoadOrStore(key, budget); nested {
		return e.Next() // another record of the same answer
	}
	defer budgets.Delete(key)
	if err := checkExpand(e.App, e.Record.Collection(), info.Query["expand"]); err != nil {
		return err
	}
	if err := e.Next(); err != nil {
		return err
	}
	if budget.Load() < 0 {
		return expandError(fmt.Sprintf("expand: the answer would hold more than %d expanded records; "+
			"ask for fewer records (perPage) or fewer relations.", MaxExpandedRecords))
	}
	return nil
}

// heavyLimiter counts the heavy requests each caller is running.
type heavyLimiter struct {
	mu      sync.Mutex
	running map[string]int
}

func heavyRequests(app core.App) *heavyLimiter {
	return app.Store().GetOrSet(heavyLimiterStoreKey, func() any {
		return &heavyLimiter{running: map[string]int{}}
	}).(*heavyLimiter)
}

func (l *heavyLimiter) acquire(caller string) (release func(), ok bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.running[caller] >= MaxHeavyRequestsPerUser {
		return nil, false
	}
	l.running[caller]++
	return func() {
		l.mu.Lock()
		defer l.mu.Unlock()
		if l.running[caller]--; l.running[caller] <= 0 {
			delete(l.running, caller)
		}
	}, true
}
