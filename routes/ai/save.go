package ai

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"trackbase/collections"
	"trackbase/routes/common"
)

// maxLogServings is food_logs' bound on servings.
const maxLogServings = 100

// save writes the parsed meal in one transaction: the proposed foods (private, created by
// the user), one food log per item with a food, and with create_meal a meal with a unique
// name and its foods. Any failure leaves nothing behind. Items without a food (offline
// parser, no match) are reported as skipped.
func (s *service) save(e *core.RequestEvent, p *parsed, text string, when types.DateTime, req parseRequest) (map[string]any, error) {
	var logged []*mealItem
	var skipped []string
	for _, it := range p.Items {
		if it.foodID == "" && it.newFood == nil {
			skipped = append(skipped, it.Name)
			continue
		}
		if it.Servings <= 0 || it.Servings > maxLogServings {
			return nil, common.FieldError(e, "text", fmt.Sprintf("%q comes to %g servings; a log holds more than 0 and at most %d.", it.Name, it.Servings, maxLogServings))
		}
		logged = append(logged, it)
	}
	userID := e.Auth.Id
	out := map[string]any{"foods": []any{}, "logs": []any{}, "meal": nil, "skipped": skipped}
	if skipped == nil {
		out["skipped"] = []string{}
	}
	err := e.App.RunInTransaction(func(tx core.App) error {
		var createdFoods, logs []any
		for _, it := range logged {
			if it.newFood == nil {
				continue
			}
			rec, err := saveNewFood(tx, userID, it.newFood)
			if err != nil {
				return err
			}
			it.foodID, it.foodUnit = rec.Id, rec.GetString("unit")
			createdFoods = append(createdFoods, foodJSON(rec.GetString, rec.GetFloat))
		}
		var meal *core.Record
		if req.CreateMeal && len(logged) > 0 {
			var err error
			if meal, err = saveMeal(tx, userID, mealBaseName(req.MealName, text)); err != nil {
				return err
			}
			out["meal"] = map[string]any{"id": meal.Id, "meal_name": meal.GetString("meal_name")}
		}
		logsCol, err := tx.FindCachedCollectionByNameOrId(collections.FoodLogs)
		if err != nil {
			return err
		}
		for i, it := range logged {
			rec := core.NewRecord(logsCol)
			rec.Set("user", userID)
			rec.Set("food", it.foodID)
			if meal != nil {
				rec.Set("meal", meal.Id)
			}
			rec.Set("servings", it.Servings)
			rec.Set("measurement", collections.Truncate(it.foodUnit, 20))
			rec.Set("date_time", when)
			rec.Set("voice_input", collections.Truncate(text, 5000))
			rec.Set("ai_response", collections.Truncate(it.rawReply, 20000))
			rec.Set("tokens_used", tokenShare(p.Usage.Tokens, len(logged), i))
			if err := tx.Save(rec); err != nil {
				return err
			}
			logs = append(logs, map[string]any{"id": rec.Id, "food": it.foodID, "servings": it.Servings,
				"date_time": rec.GetDateTime("date_time"), "tokens_used": rec.GetInt("tokens_used")})
		}
		if meal != nil {
			if err := saveMealFoods(tx, meal, logged); err != nil {
				return err
			}
		}
		if createdFoods != nil {
			out["foods"] = createdFoods
		}
		out["logs"] = logs
		return nil
	})
	if err != nil {
		var verrs validation.Errors
		if errors.As(err, &verrs) {
			return nil, e.BadRequestError("The meal could not be saved; nothing was saved.", verrs)
		}
		return nil, e.InternalServerError("The meal could not be saved; nothing was saved.", err)
	}
	return out, nil
}

// tokenShare splits the request's tokens over its logs so that their sum is the tokens used
// (the first log takes the remainder).
func tokenShare(total, n, i int) int {
	share := total / n
	if i == 0 {
		share += total % n
	}
	return share
}

func saveNewFood(tx core.App, userID string, v values) (*core.Record, error) {
	col, err := tx.FindCachedCollectionByNameOrId(collections.Foods)
	if err != nil {
		return nil, err
	}
	rec := core.NewRecord(col)
	rec.Set("food_name", v.text("name"))
	rec.Set("brand", v.text("brand"))
	rec.Set("serving_size", v.number("serving_size"))
	rec.Set("unit", v.text("unit"))
	rec.Set("food_group", v.text("food_group"))
	if c := v.numberOrNil("cost"); c != nil {
		rec.Set("cost", *c)
	}
	for _, n := range nutrientFields {
		rec.Set(n, v.number(n))
	}
	rec.Set("make_public", false)
	rec.Set("created_by", userID)
	return rec, tx.Save(rec)
}

// mealBaseName is the requested name, else the first 50 characters of the text.
func mealBaseName(requested, text string) string {
	if name := strings.TrimSpace(requested); name != "" {
		return name
	}
	return strings.TrimSpace(collections.Truncate(strings.Join(strings.Fields(text), " "), 50))
}

// saveMeal creates a meal named base, or "base (2)", "base (3)"… when the user already has
// one by that name.
func saveMeal(tx core.App, userID, base string) (*core.Record, error) {
	var taken []string
	err := tx.DB().Select("meal_name").From(collections.Meals).
		Where(dbx.HashExp{"user": userID}).
		AndWhere(dbx.NewExp("substr([[meal_name]], 1, {:n}) = {:base}", dbx.Params{"n": len([]rune(base)), "base": base})).
		Column(&taken)
	if err != nil {
		return nil, err
	}
	name := base
	for n := 2; slices.Contains(taken, name); n++ {
		name = fmt.Sprintf("%s (%d)", base, n)
	}
	col, err := tx.FindCachedCollectionByNameOrId(collections.Meals)
	if err != nil {
		return nil, err
	}
	rec := core.NewRecord(col)
	rec.Set("user", userID)
	rec.Set("meal_name", name)
	return rec, tx.Save(rec)
}

// saveMealFoods adds each food of the meal once, with the servings of its items summed.
func saveMealFoods(tx core.App, meal *core.Record, items []*mealItem) error {
	col, err := tx.FindCachedCollectionByNameOrId(collections.MealFoods)
	if err != nil {
		return err
	}
	servings := map[string]float64{}
	var order []string
	for _, it := range items {
		if _, seen := servings[it.foodID]; !seen {
			order = append(order, it.foodID)
		}
		servings[it.foodID] += it.Servings
	}
	for _, id := range order {
		rec := core.NewRecord(col)
		rec.Set("meal", meal.Id)
		rec.Set("food", id)
		rec.Set("servings", servings[id])
		if err := tx.Save(rec); err != nil {
			return err
		}
	}
	return nil
}
