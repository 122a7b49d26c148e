package fooddb

import (
	"fmt"
	"math"
)

// Units converts between units of one category; units.Table satisfies it.
type Units interface {
	Convert(v float64, from, to string) (float64, error)
}

// Servings is how many servings of a food (servingSize × servingUnit) a
// weight in grams is. The serving must be a weight (g, oz, lb, …): a food
// measured in cups or pieces has no known weight per serving.
func Servings(grams, servingSize float64, servingUnit string, u Units) (float64, error) {
	perServing, err := u.Convert(servingSize, servingUnit, "g")
	if err != nil || perServing <= 0 {
		return 0, fmt.Errorf("this food's serving is %g %s, which has no weight in grams; log servings instead", servingSize, servingUnit)
	}
	return math.Round(grams/perServing*1e6) / 1e6, nil
}
