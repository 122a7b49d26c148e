package ai_test

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"trackbase/internal/testapp"
	"trackbase/registry"
)

// wavFile is a PCM WAV (mono, 16-bit) of n silent samples at rate Hz.
func wavFile(rate, n int) []byte {
	var b bytes.Buffer
	le := func(v any) { binary.Write(&b, binary.LittleEndian, v) }
	b.WriteString("RIFF")
	le(uint32(36 + 2*n))
	b.WriteString("WAVEfmt ")
	le(uint32(16))
	le(uint16(1))
	le(uint16(1))
	le(uint32(rate))
	le(uint32(2 * rate))
	le(uint16(2))
	le(uint16(16))
	b.WriteString("data")
	le(uint32(2 * n))
	b.Write(make([]byte, 2*n))
	return b.Bytes()
}

// multipartAudio is a multipart body with data as the "audio" file of the given type.
func multipartAudio(filename, contentType string, data []byte) (io.Reader, string) {
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="audio"; filename=%q`, filename))
	h.Set("Content-Type", contentType)
	part, _ := w.CreatePart(h)
	part.Write(data)
	w.Close()
	return &body, w.FormDataContentType()
}

func audioHeaders(user, contentType string) map[string]string {
	return map[string]string{"Authorization": testapp.Token(user), "Content-Type": contentType}
}

func TestTranscribeAWavAndParseIt(t *testing.T) {
	f := startFake(t,
		func(w http.ResponseWriter) { fmt.Fprint(w, `{"text":" 2 eggs and a banana "}`) },
		chatReply(eggsAndBanana, 1000, 200),
	)
	// 8000 samples at 16 kHz: 0.5 s
	body, contentType := multipartAudio("breakfast.wav", "audio/wav", wavFile(16000, 8000))
	s := tests.ApiScenario{
		Method: http.MethodPost, URL: "/api/ai/transcribe?parse=true", Body: body,
		Headers: audioHeaders("alice", contentType), TestAppFactory: factory,
		ExpectedStatus:  200,
		ExpectedContent: []string{`"text":"2 eggs and a banana"`, `"model":"whisper-1"`, `"parse":{`, `"parser":"model"`, `"servings":2`},
		AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
			f.mu.Lock()
			first := f.requests[0]
			f.mu.Unlock()
			if first.Path != "/audio/transcriptions" || !bytes.Contains(first.Body, []byte("RIFF")) || !bytes.Contains(first.Body, []byte(`filename="breakfast.wav"`)) {
				t.Fatalf("transcription request %s %q", first.Path, first.Body[:min(200, len(first.Body))])
			}
			if body := f.chat(t, 1); body.Messages[1].Content != "2 eggs and a banana" {
				t.Errorf("parse got %q", body.Messages[1].Content)
			}
			usage := usageRows(t, app)
			if len(usage) != 2 {
				t.Fatalf("%d usage rows, want transcription + parse", len(usage))
			}
			// whisper-1: $0.006 per minute × 0.5 s / 60 s
			tr := usage[0]
			if field(tr, "request_type") != "transcription" || field(tr, "model_used") != "whisper-1" || !near(num(tr, "cost"), 0.00005) ||
				field(tr, "response") != "2 eggs and a banana" || field(tr, "success") != "1" {
				t.Errorf("transcription row %v", tr)
			}
			if field(usage[1], "request_type") != "parse_meal" {
				t.Errorf("second row %v", usage[1])
			}
			expectNothingWritten(t, app)
		},
	}
	s.Test(t)
}

// The cost of a transcription comes from the bytes sent, not from what the header claims: a
// 108-byte WAV whose header claims a 4 GiB data chunk at 1 byte per second was once recorded
// at $429,496.73.
func TestTranscribeCostsWhatWasSent(t *testing.T) {
	f := startFake(t, func(w http.ResponseWriter) { fmt.Fprint(w, `{"text":"2 eggs"}`) })
	data := wavFile(16000, 32)                           // 44-byte header and 64 bytes of samples
	binary.LittleEndian.PutUint32(data[28:], 1)          // byte rate
	binary.LittleEndian.PutUint32(data[40:], 0xFFFFFFFF) // data chunk size
	body, contentType := multipartAudio("lie.wav", "audio/wav", data)
	s := tests.ApiScenario{
		Method: http.MethodPost, URL: "/api/ai/transcribe", Body: body,
		Headers: audioHeaders("alice", contentType), TestAppFactory: factory,
		// 64 bytes at the lowest byte rate counted (8 kHz, 8-bit mono: 8000 bytes a second)
		// are 0.008 s: whisper-1's $0.006 a minute × 0.008 / 60 = $0.0000008
		ExpectedStatus:  200,
		ExpectedContent: []string{`"text":"2 eggs"`, `"cost_usd":8e-7`},
		AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
			if len(data) != 108 || f.count() != 1 {
				t.Fatalf("%d bytes, %d calls", len(data), f.count())
			}
			usage := usageRows(t, app)
			if len(usage) != 1 || !near(num(usage[0], "cost"), 0.0000008) {
				t.Errorf("usage rows %v, want one at $0.0000008", usage)
			}
		},
	}
	s.Test(t)
}

func TestTranscribeRefusesBadUploads(t *testing.T) {
	f := startFake(t)
	notAudio, notAudioType := multipartAudio("notes.txt", "text/plain", []byte("2 eggs and a banana"))
	disguised, disguisedType := multipartAudio("fake.wav", "audio/wav", []byte("this is not a recording at all"))
	// 10 MB + 1 byte of samples after the 44-byte header
	big, bigType := multipartAudio("long.wav", "audio/wav", wavFile(16000, (10<<20)/2+1))
	var empty bytes.Buffer
	w := multipart.NewWriter(&empty)
	w.WriteField("note", "no file")
	w.Close()
	scenarios := []tests.ApiScenario{
		{Name: "no audio field", Body: &empty, Headers: audioHeaders("alice", w.FormDataContentType()), ExpectedStatus: 400, ExpectedContent: []string{`"audio":{`, `Audio is required`}},
		{Name: "text file", Body: notAudio, Headers: audioHeaders("alice", notAudioType), ExpectedStatus: 400, ExpectedContent: []string{`"audio":{`, `must be a recording`}},
		{Name: "declared audio, content text", Body: disguised, Headers: audioHeaders("alice", disguisedType), ExpectedStatus: 400, ExpectedContent: []string{`must be a recording`}},
		{Name: "over 10 MB", Body: big, Headers: audioHeaders("alice", bigType), ExpectedStatus: 400, ExpectedContent: []string{`"audio":{`, `at most 10 MB`}},
		{Name: "guest", Body: strings.NewReader(""), Headers: audioHeaders("gus", "multipart/form-data; boundary=x"), ExpectedStatus: 403, ExpectedContent: []string{`"status":403`}},
	}
	for _, s := range scenarios {
		s.Method, s.URL, s.TestAppFactory = http.MethodPost, "/api/ai/transcribe", factory
		s.AfterTestFunc = func(t testing.TB, app *tests.TestApp, _ *http.Response) {
			if n := len(usageRows(t, app)); n != 0 {
				t.Errorf("%d usage rows", n)
			}
		}
		s.Test(t)
	}
	if f.count() != 0 {
		t.Errorf("%d upstream calls for refused uploads", f.count())
	}
}

func nutritionReply(calories float64, brand any) string {
	fields := fmt.Sprintf(`"serving_size":100,"unit":"g","food_group":"fruit","brand":%s,"cost":0.3,"calories":%g`, jsonValue(brand), calories)
	for _, n := range registry.Nutrients {
		fields += fmt.Sprintf(`,%q:1`, n.Name)
	}
	return "{" + fields + "}"
}

func jsonValue(v any) string {
	if v == nil {
		return "null"
	}
	return fmt.Sprintf("%q", v)
}

func TestFoodMetadataKnownValuesWin(t *testing.T) {
	f := startFake(t, chatReply(nutritionReply(52, nil), 300, 120))
	s := tests.ApiScenario{
		Method: http.MethodPost, URL: "/api/ai/food-metadata",
		Body:    jsonBody(map[string]any{"food_name": "Honeycrisp apple", "known": map[string]any{"calories": 60, "brand": "Orchard Co"}}),
		Headers: testapp.Auth("alice"), TestAppFactory: factory,
		ExpectedStatus: 200,
		ExpectedContent: []string{
			`"source":"ai"`, `"calories":60`, `"brand":"Orchard Co"`, `"serving_size":100`, `"food_group":"fruit"`, `"vitamin_c":1`,
			`"usage":{"prompt_tokens":300,"completion_tokens":120,"tokens":420`,
		},
		NotExpectedContent: []string{`"calories":52`},
		AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
			body := f.chat(t, 0)
			if !strings.Contains(body.Messages[1].Content, `"food_name":"Honeycrisp apple"`) || strings.Contains(body.Messages[0].Content, "Honeycrisp") {
				t.Errorf("messages %+v", body.Messages)
			}
			usage := usageRows(t, app)
			if len(usage) != 1 || field(usage[0], "request_type") != "food_metadata" {
				t.Fatalf("usage %v", usage)
			}
		},
	}
	s.Test(t)
}

func TestFoodMetadataWithoutModel(t *testing.T) {
	f := startFake(t)
	all := map[string]any{"serving_size": 1, "unit": "piece", "food_group": "fruit", "brand": nil, "cost": nil}
	for _, n := range registry.EnergyAndNutrientNames() {
		all[n] = 0
	}
	all["calories"] = 95
	scenarios := []tests.ApiScenario{
		{Name: "every field known: no call", Body: jsonBody(map[string]any{"food_name": "apple", "known": all}), ExpectedStatus: 200,
			ExpectedContent: []string{`"source":"known"`, `"calories":95`, `"unit":"piece"`}},
		{Name: "unknown field", Body: jsonBody(map[string]any{"food_name": "apple", "known": map[string]any{"colour": "red"}}), ExpectedStatus: 400,
			ExpectedContent: []string{`"known.colour":{`}},
		{Name: "negative known value", Body: jsonBody(map[string]any{"food_name": "apple", "known": map[string]any{"fat": -1}}), ExpectedStatus: 400,
			ExpectedContent: []string{`"known.fat":{`}},
		{Name: "no name", Body: jsonBody(map[string]any{"food_name": " "}), ExpectedStatus: 400, ExpectedContent: []string{`"food_name":{`}},
	}
	for _, s := range scenarios {
		s.Method, s.URL, s.TestAppFactory, s.Headers = http.MethodPost, "/api/ai/food-metadata", factory, testapp.Auth("alice")
		s.Test(t)
	}
	if f.count() != 0 {
		t.Errorf("%d upstream calls", f.count())
	}
}

func TestPrompt(t *testing.T) {
	f := startFake(t, chatReply("Drink water.", 20, 3))
	scenarios := []tests.ApiScenario{
		{Name: "answer", Body: jsonBody(map[string]any{"prompt": "How much water should I drink?"}), ExpectedStatus: 200,
			ExpectedContent: []string{`"response":"Drink water."`, `"tokens":23`}},
		{Name: "over 2000 characters", Body: jsonBody(map[string]any{"prompt": strings.Repeat("a", 2001)}), ExpectedStatus: 400,
			ExpectedContent: []string{`"prompt":{`, `at most 2000 characters`}},
		{Name: "empty", Body: jsonBody(map[string]any{"prompt": ""}), ExpectedStatus: 400, ExpectedContent: []string{`"prompt":{`}},
	}
	for _, s := range scenarios {
		s.Method, s.URL, s.TestAppFactory, s.Headers = http.MethodPost, "/api/ai/prompt", factory, testapp.Auth("alice")
		s.Test(t)
	}
	if f.count() != 1 {
		t.Errorf("%d upstream calls, want 1", f.count())
	}
}

func TestEndpointsNeedAKeyExceptParseMeal(t *testing.T) {
	t.Setenv("OPENAI_API_KEY", "")
	for _, c := range []struct{ url, body string }{
		{"/api/ai/prompt", `{"prompt":"hi"}`},
		{"/api/ai/food-metadata", `{"food_name":"apple"}`},
	} {
		s := tests.ApiScenario{
			Method: http.MethodPost, URL: c.url, Body: strings.NewReader(c.body),
			Headers: testapp.Auth("alice"), TestAppFactory: factory,
			ExpectedStatus: 503, ExpectedContent: []string{`OPENAI_API_KEY is not set`},
		}
		s.Test(t)
	}
}
