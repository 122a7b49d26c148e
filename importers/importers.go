// Package importers reads other apps' export files into rows of trackbase's
// collections. It is pure: a parser reads a file and emits rows with symbolic
// references between them; the portability package writes them (one
// transaction, idempotent by each row's source and key). The formats live in
// sub-packages, one per app, and are listed in importers/formats.
package importers

import (
	"fmt"
	"io"
	"time"
)

// Ref points from a row to another row of the same import, by its key.
type Ref struct {
	Collection string
	Key        string
}

// Row is one record to create for the importing user. The framework sets the
// owner field, the import source and Key, and resolves Refs to record ids.
type Row struct {
	Collection string
	// Key identifies the row within its source and collection: importing a
	// row whose key is already there creates nothing.
	Key    string
	Fields map[string]any
	Refs   map[string]Ref
	// Match lists fields that, when all equal to those of one of the user's
	// own rows, make that row stand for this one (a food matched by name
	// where that is safe) instead of creating a new one.
	Match []string
	// Line of the file the row comes from (0 when none), named in problems
	// the framework finds (a value out of range).
	Line int
}

// Problem is a line that cannot be read.
type Problem struct {
	Line   int    `json:"line"`
	Column string `json:"column,omitempty"`
	Why    string `json:"why"`
}

func (p Problem) String() string {
	if p.Column == "" {
		return fmt.Sprintf("line %d: %s", p.Line, p.Why)
	}
	return fmt.Sprintf("line %d, column %q: %s", p.Line, p.Column, p.Why)
}

// Input is what a parser reads and the user's settings it needs.
type Input struct {
	R    io.ReaderAt
	Size int64
	// Loc reads times written without a zone.
	Loc *time.Location
	// WeightUnit ("kg" or "lb") for weights whose file names no unit.
	WeightUnit string
	// Units are the unit names a food's serving may have (the units
	// collection).
	Units map[string]bool
	// Problem reports a line the parser skips; the import then writes nothing.
	Problem func(Problem)
}

// Reader reads the whole input from its start.
func (in Input) Reader() io.Reader { return io.NewSectionReader(in.R, 0, in.Size) }

// Parser reads one app's file and emits rows; parents before the rows that
// refer to them. An error means the file is not one it reads at all.
type Parser func(in Input, emit func(Row) error) error

// ErrFormat is returned (wrapped) for a file that is not of the format asked.
type ErrFormat struct{ Why string }

func (e ErrFormat) Error() string { return e.Why }
