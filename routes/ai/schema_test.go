package ai

import (
	"encoding/binary"
	"encoding/json"
	"strings"
	"testing"
)

var testUnitNames = []string{"cup", "g", "ml", "piece", "slice"}

// mealItemJSON is a valid reply item with one field replaced (or removed when value is nil
// and remove is true).
func mealItemJSON(field string, value any, remove bool) string {
	item := map[string]any{
		"name": "white rice", "quantity": 1, "quantity_unit": "cup", "servings": 1.58, "price_paid": nil,
		"confidence": 0.9, "serving_size": 100, "unit": "g", "food_group": "grain", "brand": nil, "cost": 0.2,
	}
	for _, n := range nutrientFields {
		item[n] = 1
	}
	if remove {
		delete(item, field)
	} else if field != "" {
		item[field] = value
	}
	b, _ := json.Marshal(map[string]any{"items": []any{item}})
	return string(b)
}

func TestCheckMealReply(t *testing.T) {
	cases := []struct {
		name, content, wantErr string
	}{
		{"valid", mealItemJSON("", nil, false), ""},
		{"empty list is valid", `{"items":[]}`, ""},
		{"not JSON", `Sure! Here are your foods: rice`, "not JSON"},
		{"trailing data", `{"items":[]} {"items":[]}`, "after its JSON"},
		{"not an object", `[]`, `only "items"`},
		{"extra top-level key", `{"items":[],"note":"x"}`, `only "items"`},
		{"items not a list", `{"items":{}}`, "must be a list"},
		{"item not an object", `{"items":["rice"]}`, "items[0] is not an object"},
		{"missing field", mealItemJSON("calories", nil, true), "items[0].calories is missing"},
		{"extra field", mealItemJSON("emoji", "🍚", false), "items[0].emoji is not an expected field"},
		{"number as text", mealItemJSON("protein", "12", false), "items[0].protein must be a number"},
		{"negative nutrient", mealItemJSON("fat", -1, false), "items[0].fat must be a number from 0 to 100000"},
		{"nutrient above the field bound", mealItemJSON("calories", 100001, false), "from 0 to 100000"},
		{"zero servings", mealItemJSON("servings", 0, false), "items[0].servings must be a number above 0"},
		{"servings above a log's 100", mealItemJSON("servings", 101, false), "above 0 to 100"},
		{"confidence above 1", mealItemJSON("confidence", 1.5, false), "confidence must be a number from 0 to 1"},
		{"unknown unit", mealItemJSON("unit", "handful", false), `items[0].unit must be one of cup, g, ml, piece, slice, got "handful"`},
		{"unknown food group", mealItemJSON("food_group", "candy", false), "food_group must be one of"},
		{"null where not nullable", mealItemJSON("name", nil, false), "items[0].name must not be null"},
		{"empty name", mealItemJSON("name", "  ", false), "items[0].name must not be empty"},
		{"negative price", mealItemJSON("price_paid", -2, false), "price_paid must be a number from 0"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			items, err := checkMealReply(c.content, testUnitNames)
			if c.wantErr == "" {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), c.wantErr) {
				t.Fatalf("error %v, want one containing %q (items %v)", err, c.wantErr, items)
			}
		})
	}
	tooMany := `{"items":[` + strings.Repeat(`1,`, maxMealItems) + `1]}`
	if _, err := checkMealReply(tooMany, testUnitNames); err == nil || !strings.Contains(err.Error(), "at most 30") {
		t.Fatalf("31 items: %v", err)
	}
}

func TestCheckMealReplyValues(t *testing.T) {
	items, err := checkMealReply(mealItemJSON("brand", " Uncle Ben's ", false), testUnitNames)
	if err != nil {
		t.Fatal(err)
	}
	v := items[0]
	if v.text("brand") != "Uncle Ben's" || v.number("servings") != 1.58 || v.numberOrNil("price_paid") != nil || *v.numberOrNil("cost") != 0.2 {
		t.Fatalf("values %v", v)
	}
}

func TestMealSchemaIsStrict(t *testing.T) {
	var schema struct {
		Properties struct {
			Items struct {
				Items struct {
					Required             []string                   `json:"required"`
					AdditionalProperties bool                       `json:"additionalProperties"`
					Properties           map[string]json.RawMessage `json:"properties"`
				} `json:"items"`
			} `json:"items"`
		} `json:"properties"`
	}
	if err := json.Unmarshal(mealSchema(testUnitNames), &schema); err != nil {
		t.Fatal(err)
	}
	item := schema.Properties.Items.Items
	// strict mode: every property is required and no other is allowed
	if item.AdditionalProperties || len(item.Required) != len(item.Properties) || len(item.Required) != 11+len(nutrientFields) {
		t.Fatalf("required %v of %d properties, additionalProperties %v", item.Required, len(item.Properties), item.AdditionalProperties)
	}
	if got := string(item.Properties["brand"]); !strings.Contains(got, `"type":["string","null"]`) {
		t.Fatalf("brand %s", got)
	}
	if got := string(item.Properties["unit"]); !strings.Contains(got, `"enum":["cup","g","ml","piece","slice"]`) {
		t.Fatalf("unit %s", got)
	}
}

func TestCheckKnown(t *testing.T) {
	cases := []struct {
		raw, field string
	}{
		{``, ""},
		{`null`, ""},
		{`{"calories": 95, "unit": "g", "brand": null}`, ""},
		{`[1]`, "known"},
		{`{"colour": "red"}`, "known.colour"},
		{`{"calories": -1}`, "known.calories"},
		{`{"unit": "bushel"}`, "known.unit"},
		{`{"food_group": 3}`, "known.food_group"},
	}
	for _, c := range cases {
		_, field, err := checkKnown(json.RawMessage(c.raw), testUnitNames)
		if field != c.field || (c.field == "") != (err == nil) {
			t.Errorf("checkKnown(%s) = field %q, err %v; want field %q", c.raw, field, err, c.field)
		}
	}
}

// wav builds a PCM WAV of n zero samples at rate Hz, mono, 16-bit.
func wav(rate, n int) []byte {
	data := make([]byte, 44+2*n)
	copy(data[0:], "RIFF")
	binary.LittleEndian.PutUint32(data[4:], uint32(36+2*n))
	copy(data[8:], "WAVEfmt ")
	binary.LittleEndian.PutUint32(data[16:], 16)
	binary.LittleEndian.PutUint16(data[20:], 1) // PCM
	binary.LittleEndian.PutUint16(data[22:], 1) // mono
	binary.LittleEndian.PutUint32(data[24:], uint32(rate))
	binary.LittleEndian.PutUint32(data[28:], uint32(rate*2)) // byte rate
	binary.LittleEndian.PutUint16(data[32:], 2)
	binary.LittleEndian.PutUint16(data[34:], 16)
	copy(data[36:], "data")
	binary.LittleEndian.PutUint32(data[40:], uint32(2*n))
	return data
}

func TestWavSecondsAndIsAudio(t *testing.T) {
	// 8000 samples at 16 kHz: 16000 data bytes / 32000 bytes per second = 0.5 s
	if got := wavSeconds(wav(16000, 8000)); got != 0.5 {
		t.Fatalf("wavSeconds = %v, want 0.5", got)
	}
	// a header claiming 4 GiB of data at 1 byte a second, with 64 bytes of it sent: the
	// bytes sent at no less than 8000 bytes a second, 0.008 s
	lie := wav(16000, 32)
	binary.LittleEndian.PutUint32(lie[28:], 1)
	binary.LittleEndian.PutUint32(lie[40:], 0xFFFFFFFF)
	if got := wavSeconds(lie); got != 0.008 {
		t.Fatalf("wavSeconds(lying header) = %v, want 0.008", got)
	}
	if got := wavSeconds([]byte("ID3 not a wav")); got != 0 {
		t.Fatalf("wavSeconds(mp3) = %v", got)
	}
	cases := []struct {
		declared string
		data     []byte
		want     bool
	}{
		{"audio/wav", wav(16000, 10), true},
		{"", wav(16000, 10), true},                           // no declared type: sniffed
		{"application/octet-stream", wav(16000, 10), true},   // generic: sniffed
		{"audio/flac", []byte("fLaC\x00\x00\x00\x22"), true}, // FLAC is not sniffed by net/http
		{"text/plain", wav(16000, 10), false},                // declared non-audio
		{"audio/wav", []byte("hello, I am text"), false},     // content is not audio
		{"image/png", []byte("\x89PNG\r\n\x1a\n"), false},
	}
	for _, c := range cases {
		if got := isAudio(c.declared, c.data); got != c.want {
			t.Errorf("isAudio(%q, %q…) = %v, want %v", c.declared, c.data[:4], got, c.want)
		}
	}
}

func TestTokenShareAddsUp(t *testing.T) {
	// 10 tokens over 3 logs: 4 + 3 + 3
	got := []int{tokenShare(10, 3, 0), tokenShare(10, 3, 1), tokenShare(10, 3, 2)}
	if got[0] != 4 || got[1] != 3 || got[2] != 3 {
		t.Fatalf("shares %v", got)
	}
}

func TestCacheKeyNormalisesText(t *testing.T) {
	a := cacheKey("u1", "gpt-4o-mini", "2 Eggs  and\ta banana", "foods1")
	if a != cacheKey("u1", "gpt-4o-mini", "2 eggs and a banana", "foods1") {
		t.Fatal("case and spacing changed the key")
	}
	for _, other := range []string{
		cacheKey("u1", "gpt-4o", "2 eggs and a banana", "foods1"),
		cacheKey("u1", "gpt-4o-mini", "3 eggs and a banana", "foods1"),
		cacheKey("u1", "gpt-4o-mini", "2 eggs and a banana", "foods2"),
		cacheKey("u2", "gpt-4o-mini", "2 eggs and a banana", "foods1"),
	} {
		if other == a {
			t.Fatal("a different model, text, food list or user gave the same key")
		}
	}
}
