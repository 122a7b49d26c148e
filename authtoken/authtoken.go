// Package authtoken holds what trackbase knows about PocketBase auth tokens
// (HS256 JWTs): how they are signed, what identifies one, and which spelling
// of one is served.
package authtoken

import (
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/security"
)

// IdClaim is the random claim WithId adds to every token a sign-in issues.
const IdClaim = "jti"

// SigningKey is the key PocketBase signs and verifies auth's tokens with: the
// record's tokenKey (rotated by a password change or "log out everywhere")
// followed by its collection's auth token secret.
func SigningKey(auth *core.Record) []byte {
	return []byte(auth.TokenKey() + auth.Collection().AuthToken.Secret)
}

// WithId re-signs token (issued to auth) with a random IdClaim. PocketBase
// tokens hold only id, type, collection and exp, so two sign-ins within the
// same second would otherwise get the same token, and logging one device out
// would log out the other.
func WithId(auth *core.Record, token string) (string, error) {
	claims := jwt.MapClaims{}
	if _, _, err := jwt.NewParser().ParseUnverified(token, claims); err != nil {
		return "", err
	}
	claims[IdClaim] = security.RandomString(16)
	return jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(SigningKey(auth))
}

// Expiry verifies token against auth's signing key (the key PocketBase checked
// it with) and returns its expiry. It fails for a token of another record or
// type, and for one without an expiry.
func Expiry(auth *core.Record, token string) (time.Time, error) {
	claims := jwt.MapClaims{}
	_, err := jwt.NewParser(jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}), jwt.WithExpirationRequired()).
		ParseWithClaims(token, claims, func(*jwt.Token) (any, error) { return SigningKey(auth), nil })
	if err != nil {
		return time.Time{}, err
	}
	if id, _ := claims[core.TokenClaimId].(string); id != auth.Id {
		return time.Time{}, errors.New("the token belongs to another record")
	}
	if kind, _ := claims[core.TokenClaimType].(string); kind != core.TokenTypeAuth {
		return time.Time{}, errors.New("not an auth token")
	}
	exp, err := claims.GetExpirationTime()
	if err != nil {
		return time.Time{}, err
	}
	return exp.Time, nil
}

// Digest identifies a token: the SHA-256 of its canonical spelling, so that
// every spelling a lenient decoder reads as the same token has the same
// digest. A canonical token's digest is that of its own text.
func Digest(token string) [sha256.Size]byte {
	if !IsCanonical(token) { // served tokens are canonical: skip the re-encoding
		if canonical, ok := Canonical(token); ok {
			token = canonical
		}
	}
	return sha256.Sum256([]byte(token))
}

// IsCanonical reports whether token is a JWT written the one way its bytes
// encode. The JWT decoder ignores the unused low bits of a segment's last
// base64url character (and line breaks), so other spellings of a token decode
// to the same signature; trackbase refuses them rather than serve them.
func IsCanonical(token string) bool {
	// the strict decoder refuses set unused bits, but still skips line breaks
	if strings.ContainsAny(token, "\r\n") || strings.Count(token, ".") != 2 {
		return false
	}
	for segment := range strings.SplitSeq(token, ".") {
		if _, err := strict.DecodeString(segment); err != nil {
			return false
		}
	}
	return true
}

var strict = base64.RawURLEncoding.Strict()

// Canonical re-encodes each of the three segments of a JWT from the bytes
// they decode to; false if token is not three base64url segments.
func Canonical(token string) (string, bool) {
	segments := strings.Split(token, ".")
	if len(segments) != 3 {
		return "", false
	}
	for i, segment := range segments {
		raw, err := base64.RawURLEncoding.DecodeString(segment)
		if err != nil {
			return "", false
		}
		segments[i] = base64.RawURLEncoding.EncodeToString(raw)
	}
	return strings.Join(segments, "."), true
}
