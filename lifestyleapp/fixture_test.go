package lifestyleapp_test

import (
	"database/sql"
	"path/filepath"
	"testing"

	_ "modernc.org/sqlite"

	"trackbase/djangohash"
)

// The original's tables as Django's SQLite backend creates them (table and
// column names of original-schema.md; Django's SQLite column types).
var djangoSchema = []string{
	`CREATE TABLE "access_levels" ("access_level_id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "role_name" varchar(20) NOT NULL UNIQUE)`,
	`CREATE TABLE "units" ("unit_id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "unit_name" varchar(50) NOT NULL UNIQUE)`,
	`CREATE TABLE "activity_levels" ("activity_level_id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(100) NOT NULL UNIQUE, "description" text NOT NULL)`,
	`CREATE TABLE "users" ("user_id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "password" varchar(128) NOT NULL, "last_login" datetime NULL,
		"is_superuser" bool NOT NULL, "username" varchar(150) NOT NULL UNIQUE, "first_name" varchar(150) NOT NULL, "last_name" varchar(150) NOT NULL,
		"email" varchar(254) NOT NULL UNIQUE, "is_staff" bool NOT NULL, "is_active" bool NOT NULL, "date_joined" datetime NOT NULL,
		"height" decimal NULL, "birthday" date NULL, "gender" varchar(10) NULL, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL,
		"access_level_id" integer NULL, "activity_level_id" integer NULL, "unit_preference" integer NULL, "invite_key_id" integer NULL UNIQUE)`,
	`CREATE TABLE "user_goal" ("user_goal_id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "tokens_goal" integer NULL, "cost_goal" decimal NULL,
		"weight_goal" decimal NULL, "lean_mass_goal" decimal NULL, "fat_mass_goal" decimal NULL, "calories_goal" integer NULL,
		"protein_goal" decimal NULL, "fat_goal" decimal NULL, "carbohydrates_goal" decimal NULL, "fiber_goal" decimal NULL, "sodium_goal" decimal NULL,
		"sugar_goal" decimal NULL, "saturated_fat_goal" decimal NULL, "trans_fat_goal" decimal NULL, "calcium_goal" decimal NULL, "iron_goal" decimal NULL,
		"magnesium_goal" decimal NULL, "cholesterol_goal" decimal NULL, "vitamin_a_goal" decimal NULL, "vitamin_c_goal" decimal NULL,
		"vitamin_d_goal" decimal NULL, "caffeine_goal" decimal NULL, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, "user_id" integer NOT NULL)`,
	`CREATE TABLE "foods" ("food_id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "food_name" varchar(200) NOT NULL, "serving_size" decimal NOT NULL,
		"unit" varchar(20) NOT NULL, "calories" decimal NOT NULL, "protein" decimal NOT NULL, "fat" decimal NOT NULL, "carbohydrates" decimal NOT NULL,
		"fiber" decimal NOT NULL, "sodium" decimal NOT NULL, "sugar" decimal NOT NULL, "saturated_fat" decimal NOT NULL, "trans_fat" decimal NOT NULL,
		"calcium" decimal NOT NULL, "iron" decimal NOT NULL, "magnesium" decimal NOT NULL, "cholesterol" decimal NOT NULL, "vitamin_a" decimal NOT NULL,
		"vitamin_c" decimal NOT NULL, "vitamin_d" decimal NOT NULL, "caffeine" decimal NOT NULL, "food_group" varchar(20) NOT NULL, "brand" varchar(100) NULL,
		"cost" decimal NULL, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, "make_public" bool NOT NULL, "created_by_id" integer NULL)`,
	`CREATE TABLE "meals" ("meal_id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "meal_name" varchar(100) NOT NULL, "created_at" datetime NOT NULL,
		"updated_at" datetime NOT NULL, "user_id" integer NOT NULL)`,
	`CREATE TABLE "meals_foods" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "servings" decimal NOT NULL, "food_id" integer NOT NULL, "meal_id" integer NOT NULL)`,
	`CREATE TABLE "food_log" ("macro_log_id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "servings" decimal NOT NULL, "measurement" varchar(20) NOT NULL,
		"date_time" datetime NOT NULL, "voice_input" text NULL, "ai_response" text NULL, "tokens_used" integer NULL, "food_id" integer NOT NULL,
		"meal_id" integer NULL, "user_id" integer NOT NULL)`,
	`CREATE TABLE "weight_log" ("weight_log_id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "weight" decimal NOT NULL, "weight_unit" varchar(10) NOT NULL,
		"created_at" datetime NOT NULL, "user_id" integer NOT NULL, "date_time" datetime NOT NULL)`,
	`CREATE TABLE "body_measurement_log" ("measurement_id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "upper_arm" decimal NULL, "lower_arm" decimal NULL,
		"waist" decimal NULL, "shoulder" decimal NULL, "leg" decimal NULL, "calf" decimal NULL, "created_at" datetime NOT NULL, "user_id" integer NOT NULL,
		"date_time" datetime NOT NULL)`,
	`CREATE TABLE "water_log" ("water_log_id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "amount" decimal NOT NULL, "unit" varchar(10) NOT NULL,
		"created_at" datetime NOT NULL, "user_id" integer NOT NULL, "date_time" datetime NOT NULL)`,
	`CREATE TABLE "steps_log" ("step_log_id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "steps" integer NOT NULL, "date_time" datetime NOT NULL,
		"created_at" datetime NOT NULL, "user_id" integer NOT NULL)`,
	`CREATE TABLE "cardio_log" ("cardio_log_id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "cardio_type" varchar(100) NOT NULL, "duration" decimal NOT NULL,
		"distance" decimal NULL, "distance_unit" varchar(10) NULL, "calories_burned" integer NULL, "heart_rate" integer NULL, "date_time" datetime NOT NULL,
		"created_at" datetime NOT NULL, "user_id" integer NOT NULL)`,
	`CREATE TABLE "muscles" ("muscles_id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "muscle_name" varchar(100) NOT NULL UNIQUE, "muscle_group" varchar(50) NOT NULL)`,
	`CREATE TABLE "workouts" ("workouts_id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "workout_name" varchar(200) NOT NULL, "equipment_brand" varchar(100) NULL,
		"type" varchar(50) NOT NULL, "location" varchar(100) NULL, "notes" text NULL, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL,
		"user_id" integer NOT NULL, "make_public" bool NOT NULL)`,
	`CREATE TABLE "workout_muscle" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "activation_rating" integer NOT NULL, "muscle_id" integer NOT NULL,
		"workout_id" integer NOT NULL)`,
	`CREATE TABLE "muscle_log" ("muscle_log_id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "priority" integer NOT NULL, "created_at" datetime NOT NULL,
		"muscle_name" varchar(100) NOT NULL, "user_id" integer NOT NULL)`,
	`CREATE TABLE "workout_log" ("workout_log_id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "weight" decimal NULL, "reps" integer NULL, "rir" integer NULL,
		"attributes" text NOT NULL CHECK ((JSON_VALID("attributes") OR "attributes" IS NULL)), "attribute_inputs" text NOT NULL, "rest_time" integer NULL,
		"date_time" datetime NOT NULL, "created_at" datetime NOT NULL, "user_id" integer NOT NULL, "workout_id" integer NOT NULL)`,
	`CREATE TABLE "splits" ("splits_id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "split_name" varchar(200) NOT NULL, "start_date" date NULL,
		"created_at" datetime NOT NULL, "user_id" integer NOT NULL)`,
	`CREATE TABLE "split_days" ("split_days_id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "day_name" varchar(100) NOT NULL, "day_order" integer NOT NULL,
		"splits_id" integer NOT NULL)`,
	`CREATE TABLE "split_day_targets" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "target_activation" integer NOT NULL, "muscle_id" integer NOT NULL,
		"split_day_id" integer NOT NULL)`,
	`CREATE TABLE "sleep_log" ("sleep_log_id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "date_time" date NOT NULL, "time_went_to_bed" time NOT NULL,
		"time_got_out_of_bed" time NOT NULL, "time_fell_asleep" time NULL, "time_in_light_sleep" integer NULL, "time_in_deep_sleep" integer NULL,
		"time_in_rem_sleep" integer NULL, "number_of_times_woke_up" integer NULL, "resting_heart_rate" integer NULL, "created_at" datetime NOT NULL,
		"user_id" integer NOT NULL)`,
	`CREATE TABLE "health_metrics_log" ("health_metrics_id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "resting_heart_rate" integer NULL,
		"blood_pressure_systolic" integer NULL, "blood_pressure_diastolic" integer NULL, "morning_energy" integer NULL, "stress_level" integer NULL,
		"mood" integer NULL, "soreness" integer NULL, "illness_level" integer NULL, "date_time" date NOT NULL, "created_at" datetime NOT NULL,
		"user_id" integer NOT NULL)`,
}

const (
	johnPassword = "testpass123"
	janePassword = "testpass456"
	ts           = "2025-10-03 18:17:00.123456"
)

// nutrients of a food row after its name: serving_size, unit, calories,
// protein … caffeine (17), food_group, brand, cost
type food struct {
	id        int
	name      string
	serving   float64
	unit      string
	nutrients [17]float64
	group     string
	brand     any
	public    bool
	createdBy any
}

var fixtureFoods = []food{
	// Chicken Breast (Raw) of the original's seed, public, without creator
	{1, "Chicken Breast (Raw)", 100, "g", [17]float64{165, 31, 3.6, 0, 0, 74, 0, 1.08, 0, 15, 1.04, 29, 85, 9, 0, 0.1, 0}, "protein", nil, true, nil},
	// John's private food
	{2, "Protein Oats", 40, "g", [17]float64{150, 5, 3, 27, 4, 2, 1, 0.5, 0, 20, 1.5, 40, 0, 0, 0, 0, 0}, "grain", "Quaker", false, 1},
	{3, "Banana", 118, "g", [17]float64{105, 1.3, 0.4, 27, 3.1, 1, 14, 0.1, 0, 6, 0.3, 32, 0, 3, 10.3, 0, 0}, "fruit", nil, true, nil},
}

// buildDjangoDB writes a LifestyleApp database: john (imperial, lb), jane
// (metric, kg), nora (no access level, an unusable password), Alice (whose
// username trackbase's alice has), their rows of
// every kind, and the rows the import must report: a food log of a user
// that does not exist, a weight of 5000 kg, a mood of 11.
func buildDjangoDB(t testing.TB) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "lifestyleapp.sqlite3")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := db.Exec(q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	for _, q := range djangoSchema {
		exec(q)
	}
	for _, r := range []string{"admin", "user", "guest"} {
		exec(`INSERT INTO access_levels (role_name) VALUES (?)`, r)
	}
	for _, u := range []string{"imperial", "metric", "lb", "kg", "oz", "g"} {
		exec(`INSERT INTO units (unit_name) VALUES (?)`, u)
	}
	for _, a := range []string{"Sedentary", "Lightly Active", "Moderately Active", "Very Active", "Extremely Active"} {
		exec(`INSERT INTO activity_levels (name, description) VALUES (?, '')`, a)
	}
	for _, m := range [][2]string{{"Pectoralis Major (Upper)", "chest"}, {"Latissimus Dorsi", "back"}, {"Biceps Brachii", "arms"}, {"Glutes (Maximus)", "legs"}} {
		exec(`INSERT INTO muscles (muscle_name, muscle_group) VALUES (?, ?)`, m[0], m[1])
	}
	user := `INSERT INTO users (user_id, password, is_superuser, username, first_name, last_name, email, is_staff, is_active, date_joined,
		height, birthday, gender, created_at, updated_at, access_level_id, activity_level_id, unit_preference) VALUES (?,?,0,?,?,?,?,0,1,?,?,?,?,?,?,?,?,?)`
	// Django 4.2 hashes with 600000 iterations; fewer here for speed
	exec(user, 1, djangohash.Make(johnPassword, "Vq3kLr9TxQ2mZp8s", 1000), "john_doe", "John", "Doe", "john.doe@example.com",
		"2025-10-03 18:17:00", "72.00", "1990-05-15", "male", ts, ts, 2, 4, 3)
	exec(user, 2, djangohash.Make(janePassword, "aB1cD2eF3gH4iJ5k", 1000), "jane_smith", "Jane", "Smith", "jane.smith@example.com",
		"2025-10-04 09:00:00", "165.00", "1992-08-22", "female", ts, ts, 2, 3, 4)
	exec(user, 3, "!Unusable0000000000000000000000000000000", "nora", "", "", "nora@example.com",
		"2025-10-05 09:00:00", nil, nil, nil, ts, ts, nil, nil, nil)
	// trackbase's fixture user alice has this username already (without case)
	exec(user, 4, djangohash.Make("x", "y", 1), "Alice", "", "", "alice.lifestyle@example.com",
		"2025-10-05 09:00:00", nil, nil, nil, ts, ts, 2, nil, nil)

	goal := `INSERT INTO user_goal (user_id, tokens_goal, weight_goal, calories_goal, protein_goal, sodium_goal, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)`
	exec(goal, 1, 1000, nil, nil, nil, nil, "2025-10-03 18:17:00", "2025-10-03 18:17:00") // registration's row
	exec(goal, 1, 10000, "185.00", 2200, "180.00", "2300.00", "2025-10-05 08:00:00", "2025-10-05 08:00:00")
	exec(goal, 2, 5000, "62.00", 1800, "120.00", "2000.00", "2025-10-05 08:00:00", "2025-10-05 08:00:00")

	for _, f := range fixtureFoods {
		args := []any{f.id, f.name, f.serving, f.unit}
		for _, n := range f.nutrients {
			args = append(args, n)
		}
		args = append(args, f.group, f.brand, f.public, f.createdBy, ts, ts)
		exec(`INSERT INTO foods (food_id, food_name, serving_size, unit, calories, protein, fat, carbohydrates, fiber, sodium, sugar,
			saturated_fat, trans_fat, calcium, iron, magnesium, cholesterol, vitamin_a, vitamin_c, vitamin_d, caffeine,
			food_group, brand, make_public, created_by_id, cost, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,NULL,?,?)`, args...)
	}
	exec(`INSERT INTO meals (meal_id, meal_name, user_id, created_at, updated_at) VALUES (1, 'Pre-Workout Breakfast', 1, ?, ?), (2, 'Morning Protein', 2, ?, ?)`, ts, ts, ts, ts)
	exec(`INSERT INTO meals_foods (meal_id, food_id, servings) VALUES (1, 2, 1.5), (1, 3, 1), (2, 3, 0.5)`)
	food := `INSERT INTO food_log (macro_log_id, user_id, food_id, meal_id, servings, measurement, date_time) VALUES (?,?,?,?,?,?,?)`
	exec(food, 1, 1, 2, 1, "1.50", "g", "2025-11-01 07:30:00")
	exec(food, 2, 1, 1, nil, "2.00", "g", "2025-11-01 12:00:00")
	exec(food, 3, 2, 3, 2, "1.00", "g", "2025-11-01 08:00:00")
	exec(food, 4, 99, 1, nil, "1.00", "g", "2025-11-01 08:00:00") // of a user that does not exist

	exec(`INSERT INTO weight_log (weight_log_id, user_id, weight, weight_unit, date_time, created_at) VALUES
		(1, 1, 195.40, 'lb', '2025-11-03 07:00:00', ?), (2, 2, 65.00, 'kg', '2025-11-03 07:00:00', ?), (3, 2, 5000.00, 'kg', '2025-11-04 07:00:00', ?)`, ts, ts, ts)
	exec(`INSERT INTO body_measurement_log (user_id, upper_arm, waist, date_time, created_at) VALUES (1, 15.25, 34.00, '2025-11-03 08:00:00', ?)`, ts)
	exec(`INSERT INTO water_log (user_id, amount, unit, date_time, created_at) VALUES (1, 140.00, 'oz', '2025-11-03 20:00:00', ?), (2, 2.50, 'l', '2025-11-03 20:00:00', ?)`, ts, ts)
	exec(`INSERT INTO steps_log (user_id, steps, date_time, created_at) VALUES (1, 10432, '2025-11-03 23:59:00', ?), (2, 8100, '2025-11-03 23:59:00', ?), (4, 5000, '2025-11-03 23:59:00', ?)`, ts, ts, ts)
	exec(`INSERT INTO cardio_log (user_id, cardio_type, duration, distance, distance_unit, calories_burned, heart_rate, date_time, created_at)
		VALUES (1, 'Treadmill', 25.50, 2.10, 'mile', 240, 135, '2025-11-03 18:00:00', ?)`, ts)
	exec(`INSERT INTO workouts (workouts_id, user_id, workout_name, equipment_brand, type, location, notes, make_public, created_at, updated_at) VALUES
		(1, 1, 'Barbell Bench Press', 'Rogue', 'barbell', 'Gold''s Gym', 'Primary chest strength lift.', 1, ?, ?),
		(2, 2, 'Hip Thrust', NULL, 'Smith Machine', NULL, NULL, 0, ?, ?)`, ts, ts, ts, ts)
	exec(`INSERT INTO workout_muscle (workout_id, muscle_id, activation_rating) VALUES (1, 1, 90), (1, 3, 40), (2, 4, 95)`)
	exec(`INSERT INTO muscle_log (user_id, muscle_name, priority, created_at) VALUES (1, 'Pectoralis Major (Upper)', 85, ?), (2, 'Glutes (Maximus)', 95, ?)`, ts, ts)
	exec(`INSERT INTO workout_log (user_id, workout_id, weight, reps, rir, attributes, attribute_inputs, rest_time, date_time, created_at) VALUES
		(1, 1, 185.00, 8, 2, '["drop_set"]', '{"drop_set_weight": 135, "drop_set_reps": 6}', 120, '2025-11-03 17:00:00', ?),
		(2, 2, 60.00, 10, 1, '[]', '{}', 90, '2025-11-03 17:30:00', ?)`, ts, ts)
	exec(`INSERT INTO splits (splits_id, user_id, split_name, start_date, created_at) VALUES (1, 1, 'Push Pull Legs', '2025-10-06', ?), (2, 2, 'Upper Lower', NULL, ?)`, ts, ts)
	exec(`INSERT INTO split_days (split_days_id, splits_id, day_name, day_order) VALUES (1, 1, 'Push Day', 1), (2, 1, 'Pull Day', 2), (3, 2, 'Upper Body', 1)`)
	exec(`INSERT INTO split_day_targets (split_day_id, muscle_id, target_activation) VALUES (1, 1, 85), (2, 2, 85), (3, 2, 80)`)
	exec(`INSERT INTO sleep_log (user_id, date_time, time_went_to_bed, time_got_out_of_bed, time_fell_asleep, time_in_light_sleep, time_in_deep_sleep,
		time_in_rem_sleep, number_of_times_woke_up, resting_heart_rate, created_at) VALUES (1, '2025-11-03', '23:12:00', '06:45:00.000000', '23:30:00', 240, 90, 80, 2, 58, ?)`, ts)
	exec(`INSERT INTO health_metrics_log (user_id, date_time, resting_heart_rate, blood_pressure_systolic, blood_pressure_diastolic, morning_energy,
		stress_level, mood, soreness, illness_level, created_at) VALUES (1, '2025-11-03', 58, 120, 80, 7, 3, 11, 4, 1, ?)`, ts)
	return path
}
