package fooddb

import (
	"math"
	"strings"
	"unicode"
)

// Query is a search text cut into normalised words.
type Query struct {
	Words []string // lower-case, singular, without filler words
	// Prefix: the text ends inside its last word (no trailing space), so
	// that word also matches longer ones ("chick" → chicken), as typed.
	Prefix bool
}

// ParseQuery normalises a search text.
func ParseQuery(text string) Query {
	q := Query{Prefix: text != "" && !unicode.IsSpace(rune(text[len(text)-1]))}
	for _, w := range Words(text) {
		if !fillers[w] && !contains(q.Words, w) {
			q.Words = append(q.Words, w)
		}
	}
	return q
}

// Candidate is a food the search index matched, with what ranking needs.
type Candidate struct {
	Name, Brand string
	Own         bool // created by the caller
	TimesLogged int  // by the caller
	Portions    int  // household measures the food has
}

// Match says why a food matched and how well.
type Match struct {
	Score float64  `json:"score"`
	Terms []string `json:"terms"`           // query words the name or brand holds
	Head  bool     `json:"head"`            // the name starts with them ("Bananas, raw" for banana)
	Own   bool     `json:"own"`             // the caller's own food
	Times int      `json:"times_logged"`    // how often the caller logged it
	Notes []string `json:"notes,omitempty"` // what lowered the rank (babyfood, brand, missing words)
}

// categories open many USDA names before the food itself ("Beverages,
// coffee, brewed"): the food's main words are the next part. A person who
// types "banana" does not mean baby food or a fast-food chain's dish unless
// they say so, so some categories rank lower.
var categories = map[string]bool{
	"beverages": true, "babyfood": true, "fast foods": true, "restaurant": true, "infant formula": true,
	"candies": true, "snacks": true, "spices": true, "alcoholic beverage": true, "cereals ready-to-eat": true,
	"cereals": true, "school lunch": true, "nuts": true, "fish": true, "game meat": true,
}

var unlikely = map[string]bool{
	"babyfood": true, "fast foods": true, "restaurant": true, "infant formula": true, "school lunch": true,
	"snacks": true, "candies": true,
}

// Rank scores how well a candidate answers the query; higher is better.
// What counts, in order of weight: the caller's own and often-logged foods;
// the query naming the food's main words (USDA's names read "Bananas, raw":
// the words before the first comma say what it is, later parts refine it);
// few words the query did not ask for; and no category the query did not
// ask for (baby food, fast food, brands in capitals).
func Rank(q Query, c Candidate) Match {
	m := Match{Own: c.Own, Times: c.TimesLogged}
	parts := strings.Split(c.Name, ",")
	first := strings.ToLower(strings.TrimSpace(parts[0]))
	category := ""
	if categories[first] && len(parts) > 1 {
		category, parts = first, parts[1:]
	}
	segs := make([][]string, len(parts))
	for i, p := range parts {
		segs[i] = Words(p)
	}
	brand := Words(c.Brand)

	s := 0.0
	headHits := 0
	for qi, w := range q.Words {
		last := q.Prefix && qi == len(q.Words)-1
		at := -1
		for i, seg := range segs {
			if hasWord(seg, w, last) {
				at = i
				break
			}
		}
		switch {
		case at >= 0:
			m.Terms = append(m.Terms, w)
			s += 1 + 0.5/float64(1+at)
			if at == 0 {
				headHits++
			}
		case hasWord(brand, w, last) || (category != "" && strings.Contains(category, w)):
			m.Terms = append(m.Terms, w)
			s += 0.8
		default:
			s -= 2
			m.Notes = append(m.Notes, "no "+w)
		}
	}
	if len(q.Words) > 0 && headHits > 0 {
		m.Head = true
		s += float64(headHits) / float64(len(q.Words))
		if headHits == len(q.Words) && len(segs[0]) == headHits {
			s += 0.5 // the main words are exactly the query's
		}
	}
	// words the query did not ask for: the main ones weigh more, and words
	// of a processed or special form most
	for i, seg := range segs {
		for _, w := range seg {
			switch {
			case contains(q.Words, w) || neutral[w] || isNumber(w):
			case w == "raw":
				s += 0.4 // the plain food, as USDA describes it first
			case processed[w]:
				s -= 1.2
			case form[w]:
				s -= 0.3
			case i == 0:
				s -= 0.35
			default:
				s -= 0.1
			}
		}
	}
	// USDA gives the foods people eat most more household measures
	s += 0.15 * float64(min(c.Portions, 8))
	if unlikely[category] && !contains(q.Words, Words(category)[0]) {
		s -= 3
		m.Notes = append(m.Notes, category)
	}
	if hasCapitalBrand(c.Name) {
		s -= 1
		m.Notes = append(m.Notes, "brand")
	}
	if c.Own {
		s += 4
	}
	if c.TimesLogged > 0 {
		s += 1.5 * math.Log2(1+float64(c.TimesLogged))
	}
	m.Score = math.Round(s*1000) / 1000
	return m
}

// neutral words refine a name without making it a different food.
var neutral = map[string]bool{
	"with": true, "without": true, "and": true, "or": true, "added": true, "vitamin": true, "a": true,
	"d": true, "c": true, "enriched": true, "regular": true, "fresh": true, "milkfat": true, "all": true,
	"commercial": true, "includes": true, "prepared": true, "tap": true, "usda": true, "commodity": true, "nfs": true, "average": true,
}

// processed words name a prepared product rather than the food itself
// (deli chicken breast, breaded tenders), form words a special form of it.
var processed = map[string]bool{
	"sliced": true, "deli": true, "breaded": true, "tender": true, "prepackaged": true, "fat-free": true,
	"roll": true, "flavor": true, "seasoned": true, "nugget": true, "patty": true, "chip": true, "cracker": true,
	"imitation": true, "substitute": true,
}

var form = map[string]bool{
	"powder": true, "dry": true, "dried": true, "dehydrated": true, "instant": true, "fried": true,
	"smoked": true, "canned": true, "frozen": true, "reduced": true, "low": true, "mix": true,
	"sun-dried": true, "dried-frozen": true, "concentrate": true, "toasted": true, "powdered": true,
}

// fillers carry no food meaning in a query.
var fillers = map[string]bool{"of": true, "the": true, "a": true, "an": true, "some": true, "with": true, "and": true}

// Filler reports whether a query word carries no food meaning ("of", "the").
func Filler(w string) bool { return fillers[w] }

// hasCapitalBrand: USDA writes brand and chain names in capitals
// ("OSCAR MAYER, Chicken Breast", "KFC, Fried Chicken").
func hasCapitalBrand(name string) bool {
	for _, f := range strings.FieldsFunc(name, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if len(f) >= 3 && strings.ToUpper(f) == f {
			return true
		}
	}
	return false
}

// Words cuts text into lower-case singular words; digits stay ("3.25", "2%").
func Words(text string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '.' && r != '-'
	}) {
		f = strings.Trim(f, ".-")
		if f != "" {
			out = append(out, Singular(f))
		}
	}
	return out
}

// Singular maps a plural to its singular form, or at least to the same key
// as the singular ("berries" and "berry" give "berry").
func Singular(w string) string {
	n := len(w)
	switch {
	case n > 4 && strings.HasSuffix(w, "ies"):
		return w[:n-3] + "y"
	case n > 4 && strings.HasSuffix(w, "oes"):
		return w[:n-2]
	case n > 4 && (strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "shes") || strings.HasSuffix(w, "sses") || strings.HasSuffix(w, "xes")):
		return w[:n-2]
	case n > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		return w[:n-1]
	}
	return w
}

func hasWord(ws []string, w string, prefix bool) bool {
	for _, x := range ws {
		if x == w || prefix && strings.HasPrefix(x, w) {
			return true
		}
	}
	return false
}

func contains(ws []string, w string) bool { return hasWord(ws, w, false) }

func isNumber(w string) bool {
	return w != "" && (w[0] >= '0' && w[0] <= '9')
}
