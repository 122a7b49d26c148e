// Package config reads trackbase's configuration from the environment once,
// at start, into one value that main and the tests pass to what needs it
// (bind.App). Nothing else reads the environment. The variables are described
// in docs/OPERATIONS.md, docs/SECURITY.md and docs/AI.md.
package config

import (
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"

	"trackbase/llm"
)

// Environment variables read by Read besides llm's OPENAI_*.
const (
	// EncryptionEnv names the variable holding PocketBase's settings
	// encryption key (main.go passes it as DefaultEncryptionEnv).
	EncryptionEnv = "PB_ENCRYPTION_KEY"
	// ModeEnv is "development" (default when empty) or "production".
	ModeEnv          = "TRACKBASE_ENV"
	RequireInviteEnv = "TRACKBASE_REQUIRE_INVITE"
	AutomigrateEnv   = "TRACKBASE_AUTOMIGRATE"
	DailyTokensEnv   = "TRACKBASE_AI_DAILY_TOKENS"
	CacheTTLEnv      = "TRACKBASE_AI_CACHE_TTL"
	ReplicateURLEnv  = "TRACKBASE_REPLICATE_URL"
	// OFFURLEnv names an Open Food Facts compatible server that
	// GET /api/foods/barcode/{code} asks about barcodes no local food has.
	OFFURLEnv = "TRACKBASE_OFF_URL"
)

// DefaultAICacheTTL is how long a parse-meal reply is reused when
// TRACKBASE_AI_CACHE_TTL says nothing.
const DefaultAICacheTTL = time.Hour

// Config is trackbase's configuration.
type Config struct {
	Production    bool // TRACKBASE_ENV=production
	RequireInvite bool // sign-up needs an unused invite key
	Automigrate   bool // `migrate` writes migration files for dashboard edits
	// ReplicateURL is what `serve --replicate` and `restore --from` default to.
	ReplicateURL string
	AI           AI
	OFFURL       string // TRACKBASE_OFF_URL; "": barcodes are looked up locally only
	// Warnings name values that could not be used and were replaced by
	// their defaults; the server logs them when it starts.
	Warnings []string
}

// AI configures the AI routes.
type AI struct {
	LLM         llm.Config
	DailyTokens int           // per user and day; 0: no budget
	CacheTTL    time.Duration // of a parse-meal reply; 0: no cache
}

// Read reads the configuration through getenv (os.Getenv). It refuses
// configurations that would run unsafely (docs/SECURITY.md):
//   - TRACKBASE_ENV is empty, "development" or "production" (a typo must not
//     silently fall back to development);
//   - PB_ENCRYPTION_KEY, when set, is exactly 32 characters (AES-256);
//   - in production, PB_ENCRYPTION_KEY is set, and OPENAI_BASE_URL, when set,
//     is https unless it points at this machine (the API key travels in it).
//
// Other values it cannot use are replaced by their defaults and reported in
// Warnings.
func Read(getenv func(string) string) (Config, error) {
	mode := getenv(ModeEnv)
	switch mode {
	case "", "development", "production":
	default:
		return Config{}, fmt.Errorf("%s=%q: expected development or production", ModeEnv, mode)
	}
	key := getenv(EncryptionEnv)
	if key != "" && len(key) != 32 {
		return Config{}, fmt.Errorf("%s must be exactly 32 characters (it has %d); generate one with `openssl rand -hex 16`", EncryptionEnv, len(key))
	}
	cfg := Config{
		Production:    mode == "production",
		RequireInvite: isTrue(getenv(RequireInviteEnv)),
		Automigrate:   isTrue(getenv(AutomigrateEnv)),
		ReplicateURL:  getenv(ReplicateURLEnv),
	}
	cfg.AI, cfg.Warnings = readAI(getenv)
	if raw := strings.TrimSpace(getenv(OFFURLEnv)); raw != "" {
		if u, err := url.Parse(raw); err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
			cfg.Warnings = append(cfg.Warnings, fmt.Sprintf("%s=%q is not an http(s) URL; barcodes are looked up locally only", OFFURLEnv, raw))
		} else {
			cfg.OFFURL = raw
		}
	}
	if !cfg.Production {
		return cfg, nil
	}
	if key == "" {
		return Config{}, fmt.Errorf("%s=production requires %s (32 characters) so that the settings, SMTP/S3 passwords included, are stored encrypted", ModeEnv, EncryptionEnv)
	}
	if raw := getenv(llm.EnvBaseURL); raw != "" {
		u, err := url.Parse(raw)
		if err != nil || u.Host == "" {
			return Config{}, fmt.Errorf("%s=%q is not a URL", llm.EnvBaseURL, raw)
		}
		if u.Scheme != "https" && !isLoopback(u.Hostname()) {
			return Config{}, fmt.Errorf("%s must use https in production (the API key would travel in clear to %s)", llm.EnvBaseURL, u.Hostname())
		}
	}
	return cfg, nil
}

func readAI(getenv func(string) string) (AI, []string) {
	llmCfg, warnings := llm.ConfigFromEnv(getenv)
	ai := AI{LLM: llmCfg, CacheTTL: DefaultAICacheTTL}
	if v := getenv(DailyTokensEnv); v != "" {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || n < 0 {
			warnings = append(warnings, fmt.Sprintf("%s=%q is not a whole number ≥ 0; no budget applies", DailyTokensEnv, v))
		} else {
			ai.DailyTokens = n
		}
	}
	if v := getenv(CacheTTLEnv); v != "" {
		d, err := time.ParseDuration(strings.TrimSpace(v))
		if err != nil || d < 0 {
			warnings = append(warnings, fmt.Sprintf("%s=%q is not a duration; using %s", CacheTTLEnv, v, DefaultAICacheTTL))
		} else {
			ai.CacheTTL = d
		}
	}
	return ai, warnings
}

func isTrue(v string) bool { return strings.EqualFold(v, "true") }

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
