package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for a logger and a test to share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestServeStartFailures: every way serve can fail to start ends with
// exit 1 and one line saying why, never a panic.
func TestServeStartFailures(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	dir := t.TempDir()
	state := filepath.Join(dir, "state")
	noAdapter := writeFile(t, dir, "sched.yaml", "schedules:\n  - name: morning\n    cron: \"0 8 * * *\"\n    targets: [{slack: \"#news\"}]\n")
	tests := []struct {
		name string
		vars map[string]string
		args []string
		want string
	}{
		{"port in use", map[string]string{"BRIEFBOT_LISTEN": busy.Addr().String()}, nil, "address already in use"},
		{"port out of range", map[string]string{"BRIEFBOT_LISTEN": "127.0.0.1:99999"}, nil, `port "99999" is not a number from 0 to 65535`},
		{"not host:port", map[string]string{"BRIEFBOT_LISTEN": "localhost"}, nil, "is not host:port"},
		{"address not on this machine", map[string]string{"BRIEFBOT_LISTEN": "192.0.2.1:8080"}, nil, "http listen: listen tcp 192.0.2.1:8080"},
		{"store unreachable", map[string]string{"BRIEFBOT_LISTEN": "127.0.0.1:0", "BRIEFBOT_STORE_DSN": "postgres://x@127.0.0.1:1/db?sslmode=disable&connect_timeout=2"}, nil, "open postgres store"},
		{"store path unusable", map[string]string{"BRIEFBOT_LISTEN": "127.0.0.1:0", "BRIEFBOT_STORE_DSN": filepath.Join(noAdapter, "x.db")}, nil, "open sqlite store"},
		{"schedule without its adapter", nil, []string{"-config", noAdapter}, "posting to Slack needs slack.bot_token"},
		{"schedule without its adapter, env", map[string]string{"SLACK_APP_TOKEN": "xapp-1"}, nil, "SLACK_BOT_TOKEN (slack.bot_token): is required"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			vars := map[string]string{"XDG_STATE_HOME": state}
			for k, v := range tc.vars {
				vars[k] = v
			}
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			var out, errs bytes.Buffer
			e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errs, getenv: func(k string) (string, bool) {
				v, ok := vars[k]
				return v, ok
			}}
			var code int
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Fatalf("serve panicked: %v", r)
					}
				}()
				code = exitCode(e.run(ctx, append(tc.args, "serve")), &errs)
			}()
			if ctx.Err() != nil {
				t.Fatal("serve did not stop on its own")
			}
			if code != 1 {
				t.Fatalf("exit %d, want 1; stderr:\n%s", code, errs.String())
			}
			last := lastLine(errs.String())
			if !strings.HasPrefix(last, "briefbot: ") || !strings.Contains(last, tc.want) {
				t.Errorf("last stderr line %q lacks %q", last, tc.want)
			}
		})
	}
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

// TestServeSignalBeforeListening: SIGINT (ctx ends) before the server
// listens is a normal end, not a panic.
func TestServeSignalBeforeListening(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	vars := map[string]string{"XDG_STATE_HOME": t.TempDir(), "BRIEFBOT_LISTEN": "127.0.0.1:0"}
	e := &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard, getenv: func(k string) (string, bool) {
		v, ok := vars[k]
		return v, ok
	}}
	if code := exitCode(e.run(ctx, []string{"serve"}), io.Discard); code != 0 {
		t.Fatalf("exit %d", code)
	}
}

// TestServeWarnsWithoutAdapters: serve with nothing configured still
// serves health and metrics, and says clearly that no chat platform is
// connected. With feeds, it may start before any article exists.
func TestServeWarnsWithoutAdapters(t *testing.T) {
	dir := t.TempDir()
	addr := freeAddr(t)
	cfg := writeFile(t, dir, "feeds.yaml", "corpus:\n  paths: [empty]\n  feeds: [{url: \"http://127.0.0.1:1/feed.xml\"}]\nhttp: {listen: \""+addr+"\"}\n")
	writeFile(t, dir, "empty/readme.pdf", "%PDF")
	var logs syncBuffer
	e := &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: &logs, getenv: func(k string) (string, bool) {
		if k == "XDG_STATE_HOME" {
			return dir, true
		}
		return "", false
	}}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- e.run(ctx, []string{"-config", cfg, "serve"}) }()
	waitReady(t, "http://"+addr+"/healthz")
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("serve: %v", err)
	}
	for _, w := range []string{`"level":"WARN","msg":"no chat adapter is configured`, "the corpus has no articles yet"} {
		if !strings.Contains(logs.String(), w) {
			t.Errorf("logs lack %q:\n%s", w, logs.String())
		}
	}
}
