package replication

import (
	"testing"
	"time"
)

func TestLagTracker(t *testing.T) {
	t0 := time.Date(2026, 12, 8, 1, 0, 0, 0, time.UTC)
	at := func(ms int) time.Time { return t0.Add(time.Duration(ms) * time.Millisecond) }
	tr := newLagTracker()
	for _, ms := range []int{0, 100, 200, 900, 1500} {
		tr.committed(at(ms))
	}
	if s := tr.stats(at(2000)); s.Pending != 5 || s.Current != 2*time.Second || s.Samples != 0 {
		t.Fatalf("before any upload: %+v", s)
	}
	// A file written at 950 ms holds the first four commits; it is seen at 1100 ms.
	tr.replicated(at(950), at(1100))
	s := tr.stats(at(2000))
	want := lagStats{Pending: 1, Current: 500 * time.Millisecond, Samples: 4,
		P50: 900 * time.Millisecond, // lags 1100, 1000, 900, 200 sorted: nearest rank 2 of 4
		P99: 1100 * time.Millisecond, Max: 1100 * time.Millisecond}
	if s != want {
		t.Fatalf("after the first upload: %+v, want %+v", s, want)
	}
	// A file written exactly at a commit holds it.
	tr.replicated(at(1500), at(2300))
	if s := tr.stats(at(2400)); s.Pending != 0 || s.Current != 0 || s.Samples != 5 || s.Max != 1100*time.Millisecond {
		t.Fatalf("after the second upload: %+v", s)
	}
}

func TestLagTrackerKeepsTheLastSamples(t *testing.T) {
	t0 := time.Date(2026, 12, 8, 1, 0, 0, 0, time.UTC)
	tr := newLagTracker()
	// maxSamples commits with a 5 s lag, then maxSamples with 1 s: only the latter count.
	for _, lag := range []time.Duration{5 * time.Second, time.Second} {
		for range maxSamples {
			tr.committed(t0)
		}
		tr.replicated(t0, t0.Add(lag))
	}
	if s := tr.stats(t0); s.Samples != maxSamples || s.P50 != time.Second || s.Max != time.Second {
		t.Fatalf("%+v", s)
	}
}

func TestPercentile(t *testing.T) {
	ds := func(ms ...int) []time.Duration {
		out := make([]time.Duration, len(ms))
		for i, m := range ms {
			out[i] = time.Duration(m) * time.Millisecond
		}
		return out
	}
	for _, c := range []struct {
		sorted []time.Duration
		p      int
		want   time.Duration
	}{
		{ds(7), 50, 7 * time.Millisecond},
		{ds(7), 99, 7 * time.Millisecond},
		{ds(1, 2, 3, 4), 50, 2 * time.Millisecond},    // ceil(0.5×4) = 2nd
		{ds(1, 2, 3, 4), 99, 4 * time.Millisecond},    // ceil(0.99×4) = 4th
		{ds(1, 2, 3, 4, 5), 50, 3 * time.Millisecond}, // ceil(2.5) = 3rd
	} {
		if got := percentile(c.sorted, c.p); got != c.want {
			t.Errorf("p%d of %v = %v, want %v", c.p, c.sorted, got, c.want)
		}
	}
}

func TestNewClient(t *testing.T) {
	for _, c := range []struct {
		url string
		ok  bool
	}{
		{"file:///var/backups/trackbase", true},
		{"s3://bucket/trackbase", true},
		{"s3://bucket/trackbase?endpoint=127.0.0.1:9000&region=eu-west-1", true},
		{"file://backups", false}, // would mean /backups
		{"file:relative/dir", false},
		{"s3:///no-bucket", false},
		{"gs://bucket/path", false},
		{"/var/backups/trackbase", false},
		{"", false},
	} {
		_, err := NewClient(c.url)
		if (err == nil) != c.ok {
			t.Errorf("NewClient(%q): error %v, want ok=%v", c.url, err, c.ok)
		}
	}
}

func TestRedact(t *testing.T) {
	if got := Redact("s3://key:secret@bucket/path?endpoint=x"); got != "s3://key:xxxxx@bucket/path?endpoint=x" {
		t.Errorf("Redact = %q", got)
	}
}
