// Package seed implements `trackbase seed`: reference data, deterministic
// dummy data for the demo users and load tests, and clearing. Every run is
// one transaction, so a failure leaves the database as it was.
package seed

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"trackbase/collections"
	migrations "trackbase/pb_migrations"
)

// Options selects what a run does; the steps run in the order clear,
// required, dummy.
type Options struct {
	Clear    bool
	Required bool
	Dummy    bool
	Seed     uint64
	Days     int
	Users    int       // synthetic users added by Dummy
	Today    time.Time // last day of the dummy window (default: now)
	Out      io.Writer
}

// Report says what a run wrote.
type Report struct {
	Rows    map[string]int // rows inserted per table
	Cleared int            // rows deleted
	Elapsed time.Duration
}

// Total is the number of rows inserted.
func (r *Report) Total() int {
	n := 0
	for _, v := range r.Rows {
		n += v
	}
	return n
}

// Print writes the per-table counts, largest first.
func (r *Report) Print(w io.Writer) {
	names := make([]string, 0, len(r.Rows))
	for k := range r.Rows {
		names = append(names, k)
	}
	sort.Slice(names, func(i, j int) bool {
		return r.Rows[names[i]] > r.Rows[names[j]] || r.Rows[names[i]] == r.Rows[names[j]] && names[i] < names[j]
	})
	for _, n := range names {
		fmt.Fprintf(w, "  %-24s %9d\n", n, r.Rows[n])
	}
	secs := r.Elapsed.Seconds()
	rate := 0.0
	if secs > 0 {
		rate = float64(r.Total()) / secs
	}
	fmt.Fprintf(w, "  %-24s %9d rows in %.2fs (%.0f rows/s)\n", "total", r.Total(), secs, rate)
}

// Run performs the selected steps in one transaction.
func Run(app core.App, o Options) (*Report, error) {
	if o.Out == nil {
		o.Out = io.Discard
	}
	if o.Days <= 0 {
		o.Days = 180
	}
	if o.Today.IsZero() {
		o.Today = time.Now()
	}
	rep := &Report{Rows: map[string]int{}}
	started := time.Now()
	err := app.RunInTransaction(func(tx core.App) error {
		if o.Clear {
			fmt.Fprintln(o.Out, "clearing users and user data (reference tables are kept)…")
			n, err := clearUserData(tx, "", nil)
			if err != nil {
				return fmt.Errorf("clear: %w", err)
			}
			rep.Cleared = n
			fmt.Fprintf(o.Out, "  deleted %d rows\n", n)
		}
		if o.Required {
			fmt.Fprintln(o.Out, "reference data (access levels, activity levels, units, muscles)…")
			for _, r := range migrations.ReferenceRows() {
				if err := migrations.InsertReferenceRow(tx, r); err != nil {
					return fmt.Errorf("required data: %w", err)
				}
			}
		}
		if o.Dummy {
			return generate(tx, o, rep)
		}
		return nil
	})
	rep.Elapsed = time.Since(started)
	if err != nil {
		return nil, err
	}
	return rep, nil
}

// dummyUsersFilter selects the users that --dummy owns: the two demo users
// and the synthetic load-test users.
const dummyUsersFilter = `SELECT [[id]] FROM {{users}} WHERE [[username]] IN ({:john}, {:jane}) OR [[username]] LIKE {:synthetic}`

// keptRows are the reference rows of collections that also hold user data:
// the USDA foods and their portions shipped with every install.
var keptRows = map[string]string{
	collections.Foods:        ` WHERE [[source]] != 'usda'`,
	collections.FoodPortions: ` WHERE [[food]] NOT IN (SELECT [[id]] FROM {{foods}} WHERE [[source]] = 'usda')`,
}

// clearUserData deletes users and everything they own. With an empty filter
// it deletes every user and every non-reference collection's rows;
// otherwise only the users selected by the filter subquery (with its
// parameters) and their rows.
func clearUserData(tx core.App, usersFilter string, filterParams dbx.Params) (int, error) {
	all := usersFilter == ""
	if all {
		usersFilter = `SELECT [[id]] FROM {{users}}`
	}
	usersCol, err := tx.FindCollectionByNameOrId(collections.Users)
	if err != nil {
		return 0, err
	}
	var stmts []string
	if all {
		cols, err := tx.FindAllCollections(core.CollectionTypeBase)
		if err != nil {
			return 0, err
		}
		for _, c := range cols {
			if !c.System && !slices.Contains(collections.Reference, c.Name) {
				stmts = append(stmts, `DELETE FROM {{`+c.Name+`}}`+keptRows[c.Name])
			}
		}
	} else if stmts, err = ownedRowDeletes(tx, usersFilter); err != nil {
		return 0, err
	}
	for _, system := range []string{core.CollectionNameExternalAuths, core.CollectionNameAuthOrigins, core.CollectionNameMFAs, core.CollectionNameOTPs} {
		stmts = append(stmts, `DELETE FROM {{`+system+`}} WHERE [[collectionRef]] = {:users} AND [[recordRef]] IN (`+usersFilter+`)`)
	}
	stmts = append(stmts, `DELETE FROM {{users}} WHERE [[id]] IN (`+usersFilter+`)`)

	total := 0
	for _, s := range stmts {
		res, err := tx.DB().NewQuery(s).Bind(dbx.Params{"users": usersCol.Id}).Bind(filterParams).Execute()
		if err != nil {
			return total, fmt.Errorf("%s: %w", strings.Fields(s)[2], err)
		}
		n, _ := res.RowsAffected()
		total += int(n)
	}
	return total, nil
}

// ownedRowDeletes are the statements that delete, before the users selected
// by usersFilter go, the rows that go with them: the rows they own
// (collections.Ownership, so also the foods they created) and the rows that
// refer to a deleted row through a cascading relation (other users' logs of
// those foods), children before the rows their subqueries read.
func ownedRowDeletes(tx core.App, usersFilter string) ([]string, error) {
	graph, err := collections.Ownership(tx)
	if err != nil {
		return nil, err
	}
	cols, err := tx.FindAllCollections(core.CollectionTypeBase)
	if err != nil {
		return nil, err
	}
	names := map[string]string{} // collection id → name
	for _, c := range cols {
		names[c.Id] = c.Name
	}
	usersCol, err := tx.FindCachedCollectionByNameOrId(collections.Users)
	if err != nil {
		return nil, err
	}
	names[usersCol.Id] = collections.Users

	// edges: the single relations along which a deleted row takes the row
	// that refers to it (multiple relations would need json_each; none cascade)
	type edge struct{ field, target string }
	edges := map[string][]edge{}
	for _, c := range cols {
		if c.System {
			continue
		}
		for _, f := range c.Fields {
			rel, ok := f.(*core.RelationField)
			if !ok || rel.IsMultiple() || !rel.CascadeDelete && graph[c.Name].Field != rel.Name {
				continue
			}
			target := names[rel.CollectionId]
			if target == "" || target == c.Name {
				continue
			}
			edges[c.Name] = append(edges[c.Name], edge{rel.Name, target})
		}
	}

	// the rows of a collection that go, as a subquery, once those of every
	// collection it refers to are known; deletes in the reverse order
	selects := map[string]string{collections.Users: usersFilter}
	var stmts []string
	for len(edges) > 0 {
		progress := false
		for name, es := range edges {
			var where []string
			ready := true
			for _, e := range es {
				sel, known := selects[e.target]
				_, pending := edges[e.target]
				if !known && pending {
					ready = false
					break
				}
				if known {
					where = append(where, `[[`+e.field+`]] IN (`+sel+`)`)
				}
			}
			if !ready {
				continue
			}
			delete(edges, name)
			progress = true
			if len(where) == 0 {
				continue // refers to nothing that goes
			}
			cond := strings.Join(where, " OR ")
			selects[name] = `SELECT [[id]] FROM {{` + name + `}} WHERE ` + cond
			stmts = append(stmts, `DELETE FROM {{`+name+`}} WHERE `+cond)
		}
		if !progress {
			return nil, fmt.Errorf("cascading relations form a cycle among %d collections", len(edges))
		}
	}
	slices.Reverse(stmts)
	return stmts, nil
}
