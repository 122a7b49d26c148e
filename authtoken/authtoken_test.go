package authtoken_test

import (
	"crypto/sha256"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/security"

	"trackbase/authtoken"
)

// "QQ" is the one spelling of the byte 'A' (0x41 = 010000|01 + 4 zero bits);
// "QR" … "Qf" set the 4 unused bits and decode to 'A' as well.
func TestCanonical(t *testing.T) {
	cases := []struct {
		token, canonical string
		ok               bool
	}{
		{"QQ.QQ.QQ", "QQ.QQ.QQ", true},
		{"QQ.QQ.QR", "QQ.QQ.QQ", true},
		{"QQ.QQ.Qf", "QQ.QQ.QQ", true},
		{"QR.QQ.QQ", "QQ.QQ.QQ", true},
		{"QQ.QQ.Q\nQ", "QQ.QQ.QQ", true}, // the decoder skips line breaks
		{"QQ.QQ.QQ==", "", false},        // padding
		{"QQ.QQ.Q+", "", false},          // standard, not URL, alphabet
		{"QQ.QQ", "", false},
		{"QQ.QQ.QQ.QQ", "", false},
		{"not-a-token", "", false},
	}
	for _, c := range cases {
		got, ok := authtoken.Canonical(c.token)
		if got != c.canonical || ok != c.ok {
			t.Errorf("Canonical(%q) = %q, %v; want %q, %v", c.token, got, ok, c.canonical, c.ok)
		}
		if want := c.ok && c.token == c.canonical; authtoken.IsCanonical(c.token) != want {
			t.Errorf("IsCanonical(%q) = %v, want %v", c.token, !want, want)
		}
	}
}

func TestDigestIsTheCanonicalSpelling(t *testing.T) {
	want := sha256.Sum256([]byte("QQ.QQ.QQ"))
	for _, spelling := range []string{"QQ.QQ.QQ", "QQ.QQ.QR", "QR.QQ.Qf"} {
		if authtoken.Digest(spelling) != want {
			t.Errorf("Digest(%q) is not the digest of QQ.QQ.QQ", spelling)
		}
	}
	// anything else is identified by its text
	if authtoken.Digest("not-a-token") != sha256.Sum256([]byte("not-a-token")) {
		t.Error("Digest of a non-JWT is not the digest of its text")
	}
}

func newUser(t testing.TB, id string) *core.Record {
	t.Helper()
	users := core.NewAuthCollection("users")
	users.AuthToken.Secret = strings.Repeat("s", 50)
	users.AuthToken.Duration = 3600
	user := core.NewRecord(users)
	user.Id = id
	user.RefreshTokenKey()
	return user
}

func TestWithIdAndExpiry(t *testing.T) {
	alice, bob := newUser(t, "alice0000000001"), newUser(t, "bob000000000001")
	issued, err := alice.NewAuthToken()
	if err != nil {
		t.Fatal(err)
	}
	first, err := authtoken.WithId(alice, issued)
	if err != nil {
		t.Fatal(err)
	}
	second, _ := authtoken.WithId(alice, issued)
	if first == second || !authtoken.IsCanonical(first) {
		t.Fatalf("two re-signings should differ and be canonical: %q %q", first, second)
	}
	claims := jwt.MapClaims{}
	if _, _, err := jwt.NewParser().ParseUnverified(first, claims); err != nil || len(claims[authtoken.IdClaim].(string)) != 16 {
		t.Fatalf("claims %v, %v: want a 16-character %s", claims, err, authtoken.IdClaim)
	}

	// PocketBase verifies the re-signed token with the same key
	if _, err := security.ParseJWT(first, string(authtoken.SigningKey(alice))); err != nil {
		t.Fatalf("PocketBase refuses the re-signed token: %v", err)
	}
	exp, err := authtoken.Expiry(alice, first)
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Until(exp); d < 59*time.Minute || d > time.Hour {
		t.Errorf("expires in %s, want the collection's hour", d)
	}
	if _, err := authtoken.Expiry(bob, first); err == nil {
		t.Error("alice's token verified as bob's")
	}
	alice.RefreshTokenKey()
	if _, err := authtoken.Expiry(alice, first); err == nil {
		t.Error("a token signed with the old tokenKey still verified")
	}
}

// BenchmarkDigest is the per-request cost of the token check: the canonical
// spelling check and the digest, beside hashing the token's text alone (what
// the check cost before spellings were refused):
//
//	go test -run '^$' -bench Digest ./authtoken/
func BenchmarkDigest(b *testing.B) {
	user := newUser(b, "alice0000000001")
	issued, _ := user.NewAuthToken()
	token, err := authtoken.WithId(user, issued)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("sha256 of the text", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			_ = sha256.Sum256([]byte(token))
		}
	})
	b.Run("IsCanonical (nothing revoked)", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if !authtoken.IsCanonical(token) {
				b.Fatal("not canonical")
			}
		}
	})
	b.Run("IsCanonical and Digest", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if !authtoken.IsCanonical(token) {
				b.Fatal("not canonical")
			}
			_ = authtoken.Digest(token)
		}
	})
}
