package bodymetrics

// The rank tiers, lower bounds of half-open ranges.
var rankTiers = []struct {
	name  string
	lower float64
}{
	{"dirt", 0}, {"gravel", 15}, {"tin", 16}, {"aluminum", 18.5}, {"lead", 20},
	{"bronze", 22}, {"copper", 24}, {"iron", 26}, {"quartz", 28}, {"gold", 30},
	{"ruby", 32}, {"crystal", 35}, {"emerald", 40}, {"diamond", 45},
	{"titanium", 50}, {"platinum", 60}, {"mithril", 70},
}

// Rank is the fitness rank. The tiers rank the fat-free mass index, not
// BMI, so that gaining fat never raises the rank and only lean mass does (FFMI 18.5–20 is an untrained man, 22–24 a trained one, 26+ the
// natural ceiling). NextRank and NextAt are nil at the top tier.
type Rank struct {
	Metric   string   `json:"metric"`
	Value    float64  `json:"value"`
	Current  string   `json:"current_rank"`
	NextRank *string  `json:"next_rank"`
	NextAt   *float64 `json:"next_rank_at"`
	ToNext   *float64 `json:"to_next"`
}

// FitnessRank places an FFMI value in the rank tiers. Values below 0 count as
// the lowest tier.
func FitnessRank(ffmi float64) Rank {
	i := 0
	for i+1 < len(rankTiers) && ffmi >= rankTiers[i+1].lower {
		i++
	}
	r := Rank{Metric: "ffmi", Value: Round(ffmi, 1), Current: rankTiers[i].name}
	if i+1 < len(rankTiers) {
		next := rankTiers[i+1]
		toNext := Round(next.lower-ffmi, 1)
		r.NextRank, r.NextAt, r.ToNext = &next.name, &next.lower, &toNext
	}
	return r
}
