package health

import (
	"database/sql"
	"errors"
	"slices"
	"time"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"trackbase/bodymetrics"
	"trackbase/collections"
	"trackbase/routes/common"
	"trackbase/units"
)

// caller is what every handler needs about the signed-in user.
type caller struct {
	app   core.App
	user  *core.Record
	id    string
	loc   *time.Location
	units units.Table
	mass  string  // the user's unit_preference for body mass: kg or lb
	len   string  // and for lengths: cm or in
	perKg float64 // mass units per kg, from the units table
	perCm float64 // length units per cm
}

func newCaller(e *core.RequestEvent) (*caller, error) {
	table, err := collections.UnitTable(e.App)
	if err != nil {
		return nil, err
	}
	c := &caller{app: e.App, user: e.Auth, id: e.Auth.Id, loc: common.Location(e.Auth), units: table, mass: "kg", len: "cm"}
	if e.Auth.GetString("unit_preference") == "imperial" {
		c.mass, c.len = "lb", "in"
	}
	if c.perKg, err = table.Convert(1, "kg", c.mass); err != nil {
		return nil, err
	}
	if c.perCm, err = table.Convert(1, "cm", c.len); err != nil {
		return nil, err
	}
	return c, nil
}

// quantity is a value with its unit, as responses give them.
type quantity struct {
	Value float64 `json:"value"`
	Unit  string  `json:"unit"`
}

// massPref is kg in the user's preferred mass unit (2 decimals).
func (c *caller) massPref(kg float64) quantity {
	return quantity{bodymetrics.Round(kg*c.perKg, 2), c.mass}
}

// lengthPref is cm in the user's preferred length unit (1 decimal).
func (c *caller) lengthPref(cm float64) quantity {
	return quantity{bodymetrics.Round(cm*c.perCm, 1), c.len}
}

// endOfTime bounds "latest" queries that take no bound of their own.
var endOfTime = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)

// latestWeight is the user's weight log with the latest date_time before
// `before`, converted to kg; ok is false when there is none.
func (c *caller) latestWeight(before time.Time) (kg float64, at time.Time, ok bool, err error) {
	var row struct {
		Weight   float64 `db:"weight"`
		Unit     string  `db:"weight_unit"`
		DateTime string  `db:"date_time"`
	}
	err = c.app.DB().NewQuery(`SELECT weight, weight_unit, date_time FROM {{weight_logs}}
		WHERE [[user]] = {:user} AND date_time < {:before} ORDER BY date_time DESC LIMIT 1`).
		Bind(dbx.Params{"user": c.id, "before": common.DBTime(before)}).One(&row)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, time.Time{}, false, nil
	}
	if err != nil {
		return 0, time.Time{}, false, err
	}
	if kg, err = c.units.Convert(row.Weight, row.Unit, "kg"); err != nil {
		return 0, time.Time{}, false, err
	}
	at, err = time.Parse(types.DefaultDateLayout, row.DateTime)
	return kg, at, true, err
}

// latestWaistCm is the waist of the latest body measurement that has one, in cm.
func (c *caller) latestWaistCm() (cm float64, ok bool, err error) {
	var row struct {
		Waist float64 `db:"waist"`
		Unit  string  `db:"unit"`
	}
	err = c.app.DB().NewQuery(`SELECT waist, unit FROM {{body_measurement_logs}}
		WHERE [[user]] = {:user} AND waist > 0 ORDER BY date_time DESC LIMIT 1`).
		Bind(dbx.Params{"user": c.id}).One(&row)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, err
	}
	cm, err = c.units.Convert(row.Waist, row.Unit, "cm")
	return cm, err == nil, err
}

// bodyInputs are the profile values the body formulas need, in SI units.
type bodyInputs struct {
	WeightKg      float64
	WeightAt      time.Time
	HeightCm      float64
	Age           int
	Sex           bodymetrics.Sex
	ActivityLevel string
	Multiplier    float64
}

// missingInputs is a 400 listing every missing input with what to do about it.
func missingInputs(e *core.RequestEvent, missing validation.Errors) error {
	return e.BadRequestError("Some inputs of the body formulas are missing: "+joinKeys(missing)+".", missing)
}

func joinKeys(errs validation.Errors) string {
	s := ""
	for _, k := range []string{"weight", "height_cm", "birthday", "activity_level"} {
		if _, ok := errs[k]; ok {
			if s != "" {
				s += ", "
			}
			s += k
		}
	}
	return s
}

// loadBodyInputs reads the latest weight (by date_time), height, age in the
// user's zone today, sex and activity multiplier. A missing input is a 400
// naming it; gender may be unset (the formulas then use their midpoint).
func (c *caller) loadBodyInputs(e *core.RequestEvent) (bodyInputs, error) {
	in := bodyInputs{Sex: bodymetrics.ParseSex(c.user.GetString("gender"))}
	missing := validation.Errors{}

	kg, at, ok, err := c.latestWeight(endOfTime)
	if err != nil {
		return in, err
	}
	if ok {
		in.WeightKg, in.WeightAt = kg, at
	} else {
		missing["weight"] = validation.NewError("validation_missing_weight", "Log your weight first.")
	}

	if in.HeightCm = c.user.GetFloat("height_cm"); in.HeightCm <= 0 {
		missing["height_cm"] = validation.NewError("validation_missing_height_cm", "Set height_cm in your profile.")
	}

	if bd := c.user.GetDateTime("birthday"); bd.IsZero() {
		missing["birthday"] = validation.NewError("validation_missing_birthday", "Set your birthday in your profile.")
	} else {
		in.Age = bodymetrics.Age(bd.Time().UTC(), common.Today(c.loc))
	}

	level, err := c.app.FindRecordById(collections.ActivityLevels, c.user.GetString("activity_level"))
	if err != nil {
		missing["activity_level"] = validation.NewError("validation_missing_activity_level", "Set your activity level in your profile.")
	} else {
		in.ActivityLevel, in.Multiplier = level.GetString("name"), level.GetFloat("multiplier")
	}

	if len(missing) > 0 {
		return in, missingInputs(e, missing)
	}
	return in, nil
}

// goalAt is the user's goal row in force at the instant t: the newest row
// created before it (user_goals is an append-only history); nil when none.
func (c *caller) goalAt(t time.Time) (*core.Record, error) {
	rows, err := c.goalsBefore(t, 1)
	if err != nil || len(rows) == 0 {
		return nil, err
	}
	return rows[0], nil
}

// goalsBefore lists the user's goal rows created before t, newest first (at
// most limit rows; 0 means all).
func (c *caller) goalsBefore(t time.Time, limit int64) ([]*core.Record, error) {
	var rows []*core.Record
	q := c.app.RecordQuery(collections.UserGoals).
		AndWhere(dbx.NewExp("[[user]] = {:user} AND created < {:t}", dbx.Params{"user": c.id, "t": common.DBTime(t)})).
		OrderBy("created DESC")
	if limit > 0 {
		q.Limit(limit)
	}
	if err := q.All(&rows); err != nil {
		return nil, err
	}
	return rows, nil
}

// goalNames are what user_goals sets a `<name>_goal` for, besides body mass.
var goalNames = append(slices.Clone(energyAndNutrients), "cost", "tokens")

// goalValues are a goal row's set goals by the name of what they limit
// ("calories", "protein", …, "cost", "tokens"). PocketBase stores an unset
// number as 0, so only positive goals count as set.
func goalValues(goal *core.Record) map[string]float64 {
	out := map[string]float64{}
	if goal == nil {
		return out
	}
	for _, n := range goalNames {
		if v := goal.GetFloat(n + "_goal"); v > 0 {
			out[n] = v
		}
	}
	return out
}
