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
}
