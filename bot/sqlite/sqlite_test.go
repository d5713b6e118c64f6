package sqlite_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/sqlite"
	"github.com/briefbot/briefbot/bot/storetest"
	"github.com/briefbot/briefbot/corpus/feed"
	"github.com/briefbot/briefbot/corpus/feed/feedtest"
)

// opener gives each test its own database file; later calls for the same
// test open another pool on that file, as another process would.
func opener() storetest.Opener {
	var mu sync.Mutex
	paths := map[*testing.T]string{}
	return func(t *testing.T) bot.Store {
		t.Helper()
		mu.Lock()
		path, ok := paths[t]
		if !ok {
			path = filepath.Join(t.TempDir(), "state.db")
			paths[t] = path
		}
		mu.Unlock()
		s, err := sqlite.Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
}

func TestContract(t *testing.T) { storetest.Run(t, opener()) }

// TestMemory runs the suite on in-memory databases; there a second open
// for the same test shares the first store, the only way to reach the
// same database.
func TestMemory(t *testing.T) {
	var mu sync.Mutex
	stores := map[*testing.T]bot.Store{}
	storetest.Run(t, func(t *testing.T) bot.Store {
		mu.Lock()
		defer mu.Unlock()
		if s := stores[t]; s != nil {
			return s
		}
		s, err := sqlite.Open(context.Background(), ":memory:")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		stores[t] = s
		return s
	})
}

func TestOpenTwiceMigratesOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a b?.db")
	ctx := context.Background()
	for range 2 {
		s, err := sqlite.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Ping(ctx); err != nil {
			t.Fatal(err)
		}
		s.Close()
	}
	if _, err := sqlite.Open(ctx, ""); err == nil {
		t.Error("Open(\"\") succeeded")
	}
}

func BenchmarkStore(b *testing.B) {
	s, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	storetest.Benchmark(b, s)
}

// TestEventPrune: expired event claims are deleted, at most every ten
// minutes of the claims' clock.
func TestEventPrune(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "state.db")
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	count := func() int {
		var n int
		if err := raw.QueryRowContext(ctx, `SELECT count(*) FROM events`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	t0 := time.Date(2026, 3, 8, 9, 0, 0, 0, time.UTC)
	claim := func(key string, at time.Time) {
		t.Helper()
		if ok, err := s.ClaimEvent(ctx, key, at); err != nil || !ok {
			t.Fatalf("ClaimEvent(%s) = %v, %v", key, ok, err)
		}
	}
	claim("a", t0) // the first claim prunes (nothing yet)
	claim("b", t0.Add(time.Minute))
	claim("c", t0.Add(9*time.Minute))
	ttl := bot.EventClaimTTL
	claim("d", t0.Add(ttl+5*time.Minute)) // prunes a and b
	if n := count(); n != 2 {
		t.Errorf("%d rows after the second prune, want 2 (c and d)", n)
	}
	claim("e", t0.Add(ttl+14*time.Minute)) // c expired, but the last prune was 9 minutes ago
	if n := count(); n != 3 {
		t.Errorf("%d rows between prunes, want 3", n)
	}
	claim("f", t0.Add(ttl+15*time.Minute)) // prunes c
	if n := count(); n != 3 {
		t.Errorf("%d rows after the third prune, want 3 (d, e and f)", n)
	}
}

func TestFeedStore(t *testing.T) {
	feedtest.Store(t, func(t *testing.T) feed.Store {
		s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "state.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}
