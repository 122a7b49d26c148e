// Package route is the table every custom endpoint is declared in: one Route
// says how the endpoint is bound (method, path, auth, middlewares, handler)
// and what it accepts and answers (query parameters with their bounds, body
// and response types, error statuses). Bind binds a table and package openapi
// describes the same table, so the document cannot drift from the router.
package route

import (
	"net/http"
	"slices"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"

	"trackbase/routes/common"
)

// Auth is who may call a route.
type Auth int

const (
	// Public routes need no token.
	Public Auth = iota
	// Authed routes need any valid token (a user or a superuser).
	Authed
	// User routes need an app user's token; guests may read.
	User
	// Writer routes need an app user who is not a guest.
	Writer
)

// ParamType is the JSON-schema type of a query parameter.
type ParamType string

const (
	String  ParamType = "string"
	Integer ParamType = "integer"
	Boolean ParamType = "boolean"
	// Date is a calendar day as YYYY-MM-DD.
	Date ParamType = "date"
)

// Param is one query parameter. Min and Max bound integers (both 0: no bound).
type Param struct {
	Name        string
	Type        ParamType
	Required    bool
	Min, Max    int
	Default     any
	Enum        []string
	Description string
}

// Route is one custom endpoint.
type Route struct {
	Method  string
	Path    string // e.g. /api/foods/{id}/stats
	Summary string
	Auth    Auth
	Handler func(*core.RequestEvent) error
	// Middlewares run after the auth checks (e.g. a body limit).
	Middlewares []*hook.Handler[*core.RequestEvent]
	Query       []Param
	// Body is a value of the JSON request body's type (nil: no JSON body);
	// Multipart names the form fields of a multipart body instead.
	Body      any
	Multipart []string
	// Response is a value of the type of the success answer's `data`
	// (nil: any JSON object). ContentType other than JSON (e.g. a zip) is
	// answered raw, without the envelope.
	Response    any
	ContentType string
	// Status is the success status (default 200).
	Status int
	// Errors are the error statuses the handler itself answers; the ones
	// Auth implies (401, 403), the body limit's 413, 429 and 500 are added
	// by AllErrors.
	Errors []int
}

// SuccessStatus is Status or 200.
func (r Route) SuccessStatus() int {
	if r.Status == 0 {
		return http.StatusOK
	}
	return r.Status
}

// AllErrors are the error statuses a caller can receive from the route.
func (r Route) AllErrors() []int {
	out := append([]int(nil), r.Errors...)
	switch r.Auth {
	case Authed:
		out = append(out, http.StatusUnauthorized)
	case User, Writer:
		out = append(out, http.StatusUnauthorized, http.StatusForbidden)
	}
	if r.Body != nil && !slices.Contains(out, http.StatusRequestEntityTooLarge) {
		// the global JSON body limit
		out = append(out, http.StatusRequestEntityTooLarge)
	}
	// every request passes the rate limiter and may meet a server fault
	return append(out, http.StatusTooManyRequests, http.StatusInternalServerError)
}

// Common parameters and status lists, declared once.
var (
	From = Param{Name: "from", Type: Date, Description: "First day (YYYY-MM-DD, the caller's time zone), included."}
	To   = Param{Name: "to", Type: Date, Description: "Last day (YYYY-MM-DD), included; default today."}
	Day  = Param{Name: "date", Type: Date, Description: "The day (YYYY-MM-DD, the caller's time zone); default today."}
	// BadRequest is the 400 of invalid parameters or bodies.
	BadRequest = []int{http.StatusBadRequest}
)

// Days is the `days` parameter within [min, max] defaulting to def.
func Days(def, min, max int) Param {
	return Param{Name: "days", Type: Integer, Min: min, Max: max, Default: def, Description: "Number of days, today included."}
}

// boundKey is the app store entry of the routes bound while serving starts.
const boundKey = "trackbase.route.bound"

// Bind binds each route of table to the router of se and records it for
// Bound.
func Bind(se *core.ServeEvent, table []Route) {
	bound, _ := se.App.Store().Get(boundKey).([]Route)
	se.App.Store().Set(boundKey, append(bound, table...))
	for _, r := range table {
		br := se.Router.Route(r.Method, r.Path, r.Handler)
		switch r.Auth {
		case Authed:
			br.Bind(apis.RequireAuth())
		case User:
			br.Bind(apis.RequireAuth(), common.RequireUser())
		case Writer:
			br.Bind(apis.RequireAuth(), common.RequireUser(), common.RequireWriter())
		}
		br.Bind(r.Middlewares...)
	}
}

// Int reads the integer parameter p within its bounds, so that the handler
// and the document share one declaration.
func (p Param) Int(e *core.RequestEvent) (int, error) {
	def, _ := p.Default.(int)
	return common.IntParam(e, p.Name, def, p.Min, p.Max)
}

// TakeBound returns the routes Bind bound since the last call, for the
// document of a server that is starting (an OnServe handler that runs after
// every other).
func TakeBound(app core.App) []Route {
	bound, _ := app.Store().Get(boundKey).([]Route)
	app.Store().Remove(boundKey)
	return bound
}
