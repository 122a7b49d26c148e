package plans

import (
	"sort"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"trackbase/bodymetrics"
	"trackbase/routes/common"
)

// DayActivation is one calendar day (in the user's zone): the active split's
// day, what it targets and what the logged sets activated.
type DayActivation struct {
	Date        string             `json:"date"`
	Split       *ActiveSplitRef    `json:"split"` // null: no split active that day
	Day         *SplitDayRef       `json:"day"`   // null: no split, or a split without days
	Muscles     []MuscleActivation `json:"muscles"`
	TargetTotal float64            `json:"target_total"`
	DoneTotal   float64            `json:"done_total"`
	// Percentage is done_total / target_total × 100, null without a target.
	Percentage *float64 `json:"percentage"`
}

// ActiveSplitRef names the split active on a day.
type ActiveSplitRef struct {
	ID        string `json:"id"`
	Name      string `json:"split_name"`
	StartDate string `json:"start_date"`
}

// SplitDayRef names the split day of a date.
type SplitDayRef struct {
	ID    string `json:"id"`
	Name  string `json:"day_name"`
	Order int    `json:"day_order"`
}

// MuscleActivation is one muscle that the day targets or that a set worked.
type MuscleActivation struct {
	Muscle      string  `json:"muscle"`
	MuscleName  string  `json:"muscle_name"`
	MuscleGroup string  `json:"muscle_group"`
	Target      float64 `json:"target"`
	Done        float64 `json:"done"`
	Remaining   float64 `json:"remaining"` // max(0, target − done)
}

// ActivationByDay returns one DayActivation per calendar day in loc from the
// day of `from` to the day of `to`, both included. Done activation of a day =
// Σ over the user's sets that day of the activation ratings of every muscle of
// the set's workout. Three queries whatever the length of the range.
func ActivationByDay(app core.App, userID string, loc *time.Location, from, to time.Time) ([]DayActivation, error) {
	first, last := common.StartOfDay(from, loc), common.StartOfDay(to, loc)
	p, err := Load(app, userID, first, last)
	if err != nil {
		return nil, err
	}

	end := common.NextDay(last)
	dayExpr, dayParams := common.LocalDay("wl.date_time", loc, first, end)
	dayParams["user"], dayParams["start"], dayParams["end"] = userID, common.DBTime(first), common.DBTime(end)
	var doneRows []struct {
		Day         string  `db:"day"`
		Muscle      string  `db:"muscle"`
		MuscleName  string  `db:"muscle_name"`
		MuscleGroup string  `db:"muscle_group"`
		Done        float64 `db:"done"`
	}
	// Sets are counted per day and workout first, so the ratings are joined
	// once per workout a day rather than once per set.
	err = app.DB().NewQuery(`
		SELECT d.day, wm.muscle, m.muscle_name, m.muscle_group, SUM(d.sets * wm.activation_rating) AS done
		FROM (
			SELECT ` + dayExpr + ` AS day, wl.workout, COUNT(*) AS sets
			FROM {{workout_logs}} wl
			WHERE wl.[[user]] = {:user} AND wl.date_time >= {:start} AND wl.date_time < {:end}
			GROUP BY day, wl.workout
		) d
		JOIN {{workout_muscles}} wm ON wm.workout = d.workout
		JOIN {{muscles}} m ON m.id = wm.muscle
		GROUP BY d.day, wm.muscle`).
		Bind(dayParams).
		All(&doneRows)
	if err != nil {
		return nil, err
	}
	doneByDay := map[string][]MuscleActivation{}
	for _, r := range doneRows {
		doneByDay[r.Day] = append(doneByDay[r.Day], MuscleActivation{
			Muscle: r.Muscle, MuscleName: r.MuscleName, MuscleGroup: r.MuscleGroup, Done: r.Done,
		})
	}

	var out []DayActivation
	for day := first; !day.After(last); day = common.NextDay(day) {
		key := day.Format(common.DayLayout)
		da := DayActivation{Date: key, Muscles: []MuscleActivation{}}
		split, splitDay, active, hasDay := p.On(day)
		if active {
			da.Split = &ActiveSplitRef{ID: split.ID, Name: p.Names[split.ID], StartDate: split.StartDate.Format(common.DayLayout)}
		}
		if hasDay {
			da.Day = &SplitDayRef{ID: splitDay.ID, Name: splitDay.Name, Order: splitDay.Order}
			for _, t := range p.Targets[splitDay.ID] {
				da.Muscles = append(da.Muscles, MuscleActivation{
					Muscle: t.Muscle, MuscleName: t.MuscleName, MuscleGroup: t.MuscleGroup, Target: t.Target,
				})
				da.TargetTotal += t.Target
			}
		}
		targeted := make(map[string]int, len(da.Muscles)) // muscle → index in da.Muscles
		for i, m := range da.Muscles {
			targeted[m.Muscle] = i
		}
		for _, d := range doneByDay[key] {
			da.DoneTotal += d.Done
			if i, ok := targeted[d.Muscle]; ok {
				da.Muscles[i].Done = d.Done
			} else {
				da.Muscles = append(da.Muscles, d)
			}
		}
		for i := range da.Muscles {
			m := &da.Muscles[i]
			m.Remaining = max(0, m.Target-m.Done)
		}
		sort.SliceStable(da.Muscles, func(i, j int) bool {
			a, b := da.Muscles[i], da.Muscles[j]
			if a.MuscleGroup != b.MuscleGroup {
				return a.MuscleGroup < b.MuscleGroup
			}
			return a.MuscleName < b.MuscleName
		})
		if da.TargetTotal > 0 {
			pct := bodymetrics.Round(da.DoneTotal/da.TargetTotal*100, 2)
			da.Percentage = &pct
		}
		out = append(out, da)
	}
	return out, nil
}
