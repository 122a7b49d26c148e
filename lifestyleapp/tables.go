package lifestyleapp

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"trackbase/collections"
	"trackbase/importers"
	"trackbase/registry"
)

// link fills a relation from a column holding another table's id (or, for
// muscleNames, a muscle's name). A row whose required link is not carried
// is skipped; an optional link that is NULL stays empty.
type link struct {
	field, table, col string
	optional          bool
}

// table moves one Django table into one collection, after the tables it
// links to. fields reads the row's values; an error skips the row.
type table struct {
	name, pk, collection string
	// owner is the column naming the row's user, whose unit preference reads
	// unit-less values ("" for rows owned through a parent).
	owner  string
	links  []link
	fields func(r row, imperial bool) (map[string]any, error)
}

// muscleNames is the pseudo-table of muscles by name (muscle_log stores the
// name, not the id).
const muscleNames = "muscle_names"

func userLink() link { return link{field: "user", table: "users", col: "user_id"} }

// tables in the order they are moved: every table after those it links to.
var tables = []table{
	{name: "user_goal", pk: "user_goal_id", collection: collections.UserGoals, owner: "user_id", links: []link{userLink()},
		fields: func(r row, imperial bool) (map[string]any, error) {
			f, err := numbers(r, append([]string{"tokens_goal", "cost_goal", "weight_goal", "lean_mass_goal", "fat_mass_goal", "calories_goal"}, suffixed(nutrients(), "_goal")...)...)
			if err != nil {
				return nil, err
			}
			if _, ok := f["weight_goal"]; ok {
				f["weight_goal_unit"] = pick(imperial, "lb", "kg")
			}
			return f, timeInto(f, r, "created", "created_at")
		}},
	{name: "foods", pk: "food_id", collection: collections.Foods, owner: "created_by_id",
		links: []link{{field: "created_by", table: "users", col: "created_by_id", optional: true}},
		fields: func(r row, _ bool) (map[string]any, error) {
			f, err := numbers(r, append([]string{"serving_size", "calories", "cost"}, nutrients()...)...)
			if err != nil {
				return nil, err
			}
			texts(f, r, "food_name", "unit", "brand")
			f["food_group"] = strings.ToLower(strings.TrimSpace(r.str("food_group")))
			f["make_public"] = r.str("make_public") == "1" || strings.EqualFold(r.str("make_public"), "true")
			return f, timeInto(f, r, "created", "created_at")
		}},
	{name: "meals", pk: "meal_id", collection: collections.Meals, owner: "user_id", links: []link{userLink()},
		fields: func(r row, _ bool) (map[string]any, error) {
			f := map[string]any{}
			texts(f, r, "meal_name")
			return f, timeInto(f, r, "created", "created_at")
		}},
	{name: "meals_foods", pk: "id", collection: collections.MealFoods,
		links:  []link{{field: "meal", table: "meals", col: "meal_id"}, {field: "food", table: "foods", col: "food_id"}},
		fields: func(r row, _ bool) (map[string]any, error) { return numbers(r, "servings") }},
	{name: "workouts", pk: "workouts_id", collection: collections.Workouts, owner: "user_id", links: []link{userLink()},
		fields: func(r row, _ bool) (map[string]any, error) {
			f := map[string]any{}
			texts(f, r, "workout_name", "equipment_brand", "location", "notes")
			f["type"] = workoutType(r.str("type"), r.str("workout_name"))
			f["make_public"] = r.str("make_public") == "1" || strings.EqualFold(r.str("make_public"), "true")
			return f, timeInto(f, r, "created", "created_at")
		}},
	{name: "workout_muscle", pk: "id", collection: collections.WorkoutMuscles,
		links:  []link{{field: "workout", table: "workouts", col: "workout_id"}, {field: "muscle", table: "muscles", col: "muscle_id"}},
		fields: func(r row, _ bool) (map[string]any, error) { return numbers(r, "activation_rating") }},
	{name: "muscle_log", pk: "muscle_log_id", collection: collections.MuscleLogs, owner: "user_id",
		links:  []link{userLink(), {field: "muscle", table: muscleNames, col: "muscle_name"}},
		fields: func(r row, _ bool) (map[string]any, error) { return numbers(r, "priority") }},
	{name: "splits", pk: "splits_id", collection: collections.Splits, owner: "user_id", links: []link{userLink()},
		fields: func(r row, _ bool) (map[string]any, error) {
			f := map[string]any{}
			texts(f, r, "split_name")
			if err := timeInto(f, r, "start_date", "start_date"); err != nil {
				return nil, err
			}
			return f, timeInto(f, r, "created", "created_at")
		}},
	{name: "split_days", pk: "split_days_id", collection: collections.SplitDays,
		links: []link{{field: "split", table: "splits", col: "splits_id"}},
		fields: func(r row, _ bool) (map[string]any, error) {
			f, err := numbers(r, "day_order")
			texts(f, r, "day_name")
			return f, err
		}},
	{name: "split_day_targets", pk: "id", collection: collections.SplitDayTargets,
		links:  []link{{field: "split_day", table: "split_days", col: "split_day_id"}, {field: "muscle", table: "muscles", col: "muscle_id"}},
		fields: func(r row, _ bool) (map[string]any, error) { return numbers(r, "target_activation") }},
	{name: "food_log", pk: "macro_log_id", collection: collections.FoodLogs, owner: "user_id",
		links: []link{userLink(), {field: "food", table: "foods", col: "food_id"}, {field: "meal", table: "meals", col: "meal_id", optional: true}},
		fields: func(r row, _ bool) (map[string]any, error) {
			f, err := numbers(r, "servings", "tokens_used")
			if err != nil {
				return nil, err
			}
			texts(f, r, "measurement", "voice_input", "ai_response")
			return f, loggedAt(f, r)
		}},
	{name: "weight_log", pk: "weight_log_id", collection: collections.WeightLogs, owner: "user_id", links: []link{userLink()},
		fields: func(r row, _ bool) (map[string]any, error) {
			f, err := numbers(r, "weight")
			if err != nil {
				return nil, err
			}
			if f["weight_unit"], err = importers.WeightUnit(r.str("weight_unit")); err != nil {
				return nil, err
			}
			return f, loggedAt(f, r)
		}},
	{name: "body_measurement_log", pk: "measurement_id", collection: collections.BodyMeasurementLogs, owner: "user_id", links: []link{userLink()},
		fields: func(r row, imperial bool) (map[string]any, error) {
			f, err := numbers(r, "upper_arm", "lower_arm", "waist", "shoulder", "leg", "calf")
			if err != nil {
				return nil, err
			}
			f["unit"] = pick(imperial, "in", "cm") // the original stores no unit
			return f, loggedAt(f, r)
		}},
	{name: "water_log", pk: "water_log_id", collection: collections.WaterLogs, owner: "user_id", links: []link{userLink()},
		fields: func(r row, _ bool) (map[string]any, error) {
			f, err := numbers(r, "amount")
			if err != nil {
				return nil, err
			}
			if f["unit"], err = waterUnit(r.str("unit")); err != nil {
				return nil, err
			}
			return f, loggedAt(f, r)
		}},
	{name: "steps_log", pk: "step_log_id", collection: collections.StepsLogs, owner: "user_id", links: []link{userLink()},
		fields: func(r row, _ bool) (map[string]any, error) {
			f, err := numbers(r, "steps")
			if err != nil {
				return nil, err
			}
			return f, loggedAt(f, r)
		}},
	{name: "cardio_log", pk: "cardio_log_id", collection: collections.CardioLogs, owner: "user_id", links: []link{userLink()},
		fields: func(r row, _ bool) (map[string]any, error) {
			f, err := numbers(r, "duration", "distance", "calories_burned", "heart_rate")
			if err != nil {
				return nil, err
			}
			texts(f, r, "cardio_type")
			if _, ok := f["distance"]; ok {
				if f["distance_unit"], err = importers.DistanceUnit(r.str("distance_unit")); err != nil {
					return nil, err
				}
			}
			return f, loggedAt(f, r)
		}},
	{name: "workout_log", pk: "workout_log_id", collection: collections.WorkoutLogs, owner: "user_id",
		links: []link{userLink(), {field: "workout", table: "workouts", col: "workout_id"}},
		fields: func(r row, imperial bool) (map[string]any, error) {
			f, err := numbers(r, "weight", "reps", "rir", "rest_time")
			if err != nil {
				return nil, err
			}
			f["weight_unit"] = pick(imperial, "lb", "kg") // the original stores no unit
			for _, c := range []string{"attributes", "attribute_inputs"} {
				if r.has(c) {
					var v any
					if err := json.Unmarshal([]byte(r.str(c)), &v); err != nil {
						return nil, fmt.Errorf("%s: not JSON: %q", c, r.str(c))
					}
					f[c] = v
				}
			}
			return f, loggedAt(f, r)
		}},
	{name: "sleep_log", pk: "sleep_log_id", collection: collections.SleepLogs, owner: "user_id", links: []link{userLink()},
		fields: func(r row, _ bool) (map[string]any, error) {
			f, err := numbers(r, "time_in_light_sleep", "time_in_deep_sleep", "time_in_rem_sleep", "number_of_times_woke_up", "resting_heart_rate")
			if err != nil {
				return nil, err
			}
			for _, c := range []string{"time_went_to_bed", "time_got_out_of_bed", "time_fell_asleep"} {
				if f[c], err = r.clock(c); err != nil {
					return nil, err
				}
			}
			return f, timeInto(f, r, registry.Date, "date_time")
		}},
	{name: "health_metrics_log", pk: "health_metrics_id", collection: collections.HealthMetricsLogs, owner: "user_id", links: []link{userLink()},
		fields: func(r row, _ bool) (map[string]any, error) {
			f, err := numbers(r, "resting_heart_rate", "blood_pressure_systolic", "blood_pressure_diastolic",
				"morning_energy", "stress_level", "mood", "soreness", "illness_level")
			if err != nil {
				return nil, err
			}
			return f, timeInto(f, r, registry.Date, "date_time")
		}},
}

// nutrients are trackbase's nutrient fields; those the original lacks
// (potassium) are absent from its rows and stay unset.
func nutrients() []string {
	out := make([]string, len(registry.Nutrients))
	for i, n := range registry.Nutrients {
		out[i] = n.Name
	}
	return out
}

func suffixed(names []string, suffix string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = n + suffix
	}
	return out
}

func pick(imperial bool, ifImperial, otherwise string) string {
	if imperial {
		return ifImperial
	}
	return otherwise
}

// numbers reads the non-NULL numeric columns into fields of the same names.
func numbers(r row, cols ...string) (map[string]any, error) {
	f := map[string]any{}
	for _, c := range cols {
		v, ok, err := r.num(c)
		if err != nil {
			return nil, err
		}
		if ok {
			f[c] = v
		}
	}
	return f, nil
}

func texts(f map[string]any, r row, cols ...string) {
	for _, c := range cols {
		if r.has(c) {
			f[c] = strings.TrimSpace(r.str(c))
		}
	}
}

func timeInto(f map[string]any, r row, field, col string) error {
	t, ok, err := r.time(col)
	if ok {
		f[field] = t
	}
	return err
}

// loggedAt reads date_time; databases migrated before the original added it
// to weight, water and body logs have only created_at, which then stands.
func loggedAt(f map[string]any, r row) error {
	col := "date_time"
	if _, present := r[col]; !present {
		col = "created_at"
	}
	if err := timeInto(f, r, registry.DateTime, col); err != nil {
		return err
	}
	if _, ok := f[registry.DateTime]; !ok {
		return fmt.Errorf("%s: missing", col)
	}
	return timeInto(f, r, "created", "created_at")
}

var workoutTypes = []string{"barbell", "dumbbell", "plate_machine", "cable_machine", "bodyweight"}

// workoutType reads the original's free-text type (free since its workouts
// migration 0004); one trackbase does not know is read from the words of the
// type and name ("Smith machine" → plate_machine).
func workoutType(kind, name string) string {
	k := strings.ReplaceAll(strings.ToLower(strings.TrimSpace(kind)), " ", "_")
	if slices.Contains(workoutTypes, k) {
		return k
	}
	return importers.EquipmentOf(kind + " " + name)
}

// waterUnit reads the original's free-text water unit as one of trackbase's
// (its seeds write "oz" for fluid ounces).
func waterUnit(u string) (string, error) {
	switch strings.ToLower(strings.TrimSpace(u)) {
	case "ml", "milliliter", "milliliters", "millilitre", "millilitres":
		return "ml", nil
	case "l", "liter", "liters", "litre", "litres":
		return "l", nil
	case "oz", "fl oz", "fl. oz", "floz", "fluid ounces":
		return "fl oz", nil
	case "cup", "cups":
		return "cup", nil
	}
	return "", fmt.Errorf("unit: %q is not a water unit trackbase keeps (ml, l, fl oz, cup)", u)
}
