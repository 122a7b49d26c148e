// Package djangohash reads and makes Django's password hashes
// (`pbkdf2_sha256$<iterations>$<salt>$<base64 hash>`), so accounts moved
// from a Django backend keep their passwords until their first sign-in.
package djangohash

import (
	"crypto/pbkdf2"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"strconv"
	"strings"
)

// Algorithm is the only Django hasher read here (Django's default).
const Algorithm = "pbkdf2_sha256"

// maxIterations bounds the work one sign-in attempt can ask of the server
// (Django 5.x uses 1,000,000 at most).
const maxIterations = 10_000_000

// Supported tells whether encoded is a hash Verify can check: an unusable
// password ("!…"), another algorithm or a malformed string is not.
func Supported(encoded string) bool {
	_, _, _, ok := parse(encoded)
	return ok
}

// Verify tells whether password matches the Django hash encoded.
func Verify(encoded, password string) bool {
	iter, salt, want, ok := parse(encoded)
	if !ok {
		return false
	}
	got, err := pbkdf2.Key(sha256.New, password, []byte(salt), iter, len(want))
	return err == nil && subtle.ConstantTimeCompare(got, want) == 1
}

// Make hashes password the way Django's PBKDF2PasswordHasher does.
func Make(password, salt string, iterations int) string {
	key, err := pbkdf2.Key(sha256.New, password, []byte(salt), iterations, sha256.Size)
	if err != nil {
		panic(err) // only for an impossible key length
	}
	return Algorithm + "$" + strconv.Itoa(iterations) + "$" + salt + "$" + base64.StdEncoding.EncodeToString(key)
}

func parse(encoded string) (iterations int, salt string, hash []byte, ok bool) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 4 || parts[0] != Algorithm || parts[2] == "" {
		return 0, "", nil, false
	}
	iterations, err := strconv.Atoi(parts[1])
	if err != nil || iterations < 1 || iterations > maxIterations {
		return 0, "", nil, false
	}
	hash, err = base64.StdEncoding.DecodeString(parts[3])
	if err != nil || len(hash) == 0 {
		return 0, "", nil, false
	}
	return iterations, parts[2], hash, true
}
