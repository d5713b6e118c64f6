package bot

import (
	"context"
	"testing"
	"time"
)

// claimingStore is a fakeStore that claims events in memory.
type claimingStore struct {
	*fakeStore
	claimed map[string]time.Time
}

func (s *claimingStore) ClaimEvent(ctx context.Context, key string, now time.Time) (bool, error) {
	if _, ok := s.claimed[key]; ok {
		return false, nil
	}
	s.claimed[key] = now
	return true, nil
}

func TestDedupe(t *testing.T) {
	if d := newTestBot(t, Options{}).Dedupe(); d != nil {
		t.Error("a bot without a store dedupes")
	}
	if d := newTestBot(t, Options{Store: newFakeStore()}).Dedupe(); d != nil {
		t.Error("a bot whose store claims no events dedupes")
	}
	s := &claimingStore{fakeStore: newFakeStore(), claimed: map[string]time.Time{}}
	clock := newClock()
	d := newTestBot(t, Options{Store: s, Now: clock.Now}).Dedupe()
	if d == nil {
		t.Fatal("Dedupe = nil with an EventClaimer store")
	}
	ctx := context.Background()
	for i, want := range []bool{true, false} {
		if ok, err := d(ctx, "slack:E1"); err != nil || ok != want {
			t.Errorf("claim %d = %v, %v, want %v", i+1, ok, err, want)
		}
	}
	if at := s.claimed["slack:E1"]; !at.Equal(clock.Now()) {
		t.Errorf("claimed at %v, want the bot's clock %v", at, clock.Now())
	}
}
