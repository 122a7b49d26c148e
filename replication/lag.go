package replication

import (
	"slices"
	"sync"
	"time"
)

// lagTracker turns commit times and replica positions into replication lag:
// a commit is replicated once the replica holds a transaction file written
// after it, and its lag is the time from the commit to that observation.
type lagTracker struct {
	mu      sync.Mutex
	pending []time.Time     // commit times not yet in the replica, oldest first
	samples []time.Duration // lags of the last len(samples) replicated commits (ring)
	next    int             // ring position of the next sample
	filled  bool            // the ring has wrapped
}

const (
	maxPending = 1 << 20 // a replica that is down for hours must not grow memory without bound
	maxSamples = 10_000
)

func newLagTracker() *lagTracker {
	return &lagTracker{samples: make([]time.Duration, maxSamples)}
}

// committed records a write that SQLite has committed at the given time.
func (t *lagTracker) committed(at time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.pending) >= maxPending {
		return // the oldest ones, which set the current lag, are kept
	}
	t.pending = append(t.pending, at)
}

// replicated marks the commits at or before upTo (the write time of the newest
// transaction file in the replica) as replicated, observed at now.
func (t *lagTracker) replicated(upTo, now time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	n := 0
	for n < len(t.pending) && !t.pending[n].After(upTo) {
		t.samples[t.next] = now.Sub(t.pending[n])
		t.next = (t.next + 1) % len(t.samples)
		t.filled = t.filled || t.next == 0
		n++
	}
	t.pending = slices.Delete(t.pending, 0, n)
}

// lagStats summarises the tracker at one moment.
type lagStats struct {
	Pending int           // commits not yet in the replica
	Current time.Duration // age of the oldest of them (0: the replica is current)
	Samples int           // replicated commits the percentiles are computed over
	P50     time.Duration
	P99     time.Duration
	Max     time.Duration
}

func (t *lagTracker) stats(now time.Time) lagStats {
	t.mu.Lock()
	defer t.mu.Unlock()
	s := lagStats{Pending: len(t.pending)}
	if len(t.pending) > 0 {
		s.Current = now.Sub(t.pending[0])
	}
	n := t.next
	if t.filled {
		n = len(t.samples)
	}
	sorted := slices.Clone(t.samples[:n])
	slices.Sort(sorted)
	s.Samples = n
	if n > 0 {
		s.P50, s.P99, s.Max = percentile(sorted, 50), percentile(sorted, 99), sorted[n-1]
	}
	return s
}

// percentile by the nearest-rank method over an ascending, non-empty slice.
func percentile(sorted []time.Duration, p int) time.Duration {
	rank := (p*len(sorted) + 99) / 100 // ceil(p/100 × n)
	return sorted[max(rank, 1)-1]
}
