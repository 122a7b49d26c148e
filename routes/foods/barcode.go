package foods

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"

	"trackbase/collections"
	"trackbase/errortype"
	"trackbase/fooddb"
	"trackbase/hooks"
	"trackbase/registry"
	"trackbase/routes/common"
)

// offTimeout bounds one Open Food Facts lookup; offMaxBody one answer (a full
// product with images and ingredients is ~75 KB).
const (
	offTimeout = 5 * time.Second
	offMaxBody = 2 << 20
)

// barcodes answers GET /api/foods/barcode/{code}.
type barcodes struct {
	offURL string // an Open Food Facts compatible server; "" = no lookup
	client *http.Client
}

// lookup answers the visible food with that barcode (the caller's own, then
// one they logged, then a public one); else, when Open Food Facts is
// configured, the product it knows, stored as a public food; else 404.
func (b *barcodes) lookup(e *core.RequestEvent) error {
	code, err := fooddb.NormalizeGTIN(e.Request.PathValue("code"))
	if err != nil {
		return common.FieldError(e, "code", err.Error())
	}
	foods, err := e.App.FindCachedCollectionByNameOrId(collections.Foods)
	if err != nil {
		return err
	}
	info, err := e.RequestInfo()
	if err != nil {
		return err
	}
	visible, err := collections.VisibleFilter(e.App, foods, info)
	if err != nil {
		return err
	}
	var id string
	err = e.App.DB().Select("foods.id").From(collections.Foods).
		Where(dbx.HashExp{"foods.barcode": code}).AndWhere(visible).
		OrderBy("(foods.created_by = {:user}) DESC",
			"EXISTS (SELECT 1 FROM {{food_logs}} l WHERE l.user = {:user} AND l.food = foods.id) DESC", "foods.created").
		Bind(dbx.Params{"user": e.Auth.Id}).Limit(1).Row(&id)
	if err == nil {
		return b.answer(e, id, "local")
	}
	if b.offURL == "" {
		return e.NotFoundError("No food you can see has this barcode.", nil)
	}
	product, err := b.fetch(e.Request.Context(), code)
	switch {
	case errors.Is(err, fooddb.ErrNoProduct), errors.Is(err, fooddb.ErrNoNutrition):
		return e.NotFoundError(err.Error()+".", nil)
	case err != nil:
		if werr := collections.WriteErrorRow(e.App, collections.ErrorRow{UserID: e.Auth.Id, Type: errortype.Upstream,
			Message: "Open Food Facts lookup: " + err.Error(), UserInput: code, Route: "/api/foods/barcode/{code}",
			Method: http.MethodGet, Status: http.StatusServiceUnavailable}); werr != nil {
			return werr
		}
		hooks.MarkErrorLogged(e)
		return router.NewApiError(http.StatusServiceUnavailable, "Open Food Facts could not be reached; try again later.", nil)
	}
	id, err = storeProduct(e.App, product)
	if err != nil {
		return err
	}
	return b.answer(e, id, "openfoodfacts")
}

// fetch asks the server for the product; an unknown product comes back as
// fooddb.ErrNoProduct (Open Food Facts answers it with a 404 and status 0).
func (b *barcodes) fetch(ctx context.Context, code string) (*fooddb.OFFProduct, error) {
	ctx, cancel := context.WithTimeout(ctx, offTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimRight(b.offURL, "/")+"/api/v2/product/"+code+".json", nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", "trackbase (self-hosted food tracker)")
	res, err := b.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(io.LimitReader(res.Body, offMaxBody))
	if err != nil {
		return nil, err
	}
	if res.StatusCode != http.StatusOK && res.StatusCode != http.StatusNotFound {
		return nil, fmt.Errorf("HTTP %d", res.StatusCode)
	}
	p, err := fooddb.ParseOFF(body, registry.NutrientUnits())
	if err != nil && res.StatusCode == http.StatusNotFound && !errors.Is(err, fooddb.ErrNoProduct) {
		return nil, fmt.Errorf("HTTP 404: %w", err)
	}
	return p, err
}

// storeProduct saves the product as a public food without creator (source
// openfoodfacts, serving 100 g or 100 ml) with its portion-less nutrients;
// the ones it does not state are unknown. A concurrent lookup that stored it
// first wins: its row is answered.
func storeProduct(app core.App, p *fooddb.OFFProduct) (string, error) {
	col, err := app.FindCachedCollectionByNameOrId(collections.Foods)
	if err != nil {
		return "", err
	}
	rec := core.NewRecord(col)
	rec.Set("food_name", collections.Truncate(p.Name, 200))
	rec.Set("brand", collections.Truncate(p.Brand, 100))
	rec.Set("serving_size", 100)
	rec.Set("unit", p.Unit)
	rec.Set("food_group", p.FoodGroup)
	rec.Set("make_public", true)
	rec.Set("source", "openfoodfacts")
	rec.Set("source_id", p.Code)
	rec.Set("barcode", p.Code)
	unknown := []string{}
	for _, n := range registry.EnergyAndNutrientNames() {
		if v, ok := p.Nutrients[n]; ok {
			rec.Set(n, v)
		} else {
			unknown = append(unknown, n)
		}
	}
	rec.Set("unknown_nutrients", unknown)
	if err := app.Save(rec); err != nil {
		existing, findErr := app.FindFirstRecordByFilter(collections.Foods, "source = 'openfoodfacts' && source_id = {:code}",
			dbx.Params{"code": p.Code})
		if findErr != nil {
			return "", err
		}
		return existing.Id, nil
	}
	return rec.Id, nil
}

// answer sends the food, its default portion and where it came from.
func (b *barcodes) answer(e *core.RequestEvent, id, from string) error {
	rec, err := e.App.FindRecordById(collections.Foods, id)
	if err != nil {
		return err
	}
	defaults, err := defaultPortions(e.App, []string{id})
	if err != nil {
		return err
	}
	var dp any
	if p, ok := defaults[id]; ok {
		dp = p
	}
	out := map[string]any{"food": rec, "default_portion": dp, "from": from}
	if rec.GetString("source") == "openfoodfacts" {
		out["credit"] = fooddb.OFFCredit
	}
	return common.OK(e, out)
}
