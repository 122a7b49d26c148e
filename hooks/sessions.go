package hooks

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
	"github.com/pocketbase/pocketbase/tools/types"

	"trackbase/authtoken"
	"trackbase/collections"
)

// RevokedTokens is the hidden (superuser-only) collection of logged-out
// tokens. It stores a SHA-256 digest of each token, never the token itself.
const RevokedTokens = "revoked_tokens"

// Ids of the global middlewares bound by RegisterSecurity, exported so a
// benchmark (or an operator's fork) can unbind one of them.
const (
	RevocationMiddlewareId    = "trackbaseRevokedTokens"
	NoStoreMiddlewareId       = "trackbaseNoStore"
	JSONBodyLimitMiddlewareId = "trackbaseJSONBodyLimit"
	AIRateLimitMiddlewareId   = "trackbaseAIRateLimit"
)

// MaxJSONBody is the largest non-multipart request body accepted (413 above).
// The biggest legitimate JSON body (a batch of 50 records) stays far below it;
// multipart uploads keep PocketBase's own per-collection limits.
const MaxJSONBody int64 = 1 << 20

// AIRateLimitLabel is the label of the rate limit rule (Settings → Rate
// limits) applied per signed-in user to /api/ai/ routes. PocketBase's own
// limiter counts per IP and never matches a bare tag like this one for a
// custom route, so the rule is enforced by this package's middleware only.
const AIRateLimitLabel = "ai"

const (
	revocationsStoreKey   = "trackbaseRevocations"
	aiLimiterStoreKey     = "trackbaseAIRateLimiter"
	realtimeTokenKey      = "trackbaseTokenDigest"
	purgeRevocationsJobId = "trackbasePurgeRevokedTokens"
)

// RegisterSecurity binds every session and hardening hook of this package:
// token revocation (checked on every request, CRUD and realtime included),
// distinct tokens per sign-in, the hourly purge of expired revocations,
// Cache-Control on authenticated answers, the JSON body limit, the per-user
// AI rate limit and the error tracker (errortracking.go).
func RegisterSecurity(app core.App) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		if err := revocations(se.App).load(se.App); err != nil {
			return fmt.Errorf("loading revoked tokens: %w", err)
		}

		se.Router.Bind(revocationCheck(), noStore(), jsonBodyLimit(), aiRateLimit(), errorTracker())

		return se.Next()
	})

	app.OnRecordAuthRequest().BindFunc(addTokenId)

	app.OnRealtimeSubscribeRequest().BindFunc(func(e *core.RealtimeSubscribeRequestEvent) error {
		if err := e.Next(); err != nil {
			return err
		}
		// remembered so that logging this token out also drops the
		// connection's auth, not only the token's future requests
		if token := RequestToken(e.RequestEvent); e.Auth != nil && token != "" {
			e.Client.Set(realtimeTokenKey, authtoken.Digest(token))
		}
		return nil
	})

	// the in-memory list mirrors the collection, whoever writes to it
	app.OnRecordAfterCreateSuccess(RevokedTokens).BindFunc(func(e *core.RecordEvent) error {
		if digest, ok := parseDigest(e.Record.GetString("token_hash")); ok {
			revocations(e.App).add(digest, e.Record.GetDateTime("expires").Time())
			dropRealtimeAuth(e.App, digest)
		}
		return e.Next()
	})
	app.OnRecordAfterDeleteSuccess(RevokedTokens).BindFunc(func(e *core.RecordEvent) error {
		if digest, ok := parseDigest(e.Record.GetString("token_hash")); ok {
			revocations(e.App).remove(digest)
		}
		return e.Next()
	})

	app.Cron().MustAdd(purgeRevocationsJobId, "17 * * * *", func() {
		if err := PurgeExpiredRevocations(app); err != nil {
			app.Logger().Error("purging expired revoked tokens", "error", err)
		}
	})
}

// RevokeToken refuses token (issued to auth) from now until expires.
// Revoking an already revoked token is not an error.
func RevokeToken(app core.App, auth *core.Record, token string, expires time.Time) error {
	digest := authtoken.Digest(token)
	if revocations(app).contains(digest, time.Now()) {
		return nil
	}

	collection, err := app.FindCachedCollectionByNameOrId(RevokedTokens)
	if err != nil {
		return err
	}

	record := core.NewRecord(collection)
	record.Set("token_hash", hex.EncodeToString(digest[:]))
	record.Set("auth_collection", auth.Collection().Name)
	record.Set("auth_id", auth.Id)
	record.Set("expires", expires.UTC())

	if err := app.Save(record); err != nil {
		// a concurrent logout of the same token won the unique index
		if revocations(app).contains(digest, time.Now()) {
			return nil
		}
		return err
	}
	return nil
}

// RevokeAllSessions ends every session of auth at once by rotating its
// tokenKey (the per-record part of every token's signing key), which is what
// PocketBase itself does on a password or email change. PocketBase then also
// drops the auth of the record's realtime connections.
func RevokeAllSessions(app core.App, auth *core.Record) error {
	record, err := app.FindRecordById(auth.Collection(), auth.Id)
	if err != nil {
		return err
	}
	record.RefreshTokenKey()

	// only the key changes: a profile that an older rule would now reject
	// must not keep its sessions alive
	return app.SaveNoValidate(record)
}

// PurgeExpiredRevocations deletes the revocations of tokens that have expired
// anyway (PocketBase refuses them on its own).
func PurgeExpiredRevocations(app core.App) error {
	now := time.Now()
	_, err := app.DB().Delete(RevokedTokens, dbx.NewExp("[[expires]] < {:now}", dbx.Params{
		"now": types.NowDateTime().String(),
	})).Execute()
	if err != nil {
		return err
	}
	revocations(app).prune(now)
	return nil
}

// IsRevoked reports whether token has been logged out.
func IsRevoked(app core.App, token string) bool {
	return revocations(app).contains(authtoken.Digest(token), time.Now())
}

// RequestToken is the auth token of the request, read the way PocketBase's
// loadAuthToken reads it (an optional "Bearer " prefix).
func RequestToken(e *core.RequestEvent) string {
	token := e.Request.Header.Get("Authorization")
	if len(token) > 7 && strings.EqualFold(token[:7], "Bearer ") {
		return token[7:]
	}
	return token
}

// addTokenId gives every token issued by a sign-in or refresh its own id
// (authtoken.WithId), so that logging one device out leaves the others.
func addTokenId(e *core.RecordAuthRequestEvent) error {
	if e.Token != "" {
		token, err := authtoken.WithId(e.Record, e.Token)
		if err != nil {
			return e.InternalServerError("", err)
		}
		e.Token = token
	}
	return e.Next()
}

// revocationCheck answers 401 to a request carrying a token that is revoked,
// that is not spelled canonically (authtoken.IsCanonical), or that PocketBase did
// not accept (expired, or signed with a tokenKey that
// "log out everywhere" or a password change has since rotated). PocketBase
// alone would serve such a request as a guest's, so a CRUD list would answer
// 200 with no items. It runs right after PocketBase loads the token, before
// any route: CRUD, realtime, files and custom routes are all covered.
func revocationCheck() *hook.Handler[*core.RequestEvent] {
	return &hook.Handler[*core.RequestEvent]{
		Id:       RevocationMiddlewareId,
		Priority: apis.DefaultLoadAuthTokenMiddlewarePriority + 1,
		Func: func(e *core.RequestEvent) error {
			token := RequestToken(e)
			if token == "" || (e.Auth != nil && authtoken.IsCanonical(token) && !revocations(e.App).revokedToken(token)) {
				return e.Next()
			}
			e.Auth = nil
			if isGuestRoute(e) {
				return e.Next()
			}
			return e.UnauthorizedError("The token is invalid, expired or revoked; sign in again.", nil)
		},
	}
}

// guestRoutes work without a session. The JS SDK sends whatever token its
// authStore holds, so a stale one is ignored there rather than refused: a
// logged-out device can still sign in, sign up or reset its password.
var guestRoutes = map[string]bool{
	"GET /api/health":                                           true,
	"GET /api/oauth2-redirect":                                  true,
	"POST /api/oauth2-redirect":                                 true,
	"GET /api/collections/{collection}/auth-methods":            true,
	"POST /api/collections/{collection}/auth-with-password":     true,
	"POST /api/collections/{collection}/auth-with-oauth2":       true,
	"POST /api/collections/{collection}/request-otp":            true,
	"POST /api/collections/{collection}/auth-with-otp":          true,
	"POST /api/collections/{collection}/request-password-reset": true,
	"POST /api/collections/{collection}/confirm-password-reset": true,
	"POST /api/collections/{collection}/request-verification":   true,
	"POST /api/collections/{collection}/confirm-verification":   true,
	"POST /api/collections/{collection}/confirm-email-change":   true,
}

func isGuestRoute(e *core.RequestEvent) bool {
	if guestRoutes[e.Request.Pattern] {
		return true
	}
	// sign-up
	return e.Request.Pattern == "POST /api/collections/{collection}/records" &&
		e.Request.PathValue("collection") == collections.Users
}

// noStore keeps answers to authenticated requests (health data, tokens) out
// of browser and proxy caches.
func noStore() *hook.Handler[*core.RequestEvent] {
	return &hook.Handler[*core.RequestEvent]{
		Id:       NoStoreMiddlewareId,
		Priority: apis.DefaultLoadAuthTokenMiddlewarePriority + 2,
		Func: func(e *core.RequestEvent) error {
			if e.Auth != nil {
				e.Response.Header().Set("Cache-Control", "no-store")
			}
			return e.Next()
		},
	}
}

// jsonBodyLimit answers 413 to a non-multipart body over MaxJSONBody.
// Superusers are exempt (collection imports can be large).
func jsonBodyLimit() *hook.Handler[*core.RequestEvent] {
	limit := apis.BodyLimit(MaxJSONBody)
	return &hook.Handler[*core.RequestEvent]{
		Id:       JSONBodyLimitMiddlewareId,
		Priority: apis.DefaultLoadAuthTokenMiddlewarePriority + 3,
		Func: func(e *core.RequestEvent) error {
			contentType := strings.ToLower(e.Request.Header.Get("Content-Type"))
			if strings.HasPrefix(contentType, "multipart/") || e.HasSuperuserAuth() {
				return e.Next()
			}
			err := limit.Func(e)
			// a body without Content-Length is cut while being read, and the
			// handler reports that as a malformed body (400)
			if err != nil && errors.Is(err, apis.ErrRequestEntityTooLarge) {
				return apis.ErrRequestEntityTooLarge
			}
			return err
		},
	}
}

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

// revocationList is the in-memory mirror of RevokedTokens: token digest →
// token expiry. Checking it costs a hash and a map lookup, no query.
type revocationList struct {
	mu      sync.RWMutex
	expires map[[sha256.Size]byte]time.Time
}

func revocations(app core.App) *revocationList {
	return app.Store().GetOrSet(revocationsStoreKey, func() any {
		return &revocationList{expires: map[[sha256.Size]byte]time.Time{}}
	}).(*revocationList)
}

func (l *revocationList) load(app core.App) error {
	rows := []struct {
		TokenHash string         `db:"token_hash"`
		Expires   types.DateTime `db:"expires"`
	}{}
	err := app.DB().Select("token_hash", "expires").From(RevokedTokens).
		Where(dbx.NewExp("[[expires]] >= {:now}", dbx.Params{"now": types.NowDateTime().String()})).
		All(&rows)
	if err != nil {
		return err
	}
	for _, row := range rows {
		if digest, ok := parseDigest(row.TokenHash); ok {
			l.add(digest, row.Expires.Time())
		}
	}
	return nil
}

func (l *revocationList) add(digest [sha256.Size]byte, expires time.Time) {
	l.mu.Lock()
	l.expires[digest] = expires
	l.mu.Unlock()
}

func (l *revocationList) remove(digest [sha256.Size]byte) {
	l.mu.Lock()
	delete(l.expires, digest)
	l.mu.Unlock()
}

func (l *revocationList) prune(now time.Time) {
	l.mu.Lock()
	for digest, expires := range l.expires {
		if expires.Before(now) {
			delete(l.expires, digest)
		}
	}
	l.mu.Unlock()
}

func (l *revocationList) contains(digest [sha256.Size]byte, now time.Time) bool {
	l.mu.RLock()
	expires, ok := l.expires[digest]
	l.mu.RUnlock()
	return ok && !expires.Before(now)
}

// revokedToken skips hashing while nothing is revoked (the common case).
func (l *revocationList) revokedToken(token string) bool {
	l.mu.RLock()
	empty := len(l.expires) == 0
	l.mu.RUnlock()
	return !empty && l.contains(authtoken.Digest(token), time.Now())
}

func parseDigest(hexDigest string) ([sha256.Size]byte, bool) {
	var digest [sha256.Size]byte
	raw, err := hex.DecodeString(hexDigest)
	if err != nil || len(raw) != sha256.Size {
		return digest, false
	}
	copy(digest[:], raw)
	return digest, true
}

// dropRealtimeAuth turns the realtime connections subscribed with a revoked
// token back into guest connections (as PocketBase does on a tokenKey change).
func dropRealtimeAuth(app core.App, digest [sha256.Size]byte) {
	for _, client := range app.SubscriptionsBroker().Clients() {
		if stored, ok := client.Get(realtimeTokenKey).([sha256.Size]byte); ok && stored == digest {
			client.Unset(apis.RealtimeClientAuthKey)
			client.Unset(realtimeTokenKey)
		}
	}
}

// Configuration checked at start.
const (
	// EncryptionEnv names the variable holding PocketBase's settings
	// encryption key (main.go passes it as DefaultEncryptionEnv).
	EncryptionEnv = "PB_ENCRYPTION_KEY"
	// ModeEnv is "development" (default when empty) or "production".
	ModeEnv = "TRACKBASE_ENV"
)

// CheckConfig refuses configurations that would run unsafely; main.go calls it
// before serving. Rules (docs/SECURITY.md):
//   - TRACKBASE_ENV is empty, "development" or "production" (a typo must not
//     silently fall back to development);
//   - PB_ENCRYPTION_KEY, when set, is exactly 32 characters (AES-256);
//   - in production, PB_ENCRYPTION_KEY is set, and OPENAI_BASE_URL, when set,
//     is https unless it points at this machine (the API key travels in it).
func CheckConfig() error {
	mode := os.Getenv(ModeEnv)
	switch mode {
	case "", "development", "production":
	default:
		return fmt.Errorf("%s=%q: expected development or production", ModeEnv, mode)
	}

	key := os.Getenv(EncryptionEnv)
	if key != "" && len(key) != 32 {
		return fmt.Errorf("%s must be exactly 32 characters (it has %d); generate one with `openssl rand -hex 16`", EncryptionEnv, len(key))
	}
	if mode != "production" {
		return nil
	}

	if key == "" {
		return fmt.Errorf("%s=production requires %s (32 characters) so that the settings, SMTP/S3 passwords included, are stored encrypted", ModeEnv, EncryptionEnv)
	}
	if raw := os.Getenv("OPENAI_BASE_URL"); raw != "" {
		u, err := url.Parse(raw)
		if err != nil || u.Host == "" {
			return fmt.Errorf("OPENAI_BASE_URL=%q is not a URL", raw)
		}
		if u.Scheme != "https" && !isLoopback(u.Hostname()) {
			return fmt.Errorf("OPENAI_BASE_URL must use https in production (the API key would travel in clear to %s)", u.Hostname())
		}
	}
	return nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
