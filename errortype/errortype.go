// Package errortype is the vocabulary of `error_logs.error_type`: the kind of
// failure a row records. The error tracker (hooks), the model client (llm) and
// the AI routes write these values; the seed and the usage analytics read
// them. It imports nothing, so that llm stays free of the database.
package errortype

// Type is one `error_logs.error_type` value.
type Type string

// Failures of any request (hooks/errortracking.go).
const (
	Panic       Type = "panic"
	Internal    Type = "internal_error"
	Database    Type = "database_error"
	Unavailable Type = "service_unavailable"
)

// Failures of a model call (llm) or a dependency; Timeout and Upstream are
// also what the error tracker records for a 504 or a 502.
const (
	Upstream       Type = "upstream_error"
	RateLimited    Type = "rate_limited"
	Timeout        Type = "timeout"
	BadModelOutput Type = "bad_model_output"
	BudgetExceeded Type = "budget_exceeded"
)
