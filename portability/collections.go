// Package portability takes a user's data out (export) and brings rows in
// (import) for the HTTP routes and the CLI alike. Which collections hold a
// user's data comes from the ownership graph: a collection owned by a user
// (directly or through a parent) whose rows the owner creates is exported
// and importable, so a new tracker needs no code here.
package portability

import (
	"database/sql"
	"errors"

	"github.com/pocketbase/pocketbase/core"

	"trackbase/collections"
)

// Fields every importable collection has (a migration adds them).
const (
	SourceField = "import_source"
	KeyField    = "import_key"
)

// owned is one collection of a user's data.
type owned struct {
	col   *core.Collection
	owner collections.Owner
}

// userCollections lists the collections of a user's data, parents before
// children: the owned collections with a create rule (rows the server writes
// for itself, such as api_usage_logs and error_logs, are not the user's to
// take or bring).
func userCollections(app core.App) ([]owned, error) {
	g, err := collections.Ownership(app)
	if err != nil {
		return nil, err
	}
	var out []owned
	for _, name := range g.Names() {
		c, err := app.FindCachedCollectionByNameOrId(name)
		if err != nil {
			return nil, err
		}
		if c.CreateRule != nil {
			out = append(out, owned{c, g[name]})
		}
	}
	return out, nil
}

// exportedFields are the fields of c written to an export: all but the
// import bookkeeping.
func exportedFields(c *core.Collection) []core.Field {
	var out []core.Field
	for _, f := range c.Fields {
		if n := f.GetName(); n != SourceField && n != KeyField && f.Type() != core.FieldTypePassword {
			out = append(out, f)
		}
	}
	return out
}

func ignoreNoRows(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	return err
}
