package ai

import (
	"fmt"
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"trackbase/llm"
	"trackbase/routes/common"
)

const promptInstructions = `You are the assistant of trackbase, a food, training and health
tracker. Answer the user's message briefly and plainly. Give general information only, not
medical advice.`

// prompt forwards a free question to the model and returns its answer.
type promptRequest struct {
	Prompt string `json:"prompt"`
}

func (s *service) prompt(e *core.RequestEvent) error {
	var req promptRequest
	if err := common.ReadJSON(e, &req); err != nil {
		return err
	}
	text := strings.TrimSpace(req.Prompt)
	switch n := len([]rune(text)); {
	case n == 0:
		return common.FieldError(e, "prompt", "prompt is required.")
	case n > maxPromptRunes:
		return common.FieldError(e, "prompt", fmt.Sprintf("prompt must be at most %d characters (it has %d).", maxPromptRunes, n))
	}
	if err := s.requireModel(e); err != nil {
		return err
	}
	release, berr := s.reserve(e)
	if berr != nil {
		return s.fail(e, text, berr)
	}
	defer release()
	res, err := s.client.Chat(e.Request.Context(), llm.ChatRequest{Instructions: promptInstructions, Input: text, MaxTokens: 1500})
	s.recordAttempts(e.App, e.Auth.Id, requestPrompt, text, res.Content, res.Attempts, nil)
	if err != nil {
		return s.fail(e, text, llm.AsError(err))
	}
	return common.OK(e, map[string]any{"response": res.Content, "model": s.cfg.Model, "usage": sumUsage(res.Attempts)})
}
