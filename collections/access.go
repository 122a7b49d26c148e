package collections

import (
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/search"
)

// AsUser is the request info of user for checks made on their behalf outside
// a request of theirs (a hook checking what a row of theirs refers to).
func AsUser(user *core.Record) *core.RequestInfo {
	return &core.RequestInfo{Auth: user, Context: core.RequestInfoContextDefault}
}

// CanView reports whether the caller of info may view record: its
// collection's view rule decides, as for GET /api/collections/…/records/{id}.
func CanView(app core.App, record *core.Record, info *core.RequestInfo) (bool, error) {
	return app.CanAccessRecord(record, info, record.Collection().ViewRule)
}

// VisibleFilter is the condition a custom query over collection (under its
// own name) adds to keep the rows the caller of info may list: the
// collection's list rule, resolved by PocketBase as for
// GET /api/collections/…/records, so a rule change changes every query.
func VisibleFilter(app core.App, collection *core.Collection, info *core.RequestInfo) (dbx.Expression, error) {
	switch {
	case info.HasSuperuserAuth():
		return dbx.NewExp("1=1"), nil
	case collection.ListRule == nil:
		return dbx.NewExp("1=0"), nil
	case *collection.ListRule == "":
		return dbx.NewExp("1=1"), nil
	}
	// the rule may join other tables (a back relation): a subquery keeps
	// those joins out of the caller's query
	id := collection.Name + ".id"
	query := app.DB().Select(id).From(collection.Name)
	resolver := core.NewRecordFieldResolver(app, collection, info, true)
	expr, err := search.FilterData(*collection.ListRule).BuildExpr(resolver)
	if err != nil {
		return nil, err
	}
	if err := resolver.UpdateQuery(query); err != nil {
		return nil, err
	}
	built := query.AndWhere(expr).Build()
	return dbx.NewExp("[["+id+"]] IN ("+built.SQL()+")", built.Params()), nil
}
