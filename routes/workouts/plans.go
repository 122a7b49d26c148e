package workouts

import (
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"trackbase/routes/common"
	"trackbase/training"
)

// dayTarget is one muscle target of a split day.
type dayTarget struct {
	Muscle      string  `db:"muscle" json:"muscle"`
	MuscleName  string  `db:"muscle_name" json:"muscle_name"`
	MuscleGroup string  `db:"muscle_group" json:"muscle_group"`
	Target      float64 `db:"target_activation" json:"target_activation"`
}

// plans holds a user's started splits with their days and targets, read with
// two queries, so the split day of any number of dates is found in memory.
type plans struct {
	splits  []training.Split
	names   map[string]string         // split id → split_name
	days    map[string][]training.Day // split id → days in day_order order
	targets map[string][]dayTarget    // day id → targets
}

// loadPlans reads the user's splits that start on or before the calendar
// date of lastDay, with their days and targets.
func loadPlans(app core.App, userID string, lastDay time.Time) (*plans, error) {
	// start_date is stored as "YYYY-MM-DD 00:00:00.000Z": every value of a date
	// up to lastDay sorts before the day after it.
	params := dbx.Params{"user": userID, "until": common.NextDay(lastDay).Format(common.DayLayout)}
	var splitRows []struct {
		ID        string `db:"id"`
		Name      string `db:"split_name"`
		StartDate string `db:"start_date"`
		Created   string `db:"created"`
	}
	err := app.DB().NewQuery(`
		SELECT id, split_name, start_date, created FROM {{splits}}
		WHERE [[user]] = {:user} AND start_date != '' AND start_date < {:until}`).
		Bind(params).All(&splitRows)
	if err != nil {
		return nil, err
	}
	p := &plans{names: map[string]string{}, days: map[string][]training.Day{}, targets: map[string][]dayTarget{}}
	for _, r := range splitRows {
		start, err := types.ParseDateTime(r.StartDate)
		if err != nil {
			return nil, err
		}
		created, _ := types.ParseDateTime(r.Created)
		p.splits = append(p.splits, training.Split{ID: r.ID, StartDate: start.Time(), Created: created.Time()})
		p.names[r.ID] = r.Name
	}
	if len(p.splits) == 0 {
		return p, nil
	}

	var dayRows []struct {
		Split   string `db:"split"`
		DayID   string `db:"day_id"`
		DayName string `db:"day_name"`
		Order   int    `db:"day_order"`
		dayTarget
	}
	err = app.DB().NewQuery(`
		SELECT sd.split, sd.id AS day_id, sd.day_name, sd.day_order,
			COALESCE(t.muscle, '') AS muscle, COALESCE(m.muscle_name, '') AS muscle_name,
			COALESCE(m.muscle_group, '') AS muscle_group, COALESCE(t.target_activation, 0) AS target_activation
		FROM {{splits}} s
		JOIN {{split_days}} sd ON sd.split = s.id
		LEFT JOIN {{split_day_targets}} t ON t.split_day = sd.id
		LEFT JOIN {{muscles}} m ON m.id = t.muscle
		WHERE s.[[user]] = {:user} AND s.start_date != '' AND s.start_date < {:until}
		ORDER BY sd.split, sd.day_order, m.muscle_group, m.muscle_name`).
		Bind(params).All(&dayRows)
	if err != nil {
		return nil, err
	}
	for _, r := range dayRows {
		days := p.days[r.Split]
		if len(days) == 0 || days[len(days)-1].ID != r.DayID {
			p.days[r.Split] = append(days, training.Day{ID: r.DayID, Name: r.DayName, Order: r.Order})
		}
		if r.Muscle != "" {
			p.targets[r.DayID] = append(p.targets[r.DayID], r.dayTarget)
		}
	}
	return p, nil
}

// on returns the active split on date and its day; hasDay is false when no
// split is active or the active split has no days.
func (p *plans) on(date time.Time) (split training.Split, day training.Day, active, hasDay bool) {
	split, active = training.ActiveSplit(p.splits, date)
	if !active {
		return
	}
	day, hasDay = training.SplitDay(split.StartDate, date, p.days[split.ID])
	return
}
