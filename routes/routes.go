// Package routes binds every custom endpoint; each feature area is a
// sub-package declaring its route table, and the OpenAPI document at
// GET /api/openapi.json describes every table bound through route.Bind.
package routes

import (
	"math"
	"net/http"
	"slices"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"

	"trackbase/config"
	"trackbase/openapi"
	"trackbase/routes/account"
	"trackbase/routes/ai"
	"trackbase/routes/foods"
	"trackbase/routes/health"
	"trackbase/routes/portability"
	"trackbase/routes/route"
	"trackbase/routes/workouts"
)

// DocumentPath is where the OpenAPI document is served.
const DocumentPath = "/api/openapi.json"

// Register binds the custom routes of every feature area and serves the
// OpenAPI document, built once when the server starts.
func Register(app core.App, cfg config.Config) {
	health.Register(app)
	table := slices.Concat(
		account.Routes(),
		ai.Routes(cfg.AI),
		foods.Routes(cfg.OFFURL),
		health.Routes(),
		portability.Routes(),
		workouts.Routes(),
	)
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		route.Bind(se, table)
		return se.Next()
	})
	app.OnServe().Bind(&hook.Handler[*core.ServeEvent]{
		Id: "trackbaseOpenAPI",
		// after every other OnServe handler, so that the routes they bind
		// (e.g. replication's, bound from main) are in the document
		Priority: math.MaxInt,
		Func: func(se *core.ServeEvent) error {
			started := time.Now()
			doc, err := Document(se.App, route.TakeBound(se.App))
			if err != nil {
				return err
			}
			se.App.Logger().Info("OpenAPI document built", "bytes", len(doc), "took", time.Since(started).String())
			route.Bind(se, []route.Route{documentRoute(doc)})
			route.TakeBound(se.App)
			return se.Next()
		},
	})
}

// Document is the OpenAPI document of the bound routes, the document route
// itself and every collection of app.
func Document(app core.App, bound []route.Route) ([]byte, error) {
	return openapi.Build(app, append(slices.Clone(bound), documentRoute(nil)))
}

func documentRoute(doc []byte) route.Route {
	return route.Route{Method: http.MethodGet, Path: DocumentPath, Auth: route.Public, ContentType: "application/json",
		Summary: "This OpenAPI 3.1 document.",
		Handler: func(e *core.RequestEvent) error {
			e.Response.Header().Set("Content-Type", "application/json")
			_, err := e.Response.Write(doc)
			return err
		}}
}
