// Package ai binds the AI endpoints: POST /api/ai/parse-meal, /api/ai/food-metadata,
// /api/ai/transcribe and /api/ai/prompt. Every model call goes through trackbase/llm and is
// accounted in api_usage_logs; every failure also lands in error_logs with its typed
// error_type. Configuration, prices, budget and cache: docs/AI.md.
package ai

import (
	"errors"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"time"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"

	"trackbase/collections"
	"trackbase/config"
	"trackbase/errortype"
	"trackbase/hooks"
	"trackbase/llm"
	"trackbase/redact"
	"trackbase/routes/route"
)

// Request types recorded in api_usage_logs.request_type.
const (
	requestParseMeal     = "parse_meal"
	requestFoodMetadata  = "food_metadata"
	requestTranscription = "transcription"
	requestPrompt        = "prompt"
)

const (
	cacheEntries     = 1000
	maxLoggedText    = 2000
	maxAudioBytes    = 10 << 20
	maxPromptRunes   = 2000
	maxMealTextRunes = 1000
)

// service holds the AI configuration read once at start.
type service struct {
	cfg         llm.Config
	client      *llm.Client // nil without OPENAI_API_KEY
	dailyTokens int         // per user and 24 hours; 0: no budget
	turns       userTurns   // one budgeted call per user at a time
	cache       *replyCache
}

// Routes are the AI routes, configured by OPENAI_* and TRACKBASE_AI_* (docs/AI.md).
func Routes(cfg config.AI) []route.Route {
	s := newService(cfg)
	// every model call can fail upstream (502/504), lack a key (503) or exceed the budget (429)
	modelErrors := []int{http.StatusBadRequest, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout}
	return []route.Route{
		{Method: http.MethodPost, Path: "/api/ai/parse-meal", Auth: route.Writer, Handler: s.parseMeal, Body: parseRequest{},
			Summary: "Parse a meal description into foods and servings; save logs them.", Errors: modelErrors},
		{Method: http.MethodPost, Path: "/api/ai/food-metadata", Auth: route.Writer, Handler: s.foodMetadata, Body: metadataRequest{},
			Summary: "The full nutrient set of one serving of a food.", Errors: modelErrors},
		// the multipart body holds up to 10 MB of audio plus its headers
		{Method: http.MethodPost, Path: "/api/ai/transcribe", Auth: route.Writer, Handler: s.transcribe,
			Middlewares: []*hook.Handler[*core.RequestEvent]{apis.BodyLimit(maxAudioBytes + 64<<10)},
			Multipart:   []string{"file"}, Query: []route.Param{{Name: "parse", Type: route.Boolean, Description: "Also parse the transcript as a meal."}},
			Summary: "Transcribe a voice note (multipart field file).", Errors: append(modelErrors, http.StatusRequestEntityTooLarge)},
		{Method: http.MethodPost, Path: "/api/ai/prompt", Auth: route.Writer, Handler: s.prompt, Body: promptRequest{},
			Summary: "Answer a free prompt.", Errors: modelErrors},
	}
}

func newService(cfg config.AI) *service {
	s := &service{cfg: cfg.LLM, dailyTokens: cfg.DailyTokens, cache: newReplyCache(cfg.CacheTTL, cacheEntries)}
	if cfg.LLM.Enabled() {
		s.client = llm.New(cfg.LLM)
	}
	return s
}

// requireModel answers 503 when no API key is configured.
func (s *service) requireModel(e *core.RequestEvent) error {
	if s.client == nil {
		return e.Error(http.StatusServiceUnavailable, "AI is not configured on this server (OPENAI_API_KEY is not set).", nil)
	}
	return nil
}

// recordAttempts writes one api_usage_logs row per attempt. request and response are the
// user's input and the model's reply, cut to 2000 characters with keys and tokens removed.
// failure, when set, marks the last attempt as failed (a reply that failed validation).
func (s *service) recordAttempts(app core.App, userID, requestType, request, response string, attempts []llm.Attempt, failure *llm.Error) {
	collection, err := app.FindCachedCollectionByNameOrId(collections.APIUsageLogs)
	if err != nil {
		app.Logger().Error("writing api_usage_logs", "error", err.Error())
		return
	}
	for i, a := range attempts {
		errMsg := ""
		if a.Err != nil {
			errMsg = a.Err.Message
		} else if failure != nil && i == len(attempts)-1 {
			errMsg = failure.Message
		}
		rec := core.NewRecord(collection)
		rec.Set("user", userID)
		rec.Set("request_type", requestType)
		rec.Set("model_used", a.Model)
		rec.Set("prompt_tokens", a.PromptTokens)
		rec.Set("completion_tokens", a.CompletionTokens)
		rec.Set("tokens_used", a.PromptTokens+a.CompletionTokens)
		rec.Set("cost", math.Round(a.Cost*1e8)/1e8)
		rec.Set("response_time_ms", a.Duration.Milliseconds())
		rec.Set("request", forLog(request))
		if a.Err == nil {
			rec.Set("response", forLog(response))
		}
		rec.Set("success", errMsg == "")
		rec.Set("error_message", forLog(errMsg))
		if err := app.Save(rec); err != nil {
			app.Logger().Error("writing api_usage_logs", "error", err.Error())
		}
	}
}

// sumUsage adds up the tokens and cost of a request's attempts.
func sumUsage(attempts []llm.Attempt) usage {
	var u usage
	for _, a := range attempts {
		u.PromptTokens += a.PromptTokens
		u.CompletionTokens += a.CompletionTokens
		u.Cost += a.Cost
	}
	u.Tokens = u.PromptTokens + u.CompletionTokens
	u.Cost = math.Round(u.Cost*1e8) / 1e8
	return u
}

// fail logs a failed AI request (logFailure) and answers with the error's status: 429
// budget, 502 upstream error or bad reply, 503 unreachable or rate-limited upstream, 504
// timeout.
func (s *service) fail(e *core.RequestEvent, input string, ferr *llm.Error) error {
	s.logFailure(e, input, ferr)
	if ferr.RetryAfter > 0 {
		e.Response.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(ferr.RetryAfter.Seconds()))))
	}
	// the upstream's own words (URLs, model output) stay in error_logs
	msg := clientMessage(ferr, s.cfg.Timeout)
	return e.Error(ferr.HTTPStatus(), msg, validation.Errors{"ai": validation.NewError(string(ferr.Kind), msg)})
}

// failOrInternal answers a failed model call through fail, anything else (the database) as a
// 500.
func (s *service) failOrInternal(e *core.RequestEvent, input string, err error) error {
	var ferr *llm.Error
	if errors.As(err, &ferr) {
		return s.fail(e, input, ferr)
	}
	return e.InternalServerError("", err)
}

// logFailure writes the typed error_logs row of a failed AI request, with the user's input,
// and keeps the error tracker from adding an untyped one.
func (s *service) logFailure(e *core.RequestEvent, input string, ferr *llm.Error) {
	err := collections.WriteErrorRow(e.App, collections.ErrorRow{
		UserID:    e.Auth.Id,
		Type:      ferr.Kind,
		Message:   hooks.SanitizeMessage(ferr.Message),
		UserInput: forLog(input),
		Route:     e.Request.URL.Path,
		Method:    e.Request.Method,
		Status:    ferr.HTTPStatus(),
	})
	if err != nil {
		e.App.Logger().Error("writing error_logs", "error", err.Error())
	}
	hooks.MarkErrorLogged(e)
}

// clientMessage says what happened in words a user can act on.
func clientMessage(ferr *llm.Error, timeout time.Duration) string {
	switch ferr.Kind {
	case errortype.BudgetExceeded:
		return ferr.Message
	case errortype.RateLimited:
		return "The AI service is busy (rate limited); try again in a minute."
	case errortype.Timeout:
		return fmt.Sprintf("The AI service did not answer within %s; try again.", timeout)
	case errortype.BadModelOutput:
		return "The AI service returned an unusable answer; nothing was saved."
	}
	if ferr.HTTPStatus() == http.StatusServiceUnavailable {
		return "The AI service cannot be reached right now; try again later."
	}
	return "The AI service failed to answer; nothing was saved."
}

// forLog cuts text to the 2000 characters the log fields hold, without API keys or tokens.
func forLog(s string) string {
	return collections.Truncate(redact.Secrets(s), maxLoggedText)
}
