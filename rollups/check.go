package rollups

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"

	"trackbase/collections"
)

// Rebuild recomputes every user's rollups in one transaction, reporting
// progress (users done of all) to progress when it is not nil.
func Rebuild(app core.App, progress func(done, all int)) error {
	return app.RunInTransaction(func(tx core.App) error {
		if _, err := tx.DB().NewQuery(`DELETE FROM {{` + Collection + `}}`).Execute(); err != nil {
			return err
		}
		users, err := userIDs(tx)
		if err != nil {
			return err
		}
		for i, u := range users {
			if err := RecomputeUser(tx, u); err != nil {
				return err
			}
			if progress != nil {
				progress(i+1, len(users))
			}
		}
		return nil
	})
}

// Check compares every stored rollup with Compute's and returns the
// differences, one line each.
func Check(app core.App) ([]string, error) {
	users, err := userIDs(app)
	if err != nil {
		return nil, err
	}
	var diffs []string
	for _, u := range users {
		stored, err := Stored(app, u, "", "9999-12-31")
		if err != nil {
			return nil, err
		}
		want := map[string]*Day{}
		loc, err := userLocation(app, u)
		if err != nil {
			return nil, err
		}
		if from, to, ok, err := History(app, u, loc); err != nil {
			return nil, err
		} else if ok {
			if want, err = Compute(app, u, loc, from, to); err != nil {
				return nil, err
			}
		}
		for _, day := range slices.Sorted(maps.Keys(union(stored, want))) {
			if d := diff(stored[day], want[day]); d != "" {
				diffs = append(diffs, fmt.Sprintf("user %s day %s: %s", u, day, d))
			}
		}
	}
	return diffs, nil
}

// Stored reads the user's stored rollups of the days in [from, to] (YYYY-MM-DD).
func Stored(app core.App, user, from, to string) (map[string]*Day, error) {
	var rows []struct {
		Day      string `db:"day"`
		Entries  int    `db:"entries"`
		Totals   string `db:"totals"`
		Trackers string `db:"trackers"`
	}
	err := app.DB().NewQuery(`SELECT [[day]], [[entries]], [[totals]], [[trackers]] FROM {{` + Collection + `}}
		WHERE [[user]] = {:user} AND [[day]] >= {:from} AND [[day]] <= {:to}`).
		Bind(dbx.Params{"user": user, "from": from, "to": to}).All(&rows)
	if err != nil {
		return nil, err
	}
	out := make(map[string]*Day, len(rows))
	for _, r := range rows {
		d := &Day{Entries: r.Entries}
		if err := json.Unmarshal([]byte(r.Totals), &d.Totals); err != nil {
			return nil, fmt.Errorf("rollup %s of %s: %w", r.Day, user, err)
		}
		if err := json.Unmarshal([]byte(r.Trackers), &d.Trackers); err != nil {
			return nil, fmt.Errorf("rollup %s of %s: %w", r.Day, user, err)
		}
		out[r.Day] = d
	}
	return out, nil
}

// union is a copy of a with b's entries added.
func union[V any](a, b map[string]V) map[string]V {
	out := maps.Clone(a)
	if out == nil {
		out = map[string]V{}
	}
	maps.Copy(out, b)
	return out
}

// diff describes how a stored rollup differs from the recomputed one, ""
// when they agree (sums to 1e-9 relative, since SQLite may add in another order).
func diff(stored, want *Day) string {
	switch {
	case stored == nil:
		return "missing"
	case want == nil:
		return "stored but nothing logged"
	case stored.Entries != want.Entries:
		return fmt.Sprintf("entries %d, recomputed %d", stored.Entries, want.Entries)
	}
	for _, k := range slices.Sorted(maps.Keys(union(stored.Totals, want.Totals))) {
		if !near(stored.Totals[k], want.Totals[k]) {
			return fmt.Sprintf("%s %v, recomputed %v", k, stored.Totals[k], want.Totals[k])
		}
	}
	for _, k := range slices.Sorted(maps.Keys(union(stored.Trackers, want.Trackers))) {
		s, w := stored.Trackers[k], want.Trackers[k]
		if s.Count != w.Count || !near(s.Total, w.Total) {
			return fmt.Sprintf("%s %+v, recomputed %+v", k, s, w)
		}
	}
	return ""
}

func near(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

func userIDs(app core.App) ([]string, error) {
	var ids []string
	err := app.DB().Select("id").From(collections.Users).OrderBy("id").Column(&ids)
	return ids, err
}

// NewCommand returns `rollups --check | --rebuild`.
func NewCommand(app core.App) *cobra.Command {
	var check, rebuild bool
	cmd := &cobra.Command{
		Use:          "rollups",
		Short:        "Compare the daily rollups with the raw rows (--check) or rebuild them (--rebuild)",
		SilenceUsage: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := app.Bootstrap(); err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			start := time.Now()
			switch {
			case rebuild:
				err := Rebuild(app, func(done, all int) {
					if done%100 == 0 || done == all {
						fmt.Fprintf(out, "rebuilt %d/%d users\n", done, all)
					}
				})
				if err != nil {
					return err
				}
				fmt.Fprintf(out, "rebuilt in %s\n", time.Since(start).Round(time.Millisecond))
				return nil
			case check:
				diffs, err := Check(app)
				if err != nil {
					return err
				}
				for _, d := range diffs {
					fmt.Fprintln(out, d)
				}
				return report(out, len(diffs), time.Since(start))
			}
			return fmt.Errorf("say --check or --rebuild")
		},
	}
	cmd.Flags().BoolVar(&check, "check", false, "compare with a recomputation from the raw rows; exit 1 on differences")
	cmd.Flags().BoolVar(&rebuild, "rebuild", false, "recompute every rollup in one transaction")
	return cmd
}

func report(out io.Writer, diffs int, took time.Duration) error {
	if diffs > 0 {
		return fmt.Errorf("%d rollups differ from the raw rows", diffs)
	}
	fmt.Fprintf(out, "rollups match the raw rows (%s)\n", took.Round(time.Millisecond))
	return nil
}
