package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"
)

const (
	superuserEmail    = "bench@example.com"
	superuserPassword = "bench-password-123"
)

// repoRoot is the module root: the bench runs from it (`go run ./bench`, `make bench`).
func repoRoot() string {
	dir, _ := os.Getwd()
	for d := dir; d != filepath.Dir(d); d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
	}
	return dir
}

func buildBinary(out string) error {
	cmd := exec.Command("go", "build", "-o", out, ".")
	cmd.Dir = repoRoot()
	cmd.Env = append(os.Environ(), "GOTOOLCHAIN=auto")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	return cmd.Run()
}

// cli runs one command of the binary (seed, superuser) and returns its output on failure.
func cli(bin string, args ...string) error {
	out, err := exec.Command(bin, args...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s %v: %w\n%s", filepath.Base(bin), args, err, out)
	}
	return nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

type server struct {
	url  string
	cmd  *exec.Cmd
	log  *os.File
	done chan error
}

// startServer serves dataDir on a free loopback port and waits for /api/health.
func startServer(bin, dataDir string) (*server, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	logFile, err := os.Create(filepath.Join(dataDir, "serve.log"))
	if err != nil {
		return nil, err
	}
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	// --dev=false: PocketBase turns dev mode (SQL echoed to the console) on for binaries under the
	// temp dir, where the bench builds one.
	cmd := exec.Command(bin, "serve", "--http", addr, "--dir", dataDir, "--dev=false")
	// The model is never called by the measured requests; no key keeps the AI offline.
	cmd.Env = append(os.Environ(), "OPENAI_API_KEY=")
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		logFile.Close()
		return nil, err
	}
	s := &server{url: "http://" + addr, cmd: cmd, log: logFile, done: make(chan error, 1)}
	go func() { s.done <- cmd.Wait() }()

	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	for {
		select {
		case err := <-s.done:
			logFile.Close()
			return nil, fmt.Errorf("trackbase exited during start (%v); see %s", err, logFile.Name())
		case <-ctx.Done():
			s.stop()
			return nil, fmt.Errorf("trackbase did not answer /api/health in 60 s; see %s", logFile.Name())
		case <-time.After(100 * time.Millisecond):
		}
		res, err := http.Get(s.url + "/api/health")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return s, nil
			}
		}
	}
}

func (s *server) stop() {
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(15 * time.Second):
		s.cmd.Process.Kill()
		<-s.done
	}
	s.log.Close()
}
