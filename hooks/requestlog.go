package hooks

import (
	"github.com/pocketbase/pocketbase/core"

	"trackbase/redact"
)

// redactRequestLog blanks, before PocketBase's request log stores them, the
// query parameters that carry a secret (a file link's ?token=, a JWT or an
// API key in any parameter, a password= …) and a Referer that holds one.
func redactRequestLog(e *core.RequestEvent) {
	query := e.Request.URL.Query()
	changed := false
	for name, values := range query {
		for i, value := range values {
			// the name decides too: "token=abc" or "api_key=abc" is a secret, "abc" alone is not
			if redact.HasSecret(name + "=" + value) {
				values[i] = "redacted"
				changed = true
			}
		}
	}
	if changed {
		e.Request.URL.RawQuery = query.Encode()
	}
	if referer := e.Request.Referer(); redact.HasSecret(referer) {
		e.Request.Header.Set("Referer", redact.Secrets(referer))
	}
}
