package hooks

import (
	"fmt"
	"net"
	"net/url"
	"os"
)

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
