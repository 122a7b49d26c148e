package foods

import (
	"net/http"

	"trackbase/routes/route"
)

// Routes are the food database endpoints; offURL is an Open Food Facts
// compatible server for barcodes no local food has ("" = none).
func Routes(offURL string) []route.Route {
	b := &barcodes{offURL: offURL, client: &http.Client{}}
	return []route.Route{
		{Method: http.MethodGet, Path: "/api/foods/search", Auth: route.User, Handler: searchFoods,
			Query: []route.Param{
				{Name: "q", Type: route.String, Required: true, Description: "Words of the food's name or brand (≤200 characters)."},
				{Name: "limit", Type: route.Integer, Min: 1, Max: maxLimit, Default: defaultLimit, Description: "Most items."},
			},
			Summary: "Visible foods ranked for the query, each with its default portion and why it matched.", Errors: route.BadRequest},
		{Method: http.MethodGet, Path: "/api/foods/barcode/{code}", Auth: route.User, Handler: b.lookup,
			Summary: "The visible food with that GTIN, else the Open Food Facts product stored as a public food.",
			Errors:  []int{http.StatusBadRequest, http.StatusNotFound, http.StatusServiceUnavailable}},
	}
}
