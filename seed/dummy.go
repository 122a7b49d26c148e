package seed

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/security"
	"golang.org/x/crypto/bcrypt"

	"trackbase/collections"
	"trackbase/errortype"
	"trackbase/registry"
	"trackbase/rollups"
	"trackbase/units"
)

// generator writes the dummy data of one run through one inserter per table.
type generator struct {
	tx       core.App
	o        Options
	ins      map[string]*inserter
	muscles  map[string]string // muscle name → id
	groups   []muscleRow       // every muscle with its group, by name
	levels   map[string]string // activity level name → id
	userRole string            // access level id of "user"
	foodIDs  []string          // ids of foodDefs, same order
	synthPwd string            // one bcrypt hash shared by every synthetic user
	now      string            // Options.Today as stored
	seq      int               // ids made so far, see id
	units    units.Table
}

// add queues a row of a collection unless it lies in the future: every row
// is created (and updated) when it happened, and the demo window ends now,
// not at the end of today.
func (g *generator) add(collection string, r row) error {
	if created, _ := r["created"].(string); created > g.now {
		return nil
	}
	in := g.ins[collection]
	if in == nil {
		c, err := g.tx.FindCachedCollectionByNameOrId(collection)
		if err != nil {
			return err
		}
		if in, err = newInserter(g.tx, c); err != nil {
			return err
		}
		g.ins[collection] = in
	}
	return in.add(r)
}

// owned is a row of the user's at the instant t (a stored datetime): its
// id, owner, and creation and update times.
func (g *generator) owned(rng *rand.Rand, uid, t string, r row) row {
	r["id"], r["user"], r["created"], r["updated"] = g.id(rng), uid, t, t
	return r
}

// logged is owned for a log whose date_time is t.
func (g *generator) logged(rng *rand.Rand, uid, t string, r row) row {
	r["date_time"] = t
	return g.owned(rng, uid, t, r)
}

func generate(tx core.App, o Options, rep *Report) error {
	g := &generator{tx: tx, o: o, ins: map[string]*inserter{}, muscles: map[string]string{}, levels: map[string]string{}, now: dbTime(o.Today)}
	dummies := dbx.Params{"john": johnDoe.username, "jane": janeSmith.username, "synthetic": syntheticPrefix + "%"}
	fmt.Fprintln(o.Out, "dummy data: removing the previous demo and synthetic users…")
	if _, err := clearUserData(tx, dummyUsersFilter, dummies); err != nil {
		return fmt.Errorf("dummy: %w", err)
	}
	if err := g.loadReference(); err != nil {
		return err
	}
	fmt.Fprintf(o.Out, "public foods (%d)…\n", len(foodDefs))
	if err := g.upsertFoods(rep); err != nil {
		return err
	}
	profiles := []profile{johnDoe, janeSmith}
	for i := 0; i < o.Users; i++ {
		profiles = append(profiles, syntheticProfile(i+1, rand.New(rand.NewPCG(o.Seed, uint64(1_000_000+i)))))
	}
	if o.Users > 0 {
		hash, err := bcrypt.GenerateFromPassword([]byte(syntheticPassword), 10)
		if err != nil {
			return err
		}
		g.synthPwd = string(hash)
	}
	for i, p := range profiles {
		if err := g.user(p, rand.New(rand.NewPCG(o.Seed, uint64(i+1)))); err != nil {
			return fmt.Errorf("dummy user %s: %w", p.username, err)
		}
		if i < 2 || (i-1)%100 == 0 || i == len(profiles)-1 {
			fmt.Fprintf(o.Out, "  users %d/%d (%s)\n", i+1, len(profiles), p.username)
		}
	}
	for t, in := range g.ins {
		if err := in.close(); err != nil {
			return err
		}
		rep.Rows[t] += in.count
	}
	// the inserters bypass the record hooks that keep the daily rollups
	var ids []string
	if err := tx.DB().NewQuery(dummyUsersFilter).Bind(dummies).Column(&ids); err != nil {
		return err
	}
	fmt.Fprintf(o.Out, "daily rollups of %d users…\n", len(ids))
	for _, id := range ids {
		if err := rollups.RecomputeUser(tx, id); err != nil {
			return err
		}
	}
	return nil
}

func (g *generator) loadReference() error {
	if err := g.tx.DB().NewQuery("SELECT id, muscle_name AS name, muscle_group AS [[group]] FROM {{muscles}} ORDER BY muscle_name").All(&g.groups); err != nil {
		return err
	}
	for _, m := range g.groups {
		g.muscles[m.Name] = m.ID
	}
	var rows []muscleRow
	if err := g.tx.DB().NewQuery("SELECT id, name FROM {{activity_levels}}").All(&rows); err != nil {
		return err
	}
	for _, r := range rows {
		g.levels[r.Name] = r.ID
	}
	for _, split := range []splitDef{pplSplit, upperLowerSplit} {
		for _, e := range split.exercises() {
			for _, r := range e.muscles {
				if g.muscles[r.muscle] == "" {
					return fmt.Errorf("muscle %q is missing from the muscles collection", r.muscle)
				}
			}
		}
	}
	var err error
	if g.units, err = collections.UnitTable(g.tx); err != nil {
		return err
	}
	g.userRole, err = collections.AccessLevelID(g.tx, collections.RoleUser)
	if err != nil || len(g.muscles) == 0 || len(g.levels) == 0 {
		return fmt.Errorf("reference data is missing (run `seed --required` first): %v", err)
	}
	return nil
}

// upsertFoods keeps the id of a public food that already exists under the
// same name (other users' logs point at it) and refreshes its values.
func (g *generator) upsertFoods(rep *Report) error {
	rng := rand.New(rand.NewPCG(g.o.Seed, 0))
	created := dbTime(g.windowStart().AddDate(0, 0, -1))
	for _, f := range foodDefs {
		values := dbx.Params{"food_name": f.name, "serving_size": f.serving, "unit": f.unit, "food_group": f.group,
			"brand": f.brand, "cost": f.cost, "make_public": true, "created_by": "", "updated": created}
		for _, c := range registry.EnergyAndNutrientNames() {
			values[c] = f.n[c]
		}
		id := g.id(rng)
		var existing string
		err := g.tx.DB().Select("id").From("foods").
			Where(dbx.HashExp{"food_name": f.name, "created_by": ""}).Limit(1).Row(&existing)
		if err == nil && existing != "" {
			id = existing
			if _, err := g.tx.DB().Update("foods", values, dbx.HashExp{"id": id}).Execute(); err != nil {
				return err
			}
		} else {
			values["id"], values["created"] = id, created
			if _, err := g.tx.DB().Insert("foods", values).Execute(); err != nil {
				return err
			}
			rep.Rows["foods"]++
		}
		g.foodIDs = append(g.foodIDs, id)
	}
	return nil
}

// windowStart is the first day of the dummy window (UTC date).
func (g *generator) windowStart() time.Time {
	y, m, d := g.o.Today.UTC().Date()
	return time.Date(y, m, d-(g.o.Days-1), 0, 0, 0, 0, time.UTC)
}

func (g *generator) user(p profile, rng *rand.Rand) error {
	loc, err := time.LoadLocation(p.timezone)
	if err != nil {
		return err
	}
	first := g.windowStart()
	at := func(day time.Time, hour, minute int) time.Time {
		return time.Date(day.Year(), day.Month(), day.Day(), hour, minute, 0, 0, loc)
	}
	joined := dbTime(at(first.AddDate(0, 0, -1), 9, 0))
	uid := g.id(rng)

	hash := g.synthPwd
	if !p.synthetic {
		h, err := bcrypt.GenerateFromPassword([]byte(p.password), 10)
		if err != nil {
			return err
		}
		hash = string(h)
	}
	unitPref, bodyUnit, waterUnit, weightUnit := "metric", "cm", "ml", "kg"
	if p.imperial {
		unitPref, bodyUnit, waterUnit, weightUnit = "imperial", "in", "fl oz", "lb"
	}
	// a random tokenKey, as PocketBase gives every new auth record: a fixed
	// one would make the tokens issued before a reseed valid again after it
	if err := g.add(collections.Users, row{"id": uid, "email": p.email, "verified": true, "password": hash,
		"tokenKey": security.RandomString(50), "username": p.username, "first_name": p.first, "last_name": p.last,
		"access_level": g.userRole, "height_cm": p.heightCm, "birthday": p.birthday + " 00:00:00.000Z", "gender": p.gender,
		"unit_preference": unitPref, "activity_level": g.levels[p.activity], "timezone": p.timezone,
		"created": joined, "updated": joined}); err != nil {
		return err
	}

	// goals, as of the first day: a nutrient the profile sets no goal for is
	// at its daily reference
	goals := g.owned(rng, uid, joined, row{})
	for _, n := range registry.Nutrients {
		goals[n.GoalField()] = n.Daily
	}
	for k, v := range p.goals {
		goals[k] = v
	}
	goals["weight_goal_unit"], goals["weight_goal"], goals["calories_goal"] = "kg", round(p.goalWeightKg, 0.5), p.calories
	if p.imperial {
		goals["weight_goal_unit"], goals["weight_goal"] = "lb", round(p.goalWeightKg*lbPerKg, 0.5)
	}
	if err := g.add(collections.UserGoals, goals); err != nil {
		return err
	}

	// muscle priorities: the big three groups a little higher
	for _, m := range g.groups {
		prio := 75
		if m.Group == "legs" || m.Group == "back" || m.Group == "chest" {
			prio = 85
		}
		if err := g.add(collections.MuscleLogs, g.owned(rng, uid, joined, row{"muscle": m.ID, "priority": prio})); err != nil {
			return err
		}
	}

	// workouts with their muscle ratings
	liftUnit, location := p.liftUnit, p.location
	workoutIDs := map[string]string{}
	for _, e := range p.split.exercises() {
		w := g.owned(rng, uid, joined, row{"workout_name": e.name, "equipment_brand": e.brand, "type": e.typ,
			"location": location, "notes": e.notes, "make_public": !p.synthetic})
		workoutIDs[e.name] = w["id"].(string)
		if err := g.add(collections.Workouts, w); err != nil {
			return err
		}
		for _, r := range e.muscles {
			if err := g.add(collections.WorkoutMuscles, row{"id": g.id(rng), "workout": w["id"], "muscle": g.muscles[r.muscle],
				"activation_rating": r.value, "created": joined, "updated": joined}); err != nil {
				return err
			}
		}
	}

	// the split, from the first day, with per-muscle targets = planned sets × rating
	split := g.owned(rng, uid, joined, row{"split_name": p.split.name, "start_date": dbTime(first)})
	if err := g.add(collections.Splits, split); err != nil {
		return err
	}
	for order, d := range p.split.days {
		did := g.id(rng)
		if err := g.add(collections.SplitDays, row{"id": did, "split": split["id"], "day_name": d.name, "day_order": order + 1,
			"created": joined, "updated": joined}); err != nil {
			return err
		}
		targets := map[string]int{}
		var names []string
		for _, e := range d.exercises {
			for _, r := range e.muscles {
				if _, ok := targets[r.muscle]; !ok {
					names = append(names, r.muscle)
				}
				targets[r.muscle] += plannedSets * r.value
			}
		}
		for _, m := range names {
			if err := g.add(collections.SplitDayTargets, row{"id": g.id(rng), "split_day": did, "muscle": g.muscles[m],
				"target_activation": targets[m], "created": joined, "updated": joined}); err != nil {
				return err
			}
		}
	}

	// saved meals
	var mealIDs [2]string
	for i := range p.meals {
		meal := g.owned(rng, uid, joined, row{"meal_name": p.mealNames[i]})
		mealIDs[i] = meal["id"].(string)
		if err := g.add(collections.Meals, meal); err != nil {
			return err
		}
		for _, pt := range p.meals[i] {
			if err := g.add(collections.MealFoods, row{"id": g.id(rng), "meal": mealIDs[i], "food": g.foodIDs[foodIndex(pt.food)],
				"servings": pt.servings, "created": joined, "updated": joined}); err != nil {
				return err
			}
		}
	}

	for d := 0; d < g.o.Days; d++ {
		day := first.AddDate(0, 0, d)
		if err := g.day(p, rng, uid, d, day, at, workoutIDs, mealIDs, liftUnit, weightUnit, bodyUnit, waterUnit); err != nil {
			return err
		}
		if !p.synthetic {
			if err := g.demoRows(p, rng, uid, day, at); err != nil {
				return err
			}
		}
	}
	return g.aiHistory(rng, uid, first, at)
}

type atFunc func(day time.Time, hour, minute int) time.Time

// demoRows writes the rows the registry's trackers give for a demo user's
// day; a measured value is converted to the unit the user prefers.
func (g *generator) demoRows(p profile, rng *rand.Rand, uid string, day time.Time, at atFunc) error {
	for _, t := range registry.Trackers {
		if t.Demo == nil {
			continue
		}
		for _, d := range t.Demo(rng, day) {
			r := row(maps.Clone(d.Values))
			if a := t.Amount; a != nil {
				unit := a.Unit
				if !p.imperial && a.MetricUnit != "" {
					unit = a.MetricUnit
				}
				value, _ := r[a.Field].(float64)
				v, err := g.units.Convert(value, a.Unit, unit)
				if err != nil {
					return err
				}
				if unit != a.Unit {
					v = round(v, 0.1)
				}
				r[a.Field], r[a.UnitField] = v, unit
			}
			if err := g.add(t.Collection, g.logged(rng, uid, dbTime(at(day, d.Hour, d.Minute)), r)); err != nil {
				return err
			}
		}
	}
	return nil
}

func (g *generator) day(p profile, rng *rand.Rand, uid string, d int, day time.Time, at atFunc,
	workoutIDs map[string]string, mealIDs [2]string, liftUnit, weightUnit, bodyUnit, waterUnit string) error {
	weekday := day.Weekday()
	trendKg := p.startWeightKg + p.dailyChangeKg*float64(d)

	// body weight three mornings a week
	if weekday == time.Monday || weekday == time.Thursday || weekday == time.Saturday {
		w := trendKg + noise(rng, 0.35)
		if weightUnit == "lb" {
			w *= lbPerKg
		}
		t := dbTime(at(day, 7, rng.IntN(20)))
		if err := g.add(collections.WeightLogs, g.logged(rng, uid, t, row{"weight": math.Round(w*10) / 10, "weight_unit": weightUnit})); err != nil {
			return err
		}
	}

	// body measurements on Mondays; the waist follows the weight trend
	if weekday == time.Monday {
		delta := trendKg - p.startWeightKg
		m := []float64{35 + delta*0.25, 28.5, 86 + delta*0.9, 118, 58 + delta*0.3, 38} // cm
		if p.gender == "female" {
			m = []float64{28 + delta*0.2, 23.5, 70 + delta*0.8, 100, 54 + delta*0.3, 35}
		}
		for i := range m {
			m[i] += noise(rng, 0.3)
			if bodyUnit == "in" {
				m[i] /= 2.54
			}
			m[i] = round2(m[i])
		}
		t := dbTime(at(day, 8, 0))
		if err := g.add(collections.BodyMeasurementLogs, g.logged(rng, uid, t, row{"upper_arm": m[0], "lower_arm": m[1], "waist": m[2],
			"shoulder": m[3], "leg": m[4], "calf": m[5], "unit": bodyUnit})); err != nil {
			return err
		}
	}

	// water through the day
	for i, hour := range []int{8, 11, 14, 18} {
		amount := 600 + noise(rng, 120)
		if waterUnit == "fl oz" {
			amount = amount / 29.5735295625
		}
		t := dbTime(at(day, hour, 15*i))
		if err := g.add(collections.WaterLogs, g.logged(rng, uid, t, row{"amount": math.Max(50, math.Round(amount)), "unit": waterUnit})); err != nil {
			return err
		}
	}

	// steps, once in the evening
	steps := 6000 + rng.IntN(4001)
	if p.gender == "male" {
		steps += 2000
	}
	t := dbTime(at(day, 21, 30))
	if err := g.add(collections.StepsLogs, g.logged(rng, uid, t, row{"steps": steps})); err != nil {
		return err
	}

	if err := g.food(p, rng, uid, day, at, mealIDs); err != nil {
		return err
	}

	// training: the split day for this date, as /api/workouts/current-day computes it
	splitDay := p.split.days[d%len(p.split.days)]
	trained := len(splitDay.exercises) > 0
	if trained {
		progress := 1 + 0.12*math.Min(float64(d), 365)/180
		for j, e := range splitDay.exercises {
			sets := 3 + rng.IntN(2)
			weight := round(e.start*progress, 2.5)
			if (d/7)%6 == 5 { // a deload week every six
				weight = round(weight*0.9, 2.5)
			}
			for s := 0; s < sets; s++ {
				reps := e.repsHigh - s - rng.IntN(2)
				if reps < e.repsLow {
					reps = e.repsLow
				}
				rir := 3 - s
				if rir < 0 {
					rir = 0
				}
				attrs, inputs := "[]", "{}"
				if s == sets-1 && rng.IntN(8) == 0 {
					attrs = `["drop_set"]`
					b, _ := json.Marshal(map[string]any{"drop_set_weight": round(weight*0.7, 2.5), "drop_set_reps": reps})
					inputs = string(b)
				}
				t := dbTime(at(day, p.trainingHour, 12*j+3*s))
				if err := g.add(collections.WorkoutLogs, g.logged(rng, uid, t, row{"workout": workoutIDs[e.name], "weight": weight,
					"weight_unit": liftUnit, "reps": reps, "rir": rir, "attributes": attrs, "attribute_inputs": inputs,
					"rest_time": 90 + rng.IntN(91)})); err != nil {
					return err
				}
			}
		}
	}

	// cardio after some sessions and on some rest days
	if (trained && rng.Float64() < 0.3) || (!trained && rng.Float64() < 0.4) {
		kinds := []string{"Treadmill", "Stationary Bike", "Elliptical", "Outdoor Run"}
		kind := kinds[rng.IntN(len(kinds))]
		minutes := float64(20 + rng.IntN(26))
		km := round2(minutes / 60 * (8 + rng.Float64()*3))
		if kind == "Stationary Bike" {
			km = round2(minutes / 60 * (20 + rng.Float64()*6))
		}
		distance, unit := km, "km"
		if p.imperial {
			distance, unit = round2(km/1.609344), "mile"
		}
		hour := 10
		if trained {
			hour = p.trainingHour + 1
		}
		t := dbTime(at(day, hour, 15))
		if err := g.add(collections.CardioLogs, g.logged(rng, uid, t, row{"cardio_type": kind, "duration": minutes,
			"distance": distance, "distance_unit": unit, "calories_burned": math.Round(minutes * (8 + rng.Float64()*3)),
			"heart_rate": 120 + rng.IntN(36)})); err != nil {
			return err
		}
	}

	// the night starting this day
	bed := 22*60 + 30 + rng.IntN(91) // 22:30–00:00
	wake := 6*60 + 15 + rng.IntN(76) // 06:15–07:30
	inBed := wake + 24*60 - bed
	latency := 5 + rng.IntN(26)
	woke := rng.IntN(4)
	asleep := inBed - latency - 5*woke
	y, m, d := day.Date()
	dayDate := dbTime(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
	created := dbTime(at(day.AddDate(0, 0, 1), wake/60, wake%60))
	if err := g.add(collections.SleepLogs, g.owned(rng, uid, created, row{"date": dayDate, "time_went_to_bed": hhmm(bed),
		"time_got_out_of_bed": hhmm(wake), "time_fell_asleep": hhmm(bed + latency), "time_in_light_sleep": asleep * 52 / 100,
		"time_in_deep_sleep": asleep * 18 / 100, "time_in_rem_sleep": asleep * 22 / 100, "number_of_times_woke_up": woke,
		"resting_heart_rate": 52 + rng.IntN(10)})); err != nil {
		return err
	}

	// morning check-in; legs are sore the day after leg day
	soreness := 2 + rng.IntN(3)
	if prev := p.split.days[(d+len(p.split.days)-1)%len(p.split.days)]; prev.name == legDay.name || prev.name == lowerDay.name {
		soreness += 3
	}
	illness := 1
	if rng.IntN(30) == 0 {
		illness = 3 + rng.IntN(4)
	}
	checkIn := dbTime(at(day, 7, 45))
	return g.add(collections.HealthMetricsLogs, g.owned(rng, uid, checkIn, row{"date": dayDate, "resting_heart_rate": 55 + rng.IntN(10),
		"blood_pressure_systolic": 110 + rng.IntN(19), "blood_pressure_diastolic": 70 + rng.IntN(13), "morning_energy": 5 + rng.IntN(5),
		"stress_level": 2 + rng.IntN(5), "mood": 6 + rng.IntN(4), "soreness": soreness, "illness_level": illness}))
}

func hhmm(minutes int) string {
	minutes %= 24 * 60
	return fmt.Sprintf("%02d:%02d", minutes/60, minutes%60)
}

// food logs the day's plates, scaled so the day lands near the calorie
// target; some days use a saved meal as it is.
func (g *generator) food(p profile, rng *rand.Rand, uid string, day time.Time, at atFunc, mealIDs [2]string) error {
	type entry struct {
		slot     mealSlot
		portions []portion
		meal     string
	}
	var entries []entry
	kcal, scalable := 0.0, 0.0
	for i, s := range mealSlots {
		if rng.Float64() >= s.probability {
			continue
		}
		e := entry{slot: s, portions: s.options[rng.IntN(len(s.options))]}
		if (i == 0 || i == 3) && rng.IntN(4) == 0 { // a saved meal, logged as saved
			k := 0
			if i == 3 {
				k = 1
			}
			e.portions, e.meal = p.meals[k], mealIDs[k]
		}
		for _, pt := range e.portions {
			c := foodDefs[foodIndex(pt.food)].n["calories"] * pt.servings
			kcal += c
			if e.meal == "" {
				scalable += c
			}
		}
		entries = append(entries, e)
	}
	factor := 1.0
	if scalable > 0 {
		target := p.calories * (1 + noise(rng, 0.07))
		factor = math.Max(0.4, (target-(kcal-scalable))/scalable)
	}
	for _, e := range entries {
		t := dbTime(at(day, e.slot.hour, e.slot.minute+rng.IntN(10)))
		for _, pt := range e.portions {
			servings := pt.servings
			if e.meal == "" {
				servings = math.Max(0.25, round(pt.servings*factor, 0.25))
			}
			i := foodIndex(pt.food)
			if err := g.add(collections.FoodLogs, g.logged(rng, uid, t, row{"food": g.foodIDs[i], "meal": e.meal, "servings": servings,
				"measurement": foodDefs[i].unit})); err != nil {
				return err
			}
		}
	}
	return nil
}

// aiHistory spreads AI usage and error rows over the window.
func (g *generator) aiHistory(rng *rand.Rand, uid string, first time.Time, at atFunc) error {
	inputs := []string{"2 eggs and toast with butter", "1 cup rice and grilled chicken", "greek yogurt with a banana",
		"salmon, sweet potato and spinach", "protein shake and a handful of almonds", "pasta with ground beef"}
	calls := 20 + rng.IntN(31)
	for i := 0; i < calls; i++ {
		day := first.AddDate(0, 0, rng.IntN(g.o.Days))
		t := dbTime(at(day, 8+rng.IntN(13), rng.IntN(60)))
		prompt, completion := 150+rng.IntN(450), 80+rng.IntN(320)
		cost := float64(prompt)*0.15/1e6 + float64(completion)*0.60/1e6 // gpt-4o-mini list prices per token
		ok := rng.IntN(10) > 0
		response, errMsg := `{"items":[…]}`, ""
		if !ok {
			response, errMsg = "", "the model reply did not match the schema"
		}
		if err := g.add(collections.APIUsageLogs, g.owned(rng, uid, t, row{"request_type": "parse_meal", "model_used": "gpt-4o-mini",
			"prompt_tokens": prompt, "completion_tokens": completion, "tokens_used": prompt + completion,
			"cost": math.Round(cost*1e6) / 1e6, "response_time_ms": 400 + rng.IntN(2600), "request": inputs[rng.IntN(len(inputs))],
			"response": response, "success": ok, "error_message": errMsg})); err != nil {
			return err
		}
	}
	types := []struct {
		kind    errortype.Type
		message string
		status  int
	}{
		{errortype.Upstream, "The AI provider answered 500.", 502},
		{errortype.RateLimited, "The AI provider is rate limiting requests.", 503},
		{errortype.Timeout, "The AI provider did not answer in time.", 504},
		{errortype.BadModelOutput, "The model reply did not match the schema.", 502},
	}
	errorsN := 6 + rng.IntN(13)
	for i := 0; i < errorsN; i++ {
		e := types[rng.IntN(len(types))]
		day := first.AddDate(0, 0, rng.IntN(g.o.Days))
		t := dbTime(at(day, 8+rng.IntN(13), rng.IntN(60)))
		if err := g.add(collections.ErrorLogs, g.owned(rng, uid, t, row{"error_type": string(e.kind), "error_message": e.message,
			"user_input": inputs[rng.IntN(len(inputs))], "route": "/api/ai/parse-meal", "method": "POST", "status": e.status})); err != nil {
			return err
		}
	}
	return nil
}

type muscleRow struct {
	ID    string `db:"id"`
	Name  string `db:"name"`
	Group string `db:"group"`
}
