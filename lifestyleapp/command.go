package lifestyleapp

import (
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"
)

// NewCommand returns `lifestyleapp --db FILE`, a subcommand of `import`.
func NewCommand(app core.App) *cobra.Command {
	var path string
	cmd := &cobra.Command{
		Use:   "lifestyleapp --db FILE",
		Short: "Move every user and row of a LifestyleApp (Django) SQLite database, in one transaction",
		Long: "Move every user and all their rows from the Django original's SQLite database in one\n" +
			"transaction. Running it again creates nothing new. Users keep their passwords: the\n" +
			"Django hash is checked on their first sign-in and then replaced by PocketBase's.\n" +
			"Prints a JSON report: rows created per collection and every row or value not carried.",
		Args:         cobra.NoArgs,
		SilenceUsage: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			start := time.Now()
			rep, err := Import(app, path)
			if err != nil {
				return err
			}
			enc := json.NewEncoder(cmd.OutOrStdout())
			enc.SetIndent("", "  ")
			if err := enc.Encode(rep); err != nil {
				return err
			}
			fmt.Fprintf(os.Stderr, "done in %s: %d rows or values not carried as they were\n",
				time.Since(start).Round(time.Millisecond), len(rep.Skipped)+len(rep.Dropped))
			return nil
		},
	}
	cmd.Flags().StringVar(&path, "db", "", "the LifestyleApp SQLite database (required; opened read-only)")
	cmd.MarkFlagRequired("db")
	return cmd
}
