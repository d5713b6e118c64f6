package bot

import (
	"context"
	"fmt"
	"sort"
	"time"
)

// PostResult is what PostLatest did.
type PostResult struct {
	Schedule string
	// Slot is the slot posted: the newest fire time not after now.
	Slot time.Time
	// Claimed is false when the slot (or a newer one) was claimed before,
	// by this or another process; nothing new was queued then.
	Claimed bool
	// Empty is true when nothing was new and the schedule skips empty
	// digests: the slot is claimed, nothing is posted.
	Empty bool
	// Delivered lists the targets posted to.
	Delivered []string
	// Failed lists the targets given up on, with the cause.
	Failed []TargetError
	// Pending lists the targets still queued in the outbox for a later
	// retry (by `serve` or the next run).
	Pending []string
}

// TargetError is a target a message could not be delivered to.
type TargetError struct {
	Target string
	Err    string
}

// PostLatest posts the schedule's digest for its latest slot now, unless
// that slot was already claimed, and delivers it synchronously: due outbox
// messages (also older ones) are posted, failed posts are retried with
// backoff up to PostAttempts rounds, waiting with Sleep. What is still
// undelivered stays in the outbox. It fails for an unknown schedule, a
// schedule that never fired yet, and store errors.
func (s *Scheduler) PostLatest(ctx context.Context, name string, now time.Time) (PostResult, error) {
	sc, err := s.schedule(name)
	if err != nil {
		return PostResult{}, err
	}
	res := PostResult{Schedule: name, Slot: sc.cron.Prev(now)}
	if res.Slot.IsZero() {
		return res, fmt.Errorf("schedule %s has no slot before %s", name, now.Format(time.RFC3339))
	}
	c, err := s.claim(ctx, sc, res.Slot, now)
	if err != nil {
		return res, fmt.Errorf("schedule %s: %w", name, err)
	}
	res.Claimed, res.Empty = c.ok, c.empty
	waiting := map[string]bool{}
	for _, t := range c.targets {
		waiting[t] = true
	}
	for round := 0; ; round++ {
		ds, err := s.deliver(ctx, now)
		var next time.Time
		for _, d := range ds {
			if d.msg.Schedule != name || !d.msg.Slot.Equal(res.Slot) || !waiting[d.msg.Target] {
				continue
			}
			switch d.outcome {
			case outcomeDelivered:
				res.Delivered = append(res.Delivered, d.msg.Target)
				delete(waiting, d.msg.Target)
			case outcomeGaveUp:
				res.Failed = append(res.Failed, TargetError{d.msg.Target, d.err.Error()})
				delete(waiting, d.msg.Target)
			case outcomeRetry:
				if next.IsZero() || d.next.Before(next) {
					next = d.next
				}
			}
		}
		if err != nil {
			res.Pending = sortedKeys(waiting)
			return res, fmt.Errorf("schedule %s: %w", name, err)
		}
		if len(waiting) == 0 || round+1 >= s.opts.PostAttempts {
			break
		}
		if next.IsZero() {
			// Ours are leased by another process (or not due): it delivers them.
			break
		}
		if err := s.opts.Sleep(ctx, next.Sub(s.opts.Now())); err != nil {
			res.Pending = sortedKeys(waiting)
			return res, fmt.Errorf("schedule %s: %w", name, err)
		}
		now = s.opts.Now()
		if now.Before(next) {
			now = next
		}
	}
	res.Pending = sortedKeys(waiting)
	return res, nil
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
