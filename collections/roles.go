package collections

import (
	"github.com/pocketbase/pocketbase/core"
)

const roleCacheKey = "trackbase.roleNames"

// Role is the caller's role: "superuser" for dashboard superusers, else the
// role_name of the user's access level. A user without one is a guest, so a
// missing row never grants write access.
func Role(app core.App, auth *core.Record) string {
	if auth == nil {
		return ""
	}
	if auth.IsSuperuser() {
		return RoleSuperuser
	}
	if auth.Collection().Name != Users {
		return RoleGuest
	}
	if role, ok := roleNames(app)[auth.GetString("access_level")]; ok {
		return role
	}
	return RoleGuest
}

// AccessLevelID returns the id of the access level with the given role name.
func AccessLevelID(app core.App, role string) (string, error) {
	rec, err := app.FindFirstRecordByData(AccessLevels, "role_name", role)
	if err != nil {
		return "", err
	}
	return rec.Id, nil
}

// roleNames maps access level ids to role names; the three rows are cached in
// the app store and dropped whenever an access level changes (see hooks).
func roleNames(app core.App) map[string]string {
	if m, ok := app.Store().Get(roleCacheKey).(map[string]string); ok {
		return m
	}
	rows := []struct {
		ID   string `db:"id"`
		Role string `db:"role_name"`
	}{}
	m := map[string]string{}
	if err := app.DB().Select("id", "role_name").From(AccessLevels).All(&rows); err == nil {
		for _, r := range rows {
			m[r.ID] = r.Role
		}
		app.Store().Set(roleCacheKey, m)
	}
	return m
}

// ForgetRoles drops the cached access levels.
func ForgetRoles(app core.App) { app.Store().Remove(roleCacheKey) }
