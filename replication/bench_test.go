package replication

import (
	"encoding/json"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"trackbase/collections"
	"trackbase/internal/testapp"
)

// BenchmarkCreate creates weight_logs through the API router (in-process,
// 16 concurrent clients) without and with replication to a file replica,
// side by side. Besides ns/op it reports the process CPU per create, the
// replica bytes per create (level-0 files, compressed) and, with
// replication, the commit-to-replica lag of the last 10,000 creates.
//
//	go test -run '^$' -bench Create -benchtime 5s ./replication/
func BenchmarkCreate(b *testing.B) {
	for _, replicate := range []bool{false, true} {
		name := "replication=off"
		if replicate {
			name = "replication=file"
		}
		b.Run(name, func(b *testing.B) {
			g := newRig(b, replicate)
			_, r, h := g.serve(b)
			if r != nil {
				waitReplicated(b, r)
			}
			before, cpu := dirBytes(b, g.dir), cpuTime()
			b.SetParallelism(8)
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					createWeightLog(b, h)
				}
			})
			b.StopTimer()
			b.ReportMetric(float64((cpuTime()-cpu).Microseconds())/float64(b.N), "cpu-µs/op")
			if r == nil {
				return
			}
			s := waitReplicated(b, r)
			b.ReportMetric(float64(dirBytes(b, g.dir)-before)/float64(b.N), "replica-B/op")
			b.ReportMetric(s.LagP50Ms, "lag-p50-ms")
			b.ReportMetric(s.LagP99Ms, "lag-p99-ms")
		})
	}
}

// BenchmarkLoneCreate is the replica cost of a create that travels alone (a
// quiet server: one create per transaction file), and its lag.
//
//	go test -run '^$' -bench LoneCreate -benchtime 10x ./replication/
func BenchmarkLoneCreate(b *testing.B) {
	g := newRig(b, true)
	_, r, h := g.serve(b)
	waitReplicated(b, r)
	before := dirBytes(b, g.dir)
	b.ResetTimer()
	for range b.N {
		createWeightLog(b, h)
		waitReplicated(b, r)
	}
	b.StopTimer()
	s := r.Status()
	b.ReportMetric(float64(dirBytes(b, g.dir)-before)/float64(b.N), "replica-B/op")
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
