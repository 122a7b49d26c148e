package hooks

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"trackbase/collections"
)

// eventCollections have a `date_time` that defaults to now when omitted.
var eventCollections = []string{
	collections.FoodLogs, collections.WeightLogs, collections.BodyMeasurementLogs, collections.WaterLogs,
	collections.StepsLogs, collections.CardioLogs, collections.WorkoutLogs,
}

func bindDefaults(app core.App) {
	app.OnRecordCreate(eventCollections...).BindFunc(func(e *core.RecordEvent) error {
		if e.Record.GetDateTime("date_time").IsZero() {
			e.Record.Set("date_time", types.NowDateTime())
		}
		return e.Next()
	})

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
