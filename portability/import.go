package portability

import (
	"database/sql"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/dbutils"
	"github.com/pocketbase/pocketbase/tools/types"

	"trackbase/collections"
	"trackbase/importers"
	"trackbase/importers/formats"
	"trackbase/registry"
)

// Limits of one import.
const (
	// MaxFileBytes bounds an uploaded file (the CLI reads any size: Apple
	// Health exports are streamed).
	MaxFileBytes = 100 << 20
	// MaxRows bounds the rows one import writes.
	MaxRows = 1_000_000
	// maxProblems are kept in an answer (all are counted).
	maxProblems = 100
)

// Options of one import.
type Options struct {
	Format string
	DryRun bool
	// Unit ("kg" or "lb") overrides the user's preference for weights whose
	// file names no unit.
	Unit string
	// Progress, when set, is told the rows read so far every 1000 rows.
	Progress func(rows int)
}

// Result answers an import (and a dry run: what it would create).
type Result struct {
	Format string `json:"format"`
	DryRun bool   `json:"dry_run"`
	// Created per collection; Existing counts rows already there (imported
	// before, or matched to one of the user's rows) that were left alone.
	Created  map[string]int `json:"created"`
	Existing map[string]int `json:"existing"`
	From     string         `json:"from,omitempty"`
	To       string         `json:"to,omitempty"`
	// Problems are the first lines that could not be read; ProblemCount all.
	Problems     []importers.Problem `json:"problems"`
	ProblemCount int                 `json:"problem_count"`
}

// ErrInput wraps a file that cannot be imported (wrong format, unreadable
// lines, too many rows): the caller's fault, answered with 400.
type ErrInput struct{ Why string }

func (e ErrInput) Error() string { return e.Why }

var errRollback = errors.New("rollback")

// Import reads a file in the given format and writes its rows for the user
// in one transaction: all of them or, on any problem, none (a dry run
// always rolls back and answers what it would have done). Rows already
// imported from the same source (same key) are left alone, so importing a
// file twice creates nothing new.
func Import(app core.App, user *core.Record, file io.ReaderAt, size int64, o Options) (Result, error) {
	parse, ok := formats.Parsers[o.Format]
	if !ok {
		return Result{}, ErrInput{fmt.Sprintf("unknown format %q; known: %s", o.Format, strings.Join(formats.Names(), ", "))}
	}
	unit := o.Unit
	switch {
	case unit == "":
		unit = "kg"
		if user.GetString("unit_preference") == "imperial" {
			unit = "lb"
		}
	case unit != "kg" && unit != "lb":
		return Result{}, ErrInput{"unit must be kg or lb"}
	}
	res := Result{Format: o.Format, DryRun: o.DryRun, Created: map[string]int{}, Existing: map[string]int{}, Problems: []importers.Problem{}}
	problem := func(p importers.Problem) {
		res.ProblemCount++
		if len(res.Problems) < maxProblems {
			res.Problems = append(res.Problems, p)
		}
	}
	var unitNames []string
	if err := app.DB().Select("unit_name").From(collections.Units).Column(&unitNames); err != nil {
		return res, err
	}
	in := importers.Input{R: file, Size: size, Loc: locationOf(user), WeightUnit: unit, Problem: problem, Units: map[string]bool{}}
	for _, u := range unitNames {
		in.Units[u] = true
	}
	err := app.RunInTransaction(func(tx core.App) error {
		w, err := newRowWriter(tx, user, o.Format, &res, problem)
		if err != nil {
			return err
		}
		w.progress = o.Progress
		if err := parse(in, w.emit); err != nil {
			return err
		}
		if o.DryRun || res.ProblemCount > 0 {
			return errRollback
		}
		return nil
	})
	var bad importers.ErrFormat
	switch {
	case errors.As(err, &bad):
		return res, ErrInput{bad.Why}
	case errors.Is(err, errTooMany):
		return res, ErrInput{fmt.Sprintf("more than %d rows in one import; split the file", MaxRows)}
	case err != nil && !errors.Is(err, errRollback):
		return res, err
	case res.ProblemCount > 0 && !o.DryRun:
		return res, ErrInput{fmt.Sprintf("%d lines cannot be imported (first: %s); nothing was written", res.ProblemCount, res.Problems[0])}
	}
	return res, nil
}

func locationOf(user *core.Record) *time.Location {
	if loc, err := time.LoadLocation(user.GetString("timezone")); err == nil {
		return loc
	}
	return time.UTC
}

var errTooMany = errors.New("too many rows")

// rowWriter saves emitted rows for one user.
type rowWriter struct {
	tx       core.App
	user     string
	source   string
	res      *Result
	problem  func(importers.Problem)
	progress func(int)
	owned    map[string]owned
	unique   map[string][][]string
	// ids of rows of the collections others point to, by collection and key
	ids       map[string]map[string]string
	timeField map[string]string
	from, to  time.Time
	rows      int
}

func newRowWriter(tx core.App, user *core.Record, source string, res *Result, problem func(importers.Problem)) (*rowWriter, error) {
	all, err := userCollections(tx)
	if err != nil {
		return nil, err
	}
	w := &rowWriter{tx: tx, user: user.Id, source: source, res: res, problem: problem,
		owned: map[string]owned{}, unique: map[string][][]string{}, ids: map[string]map[string]string{}, timeField: map[string]string{}}
	for _, oc := range all {
		w.owned[oc.col.Name] = oc
		w.unique[oc.col.Name] = uniqueColumns(oc.col, oc.owner.Field)
	}
	for _, oc := range all {
		for _, f := range oc.col.Fields {
			if rel, ok := f.(*core.RelationField); ok {
				if t, err := tx.FindCachedCollectionByNameOrId(rel.CollectionId); err == nil {
					if _, mine := w.owned[t.Name]; mine {
						w.ids[t.Name] = map[string]string{}
					}
				}
			}
		}
	}
	for _, t := range registry.Trackers {
		w.timeField[t.Collection] = t.TimeField
	}
	return w, nil
}

func (w *rowWriter) emit(row importers.Row) error {
	w.rows++
	if w.rows > MaxRows {
		return errTooMany
	}
	if w.progress != nil && w.rows%1000 == 0 {
		w.progress(w.rows)
	}
	oc, ok := w.owned[row.Collection]
	if !ok {
		return fmt.Errorf("importer emitted a row of %q, which holds no user data", row.Collection)
	}
	if _, seen := w.ids[row.Collection][row.Key]; seen {
		return nil // the file names the row again (a workout for each of its sets)
	}
	rec := core.NewRecord(oc.col)
	for k, v := range row.Fields {
		if why := unreadable(oc.col.Fields.GetByName(k), v); why != "" {
			w.problem(importers.Problem{Line: row.Line, Column: k, Why: why})
			return nil
		}
		rec.Set(k, v)
	}
	for field, ref := range row.Refs {
		id, ok := w.ids[ref.Collection][ref.Key]
		if !ok {
			w.problem(importers.Problem{Line: row.Line, Column: field, Why: fmt.Sprintf("refers to %s %q, which is not in the file", ref.Collection, ref.Key)})
			return nil
		}
		rec.Set(field, id)
	}
	owner := w.user
	if oc.owner.Parent != collections.Users {
		owner = rec.GetString(oc.owner.Field)
	}
	rec.Set(oc.owner.Field, owner)
	rec.Set(SourceField, w.source)
	rec.Set(KeyField, row.Key)
	if tf := w.timeField[row.Collection]; tf != "" {
		if t := rec.GetDateTime(tf).Time(); !t.IsZero() {
			if w.from.IsZero() || t.Before(w.from) {
				w.from = t
				w.res.From = t.UTC().Format(time.DateOnly)
			}
			if t.After(w.to) {
				w.to = t
				w.res.To = t.UTC().Format(time.DateOnly)
			}
		}
	}

	id, err := w.existing(oc, rec, row)
	if err != nil {
		return err
	}
	if id == "" {
		if err := w.tx.Save(rec); err != nil {
			var verrs validation.Errors
			if !errors.As(err, &verrs) {
				return err
			}
			for field, e := range verrs {
				w.problem(importers.Problem{Line: row.Line, Column: field, Why: e.Error()})
			}
			return nil
		}
		id = rec.Id
		w.res.Created[row.Collection]++
	} else {
		w.res.Existing[row.Collection]++
	}
	if ids := w.ids[row.Collection]; ids != nil {
		ids[row.Key] = id
	}
	return nil
}

// unreadable says why a value given as text cannot be the field's value
// (PocketBase would quietly read "heavy" as the number 0), "" when it can.
func unreadable(f core.Field, v any) string {
	s, isText := v.(string)
	if f == nil {
		return "no such field"
	}
	if !isText || s == "" {
		return ""
	}
	switch f.(type) {
	case *core.NumberField:
		if _, err := strconv.ParseFloat(s, 64); err != nil {
			return "not a number: " + strconv.Quote(s)
		}
	case *core.BoolField:
		if _, err := strconv.ParseBool(s); err != nil {
			return "not true or false: " + strconv.Quote(s)
		}
	case *core.DateField:
		if _, err := types.ParseDateTime(s); err != nil {
			return "not a date: " + strconv.Quote(s)
		}
	}
	return ""
}

// existing finds the row that stands for rec: one imported before with the
// same key, else one of the user's rows equal in row.Match's fields.
func (w *rowWriter) existing(oc owned, rec *core.Record, row importers.Row) (string, error) {
	owner := rec.GetString(oc.owner.Field)
	var id string
	// the key index is partial (import_key != ''): the query says so too,
	// or SQLite cannot use it and scans the owner's rows for every row
	err := w.tx.DB().Select("id").From(oc.col.Name).Where(dbx.HashExp{
		oc.owner.Field: owner, SourceField: w.source, KeyField: row.Key,
	}).AndWhere(dbx.NewExp(KeyField + " != ''")).Limit(1).Row(&id)
	if err != sql.ErrNoRows {
		return id, err
	}
	// the owner's row equal in the importer's Match fields, or holding the
	// same values of a unique index (a meal's name, a muscle's priority):
	// creating it would fail or duplicate it
	matches := w.unique[row.Collection]
	if len(row.Match) > 0 {
		matches = append([][]string{row.Match}, matches...)
	}
	for _, fields := range matches {
		match := dbx.HashExp{oc.owner.Field: owner}
		for _, f := range fields {
			match[f] = rec.GetRaw(f)
		}
		err = w.tx.DB().Select("id").From(oc.col.Name).Where(match).OrderBy("id").Limit(1).Row(&id)
		if err != sql.ErrNoRows {
			return id, err
		}
	}
	return "", nil
}

// uniqueColumns lists the columns besides the owner field of each unique
// index of c that includes the owner field.
func uniqueColumns(c *core.Collection, ownerField string) [][]string {
	var out [][]string
	for _, raw := range c.Indexes {
		idx := dbutils.ParseIndex(raw)
		if !idx.Unique || idx.Where != "" {
			continue
		}
		var cols []string
		hasOwner := false
		for _, col := range idx.Columns {
			name := strings.Fields(col.Name)[0]
			if name == ownerField {
				hasOwner = true
			} else {
				cols = append(cols, name)
			}
		}
		if hasOwner && len(cols) > 0 {
			out = append(out, cols)
		}
	}
	return out
}
