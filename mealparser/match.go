package mealparser

import "strings"

// Food is a candidate the parser may match an item to.
type Food struct {
	Name        string
	Brand       string
	ServingSize float64 // amount of Unit in one serving
	Unit        string
}

// Match is the best candidate for a name.
type Match struct {
	Index int     // into the foods given to NewMatcher; -1 when nothing matched
	Score float64 // 0 (no match) to 1 (the same words)
}

// MinScore is the lowest score that counts as a match.
const MinScore = 0.5

// ambiguityPenalty scales the score of a match that ties with a different food ("rice" is as
// close to "White Rice" as to "Brown Rice"), so callers see that the pick was a guess.
const ambiguityPenalty = 0.85

// Matcher finds the food a free-text name refers to. Build it once per food list; it is safe
// for concurrent use.
type Matcher struct {
	foods     []Food
	keys      []foodKey
	protected [][]string // names holding a connector word ("mac and cheese"), never split
}

// foodKey is a food name cut into normalised words. core holds the words before any
// parenthesis or comma ("Chicken Breast" of "Chicken Breast (Raw)"), qual the rest.
type foodKey struct {
	core, qual, brand []string
	size              string
}

// NewMatcher indexes foods for matching.
func NewMatcher(foods []Food) *Matcher {
	m := &Matcher{foods: foods, keys: make([]foodKey, len(foods))}
	for i, f := range foods {
		coreText, qualText := f.Name, ""
		if cut := strings.IndexAny(f.Name, "(,"); cut >= 0 {
			coreText, qualText = f.Name[:cut], f.Name[cut:]
		}
		coreToks := tokenize(coreText)
		k := foodKey{core: words(coreToks), qual: words(tokenize(qualText)), brand: words(tokenize(f.Brand))}
		// a size in the name ("Eggs (Whole, Large)") is the portion the serving refers to
		for _, w := range append(append([]string{}, k.core...), k.qual...) {
			if s, ok := sizeWords[w]; ok {
				k.size = s
			}
		}
		m.keys[i] = k
		if hasConnector(coreToks) {
			seq := make([]string, len(coreToks))
			for j, t := range coreToks {
				seq[j] = t.norm
			}
			m.protected = append(m.protected, seq)
		}
	}
	return m
}

// Foods returns the candidate list the matcher was built from.
func (m *Matcher) Foods() []Food { return m.foods }

// Match returns the food that name (and, when stated, brand) best refers to. Word order,
// case, punctuation and plural forms do not matter.
func (m *Matcher) Match(name, brand string) Match {
	return m.match(words(tokenize(name)), words(tokenize(brand)))
}

func (m *Matcher) match(q, brand []string) Match {
	best := Match{Index: -1}
	tied := false
	for i := range m.keys {
		s := score(q, brand, &m.keys[i])
		switch {
		case s > best.Score+1e-9:
			best, tied = Match{Index: i, Score: s}, false
		case s > 0 && s > best.Score-1e-9:
			tied = true
		}
	}
	if best.Score < MinScore {
		return Match{Index: -1}
	}
	if tied {
		best.Score *= ambiguityPenalty
	}
	return best
}

// score weighs how much of the query the food explains (0.55) against how much of the food's
// main name the query names (0.45). A query that names none of the main words does not match:
// "whey" must not pick "Greek Yogurt (Whey-Strained)". A stated brand that the food's brand
// contradicts scales the score by 0.8; one that agrees adds 0.1.
func score(q, brand []string, k *foodKey) float64 {
	if len(q) == 0 || len(k.core) == 0 {
		return 0
	}
	coreHits, otherHits := 0, 0
	for _, w := range q {
		switch {
		case contains(k.core, w):
			coreHits++
		case contains(k.qual, w), contains(k.brand, w):
			otherHits++
		}
	}
	if coreHits == 0 {
		return 0
	}
	s := 0.55*float64(coreHits+otherHits)/float64(len(q)) + 0.45*float64(coreHits)/float64(len(k.core))
	if len(brand) > 0 && len(k.brand) > 0 {
		if overlaps(brand, k.brand) {
			s += 0.1
		} else {
			s *= 0.8
		}
	}
	if s > 1 {
		s = 1
	}
	return s
}

// words keeps the distinct normalised words of toks that carry meaning.
func words(toks []token) []string {
	out := make([]string, 0, len(toks))
	for _, t := range toks {
		if t.sep || fillerWords[t.raw] || t.norm == "%" || contains(out, t.norm) {
			continue
		}
		out = append(out, t.norm)
	}
	return out
}

func hasConnector(toks []token) bool {
	for _, t := range toks {
		if isConnector(t) {
			return true
		}
	}
	return false
}

func isConnector(t token) bool {
	return t.sep || t.raw == "and" || t.raw == "with" || t.raw == "plus"
}

// protectedAt reports whether the connector at toks[i] belongs to a food name.
func (m *Matcher) protectedAt(toks []token, i int) bool {
	for _, seq := range m.protected {
		for j, w := range seq {
			if w != toks[i].norm {
				continue
			}
			start := i - j
			if start < 0 || start+len(seq) > len(toks) {
				continue
			}
			same := true
			for k, w2 := range seq {
				if toks[start+k].norm != w2 {
					same = false
					break
				}
			}
			if same {
				return true
			}
		}
	}
	return false
}

func contains(ws []string, w string) bool {
	for _, x := range ws {
		if x == w {
			return true
		}
	}
	return false
}

func overlaps(a, b []string) bool {
	for _, w := range a {
		if contains(b, w) {
			return true
		}
	}
	return false
}
