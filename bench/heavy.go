package main

import (
	"fmt"
	"log"
	"math"
	"sync"
	"time"
)

// The user -heavy-days creates: a long history among the seeded users, for issues 3 and 4, which
// want each endpoint measured for a user with 5 years of data. The seed gives every user the same
// --days, and 1000 users × 5 years would take far too long to seed, so this one user is written
// through the public API, hooks and validation included.
const (
	heavyUsername = "bench_heavy"
	heavyPassword = "bench-heavy-123"
)

type row struct {
	collection string
	body       map[string]any
}

// createHeavyUser signs up the heavy user with a full profile, workouts with muscle ratings, a
// 3-day split with targets, a meal and a goal, then `days` days of logs: daily weight, steps,
// sleep and health metrics, 4 food logs and 2 water logs a day, 12 sets on 5 days of 7, cardio
// twice and body measurements once a week. The session then measures as this user.
func (s *session) createHeavyUser(days int) error {
	t0 := time.Now()
	email := heavyUsername + "@example.com"
	if err := s.call("POST", "/api/collections/users/records", "", map[string]any{
		"username": heavyUsername, "email": email, "password": heavyPassword, "passwordConfirm": heavyPassword,
		"height_cm": 180, "birthday": "1990-01-01 00:00:00.000Z", "gender": "male", "timezone": "UTC",
	}, nil); err != nil {
		return err
	}
	s.username, s.password = heavyUsername, heavyPassword
	if err := s.login(); err != nil {
		return err
	}

	var levels, muscles, foods struct {
		Items []map[string]any `json:"items"`
	}
	if err := s.call("GET", "/api/collections/activity_levels/records?perPage=10&filter="+urlQuery("name='Moderately Active'"), s.token, nil, &levels); err != nil || len(levels.Items) == 0 {
		return fmt.Errorf("activity level: %v", err)
	}
	if err := s.call("PATCH", "/api/collections/users/records/"+s.userID, s.token, map[string]any{"activity_level": levels.Items[0]["id"]}, nil); err != nil {
		return err
	}
	if err := s.call("GET", "/api/collections/muscles/records?perPage=100&sort=muscle_name", s.token, nil, &muscles); err != nil {
		return err
	}
	if err := s.call("GET", "/api/collections/foods/records?perPage=100&sort=food_name&filter="+urlQuery("make_public=true"), s.token, nil, &foods); err != nil {
		return err
	}
	if len(muscles.Items) < 18 || len(foods.Items) < 8 {
		return fmt.Errorf("the seeded database has %d muscles and %d public foods; need 18 and 8", len(muscles.Items), len(foods.Items))
	}
	id := func(items []map[string]any, i int) string { return items[i%len(items)]["id"].(string) }
	create := func(collection string, body map[string]any) (string, error) {
		var out map[string]any
		err := s.call("POST", "/api/collections/"+collection+"/records", s.token, body, &out)
		if err != nil {
			return "", err
		}
		return out["id"].(string), nil
	}

	var workouts []string
	for w := 0; w < 6; w++ {
		wid, err := create("workouts", map[string]any{"workout_name": fmt.Sprintf("Bench lift %d", w+1), "type": "barbell"})
		if err != nil {
			return err
		}
		workouts = append(workouts, wid)
		for m := 0; m < 3; m++ {
			if _, err := create("workout_muscles", map[string]any{"workout": wid, "muscle": id(muscles.Items, w*3+m), "activation_rating": 90 - 25*m}); err != nil {
				return err
			}
		}
	}
	start := time.Now().UTC().AddDate(0, 0, -(days-1)).Format(time.DateOnly) + " 00:00:00.000Z"
	split, err := create("splits", map[string]any{"split_name": "Bench PPL", "start_date": start})
	if err != nil {
		return err
	}
	for d := 0; d < 3; d++ {
		day, err := create("split_days", map[string]any{"split": split, "day_name": []string{"Push", "Pull", "Legs"}[d], "day_order": d + 1})
		if err != nil {
			return err
		}
		for m := 0; m < 6; m++ {
			if _, err := create("split_day_targets", map[string]any{"split_day": day, "muscle": id(muscles.Items, d*6+m), "target_activation": 150}); err != nil {
				return err
			}
		}
	}
	meal, err := create("meals", map[string]any{"meal_name": "Bench breakfast"})
	if err != nil {
		return err
	}
	for f := 0; f < 3; f++ {
		if _, err := create("meal_foods", map[string]any{"meal": meal, "food": id(foods.Items, f), "servings": 1}); err != nil {
			return err
		}
	}
	if _, err := create("user_goals", map[string]any{"calories_goal": 2500, "protein_goal": 160, "weight_goal": 78, "weight_goal_unit": "kg"}); err != nil {
		return err
	}

	rows := make(chan row, 256)
	go func() {
		defer close(rows)
		first := time.Now().UTC().AddDate(0, 0, -(days - 1))
		for d := 0; d < days; d++ {
			day := time.Date(first.Year(), first.Month(), first.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, 0, d)
			at := func(h, m int) string {
				return day.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute).Format("2006-01-02 15:04:05.000Z")
			}
			date := day.Format(time.DateOnly)
			// 85 kg falling towards 78 with a weekly wobble
			weight := math.Round((85-7*float64(d)/float64(days)+0.4*math.Sin(float64(d)))*10) / 10
			rows <- row{"weight_logs", map[string]any{"weight": weight, "weight_unit": "kg", "date_time": at(7, 0)}}
			rows <- row{"steps_logs", map[string]any{"steps": 6000 + (d*37)%6000, "date_time": at(21, 0)}}
			rows <- row{"sleep_logs", map[string]any{"date": date, "time_went_to_bed": "23:00", "time_got_out_of_bed": "07:00",
				"time_in_light_sleep": 220, "time_in_deep_sleep": 90, "time_in_rem_sleep": 100, "resting_heart_rate": 55}}
			rows <- row{"health_metrics_logs", map[string]any{"date": date, "resting_heart_rate": 55, "mood": 1 + d%10, "stress_level": 1 + (d/3)%10}}
			for f := 0; f < 4; f++ {
				rows <- row{"food_logs", map[string]any{"food": id(foods.Items, d+f), "servings": 1 + float64(f%2)/2, "date_time": at(8+4*f, 0)}}
			}
			for w := 0; w < 2; w++ {
				rows <- row{"water_logs", map[string]any{"amount": 500, "unit": "ml", "date_time": at(10+6*w, 0)}}
			}
			if d%7 < 5 {
				for set := 0; set < 12; set++ {
					rows <- row{"workout_logs", map[string]any{"workout": workouts[(d%3)*2+set/6], "weight": 60 + float64(d)/20 + float64(set%3)*5,
						"weight_unit": "kg", "reps": 8 - set%3, "rir": 2, "date_time": at(17, set*3)}}
				}
			}
			if d%7 == 1 || d%7 == 4 {
				rows <- row{"cardio_logs", map[string]any{"cardio_type": "run", "duration": 30, "distance": 5, "distance_unit": "km", "calories_burned": 350, "date_time": at(6, 0)}}
			}
			if d%7 == 0 {
				rows <- row{"body_measurement_logs", map[string]any{"waist": 90 - 6*float64(d)/float64(days), "unit": "cm", "date_time": at(7, 30)}}
			}
		}
	}()

	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
		count    int
	)
	for w := 0; w < 16; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range rows {
				_, err := create(r.collection, r.body)
				mu.Lock()
				count++
				if err != nil && firstErr == nil {
					firstErr = err
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if firstErr != nil {
		return fmt.Errorf("heavy user rows: %w", firstErr)
	}
	log.Printf("%s: %d days, %d rows written through the API in %s", heavyUsername, days, count, time.Since(t0).Round(time.Second))
	return s.findIDs()
}
