package config

import (
	"strings"
	"testing"
	"time"
)

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestReadRefusesUnsafeConfigurations(t *testing.T) {
	key32 := strings.Repeat("k", 32)
	cases := []struct {
		name, mode, key, baseURL string
		wantErr                  string // substring; empty = accepted
	}{
		{"development without a key", "", "", "", ""},
		{"explicit development", "development", "", "http://example.com/v1", ""},
		{"unknown mode", "prod", key32, "", "expected development or production"},
		{"short key, any mode", "", "short", "", "exactly 32 characters"},
		{"production without a key", "production", "", "", "requires PB_ENCRYPTION_KEY"},
		{"production with a key", "production", key32, "", ""},
		{"production, https upstream", "production", key32, "https://api.openai.com/v1", ""},
		{"production, local http upstream", "production", key32, "http://127.0.0.1:8080/v1", ""},
		{"production, localhost upstream", "production", key32, "http://localhost:11434/v1", ""},
		{"production, remote http upstream", "production", key32, "http://llm.example.com/v1", "must use https"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg, err := Read(env(map[string]string{ModeEnv: c.mode, EncryptionEnv: c.key, "OPENAI_BASE_URL": c.baseURL}))
			switch {
			case c.wantErr == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case c.wantErr != "" && (err == nil || !strings.Contains(err.Error(), c.wantErr)):
				t.Fatalf("got %v, want an error containing %q", err, c.wantErr)
			case err == nil && cfg.Production != (c.mode == "production"):
				t.Fatalf("Production = %v for mode %q", cfg.Production, c.mode)
			}
		})
	}
}

func TestReadValues(t *testing.T) {
	cfg, err := Read(env(map[string]string{
		RequireInviteEnv: "TRUE", AutomigrateEnv: "yes", DailyTokensEnv: " 300 ", CacheTTLEnv: "5m",
		"OPENAI_API_KEY": "sk-test", "OPENAI_MODEL": "gpt-4o",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if !cfg.RequireInvite || cfg.Automigrate || cfg.AI.DailyTokens != 300 || cfg.AI.CacheTTL != 5*time.Minute ||
		!cfg.AI.LLM.Enabled() || cfg.AI.LLM.Model != "gpt-4o" || len(cfg.Warnings) != 0 {
		t.Fatalf("config %+v", cfg)
	}

	// unusable values fall back to their defaults, each with a warning
	cfg, err = Read(env(map[string]string{DailyTokensEnv: "lots", CacheTTLEnv: "-1s", "OPENAI_TIMEOUT": "soon"}))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.AI.DailyTokens != 0 || cfg.AI.CacheTTL != DefaultAICacheTTL || cfg.AI.LLM.Enabled() || len(cfg.Warnings) != 3 {
		t.Fatalf("config %+v", cfg)
	}
	for i, want := range []string{"OPENAI_TIMEOUT", DailyTokensEnv, CacheTTLEnv} {
		if !strings.Contains(cfg.Warnings[i], want) {
			t.Errorf("warning %d %q does not name %s", i, cfg.Warnings[i], want)
		}
	}
}
