package bot

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

func TestServerRoutes(t *testing.T) {
	reg := prometheus.NewRegistry()
	m := NewMetrics(reg)
	m.Command("ask", OutcomeOK, time.Millisecond)
	m.Answer(true)
	var notReady error = errors.New("store down")
	echo := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusRequestEntityTooLarge)
			return
		}
		w.Write(b)
	})
	srv, err := NewServer(ServerOptions{
		Ready:        func(context.Context) error { return notReady },
		Gatherer:     reg,
		Routes:       map[string]http.Handler{"POST /echo": echo},
		MaxBodyBytes: 16,
	})
	if err != nil {
		t.Fatal(err)
	}
	h := srv.Handler()
	do := func(method, path, body string, chunked bool) (int, string) {
		var r io.Reader
		if body != "" {
			r = strings.NewReader(body)
		}
		req := httptest.NewRequest(method, path, r)
		if chunked {
			req.ContentLength = -1
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		return w.Code, w.Body.String()
	}
	tests := []struct {
		name, method, path, body string
		chunked                  bool
		ready                    bool
		code                     int
		contains                 string
	}{
		{name: "healthz", method: "GET", path: "/healthz", code: 200, contains: "ok"},
		{name: "not ready", method: "GET", path: "/readyz", code: 503},
		{name: "ready", method: "GET", path: "/readyz", ready: true, code: 200},
		{name: "metrics", method: "GET", path: "/metrics", code: 200, contains: `briefbot_commands_total{command="ask",outcome="ok"} 1`},
		{name: "metrics answers", method: "GET", path: "/metrics", code: 200, contains: `briefbot_answers_total{result="answered"} 1`},
		{name: "route", method: "POST", path: "/echo", body: "hello", code: 200, contains: "hello"},
		{name: "wrong method", method: "GET", path: "/echo", code: 405},
		{name: "unknown", method: "GET", path: "/nope", code: 404},
		{name: "body too large", method: "POST", path: "/echo", body: strings.Repeat("x", 17), code: 413},
		{name: "chunked body too large", method: "POST", path: "/echo", body: strings.Repeat("x", 17), chunked: true, code: 413},
		{name: "body at limit", method: "POST", path: "/echo", body: strings.Repeat("x", 16), code: 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			notReady = errors.New("store down")
			if tt.ready {
				notReady = nil
			}
			code, body := do(tt.method, tt.path, tt.body, tt.chunked)
			if code != tt.code {
				t.Errorf("code = %d, want %d (body %q)", code, tt.code, body)
			}
			if !strings.Contains(body, tt.contains) {
				t.Errorf("body does not contain %q:\n%s", tt.contains, body)
			}
		})
	}
}

func TestServerBadRoute(t *testing.T) {
	_, err := NewServer(ServerOptions{Routes: map[string]http.Handler{"GET /healthz": http.NotFoundHandler()}})
	if err == nil {
		t.Fatal("conflicting route accepted")
	}
}

// TestServerGracefulShutdown starts a request, ends the context while the
// request is in flight, and checks the request completes and Serve returns
// nil.
func TestServerGracefulShutdown(t *testing.T) {
	started := make(chan struct{})
	var srv *Server
	slow := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		<-srv.stopping // still in flight when shutdown begins
		io.WriteString(w, "finished")
	})
	srv, err := NewServer(ServerOptions{Addr: "127.0.0.1:0", Routes: map[string]http.Handler{"GET /slow": slow}})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ctx) }()
	<-srv.Listening()

	type result struct {
		body string
		err  error
	}
	got := make(chan result, 1)
	go func() {
		resp, err := http.Get("http://" + srv.Addr().String() + "/slow")
		if err != nil {
			got <- result{err: err}
			return
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		got <- result{string(b), err}
	}()
	<-started
	cancel()
	r := <-got
	if r.err != nil || r.body != "finished" {
		t.Fatalf("in-flight request: body %q, err %v", r.body, r.err)
	}
	if err := <-served; err != nil {
		t.Fatalf("Serve = %v, want nil", err)
	}
	if _, err := http.Get("http://" + srv.Addr().String() + "/healthz"); err == nil {
		t.Error("server still accepts after shutdown")
	}
}

// TestServerShutdownTimeout checks Serve gives up on a request that
// outlives the shutdown timeout.
func TestServerShutdownTimeout(t *testing.T) {
	started := make(chan struct{})
	release := make(chan struct{})
	defer close(release)
	stuck := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		<-release
	})
	srv, err := NewServer(ServerOptions{Addr: "127.0.0.1:0", ShutdownTimeout: time.Millisecond,
		Routes: map[string]http.Handler{"GET /stuck": stuck}})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ctx) }()
	<-srv.Listening()
	go func() {
		resp, err := http.Get("http://" + srv.Addr().String() + "/stuck")
		if err == nil {
			resp.Body.Close()
		}
	}()
	<-started
	cancel()
	if err := <-served; err == nil {
		t.Fatal("Serve = nil, want a shutdown error")
	}
}

func TestServerListenError(t *testing.T) {
	srv, err := NewServer(ServerOptions{Addr: "256.0.0.1:bad"})
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Serve(t.Context()); err == nil {
		t.Fatal("Serve on a bad address = nil")
	}
}
