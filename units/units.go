// Package units converts quantities between the units of the `units`
// collection. It holds no data of its own: the table is read from the
// database (see collections.UnitTable), so an operator who adds a unit in the
// dashboard gets it everywhere at once.
package units

import (
	"fmt"
	"strings"
)

// Categories of the `units` collection.
const (
	Weight = "weight"
	Volume = "volume"
	Length = "length"
	Count  = "count"
	System = "system"
)

// Unit is one row of the `units` collection: value × SIFactor = value in SIUnit.
// SIUnit may itself be a row that points further (oz → g → kg), so every unit
// of a category resolves to the category's root unit (kg, ml, m), see Root.
type Unit struct {
	Name     string
	Category string
	SIUnit   string
	SIFactor float64
}

// Table maps a unit name (case-insensitive, see Lookup) to its unit.
type Table map[string]Unit

// Lookup finds a unit by name, ignoring case and surrounding spaces.
func (t Table) Lookup(name string) (Unit, bool) {
	if u, ok := t[name]; ok {
		return u, true
	}
	u, ok := t[strings.ToLower(strings.TrimSpace(name))]
	return u, ok
}

// Root resolves a unit to the root unit of its category (the row whose SIUnit
// is itself) and the factor to get there: value × factor = value in root.
func (t Table) Root(name string) (float64, string, error) {
	u, ok := t.Lookup(name)
	if !ok {
		return 0, "", fmt.Errorf("unknown unit %q", name)
	}
	factor := 1.0
	for hops := 0; ; hops++ {
		if u.SIFactor <= 0 {
			return 0, "", fmt.Errorf("unit %q has no conversion factor", u.Name)
		}
		factor *= u.SIFactor
		if strings.EqualFold(u.SIUnit, u.Name) {
			return factor, u.Name, nil
		}
		next, ok := t.Lookup(u.SIUnit)
		if !ok || hops > 8 {
			// an SI unit without a row of its own is a root
			return factor, u.SIUnit, nil
		}
		u = next
	}
}

// ToSI converts v from the named unit to the root unit of its category (kg, ml, m, …).
func (t Table) ToSI(v float64, from string) (float64, string, error) {
	f, root, err := t.Root(from)
	if err != nil {
		return 0, "", err
	}
	return v * f, root, nil
}

// Convert converts v between two units of the same category through their root unit.
func (t Table) Convert(v float64, from, to string) (float64, error) {
	if strings.EqualFold(strings.TrimSpace(from), strings.TrimSpace(to)) {
		if _, ok := t.Lookup(from); !ok {
			return 0, fmt.Errorf("unknown unit %q", from)
		}
		return v, nil
	}
	f, fr, err := t.Root(from)
	if err != nil {
		return 0, err
	}
	g, gr, err := t.Root(to)
	if err != nil {
		return 0, err
	}
	if fr != gr {
		return 0, fmt.Errorf("cannot convert %s to %s", from, to)
	}
	return v * f / g, nil
}

// NewTable builds a Table from a list of units, keyed by lower-case name.
func NewTable(list []Unit) Table {
	t := make(Table, len(list))
	for _, u := range list {
		t[strings.ToLower(u.Name)] = u
	}
	return t
}
