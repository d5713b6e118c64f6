package postgres_test

import (
	"context"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/postgres"
	"github.com/briefbot/briefbot/bot/postgres/pgtest"
	"github.com/briefbot/briefbot/bot/storetest"
	"github.com/briefbot/briefbot/corpus/feed"
	"github.com/briefbot/briefbot/corpus/feed/feedtest"
	"github.com/jackc/pgx/v5"
)

func opener() storetest.Opener {
	var mu sync.Mutex
	dsns := map[*testing.T]string{}
	return func(t *testing.T) bot.Store {
		t.Helper()
		mu.Lock()
		dsn, ok := dsns[t]
		mu.Unlock()
		if !ok {
			dsn = pgtest.DSN(t)
			mu.Lock()
			dsns[t] = dsn
			mu.Unlock()
		}
		s, err := postgres.Open(context.Background(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
}

func TestContract(t *testing.T) { storetest.Run(t, opener()) }

// TestMigrateRace starts several stores on one empty schema at once: the
// advisory lock lets exactly one apply the migrations.
func TestMigrateRace(t *testing.T) {
	dsn := pgtest.DSN(t)
	var wg sync.WaitGroup
	errs := make(chan error, 5)
	for range 5 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := postgres.Open(context.Background(), dsn)
			if err != nil {
				errs <- err
				return
			}
			s.Close()
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func BenchmarkStore(b *testing.B) {
	base := os.Getenv(pgtest.Env)
	if base == "" {
		b.Skip(pgtest.SkipMessage)
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close(ctx)
	schema := "briefbot_bench"
	conn.Exec(ctx, "DROP SCHEMA IF EXISTS "+schema+" CASCADE")
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		b.Fatal(err)
	}
	defer conn.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE")
	s, err := postgres.Open(ctx, pgtest.WithSearchPath(base, schema))
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
	dsn := pgtest.DSN(t)
	s, err := postgres.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	count := func() int {
		var n int
		if err := conn.QueryRow(ctx, `SELECT count(*) FROM events`).Scan(&n); err != nil {
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
	ttl := bot.EventClaimTTL
	claim("a", t0) // the first claim prunes (nothing yet)
	claim("b", t0.Add(9*time.Minute))
	claim("c", t0.Add(ttl+5*time.Minute)) // prunes a
	if n := count(); n != 2 {
		t.Errorf("%d rows after the second prune, want 2 (b and c)", n)
	}
	claim("d", t0.Add(ttl+14*time.Minute)) // b expired, but the last prune was 9 minutes ago
	if n := count(); n != 3 {
		t.Errorf("%d rows between prunes, want 3", n)
	}
	claim("e", t0.Add(ttl+15*time.Minute)) // prunes b
	if n := count(); n != 3 {
		t.Errorf("%d rows after the third prune, want 3 (c, d and e)", n)
	}
}

func TestFeedStore(t *testing.T) {
	feedtest.Store(t, func(t *testing.T) feed.Store {
		s, err := postgres.Open(context.Background(), pgtest.DSN(t))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}
