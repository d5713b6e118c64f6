package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Server defaults, used when ServerOptions leave a field zero.
const (
	DefaultMaxBodyBytes    = 1 << 20
	DefaultReadTimeout     = 10 * time.Second
	DefaultWriteTimeout    = 15 * time.Second
	DefaultIdleTimeout     = 60 * time.Second
	DefaultShutdownTimeout = 10 * time.Second
)

// ServerOptions configure the HTTP server.
type ServerOptions struct {
	// Addr is the listen address ("127.0.0.1:8080"; ":0" picks a port).
	Addr string
	// Ready reports whether the bot can serve (knowledge loaded, store
	// reachable); nil means always ready. It is called on every /readyz.
	Ready func(ctx context.Context) error
	// Gatherer serves /metrics; nil means prometheus.DefaultGatherer.
	Gatherer prometheus.Gatherer
	// Routes are the adapters' handlers by ServeMux pattern
	// ("POST /slack/commands").
	Routes map[string]http.Handler
	Logger *slog.Logger

	// MaxBodyBytes caps request bodies; a larger body gets 413.
	MaxBodyBytes int64
	ReadTimeout  time.Duration
	WriteTimeout time.Duration
	IdleTimeout  time.Duration
	// ShutdownTimeout bounds how long in-flight requests may run on after
	// the context of Serve ends.
	ShutdownTimeout time.Duration
}

// Server is the bot's HTTP server: health, readiness, metrics and the
// adapters' webhook routes.
type Server struct {
	opts    ServerOptions
	handler http.Handler

	mu   sync.Mutex
	addr net.Addr
	up   chan struct{} // closed once listening
	// stopping is closed when graceful shutdown begins.
	stopping chan struct{}
}

// NewServer builds the server. It fails when a route pattern is invalid or
// collides with another.
func NewServer(opts ServerOptions) (s *Server, err error) {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Gatherer == nil {
		opts.Gatherer = prometheus.DefaultGatherer
	}
	if opts.MaxBodyBytes <= 0 {
		opts.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if opts.ReadTimeout <= 0 {
		opts.ReadTimeout = DefaultReadTimeout
	}
	if opts.WriteTimeout <= 0 {
		opts.WriteTimeout = DefaultWriteTimeout
	}
	if opts.IdleTimeout <= 0 {
		opts.IdleTimeout = DefaultIdleTimeout
	}
	if opts.ShutdownTimeout <= 0 {
		opts.ShutdownTimeout = DefaultShutdownTimeout
	}
	mux := http.NewServeMux()
	defer func() {
		// ServeMux panics on bad or conflicting patterns.
		if r := recover(); r != nil {
			s, err = nil, fmt.Errorf("http routes: %v", r)
		}
	}()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, "ok")
	})
	mux.HandleFunc("GET /readyz", readyHandler(opts))
	mux.Handle("GET /metrics", promhttp.HandlerFor(opts.Gatherer, promhttp.HandlerOpts{}))
	for pattern, h := range opts.Routes {
		mux.Handle(pattern, h)
	}
	return &Server{opts: opts, handler: limitBody(opts.MaxBodyBytes, mux), up: make(chan struct{}), stopping: make(chan struct{})}, nil
}

func readyHandler(opts ServerOptions) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if opts.Ready != nil {
			ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
			defer cancel()
			if err := opts.Ready(ctx); err != nil {
				opts.Logger.Warn("not ready", "err", err)
				w.WriteHeader(http.StatusServiceUnavailable)
				fmt.Fprintln(w, "not ready")
				return
			}
		}
		fmt.Fprintln(w, "ready")
	}
}

// limitBody rejects requests that declare a body larger than max with 413
// and caps the others, so a handler reading past max gets an error.
func limitBody(max int64, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > max {
			http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, max)
		next.ServeHTTP(w, r)
	})
}

// Handler returns the server's routes as one handler, for tests with
// httptest.
func (s *Server) Handler() http.Handler { return s.handler }

// Addr returns the address the server listens on, or nil before Serve has
// started listening.
func (s *Server) Addr() net.Addr {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addr
}

// Listening returns a channel closed once Serve listens (Addr is set).
func (s *Server) Listening() <-chan struct{} { return s.up }

// Serve listens on Addr and serves until ctx ends, then shuts down
// gracefully: it stops accepting, lets in-flight requests finish within
// ShutdownTimeout, and returns nil. It returns an error when it cannot
// listen, the server fails, or in-flight requests outlive the timeout.
// Serve may be called once.
func (s *Server) Serve(ctx context.Context) error {
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", s.opts.Addr)
	if err != nil {
		return fmt.Errorf("http listen: %w", err)
	}
	return s.serve(ctx, ln)
}

func (s *Server) serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s.handler,
		ReadTimeout:       s.opts.ReadTimeout,
		ReadHeaderTimeout: s.opts.ReadTimeout,
		WriteTimeout:      s.opts.WriteTimeout,
		IdleTimeout:       s.opts.IdleTimeout,
		ErrorLog:          slog.NewLogLogger(s.opts.Logger.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	s.mu.Lock()
	s.addr = ln.Addr()
	s.mu.Unlock()
	close(s.up)
	s.opts.Logger.Info("http listening", "addr", ln.Addr().String())

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("http serve: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), s.opts.ShutdownTimeout)
	defer cancel()
	s.opts.Logger.Info("http shutting down")
	close(s.stopping)
	err := srv.Shutdown(sctx)
	if serr := <-errc; serr != nil && !errors.Is(serr, http.ErrServerClosed) {
		return fmt.Errorf("http serve: %w", serr)
	}
	if err != nil {
		srv.Close()
		return fmt.Errorf("http shutdown: %w", err)
	}
	s.opts.Logger.Info("http stopped")
	return nil
}
