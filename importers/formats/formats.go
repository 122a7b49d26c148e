// Package formats lists the import formats by name.
package formats

import (
	"maps"
	"slices"

	"trackbase/importers"
	"trackbase/importers/applehealth"
	"trackbase/importers/cronometer"
	"trackbase/importers/fitnotes"
	"trackbase/importers/googlefit"
	"trackbase/importers/hevy"
	"trackbase/importers/myfitnesspal"
	"trackbase/importers/samsunghealth"
	"trackbase/importers/strong"
	"trackbase/importers/track"
	"trackbase/importers/trackbase"
)

// Parsers maps a format name (the `format` parameter) to its parser.
var Parsers = map[string]importers.Parser{
	"trackbase":      trackbase.Parse,
	"myfitnesspal":   myfitnesspal.Parse,
	"strong":         strong.Parse,
	"hevy":           hevy.Parse,
	"fitnotes":       fitnotes.Parse,
	"gpx":            track.Parse,
	"tcx":            track.Parse,
	"apple_health":   applehealth.Parse,
	"cronometer":     cronometer.Parse,
	"google_fit":     googlefit.Parse,
	"samsung_health": samsunghealth.Parse,
}

// Names are the format names, sorted.
func Names() []string { return slices.Sorted(maps.Keys(Parsers)) }
