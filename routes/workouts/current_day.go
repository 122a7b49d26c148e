package workouts

import (
	"github.com/pocketbase/pocketbase/core"

	"trackbase/plans"
	"trackbase/routes/common"
)

type currentSplit struct {
	ID           string `json:"id"`
	Name         string `json:"split_name"`
	StartDate    string `json:"start_date"`
	NumberOfDays int    `json:"number_of_days"`
}

type currentSplitDay struct {
	ID      string            `json:"id"`
	Name    string            `json:"day_name"`
	Order   int               `json:"day_order"`
	Targets []plans.DayTarget `json:"targets"`
}

// currentDay answers GET /api/workouts/current-day?date=YYYY-MM-DD (default
// today in the caller's zone): the active split, its day and the day's targets.
func currentDay(e *core.RequestEvent) error {
	loc := common.Location(e.Auth)
	date, err := common.DayParam(e, "date", loc)
	if err != nil {
		return err
	}
	p, err := plans.Load(e.App, e.Auth.Id, date, date)
	if err != nil {
		return err
	}
	out := struct {
		Date  string           `json:"date"`
		Split *currentSplit    `json:"split"`
		Day   *currentSplitDay `json:"day"`
	}{Date: date.Format(common.DayLayout)}
	split, day, active, hasDay := p.On(date)
	if active {
		out.Split = &currentSplit{split.ID, p.Names[split.ID], split.StartDate.Format(common.DayLayout), len(p.Days[split.ID])}
	}
	if hasDay {
		out.Day = &currentSplitDay{day.ID, day.Name, day.Order, append([]plans.DayTarget{}, p.Targets[day.ID]...)}
	}
	return common.OK(e, out)
}
