package lifestyleapp

import (
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	_ "modernc.org/sqlite" // the Django database is read with its own connection
)

// row is one row of the Django database, every value as its text (NULL as
// absent), as SQLite gives it back whatever the column's declared type.
type row map[string]sql.NullString

func (r row) str(col string) string { return r[col].String }

func (r row) has(col string) bool { return r[col].Valid && r[col].String != "" }

// num reads a decimal or integer column; ok is false for NULL.
func (r row) num(col string) (v float64, ok bool, err error) {
	if !r.has(col) {
		return 0, false, nil
	}
	v, err = strconv.ParseFloat(strings.TrimSpace(r.str(col)), 64)
	if err != nil {
		return 0, false, fmt.Errorf("%s: not a number: %q", col, r.str(col))
	}
	return v, true, nil
}

// Layouts in which Django's SQLite backend (and database/sql, for a column
// the driver reads as a time) writes dates and times. Django stores UTC.
var timeLayouts = []string{
	"2006-01-02 15:04:05.999999999-07:00", "2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04:05.999999999Z07:00", "2006-01-02T15:04:05.999999999", time.DateOnly,
}

// time reads a date or datetime column as UTC; ok is false for NULL.
func (r row) time(col string) (time.Time, bool, error) {
	if !r.has(col) {
		return time.Time{}, false, nil
	}
	s := strings.TrimSpace(r.str(col))
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), true, nil
		}
	}
	return time.Time{}, false, fmt.Errorf("%s: not a date: %q", col, s)
}

// clock reads a TimeField ("23:05:00.000000") as "23:05"; "" for NULL.
func (r row) clock(col string) (string, error) {
	if !r.has(col) {
		return "", nil
	}
	s := strings.TrimSpace(r.str(col))
	for _, l := range []string{"15:04:05.999999999", "15:04"} {
		if t, err := time.Parse(l, s); err == nil {
			return t.Format("15:04"), nil
		}
	}
	for _, l := range timeLayouts { // a time the driver read as a date
		if t, err := time.Parse(l, s); err == nil {
			return t.Format("15:04"), nil
		}
	}
	return "", fmt.Errorf("%s: not a time: %q", col, s)
}

// source is the Django database, opened read-only.
type source struct{ db *dbx.DB }

func openSource(path string) (*source, error) {
	db, err := dbx.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return nil, err
	}
	s := &source{db}
	if ok, err := s.hasTable("users"); err != nil || !ok {
		db.Close()
		if err == nil {
			err = fmt.Errorf("%s has no users table: not a LifestyleApp database", path)
		}
		return nil, err
	}
	return s, nil
}

func (s *source) hasTable(name string) (bool, error) {
	var n int
	err := s.db.Select("count(*)").From("sqlite_master").
		Where(dbx.HashExp{"type": "table", "name": name}).Row(&n)
	return n > 0, err
}

// rows reads a whole table in its primary key's order; a table an older
// database does not have yet reads as empty.
func (s *source) rows(table, pk string) ([]row, error) {
	if ok, err := s.hasTable(table); err != nil || !ok {
		return nil, err
	}
	rs, err := s.db.Select("*").From(table).OrderBy(pk).Rows()
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	var out []row
	for rs.Next() {
		m := dbx.NullStringMap{}
		if err := rs.ScanMap(m); err != nil {
			return nil, err
		}
		out = append(out, row(m))
	}
	return out, rs.Err()
}
