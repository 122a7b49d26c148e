package hooks

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sync"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"trackbase/authtoken"
)

// RevokedTokens is the hidden (superuser-only) collection of logged-out
// tokens. It stores a SHA-256 digest of each token, never the token itself.
const RevokedTokens = "revoked_tokens"

const (
	revocationsStoreKey   = "trackbaseRevocations"
	realtimeTokenKey      = "trackbaseTokenDigest"
	purgeRevocationsJobId = "trackbasePurgeRevokedTokens"
)

// bindRevocations keeps the in-memory list of revoked tokens (loaded when the
// server starts, mirroring the collection whoever writes to it), drops the
// realtime auth of a connection whose token is revoked, and purges expired
// revocations every hour.
func bindRevocations(app core.App) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		if err := revocations(se.App).load(se.App); err != nil {
			return fmt.Errorf("loading revoked tokens: %w", err)
		}
		return se.Next()
	})

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
