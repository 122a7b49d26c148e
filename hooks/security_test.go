package hooks_test

import (
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"trackbase/collections"
	"trackbase/internal/testapp"
)

func findUser(t testing.TB, app core.App, username string) *core.Record {
	t.Helper()
	record, err := app.FindRecordById(collections.Users, testapp.ID(username))
	if err != nil {
		t.Fatal(err)
	}
	return record
}
