package replication

import (
	"encoding/json"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"trackbase/collections"
	"trackbase/internal/testapp"
)

// BenchmarkCreate creates weight_logs through the API router (in-process, 16
// concurrent clients) on two test apps side by side, one without and one with
// replication to a file replica, alternating batches of 500 so that both see
// the same machine load. After each replicated batch it waits (untimed) for
// the replica to catch up, so the next batch of the other app does not pay
// for Litestream's work. It reports each app's creates per second, their
// ratio, the process CPU per create (for the replicated app including the
// catch-up), the level-0 replica bytes per create and the commit-to-replica
// lag over the last 10,000 creates.
//
//	go test -run '^$' -bench 'Create$' -benchtime 10x ./replication/
func BenchmarkCreate(b *testing.B) {
	const batch, clients = 500, 16
	type variant struct {
		g       *rig
		r       *Replicator
		h       http.Handler
		took    time.Duration // wall time of the batches
		cpu     time.Duration
		creates int
	}
	off, on := &variant{g: newRig(b, false)}, &variant{g: newRig(b, true)}
	for _, v := range []*variant{off, on} {
		var app core.App
		app, v.r, v.h = v.g.serve(b)
		app.Settings().RateLimits.Enabled = false // clients create as fast as they can
	}
	waitReplicated(b, on.r)
	l0 := filepath.Join(on.g.dir, "ltx", "0")
	before := dirBytes(b, l0)
	b.ResetTimer()
	for range b.N {
		for _, v := range []*variant{off, on} {
			start, cpu := time.Now(), cpuTime()
			var wg sync.WaitGroup
			for c := range clients {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := c; i < batch; i += clients {
						createWeightLog(b, v.h)
					}
				}()
			}
			wg.Wait()
			v.took += time.Since(start)
			if v.r != nil {
				waitReplicated(b, v.r)
			}
			v.cpu += cpuTime() - cpu
			v.creates += batch
		}
	}
	b.StopTimer()
	perSec := func(v *variant) float64 { return float64(v.creates) / v.took.Seconds() }
	b.ReportMetric(perSec(off), "creates/s-off")
	b.ReportMetric(perSec(on), "creates/s-replicated")
	b.ReportMetric(perSec(on)/perSec(off), "ratio")
	b.ReportMetric(float64(off.cpu.Microseconds())/float64(off.creates), "cpu-µs/create-off")
	b.ReportMetric(float64(on.cpu.Microseconds())/float64(on.creates), "cpu-µs/create-replicated")
	b.ReportMetric(float64(dirBytes(b, l0)-before)/float64(on.creates), "replica-B/create")
	s := on.r.Status()
	b.ReportMetric(s.LagP50Ms, "lag-p50-ms")
	b.ReportMetric(s.LagP99Ms, "lag-p99-ms")
}

// BenchmarkLoneCreate is the replica cost of a create that travels alone (a
// quiet server: one create per transaction file; level-0 bytes, compressed)
// and its lag.
//
//	go test -run '^$' -bench LoneCreate -benchtime 10x ./replication/
func BenchmarkLoneCreate(b *testing.B) {
	g := newRig(b, true)
	_, r, h := g.serve(b)
	waitReplicated(b, r)
	l0 := filepath.Join(g.dir, "ltx", "0")
	before := dirBytes(b, l0)
	b.ResetTimer()
	for range b.N {
		createWeightLog(b, h)
		waitReplicated(b, r)
	}
	b.StopTimer()
	s := r.Status()
	b.ReportMetric(float64(dirBytes(b, l0)-before)/float64(b.N), "replica-B/create")
	b.ReportMetric(s.LagP50Ms, "lag-p50-ms")
	b.ReportMetric(s.LagMaxMs, "lag-max-ms")
}

func createWeightLog(b *testing.B, h http.Handler) {
	body, _ := json.Marshal(weightLog(testapp.ID("alice"), 71.5))
	req := httptest.NewRequest(http.MethodPost, "/api/collections/"+collections.WeightLogs+"/records", strings.NewReader(string(body)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", testapp.Token("alice"))
	res := httptest.NewRecorder()
	h.ServeHTTP(res, req)
	if res.Code != http.StatusOK {
		b.Errorf("create: %d %s", res.Code, res.Body) // not Fatal: RunParallel goroutines
	}
}

// dirBytes is the size of the files under dir (0 for no dir).
func dirBytes(b *testing.B, dir string) int64 {
	if dir == "" {
		return 0
	}
	var n int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		n += info.Size()
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return n
}

// cpuTime is the user + system CPU time of this process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
