package workouts

import (
	"github.com/pocketbase/pocketbase/core"

	"trackbase/plans"
	"trackbase/routes/common"
)

// activation answers GET /api/analytics/activation?from&to (default: the last
// 14 days).
func activation(e *core.RequestEvent) error {
	loc := common.Location(e.Auth)
	from, to, err := common.RangeParams(e, loc, 14, maxRangeDays)
	if err != nil {
		return err
	}
	days, err := plans.ActivationByDay(e.App, e.Auth.Id, loc, from, to)
	if err != nil {
		return err
	}
	return common.OK(e, struct {
		From string                `json:"from"`
		To   string                `json:"to"`
		Days []plans.DayActivation `json:"days"`
	}{from.Format(common.DayLayout), to.Format(common.DayLayout), days})
}
