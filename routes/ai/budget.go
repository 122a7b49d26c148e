package ai

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"trackbase/collections"
	"trackbase/errortype"
	"trackbase/llm"
	"trackbase/routes/common"
)

// budgetWindow is the span TRACKBASE_AI_DAILY_TOKENS applies to: the last 24 hours, rolling,
// so that no profile edit (a time zone whose day just began) moves it.
const budgetWindow = 24 * time.Hour

// reserve takes the user's turn for one model call under the budget and checks the budget;
// the caller makes its call, records its attempts, then calls release. A user's budgeted
// calls run one at a time, so each one sees the tokens of all the calls before it and the
// budget is crossed by one call at most, however many requests arrive together. Without a
// budget nothing waits and release does nothing.
func (s *service) reserve(e *core.RequestEvent) (release func(), ferr *llm.Error) {
	if s.dailyTokens <= 0 {
		return func() {}, nil
	}
	release, err := s.turns.take(e.Request.Context(), e.Auth.Id)
	if err != nil {
		return nil, llm.NewError(errortype.Timeout, "gave up waiting for the user's previous AI call: %v", err)
	}
	if ferr := s.checkBudget(e.App, e.Auth.Id); ferr != nil {
		release()
		return nil, ferr
	}
	return release, nil
}

// checkBudget refuses a call when the user's tokens of the last 24 hours have reached
// TRACKBASE_AI_DAILY_TOKENS, saying when enough of them will have aged out.
func (s *service) checkBudget(app core.App, userID string) *llm.Error {
	now := time.Now()
	since := dbx.NewExp("[[created]] >= {:since}", dbx.Params{"since": common.DBTime(now.Add(-budgetWindow))})
	var used int
	err := app.DB().Select("COALESCE(SUM([[tokens_used]]), 0)").From(collections.APIUsageLogs).
		Where(dbx.HashExp{"user": userID}).AndWhere(since).Row(&used)
	if err != nil {
		return llm.NewError(errortype.Upstream, "cannot read the last 24 hours' token use: %v", err)
	}
	if used < s.dailyTokens {
		return nil
	}
	var rows []struct {
		Created types.DateTime `db:"created"`
		Tokens  int            `db:"tokens_used"`
	}
	err = app.DB().Select("created", "tokens_used").From(collections.APIUsageLogs).
		Where(dbx.HashExp{"user": userID}).AndWhere(since).AndWhere(dbx.NewExp("[[tokens_used]] > 0")).
		OrderBy("created").All(&rows)
	if err != nil {
		return llm.NewError(errortype.Upstream, "cannot read the last 24 hours' token use: %v", err)
	}
	// the oldest calls age out first; once enough have, the user is under the budget again
	freeAt := now.Add(budgetWindow)
	left := used
	for _, r := range rows {
		if left -= r.Tokens; left < s.dailyTokens {
			freeAt = r.Created.Time().Add(budgetWindow)
			break
		}
	}
	return &llm.Error{
		Kind: errortype.BudgetExceeded,
		Message: fmt.Sprintf("Your daily AI budget of %d tokens is spent (%d used in the last 24 hours); it frees up again at %s UTC.",
			s.dailyTokens, used, freeAt.UTC().Format("2006-01-02 15:04")),
		RetryAfter: max(time.Until(freeAt), time.Second),
	}
}

// userTurns lets one request per user at a time hold its turn.
type userTurns struct {
	mu     sync.Mutex
	byUser map[string]*userTurn
}

type userTurn struct {
	held    chan struct{} // holds a value while a request has the turn
	waiting int           // requests holding or waiting for it; the entry goes at 0
}

// take waits for the user's turn, or until ctx ends. release gives the turn to the next
// request; calling it more than once does nothing.
func (u *userTurns) take(ctx context.Context, userID string) (release func(), err error) {
	u.mu.Lock()
	if u.byUser == nil {
		u.byUser = map[string]*userTurn{}
	}
	t := u.byUser[userID]
	if t == nil {
		t = &userTurn{held: make(chan struct{}, 1)}
		u.byUser[userID] = t
	}
	t.waiting++
	u.mu.Unlock()
	leave := func() {
		u.mu.Lock()
		if t.waiting--; t.waiting == 0 {
			delete(u.byUser, userID)
		}
		u.mu.Unlock()
	}
	select {
	case t.held <- struct{}{}:
		return sync.OnceFunc(func() { <-t.held; leave() }), nil
	case <-ctx.Done():
		leave()
		return nil, ctx.Err()
	}
}
