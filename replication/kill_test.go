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
	"strings"
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
// be in it, in a database that passes PRAGMA integrity_check.
func TestKillNineLosesNoReplicatedWrite(t *testing.T) {
	bin, template := proofBinary(t)
	work := t.TempDir()

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
	const runs = 3
	var total proofTotals
	for run := range runs {
		url, env := "file://"+filepath.Join(work, fmt.Sprintf("replica%d", run)), []string(nil)
		if run%2 == 1 {
			url, env = fmt.Sprintf("s3://trackbase/run%d?endpoint=%s", run, fakeS3.URL), s3Env
		}
		killAfter := 1500*time.Millisecond + time.Duration(rng.Int64N(int64(2*time.Second)))
		r := killRun(t, bin, template, filepath.Join(work, fmt.Sprintf("run%d", run)), url, env, killAfter)
		t.Logf("run %d (%s): killed %v after the writes began; %d creates acknowledged; restored %d; lost %d, all acknowledged in the last %v before the kill",
			run, Redact(url), killAfter, r.acked, r.restored, r.lost, r.lostWithin.Round(time.Millisecond))
		total.add(r)
	}
	t.Logf("over %d kill runs: %d creates acknowledged, %d lost, the oldest lost one acknowledged %v before its kill (bound %v)",
		runs, total.acked, total.lost, total.lostWithin.Round(time.Millisecond), 2*Interval+killSlack)
}

// PocketBase's own backup and restore while replicating: the restore
// restarts the process, replication resumes on the restored database, and the
// replica then restores to the backup's rows plus the writes made after it.
func TestBackupRestoreWhileReplicating(t *testing.T) {
	bin, template := proofBinary(t)
	work := t.TempDir()
	dir, url := filepath.Join(work, "data"), "file://"+filepath.Join(work, "replica")
	if err := os.CopyFS(dir, os.DirFS(template)); err != nil {
		t.Fatal(err)
	}
	srv := startServer(t, bin, dir, nil, "--replicate", url)
	token := srv.login(t)
	user := srv.createUser(t, token)
	create := func(kg float64) {
		srv.post(t, token, "/api/collections/weight_logs/records", map[string]any{"user": user,
			"weight": kg, "weight_unit": "kg", "date_time": "2026-12-08 07:00:00.000Z"}, nil)
	}
	create(61)
	create(62)
	srv.post(t, token, "/api/backups", map[string]any{"name": "b1.zip"}, nil)
	create(63)
	srv.waitCaughtUp(t, token)

	srv.post(t, token, "/api/backups/b1.zip/restore", nil, nil)
	deadline := time.Now().Add(30 * time.Second)
	for weights(t, srv, token) != "61,62" { // the restarted process serves the backup
		if time.Now().After(deadline) {
			t.Fatalf("the backup was not restored in 30 s:\n%s", srv.log.String())
		}
		time.Sleep(200 * time.Millisecond)
	}
	token = srv.login(t)
	create(64)
	if st := srv.waitCaughtUp(t, token); st.Errors != 0 {
		t.Errorf("replication after the restore: %+v", st)
	}
	srv.kill9(t)

	restored := filepath.Join(work, "restored")
	cli(t, bin, nil, "restore", "--from", url, "--dir", restored)
	again := startServer(t, bin, restored, nil)
	if got := weights(t, again, again.login(t)); got != "61,62,64" {
		t.Errorf("restored from the replica: weights %s, want 61,62,64", got)
	}
}

// weights lists the weight_logs weights in ascending order, or "" while the
// server is unreachable.
func weights(t *testing.T, s *server, token string) string {
	var list struct{ Items []struct{ Weight float64 } }
	if _, err := s.do(http.MethodGet, token, "/api/collections/weight_logs/records?sort=weight&perPage=100", nil, &list); err != nil {
		return ""
	}
	var out []string
	for _, it := range list.Items {
		out = append(out, fmt.Sprint(it.Weight))
	}
	return strings.Join(out, ",")
}

func TestMain(m *testing.M) {
	code := m.Run()
	if proof.dir != "" {
		os.RemoveAll(proof.dir)
	}
	os.Exit(code)
}

var proof struct {
	once          sync.Once
	dir           string
	bin, template string
	err           error
}

// proofBinary builds the server once for the tests that run it, with a
// migrated data dir holding the superuser to copy.
func proofBinary(t *testing.T) (bin, template string) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the server")
	}
	proof.once.Do(func() {
		started := time.Now()
		defer func() { t.Logf("built and migrated the server in %v", time.Since(started).Round(time.Millisecond)) }()
		if proof.dir, proof.err = os.MkdirTemp("", "trackbase-replication-"); proof.err != nil {
			return
		}
		proof.bin, proof.template = filepath.Join(proof.dir, "trackbase"), filepath.Join(proof.dir, "template")
		build := exec.Command("go", "build", "-o", proof.bin, ".")
		build.Dir = ".." // the module root
		build.Env = append(os.Environ(), "GOTOOLCHAIN=auto")
		if out, err := build.CombinedOutput(); err != nil {
			proof.err = fmt.Errorf("go build: %v\n%s", err, out)
			return
		}
		for _, args := range [][]string{
			{"migrate", "up", "--dir", proof.template},
			{"superuser", "upsert", proofEmail, proofPassword, "--dir", proof.template},
		} {
			if out, err := exec.Command(proof.bin, args...).CombinedOutput(); err != nil {
				proof.err = fmt.Errorf("trackbase %v: %v\n%s", args, err, out)
				return
			}
		}
	})
	if proof.err != nil {
		t.Fatal(proof.err)
	}
	return proof.bin, proof.template
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

func killRun(t *testing.T, bin, template, dir, url string, env []string, killAfter time.Duration) proofTotals {
	t.Helper()
	if err := os.CopyFS(dir, os.DirFS(template)); err != nil {
		t.Fatal(err)
	}
	srv := startServer(t, bin, dir, env, "--replicate", url)
	token := srv.login(t)
	user := srv.createUser(t, token)
	srv.waitCaughtUp(t, token)

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
				body := map[string]any{"user": user, "weight": 60 + float64(w*1000+i%1000)/100,
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

// do sends one request; a 2xx body is decoded into out, another one returned as an error.
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
	if res.StatusCode/100 != 2 {
		msg, _ := io.ReadAll(res.Body)
		return res.StatusCode, fmt.Errorf("%s", msg)
	}
	if out == nil || res.StatusCode == http.StatusNoContent {
		return res.StatusCode, nil
	}
	return res.StatusCode, json.NewDecoder(res.Body).Decode(out)
}

// tryPost reports whether the create was acknowledged (2xx with its body read).
func (s *server) tryPost(token, path string, body, out any) bool {
	_, err := s.do(http.MethodPost, token, path, body, out)
	return err == nil
}

func (s *server) post(t *testing.T, token, path string, body, out any) {
	t.Helper()
	if code, err := s.do(http.MethodPost, token, path, body, out); err != nil {
		t.Fatalf("POST %s: %d %v", path, code, err)
	}
}

func (s *server) get(t *testing.T, token, path string, out any) {
	t.Helper()
	if code, err := s.do(http.MethodGet, token, path, nil, out); err != nil {
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

func (s *server) createUser(t *testing.T, token string) string {
	t.Helper()
	var user struct{ ID string }
	s.post(t, token, "/api/collections/users/records", map[string]any{
		"username": "alice", "email": "alice@example.com", "password": proofPassword,
		"passwordConfirm": proofPassword, "timezone": "UTC",
	}, &user)
	return user.ID
}

// waitCaughtUp waits until the replica holds every write made so far.
func (s *server) waitCaughtUp(t *testing.T, token string) Status {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		var res struct{ Data Status }
		s.get(t, token, "/api/replication", &res)
		st := res.Data
		if st.ReplicaTXID > 0 && st.ReplicaTXID == st.LocalTXID && st.PendingWrites == 0 {
			return st
		}
		if time.Now().After(deadline) {
			t.Fatalf("the replica did not catch up in 15 s: %+v\n%s", st, s.log.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}
