package workouts

import (
	"sort"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"trackbase/routes/common"
)

// setTotals are the sums of a group of sets.
type setTotals struct {
	Sets   int     `json:"sets"`
	Reps   int     `json:"reps"`
	Volume float64 `json:"volume"` // Σ weight_kg × reps
}

func (s *setTotals) add(o setTotals) {
	s.Sets += o.Sets
	s.Reps += o.Reps
	s.Volume += o.Volume
}

type workoutStats struct {
	Workout      string   `json:"workout"`
	WorkoutName  string   `json:"workout_name"`
	MuscleGroups []string `json:"muscle_groups"`
	setTotals
}

type groupStats struct {
	MuscleGroup string `json:"muscle_group"`
	setTotals
}

// stats answers GET /api/workouts/stats?from&to (default: the last 30 days):
// sets, reps and volume in kg over the caller's sets, per workout and per
// muscle group. A set counts once for every muscle group its workout rates
// above 0, so the groups may add up to more than the total.
func stats(e *core.RequestEvent) error {
	loc := common.Location(e.Auth)
	from, to, err := common.RangeParams(e, loc, 30, maxRangeDays)
	if err != nil {
		return err
	}
	kg, kgParams, err := kgOf(e.App)
	if err != nil {
		return err
	}
	var rows []struct {
		Workout     string  `db:"workout"`
		WorkoutName string  `db:"workout_name"`
		Sets        int     `db:"sets"`
		Reps        int     `db:"reps"`
		Volume      float64 `db:"volume"`
		Groups      string  `db:"muscle_groups"`
	}
	err = e.App.DB().NewQuery(`
		SELECT pw.workout, w.workout_name, pw.sets, pw.reps, pw.volume,
			COALESCE((SELECT GROUP_CONCAT(DISTINCT m.muscle_group)
				FROM {{workout_muscles}} wm JOIN {{muscles}} m ON m.id = wm.muscle
				WHERE wm.workout = pw.workout AND wm.activation_rating > 0), '') AS muscle_groups
		FROM (
			SELECT wl.workout, COUNT(*) AS sets, COALESCE(SUM(wl.reps), 0) AS reps,
				COALESCE(SUM(` + kg + ` * wl.reps), 0) AS volume
			FROM {{workout_logs}} wl
			WHERE wl.[[user]] = {:user} AND wl.date_time >= {:start} AND wl.date_time < {:end}
			GROUP BY wl.workout
		) pw JOIN {{workouts}} w ON w.id = pw.workout
		ORDER BY pw.volume DESC, w.workout_name`).
		Bind(merge(kgParams, dbx.Params{"user": e.Auth.Id, "start": common.DBTime(from), "end": common.DBTime(common.NextDay(to))})).
		All(&rows)
	if err != nil {
		return err
	}

	var total setTotals
	byWorkout := make([]workoutStats, len(rows))
	groups := map[string]*groupStats{}
	for i, r := range rows {
		t := setTotals{r.Sets, r.Reps, r.Volume}
		total.add(t)
		ws := workoutStats{Workout: r.Workout, WorkoutName: r.WorkoutName, MuscleGroups: []string{}, setTotals: t}
		if r.Groups != "" {
			ws.MuscleGroups = strings.Split(r.Groups, ",")
			sort.Strings(ws.MuscleGroups)
		}
		for _, g := range ws.MuscleGroups {
			if groups[g] == nil {
				groups[g] = &groupStats{MuscleGroup: g}
			}
			groups[g].add(t)
		}
		ws.Volume = round2(ws.Volume)
		byWorkout[i] = ws
	}
	byGroup := make([]groupStats, 0, len(groups))
	for _, g := range groups {
		g.Volume = round2(g.Volume)
		byGroup = append(byGroup, *g)
	}
	sort.Slice(byGroup, func(i, j int) bool {
		if byGroup[i].Volume != byGroup[j].Volume {
			return byGroup[i].Volume > byGroup[j].Volume
		}
		return byGroup[i].MuscleGroup < byGroup[j].MuscleGroup
	})
	total.Volume = round2(total.Volume)
	return common.OK(e, struct {
		From          string         `json:"from"`
		To            string         `json:"to"`
		Unit          string         `json:"unit"`
		Totals        setTotals      `json:"totals"`
		ByMuscleGroup []groupStats   `json:"by_muscle_group"`
		ByWorkout     []workoutStats `json:"by_workout"`
	}{from.Format(common.DayLayout), to.Format(common.DayLayout), "kg", total, byGroup, byWorkout})
}
