package main

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// result is one measurement: a request at one concurrency level.
type result struct {
	endpoint    string
	concurrency int
	requests    int
	errors      int
	firstError  string
	elapsed     time.Duration
	p50, p99    time.Duration
	latencies   []time.Duration // sorted
}

func (r result) rps() float64 {
	if r.elapsed <= 0 {
		return 0
	}
	return float64(r.requests) / r.elapsed.Seconds()
}

// request is what a worker sends; built per call so bodies can differ (creates).
type request struct {
	method string
	url    string
	body   []byte
	token  string
}

func send(client *http.Client, r request) (int, []byte, error) {
	var body io.Reader
	if r.body != nil {
		body = bytes.NewReader(r.body)
	}
	req, err := http.NewRequest(r.method, r.url, body)
	if err != nil {
		return 0, nil, err
	}
	if r.body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if r.token != "" {
		req.Header.Set("Authorization", r.token)
	}
	res, err := client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	return res.StatusCode, data, err
}

// measure runs `concurrency` closed-loop workers until both minDuration has passed and
// minRequests have completed, or maxTime has passed. Every non-2xx answer counts as an error.
func measure(client *http.Client, name string, concurrency, warmup, minRequests int, minDuration, maxTime time.Duration, next func(i int) request) result {
	for i := 0; i < warmup; i++ {
		send(client, next(-1-i))
	}

	var (
		mu        sync.Mutex
		latencies []time.Duration
		errors    int
		firstErr  string
		counter   atomic.Int64
		done      atomic.Bool
	)
	start := time.Now()
	var wg sync.WaitGroup
	for w := 0; w < concurrency; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			local := make([]time.Duration, 0, 1024)
			for !done.Load() {
				i := int(counter.Add(1))
				r := next(i)
				t0 := time.Now()
				status, body, err := send(client, r)
				lat := time.Since(t0)
				local = append(local, lat)
				if err != nil || status < 200 || status > 299 {
					mu.Lock()
					errors++
					if firstErr == "" {
						firstErr = fmt.Sprintf("%d %v %.200s", status, err, body)
					}
					mu.Unlock()
				}
				elapsed := time.Since(start)
				if elapsed >= maxTime || (elapsed >= minDuration && int(counter.Load()) >= minRequests) {
					done.Store(true)
				}
			}
			mu.Lock()
			latencies = append(latencies, local...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)

	slices.Sort(latencies)
	return result{
		endpoint:    name,
		concurrency: concurrency,
		requests:    len(latencies),
		errors:      errors,
		firstError:  firstErr,
		elapsed:     elapsed,
		p50:         percentile(latencies, 0.50),
		p99:         percentile(latencies, 0.99),
		latencies:   latencies,
	}
}

// merge combines measurements of the same request taken in several segments.
func merge(parts []result) result {
	if len(parts) == 1 {
		return parts[0]
	}
	out := result{endpoint: parts[0].endpoint, concurrency: parts[0].concurrency}
	for _, p := range parts {
		out.requests += p.requests
		out.errors += p.errors
		out.elapsed += p.elapsed
		out.latencies = append(out.latencies, p.latencies...)
		if out.firstError == "" {
			out.firstError = p.firstError
		}
	}
	slices.Sort(out.latencies)
	out.p50 = percentile(out.latencies, 0.50)
	out.p99 = percentile(out.latencies, 0.99)
	return out
}

// percentile uses the nearest-rank method on sorted latencies.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(float64(len(sorted))*p+0.999999) - 1
	return sorted[max(0, min(rank, len(sorted)-1))]
}
