package fooddb

import (
	"slices"
	"sort"
	"testing"
)

// byRank emulates the search index (every query word in the name, the last
// one as a prefix) and ranks the candidates.
func byRank(q Query, foods []Food) []*Food {
	var out []*Food
	score := map[*Food]float64{}
	for i := range foods {
		f := &foods[i]
		words := Words(f.Description)
		ok := true
		for j, w := range q.Words {
			ok = ok && hasWord(words, w, q.Prefix && j == len(q.Words)-1)
		}
		if ok {
			out = append(out, f)
			score[f] = Rank(q, Candidate{Name: f.Description, Portions: len(f.Portions)}).Score
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return score[out[i]] > score[out[j]] })
	return out
}

func TestRankingTable(t *testing.T) {
	d, err := LoadSR28()
	if err != nil {
		t.Fatal(err)
	}
	hits := 0
	for _, c := range RankingTable {
		got := byRank(ParseQuery(c.Query), d.Foods)
		if len(got) == 0 {
			t.Errorf("%q: nothing", c.Query)
			continue
		}
		if slices.Contains(c.Want, got[0].NDB) {
			hits++
			continue
		}
		var top []string
		for _, f := range got[:min(4, len(got))] {
			top = append(top, f.NDB+" "+f.Description)
		}
		t.Logf("miss %q: top %q, want %v", c.Query, top, c.Want)
	}
	t.Logf("top-1: %d of %d", hits, len(RankingTable))
	// a miss is a worse first answer, not a wrong list: at most 1 in 10
	if hits*10 < len(RankingTable)*9 {
		t.Errorf("top-1 accuracy %d of %d, below 90%%", hits, len(RankingTable))
	}
}
