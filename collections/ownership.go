package collections

import (
	"sort"

	"github.com/pocketbase/pocketbase/core"
)

const ownershipCacheKey = "trackbase.ownership"

// Owner says whose the rows of one collection are.
type Owner struct {
	// Field is the relation naming the owning user (Parent is Users) or the
	// row of an owned collection the row belongs to (meal_foods.meal).
	Field  string
	Parent string
	// Path is the filter path from a row to its owner's id ("split_day.split.user").
	Path string
	// Depth is the number of relations on Path (1 for a direct owner).
	Depth int
	// Required: every row has an owner. Rows of an optional owner field
	// (foods.created_by, api_usage_logs.user) may belong to nobody.
	Required bool
}

// Graph maps each owned collection to its owner. It is derived from the
// schema, so a new collection with a relation to users is owned without
// being listed anywhere.
type Graph map[string]Owner

// Names lists the owned collections, parents before children and by name
// within a depth.
func (g Graph) Names() []string {
	names := make([]string, 0, len(g))
	for n := range g {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		a, b := g[names[i]], g[names[j]]
		return a.Depth < b.Depth || a.Depth == b.Depth && names[i] < names[j]
	})
	return names
}

// Ownership returns the ownership graph of the app's schema. A collection is
// owned directly by a single relation to users (a required one preferred),
// or else through a required single relation to an owned collection
// (split_days.split → splits.user): its rows belong to whoever owns their
// parent. It is computed once and cached in the app store; hooks drop it
// when a collection changes.
func Ownership(app core.App) (Graph, error) {
	if g, ok := app.Store().Get(ownershipCacheKey).(Graph); ok {
		return g, nil
	}
	all, err := app.FindAllCollections(core.CollectionTypeBase, core.CollectionTypeAuth)
	if err != nil {
		return nil, err
	}
	g := ownershipOf(all)
	app.Store().Set(ownershipCacheKey, g)
	return g, nil
}

// ForgetOwnership drops the cached graph.
func ForgetOwnership(app core.App) { app.Store().Remove(ownershipCacheKey) }

func ownershipOf(all []*core.Collection) Graph {
	byID := make(map[string]*core.Collection, len(all))
	for _, c := range all {
		byID[c.Id] = c
	}
	single := func(f core.Field) (*core.RelationField, *core.Collection) {
		rel, ok := f.(*core.RelationField)
		if !ok || rel.IsMultiple() {
			return nil, nil
		}
		return rel, byID[rel.CollectionId]
	}

	g := Graph{}
	for _, c := range all {
		if c.System || c.Name == Users {
			continue
		}
		for _, f := range c.Fields {
			rel, target := single(f)
			if target == nil || target.Name != Users {
				continue
			}
			if o, seen := g[c.Name]; !seen || rel.Required && !o.Required {
				g[c.Name] = Owner{Field: rel.Name, Parent: Users, Path: rel.Name, Depth: 1, Required: rel.Required}
			}
		}
	}
	// owners through a parent: the best required relation to an owned
	// collection, a parent whose every row has an owner first (meal_foods
	// belongs to its meal, not to its food's creator), then the shorter path.
	// Each pass can only improve an owner, so a pass per collection suffices.
	better := func(a, b Owner) bool {
		return a.Required != b.Required && a.Required || a.Required == b.Required && a.Depth < b.Depth
	}
	for pass, changed := 0, true; changed && pass <= len(all); pass++ {
		changed = false
		for _, c := range all {
			if o, owned := g[c.Name]; owned && o.Parent == Users || c.System || c.Name == Users {
				continue
			}
			best, found := g[c.Name]
			for _, f := range c.Fields {
				rel, target := single(f)
				if target == nil || !rel.Required || target.Name == c.Name {
					continue
				}
				p, ok := g[target.Name]
				if !ok {
					continue
				}
				cand := Owner{Field: rel.Name, Parent: target.Name, Path: rel.Name + "." + p.Path, Depth: p.Depth + 1, Required: p.Required}
				if !found || better(cand, best) {
					best, found = cand, true
				}
			}
			if found && best != g[c.Name] {
				g[c.Name] = best
				changed = true
			}
		}
	}
	return g
}
