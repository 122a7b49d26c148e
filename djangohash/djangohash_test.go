package djangohash

import "testing"

// The expected hash was computed independently with Python's standard
// library, as Django computes it:
// base64.b64encode(hashlib.pbkdf2_hmac("sha256", b"testpass123", b"seasalt", 1000)).
func TestVerify(t *testing.T) {
	const known = "pbkdf2_sha256$1000$seasalt$" + knownB64
	for _, tc := range []struct {
		name, encoded, password string
		want                    bool
	}{
		{"right password", known, "testpass123", true},
		{"wrong password", known, "testpass124", false},
		{"empty password", known, "", false},
		{"made here", Make("pässwörd", "abc", 5), "pässwörd", true},
		{"other salt", Make("pässwörd", "abd", 5), "pässwörd", true},
		{"unusable", "!unusablepassword", "x", false},
		{"other algorithm", "argon2$argon2id$v=19$m=102400,t=2,p=8$c2FsdA$aGFzaA", "x", false},
		{"iterations not a number", "pbkdf2_sha256$abc$salt$" + knownB64, "testpass123", false},
		{"too many iterations", "pbkdf2_sha256$99999999$salt$" + knownB64, "testpass123", false},
		{"hash not base64", "pbkdf2_sha256$1000$seasalt$***", "testpass123", false},
		{"missing part", "pbkdf2_sha256$1000$" + knownB64, "testpass123", false},
	} {
		if got := Verify(tc.encoded, tc.password); got != tc.want {
			t.Errorf("%s: Verify = %v, want %v", tc.name, got, tc.want)
		}
	}
	if Make("testpass123", "seasalt", 1000) != known {
		t.Errorf("Make = %s, want %s", Make("testpass123", "seasalt", 1000), known)
	}
}

const knownB64 = "Ayz7xC3X/89mRBKzids/wgkYbg5MfZElY8QNm7ghMdI="
