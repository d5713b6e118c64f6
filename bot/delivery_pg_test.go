package bot_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/postgres"
	"github.com/jackc/pgx/v5"
)

// pgStores opens n stores on a fresh schema of the server named by
// BRIEFBOT_TEST_POSTGRES (dropped when t ends), or skips t.
func pgStores(t *testing.T, n int) []bot.Store {
	t.Helper()
	base := os.Getenv("BRIEFBOT_TEST_POSTGRES")
	if base == "" {
		t.Skip("set BRIEFBOT_TEST_POSTGRES=postgres://postgres@127.0.0.1:5432/test?sslmode=disable to run")
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatal(err)
	}
	b := make([]byte, 6)
	rand.Read(b)
	schema := "briefbot_test_" + hex.EncodeToString(b)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		conn.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE")
		conn.Close(ctx)
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("BRIEFBOT_TEST_POSTGRES must be a URL here: %v", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	var out []bot.Store
	for range n {
		s, err := postgres.Open(ctx, u.String())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		out = append(out, s)
	}
	return out
}

func TestRaceTwoSchedulersPostgres(t *testing.T) {
	stores := pgStores(t, 3)
	raceSchedulers(t, newEnv(t, day), stores)
}

func TestCrashRecoveryPostgres(t *testing.T) {
	stores := pgStores(t, 2)
	e := newEnv(t, day.Add(9*time.Hour))
	dead := e.schedulerOn(stores[0], "dead", daily("morning", "slack:C1"))
	if err := dead.RunDue(context.Background(), e.clock.Now()); err != nil {
		t.Fatal(err)
	}
	stores[0].Close()
	s := e.schedulerOn(stores[1], "new", daily("morning", "slack:C1"))
	e.tick(s)
	e.tick(s)
	if n := len(e.slack.Posts()); n != 1 {
		t.Errorf("%d posts after recovery, want exactly 1", n)
	}
}
