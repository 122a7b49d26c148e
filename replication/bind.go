package replication

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/benbjohnson/litestream"
	"github.com/pocketbase/pocketbase"
	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"

	"trackbase/collections"
	"trackbase/config"
	"trackbase/routes/common"
	"trackbase/routes/route"
)

const dataDBName = "data.db"

// metaDirName is Litestream's local state next to data.db (transaction files
// not yet uploaded or compacted); NewDB derives it the same way.
const metaDirName = "." + dataDBName + litestream.MetaDirSuffix

// pbOptimizeJob is PocketBase's nightly job that runs
// PRAGMA wal_checkpoint(TRUNCATE) and PRAGMA optimize.
const pbOptimizeJob = "__pbDBOptimize__"

// shutdownTimeout bounds the final upload when the server stops.
const shutdownTimeout = 30 * time.Second

// Register adds `serve --replicate URL`, the `restore` command and
// GET /api/replication, and makes PocketBase's checkpoints, backups and
// restores go along with a running replication. defaultURL (the
// configuration's TRACKBASE_REPLICATE_URL) is what --replicate and --from
// default to.
func Register(app *pocketbase.PocketBase, defaultURL string) {
	b := &binding{app: app}
	// A persistent flag like PocketBase's own --dir: the serve command only
	// exists once app.Start runs. Other commands ignore it.
	app.RootCmd.PersistentFlags().StringVar(&b.url, "replicate", defaultURL,
		"serve: replicate data.db continuously to file:///dir or s3://bucket/path[?endpoint=host:port] (env "+config.ReplicateURLEnv+")")
	app.RootCmd.AddCommand(newRestoreCommand(app, b, defaultURL))
	b.bind()
}

func (b *binding) bind() {
	app := b.app
	app.OnBootstrap().BindFunc(func(e *core.BootstrapEvent) error {
		b.dirHadDatabases = fileExists(filepath.Join(e.App.DataDir(), dataDBName)) ||
			fileExists(filepath.Join(e.App.DataDir(), "auxiliary.db"))
		return e.Next()
	})
	app.OnServe().BindFunc(b.onServe)
	app.OnTerminate().BindFunc(b.onTerminate)
	app.OnModelAfterCreateSuccess().BindFunc(b.onCommit)
	app.OnModelAfterUpdateSuccess().BindFunc(b.onCommit)
	app.OnModelAfterDeleteSuccess().BindFunc(b.onCommit)
	app.OnBackupCreate().BindFunc(b.onBackupCreate)
	app.OnBackupRestore().BindFunc(b.onBackupRestore)
}

type binding struct {
	app             core.App
	url             string
	dirHadDatabases bool // --dir held data.db or auxiliary.db before bootstrap

	mu  sync.Mutex
	rep *Replicator
}

func (b *binding) current() *Replicator {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.rep
}

func (b *binding) swap(r *Replicator) *Replicator {
	b.mu.Lock()
	defer b.mu.Unlock()
	old := b.rep
	b.rep = r
	return old
}

func (b *binding) start() error {
	if b.url == "" {
		return nil
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	r, err := Start(context.Background(), filepath.Join(b.app.DataDir(), dataDBName), b.url, logger)
	if err != nil {
		return err
	}
	b.swap(r)
	return nil
}

// stop uploads what is left and stops replicating.
func (b *binding) stop() {
	r := b.swap(nil)
	if r == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := r.Close(ctx); err != nil {
		b.app.Logger().Error("replication: final upload failed", "error", err.Error())
	}
}

// StatusRoute declares GET /api/replication (admins and superusers); its
// handler is bound by Register.
var StatusRoute = route.Route{Method: http.MethodGet, Path: "/api/replication", Auth: route.Authed, Response: Status{},
	Summary: "The replication status (admins and superusers).", Errors: []int{http.StatusForbidden}}

func (b *binding) onServe(e *core.ServeEvent) error {
	status := StatusRoute
	status.Handler = b.status
	route.Bind(e, []route.Route{status})
	if err := b.start(); err != nil {
		return err
	}
	if b.url != "" {
		// PocketBase's nightly TRUNCATE checkpoint would wait its 10 s busy
		// timeout for Litestream's read transaction, holding the write lock,
		// and then give up. Litestream checkpoints data.db itself (PASSIVE,
		// every minute or 1000 pages), which keeps the WAL small.
		e.App.Cron().MustAdd(pbOptimizeJob, "0 0 * * *", b.optimize)
	}
	return e.Next()
}

// optimize is PocketBase's nightly job without data.db's checkpoint.
func (b *binding) optimize() {
	if _, err := b.app.AuxNonconcurrentDB().NewQuery("PRAGMA wal_checkpoint(TRUNCATE)").Execute(); err != nil {
		b.app.Logger().Warn("replication: nightly auxiliary.db checkpoint", "error", err.Error())
	}
	if _, err := b.app.NonconcurrentDB().NewQuery("PRAGMA optimize").Execute(); err != nil {
		b.app.Logger().Warn("replication: nightly PRAGMA optimize", "error", err.Error())
	}
}

// backupBusyTimeout bounds how long the TRUNCATE checkpoint that ends a
// PocketBase backup waits for Litestream's read transaction (it then gives
// up, as PocketBase allows). The checkpoint holds the write lock while it
// waits, so this is also how long writers stall.
const backupBusyTimeout = 500 * time.Millisecond

func (b *binding) onBackupCreate(e *core.BackupEvent) error {
	// Litestream's state belongs to the live database, not to a copy of it.
	e.Exclude = append(e.Exclude, metaDirName)
	if b.current() == nil {
		return e.Next()
	}
	// PocketBase writes through one connection: shorten its busy timeout for
	// the backup and put PocketBase's back afterwards.
	db := e.App.NonconcurrentDB()
	var previous int
	if err := db.NewQuery("PRAGMA busy_timeout").Row(&previous); err != nil {
		return err
	}
	if _, err := db.NewQuery(fmt.Sprintf("PRAGMA busy_timeout = %d", backupBusyTimeout.Milliseconds())).Execute(); err != nil {
		return err
	}
	defer func() {
		if _, err := db.NewQuery(fmt.Sprintf("PRAGMA busy_timeout = %d", previous)).Execute(); err != nil {
			e.App.Logger().Error("replication: restoring busy_timeout after a backup", "error", err.Error())
		}
	}()
	return e.Next()
}

func (b *binding) onTerminate(e *core.TerminateEvent) error {
	if e.IsRestart {
		// A restart execs a new process inside e.Next(): upload first.
		b.stop()
		return e.Next()
	}
	// Let the server and PocketBase's connections close first: closing
	// Litestream's file handle drops the process's locks on data.db.
	err := e.Next()
	b.stop()
	return err
}

func (b *binding) onCommit(e *core.ModelEvent) error {
	if _, isLog := e.Model.(*core.Log); !isLog { // logs live in auxiliary.db
		if r := b.current(); r != nil {
			r.Committed()
		}
	}
	return e.Next()
}

// onBackupRestore uploads the current database before PocketBase swaps in the
// backup and restarts; the new process replicates the restored database.
// Litestream's state dir moves out with the old data, so it starts afresh,
// finds the replica ahead of the restored database and uploads a snapshot.
func (b *binding) onBackupRestore(e *core.BackupEvent) error {
	if b.current() == nil {
		return e.Next()
	}
	b.stop()
	err := e.Next()
	if err != nil {
		if startErr := b.start(); startErr != nil {
			return errors.Join(err, fmt.Errorf("restarting replication: %w", startErr))
		}
	}
	return err
}

// status: GET /api/replication, for admins and superusers.
func (b *binding) status(e *core.RequestEvent) error {
	switch collections.Role(e.App, e.Auth) {
	case collections.RoleAdmin, collections.RoleSuperuser:
	default:
		return e.ForbiddenError("Only admins can read the replication status.", nil)
	}
	r := b.current()
	if r == nil {
		return common.OK(e, Status{})
	}
	return common.OK(e, r.Status())
}

func newRestoreCommand(app core.App, b *binding, defaultURL string) *cobra.Command {
	var from, timestamp string
	cmd := &cobra.Command{
		Use:          "restore",
		Short:        "Rebuild data.db in a new data dir (--dir) from a replica, latest or at --timestamp",
		Args:         cobra.NoArgs,
		SilenceUsage: true, // the error says what is wrong
		RunE: func(cmd *cobra.Command, _ []string) error {
			if from == "" {
				return fmt.Errorf("--from URL (or %s) is required", config.ReplicateURLEnv)
			}
			var at time.Time
			if timestamp != "" {
				var err error
				if at, err = time.Parse(time.RFC3339, timestamp); err != nil {
					return fmt.Errorf("--timestamp %q: use RFC 3339, e.g. 2026-12-08T01:30:00Z", timestamp)
				}
			}
			dir := app.DataDir()
			if b.dirHadDatabases {
				return fmt.Errorf("%s already holds a database: restore into a new dir", dir)
			}
			// PocketBase bootstrapped --dir before this command ran and created
			// empty databases there; they make way for the restored one.
			if err := app.ResetBootstrapState(); err != nil {
				return err
			}
			for _, name := range []string{dataDBName, "auxiliary.db"} {
				for _, suffix := range []string{"", "-wal", "-shm"} {
					if err := os.Remove(filepath.Join(dir, name+suffix)); err != nil && !os.IsNotExist(err) {
						return err
					}
				}
			}
			started := time.Now()
			if err := Restore(cmd.Context(), from, filepath.Join(dir, dataDBName), at); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "restored %s into %s in %.1f s (quick_check ok); start it with: trackbase serve --dir %s\n",
				Redact(from), dir, time.Since(started).Seconds(), dir)
			return nil
		},
	}
	cmd.Flags().StringVar(&from, "from", defaultURL, "replica URL: file:///dir or s3://bucket/path[?endpoint=host:port] (env "+config.ReplicateURLEnv+")")
	cmd.Flags().StringVar(&timestamp, "timestamp", "", "restore the database as it was at this time (RFC 3339); default: latest")
	return cmd
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
