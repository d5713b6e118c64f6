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
	// Targets is the state of every target of the slot after this run,
	// including those an earlier run (or serve) delivered; empty when the
	// store cannot tell (no SlotReader).
	Targets []TargetState `json:",omitempty"`
}

// Target states in TargetState.State.
const (
	StateDelivered = "delivered"
	StatePending   = "pending"
	StateFailed    = "failed"
)

// TargetState is where one outbox message of a slot stands.
type TargetState struct {
	Target    string
	State     string // StateDelivered, StatePending or StateFailed
	Attempts  int    // failed attempts so far
	LastError string `json:",omitempty"`
}

// SlotReader is a Store that can tell the state of a slot's outbox
// messages, so a rerun of a slot reports every target and delivers
// what an earlier, interrupted run left. bot/sqlite and bot/postgres are
// SlotReaders.
type SlotReader interface {
	// SlotStates returns the state of each outbox message of the slot,
	// by target; none when the slot was not claimed.
	SlotStates(ctx context.Context, schedule string, slot time.Time) ([]TargetState, error)
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
//
// A slot claimed before is not claimed again, but its messages still
// pending (an earlier run was interrupted) are delivered now; with a
// SlotReader, Targets reports every target of the slot.
func (s *Scheduler) PostLatest(ctx context.Context, name string, now time.Time) (res PostResult, err error) {
	sc, err := s.schedule(name)
	if err != nil {
		return PostResult{}, err
	}
	res = PostResult{Schedule: name, Slot: sc.cron.Prev(now)}
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
	sr, _ := s.opts.Store.(SlotReader)
	if !c.ok && sr != nil {
		// claimed before: deliver and report what that run left
		var states []TargetState
		err := s.storeCall(ctx, func(ctx context.Context) (err error) {
			states, err = sr.SlotStates(ctx, name, res.Slot)
			return err
		})
		if err != nil {
			return res, fmt.Errorf("schedule %s: %w", name, err)
		}
		for _, st := range states {
			if st.State == StatePending {
				waiting[st.Target] = true
			}
		}
	}
	defer func() {
		if sr == nil {
			return
		}
		var states []TargetState
		if err := s.storeCall(context.WithoutCancel(ctx), func(ctx context.Context) (err error) {
			states, err = sr.SlotStates(ctx, name, res.Slot)
			return err
		}); err == nil {
			res.Targets = states
		}
	}()
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
