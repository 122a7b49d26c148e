package hooks_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"trackbase/hooks"
	"trackbase/internal/testapp"
)

// slowReader hides its length so that the request is sent without
// Content-Length and the limit applies while the body is read.
type slowReader struct{ io.Reader }

func TestJSONBodyLimit(t *testing.T) {
	// a valid weight_logs body padded past MaxJSONBody with an unknown field
	oversized := `{"weight":80,"weight_unit":"kg","pad":"` + strings.Repeat("x", int(hooks.MaxJSONBody)) + `"}`
	scenarios := []tests.ApiScenario{
		{
			Name:            "CRUD create over the limit",
			Method:          http.MethodPost,
			URL:             "/api/collections/weight_logs/records",
			Headers:         testapp.Auth("alice"),
			Body:            strings.NewReader(oversized),
			ExpectedStatus:  http.StatusRequestEntityTooLarge,
			ExpectedContent: []string{`"status":413`},
		},
		{
			Name:            "without Content-Length",
			Method:          http.MethodPost,
			URL:             "/api/collections/weight_logs/records",
			Headers:         testapp.Auth("alice"),
			Body:            slowReader{strings.NewReader(oversized)},
			ExpectedStatus:  http.StatusRequestEntityTooLarge,
			ExpectedContent: []string{`"status":413`},
		},
		{
			Name:            "sign-in over the limit",
			Method:          http.MethodPost,
			URL:             "/api/collections/users/auth-with-password",
			Body:            strings.NewReader(oversized),
			ExpectedStatus:  http.StatusRequestEntityTooLarge,
			ExpectedContent: []string{`"status":413`},
		},
		{
			Name:            "a body under the limit passes",
			Method:          http.MethodPost,
			URL:             "/api/collections/weight_logs/records",
			Headers:         testapp.Auth("alice"),
			Body:            strings.NewReader(`{"weight":80,"weight_unit":"kg","pad":"` + strings.Repeat("x", 1000) + `"}`),
			ExpectedStatus:  http.StatusOK,
			ExpectedContent: []string{`"weight":80`},
		},
	}
	for _, s := range scenarios {
		s.TestAppFactory = testapp.NewUnmanaged
		s.Test(t)
	}
}
