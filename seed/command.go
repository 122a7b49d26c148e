package seed

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"
)

// NewCommand returns the `seed` command.
func NewCommand(app core.App) *cobra.Command {
	var f struct {
		required, dummy, full, clear, reset, resetFull, yes, ifEmpty bool
		seed                                                         uint64
		days, users                                                  int
	}
	cmd := &cobra.Command{
		Use:   "seed",
		Short: "Set the database up: reference data, demo data, clearing",
		Long: `Seed the database. Exactly one of:
  --required    reference data (access levels, activity levels, units, muscles); idempotent
  --dummy       the demo users john_doe/testpass123 and jane_smith/testpass456 with --days of data,
                plus --users N synthetic users; replaces the previous demo data
  --full        --required and --dummy
  --clear       delete every user and all user data; keep reference data (asks first)
  --reset       the same as --clear
  --reset-full  --clear, then --full (asks first)
Every run is one transaction: a failure changes nothing.`,
		SilenceUsage: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			chosen := 0
			for _, b := range []bool{f.required, f.dummy, f.full, f.clear, f.reset, f.resetFull} {
				if b {
					chosen++
				}
			}
			if chosen != 1 {
				return errors.New("choose exactly one of --required, --dummy, --full, --clear, --reset, --reset-full")
			}
			if f.days < 1 || f.days > 3660 {
				return errors.New("--days must be between 1 and 3660")
			}
			if f.users < 0 {
				return errors.New("--users must not be negative")
			}
			o := Options{
				Clear:    f.clear || f.reset || f.resetFull,
				Required: f.required || f.full || f.resetFull,
				Dummy:    f.dummy || f.full || f.resetFull,
				Seed:     f.seed, Days: f.days, Users: f.users,
				Out: cmd.OutOrStdout(),
			}
			if o.Clear && !f.yes {
				if err := confirm(cmd.InOrStdin(), cmd.OutOrStdout()); err != nil {
					return err
				}
			}
			if err := app.Bootstrap(); err != nil {
				return err
			}
			if err := app.RunAllMigrations(); err != nil {
				return err
			}
			if f.ifEmpty {
				if n, err := app.CountRecords("users"); err != nil || n > 0 {
					fmt.Fprintf(cmd.OutOrStdout(), "the database already has %d users; nothing to seed\n", n)
					return err
				}
			}
			rep, err := Run(app, o)
			if err != nil {
				return fmt.Errorf("seed failed, nothing was changed: %w", err)
			}
			if rep.Cleared > 0 || len(rep.Rows) > 0 {
				rep.Print(cmd.OutOrStdout())
			}
			if o.Dummy {
				fmt.Fprintln(cmd.OutOrStdout(), "demo logins: john_doe / testpass123, jane_smith / testpass456")
			}
			fmt.Fprintln(cmd.OutOrStdout(), "done")
			return nil
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&f.required, "required", false, "insert the reference data")
	fl.BoolVar(&f.dummy, "dummy", false, "generate the demo data")
	fl.BoolVar(&f.full, "full", false, "--required and --dummy")
	fl.BoolVar(&f.clear, "clear", false, "delete every user and all user data, keep reference data")
	fl.BoolVar(&f.reset, "reset", false, "the same as --clear")
	fl.BoolVar(&f.resetFull, "reset-full", false, "--clear, then --full")
	fl.BoolVar(&f.yes, "yes", false, "do not ask before deleting")
	fl.BoolVar(&f.ifEmpty, "if-empty", false, "do nothing when the database already has users (used by make run)")
	fl.Uint64Var(&f.seed, "seed", 42, "random seed: the same seed gives the same rows")
	fl.IntVar(&f.days, "days", 180, "days of history for --dummy")
	fl.IntVar(&f.users, "users", 0, "synthetic users to add with --dummy (for load tests)")
	return cmd
}

// confirm asks for "yes" on a terminal and refuses without one, so a
// script never deletes data by accident.
func confirm(in io.Reader, out io.Writer) error {
	if file, ok := in.(*os.File); !ok || !isTerminal(file) {
		return errors.New("refusing to delete data without a terminal to confirm on; pass --yes to proceed")
	}
	fmt.Fprint(out, "This deletes every user and all their data. Type yes to continue: ")
	answer, _ := bufio.NewReader(in).ReadString('\n')
	if strings.TrimSpace(strings.ToLower(answer)) != "yes" {
		return errors.New("not confirmed; nothing was changed")
	}
	return nil
}

func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
