// Package routes binds every custom endpoint; each feature area is a
// sub-package with its own Register.
package routes

import (
	"github.com/pocketbase/pocketbase/core"
)

// Register binds the custom routes of every feature area.
func Register(app core.App) {
	for _, bind := range []func(core.App){} {
		bind(app)
	}
}
