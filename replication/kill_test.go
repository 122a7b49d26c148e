package replication

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
)

// killSlack is what the proof allows on top of the nominal 2 × Interval for
// scheduling on a loaded machine; the lost writes' ages are logged.
const killSlack = time.Second

const (
	proofEmail    = "root@example.com"
	proofPassword = "password123"
)

// TestKillNineLosesNoReplicatedWrite is the proof: the real binary serves
// with --replicate (a file replica or an in-process fake S3, both on this
// machine), four clients create records through the API and note when each
// create was acknowledged, the server gets SIGKILL at a random moment,
// `trackbase restore` rebuilds a new data dir from the replica, and every
// record acknowledged more than 2 × Interval + killSlack before the kill must
// be in it, in a database that passes PRAGMA integrity_check. The first run's
// restored dir is served again.
func TestKillNineLosesNoReplicatedWrite(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the server")
	}
	work := t.TempDir()
	bin := filepath.Join(work, "trackbase")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Dir = ".." // the module root
	build.Env = append(os.Environ(), "GOTOOLCHAIN=auto")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	template := filepath.Join(work, "template")
	cli(t, bin, nil, "migrate", "up", "--dir", template)
	cli(t, bin, nil, "superuser", "upsert", proofEmail, proofPassword, "--dir", template)

	backend := s3mem.New()
	if err := backend.CreateBucket("trackbase"); err != nil {
		t.Fatal(err)
	}
	fakeS3 := httptest.NewServer(gofakes3.New(backend).Server()) // 127.0.0.1
	defer fakeS3.Close()
	// AWS_CA_BUNDLE (set on some machines) makes the AWS SDK refuse
	// Litestream's own HTTP client; the fake S3 speaks plain HTTP anyway.
	s3Env := []string{"AWS_ACCESS_KEY_ID=proof", "AWS_SECRET_ACCESS_KEY=proof-secret", "AWS_CA_BUNDLE="}

	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 0))
	t.Logf("kill points drawn with seed %d", seed)
	var total proofTotals
	for run := range 4 {
		url, env := "file://"+filepath.Join(work, fmt.Sprintf("replica%d", run)), []string(nil)
		if run%2 == 1 {
			url, env = fmt.Sprintf("s3://trackbase/run%d?endpoint=%s", run, fakeS3.URL), s3Env
		}
		killAfter := 1500*time.Millisecond + time.Duration(rng.Int64N(int64(3*time.Second)))
		r := killRun(t, bin, template, filepath.Join(work, fmt.Sprintf("run%d", run)), url, env, killAfter, run == 0)
		t.Logf("run %d (%s): killed %v after the writes began; %d creates acknowledged; restored %d; lost %d, all acknowledged in the last %v before the kill",
			run, Redact(url), killAfter, r.acked, r.restored, r.lost, r.lostWithin.Round(time.Millisecond))
		total.add(r)
	}
	t.Logf("over 4 kill runs: %d creates acknowledged, %d lost, the oldest lost one acknowledged %v before its kill (bound %v)",
		total.acked, total.lost, total.lostWithin.Round(time.Millisecond), 2*Interval+killSlack)
}

type proofTotals struct {
	acked, restored, lost int
	lostWithin            time.Duration // age at the kill of the oldest lost acknowledged create
}

func (p *proofTotals) add(r proofTotals) {
	p.acked += r.acked
	p.restored += r.restored
	p.lost += r.lost
	p.lostWithin = max(p.lostWithin, r.lostWithin)
}

func killRun(t *testing.T, bin, template, dir, url string, env []string, killAfter time.Duration, serveRestored bool) proofTotals {
	t.Helper()
	if err := os.CopyFS(dir, os.DirFS(template)); err != nil {
		t.Fatal(err)
	}
	srv := startServer(t, bin, dir, env, "--replicate", url)
	token := srv.login(t)
	var user struct{ ID string }
	srv.post(t, token, "/api/collections/users/records", map[string]any{
		"username": "alice", "email": "alice@example.com", "password": proofPassword,
		"passwordConfirm": proofPassword, "timezone": "UTC",
	}, &user)
	srv.waitReplicating(t, token)

	type ack struct {
		id string
		at time.Time
	}
	var (
		mu    sync.Mutex
		acks  []ack
		wg    sync.WaitGroup
		stop  = make(chan struct{})
		begin = time.Now()
	)
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				var rec struct{ ID string }
				body := map[string]any{"user": user.ID, "weight": 60 + float64(w*1000+i%1000)/100,
					"weight_unit": "kg", "date_time": "2026-12-08 07:00:00.000Z"}
				if srv.tryPost(token, "/api/collections/weight_logs/records", body, &rec) {
					mu.Lock()
					acks = append(acks, ack{rec.ID, time.Now()})
					mu.Unlock()
				}
			}
		}()
	}
	time.Sleep(time.Until(begin.Add(killAfter)))
	killedAt := time.Now()
	srv.kill9(t)
	close(stop)
	wg.Wait()

	restored := filepath.Join(dir, "restored")
	cli(t, bin, env, "restore", "--from", url, "--dir", restored)
	ids := restoredIDs(t, filepath.Join(restored, dataDBName))

	res := proofTotals{acked: len(acks), restored: len(ids)}
	for _, a := range acks {
		if ids[a.id] {
			continue
		}
		age := killedAt.Sub(a.at)
		res.lost++
		res.lostWithin = max(res.lostWithin, age)
		if age > 2*Interval+killSlack {
			t.Errorf("%s: record %s acknowledged %v before the kill is not in the replica", Redact(url), a.id, age)
		}
	}
	if len(acks) == 0 {
		t.Errorf("%s: no create was acknowledged", Redact(url))
	}
	if serveRestored && len(acks) > 0 {
		again := startServer(t, bin, restored, nil)
		var got struct{ ID string }
		again.get(t, again.login(t), "/api/collections/weight_logs/records/"+acks[0].id, &got)
		if got.ID != acks[0].id {
			t.Errorf("the restored server answered %+v for record %s", got, acks[0].id)
		}
		again.stop(t)
	}
	return res
}

// restoredIDs checks the restored database's integrity and returns its weight_logs ids.
func restoredIDs(t *testing.T, path string) map[string]bool {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var check string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check of the restored database: %q, %v", check, err)
	}
	rows, err := db.Query("SELECT id FROM weight_logs")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	ids := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids[id] = true
	}
	return ids
}

func cli(t *testing.T, bin string, env []string, args ...string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("trackbase %v: %v\n%s", args, err, out)
	}
}

type server struct {
	url  string
	cmd  *exec.Cmd
	log  bytes.Buffer
	done chan struct{}
}

func startServer(t *testing.T, bin, dir string, env []string, args ...string) *server {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	s := &server{url: "http://" + addr, done: make(chan struct{})}
	s.cmd = exec.Command(bin, append([]string{"serve", "--http", addr, "--dir", dir, "--dev=false"}, args...)...)
	s.cmd.Env = append(os.Environ(), append(env, "OPENAI_API_KEY=")...)
	s.cmd.Stdout, s.cmd.Stderr = &s.log, &s.log
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { s.cmd.Wait(); close(s.done) }()
	t.Cleanup(func() { s.kill9(t) })
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if res, err := http.Get(s.url + "/api/health"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return s
			}
		}
		select {
		case <-s.done:
			t.Fatalf("trackbase serve exited:\n%s", s.log.String())
		case <-time.After(100 * time.Millisecond):
		}
	}
	t.Fatalf("trackbase serve did not answer in 30 s:\n%s", s.log.String())
	return nil
}

func (s *server) kill9(t *testing.T) {
	select {
	case <-s.done:
		return
	default:
	}
	if err := s.cmd.Process.Kill(); err != nil {
		t.Errorf("kill: %v", err)
	}
	<-s.done
}

func (s *server) stop(t *testing.T) {
	s.cmd.Process.Signal(os.Interrupt)
	select {
	case <-s.done:
	case <-time.After(15 * time.Second):
		t.Errorf("trackbase serve did not stop on SIGINT")
		s.kill9(t)
	}
}

// do sends one request; a 200 body is decoded into out, another one returned as an error.
func (s *server) do(method, token, path string, body, out any) (int, error) {
	var rd bytes.Buffer
	if body != nil {
		if err := json.NewEncoder(&rd).Encode(body); err != nil {
			return 0, err
		}
	}
	req, err := http.NewRequest(method, s.url+path, &rd)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		msg, _ := io.ReadAll(res.Body)
		return res.StatusCode, fmt.Errorf("%s", msg)
	}
	if out == nil {
		return res.StatusCode, nil
	}
	return res.StatusCode, json.NewDecoder(res.Body).Decode(out)
}

// tryPost reports whether the create was acknowledged (200 with a body read).
func (s *server) tryPost(token, path string, body, out any) bool {
	code, err := s.do(http.MethodPost, token, path, body, out)
	return err == nil && code == http.StatusOK
}

func (s *server) post(t *testing.T, token, path string, body, out any) {
	t.Helper()
	if code, err := s.do(http.MethodPost, token, path, body, out); err != nil || code != http.StatusOK {
		t.Fatalf("POST %s: %d %v", path, code, err)
	}
}

func (s *server) get(t *testing.T, token, path string, out any) {
	t.Helper()
	if code, err := s.do(http.MethodGet, token, path, nil, out); err != nil || code != http.StatusOK {
		t.Fatalf("GET %s: %d %v", path, code, err)
	}
}

func (s *server) login(t *testing.T) string {
	t.Helper()
	var auth struct{ Token string }
	s.post(t, "", "/api/collections/_superusers/auth-with-password",
		map[string]any{"identity": proofEmail, "password": proofPassword}, &auth)
	return auth.Token
}

// waitReplicating waits until the replica holds the database's first snapshot.
func (s *server) waitReplicating(t *testing.T, token string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		var st Status
		s.get(t, token, "/api/replication", &st)
		if st.ReplicaTXID > 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("no snapshot in the replica after 15 s: %+v\n%s", st, s.log.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}
