package main

import (
	"fmt"
	"os/exec"
	"runtime"
	"strings"
	"time"
)

// Targets the default suite must meet.
const (
	customP50Target   = 5 * time.Millisecond // custom endpoints, p50 at concurrency 16
	baselineTolerance = 1.10                 // our CRUD vs PocketBase's, p50 ratio
	growthTolerance   = 1.5                  // 1000 users vs 10 users, p50 ratio
)

type report struct {
	cfg          config
	large, small *dataset
	started      time.Time
}

func newReport(cfg config) *report { return &report{cfg: cfg, started: time.Now()} }

func gitCommit() string {
	out, err := exec.Command("git", "-C", repoRoot(), "rev-parse", "--short", "HEAD").Output()
	if err != nil {
		return "unknown"
	}
	return strings.TrimSpace(string(out))
}

func ratio(a, b float64) string {
	if b == 0 || a == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f", a/b)
}

func (r *report) markdown() string {
	var b strings.Builder
	cfg := r.cfg
	fmt.Fprintf(&b, "# trackbase benchmark\n\n")
	fmt.Fprintf(&b, "Run %s, commit %s, %d CPU cores shared by the load generator and the server, %s.\n\n",
		r.started.UTC().Format("2006-01-02 15:04 MST"), gitCommit(), runtime.NumCPU(), runtime.Version())
	source := fmt.Sprintf("`trackbase seed --full --users %d --days %d`", r.large.users, cfg.days)
	if cfg.fromDir != "" {
		source += " (a copy made earlier by that command)"
	}
	fmt.Fprintf(&b, "Data: %s: %d users, %d weight_logs, %d food_logs, %d workout_logs; data.db %.0f MB. ",
		source, r.large.rows["users"], r.large.rows["weight_logs"], r.large.rows["food_logs"],
		r.large.rows["workout_logs"], float64(r.large.dbBytes)/1e6)
	if cfg.heavyDays > 0 {
		fmt.Fprintf(&b, "Measured user: `%s`, %d days of history written through the API (`-heavy-days`). ", r.large.measured, cfg.heavyDays)
	} else {
		fmt.Fprintf(&b, "Measured user: `%s` (%d days of seeded history). ", r.large.measured, cfg.days)
	}
	if r.small != nil {
		fmt.Fprintf(&b, "Growth comparison: the same seed with `--users %d` (%d users).", r.small.users, r.small.rows["users"])
	}
	fmt.Fprintf(&b, "\n\nEach cell: closed loop at the given concurrency over keep-alive connections, at least %s and %d requests (each segment at most %s), after %d warm-up requests. "+
		"Each comparison runs as a mirrored pair (ours, other, other, ours; half the time each) and its ratio uses the ours of its own pair; the main figures merge every segment of ours. "+
		"PocketBase's rate limiter is turned off in the bench's data dirs (one client address would otherwise get 429s). "+
		"Baseline: `%s`, a copy of `weight_logs` made through the superuser collections API with the same fields, indexes and rows and the owner-only rules of a plain PocketBase app (`user = @request.auth.id`; weight_logs also lets admins read every row): it passes through trackbase's global middlewares (token revocation check, body limit, error tracker) but none of its record hooks.\n\n",
		cfg.duration, cfg.minRequests, cfg.maxTime, cfg.warmup, baselineCollection)

	large := fmt.Sprintf("%d users", r.large.users)
	b.WriteString("| request | conc. | req/s | p50 ms | p99 ms | errors |")
	if cfg.baseline {
		b.WriteString(" baseline req/s | baseline p50 ms | p50 ours/baseline |")
	}
	if r.small != nil {
		fmt.Fprintf(&b, " p50 ms, %d users | p50 %s / %d users |", r.small.users, large, r.small.users)
	}
	b.WriteString("\n|---|---|---|---|---|---|")
	if cfg.baseline {
		b.WriteString("---|---|---|")
	}
	if r.small != nil {
		b.WriteString("---|---|")
	}
	b.WriteString("\n")

	var verdicts []string
	selected, _ := selectEndpoints(cfg.endpoints)
	for _, ep := range selected {
		for _, c := range cfg.concurrency {
			res, ok := r.large.results[resultKey(ep.name, c, roleOurs)]
			if !ok {
				continue
			}
			fmt.Fprintf(&b, "| %s | %d | %.0f | %.2f | %.2f | %d |", ep.name, c, res.rps(), ms(res.p50), ms(res.p99), res.errors)
			if base, ok := r.large.results[resultKey(ep.name, c, roleBaseline)]; ok {
				pairOurs := r.large.results[resultKey(ep.name, c, roleOursBaseline)]
				rt := ratio(ms(pairOurs.p50), ms(base.p50))
				fmt.Fprintf(&b, " %.0f | %.2f | %s |", base.rps(), ms(base.p50), rt)
				verdicts = append(verdicts, verdict(fmt.Sprintf("%s, c=%d: p50 ours/baseline %s", ep.name, c, rt),
					ms(base.p50) > 0 && ms(pairOurs.p50)/ms(base.p50) <= baselineTolerance))
			} else if cfg.baseline {
				b.WriteString(" | | |")
			}
			if r.small != nil {
				if small, ok := r.small.results[resultKey(ep.name, c, roleSmall)]; ok {
					pairOurs := r.large.results[resultKey(ep.name, c, roleOursSmall)]
					rt := ratio(ms(pairOurs.p50), ms(small.p50))
					fmt.Fprintf(&b, " %.2f | %s |", ms(small.p50), rt)
					verdicts = append(verdicts, verdict(fmt.Sprintf("%s, c=%d: p50 %s / %d users %s", ep.name, c, large, r.small.users, rt),
						ms(small.p50) > 0 && ms(pairOurs.p50)/ms(small.p50) <= growthTolerance))
				} else {
					b.WriteString(" | |")
				}
			}
			b.WriteString("\n")
			if strings.HasPrefix(ep.name, "GET /api/") || strings.HasPrefix(ep.name, "POST /api/") {
				if c == 16 {
					verdicts = append(verdicts, verdict(fmt.Sprintf("%s, c=16: p50 %.2f ms (target ≤ %s)", ep.name, ms(res.p50), customP50Target),
						res.errors == 0 && res.p50 <= customP50Target))
				}
			}
			if res.errors > 0 {
				verdicts = append(verdicts, verdict(fmt.Sprintf("%s, c=%d: %d errors, first: `%s`", ep.name, c, res.errors, res.firstError), false))
			}
		}
	}

	fmt.Fprintf(&b, "\nTargets (custom endpoints p50 ≤ 5 ms at concurrency 16; CRUD list/create p50 within 10 %% of the baseline; p50 with %s ≤ 1.5 × with fewer users):\n\n", large)
	for _, v := range verdicts {
		fmt.Fprintf(&b, "- %s\n", v)
	}
	return b.String()
}

func verdict(text string, ok bool) string {
	if ok {
		return "met: " + text
	}
	return "**missed**: " + text
}
