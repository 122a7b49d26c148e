package redact_test

import (
	"testing"

	"trackbase/redact"
)

func TestSecrets(t *testing.T) {
	const fakeJWT = "eyJhbGciOiJIUzI1NiJ9.eyJpZCI6IngifQ.c2lnbmF0dXJl"
	cases := []struct {
		text  string
		known []string
		want  string
	}{
		{"auth failed for " + fakeJWT + " at login", nil, "auth failed for [token] at login"},
		{"openai: invalid key sk-proj-abcdEFGH1234", nil, "openai: invalid key [api-key]"},
		{"Incorrect API key provided: sk-proj-abc***xyz.", nil, "Incorrect API key provided: [api-key]."},
		{"a task-force of three", nil, "a task-force of three"},
		{`body {"password":"hunter22","passwordConfirm": "hunter22"}`, nil, `body {"password":"[redacted]","passwordConfirm": "[redacted]"}`},
		{"url ?api_key=abc123&x=1", nil, "url ?api_key=[redacted]&x=1"},
		{"Authorization: Bearer abc.def", nil, "Authorization: [redacted] [token]"},
		// a key of another provider is only known by its value
		{"Pasta gsk_live_9f8e7d and rice", []string{"gsk_live_9f8e7d"}, "Pasta [redacted] and rice"},
		{"nothing secret here", []string{""}, "nothing secret here"},
	}
	for _, c := range cases {
		if got := redact.Secrets(c.text, c.known...); got != c.want {
			t.Errorf("Secrets(%q, %q) = %q, want %q", c.text, c.known, got, c.want)
		}
		if got, want := redact.HasSecret(c.text, c.known...), c.text != c.want; got != want {
			t.Errorf("HasSecret(%q) = %v, want %v", c.text, got, want)
		}
	}
}
