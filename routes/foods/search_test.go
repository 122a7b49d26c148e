package foods_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"testing"

	"trackbase/collections"
	"trackbase/fooddb"
	"trackbase/internal/testapp"
	migrations "trackbase/pb_migrations"
)

// get sends a GET through h as user ("" for no token).
func get(t testing.TB, h http.Handler, url, user string) *http.Response {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, url, nil)
	if user != "" {
		req.Header.Set("Authorization", testapp.Token(user))
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

type searchAnswer struct {
	Items []struct {
		Food struct {
			ID       string   `json:"id"`
			Name     string   `json:"food_name"`
			SourceID string   `json:"source_id"`
			Unknown  []string `json:"unknown_nutrients"`
		} `json:"food"`
		DefaultPortion *struct {
			Unit  string  `json:"unit"`
			Grams float64 `json:"grams"`
		} `json:"default_portion"`
		Match fooddb.Match `json:"match"`
	} `json:"items"`
}

func search(t testing.TB, h http.Handler, user, q string, limit int) searchAnswer {
	t.Helper()
	res := get(t, h, "/api/foods/search?limit="+strconv.Itoa(limit)+"&q="+url.QueryEscape(q), user)
	var out searchAnswer
	if res.StatusCode != 200 {
		t.Fatalf("%q: status %d", q, res.StatusCode)
	}
	testapp.DecodeData(t, res, &out)
	return out
}

// The ranking table of fooddb through the endpoint: the real index, the
// visibility filter and the ranking together.
func TestSearchRankingTable(t *testing.T) {
	app := testapp.New(t)
	h := testapp.Handler(t, app)
	hits := 0
	for _, c := range fooddb.RankingTable {
		got := search(t, h, "alice", c.Query, 3)
		if len(got.Items) > 0 && slices.Contains(c.Want, got.Items[0].Food.SourceID) {
			hits++
			continue
		}
		var top []string
		for _, it := range got.Items {
			top = append(top, it.Food.SourceID+" "+it.Food.Name)
		}
		t.Logf("miss %q: top %q, want %v", c.Query, top, c.Want)
	}
	t.Logf("top-1: %d of %d", hits, len(fooddb.RankingTable))
	if hits*10 < len(fooddb.RankingTable)*9 {
		t.Errorf("top-1 accuracy %d of %d, below 90%%", hits, len(fooddb.RankingTable))
	}
}

// An answer item: the food with its unknown nutrients, its default portion
// and why it matched; typing ("banan") finds as the whole word does.
func TestSearchAnswer(t *testing.T) {
	app := testapp.New(t)
	h := testapp.Handler(t, app)
	for _, q := range []string{"banana", "Bananas", "banan", "raw banana"} {
		got := search(t, h, "alice", q, 5)
		if len(got.Items) == 0 || got.Items[0].Food.ID != migrations.SR28FoodID("09040") {
			t.Fatalf("%q: %+v", q, got.Items)
		}
		first := got.Items[0]
		if first.DefaultPortion == nil || first.DefaultPortion.Grams != 118 || !first.Match.Head || len(first.Match.Terms) == 0 {
			t.Errorf("%q: first item %+v", q, first)
		}
	}
	// 09041 Bananas, dehydrated, or banana powder: trans fat unknown
	for _, it := range search(t, h, "alice", "banana powder", 3).Items {
		if it.Food.SourceID == "09041" && !slices.Contains(it.Food.Unknown, "trans_fat") {
			t.Errorf("09041 unknown nutrients %v", it.Food.Unknown)
		}
	}
}

// The caller's own foods and the foods they log often come first; other
// people's private foods never show, also when the name matches best.
func TestSearchOwnAndLoggedFirstAndOnlyVisible(t *testing.T) {
	app := testapp.New(t)
	own := testapp.Save(t, app, collections.Foods, map[string]any{"food_name": "Banana bread, grandma's", "serving_size": 60,
		"unit": "g", "food_group": "grain", "created_by": testapp.ID("alice")})
	bobs := testapp.Save(t, app, collections.Foods, map[string]any{"food_name": "Banana", "serving_size": 100,
		"unit": "g", "food_group": "fruit", "created_by": testapp.ID("bob")})
	dried := migrations.SR28FoodID("09041") // Bananas, dehydrated, or banana powder
	for range 3 {
		testapp.Save(t, app, collections.FoodLogs, map[string]any{"user": testapp.ID("alice"), "food": dried, "servings": 0.3})
	}
	h := testapp.Handler(t, app)
	got := search(t, h, "alice", "banana", 50)
	if len(got.Items) < 3 || got.Items[0].Food.ID != own || got.Items[1].Food.ID != dried ||
		!got.Items[0].Match.Own || got.Items[1].Match.Times != 3 {
		t.Fatalf("alice's banana: %+v", got.Items[:min(3, len(got.Items))])
	}
	for _, user := range []string{"alice", "gus"} {
		for _, it := range search(t, h, user, "banana", 50).Items {
			if it.Food.ID == bobs {
				t.Errorf("%s sees bob's private food", user)
			}
		}
	}
	if got := search(t, h, "bob", "banana", 1); got.Items[0].Food.ID != bobs {
		t.Errorf("bob's own banana is not first: %+v", got.Items)
	}
}

func TestSearchBadInput(t *testing.T) {
	app := testapp.New(t)
	h := testapp.Handler(t, app)
	for url, want := range map[string]int{
		"/api/foods/search?q=":                 400,
		"/api/foods/search?q=%20%20":           400,
		"/api/foods/search?q=egg&limit=0":      400,
		"/api/foods/search?q=egg&limit=x":      400,
		"/api/foods/search?q=%22egg*%20OR%20(": 200, // FTS syntax is only text
	} {
		if res := get(t, h, url, "alice"); res.StatusCode != want {
			t.Errorf("%s: %d, want %d", url, res.StatusCode, want)
		}
	}
	if res := get(t, h, "/api/foods/search?q=egg", ""); res.StatusCode != 401 {
		t.Errorf("no token: %d", res.StatusCode)
	}
}
