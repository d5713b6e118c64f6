// Package storetest is the contract suite every bot.Store implementation
// passes: first-seen times, claiming slots once (also under races between
// connections), leasing the outbox exclusively and recovering expired
// leases (and an owner taking its own back), delivery outcomes,
// subscriptions, feedback, the query log and, for a bot.EventClaimer,
// claiming chat events once (also under races) and, for a bot.Leaser,
// holding a lease alone and handing it over when it expires.
package storetest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
)

// Opener returns a store for t. The first call for a t opens a fresh, empty
// database; later calls for the same t open another connection (another
// pool, as another process would) to that same database. The opener closes
// what it opens when t ends.
type Opener func(t *testing.T) bot.Store

// Run runs the contract suite, each case on a fresh database.
func Run(t *testing.T, open Opener) {
	cases := []struct {
		name string
		run  func(t *testing.T, open Opener)
	}{
		{"FirstSeen", testFirstSeen},
		{"ClaimOnce", testClaimOnce},
		{"ClaimRace", testClaimRace},
		{"LeaseExclusive", testLeaseExclusive},
		{"LeaseExpiry", testLeaseExpiry},
		{"LeaseRace", testLeaseRace},
		{"DeliveredFailed", testDeliveredFailed},
		{"NotFound", testNotFound},
		{"Subscriptions", testSubscriptions},
		{"FeedbackAndQueries", testFeedbackAndQueries},
		{"DeclinedQueries", testDeclinedQueries},
		{"EventClaim", testEventClaim},
		{"EventClaimRace", testEventClaimRace},
		{"PollLease", testPollLease},
		{"PollLeaseRace", testPollLeaseRace},
		{"ReclaimLease", testReclaimLease},
		{"SlotStates", testSlotStates},
		{"KeptValues", testKeptValues},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			defer func() {
				if r := recover(); r != nil {
					se, ok := r.(storeError)
					if !ok {
						panic(r)
					}
					t.Fatal(se.err)
				}
			}()
			c.run(t, open)
		})
	}
}

// t0 is a fixed time with whole seconds (stores keep at least
// microseconds).
var t0 = time.Date(2026, 3, 8, 9, 0, 0, 0, time.UTC)

func msg(target string) bot.OutboxMessage {
	return bot.OutboxMessage{Target: target, Payload: []byte(`{"Title":"` + target + `"}`)}
}

// storeError is a failed store call inside a case; Run turns it into a
// test failure.
type storeError struct{ err error }

// must returns v, or stops the case when err is not nil.
func must[T any](v T, err error) T {
	if err != nil {
		panic(storeError{err})
	}
	return v
}

func pending(t *testing.T, s bot.Store, want int) {
	t.Helper()
	if n := must(s.Pending(context.Background())); n != want {
		t.Errorf("Pending = %d, want %d", n, want)
	}
}

func testFirstSeen(t *testing.T, open Opener) {
	ctx, s := context.Background(), open(t)
	if got := must(s.SeeArticles(ctx, nil, t0)); len(got) != 0 {
		t.Errorf("SeeArticles(nil) = %v, want empty", got)
	}
	got := must(s.SeeArticles(ctx, []string{"a", "b"}, t0))
	t1 := t0.Add(time.Hour).In(time.FixedZone("X", 3600))
	got2 := must(s.SeeArticles(ctx, []string{"b", "c"}, t1))
	for _, c := range []struct {
		m    map[string]time.Time
		id   string
		want time.Time
	}{{got, "a", t0}, {got, "b", t0}, {got2, "b", t0}, {got2, "c", t1}} {
		if !c.m[c.id].Equal(c.want) {
			t.Errorf("first seen of %s = %v, want %v", c.id, c.m[c.id], c.want)
		}
	}
	if len(got2) != 2 {
		t.Errorf("SeeArticles returned %d ids, want 2", len(got2))
	}
	if r, ok := s.(bot.FirstSeenReader); ok {
		got := must(r.FirstSeen(ctx, []string{"a", "c", "never"}))
		if len(got) != 2 || !got["a"].Equal(t0) || !got["c"].Equal(t1) {
			t.Errorf("FirstSeen = %v, want a and c only", got)
		}
		if again := must(s.SeeArticles(ctx, []string{"never"}, t1)); !again["never"].Equal(t1) {
			t.Errorf("FirstSeen recorded an id: %v", again)
		}
	}
	many := make([]string, 1500)
	for i := range many {
		many[i] = fmt.Sprintf("id-%04d", i)
	}
	if got := must(s.SeeArticles(ctx, many, t1)); len(got) != len(many) {
		t.Errorf("SeeArticles(1500 ids) returned %d", len(got))
	}
}

func testClaimOnce(t *testing.T, open Opener) {
	ctx, s := context.Background(), open(t)
	if last := must(s.LastSlot(ctx, "morning")); !last.IsZero() {
		t.Fatalf("LastSlot of a new schedule = %v, want zero", last)
	}
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	slot := t0.In(ny)
	c := bot.Claim{Schedule: "morning", Slot: slot, Now: t0, Messages: []bot.OutboxMessage{msg("slack:C1"), msg("discord:2"), msg("slack:C1")}}
	if !must(s.Claim(ctx, c)) {
		t.Fatal("first Claim = false")
	}
	pending(t, s, 2) // the repeated target is queued once
	if must(s.Claim(ctx, c)) {
		t.Error("second Claim of the same slot = true")
	}
	c.Slot = t0 // the same instant in UTC is the same slot
	if must(s.Claim(ctx, c)) {
		t.Error("Claim of the same instant in another zone = true")
	}
	pending(t, s, 2)
	if last := must(s.LastSlot(ctx, "morning")); !last.Equal(t0) {
		t.Errorf("LastSlot = %v, want %v", last, t0)
	}
	later, earlier := t0.Add(24*time.Hour), t0.Add(-24*time.Hour)
	for _, sl := range []time.Time{later, earlier} {
		if !must(s.Claim(ctx, bot.Claim{Schedule: "morning", Slot: sl, Now: t0})) {
			t.Errorf("Claim of slot %v = false", sl)
		}
	}
	if last := must(s.LastSlot(ctx, "morning")); !last.Equal(later) {
		t.Errorf("LastSlot = %v, want the newest %v", last, later)
	}
	if !must(s.Claim(ctx, bot.Claim{Schedule: "evening", Slot: t0, Now: t0})) {
		t.Error("another schedule's Claim of the same slot = false")
	}
	pending(t, s, 2)
}

func testClaimRace(t *testing.T, open Opener) {
	ctx := context.Background()
	stores := []bot.Store{open(t), open(t)}
	const racers = 8
	var wg sync.WaitGroup
	wins := make(chan int, racers)
	errs := make(chan error, racers)
	start := make(chan struct{})
	for i := range racers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			c := bot.Claim{Schedule: "race", Slot: t0, Now: t0, Messages: []bot.OutboxMessage{msg("slack:C1"), msg("discord:1")}}
			ok, err := stores[i%2].Claim(ctx, c)
			if err != nil {
				errs <- err
				return
			}
			if ok {
				wins <- i
			}
		}()
	}
	close(start)
	wg.Wait()
	close(wins)
	close(errs)
	for err := range errs {
		t.Errorf("Claim: %v", err)
	}
	if n := len(wins); n != 1 {
		t.Errorf("%d racers won the slot, want exactly 1", n)
	}
	pending(t, stores[0], 2)
}

func testLeaseExclusive(t *testing.T, open Opener) {
	ctx, s := context.Background(), open(t)
	other := open(t)
	must(s.Claim(ctx, bot.Claim{Schedule: "m", Slot: t0, Now: t0,
		Messages: []bot.OutboxMessage{msg("slack:A"), msg("slack:B"), msg("slack:C")}}))
	if got := must(s.Lease(ctx, "a", t0.Add(-time.Second), time.Minute, 10)); len(got) != 0 {
		t.Errorf("Lease before the messages are due = %d, want 0", len(got))
	}
	a := must(s.Lease(ctx, "a", t0, time.Minute, 2))
	if len(a) != 2 {
		t.Fatalf("Lease(limit 2) = %d messages", len(a))
	}
	for _, m := range a {
		if m.Schedule != "m" || !m.Slot.Equal(t0) || !m.NextTry.Equal(t0) || m.Attempts != 0 || m.ID == 0 {
			t.Errorf("leased message = %+v", m)
		}
		if want := `{"Title":"` + m.Target + `"}`; !bytes.Equal(m.Payload, []byte(want)) {
			t.Errorf("payload = %s, want %s", m.Payload, want)
		}
	}
	b := must(other.Lease(ctx, "b", t0.Add(30*time.Second), time.Minute, 10))
	if len(b) != 1 || b[0].ID == a[0].ID || b[0].ID == a[1].ID {
		t.Fatalf("second owner leased %+v, want only the third message", b)
	}
	if got := must(s.Lease(ctx, "c", t0.Add(59*time.Second), time.Minute, 10)); len(got) != 0 {
		t.Errorf("Lease while everything is leased = %d, want 0", len(got))
	}
	// The same owner (a restarted process) takes its own leases back.
	if got := must(other.Lease(ctx, "a", t0.Add(40*time.Second), time.Minute, 10)); len(got) != 2 {
		t.Errorf("owner re-leasing its own messages got %d, want 2", len(got))
	}
	if got := must(s.Lease(ctx, "c", t0.Add(90*time.Second), time.Minute, 10)); len(got) != 1 || got[0].ID != b[0].ID {
		t.Errorf("after b's lease ran out, c leased %+v, want b's message only (a renewed its leases)", got)
	}
	pending(t, s, 3)
}

func testLeaseExpiry(t *testing.T, open Opener) {
	ctx, s := context.Background(), open(t)
	exp := t0.Add(6 * time.Hour)
	m := msg("slack:A")
	m.ExpiresAt = exp
	must(s.Claim(ctx, bot.Claim{Schedule: "m", Slot: t0, Now: t0, Messages: []bot.OutboxMessage{m}}))
	first := must(s.Lease(ctx, "crashed", t0, time.Minute, 10))
	if len(first) != 1 || !first[0].ExpiresAt.Equal(exp) {
		t.Fatalf("Lease = %+v", first)
	}
	// The owner dies without a word; after the lease runs out another
	// process takes the message over.
	if got := must(s.Lease(ctx, "next", t0.Add(time.Minute-time.Second), time.Minute, 10)); len(got) != 0 {
		t.Fatalf("re-leased before the lease ran out: %+v", got)
	}
	s2 := open(t)
	again := must(s2.Lease(ctx, "next", t0.Add(time.Minute), time.Minute, 10))
	if len(again) != 1 || again[0].ID != first[0].ID {
		t.Fatalf("Lease after expiry = %+v, want message %d", again, first[0].ID)
	}
	if err := s2.Delivered(ctx, again[0].ID, "p1", t0.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	pending(t, s, 0)
	if got := must(s.Lease(ctx, "crashed", t0.Add(time.Hour), time.Minute, 10)); len(got) != 0 {
		t.Errorf("a delivered message was leased again: %+v", got)
	}
}

func testLeaseRace(t *testing.T, open Opener) {
	ctx := context.Background()
	stores := []bot.Store{open(t), open(t)}
	var msgs []bot.OutboxMessage
	for i := range 20 {
		msgs = append(msgs, msg(fmt.Sprintf("slack:C%02d", i)))
	}
	must(stores[0].Claim(ctx, bot.Claim{Schedule: "m", Slot: t0, Now: t0, Messages: msgs}))
	var mu sync.Mutex
	seen := map[int64]string{}
	var wg sync.WaitGroup
	for i := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			owner := fmt.Sprintf("owner%d", i)
			for {
				got, err := stores[i%2].Lease(ctx, owner, t0, time.Minute, 3)
				if err != nil {
					t.Errorf("Lease: %v", err)
					return
				}
				if len(got) == 0 {
					return
				}
				mu.Lock()
				for _, m := range got {
					if prev, dup := seen[m.ID]; dup {
						t.Errorf("message %d leased by %s and %s", m.ID, prev, owner)
					}
					seen[m.ID] = owner
				}
				mu.Unlock()
				for _, m := range got {
					if err := stores[i%2].Delivered(ctx, m.ID, "", t0); err != nil {
						t.Errorf("Delivered: %v", err)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	if len(seen) != len(msgs) {
		t.Errorf("%d messages leased, want %d", len(seen), len(msgs))
	}
}

func testDeliveredFailed(t *testing.T, open Opener) {
	ctx, s := context.Background(), open(t)
	must(s.Claim(ctx, bot.Claim{Schedule: "m", Slot: t0, Now: t0,
		Messages: []bot.OutboxMessage{msg("slack:ok"), msg("slack:retry"), msg("slack:dead")}}))
	got := must(s.Lease(ctx, "a", t0, time.Minute, 10))
	if len(got) != 3 {
		t.Fatalf("Lease = %d messages, want 3", len(got))
	}
	sort.Slice(got, func(i, j int) bool { return got[i].Target < got[j].Target })
	dead, ok, retry := got[0], got[1], got[2]
	next := t0.Add(2 * time.Minute)
	if err := s.Delivered(ctx, ok.ID, "1700000000.000100", t0); err != nil {
		t.Fatal(err)
	}
	if err := s.Failed(ctx, retry.ID, "http 500", next); err != nil {
		t.Fatal(err)
	}
	if err := s.Failed(ctx, dead.ID, "channel_not_found", time.Time{}); err != nil {
		t.Fatal(err)
	}
	pending(t, s, 1)
	if got := must(s.Lease(ctx, "a", next.Add(-time.Second), time.Minute, 10)); len(got) != 0 {
		t.Errorf("Lease before the retry time = %+v", got)
	}
	again := must(s.Lease(ctx, "b", next, time.Minute, 10))
	if len(again) != 1 || again[0].ID != retry.ID || again[0].Attempts != 1 || again[0].LastError != "http 500" || !again[0].NextTry.Equal(next) {
		t.Fatalf("Lease at the retry time = %+v", again)
	}
	if err := s.Failed(ctx, retry.ID, "http 429", next.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	again = must(s.Lease(ctx, "b", next.Add(time.Minute), time.Minute, 10))
	if len(again) != 1 || again[0].Attempts != 2 || again[0].LastError != "http 429" {
		t.Fatalf("second retry = %+v", again)
	}
	if err := s.Delivered(ctx, again[0].ID, "", next.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	pending(t, s, 0)
	if got := must(s.Lease(ctx, "c", t0.Add(48*time.Hour), time.Minute, 10)); len(got) != 0 {
		t.Errorf("delivered or given-up messages leased again: %+v", got)
	}
	// A future NextTry given at claim time is honoured.
	later := msg("slack:later")
	later.NextTry = t0.Add(time.Hour)
	must(s.Claim(ctx, bot.Claim{Schedule: "m", Slot: t0.Add(time.Hour), Now: t0, Messages: []bot.OutboxMessage{later}}))
	if got := must(s.Lease(ctx, "c", t0.Add(time.Minute), time.Minute, 10)); len(got) != 0 {
		t.Errorf("message leased before its NextTry: %+v", got)
	}
	pending(t, s, 1)
}

func testNotFound(t *testing.T, open Opener) {
	ctx, s := context.Background(), open(t)
	if err := s.Delivered(ctx, 424242, "x", t0); !errors.Is(err, bot.ErrNotFound) {
		t.Errorf("Delivered(unknown) = %v, want ErrNotFound", err)
	}
	if err := s.Failed(ctx, 424242, "x", t0); !errors.Is(err, bot.ErrNotFound) {
		t.Errorf("Failed(unknown) = %v, want ErrNotFound", err)
	}
	if err := s.Ping(ctx); err != nil {
		t.Errorf("Ping = %v", err)
	}
}

func testSubscriptions(t *testing.T, open Opener) {
	ctx, s := context.Background(), open(t)
	a := bot.Subscription{Platform: "slack", UserID: "U1", IssueID: "grain", Created: t0}
	b := bot.Subscription{Platform: "discord", UserID: "42", ChannelID: "900", IssueID: "grain", Created: t0.Add(time.Minute)}
	c := bot.Subscription{Platform: "slack", UserID: "U1", IssueID: "talks", Created: t0.Add(2 * time.Minute)}
	for _, sub := range []bot.Subscription{a, b, c, a} {
		if err := s.Subscribe(ctx, sub); err != nil {
			t.Fatalf("Subscribe(%+v) = %v", sub, err)
		}
	}
	subs := must(s.Subscribers(ctx, "grain"))
	if len(subs) != 2 || subs[0].UserID != "U1" || subs[1].UserID != "42" || subs[1].ChannelID != "900" || !subs[1].Created.Equal(b.Created) {
		t.Errorf("Subscribers(grain) = %+v", subs)
	}
	if subs := must(s.Subscribers(ctx, "none")); len(subs) != 0 {
		t.Errorf("Subscribers(none) = %+v", subs)
	}
	mine := must(s.SubscriptionsOf(ctx, "slack", "U1"))
	if len(mine) != 2 || mine[0].IssueID != "grain" || mine[1].IssueID != "talks" {
		t.Errorf("SubscriptionsOf(slack, U1) = %+v", mine)
	}
	if subs := must(s.SubscriptionsOf(ctx, "discord", "U1")); len(subs) != 0 {
		t.Errorf("SubscriptionsOf(discord, U1) = %+v: platforms must not mix", subs)
	}
	if !must(s.Unsubscribe(ctx, a)) {
		t.Error("Unsubscribe of an existing subscription = false")
	}
	if must(s.Unsubscribe(ctx, a)) {
		t.Error("second Unsubscribe = true")
	}
	if subs := must(s.Subscribers(ctx, "grain")); len(subs) != 1 || subs[0].UserID != "42" {
		t.Errorf("Subscribers(grain) after unsubscribe = %+v", subs)
	}
}

func testFeedbackAndQueries(t *testing.T, open Opener) {
	ctx, s := context.Background(), open(t)
	for _, f := range []bot.Feedback{
		{Platform: "slack", UserHash: "h1", Question: "what is the plan?", Kind: "faq", Helpful: true, At: t0},
		{Platform: "discord", UserHash: "h2", Question: "what is the plan?", Kind: "faq", Helpful: false, At: t0},
	} {
		if err := s.RecordFeedback(ctx, f); err != nil {
			t.Fatalf("RecordFeedback = %v", err)
		}
	}
	for i, age := range []time.Duration{72 * time.Hour, 48 * time.Hour, time.Hour, 0} {
		q := bot.QueryLog{Platform: "slack", UserHash: "h", Question: fmt.Sprint("q", i), Kind: "none", Confidence: 0.2, At: t0.Add(-age)}
		if err := s.LogQuery(ctx, q); err != nil {
			t.Fatalf("LogQuery = %v", err)
		}
	}
	if n := must(s.PruneQueries(ctx, t0.Add(-24*time.Hour))); n != 2 {
		t.Errorf("PruneQueries(1 day) = %d, want 2", n)
	}
	if n := must(s.PruneQueries(ctx, t0.Add(-24*time.Hour))); n != 0 {
		t.Errorf("second PruneQueries = %d, want 0", n)
	}
	if n := must(s.PruneQueries(ctx, t0.Add(time.Second))); n != 2 {
		t.Errorf("PruneQueries(now) = %d, want 2", n)
	}
}
