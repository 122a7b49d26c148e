package workouts

import (
	"database/sql"
	"errors"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"trackbase/routes/common"
	"trackbase/training"
)

type analysisRow struct {
	Muscle      string  `json:"muscle"`
	MuscleName  string  `json:"muscle_name"`
	MuscleGroup string  `json:"muscle_group"`
	Priority    int     `json:"priority"`
	SplitTotal  float64 `json:"split_total"`
	Weekly      float64 `json:"weekly_activation"`
	OptimalLow  float64 `json:"optimal_low"`
	OptimalHigh float64 `json:"optimal_high"`
	Status      string  `json:"status"`
}

// statusCounts counts the muscles of each status.
type statusCounts struct {
	Missing int `json:"missing"`
	Below   int `json:"below"`
	Optimal int `json:"optimal"`
	Above   int `json:"above"`
}

// splitAnalysis answers GET /api/splits/{id}/analysis: for every muscle, the
// split's weekly target activation against the optimal range of the caller's
// priority (formula in docs/training.md). Only the caller's own splits.
func splitAnalysis(e *core.RequestEvent) error {
	params := dbx.Params{"id": e.Request.PathValue("id"), "user": e.Auth.Id}
	split := struct {
		ID           string `db:"id" json:"id"`
		Name         string `db:"split_name" json:"split_name"`
		NumberOfDays int    `db:"number_of_days" json:"number_of_days"`
	}{}
	err := e.App.DB().NewQuery(`
		SELECT s.id, s.split_name, (SELECT COUNT(*) FROM {{split_days}} WHERE split = s.id) AS number_of_days
		FROM {{splits}} s WHERE s.id = {:id} AND s.[[user]] = {:user}`).Bind(params).One(&split)
	if errors.Is(err, sql.ErrNoRows) {
		return e.NotFoundError("Split not found.", nil)
	}
	if err != nil {
		return err
	}

	var totals []struct {
		Muscle string  `db:"muscle"`
		Total  float64 `db:"total"`
	}
	err = e.App.DB().NewQuery(`
		SELECT t.muscle, SUM(t.target_activation) AS total
		FROM {{split_days}} sd JOIN {{split_day_targets}} t ON t.split_day = sd.id
		WHERE sd.split = {:id} GROUP BY t.muscle`).Bind(params).All(&totals)
	if err != nil {
		return err
	}
	splitTotals := make(map[string]float64, len(totals))
	for _, t := range totals {
		splitTotals[t.Muscle] = t.Total
	}

	var muscles []struct {
		ID       string `db:"id"`
		Name     string `db:"muscle_name"`
		Group    string `db:"muscle_group"`
		Priority int    `db:"priority"`
	}
	err = e.App.DB().NewQuery(`
		SELECT m.id, m.muscle_name, m.muscle_group, COALESCE(ml.priority, {:default}) AS priority
		FROM {{muscles}} m LEFT JOIN {{muscle_logs}} ml ON ml.muscle = m.id AND ml.[[user]] = {:user}
		ORDER BY m.muscle_group, m.muscle_name`).
		Bind(merge(params, dbx.Params{"default": training.DefaultMusclePriority})).All(&muscles)
	if err != nil {
		return err
	}
	priorities := make([]training.MusclePriority, len(muscles))
	for i, m := range muscles {
		priorities[i] = training.MusclePriority{Muscle: m.ID, Priority: m.Priority}
	}

	var counts statusCounts
	rows := make([]analysisRow, len(muscles))
	for i, a := range training.AnalyzeSplit(split.NumberOfDays, splitTotals, priorities) {
		rows[i] = analysisRow{
			Muscle: a.Muscle, MuscleName: muscles[i].Name, MuscleGroup: muscles[i].Group, Priority: a.Priority,
			SplitTotal: round2(a.SplitTotal), Weekly: round2(a.Weekly),
			OptimalLow: round2(a.Low), OptimalHigh: round2(a.High), Status: a.Status,
		}
		switch a.Status {
		case training.StatusMissing:
			counts.Missing++
		case training.StatusBelow:
			counts.Below++
		case training.StatusOptimal:
			counts.Optimal++
		case training.StatusAbove:
			counts.Above++
		}
	}
	return common.OK(e, struct {
		Split   any           `json:"split"`
		Muscles []analysisRow `json:"muscles"`
		Counts  statusCounts  `json:"counts"`
	}{split, rows, counts})
}
