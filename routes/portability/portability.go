// Package portability serves a user's export and import: GET /api/export
// streams a zip of all their rows, POST /api/import reads another app's
// export file (see docs/IMPORT.md). The work is done by the portability
// package, which the CLI shares.
package portability

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"

	"trackbase/portability"
	"trackbase/routes/common"
	"trackbase/routes/route"
)

// Routes are the export and import endpoints.
func Routes() []route.Route {
	return []route.Route{
		{Method: http.MethodGet, Path: "/api/export", Auth: route.User, Handler: export, ContentType: "application/zip",
			Query:   []route.Param{{Name: "format", Type: route.String, Enum: portability.ExportFormats, Default: "json"}},
			Summary: "A zip of all the caller's rows.", Errors: route.BadRequest},
		{Method: http.MethodPost, Path: "/api/import", Auth: route.Writer, Handler: importFile,
			Middlewares: []*hook.Handler[*core.RequestEvent]{apis.BodyLimit(portability.MaxFileBytes + 1<<20)},
			Multipart:   []string{"file"},
			Query: []route.Param{
				{Name: "format", Type: route.String, Description: "The file's app; default detected."},
				{Name: "dry_run", Type: route.Boolean, Default: false},
				{Name: "unit", Type: route.String, Description: "Weight unit of files that do not name one."},
			},
			Summary: "Import another app's export file (docs/IMPORT.md).", Errors: []int{http.StatusBadRequest, http.StatusRequestEntityTooLarge}},
	}
}

func export(e *core.RequestEvent) error {
	format := e.Request.URL.Query().Get("format")
	if format == "" {
		format = "json"
	}
	if !slices.Contains(portability.ExportFormats, format) {
		return common.FieldError(e, "format", "format must be json or csv.")
	}
	name := "trackbase-export-" + e.Auth.GetString("username") + "-" + time.Now().UTC().Format("2006-01-02") + "-" + format + ".zip"
	e.Response.Header().Set("Content-Type", "application/zip")
	e.Response.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	if _, err := portability.Export(e.App, e.Auth, format, e.Response); err != nil {
		// the status line is already sent: the cut archive fails to open,
		// and the error is logged
		e.App.Logger().Error("export failed", "user", e.Auth.Id, "error", err)
	}
	return nil
}

func importFile(e *core.RequestEvent) error {
	q := e.Request.URL.Query()
	dryRun := false
	if raw := q.Get("dry_run"); raw != "" {
		var err error
		if dryRun, err = strconv.ParseBool(raw); err != nil {
			return common.FieldError(e, "dry_run", "dry_run must be true or false.")
		}
	}
	if err := e.Request.ParseMultipartForm(8 << 20); err != nil {
		return common.FieldError(e, "file", "Send the file as multipart form field `file` (at most 100 MB).")
	}
	defer e.Request.MultipartForm.RemoveAll()
	file, head, err := e.Request.FormFile("file")
	if err != nil {
		return common.FieldError(e, "file", "Send the file as multipart form field `file`.")
	}
	defer file.Close()
	res, err := portability.Import(e.App, e.Auth, file, head.Size, portability.Options{
		Format: q.Get("format"), DryRun: dryRun, Unit: q.Get("unit"),
	})
	var bad portability.ErrInput
	if errors.As(err, &bad) {
		return e.JSON(http.StatusBadRequest, map[string]any{
			"status": http.StatusBadRequest, "message": bad.Why, "data": res,
		})
	}
	if err != nil {
		return err
	}
	return common.OK(e, res)
}
