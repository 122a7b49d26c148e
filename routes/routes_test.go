package routes_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"
	"github.com/pocketbase/pocketbase/ui"

	"trackbase/internal/testapp"
	"trackbase/routes"
)

// apis.NewRouter binds one more OnServe handler registering the dashboard's
// /_/extensions.js on every call; these tests build several routers per app
// and serve no dashboard.
func init() { ui.DistDirFS = nil }

// walk lists "METHOD /path" of every route of a router (groups' prefixes
// joined), reading the router's unexported children by reflection.
func walk(r *router.Router[*core.RequestEvent]) map[string]bool {
	out := map[string]bool{}
	var visit func(v reflect.Value, prefix string)
	visit = func(v reflect.Value, prefix string) {
		for v.Kind() == reflect.Interface || v.Kind() == reflect.Pointer {
			v = v.Elem()
		}
		if v.FieldByName("Action").IsValid() { // a route
			out[v.FieldByName("Method").String()+" "+prefix+v.FieldByName("Path").String()] = true
			return
		}
		children := v.FieldByName("children")
		for i := 0; i < children.Len(); i++ {
			visit(children.Index(i), prefix+v.FieldByName("Prefix").String())
		}
	}
	visit(reflect.ValueOf(r.RouterGroup), "")
	return out
}

// served runs app's OnServe handlers on a fresh router and returns its
// routes and the OpenAPI document it serves.
func served(t *testing.T, app core.App) (map[string]bool, map[string]map[string]any) {
	t.Helper()
	r, err := apis.NewRouter(app)
	if err != nil {
		t.Fatal(err)
	}
	var mux http.Handler
	err = app.OnServe().Trigger(&core.ServeEvent{App: app, Router: r}, func(e *core.ServeEvent) error {
		mux, err = e.Router.BuildMux()
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	res := httptest.NewRecorder()
	mux.ServeHTTP(res, httptest.NewRequest(http.MethodGet, routes.DocumentPath, nil))
	if res.Code != http.StatusOK {
		t.Fatalf("GET %s: %d %s", routes.DocumentPath, res.Code, res.Body)
	}
	var doc struct {
		OpenAPI string                    `json:"openapi"`
		Paths   map[string]map[string]any `json:"paths"`
	}
	if err := json.Unmarshal(res.Body.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.OpenAPI != "3.1.0" {
		t.Fatalf("openapi = %q", doc.OpenAPI)
	}
	return walk(r), doc.Paths
}

// undocumented are the /api routes trackbase adds to PocketBase's own that
// the document lacks.
func undocumented(t *testing.T, app core.App) []string {
	pb, err := apis.NewRouter(app)
	if err != nil {
		t.Fatal(err)
	}
	builtin := walk(pb)
	all, paths := served(t, app)
	var missing []string
	for r := range all {
		method, path, _ := strings.Cut(r, " ")
		// PocketBase's own routes, and the dashboard's catch-all outside /api
		if builtin[r] || !strings.HasPrefix(path, "/api/") {
			continue
		}
		if paths[path][strings.ToLower(method)] == nil {
			missing = append(missing, r)
		}
	}
	return missing
}

func TestEveryBoundRouteIsDocumented(t *testing.T) {
	app := testapp.New(t)
	if missing := undocumented(t, app); len(missing) > 0 {
		t.Fatalf("routes missing from the OpenAPI document: %v", missing)
	}
	_, paths := served(t, app)
	for _, want := range []string{"/api/dashboard", "/api/foods/{id}/{view}", "/api/foods/search", "/api/foods/barcode/{code}", "/api/openapi.json"} {
		if paths[want] == nil {
			t.Errorf("%s missing", want)
		}
	}
	// every collection's records API, with its fields
	cols, err := app.FindAllCollections()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cols {
		if c.System {
			continue
		}
		if paths["/api/collections/"+c.Name+"/records"]["get"] == nil || paths["/api/collections/"+c.Name+"/records/{id}"]["get"] == nil {
			t.Errorf("records API of %s missing", c.Name)
		}
	}
}

// A route bound by hand, outside the route table, is caught.
func TestHandBoundRouteIsCaught(t *testing.T) {
	app := testapp.New(t)
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.GET("/api/hand-bound", func(e *core.RequestEvent) error { return nil })
		return se.Next()
	})
	missing := undocumented(t, app)
	if len(missing) != 1 || missing[0] != "GET /api/hand-bound" {
		t.Fatalf("missing = %v, want [GET /api/hand-bound]", missing)
	}
}
