package llm

import (
	"bytes"
	"context"
	"encoding/json"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"trackbase/errortype"
)

// Client calls an OpenAI-compatible server. It is safe for concurrent use.
type Client struct {
	cfg   Config
	api   *openai.Client
	sleep func(context.Context, time.Duration) error
}

// New builds a client from cfg.
func New(cfg Config) *Client {
	oc := openai.DefaultConfig(cfg.APIKey)
	oc.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	oc.HTTPClient = retryAfterDoer{&http.Client{}}
	return &Client{cfg: cfg, api: openai.NewClientWithConfig(oc), sleep: sleepCtx}
}

// Config returns the client's configuration.
func (c *Client) Config() Config { return c.cfg }

// Attempt is one request to the model server: what every api_usage_logs row records.
type Attempt struct {
	Model            string
	PromptTokens     int
	CompletionTokens int
	Cost             float64 // USD
	Duration         time.Duration
	Err              *Error // nil when the server answered
}

// Schema asks for a reply that is a JSON document following a JSON schema (OpenAI
// structured outputs, strict mode).
type Schema struct {
	Name   string
	Schema json.RawMessage
}

// ChatRequest is one chat completion. Instructions and Input travel as separate messages
// (system and user), so the user's text is never read as instructions.
type ChatRequest struct {
	Instructions string
	Input        string
	Schema       *Schema // nil: free text
	MaxTokens    int     // completion tokens; 0: the server's default
}

// ChatResult is the reply and every attempt it took.
type ChatResult struct {
	Content  string
	Attempts []Attempt
}

// Chat runs a chat completion, retrying on 429, 5xx, timeouts and unreachable servers. On
// failure the error is an *Error and Attempts still lists every attempt.
func (c *Client) Chat(ctx context.Context, req ChatRequest) (ChatResult, error) {
	body := openai.ChatCompletionRequest{
		Model: c.cfg.Model,
		Messages: []openai.ChatCompletionMessage{
			{Role: openai.ChatMessageRoleSystem, Content: req.Instructions},
			{Role: openai.ChatMessageRoleUser, Content: req.Input},
		},
		MaxCompletionTokens: req.MaxTokens,
	}
	if req.Schema != nil {
		body.ResponseFormat = &openai.ChatCompletionResponseFormat{
			Type: openai.ChatCompletionResponseFormatTypeJSONSchema,
			JSONSchema: &openai.ChatCompletionResponseFormatJSONSchema{
				Name: req.Schema.Name, Schema: req.Schema.Schema, Strict: true,
			},
		}
	}
	var res ChatResult
	attempts, err := c.retry(ctx, c.cfg.Model, func(ctx context.Context, a *Attempt) error {
		resp, err := c.api.CreateChatCompletion(ctx, body)
		if err != nil {
			return err
		}
		a.PromptTokens = resp.Usage.PromptTokens
		a.CompletionTokens = resp.Usage.CompletionTokens
		a.Cost = c.cfg.Prices.Cost(c.cfg.Model, a.PromptTokens, a.CompletionTokens)
		switch {
		case len(resp.Choices) == 0:
			return NewError(errortype.BadModelOutput, "the model returned no choices")
		case resp.Choices[0].Message.Refusal != "":
			return NewError(errortype.BadModelOutput, "the model refused: %s", resp.Choices[0].Message.Refusal)
		case resp.Choices[0].FinishReason == openai.FinishReasonLength:
			return NewError(errortype.BadModelOutput, "the reply was cut off at the token limit")
		}
		res.Content = resp.Choices[0].Message.Content
		return nil
	})
	res.Attempts = attempts
	return res, err
}

// Audio is a recording to transcribe.
type Audio struct {
	Filename string
	Data     []byte
	Seconds  float64 // duration when known (prices per minute); 0 otherwise
}

// TranscriptionResult is the text and every attempt it took.
type TranscriptionResult struct {
	Text     string
	Attempts []Attempt
}

// Transcribe sends audio to the Whisper-compatible transcription endpoint, with the same
// retries as Chat.
func (c *Client) Transcribe(ctx context.Context, audio Audio) (TranscriptionResult, error) {
	model := c.cfg.TranscriptionModel
	var res TranscriptionResult
	attempts, err := c.retry(ctx, model, func(ctx context.Context, a *Attempt) error {
		resp, err := c.api.CreateTranscription(ctx, openai.AudioRequest{
			Model:    model,
			FilePath: audio.Filename,
			Reader:   bytes.NewReader(audio.Data),
		})
		if err != nil {
			return err
		}
		a.Cost = c.cfg.Prices.AudioCost(model, audio.Seconds)
		res.Text = strings.TrimSpace(resp.Text)
		return nil
	})
	res.Attempts = attempts
	return res, err
}

// retry runs call up to 1+MaxRetries times, each under its own timeout, waiting between
// attempts for the longer of an exponential backoff with jitter and the server's
// Retry-After. call fills the attempt's tokens and cost and returns its error, if any: an
// *Error, or a go-openai/transport error that retry classifies.
func (c *Client) retry(ctx context.Context, model string, call func(context.Context, *Attempt) error) ([]Attempt, error) {
	var attempts []Attempt
	for n := 0; ; n++ {
		var retryAfter time.Duration
		actx, cancel := context.WithTimeout(context.WithValue(ctx, retryAfterKey{}, &retryAfter), c.cfg.Timeout)
		a := Attempt{Model: model}
		start := time.Now()
		callErr := call(actx, &a)
		a.Duration = time.Since(start)
		cancel()
		if callErr == nil {
			attempts = append(attempts, a)
			return attempts, nil
		}
		err, ok := callErr.(*Error)
		if !ok {
			err = classify(callErr, ctx, c.cfg.APIKey)
		}
		err.RetryAfter = retryAfter
		a.Err = err
		attempts = append(attempts, a)
		if !err.retryable || n >= c.cfg.MaxRetries || retryAfter > MaxWait {
			return attempts, err
		}
		if c.sleep(ctx, max(c.backoff(n), retryAfter)) != nil {
			return attempts, err
		}
	}
}

// backoff is the wait before retry n+1: RetryBackoff·2ⁿ, jittered into its upper half so
// clients that failed together do not retry together, capped at MaxWait.
func (c *Client) backoff(n int) time.Duration {
	d := min(c.cfg.RetryBackoff<<n, MaxWait)
	if d <= 0 {
		return 0
	}
	return d/2 + time.Duration(rand.Int64N(int64(d/2)+1))
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

type retryAfterKey struct{}

// retryAfterDoer sends requests and, on an error status, stores the server's Retry-After
// (seconds, HTTP date, or OpenAI's retry-after-ms) where retry() can read it: go-openai
// drops response headers from its errors.
type retryAfterDoer struct{ client *http.Client }

func (d retryAfterDoer) Do(req *http.Request) (*http.Response, error) {
	resp, err := d.client.Do(req)
	if err == nil && resp.StatusCode >= 400 {
		if p, ok := req.Context().Value(retryAfterKey{}).(*time.Duration); ok {
			*p = parseRetryAfter(resp.Header, time.Now())
		}
	}
	return resp, err
}

func parseRetryAfter(h http.Header, now time.Time) time.Duration {
	if v := h.Get("Retry-After-Ms"); v != "" {
		if ms, err := strconv.ParseFloat(v, 64); err == nil && ms > 0 {
			return time.Duration(ms * float64(time.Millisecond))
		}
	}
	v := h.Get("Retry-After")
	if v == "" {
		return 0
	}
	if s, err := strconv.ParseFloat(v, 64); err == nil && s > 0 {
		return time.Duration(s * float64(time.Second))
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}
