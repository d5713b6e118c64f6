package storetest

import (
	"context"
	"fmt"
	"strings"
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

// testReclaimLease: a restarted replica takes back the lease of its
// previous run (same prefix) before it runs out, and no other's.
func testReclaimLease(t *testing.T, open Opener) {
	ctx := context.Background()
	a := leaser(t, open(t))
	ttl := 30 * time.Second
	if must(a.ReclaimLease(ctx, bot.PollLease, "h/:8080/", "h/:8080/2", t0, ttl)) {
		t.Error("a lease no one holds was reclaimed")
	}
	must(a.HoldLease(ctx, bot.PollLease, "h/:8080/1", t0, ttl))
	if must(a.ReclaimLease(ctx, bot.PollLease, "h/:8081/", "h/:8081/2", t0.Add(time.Second), ttl)) {
		t.Error("another replica's lease was reclaimed")
	}
	if must(a.ReclaimLease(ctx, bot.PollLease, "h/:8080/", "h/:8080/1", t0.Add(time.Second), ttl)) {
		t.Error("the holder reclaimed its own lease (HoldLease renews it)")
	}
	if !must(a.ReclaimLease(ctx, bot.PollLease, "h/:8080/", "h/:8080/2", t0.Add(2*time.Second), ttl)) {
		t.Fatal("the lease of the previous run was not reclaimed")
	}
	if must(a.HoldLease(ctx, bot.PollLease, "h/:8080/1", t0.Add(3*time.Second), ttl)) {
		t.Error("the previous run still renews the reclaimed lease")
	}
	if !must(a.HoldLease(ctx, bot.PollLease, "h/:8080/2", t0.Add(4*time.Second), ttl)) {
		t.Error("the new run cannot renew the lease it reclaimed")
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

func testSlotStates(t *testing.T, open Opener) {
	ctx, s := context.Background(), open(t)
	r, ok := s.(bot.SlotReader)
	if !ok {
		t.Skipf("%T is no bot.SlotReader", s)
	}
	if got := must(r.SlotStates(ctx, "m", t0)); len(got) != 0 {
		t.Errorf("states of an unclaimed slot = %+v", got)
	}
	must(s.Claim(ctx, bot.Claim{Schedule: "m", Slot: t0, Now: t0,
		Messages: []bot.OutboxMessage{msg("slack:ok"), msg("slack:retry"), msg("slack:dead")}}))
	must(s.Claim(ctx, bot.Claim{Schedule: "m", Slot: t0.Add(time.Hour), Now: t0, Messages: []bot.OutboxMessage{msg("slack:later")}}))
	got := must(s.Lease(ctx, "a", t0, time.Minute, 10))
	for _, m := range got {
		switch m.Target {
		case "slack:ok":
			must(0, s.Delivered(ctx, m.ID, "1", t0))
		case "slack:retry":
			must(0, s.Failed(ctx, m.ID, "http 500", t0.Add(time.Minute)))
		case "slack:dead":
			must(0, s.Failed(ctx, m.ID, "channel_not_found", time.Time{}))
		}
	}
	want := []bot.TargetState{
		{Target: "slack:dead", State: bot.StateFailed, Attempts: 1, LastError: "channel_not_found"},
		{Target: "slack:ok", State: bot.StateDelivered},
		{Target: "slack:retry", State: bot.StatePending, Attempts: 1, LastError: "http 500"},
	}
	if got := must(r.SlotStates(ctx, "m", t0)); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("SlotStates = %+v\nwant %+v", got, want)
	}
}

func testKeptValues(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	k, ok := s.(bot.ValueKeeper)
	if !ok {
		t.Skipf("%T is no bot.ValueKeeper", s)
	}
	other := open(t).(bot.ValueKeeper)
	if _, found := must2(k.KeptValue(ctx, "share:abc")); found {
		t.Error("a value never kept was found")
	}
	long := strings.Repeat("why did the harbour bridge close ", 10)
	must(0, k.KeepValue(ctx, "share:abc", long, t0))
	if v, found := must2(other.KeptValue(ctx, "share:abc")); !found || v != long {
		t.Errorf("KeptValue from another connection = %q, %v", v, found)
	}
	must(0, k.KeepValue(ctx, "share:abc", long, t0.Add(time.Hour))) // kept again: no error
	// a value is pruned once older than ValueTTL, on a later KeepValue
	must(0, k.KeepValue(ctx, "share:new", "x", t0.Add(bot.ValueTTL+2*time.Hour)))
	must(0, other.KeepValue(ctx, "share:new2", "y", t0.Add(bot.ValueTTL+3*time.Hour)))
	if _, found := must2(k.KeptValue(ctx, "share:abc")); found {
		t.Error("a value older than ValueTTL was not pruned")
	}
}

func must2[T any](v T, ok bool, err error) (T, bool) {
	if err != nil {
		panic(storeError{err})
	}
	return v, ok
}
