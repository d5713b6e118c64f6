package storetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
)

// Benchmark measures the store operations the scheduler runs per slot on
// s, which must be empty: recording the first-seen times of a 5,000
// article corpus (all already seen, the steady state), and claiming a slot
// with two messages, leasing and delivering them; and, for a
// bot.EventClaimer, claiming a new event key.
func Benchmark(b *testing.B, s bot.Store) {
	ctx := context.Background()
	ids := make([]string, 5000)
	for i := range ids {
		ids[i] = fmt.Sprintf("%012x", i*7919)
	}
	if _, err := s.SeeArticles(ctx, ids, t0); err != nil {
		b.Fatal(err)
	}
	b.Run("SeeArticles5000", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.SeeArticles(ctx, ids, t0.Add(time.Hour)); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("ClaimLeaseDeliver", func(b *testing.B) {
		i := 0
		for b.Loop() {
			slot := t0.Add(time.Duration(i) * time.Minute)
			i++
			c := bot.Claim{Schedule: "bench", Slot: slot, Now: slot, Messages: []bot.OutboxMessage{msg("slack:C1"), msg("discord:2")}}
			if ok, err := s.Claim(ctx, c); err != nil || !ok {
				b.Fatalf("Claim = %v, %v", ok, err)
			}
			ms, err := s.Lease(ctx, "bench", slot, time.Minute, 10)
			if err != nil || len(ms) != 2 {
				b.Fatalf("Lease = %d, %v", len(ms), err)
			}
			for _, m := range ms {
				if err := s.Delivered(ctx, m.ID, "x", slot); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	if c, ok := s.(bot.EventClaimer); ok {
		b.Run("ClaimEvent", func(b *testing.B) {
			i := 0
			for b.Loop() {
				i++
				if ok, err := c.ClaimEvent(ctx, fmt.Sprintf("bench:%d", i), t0.Add(time.Duration(i)*time.Millisecond)); err != nil || !ok {
					b.Fatalf("ClaimEvent = %v, %v", ok, err)
				}
			}
		})
	}
}
