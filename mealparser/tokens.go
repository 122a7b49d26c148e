// Package mealparser reads free-text meal descriptions ("2 eggs, a slice of toast and 200g
// chicken") offline: it splits the text into items, reads each item's quantity, unit and size,
// matches it against a list of candidate foods and converts the quantity into servings of the
// matched food. It does no I/O; callers pass the foods and the unit table in.
package mealparser

import (
	"strconv"
	"strings"
	"unicode"
)

// token is one word, number or separator of the input. norm is the form used for matching:
// lower-case and singular.
type token struct {
	raw   string
	norm  string
	num   float64
	isNum bool
	sep   bool // a comma-like separator
}

var unicodeFractions = map[rune]float64{
	'½': 0.5, '⅓': 1.0 / 3, '⅔': 2.0 / 3, '¼': 0.25, '¾': 0.75,
	'⅕': 0.2, '⅛': 0.125, '⅜': 0.375, '⅝': 0.625, '⅞': 0.875,
}

// tokenize lower-cases s and cuts it into words, numbers and separators. Digits and letters
// that touch are cut apart ("200g" → "200", "g"; "x2" → "x", "2"); apostrophes are dropped
// ("joe's" → "joes") and other punctuation separates words.
func tokenize(s string) []token {
	toks := make([]token, 0, strings.Count(s, " ")+2)
	var cur strings.Builder
	curDigits := false
	flush := func() {
		if cur.Len() == 0 {
			return
		}
		w := strings.TrimRight(cur.String(), "./")
		cur.Reset()
		if w != "" {
			toks = append(toks, newToken(w))
		}
	}
	for _, r := range s {
		switch {
		case unicodeFractions[r] != 0:
			flush()
			toks = append(toks, token{raw: string(r), norm: string(r), num: unicodeFractions[r], isNum: true})
		case r == ',' || r == ';' || r == '&' || r == '+' || r == '\n':
			flush()
			toks = append(toks, token{raw: ",", norm: ",", sep: true})
		case r == '\'' || r == '’':
			// dropped: "joe's" reads as "joes"
		case unicode.IsDigit(r):
			if cur.Len() > 0 && !curDigits {
				flush()
			}
			curDigits = true
			cur.WriteRune(r)
		case (r == '.' || r == '/') && curDigits:
			cur.WriteRune(r)
		case r == '$' || r == '%':
			flush()
			toks = append(toks, newToken(string(r)))
		case unicode.IsLetter(r):
			if cur.Len() > 0 && curDigits {
				flush()
			}
			curDigits = false
			cur.WriteRune(unicode.ToLower(r))
		default:
			flush()
		}
	}
	flush()
	return toks
}

func newToken(w string) token {
	t := token{raw: w, norm: singular(w)}
	if v, ok := parseNumber(w); ok {
		t.num, t.isNum = v, true
	}
	return t
}

// parseNumber reads "2", "1.5" and "1/2".
func parseNumber(w string) (float64, bool) {
	if w == "" || w[0] < '0' || w[0] > '9' {
		return 0, false
	}
	if i := strings.IndexByte(w, '/'); i > 0 {
		a, err1 := strconv.ParseFloat(w[:i], 64)
		b, err2 := strconv.ParseFloat(w[i+1:], 64)
		if err1 != nil || err2 != nil || b == 0 {
			return 0, false
		}
		return a / b, true
	}
	v, err := strconv.ParseFloat(w, 64)
	return v, err == nil
}

var irregularPlurals = map[string]string{
	"leaves": "leaf", "loaves": "loaf", "halves": "half", "knives": "knife",
}

// singular maps singular and plural forms of a word to one key. The key need not be an
// English word ("cookie" and "cookies" both give "cooky"); it only has to be the same for
// both forms.
func singular(w string) string {
	if s, ok := irregularPlurals[w]; ok {
		return s
	}
	n := len(w)
	switch {
	case n > 4 && strings.HasSuffix(w, "ies"):
		return w[:n-3] + "y"
	case n > 4 && strings.HasSuffix(w, "ie"):
		return w[:n-2] + "y"
	case n > 4 && strings.HasSuffix(w, "che"):
		return w[:n-1]
	case n > 4 && strings.HasSuffix(w, "oes"):
		return w[:n-2]
	case n > 4 && (strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "shes") ||
		strings.HasSuffix(w, "sses") || strings.HasSuffix(w, "xes") || strings.HasSuffix(w, "zes")):
		return w[:n-2]
	case n > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") &&
		!strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		return w[:n-1]
	}
	return w
}

// fillerWords carry no food meaning and are left out of names.
var fillerWords = map[string]bool{
	"of": true, "the": true, "a": true, "an": true, "some": true, "my": true, "and": true,
	"with": true, "plus": true, "i": true, "had": true, "ate": true, "have": true, "eaten": true,
	"just": true, "also": true, "about": true, "around": true, "approximately": true,
	"roughly": true, "$": true,
}
