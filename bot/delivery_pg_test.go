package bot_test

import (
	"context"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/postgres"
	"github.com/briefbot/briefbot/bot/postgres/pgtest"
)

// pgStores opens n stores on a fresh schema of the server named by
// BRIEFBOT_TEST_POSTGRES (dropped when t ends), or skips t.
func pgStores(t *testing.T, n int) []bot.Store {
	t.Helper()
	ctx := context.Background()
	dsn := pgtest.DSN(t)
	var out []bot.Store
	for range n {
		s, err := postgres.Open(ctx, dsn)
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
