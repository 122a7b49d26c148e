package mealparser

import (
	"fmt"
	"strconv"
	"strings"
)

// Units converts between units of one category; units.Table satisfies it.
type Units interface {
	Convert(v float64, from, to string) (float64, error)
}

// Item is one food read from the text.
type Item struct {
	Text       string  `json:"text"`            // the words the item was read from
	Name       string  `json:"name"`            // the food words of Text
	Quantity   float64 `json:"quantity"`        // 1 when none is stated
	Unit       string  `json:"unit"`            // canonical unit ("g", "cup", "slice"…); "" for a plain count
	Size       string  `json:"size,omitempty"`  // small, medium or large
	Brand      string  `json:"brand,omitempty"` // from "… from <brand>" or "… by <brand>"
	Cost       float64 `json:"cost,omitempty"`  // from "$4.50 …"
	Food       int     `json:"-"`               // index of the matched food; -1 when unmatched
	Servings   float64 `json:"servings"`        // servings of the matched food; 0 when unmatched
	Confidence float64 `json:"confidence"`      // 0 when unmatched
	Note       string  `json:"note,omitempty"`  // how the servings were estimated when not exact
}

// unitKind says how a unit converts to servings.
type unitKind int

const (
	measure unitKind = iota + 1 // weight or volume: converted through the unit table
	count                       // slice, piece, scoop, serving: one is one portion
	portion                     // bowl, glass, handful: read as one serving, less sure
)

type unitWord struct {
	name string
	kind unitKind
}

var unitWords = map[string]unitWord{}

func init() {
	add := func(name string, kind unitKind, aliases ...string) {
		unitWords[name] = unitWord{name, kind}
		for _, a := range aliases {
			unitWords[a] = unitWord{name, kind}
		}
	}
	add("g", measure, "gram", "grams", "gr", "gm", "gms")
	add("kg", measure, "kgs", "kilo", "kilos", "kilogram", "kilograms")
	add("oz", measure, "ozs", "ounce", "ounces")
	add("lb", measure, "lbs", "pound", "pounds")
	add("ml", measure, "mls", "milliliter", "milliliters", "millilitre", "millilitres")
	add("l", measure, "liter", "liters", "litre", "litres")
	add("fl oz", measure, "floz", "fl oz", "fluid ounce", "fluid ounces")
	add("cup", measure, "cups")
	add("tbsp", measure, "tbsps", "tbs", "tbl", "tablespoon", "tablespoons")
	add("tsp", measure, "tsps", "teaspoon", "teaspoons")
	add("pint", measure, "pints")
	add("quart", measure, "quarts")
	add("gallon", measure, "gallons")
	add("slice", count, "slices")
	add("piece", count, "pieces", "pc", "pcs")
	add("scoop", count, "scoops")
	add("serving", count, "servings", "portion", "portions")
	add("unit", count, "units")
	add("item", count, "items")
	for _, w := range []string{"bowl", "glass", "plate", "handful", "can", "bottle", "mug", "bar"} {
		add(w, portion, w+"s")
	}
	unitWords["glasses"] = unitWord{"glass", portion}
}

var sizeWords = map[string]string{
	"small": "small", "medium": "medium", "large": "large", "big": "large", "jumbo": "large",
}

// sizeFactor is a portion's size relative to a medium one.
var sizeFactor = map[string]float64{"small": 0.75, "medium": 1, "large": 1.25}

var numberWords = map[string]float64{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
	"nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
}

// leadingFillers open a phrase without saying what was eaten ("I had", "just").
var leadingFillers = map[string]bool{
	"i": true, "had": true, "ate": true, "have": true, "eaten": true, "just": true,
	"also": true, "then": true, "about": true, "around": true, "approximately": true,
	"roughly": true, "some": true, "drank": true, "eat": true, "having": true, "got": true,
}

// mealContext words follow "for"/"at" at the end of a phrase ("for breakfast").
var mealContext = map[string]bool{
	"breakfast": true, "lunch": true, "dinner": true, "supper": true, "brunch": true,
	"snack": true, "dessert": true, "a": true, "my": true, "today": true, "tonight": true,
	"this": true, "morning": true, "afternoon": true, "evening": true, "night": true,
}

// Parse reads text into items and matches each against m's foods, converting quantities
// with units.
func Parse(text string, m *Matcher, units Units) []Item {
	var items []Item
	for _, frag := range split(tokenize(text), m) {
		if it, ok := readItem(frag); ok {
			m.resolve(&it, units)
			items = append(items, it)
		}
	}
	return items
}

// split cuts the text at commas, "and", "with" and "plus", except inside a quantity ("one and
// a half") or inside a candidate food's name ("mac and cheese").
func split(toks []token, m *Matcher) [][]token {
	var frags [][]token
	start := 0
	for i, t := range toks {
		if !isConnector(t) || m.protectedAt(toks, i) || (t.raw == "and" && halfFollows(toks[i+1:])) {
			continue
		}
		if i > start {
			frags = append(frags, toks[start:i])
		}
		start = i + 1
	}
	if start < len(toks) {
		frags = append(frags, toks[start:])
	}
	return frags
}

func halfFollows(rest []token) bool {
	if len(rest) > 0 && (rest[0].raw == "a" || rest[0].raw == "an") {
		rest = rest[1:]
	}
	return len(rest) > 0 && (rest[0].raw == "half" || rest[0].raw == "quarter")
}

// readItem reads "[quantity] [size] [unit [of]] [size] name [from|by brand]", or a quantity at
// the end ("eggs x2", "chicken 200g").
func readItem(frag []token) (Item, bool) {
	it := Item{Quantity: 1, Food: -1}
	toks := make([]token, 0, len(frag))
	for i := 0; i < len(frag); i++ {
		t := frag[i]
		switch {
		case t.raw == "$" && i+1 < len(frag) && frag[i+1].isNum:
			it.Cost = frag[i+1].num
			i++
		case t.isNum && i+1 < len(frag) && frag[i+1].raw == "%":
			// "2% milk": part of the name, not a quantity
			toks = append(toks, token{raw: t.raw + "%", norm: t.raw})
			i++
		default:
			toks = append(toks, t)
		}
	}
	toks = trimMealContext(toks)
	for len(toks) > 0 && leadingFillers[toks[0].raw] {
		toks = toks[1:]
	}
	if len(toks) == 0 {
		return it, false
	}

	q, n := readQuantity(toks)
	toks = toks[n:]
	toks = readSize(toks, &it)
	if u, n := readUnit(toks); n > 0 && (q > 0 || (n < len(toks) && toks[n].raw == "of")) {
		it.Unit = u.name
		toks = toks[n:]
		if len(toks) > 0 && toks[0].raw == "of" {
			toks = toks[1:]
		}
		toks = readSize(toks, &it)
	}
	if q == 0 {
		q, toks = readTrailingQuantity(toks, &it)
	}
	if q > 0 {
		it.Quantity = q
	}

	for i := len(toks) - 1; i > 0; i-- {
		if toks[i].raw == "from" || toks[i].raw == "by" {
			it.Brand = joinRaw(toks[i+1:])
			toks = toks[:i]
			break
		}
	}
	// inner filler words stay in the name ("mac and cheese"); outer ones go ("some rice")
	for len(toks) > 0 && fillerWords[toks[0].raw] {
		toks = toks[1:]
	}
	for len(toks) > 0 && fillerWords[toks[len(toks)-1].raw] {
		toks = toks[:len(toks)-1]
	}
	it.Name = joinRaw(toks)
	it.Text = joinRaw(frag)
	return it, it.Name != "" || it.Unit != ""
}

// readQuantity reads "2", "1.5", "1 1/2", "2½", "a", "an", "two", "half", "a half", "half a",
// "one and a half", "a dozen", "half a dozen", "a couple of". It returns 0 when there is none.
func readQuantity(toks []token) (float64, int) {
	q := 0.0
	lastNum, article, afterAnd := false, false, false
	i := 0
loop:
	for ; i < len(toks); i++ {
		t := toks[i]
		w := t.raw
		switch {
		case t.isNum:
			switch {
			case q == 0:
				q = t.num
			case lastNum && t.num < 1:
				q += t.num // "1 1/2", "2½"
			default:
				break loop
			}
			lastNum = true
			continue
		case numberWords[w] > 0:
			if q > 0 && !article {
				break loop
			}
			q = numberWords[w]
			article = false
		case w == "a" || w == "an":
			if q == 0 {
				q, article = 1, true
			}
		case w == "half" || w == "quarter":
			frac := 0.5
			if w == "quarter" {
				frac = 0.25
			}
			switch {
			case afterAnd:
				q += frac
				afterAnd = false
			case q == 0 || article:
				q, article = frac, false
			default:
				break loop
			}
		case w == "and" && q > 0 && halfFollows(toks[i+1:]):
			afterAnd = true
		case w == "dozen":
			if q == 0 {
				q = 1
			}
			q *= 12
			article = false
		case w == "couple" && (q == 0 || article):
			q, article = 2, false
			if i+1 < len(toks) && toks[i+1].raw == "of" {
				i++
			}
		case w == "x" && lastNum:
			// "2 x eggs"
		default:
			break loop
		}
		lastNum = false
	}
	return q, i
}

func readSize(toks []token, it *Item) []token {
	if len(toks) > 1 {
		if s, ok := sizeWords[toks[0].raw]; ok {
			it.Size = s
			return toks[1:]
		}
	}
	return toks
}

// readUnit reads a unit word (two words for "fl oz" and "fluid ounces").
func readUnit(toks []token) (unitWord, int) {
	if len(toks) > 1 {
		if u, ok := unitWords[toks[0].raw+" "+toks[1].raw]; ok {
			return u, 2
		}
	}
	if len(toks) > 0 {
		if u, ok := unitWords[toks[0].raw]; ok {
			return u, 1
		}
	}
	return unitWord{}, 0
}

// readTrailingQuantity reads "eggs x2", "eggs 2x", "chicken 200 g" and "eggs 3".
func readTrailingQuantity(toks []token, it *Item) (float64, []token) {
	n := len(toks)
	switch {
	case n >= 3 && toks[n-2].raw == "x" && toks[n-1].isNum:
		return toks[n-1].num, toks[:n-2]
	case n >= 3 && toks[n-2].isNum && toks[n-1].raw == "x":
		return toks[n-2].num, toks[:n-2]
	}
	for _, width := range []int{2, 1} {
		if n >= 2+width && toks[n-1-width].isNum {
			if u, k := readUnit(toks[n-width:]); k == width {
				it.Unit = u.name
				return toks[n-1-width].num, toks[:n-1-width]
			}
		}
	}
	if n >= 2 && toks[n-1].isNum {
		return toks[n-1].num, toks[:n-1]
	}
	return 0, toks
}

// trimMealContext drops "for breakfast", "at lunch", "this morning" at the end of a phrase.
func trimMealContext(toks []token) []token {
	for i := len(toks) - 1; i > 0; i-- {
		w := toks[i].raw
		if w == "for" || w == "at" {
			return toks[:i]
		}
		if !mealContext[w] {
			break
		}
	}
	for len(toks) > 1 && (toks[len(toks)-1].raw == "today" || toks[len(toks)-1].raw == "tonight") {
		toks = toks[:len(toks)-1]
	}
	return toks
}

func joinRaw(toks []token) string {
	parts := make([]string, 0, len(toks))
	for _, t := range toks {
		parts = append(parts, t.raw)
	}
	return strings.Join(parts, " ")
}

// resolve matches the item against the foods and converts its quantity into servings.
func (m *Matcher) resolve(it *Item, units Units) {
	match := m.match(words(tokenize(it.Name)), words(tokenize(it.Brand)))
	if match.Index < 0 {
		return
	}
	f := m.foods[match.Index]
	servings, certainty, note := toServings(it, f, m.keys[match.Index].size, units)
	it.Food = match.Index
	it.Servings = servings
	it.Confidence = match.Score * certainty
	it.Note = note
}

// toServings converts the item's quantity into servings of f. It returns how sure the
// conversion is (1 when the units convert exactly) and a note when it had to assume.
//   - a weight or volume converts through the unit table into the food's unit, then divides by
//     the serving size ("200 g" of a 100 g serving is 2);
//   - a plain count or count unit of a food served by count divides by the serving size
//     ("4 slices" of a 2-slice serving is 2);
//   - a count of a food served by weight or volume reads one item as one serving ("2 eggs" of a
//     50 g serving is 2), scaled by the size word against the size the food names;
//   - a measure that does not convert to the food's unit ("1 cup" of a 100 g serving) reads
//     one measure as one serving, with half the certainty.
func toServings(it *Item, f Food, foodSize string, units Units) (float64, float64, string) {
	q := it.Quantity
	size := 1.0
	if it.Size != "" {
		base := 1.0
		if foodSize != "" {
			base = sizeFactor[foodSize]
		}
		size = sizeFactor[it.Size] / base
	}
	foodUnit := canonicalUnit(f.Unit)
	foodKind := unitWords[foodUnit].kind
	serving := f.ServingSize
	if serving <= 0 {
		serving = 1
	}
	switch unitWords[it.Unit].kind {
	case measure:
		if foodKind == measure {
			if v, err := units.Convert(q, it.Unit, foodUnit); err == nil {
				return v / serving, 1, ""
			}
		}
		return q, 0.5, fmt.Sprintf("%s does not convert to %s; read 1 %s as 1 serving", it.Unit, f.Unit, it.Unit)
	case portion:
		return q * size, 0.8, fmt.Sprintf("read 1 %s as 1 serving", it.Unit)
	}
	if it.Unit == "serving" {
		return q * size, 1, ""
	}
	if foodKind != measure && (it.Unit == "" || it.Unit == foodUnit) {
		return q * size / serving, 1, ""
	}
	what := it.Unit
	if what == "" {
		what = "item"
	}
	return q * size, 1, fmt.Sprintf("read 1 %s as 1 serving (%s %s)", what, formatNumber(f.ServingSize), f.Unit)
}

// canonicalUnit maps a food's free-text unit ("grams", "Cup") to the unit table's name.
func canonicalUnit(u string) string {
	u = strings.ToLower(strings.TrimSpace(u))
	if w, ok := unitWords[u]; ok {
		return w.name
	}
	return u
}

func formatNumber(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}
