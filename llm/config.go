// Package llm is trackbase's client for OpenAI-compatible model servers, built on
// github.com/sashabaranov/go-openai. It adds what every model call needs: a per-call timeout,
// retries with backoff on 429/5xx/timeouts, typed errors, and the cost of each attempt from a
// per-model price table. It knows nothing about the database; callers record the attempts.
package llm

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Environment variables read by ConfigFromEnv.
const (
	EnvAPIKey             = "OPENAI_API_KEY"
	EnvBaseURL            = "OPENAI_BASE_URL"
	EnvModel              = "OPENAI_MODEL"
	EnvTranscriptionModel = "OPENAI_TRANSCRIPTION_MODEL"
	EnvTimeout            = "OPENAI_TIMEOUT"
	EnvMaxRetries         = "OPENAI_MAX_RETRIES"
	EnvRetryBackoff       = "OPENAI_RETRY_BACKOFF"
	EnvPrices             = "TRACKBASE_AI_PRICES"
)

// Defaults used when the environment says nothing.
const (
	DefaultBaseURL            = "https://api.openai.com/v1"
	DefaultModel              = "gpt-4o-mini"
	DefaultTranscriptionModel = "whisper-1"
	DefaultTimeout            = 30 * time.Second
	DefaultMaxRetries         = 2
	DefaultRetryBackoff       = 500 * time.Millisecond
	// MaxWait caps one wait between attempts. A Retry-After longer than this ends the
	// retries instead of being cut short.
	MaxWait = 20 * time.Second
)

// Config configures a Client.
type Config struct {
	APIKey             string
	BaseURL            string
	Model              string        // chat model
	TranscriptionModel string        // Whisper-compatible model
	Timeout            time.Duration // per attempt
	MaxRetries         int           // attempts after the first
	RetryBackoff       time.Duration // wait before the first retry; doubles each time
	Prices             Prices
}

// Enabled reports whether an API key is configured.
func (c Config) Enabled() bool { return c.APIKey != "" }

// ConfigFromEnv reads the configuration through getenv (os.Getenv). Values it cannot use are
// replaced by their defaults and reported in warnings, as are configured models missing from
// the price table (their calls cost 0).
func ConfigFromEnv(getenv func(string) string) (Config, []string) {
	var warnings []string
	cfg := Config{
		APIKey:             strings.TrimSpace(getenv(EnvAPIKey)),
		BaseURL:            orDefault(getenv(EnvBaseURL), DefaultBaseURL),
		Model:              orDefault(getenv(EnvModel), DefaultModel),
		TranscriptionModel: orDefault(getenv(EnvTranscriptionModel), DefaultTranscriptionModel),
		Timeout:            DefaultTimeout,
		MaxRetries:         DefaultMaxRetries,
		RetryBackoff:       DefaultRetryBackoff,
		Prices:             DefaultPrices(),
	}
	if v := getenv(EnvTimeout); v != "" {
		if d, err := parseDuration(v); err == nil && d > 0 {
			cfg.Timeout = d
		} else {
			warnings = append(warnings, fmt.Sprintf("%s=%q is not a positive duration (\"30s\" or seconds); using %s", EnvTimeout, v, DefaultTimeout))
		}
	}
	if v := getenv(EnvMaxRetries); v != "" {
		if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && n >= 0 && n <= 10 {
			cfg.MaxRetries = n
		} else {
			warnings = append(warnings, fmt.Sprintf("%s=%q is not an integer 0–10; using %d", EnvMaxRetries, v, DefaultMaxRetries))
		}
	}
	if v := getenv(EnvRetryBackoff); v != "" {
		if d, err := parseDuration(v); err == nil && d >= 0 {
			cfg.RetryBackoff = d
		} else {
			warnings = append(warnings, fmt.Sprintf("%s=%q is not a duration; using %s", EnvRetryBackoff, v, DefaultRetryBackoff))
		}
	}
	if v := getenv(EnvPrices); v != "" {
		var override Prices
		if err := json.Unmarshal([]byte(v), &override); err != nil {
			warnings = append(warnings, fmt.Sprintf("%s is not a JSON object of {\"model\": {\"input\": …, \"output\": …}}: %v; using the built-in prices", EnvPrices, err))
		} else {
			for model, p := range override {
				if p.Input < 0 || p.Output < 0 || p.PerMinute < 0 {
					warnings = append(warnings, fmt.Sprintf("%s: negative price for %q ignored", EnvPrices, model))
					continue
				}
				cfg.Prices[model] = p
			}
		}
	}
	if cfg.Enabled() {
		for _, m := range []string{cfg.Model, cfg.TranscriptionModel} {
			if _, ok := cfg.Prices.Lookup(m); !ok {
				warnings = append(warnings, fmt.Sprintf("model %q has no price (set %s); its calls are recorded at cost 0", m, EnvPrices))
			}
		}
	}
	return cfg, warnings
}

// parseDuration reads "30s", "1m" or a plain number of seconds ("30", "2.5").
func parseDuration(v string) (time.Duration, error) {
	v = strings.TrimSpace(v)
	if f, err := strconv.ParseFloat(v, 64); err == nil {
		return time.Duration(f * float64(time.Second)), nil
	}
	return time.ParseDuration(v)
}

func orDefault(v, def string) string {
	if v = strings.TrimSpace(v); v != "" {
		return v
	}
	return def
}

// Price is what a model costs, in USD.
type Price struct {
	Input     float64 `json:"input"`                // per 1M prompt tokens
	Output    float64 `json:"output"`               // per 1M completion tokens
	PerMinute float64 `json:"per_minute,omitempty"` // per minute of audio (transcription models)
}

// Prices maps a model name to its price.
type Prices map[string]Price

// DefaultPrices are OpenAI's list prices (USD) when this was written; override them with
// TRACKBASE_AI_PRICES.
func DefaultPrices() Prices {
	return Prices{
		"gpt-4o-mini":            {Input: 0.15, Output: 0.60},
		"gpt-4o":                 {Input: 2.50, Output: 10.00},
		"gpt-4.1":                {Input: 2.00, Output: 8.00},
		"gpt-4.1-mini":           {Input: 0.40, Output: 1.60},
		"gpt-4.1-nano":           {Input: 0.10, Output: 0.40},
		"gpt-5":                  {Input: 1.25, Output: 10.00},
		"gpt-5-mini":             {Input: 0.25, Output: 2.00},
		"gpt-5-nano":             {Input: 0.05, Output: 0.40},
		"o3-mini":                {Input: 1.10, Output: 4.40},
		"o4-mini":                {Input: 1.10, Output: 4.40},
		"gpt-3.5-turbo":          {Input: 0.50, Output: 1.50},
		"whisper-1":              {PerMinute: 0.006},
		"gpt-4o-transcribe":      {PerMinute: 0.006},
		"gpt-4o-mini-transcribe": {PerMinute: 0.003},
	}
}

// Lookup finds a model's price by exact name, else by the longest name that prefixes it, so
// a dated snapshot ("gpt-4o-mini-2024-07-18") takes its family's price.
func (p Prices) Lookup(model string) (Price, bool) {
	if pr, ok := p[model]; ok {
		return pr, true
	}
	names := make([]string, 0, len(p))
	for name := range p {
		if strings.HasPrefix(model, name+"-") {
			names = append(names, name)
		}
	}
	if len(names) == 0 {
		return Price{}, false
	}
	sort.Slice(names, func(i, j int) bool { return len(names[i]) > len(names[j]) })
	return p[names[0]], true
}

// Cost is the USD cost of a chat call; 0 for a model without a price.
func (p Prices) Cost(model string, promptTokens, completionTokens int) float64 {
	pr, _ := p.Lookup(model)
	return (float64(promptTokens)*pr.Input + float64(completionTokens)*pr.Output) / 1e6
}

// AudioCost is the USD cost of transcribing seconds of audio.
func (p Prices) AudioCost(model string, seconds float64) float64 {
	pr, _ := p.Lookup(model)
	return pr.PerMinute * seconds / 60
}
