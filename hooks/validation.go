package hooks

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cast"

	"trackbase/collections"
	"trackbase/registry"
)

// maxWeightKg caps a logged body weight whatever unit it is logged in.
const maxWeightKg = 700

func fieldError(field, code, message string) error {
	return validation.Errors{field: validation.NewError(code, message)}
}

// bindValidation adds the checks a field definition cannot express. They run
// on every save (API, dashboard, seed), so a bad row never reaches the table.
// They run after the field validators, so they only see well-formed values
// (a "25:00" bed time is reported as such, not read as midnight).
func bindValidation(app core.App) {
	check := func(name string, fn func(app core.App, r *core.Record) error) {
		app.OnRecordValidate(name).BindFunc(func(e *core.RecordEvent) error {
			if err := e.Next(); err != nil {
				return err
			}
			return fn(e.App, e.Record)
		})
	}
	app.OnRecordCreateRequest().BindFunc(refuseUnreadableValues)
	app.OnRecordUpdateRequest().BindFunc(refuseUnreadableValues)

	check(collections.Users, validateUser)
	check(collections.WeightLogs, validateWeightLog)
	check(collections.BodyMeasurementLogs, validateBodyMeasurement)
	check(collections.SleepLogs, validateSleep)
	check(collections.HealthMetricsLogs, validateHealthMetrics)
	check(collections.Foods, validateFood)
	check(collections.FoodLogs, validateFoodLog)
	check(collections.MealFoods, validateMealFood)
	check(collections.WorkoutLogs, validateWorkoutLog)
	for _, t := range registry.Trackers {
		if a := t.Amount; a != nil {
			check(t.Collection, func(app core.App, r *core.Record) error { return validateAmount(app, r, a) })
		}
	}
}

// validateAmount bounds a tracker's measured value whatever unit it is in.
func validateAmount(app core.App, r *core.Record, a *registry.Amount) error {
	table, err := collections.UnitTable(app)
	if err != nil {
		return err
	}
	v, err := table.Convert(r.GetFloat(a.Field), r.GetString(a.UnitField), a.Unit)
	if err != nil {
		return fieldError(a.UnitField, "validation_unknown_unit", err.Error())
	}
	if v > a.Max {
		return fieldError(a.Field, "validation_too_high", fmt.Sprintf("The value must be at most %g %s.", a.Max, a.Unit))
	}
	return nil
}

// refuseUnreadableValues answers 400 for a submitted number or date that
// PocketBase cannot read: it would store the field's zero value instead
// ("next monday" as no date, "fast" as 0), losing the input without a word.
// The submitted body is read again: RequestInfo holds the converted values.
func refuseUnreadableValues(e *core.RecordRequestEvent) error {
	var body map[string]any
	if err := e.BindBody(&body); err != nil {
		return e.BadRequestError("Failed to read the submitted data.", err)
	}
	errs := validation.Errors{}
	for _, field := range e.Collection.Fields {
		name := field.GetName()
		raw, ok := body[name]
		if !ok || raw == nil || raw == "" {
			continue
		}
		switch field.(type) {
		case *core.NumberField:
			if !isNumber(raw) {
				errs[name] = validation.NewError("validation_not_a_number", "Must be a number.")
			}
		case *core.DateField:
			if e.Record.GetDateTime(name).IsZero() {
				errs[name] = validation.NewError("validation_invalid_date", "Must be a date such as 2026-01-31 or 2026-01-31 07:30:00.000Z.")
			}
		}
	}
	if len(errs) > 0 {
		return e.BadRequestError("Some values could not be read.", errs)
	}
	return e.Next()
}

// isNumber reports whether PocketBase's own conversion (cast) reads raw.
func isNumber(raw any) bool {
	_, err := cast.ToFloat64E(raw)
	return err == nil
}

func validateUser(_ core.App, r *core.Record) error {
	if b := r.GetDateTime("birthday"); !b.IsZero() && !b.Time().Before(time.Now()) {
		return fieldError("birthday", "validation_birthday_future", "The birthday must be in the past.")
	}
	if tz := r.GetString("timezone"); tz != "" {
		if _, err := time.LoadLocation(tz); err != nil || tz == "Local" {
			return fieldError("timezone", "validation_invalid_timezone", "Unknown time zone; use an IANA name such as Europe/Berlin.")
		}
	}
	return nil
}

func validateWeightLog(app core.App, r *core.Record) error {
	table, err := collections.UnitTable(app)
	if err != nil {
		return err
	}
	kg, err := table.Convert(r.GetFloat("weight"), r.GetString("weight_unit"), "kg")
	if err != nil {
		return fieldError("weight_unit", "validation_unknown_unit", err.Error())
	}
	if kg > maxWeightKg {
		return fieldError("weight", "validation_weight_too_high", "The weight must be at most 700 kg (1543 lb).")
	}
	return nil
}

func validateBodyMeasurement(_ core.App, r *core.Record) error {
	for _, f := range []string{"upper_arm", "lower_arm", "waist", "shoulder", "leg", "calf"} {
		if r.GetFloat(f) > 0 {
			return nil
		}
	}
	return fieldError("waist", "validation_no_measurement", "Give at least one measurement (upper_arm, lower_arm, waist, shoulder, leg or calf).")
}

// minutesOfDay reads "HH:MM" (already checked by the field pattern).
func minutesOfDay(s string) int {
	t, err := time.Parse("15:04", s)
	if err != nil {
		return 0
	}
	return t.Hour()*60 + t.Minute()
}

func validateSleep(_ core.App, r *core.Record) error {
	bed := minutesOfDay(r.GetString("time_went_to_bed"))
	up := minutesOfDay(r.GetString("time_got_out_of_bed"))
	inBed := up - bed
	if inBed <= 0 { // the night crossed midnight
		inBed += 24 * 60
	}
	stages := r.GetInt("time_in_light_sleep") + r.GetInt("time_in_deep_sleep") + r.GetInt("time_in_rem_sleep")
	if stages > inBed {
		return fieldError("time_in_light_sleep", "validation_sleep_stages_too_long",
			"Light, deep and REM sleep together cannot be longer than the time in bed.")
	}
	return nil
}

func validateHealthMetrics(_ core.App, r *core.Record) error {
	sys, dia := r.GetInt("blood_pressure_systolic"), r.GetInt("blood_pressure_diastolic")
	if sys > 0 && dia > 0 && sys <= dia {
		return fieldError("blood_pressure_systolic", "validation_systolic_not_above_diastolic",
			"Systolic pressure must be higher than diastolic pressure.")
	}
	return nil
}

func validateFood(app core.App, r *core.Record) error {
	table, err := collections.UnitTable(app)
	if err != nil {
		return err
	}
	if _, ok := table.Lookup(r.GetString("unit")); !ok {
		return fieldError("unit", "validation_unknown_unit", "Unknown unit; use one of the units collection (g, oz, cup, piece, …).")
	}
	return nil
}

// visibleTo reports whether the user may view the row of collection with the
// given id: the collection's view rule decides, as if the user asked. A row
// may only refer to rows its owner can see.
func visibleTo(app core.App, collection, id, userID string) (bool, error) {
	row, err := app.FindRecordById(collection, id)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil // not there, so not visible either
	}
	if err != nil {
		return false, err
	}
	user, err := app.FindRecordById(collections.Users, userID)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return collections.CanView(app, row, collections.AsUser(user))
}

// refuseUnseen answers a field error unless the user may view the row the
// field refers to.
func refuseUnseen(app core.App, r *core.Record, field, collection, userID, code, message string) error {
	id := r.GetString(field)
	if id == "" {
		return nil
	}
	ok, err := visibleTo(app, collection, id, userID)
	if err != nil {
		return err
	}
	if !ok {
		return fieldError(field, code, message)
	}
	return nil
}

func validateFoodLog(app core.App, r *core.Record) error {
	user := r.GetString("user")
	if err := refuseUnseen(app, r, "food", collections.Foods, user, "validation_food_not_visible", "Unknown food."); err != nil {
		return err
	}
	return refuseUnseen(app, r, "meal", collections.Meals, user, "validation_meal_not_owned", "Unknown meal.")
}

func validateMealFood(app core.App, r *core.Record) error {
	var owner string
	if err := app.DB().Select("user").From(collections.Meals).
		Where(dbx.HashExp{"id": r.GetString("meal")}).Row(&owner); err != nil {
		return nil // the required relation reports the missing meal
	}
	return refuseUnseen(app, r, "food", collections.Foods, owner, "validation_food_not_visible", "Unknown food.")
}

func validateWorkoutLog(app core.App, r *core.Record) error {
	if err := refuseUnseen(app, r, "workout", collections.Workouts, r.GetString("user"),
		"validation_workout_not_visible", "Unknown workout."); err != nil {
		return err
	}
	var attrs []string
	if raw := r.GetString("attributes"); raw != "" && raw != "null" && json.Unmarshal([]byte(raw), &attrs) != nil {
		return fieldError("attributes", "validation_attributes_list", "attributes must be a list of strings.")
	}
	var inputs map[string]any
	if raw := r.GetString("attribute_inputs"); raw != "" && raw != "null" && json.Unmarshal([]byte(raw), &inputs) != nil {
		return fieldError("attribute_inputs", "validation_attribute_inputs_object", "attribute_inputs must be an object.")
	}
	return nil
}
