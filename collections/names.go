// Package collections names trackbase's PocketBase collections and holds the
// small typed helpers every feature needs (roles, the unit table, error rows).
package collections

// Collection names.
const (
	Users               = "users"
	AccessLevels        = "access_levels"
	ActivityLevels      = "activity_levels"
	Units               = "units"
	Muscles             = "muscles"
	InviteKeys          = "invite_keys"
	UserGoals           = "user_goals"
	Foods               = "foods"
	FoodPortions        = "food_portions"
	Meals               = "meals"
	MealFoods           = "meal_foods"
	FoodLogs            = "food_logs"
	WeightLogs          = "weight_logs"
	BodyMeasurementLogs = "body_measurement_logs"
	WaterLogs           = "water_logs"
	StepsLogs           = "steps_logs"
	CardioLogs          = "cardio_logs"
	Workouts            = "workouts"
	WorkoutMuscles      = "workout_muscles"
	MuscleLogs          = "muscle_logs"
	WorkoutLogs         = "workout_logs"
	Splits              = "splits"
	SplitDays           = "split_days"
	SplitDayTargets     = "split_day_targets"
	SleepLogs           = "sleep_logs"
	HealthMetricsLogs   = "health_metrics_logs"
	APIUsageLogs        = "api_usage_logs"
	ErrorLogs           = "error_logs"
)

// Reference lists the collections of reference data kept by `seed --clear`.
var Reference = []string{AccessLevels, ActivityLevels, Units, Muscles}

// Roles of `access_levels.role_name`, plus the dashboard's superusers.
const (
	RoleAdmin     = "admin"
	RoleUser      = "user"
	RoleGuest     = "guest"
	RoleSuperuser = "superuser"
)

// LegacyPasswordHash is the hidden users field holding the Django password
// hash of an account moved from the Django original, until its first sign-in.
const LegacyPasswordHash = "legacy_password_hash"
