// Package account holds the session and usage endpoints: logout (one
// session or all of them) and the AI/API usage analytics.
package account

import (
	"net/http"

	"trackbase/routes/route"
)

// Routes are POST /api/auth/logout, GET /api/analytics/usage and
// GET /api/analytics/usage/all. The revocation check itself is a global
// middleware of hooks.RegisterSecurity (bind.App binds both).
// usageDays is the window of the usage analytics.
var usageDays = route.Days(30, 1, 366)

func Routes() []route.Route {
	return []route.Route{
		{Method: http.MethodPost, Path: "/api/auth/logout", Auth: route.Authed, Handler: logout, Body: logoutRequest{},
			Summary: "Revoke this token, or with all every token of the caller.", Errors: route.BadRequest},
		{Method: http.MethodGet, Path: "/api/analytics/usage", Auth: route.User, Handler: ownUsage, Query: []route.Param{usageDays},
			Summary: "The caller's AI usage and cost.", Errors: route.BadRequest},
		{Method: http.MethodGet, Path: "/api/analytics/usage/all", Auth: route.Authed, Handler: allUsage, Query: []route.Param{usageDays},
			Summary: "Every user's AI usage and the routes' statistics (admins and superusers).", Errors: []int{http.StatusBadRequest, http.StatusForbidden}},
	}
}
