package seed

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// batchRows is how many rows one INSERT carries: one prepared statement per
// table amortises SQL parsing, which dominates row-by-row inserts. More is
// slower: the driver (modernc.org/sqlite) matches each bound value to its
// placeholder with a linear search, so binding costs grow with the square of
// the values per statement (measured: 16 rows 66k rows/s, 64 rows 35k).
const batchRows = 16

// row is one record to insert: values by field name, as stored (dates as
// PocketBase's text). A field left out gets its zero value.
type row map[string]any

// inserter buffers rows of one collection and writes them with prepared
// multi-row INSERTs inside the seed transaction. Values are bound, never
// spliced into the SQL; the statement text only repeats placeholders.
type inserter struct {
	db      dbx.Builder
	table   string
	columns []string // every field of the collection, in schema order
	zero    []any    // each column's value when a row leaves it out
	buf     []any
	full    *dbx.Query
	params  dbx.Params
	names   []string // param names of a full batch, row-major
	count   int
}

// newInserter writes rows of the collection c, whose fields are its columns.
func newInserter(app core.App, c *core.Collection) (*inserter, error) {
	zero, err := core.NewRecord(c).DBExport(app)
	if err != nil {
		return nil, err
	}
	in := &inserter{db: app.DB(), table: c.Name, params: dbx.Params{}}
	for _, f := range c.Fields {
		in.columns = append(in.columns, f.GetName())
		in.zero = append(in.zero, zero[f.GetName()])
	}
	in.names = make([]string, 0, batchRows*len(in.columns))
	for r := 0; r < batchRows; r++ {
		for c := range in.columns {
			in.names = append(in.names, fmt.Sprintf("p%d_%d", r, c))
		}
	}
	return in, nil
}

func (in *inserter) sql(rows int) string {
	cols := make([]string, len(in.columns))
	for i, c := range in.columns {
		cols[i] = "[[" + c + "]]"
	}
	var b strings.Builder
	// OR FAIL: a failing row aborts the whole seed transaction anyway, and
	// without ABORT semantics SQLite skips the per-statement journal, which
	// otherwise dominates the cost of multi-row INSERTs.
	fmt.Fprintf(&b, "INSERT OR FAIL INTO {{%s}} (%s) VALUES ", in.table, strings.Join(cols, ", "))
	for r := 0; r < rows; r++ {
		if r > 0 {
			b.WriteString(", ")
		}
		b.WriteString("(")
		for c := range in.columns {
			if c > 0 {
				b.WriteString(", ")
			}
			b.WriteString("{:" + in.names[r*len(in.columns)+c] + "}")
		}
		b.WriteString(")")
	}
	return b.String()
}

// add queues one row; a field the collection does not have is an error.
func (in *inserter) add(r row) error {
	found := 0
	for i, c := range in.columns {
		v, ok := r[c]
		if ok {
			found++
		} else {
			v = in.zero[i]
		}
		in.buf = append(in.buf, v)
	}
	if found != len(r) {
		in.buf = in.buf[:len(in.buf)-len(in.columns)]
		for k := range r {
			if !slices.Contains(in.columns, k) {
				return fmt.Errorf("%s has no field %q", in.table, k)
			}
		}
	}
	in.count++
	if len(in.buf) == batchRows*len(in.columns) {
		return in.flush()
	}
	return nil
}

func (in *inserter) flush() error {
	rows := len(in.buf) / len(in.columns)
	if rows == 0 {
		return nil
	}
	q, params := in.full, in.params
	if rows < batchRows {
		q, params = in.db.NewQuery(in.sql(rows)), dbx.Params{}
	} else if q == nil {
		in.full = in.db.NewQuery(in.sql(batchRows)).Prepare()
		q = in.full
	}
	for i, v := range in.buf {
		params[in.names[i]] = v
	}
	_, err := q.Bind(params).Execute()
	in.buf = in.buf[:0]
	if err != nil {
		return fmt.Errorf("insert into %s: %w", in.table, err)
	}
	return nil
}

func (in *inserter) close() error {
	err := in.flush()
	if in.full != nil {
		in.full.Close()
	}
	return err
}
