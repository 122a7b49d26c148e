package migrations

import (
	"strings"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// A workout may lose its owner: deleting an account keeps the workouts other
// users logged sets of, without owner, so they keep their sets (the rule
// foods have through created_by; hooks/guards.go). `user` stays a cascading
// relation, so the owner's other workouts still go with the account.
//
// For an anonymous caller @request.auth.id is "", which equals the owner of
// such a workout: the read rules of workouts and their muscle ratings now ask
// for a signed-in caller first (write rules already ask for a write role).
func init() {
	m.Register(func(app core.App) error {
		return workoutsWithoutOwner(app, true)
	}, func(app core.App) error {
		return workoutsWithoutOwner(app, false)
	})
}

const signedInPrefix = signedIn + ` && (`

func workoutsWithoutOwner(app core.App, allow bool) error {
	workouts, err := app.FindCollectionByNameOrId("workouts")
	if err != nil {
		return err
	}
	if f, ok := workouts.Fields.GetByName("user").(*core.RelationField); ok {
		f.Required = !allow
	}
	ratings, err := app.FindCollectionByNameOrId("workout_muscles")
	if err != nil {
		return err
	}
	for _, c := range []*core.Collection{workouts, ratings} {
		for _, rule := range []**string{&c.ListRule, &c.ViewRule} {
			if *rule == nil {
				continue
			}
			r := **rule
			if allow {
				r = signedInPrefix + r + `)`
			} else {
				r = strings.TrimSuffix(strings.TrimPrefix(r, signedInPrefix), `)`)
			}
			*rule = &r
		}
		if err := app.Save(c); err != nil {
			return err
		}
	}
	return nil
}
