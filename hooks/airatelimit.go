package hooks

import (
	"strings"
	"sync"
	"time"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
)

// AIRateLimitMiddlewareId is the id of the per-user AI limit (aiRateLimit).
const AIRateLimitMiddlewareId = "trackbaseAIRateLimit"

// AIRateLimitLabel is the label of the rate limit rule (Settings → Rate
// limits) applied per signed-in user to /api/ai/ routes. PocketBase's own
// limiter counts per IP and never matches a bare tag like this one for a
// custom route, so the rule is enforced by this package's middleware only.
const AIRateLimitLabel = "ai"

const aiLimiterStoreKey = "trackbaseAIRateLimiter"

// aiRateLimit applies the settings rule labelled AIRateLimitLabel to every
// /api/ai/ request, counted per signed-in user (guests are refused by the
// routes themselves). It follows PocketBase's switches: off when rate limits
// are disabled, never for superusers.
func aiRateLimit() *hook.Handler[*core.RequestEvent] {
	return &hook.Handler[*core.RequestEvent]{
		Id:       AIRateLimitMiddlewareId,
		Priority: apis.DefaultRateLimitMiddlewarePriority + 1,
		Func: func(e *core.RequestEvent) error {
			if e.Auth == nil || e.HasSuperuserAuth() || !strings.HasPrefix(e.Request.URL.Path, "/api/ai/") {
				return e.Next()
			}
			settings := e.App.Settings().RateLimits
			if !settings.Enabled {
				return e.Next()
			}
			rule, ok := settings.FindRateLimitRule([]string{AIRateLimitLabel}, core.RateLimitRuleAudienceAll, core.RateLimitRuleAudienceAuth)
			if !ok {
				return e.Next()
			}
			limiter := e.App.Store().GetOrSet(aiLimiterStoreKey, func() any { return newUserLimiter() }).(*userLimiter)
			if !limiter.allow(e.Auth.Id, rule, time.Now()) {
				return e.TooManyRequestsError("Too many AI requests; try again in a minute.", nil)
			}
			return e.Next()
		},
	}
}

// userLimiter is a fixed-window counter per user, like PocketBase's per-IP one.
type userLimiter struct {
	mu      sync.Mutex
	windows map[string]userWindow
}

type userWindow struct {
	start time.Time
	used  int
}

func newUserLimiter() *userLimiter { return &userLimiter{windows: map[string]userWindow{}} }

func (l *userLimiter) allow(userId string, rule core.RateLimitRule, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()

	w := l.windows[userId]
	if now.Sub(w.start) >= rule.DurationTime() {
		w = userWindow{start: now}
		// forget finished windows now and then so the map stays small
		if len(l.windows) > 10000 {
			for id, other := range l.windows {
				if now.Sub(other.start) >= rule.DurationTime() {
					delete(l.windows, id)
				}
			}
		}
	}
	if w.used >= rule.MaxRequests {
		return false
	}
	w.used++
	l.windows[userId] = w
	return true
}
