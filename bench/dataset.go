package main

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	_ "modernc.org/sqlite"
)

// The measured user: the first demo user, whose history is deterministic for a given seed.
const (
	measuredUsername = "john_doe"
	measuredPassword = "testpass123"
)

// session is the measured user's view of a running server.
type session struct {
	baseURL        string
	client         *http.Client
	username       string
	password       string
	userID         string
	token          string
	superuserToken string
	vars           map[string]string
}

func (s *session) expand(path string) string {
	for k, v := range s.vars {
		path = strings.ReplaceAll(path, "{"+k+"}", v)
	}
	return path
}

// call sends one JSON request and decodes a 2xx answer into out.
func (s *session) call(method, path, token string, body, out any) error {
	var raw []byte
	if body != nil {
		raw, _ = json.Marshal(body)
	}
	status, data, err := send(s.client, request{method: method, url: s.baseURL + path, body: raw, token: token})
	if err != nil {
		return err
	}
	if status < 200 || status > 299 {
		return fmt.Errorf("%s %s: %d %.300s", method, path, status, data)
	}
	if out != nil {
		return json.Unmarshal(data, out)
	}
	return nil
}

// dataset is one seeded data dir served by its own trackbase process, and what was measured on it.
type dataset struct {
	users    int
	dir      string
	measured string // the measured user's username
	seedTime time.Duration
	dbBytes  int64
	rows     map[string]int // per-collection row counts of interest
	results  map[string]result
	server   *server
	session  *session
	baseline bool // has the hook-free copy of weight_logs
}

// Result roles: the request on the large dataset (all its segments), the same request measured
// in the pair with the baseline or with the small dataset (for the ratios), the baseline, and the
// small dataset.
const (
	roleOurs         = "ours"
	roleOursBaseline = "ours-vs-baseline"
	roleOursSmall    = "ours-vs-small"
	roleBaseline     = "baseline"
	roleSmall        = "small"
)

func resultKey(name string, concurrency int, role string) string {
	return fmt.Sprintf("%s|%d|%s", name, concurrency, role)
}

// prepareDataset seeds dir, serves it, and sets up the measured user (and the baseline collection).
// The server keeps running until stop.
func prepareDataset(cfg config, bin, dir string, users int, withBaseline bool) (*dataset, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	ds := &dataset{users: users, dir: dir, results: map[string]result{}, rows: map[string]int{}, baseline: withBaseline}

	log.Printf("seeding %d users × %d days into %s", users, cfg.days, dir)
	t0 := time.Now()
	if err := seed(cfg, bin, dir, users); err != nil {
		return nil, err
	}
	ds.seedTime = time.Since(t0)
	log.Printf("seeded in %s", ds.seedTime.Round(time.Second))
	if err := cli(bin, "superuser", "upsert", superuserEmail, superuserPassword, "--dir", dir); err != nil {
		return nil, err
	}

	srv, err := startServer(bin, dir)
	if err != nil {
		return nil, err
	}
	ds.server = srv
	client := &http.Client{
		Timeout:   30 * time.Second,
		Transport: &http.Transport{MaxIdleConns: 256, MaxIdleConnsPerHost: 256, IdleConnTimeout: time.Minute},
	}
	s := &session{baseURL: srv.url, client: client, username: measuredUsername, password: measuredPassword}
	ds.session = s
	if err := s.setup(cfg.heavyDays); err != nil {
		ds.stop()
		return nil, err
	}
	ds.measured = s.username
	if withBaseline {
		if err := s.createBaseline(filepath.Join(dir, "data.db")); err != nil {
			ds.stop()
			return nil, fmt.Errorf("baseline collection: %w", err)
		}
	}
	if err := countRows(filepath.Join(dir, "data.db"), ds.rows); err != nil {
		ds.stop()
		return nil, err
	}
	return ds, nil
}

func (ds *dataset) stop() {
	if ds.server != nil {
		ds.server.stop()
		ds.server = nil
	}
	if fi, err := os.Stat(filepath.Join(ds.dir, "data.db")); err == nil {
		ds.dbBytes = fi.Size()
	}
}

// variant is one side of a comparison: an endpoint on a dataset, possibly against the baseline
// collection.
type variant struct {
	ds       *dataset
	baseline bool
}

// measureAll measures every endpoint at every concurrency. Each comparison (ours vs the baseline,
// the large dataset vs the small one) runs as a pair in mirrored order, A B B A with half the time
// each, so that drift in the machine's load falls on both sides alike; a request with nothing to
// compare runs once. The ratios use the two sides of their own pair; the main figures merge every
// segment of ours.
func measureAll(cfg config, eps []endpoint, large, small *dataset) {
	for _, ep := range eps {
		for _, c := range cfg.concurrency {
			ours := variant{ds: large}
			var pairs [][2]variant
			var roles [][2]string
			if large.baseline && ep.baselinePath != "" {
				pairs = append(pairs, [2]variant{ours, {ds: large, baseline: true}})
				roles = append(roles, [2]string{roleOursBaseline, roleBaseline})
			}
			if small != nil && !ep.anonymous {
				pairs = append(pairs, [2]variant{ours, {ds: small}})
				roles = append(roles, [2]string{roleOursSmall, roleSmall})
			}
			run := func(v variant, n int, d time.Duration) result {
				path, label := ep.path, ep.name
				if v.baseline {
					path, label = ep.baselinePath, ep.name+" [baseline]"
				}
				s := v.ds.session
				return measure(s.client, label, c, cfg.warmup, n, d, cfg.maxTime,
					func(i int) request { return s.request(ep, path, i) })
			}
			var all []result
			if len(pairs) == 0 {
				r := run(ours, cfg.minRequests, cfg.duration)
				all = append(all, r)
			}
			n, d := (cfg.minRequests+1)/2, cfg.duration/2
			for i, pair := range pairs {
				a1 := run(pair[0], n, d)
				b1 := run(pair[1], n, d)
				b2 := run(pair[1], n, d)
				a2 := run(pair[0], n, d)
				a, b := merge([]result{a1, a2}), merge([]result{b1, b2})
				large.results[resultKey(ep.name, c, roles[i][0])] = a
				pair[1].ds.results[resultKey(ep.name, c, roles[i][1])] = b
				logResult(pair[1].ds.users, ep.name+" ["+roles[i][1]+"]", c, b)
				all = append(all, a1, a2)
			}
			r := merge(all)
			large.results[resultKey(ep.name, c, roleOurs)] = r
			logResult(large.users, ep.name, c, r)
		}
	}
}

func logResult(users int, label string, c int, r result) {
	log.Printf("%4d users  %-55s c=%-3d %8.1f req/s  p50 %7.2f ms  p99 %7.2f ms  errors %d %s",
		users, label, c, r.rps(), ms(r.p50), ms(r.p99), r.errors, r.firstError)
}

// seed fills dir with `seed --full`. Seeding 1000 users takes minutes, so the databases are kept
// in -cache-dir, keyed by the last commit of seed/ or pb_migrations/ and the sizes; a cached copy
// is used when those sources are unchanged.
func seed(cfg config, bin, dir string, users int) error {
	if cfg.fromDir != "" && users == cfg.users {
		log.Printf("copying the databases of %s", cfg.fromDir)
		return copyDBs(cfg.fromDir, dir)
	}
	key := ""
	if cfg.cacheDir != "" {
		if commit, clean := seedVersion(); clean {
			key = filepath.Join(cfg.cacheDir, fmt.Sprintf("%s-u%d-d%d", commit, users, cfg.days))
		}
	}
	if key != "" {
		if _, err := os.Stat(filepath.Join(key, "data.db")); err == nil {
			log.Printf("using the seeded copy in %s", key)
			return copyDBs(key, dir)
		}
	}
	if err := cli(bin, "seed", "--full", "--yes", "--dev=false",
		"--users", strconv.Itoa(users), "--days", strconv.Itoa(cfg.days), "--dir", dir); err != nil {
		return err
	}
	if key != "" {
		if err := os.MkdirAll(key, 0o755); err != nil {
			return err
		}
		return copyDBs(dir, key)
	}
	return nil
}

// seedSources are the files whose changes invalidate a seeded copy: the seed and the migrations
// (which create the reference rows the seeded rows point to); tests do not.
var seedSources = []string{"--", "seed", "pb_migrations", ":!seed/*_test.go", ":!pb_migrations/*_test.go"}

// seedVersion is the last commit touching the seed sources, and whether they have no
// uncommitted change.
func seedVersion() (string, bool) {
	commit, err := exec.Command("git", append([]string{"-C", repoRoot(), "log", "-1", "--format=%h"}, seedSources...)...).Output()
	if err != nil || len(bytes.TrimSpace(commit)) == 0 {
		return "", false
	}
	dirty, err := exec.Command("git", append([]string{"-C", repoRoot(), "status", "--porcelain"}, seedSources...)...).Output()
	return string(bytes.TrimSpace(commit)), err == nil && len(bytes.TrimSpace(dirty)) == 0
}

// copyDBs copies the SQLite files (WAL included) of a data dir whose server or seed has exited.
func copyDBs(from, to string) error {
	files, err := filepath.Glob(filepath.Join(from, "*.db*"))
	if err != nil || len(files) == 0 {
		return fmt.Errorf("no database in %s (%v)", from, err)
	}
	for _, file := range files {
		src, err := os.Open(file)
		if err != nil {
			return err
		}
		dst, err := os.Create(filepath.Join(to, filepath.Base(file)))
		if err != nil {
			src.Close()
			return err
		}
		_, err = io.Copy(dst, src)
		src.Close()
		if cerr := dst.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// setup signs in the superuser and the measured user, turns PocketBase's rate limiter off (a load
// test from one address would otherwise measure 429s), creates the heavy user when asked, and
// finds ids for the path placeholders.
func (s *session) setup(heavyDays int) error {
	var auth struct {
		Token string `json:"token"`
	}
	if err := s.call("POST", "/api/collections/_superusers/auth-with-password", "",
		map[string]any{"identity": superuserEmail, "password": superuserPassword}, &auth); err != nil {
		return err
	}
	s.superuserToken = auth.Token
	if err := s.call("PATCH", "/api/settings", s.superuserToken,
		map[string]any{"rateLimits": map[string]any{"enabled": false}}, nil); err != nil {
		return err
	}
	if heavyDays > 0 {
		return s.createHeavyUser(heavyDays)
	}
	if err := s.login(); err != nil {
		return err
	}
	return s.findIDs()
}

func (s *session) login() error {
	var auth struct {
		Token  string         `json:"token"`
		Record map[string]any `json:"record"`
	}
	if err := s.call("POST", "/api/collections/users/auth-with-password", "",
		map[string]any{"identity": s.username, "password": s.password}, &auth); err != nil {
		return err
	}
	s.token = auth.Token
	s.userID, _ = auth.Record["id"].(string)
	return nil
}

// findIDs fills the path placeholders: dates, and ids of rows the measured user really uses.
func (s *session) findIDs() error {
	now := time.Now().UTC()
	s.vars = map[string]string{
		"user":    s.userID,
		"today":   now.Format(time.DateOnly),
		"from":    now.AddDate(0, 0, -29).Format(time.DateOnly),
		"to":      now.Format(time.DateOnly),
		"yearAgo": now.AddDate(0, 0, -365).Format(time.DateOnly),
	}
	for placeholder, q := range map[string]struct{ collection, field string }{
		"workout": {"workout_logs", "workout"},
		"food":    {"food_logs", "food"},
		"meal":    {"meals", "id"},
		"split":   {"splits", "id"},
	} {
		var page struct {
			Items []map[string]any `json:"items"`
		}
		path := fmt.Sprintf("/api/collections/%s/records?perPage=1&skipTotal=1&sort=-created&filter=%s",
			q.collection, urlQuery(fmt.Sprintf("user='%s'", s.userID)))
		if err := s.call("GET", path, s.token, nil, &page); err != nil {
			return err
		}
		if len(page.Items) > 0 {
			s.vars[placeholder], _ = page.Items[0][q.field].(string)
		} else {
			log.Printf("warning: %s has no %s; requests using {%s} will fail", s.username, q.collection, placeholder)
		}
	}
	return nil
}

func urlQuery(s string) string {
	r := strings.NewReplacer(" ", "%20", "'", "%27", "=", "%3D", "&", "%26")
	return r.Replace(s)
}

// createBaseline copies weight_logs into a new collection with the same fields and indexes
// through the superuser collections API (no trackbase hook is bound to it), then copies the rows
// in SQL so both lists scan the same data. Its rules are the owner-only rules a plain PocketBase
// app writes: with weight_logs' own rules (own rows, or every row for an admin) a hook-free copy
// makes SQLite scan the whole table, which measures that OR, not the cost of trackbase's hooks.
func (s *session) createBaseline(dbPath string) error {
	var col map[string]any
	if err := s.call("GET", "/api/collections/weight_logs", s.superuserToken, nil, &col); err != nil {
		return err
	}
	raw, _ := json.Marshal(map[string]any{
		"name":       "weight_logs", // renamed below with the indexes
		"type":       col["type"],
		"fields":     col["fields"],
		"indexes":    col["indexes"],
		"listRule":   "user = @request.auth.id",
		"viewRule":   "user = @request.auth.id",
		"createRule": "@request.auth.id != '' && user = @request.auth.id",
		"updateRule": "user = @request.auth.id",
		"deleteRule": "user = @request.auth.id",
	})
	raw = bytes.ReplaceAll(raw, []byte("weight_logs"), []byte(baselineCollection))
	var body map[string]any
	json.Unmarshal(raw, &body)
	// The field ids belong to weight_logs; new ones are generated.
	if fields, ok := body["fields"].([]any); ok {
		for _, f := range fields {
			if m, ok := f.(map[string]any); ok {
				delete(m, "id")
			}
		}
	}
	if err := s.call("POST", "/api/collections", s.superuserToken, body, nil); err != nil {
		return err
	}

	var names []string
	for _, f := range col["fields"].([]any) {
		names = append(names, fmt.Sprintf(`"%s"`, f.(map[string]any)["name"]))
	}
	cols := strings.Join(names, ", ")
	db, err := sql.Open("sqlite", dbPath+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.Exec(fmt.Sprintf(`INSERT INTO %q (%s) SELECT %s FROM "weight_logs"`, baselineCollection, cols, cols))
	return err
}

func countRows(dbPath string, into map[string]int) error {
	db, err := sql.Open("sqlite", dbPath+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return err
	}
	defer db.Close()
	for _, table := range []string{"users", "weight_logs", "food_logs", "workout_logs"} {
		var n int
		if err := db.QueryRow(fmt.Sprintf(`SELECT COUNT(*) FROM %q`, table)).Scan(&n); err != nil {
			return err
		}
		into[table] = n
	}
	return nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
