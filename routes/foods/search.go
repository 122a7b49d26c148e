// Package foods serves the food database endpoints of SPEC §3: ranked search
// (GET /api/foods/search) and barcodes (GET /api/foods/barcode/{code}, with
// an Open Food Facts lookup when configured). Search is also what the meal
// parser matches food names through.
package foods

import (
	"sort"
	"strings"
	"unicode"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"trackbase/collections"
	"trackbase/fooddb"
	"trackbase/routes/common"
)

// Limits of the search.
const (
	defaultLimit, maxLimit = 20, 50
	maxQueryRunes          = 200
	// pool is how many index matches (best by the index's own BM25 order)
	// are ranked; "chicken" alone matches ~600 foods.
	pool = 400
)

// Hit is one ranked search result.
type Hit struct {
	ID    string       `json:"-"`
	Name  string       `json:"-"`
	Match fooddb.Match `json:"match"`
}

// Search ranks the foods the caller of info may list (the foods list rule,
// collections.VisibleFilter) for text, best first, at most limit. Every word
// must match (the last also as a prefix, as typed); when no food holds them
// all, any word may (a misspelt word then only ranks lower).
func Search(app core.App, info *core.RequestInfo, text string, limit int) ([]Hit, error) {
	q := fooddb.ParseQuery(text)
	if len(q.Words) == 0 {
		return nil, nil
	}
	foods, err := app.FindCachedCollectionByNameOrId(collections.Foods)
	if err != nil {
		return nil, err
	}
	visible, err := collections.VisibleFilter(app, foods, info)
	if err != nil {
		return nil, err
	}
	user := info.Auth.Id
	var rows []struct {
		ID       string `db:"id"`
		Name     string `db:"food_name"`
		Brand    string `db:"brand"`
		Creator  string `db:"created_by"`
		Times    int    `db:"times_logged"`
		Portions int    `db:"portions"`
	}
	for _, op := range []string{" AND ", " OR "} {
		err := app.DB().Select("foods.id", "foods.food_name", "foods.brand", "foods.created_by",
			"(SELECT COUNT(*) FROM {{food_logs}} l WHERE l.user = {:user} AND l.food = foods.id) AS times_logged",
			"(SELECT COUNT(*) FROM {{food_portions}} p WHERE p.food = foods.id) AS portions").
			From("foods_fts").
			InnerJoin("foods_fts_ids", dbx.NewExp("foods_fts_ids.rowid = foods_fts.rowid")).
			InnerJoin(collections.Foods, dbx.NewExp("foods.id = foods_fts_ids.food")).
			Where(dbx.NewExp("foods_fts MATCH {:match}", dbx.Params{"match": matchExpr(text, op)})).
			AndWhere(visible).
			OrderBy("bm25(foods_fts)").Limit(pool).
			Bind(dbx.Params{"user": user}).All(&rows)
		if err != nil {
			return nil, err
		}
		if len(rows) > 0 || len(q.Words) == 1 {
			break
		}
	}
	hits := make([]Hit, len(rows))
	for i, r := range rows {
		hits[i] = Hit{ID: r.ID, Name: r.Name, Match: fooddb.Rank(q, fooddb.Candidate{
			Name: r.Name, Brand: r.Brand, Own: r.Creator == user, TimesLogged: r.Times, Portions: r.Portions})}
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].Match.Score > hits[j].Match.Score })
	return hits[:min(limit, len(hits))], nil
}

// matchExpr is the FTS5 query for text: each word as a quoted string (so no
// character of the input is FTS syntax), joined by op; a last word typed
// without a following space also matches as a prefix.
func matchExpr(text, op string) string {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	var terms []string
	for i, w := range words {
		if fooddb.Filler(w) {
			continue
		}
		term := `"` + w + `"`
		if i == len(words)-1 && !unicode.IsSpace(rune(text[len(text)-1])) {
			term = `(` + term + ` OR ` + term + `*)`
		}
		terms = append(terms, term)
	}
	return strings.Join(terms, op)
}

type portion struct {
	ID     string  `db:"id" json:"id"`
	Food   string  `db:"food" json:"-"`
	Amount float64 `db:"amount" json:"amount"`
	Unit   string  `db:"unit" json:"unit"`
	Grams  float64 `db:"grams" json:"grams"`
}

// searchFoods answers GET /api/foods/search?q=&limit=: the ranked foods, each
// with its default portion (null when it has none) and why it matched.
func searchFoods(e *core.RequestEvent) error {
	text := e.Request.URL.Query().Get("q")
	switch n := len([]rune(strings.TrimSpace(text))); {
	case n == 0:
		return common.FieldError(e, "q", "q is required: the words to search food names for.")
	case n > maxQueryRunes:
		return common.FieldError(e, "q", "q must be at most 200 characters.")
	}
	limit, err := common.IntParam(e, "limit", defaultLimit, 1, maxLimit)
	if err != nil {
		return err
	}
	info, err := e.RequestInfo()
	if err != nil {
		return err
	}
	hits, err := Search(e.App, info, text, limit)
	if err != nil {
		return err
	}
	items := make([]map[string]any, 0, len(hits))
	if len(hits) > 0 {
		ids := make([]string, len(hits))
		for i, h := range hits {
			ids[i] = h.ID
		}
		recs, err := e.App.FindRecordsByIds(collections.Foods, ids)
		if err != nil {
			return err
		}
		byID := make(map[string]*core.Record, len(recs))
		for _, r := range recs {
			byID[r.Id] = r
		}
		defaults, err := defaultPortions(e.App, ids)
		if err != nil {
			return err
		}
		for _, h := range hits {
			var dp any // JSON null when the food has no portion
			if p, ok := defaults[h.ID]; ok {
				dp = p
			}
			items = append(items, map[string]any{"food": byID[h.ID], "default_portion": dp, "match": h.Match})
		}
	}
	return common.OK(e, map[string]any{"items": items})
}

// defaultPortions picks each food's default portion (fooddb.DefaultPortion)
// among its portions in their order.
func defaultPortions(app core.App, foodIDs []string) (map[string]portion, error) {
	ids := make([]any, len(foodIDs))
	for i, id := range foodIDs {
		ids[i] = id
	}
	var rows []portion
	if err := app.DB().Select("id", "food", "amount", "unit", "grams").From(collections.FoodPortions).
		Where(dbx.In("food", ids...)).OrderBy("food", "seq", "created").All(&rows); err != nil {
		return nil, err
	}
	byFood := map[string][]portion{}
	for _, p := range rows {
		byFood[p.Food] = append(byFood[p.Food], p)
	}
	out := make(map[string]portion, len(byFood))
	for food, ps := range byFood {
		units := make([]string, len(ps))
		for i, p := range ps {
			units[i] = p.Unit
		}
		if i := fooddb.DefaultPortion(units); i >= 0 {
			out[food] = ps[i]
		}
	}
	return out, nil
}
