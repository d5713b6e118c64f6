package storetest

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
)

func leaser(t *testing.T, s bot.Store) bot.Leaser {
	t.Helper()
	l, ok := s.(bot.Leaser)
	if !ok {
		t.Skipf("%T is no bot.Leaser", s)
	}
	return l
}

func testPollLease(t *testing.T, open Opener) {
	ctx := context.Background()
	a, b := leaser(t, open(t)), leaser(t, open(t))
	ttl := 30 * time.Second
	for _, c := range []struct {
		name  string
		store bot.Leaser
		owner string
		at    time.Time
		want  bool
	}{
		{"free lease taken", a, "r1", t0, true},
		{"held by another", b, "r2", t0.Add(time.Second), false},
		{"renewed by its holder", a, "r1", t0.Add(20 * time.Second), true},
		{"renewal counts", b, "r2", t0.Add(40 * time.Second), false},
		{"expired lease taken over", b, "r2", t0.Add(51 * time.Second), true},
		{"the old holder has lost it", a, "r1", t0.Add(52 * time.Second), false},
	} {
		if got := must(c.store.HoldLease(ctx, bot.PollLease, c.owner, c.at, ttl)); got != c.want {
			t.Errorf("%s: HoldLease(%s) = %v, want %v", c.name, c.owner, got, c.want)
		}
	}
	must(0, a.DropLease(ctx, bot.PollLease, "r1")) // not the holder: nothing
	if must(a.HoldLease(ctx, bot.PollLease, "r1", t0.Add(53*time.Second), ttl)) {
		t.Error("DropLease by a non-holder freed the lease")
	}
	must(0, b.DropLease(ctx, bot.PollLease, "r2"))
	if !must(a.HoldLease(ctx, bot.PollLease, "r1", t0.Add(54*time.Second), ttl)) {
		t.Error("a dropped lease could not be taken at once")
	}
}

func testPollLeaseRace(t *testing.T, open Opener) {
	ctx := context.Background()
	var wg sync.WaitGroup
	wins := make(chan string, 8)
	for i := range 8 {
		l := leaser(t, open(t))
		wg.Add(1)
		go func() {
			defer wg.Done()
			owner := fmt.Sprintf("r%d", i)
			if must(l.HoldLease(ctx, bot.PollLease, owner, t0, time.Minute)) {
				wins <- owner
			}
		}()
	}
	wg.Wait()
	close(wins)
	if n := len(wins); n != 1 {
		t.Errorf("%d replicas took one free lease, want 1", n)
	}
}
