// Package importertest runs a parser over a string for the format tests,
// and over the real sample files of ../shared/data/import-samples when they
// are there.
package importertest

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"trackbase/importers"
)

// Parse runs p over text for a user in zone loc whose weight unit is unit.
func Parse(t testing.TB, p importers.Parser, text string, loc *time.Location, unit string) ([]importers.Row, []importers.Problem, error) {
	t.Helper()
	var rows []importers.Row
	var problems []importers.Problem
	r := strings.NewReader(text)
	err := p(importers.Input{R: r, Size: int64(len(text)), Loc: loc, WeightUnit: unit, Units: map[string]bool{"g": true, "ml": true, "serving": true},
		Problem: func(pr importers.Problem) { problems = append(problems, pr) }}, func(row importers.Row) error {
		rows = append(rows, row)
		return nil
	})
	return rows, problems, err
}

// Of keeps the rows of one collection.
func Of(rows []importers.Row, collection string) []importers.Row {
	var out []importers.Row
	for _, r := range rows {
		if r.Collection == collection {
			out = append(out, r)
		}
	}
	return out
}

// Samples runs p over every file of the sample folder dir (e.g. "strong")
// and fails on a format error or a problem; it skips when the folder of
// samples is not there.
func Samples(t *testing.T, p importers.Parser, dir string, wantRows int) {
	_, here, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(here), "..", "..", "..", "shared", "data", "import-samples", dir)
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Skipf("no samples at %s", root)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(root, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		rows, problems, err := Parse(t, p, string(b), time.UTC, "kg")
		if err != nil {
			t.Errorf("%s: %v", e.Name(), err)
			continue
		}
		if len(problems) > 0 {
			t.Errorf("%s: %d problems, first %v", e.Name(), len(problems), problems[0])
		}
		if len(rows) < wantRows {
			t.Errorf("%s: %d rows", e.Name(), len(rows))
		}
		t.Logf("%s: %d rows", e.Name(), len(rows))
	}
}
