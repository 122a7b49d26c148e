// Package replication streams data.db to a file or S3 replica with
// Litestream's library and restores it from there, latest or at a point in
// time. The Litestream DB holds a long read transaction on data.db and runs
// the WAL checkpoints itself; bind.go makes PocketBase's own checkpoints,
// backups and restores go along with that.
package replication

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/benbjohnson/litestream"
	"github.com/benbjohnson/litestream/file" // also registers file:// replica URLs
	_ "github.com/benbjohnson/litestream/s3" // registers s3:// replica URLs
	"github.com/superfly/ltx"
)

// Interval is how often Litestream reads new WAL frames into a transaction
// file and how often it uploads those files: a write acknowledged more than
// 2 × Interval (plus one upload) before a crash is in the replica.
const Interval = time.Second

// pollInterval is how often the replica position is read for the lag figures.
const pollInterval = 50 * time.Millisecond

// NewClient returns the Litestream replica client of a replica URL:
// file:///absolute/dir, or s3://bucket/path with optional ?endpoint=host:port
// for S3-compatible servers (credentials from AWS_ACCESS_KEY_ID and
// AWS_SECRET_ACCESS_KEY, region from ?region= or us-east-1).
func NewClient(rawURL string) (litestream.ReplicaClient, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("replica URL: %w", err)
	}
	switch u.Scheme {
	case "file":
		// file://dir would silently mean /dir.
		if u.Host != "" || !filepath.IsAbs(u.Path) {
			return nil, fmt.Errorf("replica URL %q: use file:///absolute/path", rawURL)
		}
	case "s3":
		if u.Host == "" {
			return nil, fmt.Errorf("replica URL %q: the bucket is missing (s3://bucket/path)", rawURL)
		}
	default:
		return nil, fmt.Errorf("replica URL %q: the scheme must be file or s3", rawURL)
	}
	return litestream.NewReplicaClientFromURL(rawURL)
}

// Redact hides credentials a URL may carry, for logs and the status endpoint.
func Redact(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "(unparsable URL)"
	}
	return u.Redacted()
}

// Replicator replicates one SQLite database continuously.
type Replicator struct {
	url    string
	db     *litestream.DB
	store  *litestream.Store
	lag    *lagTracker
	errs   *errorRecorder
	logger *slog.Logger
	cancel context.CancelFunc
	done   chan struct{}

	mu           sync.Mutex
	replicaTXID  ltx.TXID  // newest transaction file known to be in the replica
	replicatedAt time.Time // when that file was written locally
	started      time.Time
}

// Start replicates the database at dbPath to rawURL until Close. Litestream's
// own log lines (and errors, which also show in Status) go to logger.
func Start(ctx context.Context, dbPath, rawURL string, logger *slog.Logger) (*Replicator, error) {
	client, err := NewClient(rawURL)
	if err != nil {
		return nil, err
	}
	errs := &errorRecorder{}
	logger = slog.New(errs.wrap(logger.Handler())).With("replica", Redact(rawURL))

	db := litestream.NewDB(dbPath)
	db.MonitorInterval = Interval
	replica := litestream.NewReplicaWithClient(db, client)
	replica.SyncInterval = Interval
	db.Replica = replica
	if fc, ok := client.(*file.ReplicaClient); ok {
		fc.Replica = replica // new replica files take data.db's owner and mode
	}

	store := litestream.NewStore([]*litestream.DB{db}, litestream.DefaultCompactionLevels)
	store.Logger = logger
	db.SetLogger(logger)
	if err := store.Open(ctx); err != nil {
		return nil, fmt.Errorf("start replication: %w", err)
	}

	pollCtx, cancel := context.WithCancel(context.Background())
	r := &Replicator{
		url: rawURL, db: db, store: store, lag: newLagTracker(), errs: errs, logger: logger,
		cancel: cancel, done: make(chan struct{}), started: time.Now(),
	}
	go r.poll(pollCtx)
	logger.Info("replication started", "db", dbPath, "interval", Interval.String())
	return r, nil
}

// Committed records that a write was committed now, for the lag figures.
func (r *Replicator) Committed() { r.lag.committed(time.Now()) }

// Close uploads what is left and stops. Call it only when the application's
// own connections to the database are closed or about to be: Litestream's
// file handle closes with it, and with it the process's POSIX locks.
func (r *Replicator) Close(ctx context.Context) error {
	r.cancel()
	<-r.done
	err := r.store.Close(ctx)
	r.logger.Info("replication stopped", "replica_txid", r.Status().ReplicaTXID, "error", errString(err))
	return err
}

// poll follows the replica position: the lag figures and a status log line.
func (r *Replicator) poll(ctx context.Context) {
	defer close(r.done)
	tick := time.NewTicker(pollInterval)
	defer tick.Stop()
	lastLog := time.Now()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-tick.C:
			r.observe(now)
			if now.Sub(lastLog) >= time.Minute {
				lastLog = now
				r.logStatus()
			}
		}
	}
}

func (r *Replicator) observe(now time.Time) {
	pos := r.db.Replica.Pos()
	r.mu.Lock()
	known := r.replicaTXID
	r.mu.Unlock()
	if pos.TXID <= known {
		return
	}
	written, err := ltxTimestamp(r.db.LTXPath(0, pos.TXID, pos.TXID))
	if err != nil {
		return // compacted away already; the next position will do
	}
	r.lag.replicated(written, now)
	r.mu.Lock()
	r.replicaTXID, r.replicatedAt = pos.TXID, written
	r.mu.Unlock()
}

// ltxTimestamp is the time a transaction file was written: it holds every
// WAL frame committed before then.
func ltxTimestamp(path string) (time.Time, error) {
	f, err := os.Open(path)
	if err != nil {
		return time.Time{}, err
	}
	defer f.Close()
	dec := ltx.NewDecoder(f)
	if err := dec.DecodeHeader(); err != nil {
		return time.Time{}, err
	}
	return time.UnixMilli(dec.Header().Timestamp), nil
}

func (r *Replicator) logStatus() {
	s := r.Status()
	r.logger.Info("replication status",
		"local_txid", s.LocalTXID, "replica_txid", s.ReplicaTXID,
		"lag_ms", s.LagMs, "pending_writes", s.PendingWrites,
		"lag_p50_ms", s.LagP50Ms, "lag_p99_ms", s.LagP99Ms, "last_error", s.LastError)
}

// Status is what GET /api/replication answers.
type Status struct {
	Enabled bool   `json:"enabled"`
	Replica string `json:"replica,omitempty"`
	// Newest transaction in data.db's WAL as Litestream has read it, and the
	// newest one in the replica.
	LocalTXID   uint64 `json:"localTxid"`
	ReplicaTXID uint64 `json:"replicaTxid"`
	// When the newest replicated transaction was read from the WAL.
	ReplicatedAt *time.Time `json:"replicatedAt,omitempty"`
	// Writes committed but not yet in the replica, and the age of the oldest
	// (records saved through PocketBase; SQL run directly is replicated too
	// but not counted here).
	PendingWrites int     `json:"pendingWrites"`
	LagMs         float64 `json:"lagMs"`
	// Commit-to-replica lag over the last LagSamples replicated writes.
	LagSamples int     `json:"lagSamples"`
	LagP50Ms   float64 `json:"lagP50Ms"`
	LagP99Ms   float64 `json:"lagP99Ms"`
	LagMaxMs   float64 `json:"lagMaxMs"`
	Errors     int     `json:"errors"`
	LastError  string  `json:"lastError,omitempty"`
	// When LastError was logged.
	LastErrorAt *time.Time `json:"lastErrorAt,omitempty"`
	StartedAt   *time.Time `json:"startedAt,omitempty"`
}

// Status reports the replication position, lag and errors.
func (r *Replicator) Status() Status {
	now := time.Now()
	s := Status{Enabled: true, Replica: Redact(r.url)}
	if pos, err := r.db.Pos(); err == nil {
		s.LocalTXID = uint64(pos.TXID)
	}
	r.mu.Lock()
	started := r.started.UTC()
	s.ReplicaTXID, s.StartedAt = uint64(r.replicaTXID), &started
	if !r.replicatedAt.IsZero() {
		at := r.replicatedAt.UTC()
		s.ReplicatedAt = &at
	}
	r.mu.Unlock()
	l := r.lag.stats(now)
	s.PendingWrites, s.LagMs = l.Pending, ms(l.Current)
	s.LagSamples, s.LagP50Ms, s.LagP99Ms, s.LagMaxMs = l.Samples, ms(l.P50), ms(l.P99), ms(l.Max)
	s.Errors, s.LastError, s.LastErrorAt = r.errs.last()
	return s
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// Restore writes the replica's database, latest or as of at (zero: latest),
// to outputPath, which must not exist, and runs PRAGMA quick_check on it (a
// full integrity_check of a 2.7 GB database takes minutes more).
func Restore(ctx context.Context, rawURL, outputPath string, at time.Time) error {
	client, err := NewClient(rawURL)
	if err != nil {
		return err
	}
	if err := client.Init(ctx); err != nil {
		return fmt.Errorf("replica %s: %w", Redact(rawURL), err)
	}
	replica := litestream.NewReplicaWithClient(nil, client)
	opt := litestream.NewRestoreOptions()
	opt.OutputPath = outputPath
	opt.Timestamp = at
	opt.IntegrityCheck = litestream.IntegrityCheckQuick
	err = replica.Restore(ctx, opt)
	if errors.Is(err, litestream.ErrTxNotAvailable) || errors.Is(err, litestream.ErrNoSnapshots) {
		when := "at all"
		if !at.IsZero() {
			when = "as of " + at.UTC().Format(time.RFC3339)
		}
		return fmt.Errorf("replica %s holds no database %s: %w", Redact(rawURL), when, err)
	}
	return err
}

// errorRecorder keeps the count and the last of the error records logged
// through it.
type errorRecorder struct {
	mu   sync.Mutex
	n    int
	msg  string
	when time.Time
}

func (e *errorRecorder) last() (int, string, *time.Time) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.n == 0 {
		return 0, "", nil
	}
	at := e.when.UTC()
	return e.n, e.msg, &at
}

func (e *errorRecorder) wrap(h slog.Handler) slog.Handler { return &recordingHandler{h, e} }

type recordingHandler struct {
	slog.Handler
	rec *errorRecorder
}

func (h *recordingHandler) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= slog.LevelError || h.Handler.Enabled(ctx, l)
}

func (h *recordingHandler) Handle(ctx context.Context, r slog.Record) error {
	if r.Level >= slog.LevelError {
		msg := r.Message
		r.Attrs(func(a slog.Attr) bool {
			if a.Key == "error" {
				msg += ": " + a.Value.String()
			}
			return true
		})
		h.rec.mu.Lock()
		h.rec.n, h.rec.msg, h.rec.when = h.rec.n+1, msg, r.Time
		h.rec.mu.Unlock()
	}
	if !h.Handler.Enabled(ctx, r.Level) {
		return nil
	}
	return h.Handler.Handle(ctx, r)
}

func (h *recordingHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return &recordingHandler{h.Handler.WithAttrs(as), h.rec}
}

func (h *recordingHandler) WithGroup(name string) slog.Handler {
	return &recordingHandler{h.Handler.WithGroup(name), h.rec}
}
