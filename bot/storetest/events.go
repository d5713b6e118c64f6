package storetest

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
)

// claimer returns s as a bot.EventClaimer, or skips t when it is none (the
// capability is optional).
func claimer(t *testing.T, s bot.Store) bot.EventClaimer {
	t.Helper()
	c, ok := s.(bot.EventClaimer)
	if !ok {
		t.Skipf("%T is no bot.EventClaimer", s)
	}
	return c
}

func testEventClaim(t *testing.T, open Opener) {
	ctx := context.Background()
	s := claimer(t, open(t))
	other := claimer(t, open(t))
	ttl := bot.EventClaimTTL
	for _, c := range []struct {
		name  string
		store bot.EventClaimer
		key   string
		at    time.Time
		want  bool
	}{
		{"first claim", s, "slack:E1", t0, true},
		{"second claim", s, "slack:E1", t0, false},
		{"claim from another connection", other, "slack:E1", t0.Add(time.Second), false},
		{"another key", other, "discord:1", t0, true},
		{"keys are case-sensitive", s, "slack:e1", t0, true},
		{"just before expiry", other, "slack:E1", t0.Add(ttl - time.Second), false},
		{"after expiry", other, "slack:E1", t0.Add(ttl + time.Second), true},
		{"claimed again after expiry", s, "slack:E1", t0.Add(ttl + 2*time.Second), false},
		{"an expired key long after", s, "discord:1", t0.Add(3 * ttl), true},
	} {
		if got := must(c.store.ClaimEvent(ctx, c.key, c.at)); got != c.want {
			t.Errorf("%s: ClaimEvent(%s, %s) = %v, want %v", c.name, c.key, c.at.Format(time.TimeOnly), got, c.want)
		}
	}
}

func testEventClaimRace(t *testing.T, open Opener) {
	ctx := context.Background()
	stores := []bot.EventClaimer{claimer(t, open(t)), claimer(t, open(t))}
	const racers, keys = 8, 5
	var wg sync.WaitGroup
	wins := make(chan string, racers*keys)
	errs := make(chan error, racers*keys)
	start := make(chan struct{})
	for i := range racers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			for k := range keys {
				key := fmt.Sprintf("discord:%d", k)
				ok, err := stores[i%2].ClaimEvent(ctx, key, t0.Add(time.Duration(i)*time.Millisecond))
				if err != nil {
					errs <- err
					continue
				}
				if ok {
					wins <- key
				}
			}
		}()
	}
	close(start)
	wg.Wait()
	close(wins)
	close(errs)
	for err := range errs {
		t.Errorf("ClaimEvent: %v", err)
	}
	won := map[string]int{}
	for k := range wins {
		won[k]++
	}
	for k := range keys {
		key := fmt.Sprintf("discord:%d", k)
		if won[key] != 1 {
			t.Errorf("%s was won by %d racers, want exactly 1", key, won[key])
		}
	}
}
