package main

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	_ "modernc.org/sqlite"
)

// The measured user: the seed guide's first user, whose history is deterministic for a given seed.
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

// dataset is one seeded data dir and what was measured on it.
type dataset struct {
	users    int
	seedTime time.Duration
	dbBytes  int64
	rows     map[string]int // per-collection row counts of interest
	results  map[string]result
}

func resultKey(name string, concurrency int, baseline bool) string {
	return fmt.Sprintf("%s|%d|%t", name, concurrency, baseline)
}

func runDataset(cfg config, bin, dir string, users int, eps []endpoint, withBaseline bool) (*dataset, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	ds := &dataset{users: users, results: map[string]result{}, rows: map[string]int{}}

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
	defer srv.stop()

	client := &http.Client{
		Timeout:   30 * time.Second,
		Transport: &http.Transport{MaxIdleConns: 256, MaxIdleConnsPerHost: 256, IdleConnTimeout: time.Minute},
	}
	s := &session{baseURL: srv.url, client: client, username: measuredUsername, password: measuredPassword}
	if err := s.setup(); err != nil {
		return nil, err
	}
	if withBaseline {
		if err := s.createBaseline(filepath.Join(dir, "data.db")); err != nil {
			return nil, fmt.Errorf("baseline collection: %w", err)
		}
	}
	if err := countRows(filepath.Join(dir, "data.db"), ds.rows); err != nil {
		return nil, err
	}

	for _, ep := range eps {
		for _, c := range cfg.concurrency {
			variants := []bool{false}
			if withBaseline && ep.baselinePath != "" {
				variants = append(variants, true)
			}
			for _, baseline := range variants {
				path := ep.path
				label := ep.name
				if baseline {
					path, label = ep.baselinePath, ep.name+" [baseline]"
				}
				r := measure(client, label, c, cfg.warmup, cfg.minRequests, cfg.duration, cfg.maxTime,
					func(i int) request { return s.request(ep, path, i) })
				log.Printf("%d users  %-45s c=%-3d %8.1f req/s  p50 %7.2f ms  p99 %7.2f ms  errors %d %s",
					users, label, c, r.rps(), ms(r.p50), ms(r.p99), r.errors, r.firstError)
				ds.results[resultKey(ep.name, c, baseline)] = r
			}
		}
	}

	if fi, err := os.Stat(filepath.Join(dir, "data.db")); err == nil {
		ds.dbBytes = fi.Size()
	}
	return ds, nil
}

func seed(cfg config, bin, dir string, users int) error {
	return cli(bin, "seed", "--full", "--yes",
		"--users", strconv.Itoa(users), "--days", strconv.Itoa(cfg.days), "--dir", dir)
}

// setup signs in the superuser and the measured user, turns PocketBase's rate limiter off (a load
// test from one address would otherwise measure 429s), and finds ids for the path placeholders.
func (s *session) setup() error {
	var auth struct {
		Token  string         `json:"token"`
		Record map[string]any `json:"record"`
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
	if err := s.call("POST", "/api/collections/users/auth-with-password", "",
		map[string]any{"identity": s.username, "password": s.password}, &auth); err != nil {
		return err
	}
	s.token = auth.Token
	s.userID, _ = auth.Record["id"].(string)

	now := time.Now().UTC()
	s.vars = map[string]string{
		"user":    s.userID,
		"today":   now.Format(time.DateOnly),
		"from":    now.AddDate(0, 0, -29).Format(time.DateOnly),
		"to":      now.Format(time.DateOnly),
		"yearAgo": now.AddDate(0, 0, -365).Format(time.DateOnly),
	}
	// The most recent row of each gives an id the user really uses.
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

// createBaseline copies weight_logs into a new collection with the same fields, rules and indexes
// through the superuser collections API (no trackbase hook is bound to it), then copies the rows
// in SQL so both lists scan the same data.
func (s *session) createBaseline(dbPath string) error {
	var col map[string]any
	if err := s.call("GET", "/api/collections/weight_logs", s.superuserToken, nil, &col); err != nil {
		return err
	}
	raw, _ := json.Marshal(map[string]any{
		"name":       baselineCollection,
		"type":       col["type"],
		"fields":     col["fields"],
		"indexes":    col["indexes"],
		"listRule":   col["listRule"],
		"viewRule":   col["viewRule"],
		"createRule": col["createRule"],
		"updateRule": col["updateRule"],
		"deleteRule": col["deleteRule"],
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
	db, err := sql.Open("sqlite", "file:"+dbPath+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.Exec(fmt.Sprintf(`INSERT INTO %q (%s) SELECT %s FROM "weight_logs"`, baselineCollection, cols, cols))
	return err
}

func countRows(dbPath string, into map[string]int) error {
	db, err := sql.Open("sqlite", "file:"+dbPath+"?mode=ro&_pragma=busy_timeout(10000)")
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
