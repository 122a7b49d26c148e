package hooks_test

import (
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"trackbase/collections"
	"trackbase/internal/testapp"
)

func findFixtureUser(t testing.TB, app core.App, username string) *core.Record {
	t.Helper()
	rec, err := app.FindRecordById(collections.Users, testapp.ID(username))
	if err != nil {
		t.Fatalf("user %s: %v", username, err)
	}
	return rec
}
