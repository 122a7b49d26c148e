package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// The whole schema: every collection with its fields, API rules
// and indexes. Rules say who may do what; what a rule cannot say (defaults,
// cross-field checks, visibility of a referenced food) lives in hooks/.
func init() {
	m.Register(createCollections, func(app core.App) error {
		for _, name := range []string{
			"error_logs", "api_usage_logs", "health_metrics_logs", "sleep_logs",
			"split_day_targets", "split_days", "splits", "workout_logs", "muscle_logs",
			"workout_muscles", "workouts", "cardio_logs", "steps_logs", "water_logs",
			"body_measurement_logs", "weight_logs", "food_logs", "meal_foods", "meals",
			"foods", "user_goals",
		} {
			if c, err := app.FindCollectionByNameOrId(name); err == nil {
				if err := app.Delete(c); err != nil {
					return err
				}
			}
		}
		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			return err
		}
		for _, f := range []string{"username", "first_name", "last_name", "access_level", "height_cm",
			"birthday", "gender", "unit_preference", "activity_level", "timezone", "invite_key"} {
			users.Fields.RemoveByName(f)
		}
		users.RemoveIndex("idx_users_username")
		users.RemoveIndex("idx_users_invite_key")
		users.RemoveIndex("idx_users_access_level")
		if err := app.Save(users); err != nil {
			return err
		}
		for _, name := range []string{"invite_keys", "muscles", "units", "activity_levels", "access_levels"} {
			if c, err := app.FindCollectionByNameOrId(name); err == nil {
				if err := app.Delete(c); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

const (
	// The three access levels have fixed ids (see AccessLevelIDs), so a rule
	// compares the caller's own access_level field: PocketBase binds it as a
	// value, where `access_level.role_name` would join two tables into every
	// list query.
	isAdmin  = `@request.auth.access_level = "` + adminLevelID + `"`
	canWrite = `(@request.auth.access_level = "` + userLevelID + `" || @request.auth.access_level = "` + adminLevelID + `")`
	signedIn = `@request.auth.id != ""`
	// a body may name the caller as `user` or leave it out (hooks fill it in)
	bodyUserIsCaller = `(@request.body.user:isset = false || @request.body.user = @request.auth.id)`
)

func num(name string, min, max *float64, required, onlyInt bool) *core.NumberField {
	return &core.NumberField{Name: name, Min: min, Max: max, Required: required, OnlyInt: onlyInt}
}

func f(v float64) *float64 { return types.Pointer(v) }

func withTimestamps(c *core.Collection) {
	c.Fields.Add(&core.AutodateField{Name: "created", OnCreate: true})
	c.Fields.Add(&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true})
}

// perUser adds the required, cascading `user` relation and the per-user
// isolation rules (admins read everything, guests write nothing).
func perUser(c *core.Collection, users *core.Collection) {
	c.Fields.Add(&core.RelationField{Name: "user", CollectionId: users.Id, MaxSelect: 1, Required: true, CascadeDelete: true})
	c.ListRule = types.Pointer(`user = @request.auth.id || ` + isAdmin)
	c.ViewRule = c.ListRule
	c.CreateRule = types.Pointer(canWrite + ` && ` + bodyUserIsCaller)
	c.UpdateRule = types.Pointer(`user = @request.auth.id && ` + canWrite + ` && ` + bodyUserIsCaller)
	c.DeleteRule = types.Pointer(`user = @request.auth.id && ` + canWrite)
}

// childOf adds rules for a collection whose rows belong to whoever owns
// `ownerPath` (e.g. "meal.user").
func childOf(c *core.Collection, ownerPath string, extraRead string) {
	read := ownerPath + ` = @request.auth.id || ` + isAdmin
	if extraRead != "" {
		read += ` || (` + signedIn + ` && ` + extraRead + `)`
	}
	c.ListRule = types.Pointer(read)
	c.ViewRule = c.ListRule
	write := ownerPath + ` = @request.auth.id && ` + canWrite
	c.CreateRule = types.Pointer(write)
	c.UpdateRule = types.Pointer(write)
	c.DeleteRule = types.Pointer(write)
}

func referenceRules(c *core.Collection) {
	c.ListRule = types.Pointer(signedIn)
	c.ViewRule = c.ListRule
}

func dateTime(c *core.Collection) {
	c.Fields.Add(&core.DateField{Name: "date_time", Required: true})
	c.AddIndex("idx_"+c.Name+"_user_date_time", false, "user, date_time", "")
}

func createCollections(app core.App) error {
	save := func(c *core.Collection) error { return app.Save(c) }

	// reference data
	accessLevels := core.NewBaseCollection("access_levels")
	accessLevels.Fields.Add(&core.TextField{Name: "role_name", Required: true, Max: 20, Presentable: true})
	withTimestamps(accessLevels)
	accessLevels.AddIndex("idx_access_levels_role_name", true, "role_name", "")
	referenceRules(accessLevels)

	activityLevels := core.NewBaseCollection("activity_levels")
	activityLevels.Fields.Add(&core.TextField{Name: "name", Required: true, Max: 100, Presentable: true})
	activityLevels.Fields.Add(&core.TextField{Name: "description"})
	activityLevels.Fields.Add(num("multiplier", f(1), f(2.5), true, false))
	withTimestamps(activityLevels)
	activityLevels.AddIndex("idx_activity_levels_name", true, "name", "")
	referenceRules(activityLevels)

	unitsC := core.NewBaseCollection("units")
	unitsC.Fields.Add(&core.TextField{Name: "unit_name", Required: true, Max: 50, Presentable: true})
	unitsC.Fields.Add(&core.SelectField{Name: "category", Required: true, MaxSelect: 1, Values: []string{"weight", "volume", "length", "count", "system"}})
	unitsC.Fields.Add(&core.TextField{Name: "si_unit", Max: 50})
	unitsC.Fields.Add(num("si_factor", f(0), nil, false, false))
	withTimestamps(unitsC)
	unitsC.AddIndex("idx_units_unit_name", true, "unit_name", "")
	referenceRules(unitsC)

	muscles := core.NewBaseCollection("muscles")
	muscles.Fields.Add(&core.TextField{Name: "muscle_name", Required: true, Max: 100, Presentable: true})
	muscles.Fields.Add(&core.SelectField{Name: "muscle_group", Required: true, MaxSelect: 1, Values: []string{"chest", "back", "arms", "legs", "core", "other"}})
	withTimestamps(muscles)
	muscles.AddIndex("idx_muscles_muscle_name", true, "muscle_name", "")
	referenceRules(muscles)

	inviteKeys := core.NewBaseCollection("invite_keys")
	inviteKeys.Fields.Add(&core.TextField{Name: "key", Required: true, Min: 8, Max: 64, Presentable: true})
	withTimestamps(inviteKeys)
	inviteKeys.AddIndex("idx_invite_keys_key", true, "key", "")

	for _, c := range []*core.Collection{accessLevels, activityLevels, unitsC, muscles, inviteKeys} {
		if err := save(c); err != nil {
			return err
		}
	}

	// users: the default auth collection, extended
	users, err := app.FindCollectionByNameOrId("users")
	if err != nil {
		return err
	}
	users.Fields.Add(&core.TextField{Name: "username", Required: true, Min: 3, Max: 150, Pattern: `^[A-Za-z0-9_.-]+$`, Presentable: true})
	users.Fields.Add(&core.TextField{Name: "first_name", Max: 150})
	users.Fields.Add(&core.TextField{Name: "last_name", Max: 150})
	users.Fields.Add(&core.RelationField{Name: "access_level", CollectionId: accessLevels.Id, MaxSelect: 1})
	users.Fields.Add(num("height_cm", f(50), f(275), false, false))
	users.Fields.Add(&core.DateField{Name: "birthday"})
	users.Fields.Add(&core.SelectField{Name: "gender", MaxSelect: 1, Values: []string{"male", "female", "other"}})
	users.Fields.Add(&core.SelectField{Name: "unit_preference", MaxSelect: 1, Values: []string{"metric", "imperial"}})
	users.Fields.Add(&core.RelationField{Name: "activity_level", CollectionId: activityLevels.Id, MaxSelect: 1})
	users.Fields.Add(&core.TextField{Name: "timezone", Max: 64})
	users.Fields.Add(&core.RelationField{Name: "invite_key", CollectionId: inviteKeys.Id, MaxSelect: 1, Hidden: true})
	users.AddIndex("idx_users_username", true, "username COLLATE NOCASE", "")
	users.AddIndex("idx_users_invite_key", true, "invite_key", "invite_key != ''")
	users.AddIndex("idx_users_access_level", false, "access_level", "")
	users.PasswordAuth.IdentityFields = []string{"email", "username"}
	users.ListRule = types.Pointer(`id = @request.auth.id || ` + isAdmin)
	users.ViewRule = users.ListRule
	users.CreateRule = types.Pointer(`@request.body.access_level:isset = false`)
	// invite_key is hidden, so the body never shows it to a rule: hooks refuse it
	users.UpdateRule = types.Pointer(`id = @request.auth.id && ` + canWrite + ` && @request.body.access_level:isset = false`)
	users.DeleteRule = types.Pointer(`id = @request.auth.id && ` + canWrite)
	if err := save(users); err != nil {
		return err
	}

	nutrientNames := []string{"protein", "fat", "carbohydrates", "fiber", "sodium", "sugar", "saturated_fat", "trans_fat",
		"calcium", "iron", "magnesium", "cholesterol", "vitamin_a", "vitamin_c", "vitamin_d", "caffeine"}

	// goals: an append-only history, so no update or delete through the API
	goals := core.NewBaseCollection("user_goals")
	perUser(goals, users)
	goals.UpdateRule = nil
	goals.DeleteRule = nil
	goals.Fields.Add(num("tokens_goal", f(0), nil, false, true))
	goals.Fields.Add(num("cost_goal", f(0), nil, false, false))
	goals.Fields.Add(num("weight_goal", f(0), f(1500), false, false))
	goals.Fields.Add(&core.SelectField{Name: "weight_goal_unit", MaxSelect: 1, Values: []string{"kg", "lb"}})
	goals.Fields.Add(num("lean_mass_goal", f(0), f(1500), false, false))
	goals.Fields.Add(num("fat_mass_goal", f(0), f(1500), false, false))
	goals.Fields.Add(num("calories_goal", f(0), f(20000), false, false))
	for _, n := range nutrientNames {
		goals.Fields.Add(num(n+"_goal", f(0), nil, false, false))
	}
	withTimestamps(goals)
	goals.AddIndex("idx_user_goals_user_created", false, "user, created", "")

	foods := core.NewBaseCollection("foods")
	foods.Fields.Add(&core.TextField{Name: "food_name", Required: true, Max: 200, Presentable: true})
	foods.Fields.Add(num("serving_size", f(0), nil, true, false))
	foods.Fields.Add(&core.TextField{Name: "unit", Required: true, Max: 20})
	foods.Fields.Add(num("calories", f(0), f(100000), false, false))
	for _, n := range nutrientNames {
		foods.Fields.Add(num(n, f(0), f(100000), false, false))
	}
	foods.Fields.Add(&core.SelectField{Name: "food_group", Required: true, MaxSelect: 1, Values: []string{"fruit", "vegetable", "grain", "protein", "dairy", "other"}})
	foods.Fields.Add(&core.TextField{Name: "brand", Max: 100})
	foods.Fields.Add(num("cost", f(0), nil, false, false))
	foods.Fields.Add(&core.BoolField{Name: "make_public"})
	foods.Fields.Add(&core.RelationField{Name: "created_by", CollectionId: users.Id, MaxSelect: 1})
	withTimestamps(foods)
	foods.AddIndex("idx_foods_created_by", false, "created_by", "")
	foods.AddIndex("idx_foods_make_public", false, "make_public", "")
	foods.AddIndex("idx_foods_food_name", false, "food_name COLLATE NOCASE", "")
	foodOwner := `(created_by = @request.auth.id || (created_by = "" && ` + isAdmin + `))`
	foods.CreateRule = types.Pointer(canWrite + ` && (@request.body.created_by:isset = false || @request.body.created_by = @request.auth.id)`)
	foods.UpdateRule = types.Pointer(canWrite + ` && ` + foodOwner + ` && (@request.body.created_by:isset = false || @request.body.created_by = created_by)`)
	foods.DeleteRule = types.Pointer(canWrite + ` && ` + foodOwner)
	if err := save(foods); err != nil {
		return err
	}

	meals := core.NewBaseCollection("meals")
	perUser(meals, users)
	meals.Fields.Add(&core.TextField{Name: "meal_name", Required: true, Max: 100, Presentable: true})
	withTimestamps(meals)
	meals.AddIndex("idx_meals_user_meal_name", true, "user, meal_name", "")
	if err := save(meals); err != nil {
		return err
	}

	mealFoods := core.NewBaseCollection("meal_foods")
	mealFoods.Fields.Add(&core.RelationField{Name: "meal", CollectionId: meals.Id, MaxSelect: 1, Required: true, CascadeDelete: true})
	mealFoods.Fields.Add(&core.RelationField{Name: "food", CollectionId: foods.Id, MaxSelect: 1, Required: true, CascadeDelete: true})
	mealFoods.Fields.Add(num("servings", f(0), f(100), true, false))
	withTimestamps(mealFoods)
	mealFoods.AddIndex("idx_meal_foods_meal_food", true, "meal, food", "")
	mealFoods.AddIndex("idx_meal_foods_food", false, "food", "")
	childOf(mealFoods, "meal.user", "")

	foodLogs := core.NewBaseCollection("food_logs")
	perUser(foodLogs, users)
	foodLogs.Fields.Add(&core.RelationField{Name: "food", CollectionId: foods.Id, MaxSelect: 1, Required: true, CascadeDelete: true})
	foodLogs.Fields.Add(&core.RelationField{Name: "meal", CollectionId: meals.Id, MaxSelect: 1})
	foodLogs.Fields.Add(num("servings", f(0), f(100), true, false))
	foodLogs.Fields.Add(&core.TextField{Name: "measurement", Max: 20})
	dateTime(foodLogs)
	foodLogs.Fields.Add(&core.TextField{Name: "voice_input", Max: 5000})
	foodLogs.Fields.Add(&core.TextField{Name: "ai_response", Max: 20000})
	foodLogs.Fields.Add(num("tokens_used", f(0), nil, false, true))
	withTimestamps(foodLogs)
	foodLogs.AddIndex("idx_food_logs_food", false, "food", "")
	foodLogs.AddIndex("idx_food_logs_meal", false, "meal", "")

	weightLogs := core.NewBaseCollection("weight_logs")
	perUser(weightLogs, users)
	weightLogs.Fields.Add(num("weight", f(0), nil, true, false))
	weightLogs.Fields.Add(&core.SelectField{Name: "weight_unit", Required: true, MaxSelect: 1, Values: []string{"kg", "lb"}})
	dateTime(weightLogs)
	withTimestamps(weightLogs)

	bodyLogs := core.NewBaseCollection("body_measurement_logs")
	perUser(bodyLogs, users)
	for _, n := range []string{"upper_arm", "lower_arm", "waist", "shoulder", "leg", "calf"} {
		bodyLogs.Fields.Add(num(n, f(0), f(500), false, false))
	}
	bodyLogs.Fields.Add(&core.SelectField{Name: "unit", Required: true, MaxSelect: 1, Values: []string{"cm", "in"}})
	dateTime(bodyLogs)
	withTimestamps(bodyLogs)

	waterLogs := core.NewBaseCollection("water_logs")
	perUser(waterLogs, users)
	waterLogs.Fields.Add(num("amount", f(0), f(20000), true, false))
	waterLogs.Fields.Add(&core.SelectField{Name: "unit", Required: true, MaxSelect: 1, Values: []string{"ml", "l", "fl oz", "cup"}})
	dateTime(waterLogs)
	withTimestamps(waterLogs)

	stepsLogs := core.NewBaseCollection("steps_logs")
	perUser(stepsLogs, users)
	stepsLogs.Fields.Add(num("steps", f(0), f(200000), false, true))
	dateTime(stepsLogs)
	withTimestamps(stepsLogs)

	cardioLogs := core.NewBaseCollection("cardio_logs")
	perUser(cardioLogs, users)
	cardioLogs.Fields.Add(&core.TextField{Name: "cardio_type", Required: true, Max: 100})
	cardioLogs.Fields.Add(num("duration", f(0), f(1440), true, false))
	cardioLogs.Fields.Add(num("distance", f(0), f(1000), false, false))
	cardioLogs.Fields.Add(&core.SelectField{Name: "distance_unit", MaxSelect: 1, Values: []string{"km", "mile", "m"}})
	cardioLogs.Fields.Add(num("calories_burned", f(0), f(20000), false, false))
	cardioLogs.Fields.Add(num("heart_rate", f(30), f(250), false, true))
	dateTime(cardioLogs)
	withTimestamps(cardioLogs)

	for _, c := range []*core.Collection{goals, mealFoods, foodLogs, weightLogs, bodyLogs, waterLogs, stepsLogs, cardioLogs} {
		if err := save(c); err != nil {
			return err
		}
	}

	// a food is visible to whoever logged it: the back relation needs food_logs to exist
	// signed-in callers only: for an anonymous one, created_by = @request.auth.id
	// would match every food without creator
	foods.ListRule = types.Pointer(signedIn + ` && (make_public = true || created_by = @request.auth.id || food_logs_via_food.user ?= @request.auth.id || ` + isAdmin + `)`)
	foods.ViewRule = foods.ListRule
	if err := save(foods); err != nil {
		return err
	}

	workouts := core.NewBaseCollection("workouts")
	perUser(workouts, users)
	workouts.ListRule = types.Pointer(`user = @request.auth.id || (` + signedIn + ` && make_public = true) || ` + isAdmin)
	workouts.ViewRule = workouts.ListRule
	workouts.Fields.Add(&core.TextField{Name: "workout_name", Required: true, Max: 200, Presentable: true})
	workouts.Fields.Add(&core.TextField{Name: "equipment_brand", Max: 100})
	workouts.Fields.Add(&core.SelectField{Name: "type", Required: true, MaxSelect: 1, Values: []string{"barbell", "dumbbell", "plate_machine", "cable_machine", "bodyweight"}})
	workouts.Fields.Add(&core.TextField{Name: "location", Max: 100})
	workouts.Fields.Add(&core.TextField{Name: "notes", Max: 5000})
	workouts.Fields.Add(&core.BoolField{Name: "make_public"})
	withTimestamps(workouts)
	workouts.AddIndex("idx_workouts_user", false, "user", "")
	workouts.AddIndex("idx_workouts_make_public", false, "make_public", "")
	if err := save(workouts); err != nil {
		return err
	}

	workoutMuscles := core.NewBaseCollection("workout_muscles")
	workoutMuscles.Fields.Add(&core.RelationField{Name: "workout", CollectionId: workouts.Id, MaxSelect: 1, Required: true, CascadeDelete: true})
	workoutMuscles.Fields.Add(&core.RelationField{Name: "muscle", CollectionId: muscles.Id, MaxSelect: 1, Required: true, CascadeDelete: true})
	workoutMuscles.Fields.Add(num("activation_rating", f(0), f(100), false, true))
	withTimestamps(workoutMuscles)
	workoutMuscles.AddIndex("idx_workout_muscles_workout_muscle", true, "workout, muscle", "")
	workoutMuscles.AddIndex("idx_workout_muscles_muscle", false, "muscle", "")
	childOf(workoutMuscles, "workout.user", "workout.make_public = true")

	muscleLogs := core.NewBaseCollection("muscle_logs")
	perUser(muscleLogs, users)
	muscleLogs.Fields.Add(&core.RelationField{Name: "muscle", CollectionId: muscles.Id, MaxSelect: 1, Required: true, CascadeDelete: true})
	muscleLogs.Fields.Add(num("priority", f(1), f(100), true, true))
	withTimestamps(muscleLogs)
	muscleLogs.AddIndex("idx_muscle_logs_user_muscle", true, "user, muscle", "")

	workoutLogs := core.NewBaseCollection("workout_logs")
	perUser(workoutLogs, users)
	workoutLogs.Fields.Add(&core.RelationField{Name: "workout", CollectionId: workouts.Id, MaxSelect: 1, Required: true, CascadeDelete: true})
	workoutLogs.Fields.Add(num("weight", f(0), f(2000), false, false))
	workoutLogs.Fields.Add(&core.SelectField{Name: "weight_unit", Required: true, MaxSelect: 1, Values: []string{"kg", "lb"}})
	workoutLogs.Fields.Add(num("reps", f(0), f(1000), false, true))
	workoutLogs.Fields.Add(num("rir", f(0), f(10), false, true))
	workoutLogs.Fields.Add(&core.JSONField{Name: "attributes", MaxSize: 2000})
	workoutLogs.Fields.Add(&core.JSONField{Name: "attribute_inputs", MaxSize: 5000})
	workoutLogs.Fields.Add(num("rest_time", f(0), f(86400), false, true))
	dateTime(workoutLogs)
	withTimestamps(workoutLogs)
	workoutLogs.AddIndex("idx_workout_logs_workout", false, "workout", "")

	splits := core.NewBaseCollection("splits")
	perUser(splits, users)
	splits.Fields.Add(&core.TextField{Name: "split_name", Required: true, Max: 200, Presentable: true})
	splits.Fields.Add(&core.DateField{Name: "start_date"})
	withTimestamps(splits)
	splits.AddIndex("idx_splits_user_start_date", false, "user, start_date", "")

	for _, c := range []*core.Collection{workoutMuscles, muscleLogs, workoutLogs, splits} {
		if err := save(c); err != nil {
			return err
		}
	}

	splitDays := core.NewBaseCollection("split_days")
	splitDays.Fields.Add(&core.RelationField{Name: "split", CollectionId: splits.Id, MaxSelect: 1, Required: true, CascadeDelete: true})
	splitDays.Fields.Add(&core.TextField{Name: "day_name", Required: true, Max: 100, Presentable: true})
	splitDays.Fields.Add(num("day_order", f(1), f(366), true, true))
	withTimestamps(splitDays)
	splitDays.AddIndex("idx_split_days_split_day_order", true, "split, day_order", "")
	childOf(splitDays, "split.user", "")
	if err := save(splitDays); err != nil {
		return err
	}

	targets := core.NewBaseCollection("split_day_targets")
	targets.Fields.Add(&core.RelationField{Name: "split_day", CollectionId: splitDays.Id, MaxSelect: 1, Required: true, CascadeDelete: true})
	targets.Fields.Add(&core.RelationField{Name: "muscle", CollectionId: muscles.Id, MaxSelect: 1, Required: true, CascadeDelete: true})
	targets.Fields.Add(num("target_activation", f(0), f(10000), false, false))
	withTimestamps(targets)
	targets.AddIndex("idx_split_day_targets_day_muscle", true, "split_day, muscle", "")
	targets.AddIndex("idx_split_day_targets_muscle", false, "muscle", "")
	childOf(targets, "split_day.split.user", "")

	hhmm := `^([01][0-9]|2[0-3]):[0-5][0-9]$`
	sleepLogs := core.NewBaseCollection("sleep_logs")
	perUser(sleepLogs, users)
	sleepLogs.Fields.Add(&core.DateField{Name: "date", Required: true})
	sleepLogs.Fields.Add(&core.TextField{Name: "time_went_to_bed", Required: true, Pattern: hhmm})
	sleepLogs.Fields.Add(&core.TextField{Name: "time_got_out_of_bed", Required: true, Pattern: hhmm})
	sleepLogs.Fields.Add(&core.TextField{Name: "time_fell_asleep", Pattern: hhmm})
	for _, n := range []string{"time_in_light_sleep", "time_in_deep_sleep", "time_in_rem_sleep"} {
		sleepLogs.Fields.Add(num(n, f(0), f(1440), false, true))
	}
	sleepLogs.Fields.Add(num("number_of_times_woke_up", f(0), f(100), false, true))
	sleepLogs.Fields.Add(num("resting_heart_rate", f(30), f(250), false, true))
	withTimestamps(sleepLogs)
	sleepLogs.AddIndex("idx_sleep_logs_user_date", false, "user, date", "")

	healthLogs := core.NewBaseCollection("health_metrics_logs")
	perUser(healthLogs, users)
	healthLogs.Fields.Add(&core.DateField{Name: "date", Required: true})
	healthLogs.Fields.Add(num("resting_heart_rate", f(30), f(250), false, true))
	healthLogs.Fields.Add(num("blood_pressure_systolic", f(50), f(300), false, true))
	healthLogs.Fields.Add(num("blood_pressure_diastolic", f(20), f(200), false, true))
	for _, n := range []string{"morning_energy", "stress_level", "mood", "soreness", "illness_level"} {
		healthLogs.Fields.Add(num(n, f(1), f(10), false, true))
	}
	withTimestamps(healthLogs)
	healthLogs.AddIndex("idx_health_metrics_logs_user_date", false, "user, date", "")

	// written by the server only: no create/update/delete rules
	usage := core.NewBaseCollection("api_usage_logs")
	usage.Fields.Add(&core.RelationField{Name: "user", CollectionId: users.Id, MaxSelect: 1, CascadeDelete: true})
	usage.Fields.Add(&core.TextField{Name: "request_type", Required: true, Max: 100})
	usage.Fields.Add(&core.TextField{Name: "model_used", Max: 100})
	for _, n := range []string{"prompt_tokens", "completion_tokens", "tokens_used", "response_time_ms"} {
		usage.Fields.Add(num(n, f(0), nil, false, true))
	}
	usage.Fields.Add(num("cost", f(0), nil, false, false))
	usage.Fields.Add(&core.TextField{Name: "request", Max: 2000})
	usage.Fields.Add(&core.TextField{Name: "response", Max: 2000})
	usage.Fields.Add(&core.BoolField{Name: "success"})
	usage.Fields.Add(&core.TextField{Name: "error_message", Max: 2000})
	withTimestamps(usage)
	usage.AddIndex("idx_api_usage_logs_user_created", false, "user, created", "")
	// `user` is optional here: without the sign-in check an anonymous caller
	// would match the rows that have none
	usage.ListRule = types.Pointer(`(` + signedIn + ` && user = @request.auth.id) || ` + isAdmin)
	usage.ViewRule = usage.ListRule

	errorLogs := core.NewBaseCollection("error_logs")
	errorLogs.Fields.Add(&core.RelationField{Name: "user", CollectionId: users.Id, MaxSelect: 1, CascadeDelete: true})
	errorLogs.Fields.Add(&core.TextField{Name: "error_type", Required: true, Max: 100})
	errorLogs.Fields.Add(&core.TextField{Name: "error_message", Max: 2000})
	errorLogs.Fields.Add(&core.TextField{Name: "user_input", Max: 2000})
	errorLogs.Fields.Add(&core.TextField{Name: "route", Max: 300})
	errorLogs.Fields.Add(&core.TextField{Name: "method", Max: 10})
	errorLogs.Fields.Add(num("status", f(0), f(999), false, true))
	withTimestamps(errorLogs)
	errorLogs.AddIndex("idx_error_logs_user_created", false, "user, created", "")
	errorLogs.AddIndex("idx_error_logs_created", false, "created", "")
	errorLogs.ListRule = types.Pointer(isAdmin)
	errorLogs.ViewRule = errorLogs.ListRule

	for _, c := range []*core.Collection{targets, sleepLogs, healthLogs, usage, errorLogs} {
		if err := save(c); err != nil {
			return err
		}
	}
	return nil
}
