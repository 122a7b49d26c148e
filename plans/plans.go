// Package plans reads what a user's training splits plan for a day (the
// active split, its day, the day's muscle targets) and what the logged sets
// activated: the queries the workout routes and the dashboard share.
package plans

import (
	"strconv"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"trackbase/routes/common"
	"trackbase/training"
)

// DayTarget is one muscle target of a split day.
type DayTarget struct {
	Muscle      string  `db:"muscle" json:"muscle"`
	MuscleName  string  `db:"muscle_name" json:"muscle_name"`
	MuscleGroup string  `db:"muscle_group" json:"muscle_group"`
	Target      float64 `db:"target_activation" json:"target_activation"`
}

// Plans holds a user's started splits with their days and targets, read with
// two queries, so the split day of any number of dates is found in memory.
type Plans struct {
	splits  []training.Split
	Names   map[string]string         // split id → split_name
	Days    map[string][]training.Day // split id → days in day_order order
	Targets map[string][]DayTarget    // day id → targets
}

// Load reads the user's splits that start on or before the calendar
// date of lastDay, and the days and targets of those active on some day
// from firstDay to lastDay.
func Load(app core.App, userID string, firstDay, lastDay time.Time) (*Plans, error) {
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
	p := &Plans{Names: map[string]string{}, Days: map[string][]training.Day{}, Targets: map[string][]DayTarget{}}
	for _, r := range splitRows {
		start, err := types.ParseDateTime(r.StartDate)
		if err != nil {
			return nil, err
		}
		created, _ := types.ParseDateTime(r.Created)
		p.splits = append(p.splits, training.Split{ID: r.ID, StartDate: start.Time(), Created: created.Time()})
		p.Names[r.ID] = r.Name
	}
	if len(p.splits) == 0 {
		return p, nil
	}

	// The active split changes only on start dates: the one active on
	// firstDay and those starting later in the range are all that is needed.
	needed := map[string]bool{}
	if s, ok := training.ActiveSplit(p.splits, firstDay); ok {
		needed[s.ID] = true
	}
	first := training.DayNumber(firstDay)
	for _, s := range p.splits {
		if training.DayNumber(s.StartDate) > first {
			needed[s.ID] = true
		}
	}
	if len(needed) == 0 {
		return p, nil
	}
	placeholders := make([]string, 0, len(needed))
	dayParams := dbx.Params{}
	for id := range needed {
		name := "s" + strconv.Itoa(len(placeholders))
		placeholders = append(placeholders, "{:"+name+"}")
		dayParams[name] = id
	}

	var dayRows []struct {
		Split   string `db:"split"`
		DayID   string `db:"day_id"`
		DayName string `db:"day_name"`
		Order   int    `db:"day_order"`
		DayTarget
	}
	err = app.DB().NewQuery(`
		SELECT sd.split, sd.id AS day_id, sd.day_name, sd.day_order,
			COALESCE(t.muscle, '') AS muscle, COALESCE(m.muscle_name, '') AS muscle_name,
			COALESCE(m.muscle_group, '') AS muscle_group, COALESCE(t.target_activation, 0) AS target_activation
		FROM {{split_days}} sd
		LEFT JOIN {{split_day_targets}} t ON t.split_day = sd.id
		LEFT JOIN {{muscles}} m ON m.id = t.muscle
		WHERE sd.split IN (` + strings.Join(placeholders, ", ") + `)
		ORDER BY sd.split, sd.day_order, m.muscle_group, m.muscle_name`).
		Bind(dayParams).All(&dayRows)
	if err != nil {
		return nil, err
	}
	for _, r := range dayRows {
		days := p.Days[r.Split]
		if len(days) == 0 || days[len(days)-1].ID != r.DayID {
			p.Days[r.Split] = append(days, training.Day{ID: r.DayID, Name: r.DayName, Order: r.Order})
		}
		if r.Muscle != "" {
			p.Targets[r.DayID] = append(p.Targets[r.DayID], r.DayTarget)
		}
	}
	return p, nil
}

// On returns the active split on date and its day; hasDay is false when no
// split is active or the active split has no days.
func (p *Plans) On(date time.Time) (split training.Split, day training.Day, active, hasDay bool) {
	split, active = training.ActiveSplit(p.splits, date)
	if !active {
		return
	}
	day, hasDay = training.SplitDay(split.StartDate, date, p.Days[split.ID])
	return
}
