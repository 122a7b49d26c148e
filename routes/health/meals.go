package health

import (
	"errors"
	"net/http"
	"time"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"trackbase/bodymetrics"
	"trackbase/collections"
	"trackbase/routes/common"
)

type mealLogRequest struct {
	DateTime string   `json:"date_time"` // default now
	Servings *float64 `json:"servings"`  // multiplies every item's servings; default 1
}

type mealItem struct {
	Food     string  `db:"food" json:"food"`
	FoodName string  `db:"food_name" json:"food_name"`
	Servings float64 `db:"servings" json:"servings"`
	// the meal's amount as a count of a portion or a weight, when it gives one
	Portion      string  `db:"portion" json:"portion,omitempty"`
	PortionCount float64 `db:"portion_count" json:"portion_count,omitempty"`
	Grams        float64 `db:"grams" json:"grams,omitempty"`
	Unit         string  `db:"unit" json:"-"`
	Calories     float64 `db:"calories" json:"-"`
	Protein      float64 `db:"protein" json:"-"`
	Carbs        float64 `db:"carbohydrates" json:"-"`
	Fat          float64 `db:"fat" json:"-"`
	LogID        string  `db:"-" json:"id"`
}

// logMeal answers POST /api/meals/{id}/log: one food log per food of the
// caller's meal, at date_time, all in one transaction (all or nothing).
// Another user's meal is a 404, as if it did not exist.
func logMeal(e *core.RequestEvent) error {
	var req mealLogRequest
	if err := common.ReadJSON(e, &req); err != nil {
		return err
	}
	c, err := newCaller(e)
	if err != nil {
		return err
	}
	var meal struct {
		ID   string `db:"id"`
		Name string `db:"meal_name"`
	}
	err = c.app.DB().Select("id", "meal_name").From(collections.Meals).
		Where(dbx.HashExp{"id": e.Request.PathValue("id"), "user": c.id}).One(&meal)
	if err != nil {
		return e.NotFoundError("Meal not found.", nil)
	}

	at := time.Now().UTC()
	if req.DateTime != "" {
		dt, err := types.ParseDateTime(req.DateTime)
		if err != nil || dt.IsZero() {
			return common.FieldError(e, "date_time", "date_time must be a date-time such as 2026-01-02 12:30:00Z.")
		}
		at = dt.Time()
	}
	factor := 1.0
	if req.Servings != nil {
		if factor = *req.Servings; factor <= 0 {
			return common.FieldError(e, "servings", "servings must be greater than 0.")
		}
	}

	var items []mealItem
	err = c.app.DB().NewQuery(`SELECT mf.food, mf.servings, mf.portion, mf.portion_count, mf.grams, f.food_name, f.unit, f.calories, f.protein, f.carbohydrates, f.fat
		FROM {{meal_foods}} mf JOIN {{foods}} f ON f.id = mf.food WHERE mf.meal = {:meal} ORDER BY f.food_name`).
		Bind(dbx.Params{"meal": meal.ID}).All(&items)
	if err != nil {
		return err
	}
	if len(items) == 0 {
		return common.FieldError(e, "meal", "The meal has no foods to log.")
	}

	col, err := c.app.FindCachedCollectionByNameOrId(collections.FoodLogs)
	if err != nil {
		return err
	}
	err = c.app.RunInTransaction(func(tx core.App) error {
		for i := range items {
			it := &items[i]
			it.Servings *= factor
			it.PortionCount *= factor
			it.Grams *= factor
			rec := core.NewRecord(col)
			rec.Set("user", c.id)
			rec.Set("food", it.Food)
			rec.Set("meal", meal.ID)
			rec.Set("servings", it.Servings)
			rec.Set("portion", it.Portion)
			rec.Set("portion_count", it.PortionCount)
			rec.Set("grams", it.Grams)
			rec.Set("measurement", it.Unit)
			rec.Set("date_time", at)
			if err := tx.Save(rec); err != nil {
				return err
			}
			it.LogID = rec.Id
		}
		return nil
	})
	var invalid validation.Errors
	if errors.As(err, &invalid) {
		return e.BadRequestError("A food of the meal could not be logged; nothing was logged.", invalid)
	}
	if err != nil {
		return err
	}

	var kcal, protein, carbs, fat float64
	for _, it := range items {
		kcal += it.Calories * it.Servings
		protein += it.Protein * it.Servings
		carbs += it.Carbs * it.Servings
		fat += it.Fat * it.Servings
	}
	return e.JSON(http.StatusCreated, map[string]any{"data": map[string]any{
		"meal": meal.ID, "meal_name": meal.Name, "date_time": common.DBTime(at), "logs": items,
		"totals": map[string]float64{"calories": bodymetrics.Round(kcal, 2), "protein": bodymetrics.Round(protein, 2),
			"carbohydrates": bodymetrics.Round(carbs, 2), "fat": bodymetrics.Round(fat, 2)},
		"units": map[string]string{"calories": "kcal", "protein": "g", "carbohydrates": "g", "fat": "g"},
	}})
}
