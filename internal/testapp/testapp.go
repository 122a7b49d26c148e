// Package testapp builds PocketBase test apps with trackbase's migrations
// applied and everything bound as main binds it (bind.App: hooks, production
// middlewares, routes), over a fresh copy of a template data dir that already
// holds a small fixture, so every scenario starts from the same database.
package testapp

import (
	"os"
	"sync"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"trackbase/bind"
	"trackbase/collections"
	"trackbase/config"
	_ "trackbase/pb_migrations"
)

// Password of every fixture user and of the fixture superuser.
const Password = "password123"

// SuperuserEmail is the fixture superuser.
const SuperuserEmail = "root@example.com"

// Fixture users: alice and bob are plain users (alice in UTC, bob in
// America/Los_Angeles), carol is an admin, gus a guest.
var fixtureUsers = []struct{ username, role, timezone string }{
	{"alice", collections.RoleUser, "UTC"},
	{"bob", collections.RoleUser, "America/Los_Angeles"},
	{"carol", collections.RoleAdmin, "UTC"},
	{"gus", collections.RoleGuest, "UTC"},
}

var (
	templateOnce sync.Once
	templateDir  string
	templateErr  error
	ids          = map[string]string{}
	tokens       = map[string]string{}
)

// New returns a test app over a fresh copy of the template, bound by
// bind.App with the configuration the environment holds now (so a test sets
// it with t.Setenv first), then by extra: what main binds beside bind.App
// because it needs the command line (replication), with a test's own state.
// It is cleaned up when the test ends.
func New(t testing.TB, extra ...func(core.App)) *tests.TestApp {
	t.Helper()
	app := newApp(t, extra)
	t.Cleanup(app.Cleanup)
	return app
}

// NewUnmanaged is New without the cleanup, for ApiScenario.TestAppFactory
// (the scenario cleans up itself).
func NewUnmanaged(t testing.TB) *tests.TestApp {
	t.Helper()
	return newApp(t, nil)
}

// Factory returns an ApiScenario.TestAppFactory that binds extra too.
func Factory(extra ...func(core.App)) func(testing.TB) *tests.TestApp {
	return func(t testing.TB) *tests.TestApp { return newApp(t, extra) }
}

func newApp(t testing.TB, extra []func(core.App)) *tests.TestApp {
	t.Helper()
	templateOnce.Do(buildTemplate)
	if templateErr != nil {
		t.Fatalf("test template: %v", templateErr)
	}
	cfg, err := config.Read(os.Getenv)
	if err != nil {
		t.Fatal(err)
	}
	app, err := tests.NewTestApp(templateDir)
	if err != nil {
		t.Fatal(err)
	}
	bind.App(app, cfg)
	for _, b := range extra {
		b(app)
	}
	return app
}

// ID is a fixture user's record id.
func ID(username string) string { templateOnce.Do(buildTemplate); return ids[username] }

// Token is an auth token of a fixture user ("alice", "bob", "carol", "gus")
// or of the superuser ("root").
func Token(username string) string { templateOnce.Do(buildTemplate); return tokens[username] }

// Auth is the Authorization header of a fixture user.
func Auth(username string) map[string]string {
	return map[string]string{"Authorization": Token(username)}
}

func buildTemplate() {
	empty, err := os.MkdirTemp("", "trackbase_empty_")
	if err != nil {
		templateErr = err
		return
	}
	defer os.RemoveAll(empty)
	app, err := tests.NewTestApp(empty) // a copy of the empty dir with every migration applied
	if err != nil {
		templateErr = err
		return
	}
	defer app.Cleanup()
	bind.App(app, config.Config{}) // the record hooks give the users their defaults
	if templateErr = fill(app); templateErr != nil {
		return
	}
	// fold the WAL into the database file: every clone then opens a single
	// file instead of replaying the log (about half the cost of a test app)
	if _, templateErr = app.DB().NewQuery("PRAGMA wal_checkpoint(TRUNCATE)").Execute(); templateErr == nil {
		templateDir, templateErr = tests.TempDirClone(app.DataDir())
	}
}

func fill(app *tests.TestApp) error {
	usersCol, err := app.FindCollectionByNameOrId(collections.Users)
	if err != nil {
		return err
	}
	for _, u := range fixtureUsers {
		rec := core.NewRecord(usersCol)
		rec.Set("username", u.username)
		rec.Set("email", u.username+"@example.com")
		rec.SetPassword(Password)
		rec.Set("timezone", u.timezone)
		level, err := collections.AccessLevelID(app, u.role)
		if err != nil {
			return err
		}
		rec.Set("access_level", level)
		if err := app.Save(rec); err != nil {
			return err
		}
		ids[u.username] = rec.Id
		if tokens[u.username], err = rec.NewAuthToken(); err != nil {
			return err
		}
	}
	supers, err := app.FindCollectionByNameOrId(core.CollectionNameSuperusers)
	if err != nil {
		return err
	}
	root := core.NewRecord(supers)
	root.SetEmail(SuperuserEmail)
	root.SetPassword(Password)
	if err := app.Save(root); err != nil {
		return err
	}
	ids["root"] = root.Id
	tokens["root"], err = root.NewAuthToken()
	return err
}

// Save creates a record with the given fields through app.Save (so hooks
// and validation apply) and returns its id; a failure ends the test.
func Save(t testing.TB, app core.App, collection string, fields map[string]any) string {
	t.Helper()
	col, err := app.FindCollectionByNameOrId(collection)
	if err != nil {
		t.Fatal(err)
	}
	rec := core.NewRecord(col)
	for k, v := range fields {
		rec.Set(k, v)
	}
	if err := app.Save(rec); err != nil {
		t.Fatalf("save %s %v: %v", collection, fields, err)
	}
	return rec.Id
}
