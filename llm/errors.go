package llm

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"trackbase/errortype"
	"trackbase/redact"
)

// Error is a failed model call, with a message safe to show and store (no keys).
type Error struct {
	Kind       errortype.Type // recorded as the error_logs row's error_type
	Message    string
	Status     int           // the upstream HTTP status; 0 when none came back
	RetryAfter time.Duration // what the upstream asked us to wait, if it said
	retryable  bool
}

func (e *Error) Error() string { return string(e.Kind) + ": " + e.Message }

// HTTPStatus is the status trackbase answers with: 429 for a spent budget, 502 for an upstream
// error or a reply that fails validation, 503 when the upstream is unreachable or rate
// limiting, 504 on timeout.
func (e *Error) HTTPStatus() int {
	switch e.Kind {
	case errortype.BudgetExceeded:
		return http.StatusTooManyRequests
	case errortype.RateLimited:
		return http.StatusServiceUnavailable
	case errortype.Timeout:
		return http.StatusGatewayTimeout
	case errortype.Upstream:
		if e.Status == 0 {
			return http.StatusServiceUnavailable
		}
	}
	return http.StatusBadGateway
}

// NewError builds an error of the given kind, e.g. errortype.BadModelOutput for a reply that
// fails validation.
func NewError(kind errortype.Type, format string, args ...any) *Error {
	return &Error{Kind: kind, Message: fmt.Sprintf(format, args...)}
}

// AsError returns err as an *Error, wrapping anything else as an upstream error.
func AsError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{Kind: errortype.Upstream, Message: err.Error()}
}

// classify turns a go-openai or transport error into an *Error. parent is the caller's
// context: when it is done the caller gave up, and retrying is pointless.
func classify(err error, parent context.Context, apiKey string) *Error {
	e := &Error{Kind: errortype.Upstream}
	var apiErr *openai.APIError
	var reqErr *openai.RequestError
	var netErr net.Error
	switch {
	case parent.Err() != nil:
		e.Message = "request cancelled: " + parent.Err().Error()
		if errors.Is(parent.Err(), context.DeadlineExceeded) {
			e.Kind = errortype.Timeout
		}
		return hideKeys(e, apiKey)
	case errors.As(err, &apiErr):
		e.Status = apiErr.HTTPStatusCode
		e.Message = apiErr.Message
	case errors.As(err, &reqErr):
		e.Status = reqErr.HTTPStatusCode
		e.Message = strings.TrimSpace(string(reqErr.Body))
		if e.Message == "" {
			e.Message = reqErr.HTTPStatus
		}
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		e.Kind = errortype.Timeout
		e.Message = "the model server did not answer in time"
		e.retryable = true
		return hideKeys(e, apiKey)
	default:
		// connection refused, DNS, reset: the server is unreachable, maybe briefly
		e.Message = "cannot reach the model server: " + err.Error()
		e.retryable = true
		return hideKeys(e, apiKey)
	}
	switch {
	case e.Status == http.StatusTooManyRequests:
		e.Kind = errortype.RateLimited
		e.retryable = true
	case e.Status == http.StatusRequestTimeout || e.Status == http.StatusGatewayTimeout:
		e.Kind = errortype.Timeout
		e.retryable = true
	case e.Status >= 500:
		e.retryable = true
	}
	if e.Message == "" {
		e.Message = http.StatusText(e.Status)
	}
	e.Message = fmt.Sprintf("model server answered %d: %s", e.Status, e.Message)
	return hideKeys(e, apiKey)
}

// hideKeys removes API keys from an upstream message, which may quote them ("Incorrect API key
// provided: sk-abc…") and is stored in the logs.
func hideKeys(e *Error, apiKey string) *Error {
	e.Message = redact.Secrets(e.Message, apiKey)
	return e
}
