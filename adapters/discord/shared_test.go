package discord

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
)

// sharedStore stands for the store replicas share: kept values and
// claimed keys.
type sharedStore struct {
	mu     sync.Mutex
	vals   map[string]string
	keptAt map[string]time.Time
	claims map[string]bool
}

func newSharedStore() *sharedStore {
	return &sharedStore{vals: map[string]string{}, keptAt: map[string]time.Time{}, claims: map[string]bool{}}
}

func (s *sharedStore) KeepValue(_ context.Context, key, value string, now time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.vals[key] = value
	s.keptAt[key] = now
	return nil
}

func (s *sharedStore) KeptValue(_ context.Context, key string) (string, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.vals[key]
	return v, ok, nil
}

func (s *sharedStore) claim(_ context.Context, key string) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.claims[key] {
		return false, nil
	}
	s.claims[key] = true
	return true, nil
}

var _ bot.ValueKeeper = (*sharedStore)(nil)

// TestButtonsAndReplaysAcrossReplicas: a long button value rendered by
// one replica is served by another (or after a restart); a signed request
// replayed to another replica is refused.
func TestButtonsAndReplaysAcrossReplicas(t *testing.T) {
	s := newSigner(1)
	shared := newSharedStore()
	replica := func(core Core) *Adapter {
		a, _ := newTestAdapter(t, newFakeAPI(t), core, Options{ApplicationID: "app1", PublicKey: s.hex(), Dedupe: shared.claim, Values: shared})
		return a
	}
	core1, core2 := &fakeCore{}, &fakeCore{}
	a1, a2 := replica(core1), replica(core2)
	value := strings.Repeat("why did the harbour bridge close ", 5)
	id := a1.ids.encode(bot.ActionShare, value)
	if !strings.HasPrefix(id, storedPrefix) {
		t.Fatalf("custom_id %q: want a stored value", id)
	}
	w := serve(a2, s.request(clickBody(id), testNow))
	if w.Code != http.StatusOK || strings.Contains(w.Body.String(), "expired") || len(core2.clicks) != 1 || core2.clicks[0] != "share "+value {
		t.Errorf("click on another replica: %d %s, clicks %v", w.Code, w.Body, core2.clicks)
	}
	req := func() *http.Request { return s.request(commandBody("ask", "question", "why"), testNow) }
	if w := serve(a1, req()); w.Code != http.StatusOK {
		t.Fatalf("first request: %d %s", w.Code, w.Body)
	}
	if w := serve(a2, req()); w.Code != http.StatusUnauthorized {
		t.Errorf("replayed request on another replica: %d, want 401", w.Code)
	}
	// the same signature in upper-case hex is the same request
	upper := req()
	upper.Header.Set("X-Signature-Ed25519", strings.ToUpper(upper.Header.Get("X-Signature-Ed25519")))
	if w := serve(a2, upper); w.Code != http.StatusUnauthorized {
		t.Errorf("replay with the signature in upper case: %d, want 401", w.Code)
	}
	if n := len(core1.requests()) + len(core2.requests()); n != 1 {
		t.Errorf("%d requests reached a core, want 1", n)
	}
}

// TestShownButtonValuesStayKept: a long button value this process keeps
// showing is kept in the store again, so the store, which lets go of
// values bot.ValueTTL after they were last kept, never drops one that
// buttons still show; within keepAgainAfter it is not written again.
func TestShownButtonValuesStayKept(t *testing.T) {
	shared := newSharedStore()
	now := time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)
	ids := newButtonIDs()
	ids.keep, ids.now = shared, func() time.Time { return now }
	value := strings.Repeat("why did the harbour bridge close ", 5)
	id := ids.encode(bot.ActionShare, value)
	key := "discord-button:" + id[strings.LastIndex(id, ":")+1:]
	for day := 1; day <= 40; day++ {
		now = now.Add(24 * time.Hour)
		ids.encode(bot.ActionShare, value)
		if got := shared.keptAt[key]; now.Sub(got) >= bot.ValueTTL {
			t.Fatalf("day %d: the store last kept the value at %v, %v ago: pruned while buttons show it", day, got, now.Sub(got))
		}
	}
	before := shared.keptAt[key]
	now = now.Add(time.Hour)
	ids.encode(bot.ActionShare, value)
	if shared.keptAt[key] != before {
		t.Errorf("kept again an hour after the last time")
	}
}

// TestSlowClaimStillAnswers: a shared store that does not answer the
// claim of a request's signature delays the interaction by
// requestClaimWithin at most; it is then answered.
func TestSlowClaimStillAnswers(t *testing.T) {
	s := newSigner(1)
	hang := func(ctx context.Context, _ string) (bool, error) {
		<-ctx.Done()
		return false, ctx.Err()
	}
	core := &fakeCore{}
	a, _ := newTestAdapter(t, newFakeAPI(t), core, Options{ApplicationID: "app1", PublicKey: s.hex(), Dedupe: hang})
	done := make(chan int, 1)
	go func() { done <- serve(a, s.request(commandBody("ask", "question", "why"), testNow)).Code }()
	select {
	case code := <-done:
		if code != http.StatusOK {
			t.Errorf("status %d, want 200", code)
		}
	case <-time.After(requestClaimWithin + 5*time.Second):
		t.Fatal("the interaction waits for the store")
	}
}
