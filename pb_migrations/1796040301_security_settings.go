package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Security settings (docs/SECURITY.md): PocketBase's rate limiter on, daily
// backups kept for 7 days, request logs kept 30 days for the usage analytics.
// Every value stays editable in the dashboard (Settings).
func init() {
	m.Register(func(app core.App) error {
		s := app.Settings()
		s.RateLimits.Enabled = true
		// Rules count per client IP, except "ai", which hooks/sessions.go
		// counts per signed-in user. For a request the most specific matching
		// label wins ("users:create", then "*:create", then path prefixes).
		s.RateLimits.Rules = []core.RateLimitRule{
			// sign-in: password, OTP and OAuth2 (PocketBase's "auth" tag)
			{Label: "*:auth", MaxRequests: 10, Duration: 60},
			// sign-up
			{Label: "users:create", Audience: core.RateLimitRuleAudienceGuest, MaxRequests: 10, Duration: 60},
			// password change (PATCH with oldPassword) and the mail-sending routes
			{Label: "users:update", MaxRequests: 20, Duration: 60},
			{Label: "*:requestPasswordReset", MaxRequests: 3, Duration: 60},
			{Label: "*:confirmPasswordReset", MaxRequests: 5, Duration: 60},
			{Label: "*:requestVerification", MaxRequests: 3, Duration: 60},
			{Label: "*:requestEmailChange", MaxRequests: 3, Duration: 60},
			{Label: "*:requestOTP", MaxRequests: 3, Duration: 60},
			// AI routes, per user (each call may cost money)
			{Label: "ai", Audience: core.RateLimitRuleAudienceAuth, MaxRequests: 20, Duration: 60},
			// PocketBase's defaults for creates and batches
			{Label: "*:create", MaxRequests: 20, Duration: 5},
			{Label: "/api/batch", MaxRequests: 3, Duration: 1},
			// everything else under /api/
			{Label: "/api/", MaxRequests: 300, Duration: 10},
		}
		s.Backups.Cron = "0 3 * * *"
		s.Backups.CronMaxKeep = 7
		s.Logs.MaxDays = 30
		return app.Save(s)
	}, func(app core.App) error {
		// PocketBase's own defaults
		s := app.Settings()
		s.RateLimits.Enabled = false
		s.Backups.Cron = ""
		s.Backups.CronMaxKeep = 3
		s.Logs.MaxDays = 5
		return app.Save(s)
	})
}
