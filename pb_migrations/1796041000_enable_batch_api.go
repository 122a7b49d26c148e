package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// PocketBase's batch API (POST /api/batch) runs up to MaxRequests record
// creates/updates/deletes in one transaction, each under its collection's API
// rules and hooks: the client creates a split with its days and targets, or a
// workout with its muscle ratings, all or nothing (docs/training.md).
// 200 requests fit a 7-day split with 27 targets a day; the body stays small
// (no files), so 1 MB is plenty.
func init() {
	m.Register(func(app core.App) error {
		s := app.Settings()
		s.Batch.Enabled = true
		s.Batch.MaxRequests = 200
		s.Batch.Timeout = 10
		s.Batch.MaxBodySize = 1 << 20
		return app.Save(s)
	}, func(app core.App) error {
		s := app.Settings()
		s.Batch.Enabled = false
		return app.Save(s)
	})
}
