package bot

import (
	"context"
	"time"
)

// PollLease is the name of the lease held by the replica that polls the
// feeds; the others read what it stores.
const PollLease = "feeds"

// Leaser is a Store that hands out named leases, so that of several
// replicas sharing the store one at a time does a job (polling the
// feeds), and another takes over when the holder stops renewing.
// bot/sqlite and bot/postgres are Leasers.
type Leaser interface {
	// HoldLease takes the lease name for owner until now+ttl, or renews
	// it when owner holds it. It returns false, changing nothing, when
	// another owner holds it until after now. Of concurrent calls for a
	// free lease, exactly one returns true.
	HoldLease(ctx context.Context, name, owner string, now time.Time, ttl time.Duration) (bool, error)
	// DropLease gives the lease up when owner holds it, so another can
	// take it at once; it does nothing otherwise.
	DropLease(ctx context.Context, name, owner string) error
	// ReclaimLease takes the lease name for owner until now+ttl when
	// another owner whose name starts with prefix holds it, however long
	// it still runs: a replica restarted after a crash takes back the
	// lease of its previous run. It returns false, changing nothing,
	// otherwise.
	ReclaimLease(ctx context.Context, name, prefix, owner string, now time.Time, ttl time.Duration) (bool, error)
}

// ValueTTL is how long a kept value (a long button value) is kept after
// it was last kept.
const ValueTTL = 30 * 24 * time.Hour

// ValueKeeper is a Store that keeps short strings under keys, shared by
// replicas and across restarts: the Discord adapter keeps there a button
// value too long for its custom_id, so a click on any replica, even after
// a restart, finds it. bot/sqlite and bot/postgres are ValueKeepers.
type ValueKeeper interface {
	// KeepValue keeps value under key at now (keeping it again renews
	// it). Values older than ValueTTL are pruned now and then.
	KeepValue(ctx context.Context, key, value string, now time.Time) error
	// KeptValue returns the value kept under key; false when there is
	// none (never kept, or pruned).
	KeptValue(ctx context.Context, key string) (string, bool, error)
}

// Values returns the bot's store as a ValueKeeper, or nil when it has no
// store or its store keeps no values.
func (b *Bot) Values() ValueKeeper {
	v, _ := b.store.(ValueKeeper)
	return v
}
