package hooks

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"net/http"
	"strings"
	"syscall"

	validation "github.com/pocketbase/ozzo-validation/v4"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
	"github.com/pocketbase/pocketbase/tools/router"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"trackbase/collections"
	"trackbase/errortype"
	"trackbase/redact"
)

// ErrorTrackerMiddlewareId is the id of the middleware writing error_logs rows.
const ErrorTrackerMiddlewareId = "trackbaseErrorTracker"

// LogMetaRoute is the key, inside the request log's "meta", of the route
// path pattern the request matched (e.g. "/api/meals/{id}/log"); the usage
// analytics group PocketBase's request logs by it and the method.
const LogMetaRoute = "route"

const errorLoggedKey = "trackbaseErrorLogged"

// panicPrefix starts the error PocketBase's panicRecover middleware returns.
const panicPrefix = "[PANIC RECOVER]"

const maxErrorMessage = 500

// MarkErrorLogged tells the tracker that the handler already wrote a typed
// error_logs row for this request (an AI upstream failure, say), so that its
// 5xx answer does not add a second, untyped row.
func MarkErrorLogged(e *core.RequestEvent) { e.Set(errorLoggedKey, true) }

// errorTracker sits between PocketBase's activity logger and its panic
// recovery: it sees every handler error, panics already turned into 500s.
// Each 5xx and each panic writes one error_logs row; a 500 reaches the client with the
// generic message only, whatever the handler put in it (SQL, stack…), while
// the raw error still goes to PocketBase's own request log.
func errorTracker() *hook.Handler[*core.RequestEvent] {
	return &hook.Handler[*core.RequestEvent]{
		Id:       ErrorTrackerMiddlewareId,
		Priority: apis.DefaultPanicRecoverMiddlewarePriority - 5,
		Func: func(e *core.RequestEvent) error {
			err := e.Next()

			prepareRequestLog(e)

			status := responseStatus(e, err)
			cause := errorCause(err)
			// a panic after the answer was written leaves its status as it was
			if status < http.StatusInternalServerError && !isPanic(cause) {
				return err
			}

			if e.Get(errorLoggedKey) == nil {
				var userId string
				if e.Auth != nil && e.Auth.Collection().Name == collections.Users {
					userId = e.Auth.Id
				}
				row := collections.ErrorRow{
					UserID:  userId,
					Type:    errorType(status, cause),
					Message: SanitizeMessage(describe(cause)),
					Route:   routePath(e),
					Method:  e.Request.Method,
					Status:  status,
				}
				if logErr := collections.WriteErrorRow(e.App, row); logErr != nil {
					e.App.Logger().Error("writing error_logs row", "error", logErr.Error())
				}
			}

			if err != nil && status == http.StatusInternalServerError {
				// PocketBase's request log keeps the cause (stack included), redacted
				return router.NewInternalServerError("", errors.New(redact.Secrets(describeRaw(cause))))
			}
			return err
		},
	}
}

// responseStatus is the status the client gets: the written one, 500 for a
// server fault, else the one PocketBase's error handler derives from err.
func responseStatus(e *core.RequestEvent, err error) int {
	if e.Written() || err == nil {
		return e.Status()
	}
	if serverFault(e, err) {
		return http.StatusInternalServerError
	}
	return router.ToApiError(err).Status
}

// serverFault reports whether err is the server's failure although
// PocketBase would answer it with a 4xx: its router turns any error that is
// not an ApiError into a 400, and its record handlers wrap a failed save in a
// 400 "Failed to create record." whatever the cause. Handlers answer the
// client's mistakes with ApiErrors, so a bare error is a fault unless it is
// a validation error or a missing row/file (PocketBase's 404). An ApiError
// under 500 is a fault when what it wraps is a storage failure.
func serverFault(e *core.RequestEvent, err error) bool {
	if e.Request.Context().Err() != nil {
		return false // the client went away; its request was cut, not failed
	}
	var apiErr *router.ApiError
	if errors.As(err, &apiErr) {
		raw, _ := apiErr.RawData().(error)
		return apiErr.Status < http.StatusInternalServerError && raw != nil && storageFault(raw)
	}
	var invalid validation.Errors
	var invalidOne validation.Error
	return !errors.As(err, &invalid) && !errors.As(err, &invalidOne) &&
		!errors.Is(err, sql.ErrNoRows) && !errors.Is(err, fs.ErrNotExist)
}

// storageFault reports whether err comes from the database or the file
// system failing (full, read-only, corrupt, a table missing…) rather than
// from the submitted data; a constraint violation is the data's.
func storageFault(err error) bool {
	var sqliteErr *sqlite.Error
	if errors.As(err, &sqliteErr) {
		return sqliteErr.Code()&0xff != sqlite3.SQLITE_CONSTRAINT
	}
	for _, errno := range []syscall.Errno{syscall.ENOSPC, syscall.EDQUOT, syscall.EIO, syscall.EROFS, syscall.EACCES, syscall.EPERM} {
		if errors.Is(err, errno) {
			return true
		}
	}
	return false
}

// errorCause unwraps the ApiError a handler returned to the error inside it.
func errorCause(err error) error {
	var apiErr *router.ApiError
	if errors.As(err, &apiErr) {
		if raw, ok := apiErr.RawData().(error); ok {
			return raw
		}
	}
	return err
}

// describe is the cause's message without PocketBase's panic stack trace.
func describe(cause error) string {
	if isPanic(cause) {
		if inner := errors.Unwrap(cause); inner != nil {
			return "panic: " + inner.Error()
		}
	}
	return describeRaw(cause)
}

func describeRaw(cause error) string {
	if cause == nil {
		return "answered without an error value"
	}
	return cause.Error()
}

func isPanic(cause error) bool {
	return cause != nil && strings.HasPrefix(cause.Error(), panicPrefix)
}

func errorType(status int, cause error) errortype.Type {
	var sqliteErr *sqlite.Error
	switch {
	case isPanic(cause):
		return errortype.Panic
	case errors.Is(cause, context.DeadlineExceeded) || status == http.StatusGatewayTimeout:
		return errortype.Timeout
	case errors.As(cause, &sqliteErr):
		return errortype.Database
	case status == http.StatusBadGateway:
		return errortype.Upstream
	case status == http.StatusServiceUnavailable:
		return errortype.Unavailable
	}
	return errortype.Internal
}

// routePath is the path pattern of the matched route, with PocketBase's
// {collection} placeholder filled in so that each collection's CRUD gets its
// own line in the analytics ("/api/collections/foods/records/{id}"). Ids and
// the query string (which may carry a file token) stay out.
func routePath(e *core.RequestEvent) string {
	pattern := e.Request.Pattern
	if pattern == "" {
		return e.Request.URL.Path
	}
	if _, path, hasMethod := strings.Cut(pattern, " "); hasMethod {
		pattern = path
	}
	if collection := e.Request.PathValue("collection"); collection != "" {
		pattern = strings.Replace(pattern, "{collection}", collection, 1)
	}
	return pattern
}

// prepareRequestLog runs after the handler, before PocketBase writes the
// request log: it adds the route to the log's "meta" and blanks the secrets
// the log would otherwise keep (redactRequestLog).
func prepareRequestLog(e *core.RequestEvent) {
	meta, _ := e.Get(apis.RequestEventKeyLogMeta).(map[string]any)
	if meta == nil {
		meta = map[string]any{}
	}
	meta[LogMetaRoute] = routePath(e)
	e.Set(apis.RequestEventKeyLogMeta, meta)

	redactRequestLog(e)
}

// SanitizeMessage makes an error message fit for a log table: the first line
// only (no stack trace), tokens, API keys and password values redacted, at
// most 500 characters.
func SanitizeMessage(message string) string {
	if i := strings.IndexAny(message, "\r\n"); i >= 0 {
		message = message[:i]
	}
	message = redact.Secrets(message)
	if runes := []rune(message); len(runes) > maxErrorMessage {
		message = string(runes[:maxErrorMessage]) + "…"
	}
	return message
}
