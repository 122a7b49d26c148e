package hooks

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"trackbase/collections"
	"trackbase/registry"
)

func bindDefaults(app core.App) {
	// a tracker's instant defaults to now when omitted (a calendar date does not)
	for _, t := range registry.Trackers {
		if t.DateOnly() {
			continue
		}
		app.OnRecordCreate(t.Collection).BindFunc(func(e *core.RecordEvent) error {
			if e.Record.GetDateTime(t.TimeField).IsZero() {
				e.Record.Set(t.TimeField, types.NowDateTime())
			}
			return e.Next()
		})
	}

	app.OnRecordCreate(collections.MuscleLogs).BindFunc(func(e *core.RecordEvent) error {
		if e.Record.GetInt("priority") == 0 {
			e.Record.Set("priority", defaultMusclePriority)
		}
		return e.Next()
	})

	app.OnRecordCreate(collections.WorkoutLogs).BindFunc(func(e *core.RecordEvent) error {
		if e.Record.GetString("weight_unit") == "" {
			e.Record.Set("weight_unit", "kg")
		}
		if e.Record.GetString("attributes") == "" || e.Record.GetString("attributes") == "null" {
			e.Record.Set("attributes", []string{})
		}
		if e.Record.GetString("attribute_inputs") == "" || e.Record.GetString("attribute_inputs") == "null" {
			e.Record.Set("attribute_inputs", map[string]any{})
		}
		return e.Next()
	})
}
