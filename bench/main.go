// Command bench is trackbase's load generator. It seeds a temporary data dir, serves it with the
// real binary on a free loopback port, and measures requests per second, p50 and p99 latency of a
// list of requests at a few concurrency levels. In the same run it compares the weight_logs list
// and create with a copy of that collection that has no custom hooks (the PocketBase baseline),
// and the per-user requests with a small user count against the full one. It prints one markdown
// table and writes it to -out.
//
//	go run ./bench                                  # the default suite (make bench)
//	go run ./bench -endpoints all -heavy-days 1825  # every custom endpoint, measured user with 5 years
//
// Endpoints are the table in endpoints.go; add a row to measure one more.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

type config struct {
	bin         string
	users       int
	days        int
	smallUsers  int
	heavyDays   int
	endpoints   string
	concurrency []int
	duration    time.Duration
	minRequests int
	maxTime     time.Duration
	warmup      int
	baseline    bool
	out         string
	keep        bool
	cacheDir    string
	fromDir     string
}

func parseFlags() config {
	var c config
	var conc string
	flag.StringVar(&c.bin, "bin", "", "trackbase binary to run (default: build one from the repo into the temp dir)")
	flag.IntVar(&c.users, "users", 1000, "synthetic users seeded besides the guide's two (seed --users)")
	flag.IntVar(&c.days, "days", 365, "days of history seeded per user (seed --days)")
	flag.IntVar(&c.smallUsers, "small-users", 10, "user count of the second dataset for the growth ratio (0 skips it)")
	flag.IntVar(&c.heavyDays, "heavy-days", 0, "measure a user given this many days of history through the API (e.g. 1825: 5 years) instead of john_doe; 0: john_doe with -days")
	flag.StringVar(&c.endpoints, "endpoints", "default", "requests to measure: comma-separated names or groups (default, health, workouts, account, all); -list shows them")
	flag.StringVar(&conc, "concurrency", "1,16", "comma-separated concurrency levels")
	flag.DurationVar(&c.duration, "duration", 3*time.Second, "minimum measuring time per request and concurrency")
	flag.IntVar(&c.minRequests, "min-requests", 200, "minimum requests per measurement (bounded by -max-time)")
	flag.DurationVar(&c.maxTime, "max-time", 20*time.Second, "hard limit of one measurement")
	flag.IntVar(&c.warmup, "warmup", 20, "requests sent before each measurement, not counted")
	flag.BoolVar(&c.baseline, "baseline", true, "compare weight_logs list/create with a hook-free copy of the collection")
	flag.StringVar(&c.out, "out", filepath.Join(repoRoot(), "bench", "results", "latest.md"), "markdown file the table is written to (empty: print only)")
	flag.BoolVar(&c.keep, "keep", false, "keep the temporary data dirs")
	flag.StringVar(&c.cacheDir, "cache-dir", filepath.Join(os.TempDir(), "trackbase-seeded-cache"), "where seeded databases are kept between runs (empty: always seed)")
	flag.StringVar(&c.fromDir, "from-dir", "", "copy the databases of this data dir instead of seeding the -users dataset (a seeded copy, or a backup of real data)")
	list := flag.Bool("list", false, "list the known requests and groups, then exit")
	flag.Parse()

	if *list {
		for _, ep := range endpoints {
			fmt.Printf("%-28s %-6s %-70s groups=%s\n", ep.name, ep.method, ep.path, strings.Join(ep.groups, ","))
		}
		os.Exit(0)
	}
	for _, s := range strings.Split(conc, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			log.Fatalf("bad -concurrency %q", conc)
		}
		c.concurrency = append(c.concurrency, n)
	}
	return c
}

func main() {
	log.SetFlags(log.Ltime)
	if err := run(parseFlags()); err != nil {
		log.Fatal(err)
	}
}

func run(cfg config) error {
	selected, err := selectEndpoints(cfg.endpoints)
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "trackbase-bench-")
	if err != nil {
		return err
	}
	if cfg.keep {
		log.Printf("keeping %s", tmp)
	} else {
		defer os.RemoveAll(tmp)
	}

	bin := cfg.bin
	if bin == "" {
		bin = filepath.Join(tmp, "trackbase")
		log.Printf("building %s", bin)
		if err := buildBinary(bin); err != nil {
			return err
		}
	}

	report := newReport(cfg)
	if report.large, err = prepareDataset(cfg, bin, filepath.Join(tmp, "large"), cfg.users, cfg.baseline); err != nil {
		return err
	}
	defer report.large.stop()
	if cfg.smallUsers > 0 {
		if report.small, err = prepareDataset(cfg, bin, filepath.Join(tmp, "small"), cfg.smallUsers, false); err != nil {
			return err
		}
		defer report.small.stop()
	}
	measureAll(cfg, selected, report.large, report.small)
	report.large.stop()
	if report.small != nil {
		report.small.stop()
	}

	md := report.markdown()
	fmt.Print(md)
	if cfg.out == "" {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(cfg.out), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(cfg.out, []byte(md), 0o644); err != nil {
		return err
	}
	log.Printf("wrote %s", cfg.out)
	return nil
}
