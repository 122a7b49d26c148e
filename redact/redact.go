// Package redact removes secrets (auth tokens, API keys, password values)
// from text before it is stored: in a log table, PocketBase's request log, or
// a user's rows written from a model's reply.
package redact

import (
	"regexp"
	"strings"
)

var patterns = []struct {
	re          *regexp.Regexp
	replacement string
}{
	// JSON Web Tokens (PocketBase auth and file tokens)
	{regexp.MustCompile(`eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*`), "[token]"},
	// OpenAI-style API keys, also partly masked as upstream errors quote them ("sk-abc***xyz")
	{regexp.MustCompile(`\bsk-[A-Za-z0-9_*-]{3,}`), "[api-key]"},
	{regexp.MustCompile(`(?i)\bbearer\s+\S+`), "Bearer [token]"},
	// key=value / "key": "value" pairs whose key names a secret
	{regexp.MustCompile(`(?i)\b((?:old)?password(?:confirm)?|passwd|token|api[_-]?key|secret|authorization)("?\s*[:=]\s*"?)[^\s",&}]+`), "$1$2[redacted]"},
}

// Secrets replaces in text every occurrence of the known secrets (such as the
// configured API key, whatever its shape) with "[redacted]", then whatever
// looks like a token, an API key or a password value.
func Secrets(text string, known ...string) string {
	for _, secret := range known {
		if secret != "" {
			text = strings.ReplaceAll(text, secret, "[redacted]")
		}
	}
	for _, p := range patterns {
		text = p.re.ReplaceAllString(text, p.replacement)
	}
	return text
}

// HasSecret reports whether Secrets would change text.
func HasSecret(text string, known ...string) bool { return Secrets(text, known...) != text }
