// Package trackbase reads trackbase's own export (a zip of one JSON or CSV
// file per collection and manifest.json) back into rows. Every row keeps its
// original id as key and points to the rows of the file it pointed to;
// rows of other owners the export carried (referenced/) become private
// copies of the importing user.
package trackbase

import (
	"archive/zip"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"

	"trackbase/importers"
)

type manifest struct {
	Version     int                          `json:"version"`
	Format      string                       `json:"format"`
	Collections []string                     `json:"collections"`
	Referenced  map[string]int               `json:"referenced"`
	Owners      map[string]string            `json:"owners"`
	Relations   map[string]map[string]string `json:"relations"`
}

// skipped are fields the importing side sets itself.
var skipped = []string{"id", "created", "updated"}

// Parse reads an export archive.
func Parse(in importers.Input, emit func(importers.Row) error) error {
	zr, err := zip.NewReader(in.R, in.Size)
	if err != nil {
		return importers.ErrFormat{Why: "not a zip archive: " + err.Error()}
	}
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[f.Name] = f
	}
	var m manifest
	if err := readJSON(files["manifest.json"], &m); err != nil {
		return importers.ErrFormat{Why: "manifest.json: " + err.Error()}
	}
	if m.Version != 1 || (m.Format != "json" && m.Format != "csv") {
		return importers.ErrFormat{Why: fmt.Sprintf("manifest.json: version %d, format %q is not one this server reads", m.Version, m.Format)}
	}
	inFile := map[string]bool{}
	for _, c := range m.Collections {
		inFile[c] = true
	}
	for c := range m.Referenced {
		inFile[c] = true
	}
	for _, c := range order(m.Collections, m.Relations) {
		for _, ref := range []bool{true, false} {
			name := c + "." + m.Format
			if ref {
				if m.Referenced[c] == 0 {
					continue
				}
				name = "referenced/" + name
			}
			f := files[name]
			if f == nil {
				if ref || !slices.Contains(m.Collections, c) {
					continue
				}
				return importers.ErrFormat{Why: name + " is missing"}
			}
			toRow := func(line int, values map[string]any) error {
				return emit(rowOf(c, line, values, m, inFile, ref))
			}
			if err := readTable(f, m.Format, in.Problem, toRow); err != nil {
				return err
			}
		}
	}
	return nil
}

// order puts every collection after the collections it points to (food_logs
// after foods), keeping the manifest's order otherwise.
func order(names []string, rels map[string]map[string]string) []string {
	var out []string
	done, busy := map[string]bool{}, map[string]bool{}
	var visit func(string)
	visit = func(c string) {
		if done[c] || busy[c] || !slices.Contains(names, c) {
			return
		}
		busy[c] = true
		targets := slices.Sorted(func(yield func(string) bool) {
			for _, t := range rels[c] {
				if !yield(t) {
					return
				}
			}
		})
		for _, t := range targets {
			if t != c {
				visit(t)
			}
		}
		done[c] = true
		out = append(out, c)
	}
	for _, c := range names {
		visit(c)
	}
	return out
}

func rowOf(c string, line int, values map[string]any, m manifest, inFile map[string]bool, referenced bool) importers.Row {
	id, _ := values["id"].(string)
	row := importers.Row{Collection: c, Key: id, Line: line, Fields: map[string]any{}, Refs: map[string]importers.Ref{}}
	for k, v := range values {
		target, isRelation := m.Relations[c][k]
		// a direct owner (user, created_by) is the importing user; a child's
		// owner is its parent in the file, kept as a reference
		if slices.Contains(skipped, k) || k == m.Owners[c] && !inFile[target] {
			continue
		}
		if isRelation && inFile[target] {
			if s, _ := v.(string); s != "" {
				row.Refs[k] = importers.Ref{Collection: target, Key: s}
			}
			continue
		}
		row.Fields[k] = v
	}
	if referenced {
		// another user's public row becomes a private copy
		if _, ok := row.Fields["make_public"]; ok {
			row.Fields["make_public"] = false
		}
	}
	return row
}

func readJSON(f *zip.File, v any) error {
	if f == nil {
		return fmt.Errorf("missing")
	}
	r, err := f.Open()
	if err != nil {
		return err
	}
	defer r.Close()
	return json.NewDecoder(r).Decode(v)
}

// readTable streams one collection's file, calling fn with each row's line
// and values.
func readTable(f *zip.File, format string, problem func(importers.Problem), fn func(int, map[string]any) error) error {
	r, err := f.Open()
	if err != nil {
		return importers.ErrFormat{Why: f.Name + ": " + err.Error()}
	}
	defer r.Close()
	if format == "csv" {
		t, err := importers.ReadTable(r, 0)
		if err != nil {
			return importers.ErrFormat{Why: f.Name + ": " + err.Error()}
		}
		inFile := func(p importers.Problem) { p.Why = f.Name + ": " + p.Why; problem(p) }
		return importers.EachRow(t, inFile, func() error {
			values := map[string]any{}
			for _, h := range t.Header() {
				values[h] = t.Raw(h)
			}
			return fn(t.Line(), values)
		})
	}
	dec := json.NewDecoder(r)
	if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
		return importers.ErrFormat{Why: f.Name + ": not a JSON array"}
	}
	for line := 2; dec.More(); line++ {
		var values map[string]any
		if err := dec.Decode(&values); err != nil {
			return importers.ErrFormat{Why: f.Name + " line " + strconv.Itoa(line) + ": " + err.Error()}
		}
		if err := fn(line, values); err != nil {
			return err
		}
	}
	return nil
}
