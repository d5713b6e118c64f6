package bot

import (
	"context"
	"time"
)

// EventClaimTTL is how long a claimed event key is remembered. Slack
// redelivers an unacknowledged Socket Mode envelope within minutes and a
// Discord interaction can be answered for 15 minutes, so an hour covers
// every redelivery with room to spare.
const EventClaimTTL = time.Hour

// EventClaimer is a Store that can claim a chat event for one process, so
// that replicas sharing the store answer an event delivered to several of
// them (a Socket Mode envelope redelivered to another connection, a
// gateway interaction every session receives) once. bot/sqlite and
// bot/postgres are EventClaimers.
type EventClaimer interface {
	// ClaimEvent claims key at now. It returns true when this call is the
	// first to claim key, false when key was claimed before (by this or
	// another process) less than EventClaimTTL before now. Of concurrent
	// calls for one key, exactly one returns true. Claims older than
	// EventClaimTTL count as never made and are pruned now and then.
	ClaimEvent(ctx context.Context, key string, now time.Time) (bool, error)
}

// Dedupe returns a func that claims an event key in the bot's store at the
// bot's clock (see EventClaimer), for the adapters' Dedupe options; nil
// when the bot has no store or its store claims no events (then every
// replica answers what it receives).
func (b *Bot) Dedupe() func(ctx context.Context, key string) (bool, error) {
	c, ok := b.store.(EventClaimer)
	if !ok {
		return nil
	}
	return func(ctx context.Context, key string) (bool, error) {
		return c.ClaimEvent(ctx, key, b.now())
	}
}
