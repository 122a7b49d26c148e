package hooks

import (
	"database/sql"
	"errors"
	"net/http"
	"regexp"
	"strings"

	"github.com/ganigeorgiev/fexpr"
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/search"

	"trackbase/collections"
)

var recordIDPattern = regexp.MustCompile(`^[a-z0-9]+$`)

// bindListHints narrows list requests of users to their own rows with an
// explicit filter. The list rules say "own rows, or any row for an admin";
// SQLite cannot use the (user, date_time) index for that OR and scans the
// whole table. Where the rule lets the caller see no other rows both say the
// same, so adding `user = "<caller>"` changes no result, only the query
// plan: a scan of every user's rows becomes an index range over the caller's.
func bindListHints(app core.App) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.BindFunc(func(e *core.RequestEvent) error {
			if e.Request.Method != http.MethodGet || e.Auth == nil || e.Auth.Collection().Name != collections.Users ||
				!strings.HasPrefix(e.Request.URL.Path, "/api/collections/") || !strings.HasSuffix(e.Request.URL.Path, "/records") ||
				!recordIDPattern.MatchString(e.Auth.Id) {
				return e.Next()
			}
			collection, err := e.App.FindCachedCollectionByNameOrId(e.Request.PathValue("collection"))
			if err != nil {
				return e.Next()
			}
			info, err := e.RequestInfo()
			if err != nil {
				return err
			}
			owner, err := ownRowsOnly(e.App, collection, info)
			if err != nil {
				return err
			}
			if owner == "" {
				return e.Next()
			}
			query := e.Request.URL.Query()
			hint := owner + ` = "` + e.Auth.Id + `"`
			if f := query.Get("filter"); f != "" {
				hint = "(" + f + ") && " + hint
			}
			query.Set("filter", hint)
			e.Request.URL.RawQuery = query.Encode()
			return e.Next()
		})
		return se.Next()
	})
}

// ownRowsOnly returns the owner path of the collection (collections.Ownership)
// when its list rule lets the caller see only rows of their own, else "".
// That holds when every alternative (`||`) of the rule either requires
// `<owner path> = @request.auth.id` or reads only the request and is false
// for this caller (an admin check). info.Auth is a users record.
func ownRowsOnly(app core.App, c *core.Collection, info *core.RequestInfo) (string, error) {
	g, err := collections.Ownership(app)
	if err != nil {
		return "", err
	}
	o, owned := g[c.Name]
	if !owned || c.ListRule == nil || *c.ListRule == "" {
		return "", nil
	}
	groups, err := fexpr.Parse(*c.ListRule)
	if err != nil {
		return "", nil // the list request reports the broken rule
	}
	var requestOnly []string
	for _, alt := range alternatives(groups) {
		if requiresOwner(alt, o.Path) {
			continue
		}
		text, ok := requestOnlyText(alt)
		if !ok {
			return "", nil // e.g. `make_public = true`: other users' rows are listed too
		}
		requestOnly = append(requestOnly, "("+text+")")
	}
	if len(requestOnly) == 0 {
		return o.Path, nil
	}
	// The request-only alternatives read no row: evaluate them once, over
	// the caller's own users row (the joins @request.auth.* needs are added).
	resolver := core.NewRecordFieldResolver(app, c, info, true)
	expr, err := search.FilterData(strings.Join(requestOnly, " || ")).BuildExpr(resolver)
	if err != nil {
		return "", nil
	}
	query := app.DB().Select("(1)").From(collections.Users).AndWhere(dbx.HashExp{collections.Users + ".id": info.Auth.Id})
	if err := resolver.UpdateQuery(query); err != nil {
		return "", err
	}
	var holds int
	if err := query.AndWhere(expr).Limit(1).Row(&holds); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return "", err
	}
	if holds > 0 {
		return "", nil
	}
	return o.Path, nil
}

// alternatives splits a parsed rule at its top-level `||` (`&&` binds tighter).
func alternatives(groups []fexpr.ExprGroup) [][]fexpr.ExprGroup {
	var alts [][]fexpr.ExprGroup
	for i, grp := range groups {
		if i == 0 || grp.Join == fexpr.JoinOr {
			alts = append(alts, nil)
		}
		alts[len(alts)-1] = append(alts[len(alts)-1], grp)
	}
	return alts
}

// requiresOwner reports whether one of the `&&`-joined terms (parentheses
// without `||` included) is `<path> = @request.auth.id`.
func requiresOwner(alt []fexpr.ExprGroup, path string) bool {
	for _, grp := range alt {
		switch item := grp.Item.(type) {
		case fexpr.Expr:
			if item.Op == fexpr.SignEq && item.Left.Type == fexpr.TokenIdentifier && item.Right.Type == fexpr.TokenIdentifier &&
				(item.Left.Literal == path && item.Right.Literal == "@request.auth.id" ||
					item.Right.Literal == path && item.Left.Literal == "@request.auth.id") {
				return true
			}
		case fexpr.ExprGroup:
			if requiresOwner([]fexpr.ExprGroup{item}, path) {
				return true
			}
		case []fexpr.ExprGroup:
			if len(alternatives(item)) == 1 && requiresOwner(item, path) {
				return true
			}
		}
	}
	return false
}

// requestOnlyText writes the groups back as filter text; ok is false when
// they read a field of the row or use a function.
func requestOnlyText(groups []fexpr.ExprGroup) (text string, ok bool) {
	var b strings.Builder
	for i, grp := range groups {
		if i > 0 {
			b.WriteString(" " + string(grp.Join) + " ")
		}
		var part string
		switch item := grp.Item.(type) {
		case fexpr.Expr:
			l, lok := tokenText(item.Left)
			r, rok := tokenText(item.Right)
			if !lok || !rok {
				return "", false
			}
			part = l + " " + string(item.Op) + " " + r
		case fexpr.ExprGroup:
			part, ok = requestOnlyText([]fexpr.ExprGroup{item})
		case []fexpr.ExprGroup:
			part, ok = requestOnlyText(item)
			part = "(" + part + ")"
		}
		if part == "" {
			return "", false
		}
		b.WriteString(part)
	}
	return b.String(), true
}

func tokenText(t fexpr.Token) (string, bool) {
	switch t.Type {
	case fexpr.TokenNumber:
		return t.Literal, true
	case fexpr.TokenText:
		return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(t.Literal) + `"`, true
	case fexpr.TokenIdentifier:
		switch l := t.Literal; {
		case l == "true" || l == "false" || l == "null" || strings.HasPrefix(l, "@request."):
			return l, true
		}
	}
	return "", false
}
