package portability

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"

	"trackbase/collections"
	"trackbase/importers/formats"
)

// NewExportCommand returns `export --user NAME --out FILE [--format json|csv]`.
func NewExportCommand(app core.App) *cobra.Command {
	var username, out, format string
	cmd := &cobra.Command{
		Use:          "export",
		Short:        "Write a zip of all of one user's data (what GET /api/export answers)",
		SilenceUsage: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			user, err := findUser(app, username)
			if err != nil {
				return err
			}
			f, err := os.Create(out)
			if err != nil {
				return err
			}
			start := time.Now()
			m, err := Export(app, user, format, f)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				os.Remove(out)
				return err
			}
			rows := 0
			for _, n := range m.Counts {
				rows += n
			}
			fmt.Fprintf(cmd.OutOrStdout(), "exported %d rows of %s to %s in %s\n", rows, username, out, time.Since(start).Round(time.Millisecond))
			return nil
		},
	}
	cmd.Flags().StringVar(&username, "user", "", "username (required)")
	cmd.Flags().StringVar(&out, "out", "", "zip file to write (required)")
	cmd.Flags().StringVar(&format, "format", "json", "json or csv")
	cmd.MarkFlagRequired("user")
	cmd.MarkFlagRequired("out")
	return cmd
}

// NewImportCommand returns `import --user NAME --format F [--dry-run] [--unit kg|lb] FILE`.
// Importers of whole databases (rather than one user's file) are its
// subcommands.
func NewImportCommand(app core.App) *cobra.Command {
	var o Options
	var username string
	cmd := &cobra.Command{
		Use:   "import --user NAME --format FORMAT FILE",
		Short: "Import another app's export file for one user (what POST /api/import does)",
		Long: "Import another app's export file for one user, in one transaction; importing the same\n" +
			"file again creates nothing new. Formats: " + fmt.Sprint(formats.Names()),
		Args:         cobra.ExactArgs(1),
		SilenceUsage: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			user, err := findUser(app, username)
			if err != nil {
				return err
			}
			f, err := os.Open(args[0])
			if err != nil {
				return err
			}
			defer f.Close()
			st, err := f.Stat()
			if err != nil {
				return err
			}
			start := time.Now()
			// progress goes to the process's stderr: PocketBase's root command discards the command's own
			o.Progress = func(n int) {
				fmt.Fprintf(os.Stderr, "\r%d rows read (%.0f rows/s)", n, float64(n)/time.Since(start).Seconds())
			}
			res, err := Import(app, user, f, st.Size(), o)
			fmt.Fprintln(os.Stderr)
			var bad ErrInput
			if err != nil && !errors.As(err, &bad) {
				return err
			}
			enc := json.NewEncoder(cmd.OutOrStdout())
			enc.SetIndent("", "  ")
			if eerr := enc.Encode(res); eerr != nil {
				return eerr
			}
			fmt.Fprintf(os.Stderr, "done in %s\n", time.Since(start).Round(time.Millisecond))
			return err
		},
	}
	cmd.Flags().StringVar(&username, "user", "", "username (required)")
	cmd.Flags().StringVar(&o.Format, "format", "", "file format (required)")
	cmd.Flags().BoolVar(&o.DryRun, "dry-run", false, "answer what would be created; write nothing")
	cmd.Flags().StringVar(&o.Unit, "unit", "", "kg or lb for weights the file gives no unit for (default: the user's preference)")
	cmd.MarkFlagRequired("user")
	cmd.MarkFlagRequired("format")
	return cmd
}

func findUser(app core.App, username string) (*core.Record, error) {
	user, err := app.FindFirstRecordByFilter(collections.Users, "username = {:u}", map[string]any{"u": username})
	if err != nil {
		return nil, fmt.Errorf("no user %q", username)
	}
	return user, nil
}
