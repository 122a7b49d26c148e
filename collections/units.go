package collections

import (
	"github.com/pocketbase/pocketbase/core"

	"trackbase/units"
)

const unitCacheKey = "trackbase.unitTable"

// UnitTable returns the `units` collection as a conversion table. It is read
// once and cached in the app store; hooks drop the cache when a unit changes.
func UnitTable(app core.App) (units.Table, error) {
	if t, ok := app.Store().Get(unitCacheKey).(units.Table); ok {
		return t, nil
	}
	rows := []struct {
		Name     string  `db:"unit_name"`
		Category string  `db:"category"`
		SIUnit   string  `db:"si_unit"`
		SIFactor float64 `db:"si_factor"`
	}{}
	if err := app.DB().Select("unit_name", "category", "si_unit", "si_factor").From(Units).All(&rows); err != nil {
		return nil, err
	}
	list := make([]units.Unit, len(rows))
	for i, r := range rows {
		list[i] = units.Unit{Name: r.Name, Category: r.Category, SIUnit: r.SIUnit, SIFactor: r.SIFactor}
	}
	t := units.NewTable(list)
	app.Store().Set(unitCacheKey, t)
	return t, nil
}

// ForgetUnits drops the cached unit table.
func ForgetUnits(app core.App) { app.Store().Remove(unitCacheKey) }
