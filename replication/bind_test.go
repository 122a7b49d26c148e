package replication

import (
	"archive/zip"
	"context"
	"database/sql"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	_ "modernc.org/sqlite"

	"trackbase/collections"
	"trackbase/internal/testapp"
)

// rig binds the replication hooks to test apps, replicating to a fresh file
// replica in dir when dir is set; b is the binding of the last app.
type rig struct {
	dir string
	b   *binding
}

func newRig(t testing.TB, replicate bool) *rig {
	g := &rig{}
	if replicate {
		g.dir = t.TempDir()
	}
	return g
}

func (g *rig) bind(app core.App) {
	g.b = &binding{app: app}
	if g.dir != "" {
		g.b.url = "file://" + g.dir
	}
	g.b.bind()
}

// serve starts a test app with the hooks bound and runs its OnServe hooks,
// which start replication; it returns the app's router too.
func (g *rig) serve(t testing.TB) (core.App, *Replicator, http.Handler) {
	app := testapp.New(t, g.bind)
	h := testapp.Handler(t, app)
	return app, g.b.current(), h
}

func weightLog(user string, kg float64) map[string]any {
	return map[string]any{"user": user, "weight": kg, "weight_unit": "kg", "date_time": "2026-12-08 07:00:00.000Z"}
}

// waitReplicated polls the status until the replica holds every commit made so far.
func waitReplicated(t testing.TB, r *Replicator) Status {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		s := r.Status()
		if s.PendingWrites == 0 && s.ReplicaTXID > 0 && s.ReplicaTXID == s.LocalTXID {
			return s
		}
		if time.Now().After(deadline) {
			t.Fatalf("replica did not catch up in 10 s: %+v", s)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestStatusEndpoint(t *testing.T) {
	off := newRig(t, false).bind
	scenarios := []tests.ApiScenario{
		{Name: "anonymous", Method: http.MethodGet, URL: "/api/replication",
			TestAppFactory: testapp.Factory(off), ExpectedStatus: http.StatusUnauthorized,
			ExpectedContent: []string{`"data":{}`}},
		{Name: "plain user", Method: http.MethodGet, URL: "/api/replication", Headers: testapp.Auth("alice"),
			TestAppFactory: testapp.Factory(off), ExpectedStatus: http.StatusForbidden,
			ExpectedContent: []string{"Only admins"}},
		{Name: "guest", Method: http.MethodGet, URL: "/api/replication", Headers: testapp.Auth("gus"),
			TestAppFactory: testapp.Factory(off), ExpectedStatus: http.StatusForbidden,
			ExpectedContent: []string{"Only admins"}},
		{Name: "admin, replication off", Method: http.MethodGet, URL: "/api/replication", Headers: testapp.Auth("carol"),
			TestAppFactory: testapp.Factory(off), ExpectedStatus: http.StatusOK,
			ExpectedContent:    []string{`"data":{"enabled":false,`, `"replicaTxid":0`},
			NotExpectedContent: []string{`"startedAt"`}},
	}
	for _, s := range scenarios {
		s.Test(t)
	}

	on := newRig(t, true)
	scenario := tests.ApiScenario{
		Name: "superuser, replication on", Method: http.MethodGet, URL: "/api/replication", Headers: testapp.Auth("root"),
		TestAppFactory: testapp.Factory(on.bind), ExpectedStatus: http.StatusOK,
		ExpectedContent: []string{`"enabled":true`, `"replica":"file://` + on.dir + `"`, `"errors":0`},
	}
	scenario.Test(t)
}

// Records written through the app are in the replica within the interval, and
// a restore of it holds them.
func TestReplicateAndRestore(t *testing.T) {
	g := newRig(t, true)
	app, r, _ := g.serve(t)

	before := waitReplicated(t, r)
	for i := range 5 {
		testapp.Save(t, app, collections.WeightLogs, weightLog(testapp.ID("alice"), 70+float64(i)))
	}
	after := waitReplicated(t, r)
	if after.ReplicaTXID <= before.ReplicaTXID || after.LagSamples < 5 || after.Errors != 0 {
		t.Fatalf("status after 5 writes: %+v (before: %+v)", after, before)
	}
	if after.LagMaxMs > float64((2*Interval+time.Second)/time.Millisecond) {
		t.Errorf("max lag %.0f ms, want ≤ 2 intervals + 1 s", after.LagMaxMs)
	}

	out := filepath.Join(t.TempDir(), "data.db")
	if err := Restore(context.Background(), g.b.url, out, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if got := restoredIDs(t, out); len(got) != 5 {
		t.Errorf("restored weight_logs: %d rows, want 5", len(got))
	}
}

// A backup taken while replicating leaves Litestream's state out of the zip,
// and the TRUNCATE checkpoint PocketBase ends it with waits for Litestream's
// read transaction (holding the write lock) only backupBusyTimeout.
func TestBackupWhileReplicating(t *testing.T) {
	app, _, _ := newRig(t, true).serve(t)
	for i := range 50 {
		testapp.Save(t, app, collections.WeightLogs, weightLog(testapp.ID("alice"), 60+float64(i)/10))
	}
	time.Sleep(2 * Interval) // the first snapshot and the 50 writes are in the replica

	busyTimeout := func() int {
		var ms int
		if err := app.NonconcurrentDB().NewQuery("PRAGMA busy_timeout").Row(&ms); err != nil {
			t.Fatal(err)
		}
		return ms
	}
	before, during := busyTimeout(), 0
	app.OnBackupCreate().BindFunc(func(e *core.BackupEvent) error { // runs inside ours
		during = busyTimeout()
		return e.Next()
	})

	var (
		wg       sync.WaitGroup
		stop     = make(chan struct{})
		slowest  time.Duration
		failures []error
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		col, _ := app.FindCollectionByNameOrId(collections.WeightLogs)
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
			}
			start := time.Now()
			rec := core.NewRecord(col)
			rec.Load(weightLog(testapp.ID("alice"), 50+float64(i%100)/10))
			if err := app.Save(rec); err != nil {
				failures = append(failures, err)
			}
			slowest = max(slowest, time.Since(start))
		}
	}()
	started := time.Now()
	err := app.CreateBackup(context.Background(), "during.zip")
	took := time.Since(started)
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("backup took %v; slowest concurrent write %v", took, slowest)
	if len(failures) > 0 {
		t.Errorf("%d writes failed during the backup, first: %v", len(failures), failures[0])
	}
	if want := int(backupBusyTimeout.Milliseconds()); during != want || busyTimeout() != before {
		t.Errorf("busy_timeout %d ms before, %d during (want %d), %d after", before, during, want, busyTimeout())
	}

	zr, err := zip.OpenReader(filepath.Join(app.DataDir(), core.LocalBackupsDirName, "during.zip"))
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		if strings.HasPrefix(f.Name, metaDirName) {
			t.Errorf("backup holds Litestream's state: %s", f.Name)
		}
	}
	if !slices.Contains(names, dataDBName) {
		t.Errorf("backup without data.db: %v", names)
	}
}

// With replication on, PocketBase's nightly job leaves data.db's checkpoint to
// Litestream (its TRUNCATE would wait 10 s for Litestream's read transaction
// with the write lock held) and still optimizes and checkpoints auxiliary.db.
func TestNightlyJobLeavesDataDBCheckpointToLitestream(t *testing.T) {
	for _, replicate := range []bool{false, true} {
		app, _, _ := newRig(t, replicate).serve(t)
		var data, aux []string
		record := func(into *[]string) func(context.Context, time.Duration, string, sql.Result, error) {
			return func(_ context.Context, _ time.Duration, q string, _ sql.Result, _ error) { *into = append(*into, q) }
		}
		app.NonconcurrentDB().(*dbx.DB).ExecLogFunc = record(&data)
		app.AuxNonconcurrentDB().(*dbx.DB).ExecLogFunc = record(&aux)
		for _, job := range app.Cron().Jobs() {
			if job.Id() == pbOptimizeJob {
				job.Run()
			}
		}
		wantData := []string{"PRAGMA wal_checkpoint(TRUNCATE)", "PRAGMA optimize"} // PocketBase's own job
		if replicate {
			wantData = []string{"PRAGMA optimize"}
		}
		if !slices.Equal(data, wantData) || !slices.Equal(aux, []string{"PRAGMA wal_checkpoint(TRUNCATE)"}) {
			t.Errorf("replication %v: data.db ran %q (want %q), auxiliary.db %q", replicate, data, wantData, aux)
		}
	}
}
