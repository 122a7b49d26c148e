package hooks

import (
	"database/sql"
	"errors"
	"net/http"
	"regexp"
	"strings"
	"sync"

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
	plan := planHint(o.Path, *c.ListRule)
	if !plan.possible {
		return "", nil
	}
	if plan.requestOnly == "" {
		return o.Path, nil
	}
	holds, err := requestOnlyHolds(app, c, info, plan)
	if err != nil || holds {
		return "", err
	}
	return o.Path, nil
}

// requestOnlyHolds evaluates the plan's request-only alternatives for the
// caller: in Go when they only compare the caller's own fields with text
// (an admin check), else once in SQL over the caller's users row, with the
// joins that @request.auth.* needs.
func requestOnlyHolds(app core.App, c *core.Collection, info *core.RequestInfo, plan hintPlan) (bool, error) {
	if holds, ok := authTermsHold(plan.parsed, info.Auth); ok {
		return holds, nil
	}
	resolver := core.NewRecordFieldResolver(app, c, info, true)
	expr, err := search.FilterData(plan.requestOnly).BuildExpr(resolver)
	if err != nil {
		return true, nil // no hint: the list request applies the rule itself
	}
	query := app.DB().Select("(1)").From(collections.Users).AndWhere(dbx.HashExp{collections.Users + ".id": info.Auth.Id})
	if err := resolver.UpdateQuery(query); err != nil {
		return false, err
	}
	var holds int
	if err := query.AndWhere(expr).Limit(1).Row(&holds); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return false, err
	}
	return holds > 0, nil
}

// authTermsHold evaluates groups made of `@request.auth.<field> = "text"`
// (or !=) terms against the caller's record; ok is false for anything else.
func authTermsHold(groups []fexpr.ExprGroup, auth *core.Record) (holds, ok bool) {
	for _, alt := range alternatives(groups) {
		all := true
		for _, grp := range alt {
			var v bool
			switch item := grp.Item.(type) {
			case fexpr.Expr:
				field, text, isTerm := authTerm(item)
				if !isTerm || item.Op != fexpr.SignEq && item.Op != fexpr.SignNeq || auth.Collection().Fields.GetByName(field) == nil {
					return false, false // (an unknown field is NULL in SQL, which no comparison matches)
				}
				v = (auth.GetString(field) == text) == (item.Op == fexpr.SignEq)
			case fexpr.ExprGroup:
				if v, ok = authTermsHold([]fexpr.ExprGroup{item}, auth); !ok {
					return false, false
				}
			case []fexpr.ExprGroup:
				if v, ok = authTermsHold(item, auth); !ok {
					return false, false
				}
			}
			all = all && v
		}
		holds = holds || all
	}
	return holds, true
}

// authTerm reads `@request.auth.<field>` compared with a text, either way round.
func authTerm(e fexpr.Expr) (field, text string, ok bool) {
	l, r := e.Left, e.Right
	if l.Type == fexpr.TokenText {
		l, r = r, l
	}
	name, isAuth := strings.CutPrefix(l.Literal, "@request.auth.")
	if l.Type != fexpr.TokenIdentifier || !isAuth || r.Type != fexpr.TokenText || !plainField.MatchString(name) {
		return "", "", false
	}
	return name, r.Literal, true
}

var plainField = regexp.MustCompile(`^\w+$`)

// hintPlan says when a list rule allows the owner filter: never (possible is
// false), always (requestOnly is empty), or when requestOnly, the rule's
// alternatives that read only the request, is false for the caller.
type hintPlan struct {
	possible    bool
	requestOnly string
	parsed      []fexpr.ExprGroup
}

// hintPlans memoises planHint by owner path and rule: parsing a rule costs
// more than the rest of the check.
var hintPlans sync.Map

func planHint(path, rule string) hintPlan {
	key := path + "\x00" + rule
	if p, ok := hintPlans.Load(key); ok {
		return p.(hintPlan)
	}
	p := hintPlan{}
	if groups, err := fexpr.Parse(rule); err == nil { // else the list request reports the broken rule
		p.possible = true
		var requestOnly []string
		for _, alt := range alternatives(groups) {
			if requiresOwner(alt, path) {
				continue
			}
			text, ok := requestOnlyText(alt)
			if !ok {
				p.possible = false // e.g. `make_public = true`: other users' rows are listed too
				break
			}
			requestOnly = append(requestOnly, "("+text+")")
		}
		p.requestOnly = strings.Join(requestOnly, " || ")
		if p.possible && p.requestOnly != "" {
			p.parsed, _ = fexpr.Parse(p.requestOnly)
		}
	}
	hintPlans.Store(key, p)
	return p
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
func requestOnlyText(groups []fexpr.ExprGroup) (string, bool) {
	var b strings.Builder
	for i, grp := range groups {
		if i > 0 {
			b.WriteString(" " + string(grp.Join) + " ")
		}
		switch item := grp.Item.(type) {
		case fexpr.Expr:
			l, lok := tokenText(item.Left)
			r, rok := tokenText(item.Right)
			if !lok || !rok {
				return "", false
			}
			b.WriteString(l + " " + string(item.Op) + " " + r)
		case fexpr.ExprGroup, []fexpr.ExprGroup:
			inner, isSlice := item.([]fexpr.ExprGroup)
			if !isSlice {
				inner = []fexpr.ExprGroup{item.(fexpr.ExprGroup)}
			}
			part, ok := requestOnlyText(inner)
			if !ok {
				return "", false
			}
			b.WriteString("(" + part + ")")
		default:
			return "", false
		}
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
