package portability

import (
	"archive/zip"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"trackbase/collections"
)

// FormatVersion is the version of the export layout in manifest.json.
const FormatVersion = 1

// pageSize is how many rows an export reads at a time.
const pageSize = 500

// Manifest describes an export; it is the archive's manifest.json.
type Manifest struct {
	Version int `json:"version"`
	// Collections in the order written.
	Collections []string          `json:"collections"`
	Format      string            `json:"format"`
	ExportedAt  string            `json:"exported_at"`
	User        string            `json:"user"`
	TimeZone    string            `json:"time_zone"`
	Counts      map[string]int    `json:"counts"`
	Referenced  map[string]int    `json:"referenced"`
	Owners      map[string]string `json:"owners"`
	// Relations maps a collection's relation fields to the collection they
	// point to, so an import can link rows again without the schema.
	Relations map[string]map[string]string `json:"relations"`
}

// ExportFormats are the layouts an export can have.
var ExportFormats = []string{"json", "csv"}

// Export writes a zip of all of the user's rows to w: one file per
// collection of their data (<collection>.json or .csv), the rows of other
// owners their rows point to (foods, public workouts) under referenced/
// without their owner, and manifest.json. Rows are read a page at a time
// and streamed, so memory stays flat however long the history; only the ids
// of referenced rows are kept.
func Export(app core.App, user *core.Record, format string, w io.Writer) (Manifest, error) {
	if !slices.Contains(ExportFormats, format) {
		return Manifest{}, fmt.Errorf("unknown export format %q", format)
	}
	all, err := userCollections(app)
	if err != nil {
		return Manifest{}, err
	}
	g, err := collections.Ownership(app)
	if err != nil {
		return Manifest{}, err
	}
	m := Manifest{
		Version: FormatVersion, Format: format, ExportedAt: time.Now().UTC().Format(time.RFC3339),
		User: user.GetString("username"), TimeZone: user.GetString("timezone"),
		Counts: map[string]int{}, Referenced: map[string]int{}, Owners: map[string]string{},
		Relations: map[string]map[string]string{},
	}
	zw := zip.NewWriter(w)
	// ids of rows of owned collections that exported rows point to, and of
	// the user's own rows of those collections
	pointedTo, own := map[string]map[string]bool{}, map[string]map[string]bool{}
	for _, oc := range all {
		m.Owners[oc.col.Name] = oc.owner.Field
		rels := map[string]string{}
		for _, f := range oc.col.Fields {
			if rel, ok := f.(*core.RelationField); ok {
				if target, err := app.FindCachedCollectionByNameOrId(rel.CollectionId); err == nil {
					rels[rel.Name] = target.Name
					if _, isOwned := g[target.Name]; isOwned && target.Name != collections.Users {
						if pointedTo[target.Name] == nil {
							pointedTo[target.Name], own[target.Name] = map[string]bool{}, map[string]bool{}
						}
					}
				}
			}
		}
		m.Relations[oc.col.Name] = rels
	}
	for _, oc := range all {
		out, err := newTableWriter(zw, oc.col.Name, format, exportedFields(oc.col))
		if err != nil {
			return m, err
		}
		n, err := eachPage(app, oc.col, oc.owner.Path+" = {:user}", dbx.Params{"user": user.Id}, func(r *core.Record) error {
			if ids := own[oc.col.Name]; ids != nil {
				ids[r.Id] = true
			}
			notePointers(r, m.Relations[oc.col.Name], pointedTo)
			return out.write(r)
		})
		if err != nil {
			return m, err
		}
		if err := out.close(); err != nil {
			return m, err
		}
		m.Counts[oc.col.Name] = n
		m.Collections = append(m.Collections, oc.col.Name)
	}
	// other owners' rows, in graph order so a referenced row's own pointers
	// (a portion's food) are collected before their collection is written
	for _, name := range g.Names() {
		ids := pointedTo[name]
		var missing []string
		for id := range ids {
			if !own[name][id] {
				missing = append(missing, id)
			}
		}
		if len(missing) == 0 {
			continue
		}
		slices.Sort(missing)
		col, err := app.FindCachedCollectionByNameOrId(name)
		if err != nil {
			return m, err
		}
		out, err := newTableWriter(zw, "referenced/"+name, format, exportedFields(col))
		if err != nil {
			return m, err
		}
		for start := 0; start < len(missing); start += pageSize {
			recs, err := app.FindRecordsByIds(col, missing[start:min(start+pageSize, len(missing))])
			if err != nil {
				return m, err
			}
			for _, r := range recs {
				notePointers(r, m.Relations[name], pointedTo)
				r.Set(g[name].Field, "") // another user's id is not the caller's to have
				if err := out.write(r); err != nil {
					return m, err
				}
				m.Referenced[name]++
			}
		}
		if err := out.close(); err != nil {
			return m, err
		}
	}
	mw, err := zw.Create("manifest.json")
	if err != nil {
		return m, err
	}
	enc := json.NewEncoder(mw)
	enc.SetIndent("", "  ")
	if err := enc.Encode(m); err != nil {
		return m, err
	}
	return m, zw.Close()
}

// notePointers adds the ids r's relation fields hold to the sets of the
// collections they point to.
func notePointers(r *core.Record, rels map[string]string, pointedTo map[string]map[string]bool) {
	for field, target := range rels {
		if ids := pointedTo[target]; ids != nil {
			for _, id := range r.GetStringSlice(field) {
				ids[id] = true
			}
		}
	}
}

// eachPage calls fn for every row of c matching filter, reading pageSize rows
// at a time in id order (keyset paging: each page is an index range).
func eachPage(app core.App, c *core.Collection, filter string, params dbx.Params, fn func(*core.Record) error) (int, error) {
	n, last := 0, ""
	for {
		params["last"] = last
		recs, err := app.FindRecordsByFilter(c, "("+filter+") && id > {:last}", "id", pageSize, 0, params)
		if err != nil {
			return n, err
		}
		for _, r := range recs {
			if err := fn(r); err != nil {
				return n, err
			}
			n++
		}
		if len(recs) < pageSize {
			return n, nil
		}
		last = recs[len(recs)-1].Id
	}
}

// tableWriter writes one collection's rows as a JSON array (one object per
// line) or as CSV with the field names as header.
type tableWriter struct {
	w      io.Writer
	csv    *csv.Writer
	fields []core.Field
	first  bool
}

func newTableWriter(zw *zip.Writer, name, format string, fields []core.Field) (*tableWriter, error) {
	w, err := zw.CreateHeader(&zip.FileHeader{Name: name + "." + format, Method: zip.Deflate, Modified: time.Now()})
	if err != nil {
		return nil, err
	}
	t := &tableWriter{w: w, fields: fields, first: true}
	if format == "csv" {
		t.csv = csv.NewWriter(w)
		header := make([]string, len(fields))
		for i, f := range fields {
			header[i] = f.GetName()
		}
		return t, t.csv.Write(header)
	}
	_, err = io.WriteString(w, "[")
	return t, err
}

func (t *tableWriter) write(r *core.Record) error {
	if t.csv != nil {
		row := make([]string, len(t.fields))
		for i, f := range t.fields {
			row[i] = cellOf(r, f)
		}
		return t.csv.Write(row)
	}
	obj := make(map[string]any, len(t.fields))
	for _, f := range t.fields {
		obj[f.GetName()] = r.Get(f.GetName())
	}
	b, err := json.Marshal(obj)
	if err != nil {
		return err
	}
	sep := ",\n"
	if t.first {
		sep, t.first = "\n", false
	}
	_, err = io.WriteString(t.w, sep+string(b))
	return err
}

func (t *tableWriter) close() error {
	if t.csv != nil {
		t.csv.Flush()
		return t.csv.Error()
	}
	_, err := io.WriteString(t.w, "\n]\n")
	return err
}

// cellOf is a field's value as CSV text: lists (multiple relations, selects)
// as JSON, everything else as its stored text.
func cellOf(r *core.Record, f core.Field) string {
	if m, ok := f.(core.MultiValuer); ok && m.IsMultiple() {
		b, _ := json.Marshal(r.GetStringSlice(f.GetName()))
		return string(b)
	}
	return r.GetString(f.GetName())
}
