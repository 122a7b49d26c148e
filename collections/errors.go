package collections

import (
	"github.com/pocketbase/pocketbase/core"

	"trackbase/errortype"
)

// ErrorRow is one `error_logs` row; empty fields stay empty.
type ErrorRow struct {
	UserID    string
	Type      errortype.Type
	Message   string
	UserInput string
	Route     string
	Method    string
	Status    int
}

// WriteErrorRow writes a full `error_logs` row.
func WriteErrorRow(app core.App, row ErrorRow) error {
	c, err := app.FindCachedCollectionByNameOrId(ErrorLogs)
	if err != nil {
		return err
	}
	rec := core.NewRecord(c)
	rec.Set("user", row.UserID)
	rec.Set("error_type", string(row.Type))
	rec.Set("error_message", Truncate(row.Message, 2000))
	rec.Set("user_input", Truncate(row.UserInput, 2000))
	rec.Set("route", Truncate(row.Route, 300))
	rec.Set("method", Truncate(row.Method, 10))
	rec.Set("status", row.Status)
	return app.Save(rec)
}

// Truncate cuts s to at most n runes.
func Truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n])
}
