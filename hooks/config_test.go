package hooks_test

import (
	"strings"
	"testing"

	"trackbase/hooks"
)

func TestCheckConfig(t *testing.T) {
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
			t.Setenv(hooks.ModeEnv, c.mode)
			t.Setenv(hooks.EncryptionEnv, c.key)
			t.Setenv("OPENAI_BASE_URL", c.baseURL)
			err := hooks.CheckConfig()
			switch {
			case c.wantErr == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case c.wantErr != "" && (err == nil || !strings.Contains(err.Error(), c.wantErr)):
				t.Fatalf("got %v, want an error containing %q", err, c.wantErr)
			}
		})
	}
}
