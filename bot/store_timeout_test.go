package bot_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
)

// hangingStore is a store whose method named hang does not answer until
// its context is done. Its other calls ignore the context's deadline, so
// that a short StoreTimeout fails only the call that hangs.
type hangingStore struct {
	bot.Store
	mu   sync.Mutex
	hang string
}

func (h *hangingStore) setHang(method string) { h.mu.Lock(); h.hang = method; h.mu.Unlock() }

// hangs waits for ctx when method is the one that hangs.
func (h *hangingStore) hangs(ctx context.Context, method string) bool {
	h.mu.Lock()
	hang := h.hang == method
	h.mu.Unlock()
	if hang {
		<-ctx.Done()
	}
	return hang
}

func (h *hangingStore) LastSlot(ctx context.Context, schedule string) (time.Time, error) {
	if h.hangs(ctx, "LastSlot") {
		return time.Time{}, ctx.Err()
	}
	return h.Store.LastSlot(context.WithoutCancel(ctx), schedule)
}

func (h *hangingStore) SeeArticles(ctx context.Context, ids []string, now time.Time) (map[string]time.Time, error) {
	if h.hangs(ctx, "SeeArticles") {
		return nil, ctx.Err()
	}
	return h.Store.SeeArticles(context.WithoutCancel(ctx), ids, now)
}

func (h *hangingStore) Subscribers(ctx context.Context, issueID string) ([]bot.Subscription, error) {
	if h.hangs(ctx, "Subscribers") {
		return nil, ctx.Err()
	}
	return h.Store.Subscribers(context.WithoutCancel(ctx), issueID)
}

func (h *hangingStore) PruneQueries(ctx context.Context, before time.Time) (int, error) {
	if h.hangs(ctx, "PruneQueries") {
		return 0, ctx.Err()
	}
	return h.Store.PruneQueries(context.WithoutCancel(ctx), before)
}

func (h *hangingStore) Claim(ctx context.Context, c bot.Claim) (bool, error) {
	if h.hangs(ctx, "Claim") {
		return false, ctx.Err()
	}
	return h.Store.Claim(context.WithoutCancel(ctx), c)
}

func (h *hangingStore) Lease(ctx context.Context, owner string, now time.Time, lease time.Duration, limit int) ([]bot.OutboxMessage, error) {
	if h.hangs(ctx, "Lease") {
		return nil, ctx.Err()
	}
	return h.Store.Lease(context.WithoutCancel(ctx), owner, now, lease, limit)
}

func (h *hangingStore) Delivered(ctx context.Context, id int64, platformID string, now time.Time) error {
	if h.hangs(ctx, "Delivered") {
		return ctx.Err()
	}
	return h.Store.Delivered(context.WithoutCancel(ctx), id, platformID, now)
}

func (h *hangingStore) Failed(ctx context.Context, id int64, cause string, next time.Time) error {
	if h.hangs(ctx, "Failed") {
		return ctx.Err()
	}
	return h.Store.Failed(context.WithoutCancel(ctx), id, cause, next)
}

func (h *hangingStore) Pending(ctx context.Context) (int, error) {
	if h.hangs(ctx, "Pending") {
		return 0, ctx.Err()
	}
	return h.Store.Pending(context.WithoutCancel(ctx))
}

func (h *hangingStore) SlotStates(ctx context.Context, schedule string, slot time.Time) ([]bot.TargetState, error) {
	if h.hangs(ctx, "SlotStates") {
		return nil, ctx.Err()
	}
	return h.Store.(bot.SlotReader).SlotStates(context.WithoutCancel(ctx), schedule, slot)
}

// TestStoreThatHangsFailsTheCall: an outbox call the store does not
// answer fails within StoreTimeout with an error saying so, and the
// digest is still posted, once, when the store answers again.
func TestStoreThatHangsFailsTheCall(t *testing.T) {
	tick := func(ctx context.Context, s *bot.Scheduler, now time.Time) error {
		return errors.Join(s.RunDue(ctx, now), s.Deliver(ctx, now))
	}
	postLatest := func(ctx context.Context, s *bot.Scheduler, now time.Time) error {
		_, err := s.PostLatest(ctx, "morning", now)
		return err
	}
	tests := []struct {
		name          string
		hang          string
		run           func(context.Context, *bot.Scheduler, time.Time) error
		claimedBefore bool // the slot is claimed before the store hangs
		failPost      bool // the first post fails
	}{
		{name: "last slot", hang: "LastSlot", run: tick},
		{name: "see articles", hang: "SeeArticles", run: tick},
		{name: "claim", hang: "Claim", run: tick},
		{name: "lease", hang: "Lease", run: tick},
		{name: "delivered", hang: "Delivered", run: tick},
		{name: "failed", hang: "Failed", run: tick, failPost: true},
		{name: "pending", hang: "Pending", run: tick},
		{name: "PostLatest claim", hang: "Claim", run: postLatest},
		{name: "PostLatest delivered", hang: "Delivered", run: postLatest},
		{name: "PostLatest slot states", hang: "SlotStates", run: postLatest, claimedBefore: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, day.Add(9*time.Hour))
			st := &hangingStore{Store: openStore(t, e.path)}
			s, err := bot.NewScheduler(bot.SchedulerOptions{
				Schedules: []bot.ScheduleSpec{daily("morning", "slack:C1")},
				Store:     st, KB: e.kb.Load,
				Posters: map[string]bot.Poster{"slack": e.slack},
				Now:     e.clock.Now, Sleep: e.clock.Sleep, Owner: "a",
				StoreTimeout: time.Millisecond,
			})
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background() // as long-lived as serve's
			if tc.claimedBefore {
				if err := s.RunDue(ctx, e.clock.Now()); err != nil {
					t.Fatal(err)
				}
			}
			if tc.failPost {
				e.slack.script = []error{errors.New("http 502")}
			}
			st.setHang(tc.hang)
			done := make(chan error, 1)
			go func() { done <- tc.run(ctx, s, e.clock.Now()) }()
			select {
			case err = <-done:
			case <-time.After(time.Minute):
				t.Fatalf("the scheduler waits on a %s call that does not answer", tc.hang)
			}
			if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "store did not answer within 1ms") {
				t.Errorf("with %s not answering: err = %v, want the store's time limit", tc.hang, err)
			}

			st.setHang("")
			e.clock.Set(e.clock.Now().Add(bot.DefaultLease)) // a lease taken before has run out
			if err := tick(ctx, s, e.clock.Now()); err != nil {
				t.Fatalf("once the store answers: %v", err)
			}
			if posts := e.slack.Posts(); len(posts) != 1 || posts[0].Target != "C1" {
				t.Errorf("posts once the store answers = %d, want the digest once", len(posts))
			}
			if n, err := st.Pending(ctx); n != 0 || err != nil {
				t.Errorf("pending = %d, %v; want 0", n, err)
			}
		})
	}
}
