package importers

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strconv"
	"strings"
	"time"
)

// Table reads a CSV export: a UTF-8 byte order mark is dropped, the
// delimiter (comma or semicolon) is taken from the header line, CRLF and LF
// both end lines, quotes are read leniently and rows may have fewer or more
// columns than the header. Column names are matched without regard to case.
type Table struct {
	r      *csv.Reader
	header []string
	index  map[string]int
	row    []string
	line   int
	skip   int // lines before the header, which the CSV reader does not count
}

// ReadTable reads the header. skip lines before it are dropped (Samsung
// Health writes a line of metadata first).
func ReadTable(r io.Reader, skip int) (*Table, error) {
	br := bufio.NewReader(r)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte{0xEF, 0xBB, 0xBF}) {
		br.Discard(3)
	}
	for range skip {
		if _, err := br.ReadString('\n'); err != nil {
			return nil, ErrFormat{"the file ends before its header"}
		}
	}
	first, _ := br.Peek(4096)
	head, _, _ := bytes.Cut(first, []byte("\n"))
	cr := csv.NewReader(br)
	if bytes.Count(head, []byte(";")) > bytes.Count(head, []byte(",")) {
		cr.Comma = ';'
	}
	cr.LazyQuotes = true
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		return nil, ErrFormat{"no CSV header line"}
	}
	t := &Table{r: cr, header: append([]string(nil), header...), index: map[string]int{}, skip: skip}
	for i, h := range t.header {
		h = strings.ToLower(strings.TrimSpace(h))
		t.header[i] = h
		if _, dup := t.index[h]; !dup {
			t.index[h] = i
		}
	}
	return t, nil
}

// Has tells whether every named column is in the header.
func (t *Table) Has(cols ...string) bool {
	for _, c := range cols {
		if _, ok := t.index[c]; !ok {
			return false
		}
	}
	return true
}

// Header is the lower-cased column names.
func (t *Table) Header() []string { return t.header }

// Next reads the next row; false at the end. A malformed line is returned
// as a Problem and reading goes on.
func (t *Table) Next() (bool, *Problem) {
	for {
		row, err := t.r.Read()
		if errors.Is(err, io.EOF) {
			return false, nil
		}
		line, _ := t.r.FieldPos(0)
		line += t.skip
		t.line = line
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return true, &Problem{Line: pe.Line + t.skip, Why: pe.Err.Error()}
			}
			return false, &Problem{Line: line, Why: err.Error()}
		}
		if len(row) == 1 && strings.TrimSpace(row[0]) == "" {
			continue
		}
		t.row = row
		return true, nil
	}
}

// Line is the line number of the current row.
func (t *Table) Line() int { return t.line }

// Get is the trimmed value of a column of the current row ("" when the row
// or the header has no such column). Values a spreadsheet wrapped in an
// extra pair of quotes ("""Walking, 3.5 mph""") lose them.
func (t *Table) Get(col string) string {
	i, ok := t.index[col]
	if !ok || i >= len(t.row) {
		return ""
	}
	v := strings.TrimSpace(t.row[i])
	for len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
		v = strings.TrimSpace(v[1 : len(v)-1])
	}
	return v
}

// Raw is a column's value as written.
func (t *Table) Raw(col string) string {
	if i, ok := t.index[col]; ok && i < len(t.row) {
		return t.row[i]
	}
	return ""
}

// Number reads an optional number column: ok is false when it is empty;
// a value that is not a number is reported on the row's line.
func (t *Table) Number(col string, problem func(Problem)) (v float64, ok bool) {
	s := t.Get(col)
	if s == "" {
		return 0, false
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", "."), 64)
	if err != nil {
		problem(Problem{Line: t.line, Column: col, Why: "not a number: " + strconv.Quote(s)})
		return 0, false
	}
	return v, true
}

// Time reads a column with the first layout that fits; a layout without a
// zone is read in loc.
func (t *Table) Time(col string, loc *time.Location, problem func(Problem), layouts ...string) (time.Time, bool) {
	s := t.Get(col)
	if s == "" {
		problem(Problem{Line: t.line, Column: col, Why: "no date"})
		return time.Time{}, false
	}
	for _, l := range layouts {
		if v, err := time.ParseInLocation(l, s, loc); err == nil {
			return v, true
		}
	}
	problem(Problem{Line: t.line, Column: col, Why: "not a date: " + strconv.Quote(s)})
	return time.Time{}, false
}
